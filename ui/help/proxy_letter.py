"""委托书 from the help page: drawn up for the request shown (the applicant as principal, the agent as
proxy, the plan's matters), printed to sign, and its signing recorded, after which the window takes
the agent's proxy submissions under it. The questions are attributes (ask_letter, ask_signed) so
tests answer them without a modal dialog; a field error from the center asks again as entered."""

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from app.acceptance.model import ApplicantKind
from app.actor import Actor
from app.errors import ValidationFailed
from app.help.dto import RequestView
from app.help.model import Subject
from app.help.proxy_dto import DraftedLetter, NewProxyLetter, ProxyLetters
from app.identity import DocumentKind
from ui.background import run_in_background
from ui.fields_dialog import FieldsDialog
from ui.pdf_preview import PdfPreviewDialog
from ui.widgets import confirm, date_edit, day_of

SCOPE = "代为递交申请材料、补正材料，代为签收受理通知书、一次性告知单等文书。"


@dataclass(frozen=True)
class LetterAnswer:
    legal_rep: str
    proxy_doc_no: str
    proxy_phone: str
    valid_to: date
    scope: str


class LetterDialog(FieldsDialog):
    def __init__(self, parent, view: RequestView, agent: str, entered: LetterAnswer | None = None, errors=()):
        matters = "、".join(p.matter for p in view.plan)
        super().__init__(
            parent,
            f"授权委托书：{view.request_no}",
            f"委托人：{view.applicant}；受托人：{agent}；委托事项：{matters}。生成后打印，由委托人签字（盖章）。",
            "生成并打印",
        )
        a = entered or LetterAnswer("", "", "", date.today() + timedelta(days=182), SCOPE)
        self.enterprise = view.subject != Subject.PERSON
        self.legal_rep = QLineEdit(a.legal_rep)
        self.proxy_doc_no = QLineEdit(a.proxy_doc_no, placeholderText="受托人（帮办员）居民身份证号码")
        self.proxy_phone = QLineEdit(a.proxy_phone, placeholderText="受托人联系电话")
        self.valid_to = date_edit(a.valid_to)
        self.scope = QLineEdit(a.scope)
        if self.enterprise:
            self.add("legal_rep", "法定代表人", self.legal_rep)
        self.add_fields(  # keyed as the center names its field errors
            self.form,
            ("proxy.doc_no", "受托人证件号码", self.proxy_doc_no),
            ("proxy.phone", "受托人电话", self.proxy_phone),
            ("valid", "委托有效期至", self.valid_to),
            ("scope", "委托权限", self.scope),
        )
        self.show_errors(errors)

    def answer(self) -> LetterAnswer:
        return LetterAnswer(
            self.legal_rep.text().strip(),
            self.proxy_doc_no.text().strip().upper(),
            self.proxy_phone.text().strip(),
            day_of(self.valid_to),
            self.scope.text().strip(),
        )


def ask_letter(parent, view: RequestView, agent: str, entered=None, errors=()) -> LetterAnswer | None:
    dialog = LetterDialog(parent, view, agent, entered, errors)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ProxyLetterFlow(QObject):
    message = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget, client: ProxyLetters, actor: Actor):
        super().__init__(parent)
        self.parent_widget, self.client, self.actor = parent, client, actor
        self.ask_letter = ask_letter
        self.ask_signed = lambda letter_no: confirm(
            parent,
            "登记签署",
            f"委托人已在委托书 {letter_no} 上签字（盖章）了吗？登记后即可凭此代理递交。",
            "已签署，登记",
        )
        self.preview_enabled = True  # tests turn the modal preview off

    def draw_up(self, view: RequestView, entered: LetterAnswer | None = None, errors=()) -> None:
        agent = f"{self.actor.name}（{self.actor.staff_no}）"
        answer = self.ask_letter(self.parent_widget, view, agent, entered, errors)
        if answer is None:
            return
        enterprise = view.subject != Subject.PERSON
        new = NewProxyLetter(
            principal_kind=ApplicantKind.ENTERPRISE if enterprise else ApplicantKind.PERSON,
            principal_name=view.applicant,
            principal_doc=view.applicant_doc,
            legal_rep=answer.legal_rep,
            proxy_name=self.actor.name,
            proxy_doc_kind=DocumentKind.ID_CARD,
            proxy_doc_no=answer.proxy_doc_no,
            proxy_phone=answer.proxy_phone,
            matter_ids=tuple(p.matter_id for p in view.plan),
            scope=answer.scope,
            valid_from=date.today(),
            valid_to=answer.valid_to,
            proxy_staff_no=self.actor.staff_no,
            request_id=view.id,
        )

        def refused(exc: Exception) -> None:
            self.failed.emit(str(exc))
            if isinstance(exc, ValidationFailed):  # asked again as entered, each message under its field
                self.draw_up(view, answer, exc.errors)

        run_in_background(lambda: self.client.draft(new), self._drawn, refused)

    def _drawn(self, letter: DraftedLetter) -> None:
        if self.preview_enabled:
            title, name = f"授权委托书 {letter.letter_no}", f"{letter.letter_no}.pdf"
            PdfPreviewDialog(letter.pdf, title, name, self.parent_widget).exec()
        if not self.ask_signed(letter.letter_no):
            self.message.emit(f"委托书 {letter.letter_no} 已生成，待委托人签字后登记")
            return
        run_in_background(
            lambda: self.client.record_signed(letter.id, date.today()),
            lambda _r: self.message.emit(f"委托书 {letter.letter_no} 已登记签署，可凭此在窗口代理递交"),
            lambda exc: self.failed.emit(str(exc)),
        )
