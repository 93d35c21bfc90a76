"""Behaviour of the acceptance page, keyboard first: Ctrl+K find, Enter pick, Tab through the
applicant, 1/2/3/0 on the checklist, F5–F12 for the outcome; every change is kept as a draft."""

import logging
from collections.abc import Callable
from datetime import date, timedelta

from pydantic import ValidationError
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from app.acceptance import rules
from app.acceptance.applicant import applicant_errors
from app.acceptance.draft import AcceptanceDraft
from app.acceptance.model import Applicant, Decision, ItemStatus, Outcome
from app.acceptance.service import AcceptanceService, DecisionResult, Prepared
from app.actor import Actor
from app.catalog.search import EntryKind
from app.context import AppContext
from app.errors import DomainError, FieldError, ValidationFailed
from app.help.proxy_rule import ProxyRefused
from app.notices.dto import IssuedNotice
from app.web import wire
from ui.acceptance.checklist_model import DEFECT_COLUMN, STATUS_KEYS, ChecklistModel
from ui.acceptance.defect_delegate import DefectDelegate
from ui.acceptance.dialogs import ask_late_reasons, ask_rejection, ask_supply_date
from ui.acceptance.view import OUTCOME_KEYS, AcceptanceView, unstaffed_text
from ui.background import run_in_background
from ui.catalog.guide_html import bundle_html, guide_html
from ui.catalog.hits_model import HitsModel
from ui.message import tell
from ui.page import Clients
from ui.pdf_preview import PdfPreviewDialog

log = logging.getLogger(__name__)

# What was done, and so the application's status (one per outcome): said once.
DONE_TEXT = {
    Outcome.ON_THE_SPOT: "已即办办结",
    Outcome.ACCEPT: "已受理",
    Outcome.TOLERANCE: "已容缺受理",
    Outcome.COMMITMENT: "已按告知承诺制受理",
    Outcome.CORRECTION: "已出具一次性告知单，待申请人补正",
    Outcome.REJECT: "已决定不予受理",
    Outcome.DEFER: "已列入待告知（2 个工作日内出具告知单）",
}


