"""新建帮办代办: the service, the applicant (a person, an enterprise or a project), the contact, the
urgency and target date, and the plan of matters with the lead department. Each field shows its
message under it; the center checks every field and its messages come back to the same places,
with everything entered kept."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit

from app.errors import FieldError
from app.help.dto import NewRequest, PlanStep
from app.help.model import KINDS, SUBJECTS, URGENCIES, HelpKind, Subject, Urgency
from ui.fields_dialog import FieldsDialog
from ui.help.plan_editor import PlanEditor, PlanRow, parse_depends
from ui.widgets import date_edit, day_of, qdate

DOC_LABELS: dict[str, str] = {
    Subject.PERSON: "身份证号码",
    Subject.ENTERPRISE: "统一社会信用代码",
    Subject.PROJECT: "统一社会信用代码",
}


@dataclass(frozen=True)
class RequestDraft:
    """What the dialog holds: enough to send the request and to open the dialog again as it was."""

    kind: str
    subject: str
    applicant_name: str
    applicant_doc: str
    project_name: str
    contact_name: str
    contact_phone: str
    urgency: str
    target_on: date
    rows: tuple[PlanRow, ...]
    lead_department_id: str | None

    def request(self) -> NewRequest:
        return NewRequest(
            kind=self.kind,
            subject=self.subject,
            applicant_name=self.applicant_name,
            applicant_doc=self.applicant_doc,
            contact_name=self.contact_name,
            contact_phone=self.contact_phone,
            target_on=self.target_on,
            plan=tuple(PlanStep(r.matter_id, parse_depends(r.depends) or ()) for r in self.rows),
            urgency=self.urgency,
            project_name=self.project_name if self.subject == Subject.PROJECT else "",
            lead_department_id=self.lead_department_id,
        )


def _combo(items: Sequence[str], current: str) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    box.setCurrentText(str(current))
    return box


class RequestDialog(FieldsDialog):
    """departments: records with id, name and short_name: catalog hits name a matter's department
    by its short name, and the center takes the lead department by its id."""

    def __init__(
        self,
        parent,
        search: Callable[[str], list],
        departments: Sequence,
        entered: RequestDraft | None = None,
        errors=(),
        today: date | None = None,
    ):
        super().__init__(
            parent,
            "新建帮办代办",
            "登记申请人的帮办代办需求。多个事项请按办理顺序加入计划，并填写每项须等待的前序事项；"
            "事项涉及多个部门时须指定牵头部门。",
            "登记",
        )
        self.setMinimumWidth(760)
        today = today or date.today()
        # A record without an id (the catalog's DepartmentInfo has code and name only) leaves the
        # choice unnamed; the center then says so under 牵头部门 rather than the dialog failing.
        self.by_short_name = {getattr(d, "short_name", ""): d for d in departments if getattr(d, "id", None)}
        e = entered
        self.kind = _combo(KINDS, e.kind if e else HelpKind.FULL_HELP)
        self.subject = _combo(SUBJECTS, e.subject if e else Subject.ENTERPRISE)
        self.project_name = QLineEdit(e.project_name if e else "")
        self.project_name.setPlaceholderText("如：绿源食品新厂开办")
        self.applicant_name = QLineEdit(e.applicant_name if e else "")
        self.applicant_name.setPlaceholderText("个人姓名或企业名称")
        self.applicant_doc = QLineEdit(e.applicant_doc if e else "")
        self.contact_name = QLineEdit(e.contact_name if e else "")
        self.contact_phone = QLineEdit(e.contact_phone if e else "")
        self.contact_phone.setPlaceholderText("11 位手机号或带区号的固定电话")
        self.urgency = _combo(URGENCIES, e.urgency if e else Urgency.NORMAL)
        self.target_on = date_edit(e.target_on if e else today + timedelta(days=14), "yyyy年MM月dd日")
        self.target_on.setMinimumDate(qdate(today))  # the center takes today or later only
        self.plan = PlanEditor(search, e.rows if e else ())
        self.lead_department = QComboBox()
        self.add_fields(
            self.form,
            ("kind", "服务类型", self.kind),
            ("subject", "服务对象", self.subject),
            ("project_name", "项目名称", self.project_name),
            ("applicant_name", "申请人", self.applicant_name),
            ("applicant_doc", DOC_LABELS[Subject.ENTERPRISE], self.applicant_doc),
            ("contact_name", "联系人", self.contact_name),
            ("contact_phone", "联系电话", self.contact_phone),
            ("urgency", "紧急程度", self.urgency),
            ("target_on", "目标日期", self.target_on),
            ("plan", "办理计划", self.plan),
            ("lead_department", "牵头部门", self.lead_department),
        )
        self.subject.currentTextChanged.connect(self._subject_changed)
        self.plan.changed.connect(self._plan_changed)
        self._subject_changed(self.subject.currentText())
        self._plan_changed(e.lead_department_id if e else None)
        self.show_errors(errors)

    def _subject_changed(self, subject: str) -> None:
        # A project is named as well as its applicant; a person gives an ID number, others a credit code.
        self.form.setRowVisible(self.project_name, subject == Subject.PROJECT)
        label = self.form.labelForField(self.applicant_doc)
        if isinstance(label, QLabel):  # the row's, as addRow made it
            label.setText(DOC_LABELS.get(subject, "证件号码"))
        self.applicant_doc.setPlaceholderText(f"{DOC_LABELS.get(subject, '证件号码')}（可后补）")

    def _plan_changed(self, keep: str | None = None) -> None:
        """The lead department is one of the plan's departments (the center refuses any other):
        chosen when the plan spans departments, else the one department, and by default the first
        matter's."""
        keep = keep or self.lead_department.currentData()
        names = list(dict.fromkeys(r.department for r in self.plan.rows()))
        self.lead_department.clear()
        for short in names:
            d = self.by_short_name.get(short)
            self.lead_department.addItem(f"{d.name}（{short}）" if d else short, d.id if d else None)
        found = self.lead_department.findData(keep) if keep else -1
        self.lead_department.setCurrentIndex(found if found >= 0 else 0)
        self.lead_department.setEnabled(len(names) > 1)

    def draft(self) -> RequestDraft:
        return RequestDraft(
            kind=self.kind.currentText(),
            subject=self.subject.currentText(),
            applicant_name=self.applicant_name.text().strip(),
            applicant_doc=self.applicant_doc.text().strip().upper(),
            project_name=self.project_name.text().strip(),
            contact_name=self.contact_name.text().strip(),
            contact_phone=self.contact_phone.text().strip(),
            urgency=self.urgency.currentText(),
            target_on=day_of(self.target_on),
            rows=self.plan.rows(),
            lead_department_id=self.lead_department.currentData(),
        )

    def local_errors(self) -> list[FieldError]:
        # Only what the center could not read at all; the rest it checks and names itself.
        for seq, row in enumerate(self.plan.rows(), 1):
            if parse_depends(row.depends) is None:
                return [FieldError("plan", f"第 {seq} 项的依赖请填写排在它前面的事项序号，如 1,2。")]
        return []


def ask_new(parent, search, departments, entered: RequestDraft | None = None, errors=()) -> RequestDraft | None:
    dialog = RequestDialog(parent, search, departments, entered, errors)
    return dialog.draft() if dialog.exec() == QDialog.DialogCode.Accepted else None
