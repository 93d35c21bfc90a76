"""The guide editor (managers only): every field validates with its message beside it, and the
saved guide becomes a new version with the reason recorded in the audit log."""

from PySide6.QtCore import QModelIndex, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.catalog.guide import (
    Guide,
    MaterialForm,
    MaterialSpec,
    MatterGuide,
    MatterType,
    ReviewMode,
    SpecialStepKind,
    SpecialStepSpec,
    review_mode_label,
)
from app.catalog.service import CatalogService, DepartmentInfo
from app.errors import DomainError, ValidationFailed
from ui.catalog.records_model import Column, RecordsModel
from ui.message import error_line
from ui.screen_fit import fit_to_screen
from ui.widgets import confirm

MATERIAL_COLUMNS = [
    Column("name", "材料名称"),
    Column("form", "形式", choices=tuple(MaterialForm)),
    Column("copies", "份数", "int"),
    Column("required", "必需", "bool"),
    Column("condition", "适用情形"),
    Column("format_rules", "格式要求"),
    Column("sample_text", "示范文本"),
    Column("common_errors", "常见错误（以；分隔）", "list"),
    Column("tolerance_eligible", "可容缺", "bool"),
    Column("shared_key", "共用标识"),
]
MATERIAL_BLANK = MaterialSpec(name="", form=MaterialForm.ORIGINAL, copies=1, required=True)
STEP_COLUMNS = [
    Column("kind", "环节类型", choices=tuple(SpecialStepKind)),
    Column("legal_basis", "法律依据"),
    Column("limit_days", "时限（工作日）", "int"),
]
STEP_BLANK = SpecialStepSpec(kind=SpecialStepKind.SITE_INSPECTION, legal_basis="", limit_days=10)


class _ChoiceDelegate(QStyledItemDelegate):
    def __init__(self, choices: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItems(list(self.choices))
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentText(str(index.data()))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())