class AcceptanceController(QObject):
    decided = Signal(object)  # DecisionResult
    refused = Signal(str)  # a decision refused or failed: why; the application stays as it was
    message = Signal(str)

    def __init__(self, view: AcceptanceView, ctx: AppContext, actor: Actor, service: AcceptanceService):
        super().__init__(view)
        self.view, self.ctx, self.actor, self.service = view, ctx, actor, service
        self.prepared: Prepared | None = None
        self.preview_enabled = True  # tests turn the modal preview off
        # () -> (ticket id, walk-in id) of the service at this window, set by the calling bar
        self.service_ref: Callable[[], tuple[str | None, str | None]] = lambda: (None, None)
        self.hits = HitsModel(view)
        view.hits.setModel(self.hits)
        view.fit_hits()
        self.checklist = ChecklistModel(view)
        view.checklist.setModel(self.checklist)
        view.checklist.setItemDelegateForColumn(DEFECT_COLUMN, DefectDelegate(self.checklist, view.checklist))
        view.fit_checklist()
        self._draft_timer = QTimer(self, singleShot=True, interval=400)
        self._draft_timer.timeout.connect(self.save_draft)
        self._restoring = False
        self._source: tuple[EntryKind, str] | None = None  # the catalog entry the application began from
        self.deciding = False  # a decision is being written and its notice drawn, off the UI thread
        self._focus: QWidget | None = None  # where the clerk was when the decision started: back there if it fails

        view.find_box.textChanged.connect(self._search)
        view.find_box.returnPressed.connect(lambda: self.pick(0))
        view.hits.doubleClicked.connect(lambda index: self.pick(index.row()))
        view.hits.activated.connect(lambda index: self.pick(index.row()))
        view.slip_no.returnPressed.connect(self.reopen_from_slip)
        view.new_button.clicked.connect(self.new_application)
        view.applicant.changed.connect(self._changed)
        self.checklist.changed.connect(self._changed)
        view.checklist.installEventFilter(self)
        for outcome, button in view.outcomes.items():
            button.clicked.connect(lambda _=False, o=outcome: self.decide(o))
            QShortcut(
                QKeySequence(OUTCOME_KEYS[outcome]), view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
            ).activated.connect(lambda o=outcome: self.decide(o))
        QShortcut(
            QKeySequence("Ctrl+K"), view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self.focus_find)
        QShortcut(
            QKeySequence("Ctrl+N"), view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self.new_application)
        self._refresh()
        self.restore_draft()

    # -- finding the matter ----------------------------------------------------------------

    def focus_find(self) -> None:
        self.view.find_box.setFocus()
        self.view.find_box.selectAll()

    def _search(self, text: str) -> None:
        self.hits.set_rows(self.ctx.catalog.search(text, 20) if text.strip() else [])
        if self.hits.rows:
            self.view.hits.selectRow(0)

    def pick(self, row: int) -> None:
        if not 0 <= row < len(self.hits.rows):
            return
        hit = self.hits.rows[row]
        self.load(self._prepare(hit.kind, hit.id), (hit.kind, hit.id))
        self.view.applicant.first_field().setFocus()

    def load(self, prepared: Prepared, source: tuple[EntryKind, str] | None = None) -> None:
        self.prepared = prepared
        self._source = source
        if prepared.bundle_id:
            self.view.guide.setHtml(bundle_html(self.ctx.catalog.bundle(prepared.bundle_id)))
        else:
            self.view.guide.setHtml(guide_html(self.ctx.catalog.guide_version(prepared.version_ids[0])))
        self.checklist.set_items(prepared.items, prepared.to_check)
        self.view.status.clear()  # the last application's message does not belong to this one
        self.view.show_unstaffed(self.service.unstaffed(prepared.version_ids, self.actor.staff_no))
        title = prepared.title
        if prepared.to_check is not None:
            title += f"（按告知单补正：只核验所列 {len(prepared.to_check)} 项）"
        elif prepared.application_id:
            title += "（待告知申请：请核验后出具告知单或作出结论）"
        self.view.title.setText(title)
        if prepared.applicant is not None:
            self.view.applicant.fill(prepared.applicant)
        self._changed()

    def reopen_from_slip(self) -> None:
        try:
            prepared = self.service.reopen(self.view.slip_no.text())
        except DomainError as exc:
            self._say(str(exc), error=True)
            return
        self.view.slip_no.clear()
        self.load(prepared)
        first = next((r for r, i in enumerate(prepared.items) if i.key in (prepared.to_check or ())), 0)
        self.view.checklist.selectRow(first)
        self.view.checklist.setFocus()

    def open_deferred(self, application_id: str) -> None:
        self.load(self.service.open_deferred(application_id))

    def new_application(self) -> None:
        self.view.status.clear()
        self.service.clear_draft(self.actor.staff_no)
        self._start_over()

    def _start_over(self) -> None:
        """An empty form with the cursor in the matter search: for a new application, and after a
        decision (whose message stays in the status line)."""
        self.prepared = None
        self.checklist.set_items([])
        self.view.applicant.fill(None)
        self.view.guide.clear()
        self.view.show_unstaffed(())
        self.view.title.setText("请先选择事项")
        self._refresh()
        self.focus_find()

    # -- the checklist from the keyboard ---------------------------------------------------

    def eventFilter(self, obj, event):
        if obj is self.view.checklist and event.type() == QEvent.Type.KeyPress:
            status = STATUS_KEYS.get(Qt.Key(event.key()))
            row = self.view.checklist.currentIndex().row()
            if status is not None and row >= 0:
                self._mark(row, status)
                return True
        return False

    def _mark(self, row: int, status: ItemStatus) -> None:
        """A key on the checklist sets the row's status and moves on to the next row that may be
        changed; a row that cannot take it says why (reopened from a slip: it goes on to the next
        listed material instead)."""
        why = self.checklist.refusal(row, status)
        if why is not None:
            self._say(why, error=True)
            target = self.checklist.next_open(row)
            target = self.checklist.next_open(0) if target is None else target
            if target is not None and target != row:
                self.view.checklist.selectRow(target)
            return
        self.checklist.set_status(row, status)
        if status == ItemStatus.DEFECTIVE:
            self.view.checklist.edit(self.checklist.index(row, DEFECT_COLUMN))
            return
        target = self.checklist.next_open(row + 1)
        if target is not None:
            self.view.checklist.selectRow(target)

    # -- deciding ----------------------------------------------------------------------------

    def _applicant(self) -> Applicant:
        return self.view.applicant.applicant()

    def _changed(self) -> None:
        if self.prepared is not None:
            # While typing: only fields that have something in them, and the cursor stays where it is.
            shown = [e for e in applicant_errors(self._applicant(), date.today()) if self._field_filled(e.field)]
            self.view.applicant.show_errors(shown)
        self._refresh()
        if not self._restoring:
            self._draft_timer.start()

    def _field_filled(self, field: str) -> bool:
        widget = self.view.applicant.inputs.get(field)
        return bool(widget is not None and hasattr(widget, "text") and widget.text().strip())

    def _refresh(self) -> None:
        """Outcome buttons follow the rules; the tooltip says why one is not available."""
        for outcome, button in self.view.outcomes.items():
            if self.prepared is None:
                button.setEnabled(False)
                button.setToolTip("请先选择事项")
                continue
            probe = Decision(outcome, reason="-", supply_by=date.today() + timedelta(days=1))
            why = rules.refusal(probe, self.prepared.items, self.prepared.matters, date.today())
            if outcome == Outcome.DEFER and self.prepared.application_id:
                why = "该申请已在处理，不能再次延后告知"
            button.setEnabled(why is None)
            button.setToolTip(why or "")

    def decide(self, outcome: Outcome, decision: Decision | None = None) -> None:
        """Writes the decision and draws its notice off the UI thread (ui.background); the form is
        disabled meanwhile and the result comes back by signal: `decided`, or `refused` with the
        application left as it was."""
        if self.prepared is None or self.deciding or not self.view.outcomes[outcome].isEnabled():
            return
        if decision is None:
            decision = self._ask(outcome, self.prepared)
            if decision is None:
                return
        prepared, applicant = self.prepared, self._applicant()
        ticket_id, walk_in_id = self.service_ref()
        self._busy(True)
        self._say("正在办理：保存申请并生成文书，请稍候…")
        run_in_background(
            lambda: self.service.decide(
                self.actor, prepared, applicant, decision, ticket_id=ticket_id, walk_in_id=walk_in_id
            ),
            self._decided,
            lambda exc: self._not_decided(exc, outcome, decision, prepared),
        )

    def _busy(self, busy: bool) -> None:
        """While a decision runs, nothing on the page may change what is being written."""
        self.deciding = busy
        if busy:
            self._draft_timer.stop()
            self._focus = QApplication.focusWidget()
        self.view.setEnabled(not busy)
        if not busy and self._focus is not None:
            self._focus.setFocus()

    def _decided(self, result: DecisionResult) -> None:
        self._focus = None  # the page goes back to finding the next matter
        self._busy(False)
        self._done(result)

    def _not_decided(self, exc: Exception, outcome: Outcome, decision: Decision, prepared: Prepared) -> None:
        """Nothing was written: the application, the checklist and the draft stay as they were."""
        self._busy(False)
        self._draft_timer.start()
        if isinstance(exc, rules.LateProblems) and not decision.late_reasons:
            late = {i.key: i.name for i in prepared.items if i.problem and i.key not in (prepared.to_check or ())}
            reasons = ask_late_reasons(self.view, late)
            if reasons is not None:
                decision.late_reasons = reasons
                self.decide(outcome, decision)
                return
        if isinstance(exc, ValidationFailed):
            self.view.applicant.show_errors(exc.errors, focus=True)
            text = "申请人信息有误，请按提示修改。"
        elif isinstance(exc, ProxyRefused):  # beside the 委托书 number, where the clerk corrects it
            self.view.applicant.show_errors([FieldError(exc.field, str(exc))], focus=True)
            text = str(exc)
        elif isinstance(exc, DomainError):
            text = str(exc)
        else:  # a fault, not a rule: logged for support, and the clerk is told in plain words
            log.error("decision failed", exc_info=exc)
            text = "办理未完成，申请未保存任何内容，已填写的信息都还在，请重试；如仍不成功请联系大厅管理员。"
        self._say(text, error=True)
        self.refused.emit(text)

    def _ask(self, outcome: Outcome, prepared: Prepared) -> Decision | None:
        if outcome == Outcome.TOLERANCE:
            first, last = date.today() + timedelta(days=1), self.service.latest_supply_day(prepared)
            if last < first:
                self._say(f"本事项法定办结期限为 {last:%Y年%m月%d日}，不能约定以后补交，不能容缺受理。", error=True)
                return None
            due = ask_supply_date(self.view, min(date.today() + timedelta(days=7), last), first, last)
            return None if due is None else Decision(outcome, supply_by=due)
        if outcome == Outcome.REJECT:
            answer = ask_rejection(self.view)
            return None if answer is None else Decision(outcome, reason=answer[0], redirect=answer[1])
        return Decision(outcome)

    def _done(self, result: DecisionResult) -> None:
        cases = f"，办件编号 {'、'.join(result.case_nos)}" if result.case_nos else ""
        notices = "、".join(f"{n.kind} {n.notice_no}" for n in result.notices)
        warning = f"\n{unstaffed_text(result.unstaffed)}" if result.unstaffed else ""
        self._say(f"{DONE_TEXT[result.outcome]}{cases}。{notices}{warning}", error=bool(result.unstaffed))
        self.service.clear_draft(self.actor.staff_no)
        self.decided.emit(result)
        for notice in result.notices:
            self.show_notice(notice)
        self._start_over()

    def show_notice(self, notice: IssuedNotice) -> None:
        if not self.preview_enabled:
            return
        reprint = self.service.printed_before(notice.id)
        dialog = PdfPreviewDialog(
            notice.pdf, f"{notice.kind} {notice.notice_no}", f"{notice.notice_no}.pdf", self.view, reprint=reprint
        )
        dialog.printed.connect(lambda ok, error: self.service.record_print(self.actor, notice.id, ok, error))
        dialog.exec()

    def _say(self, text: str, error: bool = False) -> None:
        tell(self.view.status, text, error)
        self.message.emit(text)

    # -- drafts ------------------------------------------------------------------------------

    def save_draft(self) -> None:
        if self.prepared is None:
            return
        p = self.prepared
        draft = AcceptanceDraft(
            source=self._source,
            application_id=p.application_id,
            to_check=tuple(sorted(p.to_check)) if p.to_check is not None else None,
            applicant=self._applicant(),
            items={i.key: (i.status, i.defect, i.condition_holds) for i in p.items},
        )
        self.service.save_draft(self.actor, wire.encode(draft))

    def restore_draft(self) -> None:
        stored = self.service.load_draft(self.actor.staff_no)
        if not stored:
            return
        try:
            draft = wire.decode(AcceptanceDraft, stored)
            prepared = self._prepared_from_draft(draft)
        except (ValidationError, DomainError):  # unreadable, or its matter or application is gone
            self.service.clear_draft(self.actor.staff_no)
            return
        self._restoring = True
        prepared.applicant = draft.applicant
        for item in prepared.items:
            if item.key in draft.items:
                item.status, item.defect, item.condition_holds = draft.items[item.key]
        self.load(prepared, draft.source)
        self._restoring = False
        self._say("已恢复上次未完成的申请（窗口关闭前自动保存）。")

    def _prepared_from_draft(self, draft: AcceptanceDraft) -> Prepared:
        if draft.to_check is not None and draft.application_id:
            prepared = self.service.reopen_application(draft.application_id)
            prepared.to_check = frozenset(draft.to_check)
            return prepared
        if draft.application_id:
            return self.service.open_deferred(draft.application_id)
        if draft.source is None:
            raise DomainError("草稿未记录所选事项。")
        return self._prepare(*draft.source)

    def _prepare(self, kind: EntryKind, ident: str) -> Prepared:
        """A new application for a catalog entry: a bundle's matters together, or one matter."""
        if kind == EntryKind.BUNDLE:
            return self.service.prepare(bundle_id=ident)
        return self.service.prepare(matter_id=ident)


def build(clients: Clients, actor: Actor) -> AcceptanceView:
    """综合受理 (clerks): over this workstation's own acceptance, which works with the center away."""
    view = AcceptanceView()
    view.controller = AcceptanceController(view, clients.ctx, actor, clients.ctx.acceptance)
    view.controller.message.connect(view.said)
    return view
