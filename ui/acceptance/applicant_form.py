"""The applicant: a person, or an enterprise with its legal representative, optionally through a
proxy with their own identity document and the applicant's 委托书 (its number typed, or the QR code
on it scanned). Each field shows its own error beside it."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.acceptance.model import Applicant, ApplicantKind, Person
from app.errors import FieldError
from app.help.proxy_rule import letter_no_of
from app.identity import DocumentKind
from ui.message import error_line


class _PersonFields:
    def __init__(self, prefix: str, form: QFormLayout, owner: "ApplicantForm", label: str):
        self.prefix = prefix
        self.name = QLineEdit()
        self.doc_kind = QComboBox()
        self.doc_kind.addItems([k.value for k in DocumentKind])
        self.doc_no = QLineEdit(placeholderText="18 位身份证号码或其他证件号码")
        self.phone = QLineEdit(placeholderText="手机或固定电话")
        for key, widget, text in (
            ("name", self.name, f"{label}姓名"),
            ("doc_kind", self.doc_kind, "证件类型"),
            ("doc_no", self.doc_no, "证件号码"),
            ("phone", self.phone, "联系电话"),
        ):
            owner.add_row(form, text, widget, f"{prefix}.{key}")

    def person(self) -> Person:
        return Person(
            self.name.text().strip(),
            DocumentKind(self.doc_kind.currentText()),
            self.doc_no.text().strip().upper(),
            self.phone.text().strip(),
        )

    def fill(self, p: Person | None) -> None:
        self.name.setText(p.name if p else "")
        self.doc_kind.setCurrentText(p.doc_kind.value if p else DocumentKind.ID_CARD.value)
        self.doc_no.setText(p.doc_no if p else "")
        self.phone.setText(p.phone if p else "")


class ApplicantForm(QGroupBox):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__("申请人", parent)
        self.errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        self.person_kind = QRadioButton("个人(&R)")
        self.enterprise_kind = QRadioButton("企业(&Q)")
        self.person_kind.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.person_kind)
        group.addButton(self.enterprise_kind)
        kinds = QHBoxLayout()
        kinds.addWidget(self.person_kind)
        kinds.addWidget(self.enterprise_kind)
        self.by_proxy = QCheckBox("代理人办理(&D)")
        kinds.addWidget(self.by_proxy)
        kinds.addStretch()

        self.enterprise_box = QWidget()
        ent = QFormLayout(self.enterprise_box)
        ent.setContentsMargins(0, 0, 0, 0)
        self.enterprise_name = QLineEdit()
        self.credit_code = QLineEdit(placeholderText="18 位统一社会信用代码")
        self.add_row(ent, "企业名称", self.enterprise_name, "enterprise_name")
        self.add_row(ent, "统一社会信用代码", self.credit_code, "credit_code")
        person_form = QFormLayout()
        self.person = _PersonFields("person", person_form, self, "")
        self.proxy_box = QWidget()
        proxy_form = QFormLayout(self.proxy_box)
        proxy_form.setContentsMargins(0, 0, 0, 0)
        self.proxy = _PersonFields("proxy", proxy_form, self, "代理人")
        # Last in the proxy block, so Tab reaches it after the proxy's phone.
        self.proxy_letter = QLineEdit(placeholderText="委托书编号，或扫描委托书上的二维码")
        self.add_row(proxy_form, "委托书编号", self.proxy_letter, "proxy.letter_no")
        self.proxy_letter.returnPressed.connect(self._letter_scanned)

        # The proxy beside the applicant, not below: with 代理人 open the form stays short enough
        # for the checklist to keep its rows in view on a 1366×768 screen.
        people = QHBoxLayout()
        people.addLayout(person_form, 1)
        people.addWidget(self.proxy_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(kinds)
        layout.addWidget(self.enterprise_box)
        layout.addLayout(people)
        self.person_kind.toggled.connect(self._kind_changed)
        self.enterprise_kind.toggled.connect(lambda on: on and self.first_field().setFocus())
        self.by_proxy.toggled.connect(lambda on: on and self.proxy.name.setFocus())
        self.by_proxy.toggled.connect(self._kind_changed)
        for widget in self.inputs.values():
            signal = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.textChanged
            signal.connect(lambda *_: self.changed.emit())
        self._kind_changed()

    def add_row(self, form: QFormLayout, label: str, widget: QLineEdit | QComboBox, key: str) -> None:
        error = error_line(hidden=True)
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        v.addWidget(widget)
        v.addWidget(error)
        form.addRow(label, box)
        self.errors[key] = error
        self.inputs[key] = widget

    def _letter_scanned(self) -> None:
        """A scanner types the QR text and Enter: the field then shows the number it carries."""
        self.proxy_letter.setText(letter_no_of(self.proxy_letter.text()))

    def _kind_changed(self) -> None:
        enterprise = self.enterprise_kind.isChecked()
        self.enterprise_box.setVisible(enterprise)
        self.person.name.setPlaceholderText("法定代表人姓名" if enterprise else "申请人姓名")
        self.proxy_box.setVisible(self.by_proxy.isChecked())
        self.changed.emit()

    def first_field(self) -> QWidget:
        return self.enterprise_name if self.enterprise_kind.isChecked() else self.person.name

    def applicant(self) -> Applicant:
        enterprise = self.enterprise_kind.isChecked()
        return Applicant(
            ApplicantKind.ENTERPRISE if enterprise else ApplicantKind.PERSON,
            self.person.person(),
            self.enterprise_name.text().strip() if enterprise else "",
            self.credit_code.text().strip().upper() if enterprise else "",
            self.proxy.person() if self.by_proxy.isChecked() else None,
            letter_no_of(self.proxy_letter.text()) if self.by_proxy.isChecked() else "",
        )

    def fill(self, a: Applicant | None) -> None:
        self.enterprise_kind.setChecked(a is not None and a.kind == ApplicantKind.ENTERPRISE)
        self.person_kind.setChecked(a is None or a.kind == ApplicantKind.PERSON)
        self.enterprise_name.setText(a.enterprise_name if a else "")
        self.credit_code.setText(a.credit_code if a else "")
        self.person.fill(a.person if a else None)
        self.by_proxy.setChecked(bool(a and a.proxy))
        self.proxy.fill(a.proxy if a else None)
        self.proxy_letter.setText(a.proxy_letter_no if a else "")
        self.show_errors([])

    def show_errors(self, errors: list[FieldError], focus: bool = False) -> None:
        for label in self.errors.values():
            label.hide()
        for e in errors:
            beside = self.errors.get(e.field)
            if beside is not None:
                beside.setText(e.message)
                beside.show()
        if focus and errors and errors[0].field in self.inputs:
            self.inputs[errors[0].field].setFocus()
