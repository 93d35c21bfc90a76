"""待办提醒 (behaviour): the lists are brought up to date off the UI thread, since the refresh writes
(deferred slips past 5 working days are accepted by law, each with its notice drawn) and reads the
notices' PDFs; marking a 容缺 material as supplied is written there too. Results come back by signal."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.acceptance.service import AcceptanceService, CommitmentRow, DecisionResult, PendingSlip
from app.actor import Actor
from app.errors import DomainError
from app.notices.dto import IssuedNotice
from ui.background import run_in_background

if TYPE_CHECKING:  # the page builds its controller
    from ui.acceptance.followup_page import FollowUpPage


@dataclass(frozen=True)
class FollowUpLists:
    auto_accepted: list[DecisionResult]  # by this refresh
    pending: list[PendingSlip]
    commitments: list[CommitmentRow]
    unprinted: list[IssuedNotice]


class FollowUpController(QObject):
    refreshed = Signal()  # the lists on the page are up to date

    def __init__(self, page: "FollowUpPage", service: AcceptanceService, actor: Actor):
        super().__init__(page)
        self.page, self.service, self.actor = page, service, actor
        self.loading = False
        self.again = False  # asked to refresh while loading: once more when done
        page.refresh_button.clicked.connect(self.refresh)
        page.open_button.clicked.connect(self.open_deferred)
        page.supplied_button.clicked.connect(self.mark_supplied)
        page.print_button.clicked.connect(self.print_notice)

    def refresh(self) -> None:
        if self.loading:
            self.again = True
            return
        self.loading = True
        run_in_background(self._load, self._shown, self._failed)

    def _load(self) -> FollowUpLists:
        """In the worker: the automatic acceptance first, so the lists show its result."""
        auto = self.service.sweep_deferred()
        return FollowUpLists(auto, self.service.pending_slips(), self.service.commitments(), self.service.unprinted())

    def _shown(self, lists: FollowUpLists) -> None:
        self.loading = False
        self.page.show_lists(lists)
        self.refreshed.emit()
        self._next()

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        self.page.say(self._why(exc), error=True)
        self.refreshed.emit()
        self._next()

    def _next(self) -> None:
        if self.again:
            self.again = False
            self.refresh()

    @staticmethod
    def _why(exc: Exception) -> str:
        return str(exc) if isinstance(exc, DomainError) else "待办提醒暂时无法刷新，请稍后按 F5 重试。"

    def open_deferred(self) -> None:
        row = self.page.selected(self.page.pending_view, self.page.pending)
        if row is not None:
            self.page.open_deferred.emit(row.application_id)

    def mark_supplied(self) -> None:
        row = self.page.selected(self.page.commitment_view, self.page.commitments)
        if row is None:
            return
        self.page.supplied_button.setEnabled(False)

        def done(_result) -> None:
            self.page.supplied_button.setEnabled(True)
            self.refresh()

        def failed(exc: Exception) -> None:
            self.page.supplied_button.setEnabled(True)
            self.page.say(self._why(exc), error=True)

        run_in_background(lambda: self.service.mark_supplied(self.actor, row.id), done, failed)

    def print_notice(self) -> None:
        row = self.page.selected(self.page.unprinted_view, self.page.unprinted)
        if row is not None:
            self.page.print_notice.emit(row)
