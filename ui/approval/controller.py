"""The approval inbox's behaviour: load the inbox and the selected case from the center off the
UI thread, and send each decision, extension or special step with what the person entered."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog

from app.actor import Actor
from app.approval.client import ApprovalClient, NoticeClient
from app.approval.deadlines import DueWarning
from app.approval.dto import Approvals, CaseView, Extension, InboxRow, SpecialStep, StepResult
from app.notices.dto import CenterNotices
from ui.approval.inbox_page import InboxPage
from ui.background import run_in_background
from ui.center_notice import CenterNoticeViewer
from ui.page import Clients
from ui.widgets import ask_text


class InboxController(QObject):
    message = Signal(str)

    def __init__(self, page: InboxPage, client: Approvals, notices: CenterNotices, actor: Actor):
        super().__init__(page)
        self.page, self.client, self.actor = page, client, actor
        self.notices = CenterNoticeViewer(page, notices)
        self.notices.failed.connect(lambda text: self.page.say(text, error=True))
        self.view: CaseView | None = None
        page.refresh_button.clicked.connect(self.refresh)
        page.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self.open_row(current.row()))
        page.agree.clicked.connect(lambda: self.review(True))
        page.disagree.clicked.connect(lambda: self.review(False))
        page.extend.clicked.connect(self.extend)
        page.start_step.clicked.connect(self.start_step)
        page.end_step.clicked.connect(self.end_step)
        page.open_notice.clicked.connect(self.open_notice)

    def refresh(self) -> None:
        def shown(rows: list[InboxRow]) -> None:
            self.page.model.set_rows(rows)
            stranded = sum(1 for r in rows if r.stranded)
            mine = [r for r in rows if not r.stranded]
            overdue = sum(1 for r in mine if r.warning == DueWarning.OVERDUE)
            soon = sum(1 for r in mine if r.warning == DueWarning.SOON)
            self.page.summary.setText(
                f"待办 {len(mine)} 件，其中超期 {overdue} 件、临近期限 {soon} 件"
                + (f"；本部门无人可办 {stranded} 件（红色，见原因）" if stranded else "")
            )
            if rows:
                self.page.table.selectRow(0)
            else:
                self.view = None
                self.page.show_case(None)

        run_in_background(lambda: self.client.inbox(), shown, self._failed)

    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.page.model.rows):
            return
        case_id = self.page.model.rows[row].case_id
        run_in_background(lambda: self.client.case_view(case_id), self._show, self._failed)

    def _show(self, view: CaseView) -> None:
        self.view = view
        self.page.show_case(view)

    def _failed(self, exc: Exception) -> None:
        self.page.say(str(exc), error=True)

    def _send(self, work, done_text: str) -> None:
        """Sends one action; a notice it issued (决定书, 延期告知书, 特殊环节告知书) is shown to print."""

        def done(result: StepResult | Extension | SpecialStep) -> None:
            self.page.opinion.clear()
            self.page.permitted.clear()
            self.page.say(done_text)
            self.message.emit(done_text)
            if result.notice_id:
                self.notices.show(result.notice_id)
            self.refresh()

        run_in_background(work, done, self._failed)

    def open_notice(self) -> None:
        notice_id = self.page.notice_list.currentData()
        if notice_id:
            self.notices.show(notice_id)

    def review(self, agreed: bool) -> None:
        if self.view is None:
            return
        opinion, case_id = self.page.opinion.toPlainText(), self.view.case_id
        permitted = self.page.permitted.toPlainText() if agreed and self.view.decides else ""
        step = self.view.next_step
        self._send(
            lambda: self.client.review(case_id, agreed, opinion, permitted),
            f"{self.view.case_no}：已{'同意' if agreed else '不同意'}（{step}）",
        )

    def extend(self) -> None:
        if self.view is None:
            return
        days, ok = QInputDialog.getInt(self.page, "延期", "延长的工作日数（一次，最多 10 个）：", 10, 1, 10)
        if not ok:
            return
        self._send_with_text(
            "延期",
            "延期理由（将告知申请人）：",
            lambda case_id, reason: self.client.extend(case_id, days, reason),
            f"已延期 {days} 个工作日",
        )

    def start_step(self) -> None:
        if self.view is None or not self.view.registered_steps:
            return
        steps = self.view.registered_steps
        labels = [f"{d.kind}（{d.limit_days} 个工作日）" for d in steps]
        label, ok = QInputDialog.getItem(self.page, "启动特殊环节", "本事项登记的特殊环节：", labels, 0, False)
        if not ok:
            return
        step_id = steps[labels.index(label)].id
        self._send_with_text(
            "启动特殊环节",
            "承担人员及资质：",
            lambda case_id, people: self.client.start_special_step(case_id, step_id, people),
            "已启动特殊环节，计时暂停",
        )

    def end_step(self) -> None:
        if self.view is None:
            return
        self._send_with_text("结束特殊环节", "特殊环节结果：", self.client.end_special_step, "特殊环节已结束，恢复计时")

    def _send_with_text(self, title: str, label: str, work: Callable[[str, str], object], done: str) -> None:
        """Asks for a line of text (an extension's reason, a special step's people or outcome); cancelled,
        nothing is sent. Otherwise sends work(case_id, text) for the case shown, said as `done` after its
        case number."""
        text = ask_text(self.page, title, label)
        if text is None or self.view is None:
            return
        case_id = self.view.case_id
        self._send(lambda: work(case_id, text), f"{self.view.case_no}：{done}")


def build(clients: Clients, actor: Actor) -> InboxPage:
    """审批待办 (chiefs and reviewers): the cases at the center waiting for this person."""
    page = InboxPage()
    page.controller = InboxController(page, clients.center(ApprovalClient), clients.center(NoticeClient), actor)
    page.controller.message.connect(page.said)
    return page
