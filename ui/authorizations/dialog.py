"""登记授权书 (the view): the department, its chief and the matters the letter covers, the document
number, the validity and the scan of the signed letter. The center checks every field; its
messages come back under the fields they concern, and the dialog keeps everything entered until
the letter is recorded."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.authorizations.dto import DepartmentChoice, NewAuthorization
from app.authorizations.service import MAX_SCAN, scan_type
from app.errors import FieldError
from ui.authorizations.scan_view import open_scan
from ui.center_form import CenterForm
from ui.widgets import date_edit, day_of, search_box, wrapped_label

SCAN_FILTER = "授权书扫描件 (*.pdf *.png *.jpg *.jpeg)"
MB = 2**20


class AuthorizationDialog(CenterForm, QDialog):
    """choices: Authorizations.choices(), the departments with who may hold a letter and their matters."""

    submitted = Signal()  # OK (Enter): the controller sends new_authorization() and answers

    def __init__(self, choices: list[DepartmentChoice], parent=None):
        super().__init__(parent)
        self.setWindowTitle("登记授权书")
        self.setMinimumWidth(640)
        # Children inherit the locale: the date popups name months and weekdays in Chinese.
        self.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.scan_name, self.scan, self.scan_kind = "", b"", ""

        self.document_no = QLineEdit(placeholderText="如：青市监授〔2026〕1号")
        self.document_no.setMaxLength(60)
        self.department = QComboBox()
        for d in choices:
            self.department.addItem(d.name, d)
        self.chief = QComboBox()
        self.matter_filter = search_box("筛选：事项名称或编码")
        self.select_all, self.select_none = QPushButton("全选"), QPushButton("全不选")
        self.matters = QListWidget()
        self.matters.setMinimumHeight(220)
        self.matter_count = QLabel()
        today = date.today()
        self.valid_from, self.valid_to = date_edit(today), date_edit(date(today.year, 12, 31))
        self.choose_scan = QPushButton("选择扫描件…")
        self.scan_label = QLabel("未选择文件")
        self.preview = QPushButton("预览")
        self.preview.setEnabled(False)
        self.form_buttons("登记")

        form = QFormLayout()
        self.add_field(form, "document_no", "文号", self.document_no)
        self.add_field(form, "department", "授权部门", self.department)
        self.add_field(form, "holder", "被授权人", self.chief)
        self.add_field(form, "matters", "授权事项", self._matters_box(), self.matters)
        self.add_field(form, "valid", "有效期", self._row(self.valid_from, QLabel("至"), self.valid_to, None))
        self.add_field(
            form, "scan", "扫描件", self._row(self.choose_scan, self.scan_label, None, self.preview), self.choose_scan
        )
        note = wrapped_label("授权书登记后不能修改；登记有误的，终止后重新登记。")
        self.stack(note, form)

        self.department.currentIndexChanged.connect(self._department_changed)
        self.matter_filter.textChanged.connect(self._filter)
        self.select_all.clicked.connect(lambda: self._check_shown(True))
        self.select_none.clicked.connect(lambda: self._check_shown(False))
        self.matters.itemChanged.connect(self._count)
        self.preview.clicked.connect(lambda: open_scan(self, self.scan_name, self.scan_kind, self.scan))
        self.matter_filter.installEventFilter(self)
        # Enter always means 登记, wherever the focus is; Space presses the focused in-form button.
        for b in (self.select_all, self.select_none, self.choose_scan, self.preview):
            b.setAutoDefault(False)
        self._department_changed()
        order = [self.document_no, self.department, self.chief, self.matter_filter, self.select_all]
        order += [self.select_none, self.matters, self.valid_from, self.valid_to, self.choose_scan, self.preview]
        for first, second in zip(order, (*order[1:], self.ok), strict=True):
            QWidget.setTabOrder(first, second)
        self.document_no.setFocus()

    @staticmethod
    def _row(*widgets: QWidget | None) -> QWidget:
        """Widgets side by side; None is the stretch."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            if w is None:
                row.addStretch()
            else:
                row.addWidget(w)
        return box

    def _matters_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._row(self.matter_filter, self.select_all, self.select_none))
        column.addWidget(self.matters)
        column.addWidget(self.matter_count)
        return box

    def eventFilter(self, watched, event) -> bool:
        # Enter in the filter box moves on to the list rather than recording a letter half chosen.
        if (
            watched is self.matter_filter
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.matters.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _department_changed(self) -> None:
        # Only that department's holders and matters: the center refuses any other.
        d: DepartmentChoice | None = self.department.currentData()
        self.chief.clear()
        for c in d.holders if d else ():
            self.chief.addItem(f"{c.name}（{c.staff_no}）· {c.post}", c.staff_no)
        self.matters.blockSignals(True)
        self.matters.clear()
        for m in d.matters if d else ():
            item = QListWidgetItem(f"{m.code}  {m.name}", self.matters)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.matters.blockSignals(False)
        self._filter(self.matter_filter.text())

    def _items(self) -> list[QListWidgetItem]:
        return [self.matters.item(i) for i in range(self.matters.count())]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text().casefold())
        self._count()

    def _check_shown(self, checked: bool) -> None:
        # Only the rows the filter shows, so that filter + 全选 picks exactly what is on screen.
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.matters.blockSignals(True)
        for item in self._items():
            if not item.isHidden():
                item.setCheckState(state)
        self.matters.blockSignals(False)
        self._count()

    def _count(self) -> None:
        shown = sum(1 for item in self._items() if not item.isHidden())
        filtered = f"，显示 {shown} 项" if shown != self.matters.count() else ""
        self.matter_count.setText(f"已选 {len(self.matter_ids())} 项，共 {self.matters.count()} 项{filtered}")

    def matter_ids(self) -> tuple[str, ...]:
        """Every checked matter, shown or filtered out: a filter never drops a choice made before it."""
        return tuple(
            item.data(Qt.ItemDataRole.UserRole) for item in self._items() if item.checkState() == Qt.CheckState.Checked
        )

    def use_file(self, path: str) -> bool:
        """Reads the chosen scan; a file refused here leaves the previous choice in place."""
        file = Path(path)
        try:
            size = file.stat().st_size
            # Checked before reading: a wrong pick may be huge, and the center refuses over 10 MB anyway.
            if size > MAX_SCAN:
                return self._scan_refused(f"所选文件 {size / MB:.1f} MB，扫描件不能超过 {MAX_SCAN // MB} MB。")
            data = file.read_bytes()
        except OSError as exc:
            return self._scan_refused(f"无法读取所选文件：{exc.strerror or exc}")
        kind = scan_type(data)
        if kind is None:
            return self._scan_refused("所选文件不是 PDF、PNG 或 JPG 文件。")
        self.scan_name, self.scan, self.scan_kind = file.name, data, kind
        self.scan_label.setText(f"{file.name}（{len(data) / 1024:.0f} KB）")
        self.preview.setEnabled(True)
        self.errors["scan"].hide()
        return True

    def _scan_refused(self, text: str) -> bool:
        kept = f"（仍使用先前选择的 {self.scan_name}）" if self.scan else ""
        self.show_errors([FieldError("scan", text + kept)])
        return False

    def new_authorization(self) -> NewAuthorization:
        department: DepartmentChoice | None = self.department.currentData()
        return NewAuthorization(
            self.document_no.text().strip(),
            department.id if department else "",
            self.chief.currentData() or "",
            self.matter_ids(),
            day_of(self.valid_from),
            day_of(self.valid_to),
            self.scan_name,
            self.scan,
        )