def _table(model: RecordsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setMinimumHeight(180)
    for i, col in enumerate(model.columns):
        if col.choices:
            view.setItemDelegateForColumn(i, _ChoiceDelegate(col.choices, view))
    view.resizeColumnsToContents()
    return view


class GuideEditor(QDialog):
    def __init__(
        self,
        service: CatalogService,
        actor: Actor,
        departments: list[DepartmentInfo],
        current: MatterGuide | None,
        parent=None,
    ):
        super().__init__(parent)
        self.service, self.actor, self.current = service, actor, current
        self.saved: MatterGuide | None = None
        self.setWindowTitle(f"编辑办事指南 · {current.guide.name}" if current else "新建事项")
        fit_to_screen(self, QSize(1100, 860))
        self.errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}

        self.code = QLineEdit()
        self.name = QLineEdit()
        self.department = QComboBox()
        for d in departments:
            self.department.addItem(d.name, d.code)
        self.type = QComboBox()
        self.type.addItems(list(MatterType))
        self.review_mode = QComboBox()
        self.review_mode.addItems(list(ReviewMode))  # base modes: special steps are added to them below
        self.shown_as = QLabel()  # 特别程序, once special steps are registered
        self.legal_basis = QPlainTextEdit()
        self.conditions = QPlainTextEdit()
        self.fees = QLineEdit()
        self.statutory = QSpinBox(maximum=365, suffix=" 个工作日")
        self.promised = QSpinBox(maximum=365, suffix=" 个工作日")
        self.on_the_spot = QCheckBox("即办件")
        self.commitment = QCheckBox("可告知承诺")
        self.in_hall = QCheckBox("进驻大厅")
        self.negative = QLineEdit(placeholderText="未进驻大厅时必填：批准文件")
        self.place = QLineEdit()
        self.phone = QLineEdit()
        self.reason = QLineEdit(placeholderText="必填：为什么修改（记入审计日志）")
        for box in (self.legal_basis, self.conditions):
            box.setFixedHeight(70)

        self.materials: RecordsModel[MaterialSpec] = RecordsModel(MATERIAL_COLUMNS, MATERIAL_BLANK, self)
        self.steps: RecordsModel[SpecialStepSpec] = RecordsModel(STEP_COLUMNS, STEP_BLANK, self)
        for changed in (self.steps.modelReset, self.steps.rowsInserted, self.steps.rowsRemoved, self.steps.dataChanged):
            changed.connect(self._show_mode)
        self.review_mode.currentTextChanged.connect(self._show_mode)
        mode = QWidget()
        mode_layout = QHBoxLayout(mode)
        mode_layout.setContentsMargins(0, 0, 0, 0)
        mode_layout.addWidget(self.review_mode)
        mode_layout.addWidget(self.shown_as, 1)
        mode.setFocusProxy(self.review_mode)

        form = QFormLayout()
        self._row(form, "事项编码", self.code, "code")
        self._row(form, "事项名称", self.name, "name")
        self._row(form, "实施部门", self.department, "department")
        self._row(form, "事项类型", self.type, "type")
        self._row(form, "审批环节模式", mode, "review_mode")
        self._row(form, "设定依据", self.legal_basis, "legal_basis")
        self._row(form, "受理条件", self.conditions, "conditions")
        self._row(form, "收费标准", self.fees, "fees")
        self._row(form, "法定时限", self.statutory, "statutory_limit_days")
        self._row(form, "承诺时限", self.promised, "promised_limit_days")
        flags = QWidget()
        flag_layout = QHBoxLayout(flags)
        flag_layout.setContentsMargins(0, 0, 0, 0)
        for flag in (self.on_the_spot, self.commitment, self.in_hall):
            flag_layout.addWidget(flag)
        self._row(form, "办理方式", flags, "on_the_spot")
        self._row(form, "负面清单批准", self.negative, "negative_list_approval")
        self._row(form, "办理地点", self.place, "handling_place")
        self._row(form, "咨询电话", self.phone, "contact_phone")
        self._row(form, "申请材料", self._records_box(self.materials, "添加材料"), "materials")
        self._row(form, "特殊环节", self._records_box(self.steps, "添加特殊环节"), "special_steps")
        self._row(form, "修改原因", self.reason, "reason")

        body = QWidget()
        body.setLayout(form)
        scroll = self.scroll_area = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.summary = error_line()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存为新版本")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._fill(current.guide if current else None)
        self._show_mode()
        self.opened_as = self.guide()  # what 取消 compares with before it throws edits away
        # Replaceable (tests): asked before edits are thrown away; True to throw them away.
        self.ask_discard = lambda: confirm(
            self, "放弃修改", "办事指南有未保存的修改，确定放弃吗？", "放弃修改", keep="继续编辑"
        )

    def reject(self) -> None:
        """取消, Esc or closing the window: edits are thrown away only once confirmed."""
        if self.guide() != self.opened_as and not self.ask_discard():
            return
        super().reject()

    def _row(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        error = error_line(hidden=True)
        self.errors[key] = error
        self.inputs[key] = widget
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        layout.addWidget(error)
        form.addRow(label, box)

    def _records_box(self, model: RecordsModel, add_label: str) -> QWidget:
        view = _table(model)
        add, remove = QPushButton(add_label), QPushButton("删除选中行")
        add.clicked.connect(lambda: _edit_new_row(view, model.index(model.add(), 0)))
        remove.clicked.connect(lambda: model.remove(view.currentIndex().row()))
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch()
        layout.addLayout(bar)
        return box

    def _show_mode(self) -> None:
        kinds = [r.kind for r in self.steps.records]
        label = review_mode_label(self.review_mode.currentText(), kinds)
        self.shown_as.setText(f"显示为：{label}" if kinds else "登记特殊环节后显示为“特别程序”")

    def _fill(self, g: Guide | None) -> None:
        self.in_hall.setChecked(True)
        if g is None:
            return
        self.code.setText(g.code)
        self.code.setReadOnly(True)
        self.name.setText(g.name)
        self.department.setCurrentIndex(max(0, self.department.findData(g.department)))
        self.type.setCurrentText(g.type)
        self.review_mode.setCurrentText(g.review_mode)
        self.legal_basis.setPlainText(g.legal_basis)
        self.conditions.setPlainText(g.conditions)
        self.fees.setText(g.fees)
        self.statutory.setValue(g.statutory_limit_days)
        self.promised.setValue(g.promised_limit_days)
        self.on_the_spot.setChecked(g.on_the_spot)
        self.commitment.setChecked(g.commitment_eligible)
        self.in_hall.setChecked(g.in_hall)
        self.negative.setText(g.negative_list_approval or "")
        self.place.setText(g.handling_place)
        self.phone.setText(g.contact_phone)
        self.materials.set_records(g.materials)
        self.steps.set_records(g.special_steps)

    def guide(self) -> Guide:
        """As entered: the service checks each field (app.catalog.validation)."""
        return Guide(
            code=self.code.text().strip().upper(),
            name=self.name.text().strip(),
            department=self.department.currentData() or "",
            type=self.type.currentText(),
            legal_basis=self.legal_basis.toPlainText().strip(),
            conditions=self.conditions.toPlainText().strip(),
            fees=self.fees.text().strip(),
            statutory_limit_days=self.statutory.value(),
            promised_limit_days=self.promised.value(),
            review_mode=self.review_mode.currentText(),
            on_the_spot=self.on_the_spot.isChecked(),
            commitment_eligible=self.commitment.isChecked(),
            in_hall=self.in_hall.isChecked(),
            negative_list_approval=self.negative.text().strip() or None,
            handling_place=self.place.text().strip(),
            contact_phone=self.phone.text().strip(),
            materials=tuple(self.materials.records),
            special_steps=tuple(self.steps.records),
        )

    def save(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.summary.clear()
        try:
            self.saved = self.service.save_guide(self.actor, self.guide(), self.reason.text(), new=self.current is None)
        except ValidationFailed as exc:
            for e in exc.errors:
                label = self.errors.get(e.field) or self.errors["reason"]
                label.setText((label.text() + "\n" if label.isVisible() else "") + e.message)
                label.show()
            self.summary.setText(f"有 {len(exc.errors)} 处需要修改，见各字段下方的提示。")
            first = self.inputs.get(exc.errors[0].field) or self.inputs["reason"]
            self.scroll_area.ensureWidgetVisible(first, 50, 120)
            first.setFocus()
            return
        except DomainError as exc:
            self.summary.setText(str(exc))
            return
        self.accept()


def _edit_new_row(view: QTableView, first_cell: QModelIndex) -> None:
    """The row just added is made current and shown, so Tab moves along it, then its first cell
    opens for typing."""
    view.setCurrentIndex(first_cell)
    view.scrollTo(first_cell)
    view.edit(first_cell)
