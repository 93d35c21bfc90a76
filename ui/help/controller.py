"""帮办代办 (behaviour): load the requests, the reminders and the selected request from the center
off the UI thread, ask what the person entered, send it, and reload. Every question is an
attribute (ask_new, ask_assign, ask_log, ask_link, ask_close, ask_cancel, confirm, ask_rating) so
tests answer them without a modal dialog. A field error from the center asks again with what was
entered and the messages under their fields; a refused assignment asks again with the refusal."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.actor import Actor
from app.errors import DomainError, ValidationFailed
from app.help.base import HelpRefused
from app.help.dto import Helps, Reminder, RequestRow, RequestView, Suggestion
from app.help.model import WAITING
from app.queue.rating import LEVELS
from ui.background import run_in_background
from ui.help import dialogs
from ui.help.assign_dialog import ask_assign
from ui.help.request_dialog import ask_new
from ui.widgets import confirm

if TYPE_CHECKING:  # the page builds its controller
    from ui.help.page import HelpPage

CANCEL_WARNING = "撤销后该申请不再办理，也不能恢复。确定撤销吗？"


def _text(exc: Exception) -> str:
    return str(exc) if isinstance(exc, DomainError) else f"出现错误：{exc}"


class HelpController(QObject):
    message = Signal(str)  # what was done, for the main window's status bar

    def __init__(self, page: "HelpPage", client: Helps, actor: Actor, search, departments: list):
        super().__init__(page)
        self.page, self.client, self.actor = page, client, actor
        self.search, self.departments = search, departments
        self.view: RequestView | None = None  # the request shown on the right
        self._wanted: str | None = None  # the request last asked for: earlier answers are dropped
        self.ask_new = ask_new
        self.ask_assign = ask_assign
        self.ask_log = dialogs.ask_log
        self.ask_link = dialogs.ask_link
        self.ask_close = dialogs.ask_close
        self.ask_cancel = dialogs.ask_cancel
        self.ask_rating = dialogs.ask_rating
        self.confirm = lambda text: confirm(self.page, "撤销帮办代办", text, "确定撤销")
        page.refresh_button.clicked.connect(lambda: self.refresh())
        page.show_closed.toggled.connect(lambda _on: self.refresh())
        page.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._row(current.row()))
        page.reminder_table.selectionModel().currentRowChanged.connect(lambda *_: page.show_reminder())
        page.reminder_table.activated.connect(lambda index: self._open_reminder(index.row()))
        page.reminder_done.clicked.connect(self.reminder_done)
        page.new_button.clicked.connect(lambda: self.new())
        page.assign_button.clicked.connect(lambda: self.assign())
        page.log_button.clicked.connect(self.log)
        page.link_button.clicked.connect(self.link)
        page.close_button.clicked.connect(self.close)
        page.cancel_button.clicked.connect(self.cancel)
        page.rate_button.clicked.connect(self.rate)
        if page.workload is not None:
            page.workload.message.connect(self.message)

    # -- loading ---------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Reloads the list and the reminders, keeping the request shown (or showing `select`),
        also when it has left the list (closed while 显示已办结 is off: it is still to be rated)."""
        keep = select or (self.view.id if self.view else None)
        closed = self.page.show_closed.isChecked()

        def shown(found: tuple[list[RequestRow], list[Reminder]]) -> None:
            rows, due = found
            self.page.model.set_rows(rows)
            self.page.reminders.set_rows(due)
            self.page.show_reminder()
            waiting = sum(1 for r in rows if r.status == WAITING)
            overdue = sum(1 for r in rows if r.overdue)
            self.page.summary.setText(f"共 {len(rows)} 件，待分派 {waiting} 件，逾期 {overdue} 件")
            ids = [r.id for r in rows]
            if keep in ids:
                self.page.table.selectRow(ids.index(keep))  # the selection opens it
            elif keep:
                self.open(keep)
            elif rows:
                self.page.table.selectRow(0)
            else:
                self._show(None)

        run_in_background(lambda: (self.client.requests(closed), self.client.reminders()), shown, self._failed)

    def _row(self, row: int) -> None:
        rows = self.page.model.rows
        if 0 <= row < len(rows):
            self.open(rows[row].id)

    def open(self, request_id: str) -> None:
        self._wanted = request_id

        def shown(view: RequestView) -> None:
            if view.id == self._wanted:
                self._show(view)

        run_in_background(lambda: self.client.request(request_id), shown, self._failed)

    def _show(self, view: RequestView | None) -> None:
        self.view = view
        self.page.show_request(view)

    def _open_reminder(self, row: int) -> None:
        due, listed = self.page.reminders.rows, [r.request_no for r in self.page.model.rows]
        if 0 <= row < len(due) and due[row].request_no in listed:
            self.page.table.selectRow(listed.index(due[row].request_no))

    def _failed(self, exc: Exception) -> None:
        self.page.say(_text(exc), error=True)

    def _said(self, said: str, request_id: str | None) -> None:
        self.page.say(said)
        self.message.emit(said)
        self.refresh(request_id)

    def report(self, said: str) -> None:
        """Something done for the request shown (its 委托书): said, and the request reloaded."""
        self._said(said, self.view.id if self.view else None)

    def draw_up_letter(self) -> None:
        if self.view is not None and self.page.letters is not None:
            self.page.letters.draw_up(self.view)

    def _send(self, work, said: str, request_id: str | None, failed=None) -> None:
        run_in_background(work, lambda _result: self._said(said, request_id), failed or self._failed)

    # -- recording ---------------------------------------------------------------------------------

    def new(self, entered=None, errors=()) -> None:
        draft = self.ask_new(self.page, self.search, self.departments, entered, errors)
        if draft is None:
            return
        request = draft.request()
        said = f"已登记帮办代办：{draft.project_name or draft.applicant_name}，{len(draft.rows)} 个事项"

        def refused(exc: Exception) -> None:
            self._failed(exc)
            if isinstance(exc, ValidationFailed):  # asked again as entered, each message under its field
                self.new(draft, exc.errors)

        run_in_background(lambda: self.client.create(request), lambda i: self._said(said, i), refused)

    def assign(self, entered=None, refusal: str = "") -> None:
        view = self.view
        if view is None:
            return
        request_id = view.id

        def chosen(suggestions: list[Suggestion]) -> None:
            answer = self.ask_assign(self.page, view, suggestions, entered, refusal)
            if answer is None:
                return
            agent_no, reason = answer
            picked = next((s for s in suggestions if s.staff_no == agent_no), None)
            said = f"{view.request_no}：已分派给 " + (f"{picked.name}（{agent_no}）" if picked else agent_no)

            def refused(exc: Exception) -> None:
                self._failed(exc)
                # An agent who does not fit, refused: most likely the reason is missing, so asked
                # again with the center's words under 分派原因. Other refusals are said on the page.
                if isinstance(exc, HelpRefused) and picked and not picked.fits:
                    self.assign(answer, str(exc))

            self._send(lambda: self.client.assign(request_id, agent_no, reason), said, request_id, refused)

        run_in_background(lambda: self.client.suggest(request_id), chosen, self._failed)

    def _act(self, ask, send, said) -> None:
        """Asks about the request shown, sends the answer with which request, then says
        what was done (said(view, answer)) and reloads."""
        view = self.view
        if not view:
            return
        answer = ask(self.page, view)
        if answer is None:
            return
        request_id = view.id
        self._send(lambda: send(request_id, answer), said(view, answer), request_id)

    def log(self) -> None:
        self._act(
            self.ask_log,
            lambda request_id, a: self.client.log(request_id, *a),
            lambda v, a: f"{v.request_no}：已记录{a[0]}" + (f"，{a[2]:%Y-%m-%d} 提醒" if a[2] else ""),
        )

    def reminder_done(self) -> None:
        due = self.page.selected_reminder()
        if not due or not due.log_id:
            return
        log_id = due.log_id
        self._send(lambda: self.client.done(log_id), f"{due.request_no}：提醒已完成", None)

    def link(self) -> None:
        self._act(
            self.ask_link,
            lambda request_id, a: self.client.link_case(request_id, *a),
            lambda v, a: f"{v.request_no}：第 {a[0]} 项已关联办件 {a[1]}",
        )

    def close(self) -> None:
        self._act(self.ask_close, self.client.close, lambda v, _a: f"{v.request_no}：已办结，请申请人评价（F11）")

    def cancel(self) -> None:
        def who(view: RequestView) -> str:
            return f"{view.request_no}（{view.project_name or view.applicant}）"

        def ask(page, view: RequestView) -> str | None:
            reason = self.ask_cancel(page, view)
            text = f"撤销帮办代办 {who(view)}。\n原因：{reason}\n\n{CANCEL_WARNING}"
            return reason if reason is not None and self.confirm(text) else None

        self._act(ask, self.client.cancel, lambda v, _a: f"{who(v)}：已撤销")

    def rate(self) -> None:
        self._act(
            self.ask_rating,
            lambda request_id, a: self.client.rate(request_id, *a),
            lambda v, a: f"{v.request_no}：申请人评价“{LEVELS[a[0]]}”已记录",
        )
