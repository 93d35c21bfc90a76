"""The 电子监察 page's behaviour: sweep and load the signals off the UI thread, show the evidence of
the one selected, explain a false alarm through a dialog that keeps the center's message beside
the reason until it is accepted, and take a red one up into the 问题台账 (the ledger tab's
new-problem dialog, drafted from the signal). A manager sets the minutes of 提前办结异常 per
matter (too_fast_dialog.py). The center checks the role and the reason again."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.actor import Actor, Role
from app.dossier.dto import CaseSummary
from app.supervision.dto import SignalRow, Signals, SweepResult, TooFastLimitRow
from app.supervision.ledger_dto import LedgerRow
from app.supervision.rules import Level
from ui.background import run_in_background
from ui.center_form import ReasonDialog, refusal_text, submit
from ui.supervision.ledger_model import draft_from_signal
from ui.supervision.model import counts_text, evidence_text
from ui.supervision.too_fast_dialog import TooFastDialog
from ui.widgets import OneDialog, follow_current_row, selected_row

if TYPE_CHECKING:  # the page builds this controller
    from ui.supervision.page import SupervisionPage

EXPLAIN_WARNING = (
    "将把这条信号标为误报：它保留在监察记录中，注明由您排除及理由，不再计入红黄牌数。"
    "请写明核实的情况，如：该窗口当天使用纸质登记，已核对登记簿。"
)


class SupervisionController(QObject):
    message = Signal(str)  # what was done, for the main window's status bar

    def __init__(self, page: SupervisionPage, client: Signals, actor: Actor):
        super().__init__(page)
        self.page, self.client, self.actor = page, client, actor
        self.form = OneDialog()
        self.limits_form = OneDialog()  # 提前办结时限, a manager's
        self.opening_limits = False
        self.loading = False
        self.drafting = False  # the matter of a signal's case being asked for its ledger draft
        self.rows: list[SignalRow] = []
        self.department: str | None = None  # the chart's choice; None: every department
        page.chart.department_chosen.connect(self.choose_department)
        page.all_departments.clicked.connect(lambda: self.choose_department(None))
        page.sweep_button.clicked.connect(lambda: self.refresh())
        page.explain_button.clicked.connect(self.explain)
        page.take_up_button.clicked.connect(self.take_up)
        page.dossier_button.clicked.connect(self.open_case)
        page.too_fast_button.clicked.connect(self.too_fast_limits)
        if page.case_file is not None:
            page.case_file.failed.connect(lambda text: page.say(text, error=True))
            page.case_file.shown.connect(lambda _dossier: page.say(""))
        page.show_explained.toggled.connect(lambda _on: self.refresh(sweep=False))
        follow_current_row(page.table, self._selected)

    @property
    def dialog(self) -> ReasonDialog | None:
        shown = self.form.shown
        return shown if isinstance(shown, ReasonDialog) else None

    def current(self) -> SignalRow | None:
        return selected_row(self.page.table, self.page.model.rows)

    def refresh(self, sweep: bool = True, said: str = "") -> None:
        """Sweeps the record at the center first (unless only the filter changed), then loads;
        `said` (what was just done) stays on the message line once loaded."""
        if self.loading:
            return
        self.loading = True
        self.page.sweep_button.setEnabled(False)
        self.page.say("正在巡查办件…" if sweep else "正在读取…")
        include = self.page.show_explained.isChecked()

        def work() -> tuple[SweepResult | None, list[SignalRow]]:
            swept = self.client.sweep() if sweep else None
            return swept, self.client.signals(include)

        run_in_background(work, lambda answer: self._loaded(answer, said), self._failed, owner=self)

    def _loaded(self, answer: tuple[SweepResult | None, list[SignalRow]], said: str = "") -> None:
        swept, rows = answer
        self.loading = False
        self.page.sweep_button.setEnabled(True)
        self.rows = rows
        self._show()
        if swept is None:
            self.page.say(said)
        elif swept.new or swept.changed:
            self.page.say(f"巡查完成：新发现 {swept.new} 条，升级或更新 {swept.changed} 条。")
        else:
            self.page.say("巡查完成：没有新的信号。")

    def _show(self) -> None:
        """The rows loaded, those of the department the chart chose only (None: every one)."""
        chosen = self.department
        shown = self.rows if chosen is None else [r for r in self.rows if r.department == chosen]
        self.page.model.set_rows(shown)
        self.page.counts.setText(counts_text(shown) + (f"（{chosen or '全中心'}）" if chosen is not None else ""))
        self.page.chart.show_rows(self.rows)
        self.page.all_departments.setVisible(chosen is not None)
        self._selected()

    def choose_department(self, department: str | None) -> None:
        """From the chart: that department's signals in the table (None: all again)."""
        self.department = department
        self._show()

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        self.page.sweep_button.setEnabled(True)
        self.page.say(refusal_text(exc), error=True)

    def _selected(self) -> None:
        row = self.current()
        self.page.evidence.setPlainText(evidence_text(row) if row else "")
        self.page.explain_button.setEnabled(row is not None and not row.explained)
        self.page.explain_button.setToolTip(why_not_explained(row))
        self.page.take_up_button.setEnabled(row is not None and can_take_up(row))
        self.page.take_up_button.setToolTip(why_not_taken_up(row))
        self.page.dossier_button.setEnabled(row is not None and bool(row.case_no) and self.page.case_file is not None)

    def open_case(self) -> None:
        """The selected signal's case, its dossier in the preview."""
        row = self.current()
        if row is not None and row.case_no and self.page.case_file is not None:
            self.page.say(f"正在调取 {row.case_no} 的卷宗…")
            self.page.case_file.open(row.case_no)

    def explain(self) -> None:
        row = self.current()
        if row is None or row.explained:
            return
        d = ReasonDialog(
            f"排除误报 · {row.kind}", EXPLAIN_WARNING, "排除", "必填（保留备查），写明核实的情况", 500, self.page
        )
        d.submitted.connect(
            lambda: submit(
                d,
                lambda: self.form.shown is d,
                lambda: self.client.explain(row.id, d.reason.text()),
                lambda _none: self._explained(row),
                lambda exc: self.page.say(refusal_text(exc), error=True),
            )
        )
        self.form.open(d)

    def take_up(self) -> None:
        """The ledger's new-problem dialog, drafted from the red signal selected, its case's
        matter asked of the center first (off the UI thread) where the page reads dossiers; once
        recorded, the signal shows it is in the ledger."""
        row = self.current()
        if row is None or not can_take_up(row) or self.drafting:
            return
        dossiers = self.page.dossiers
        if dossiers is None or not row.case_no:
            self._draft(row, None)
            return
        self.drafting = True
        # Not found, out of scope or the center unreachable: the draft goes without its matter and
        # window, to be typed.
        run_in_background(
            lambda: dossiers.find(row.case_no),
            lambda case: self._draft(row, case),
            lambda _exc: self._draft(row, None),
            owner=self,
        )

    def _draft(self, row: SignalRow, case: CaseSummary | None) -> None:
        self.drafting = False
        ledger = self.page.ledger_tab.controller
        draft = draft_from_signal(row, ledger.departments, date.today(), case)
        ledger.add(draft, row.id, lambda item: self._taken_up(row, item))

    def _taken_up(self, row: SignalRow, item: LedgerRow) -> None:
        text = f"已列入问题台账：{row.kind} {row.case_no} → {item.item_no}"
        self.message.emit(text)
        self.refresh(sweep=False, said=text)

    @property
    def limits_dialog(self) -> TooFastDialog | None:
        shown = self.limits_form.shown
        return shown if isinstance(shown, TooFastDialog) else None

    def too_fast_limits(self) -> None:
        """A manager's 提前办结时限: the matters read off the UI thread, then the dialog."""
        if self.opening_limits or self.limits_dialog is not None or not self.actor.has(Role.MANAGER):
            return
        self.opening_limits = True
        self.page.say("正在读取提前办结时限…")

        def opened(rows: list[TooFastLimitRow]) -> None:
            self.opening_limits = False
            self.page.say("")
            d = TooFastDialog(rows, self.page)
            d.save_asked.connect(lambda matter_id, minutes: self._save_limit(d, matter_id, minutes))
            self.limits_form.open(d)

        def failed(exc: Exception) -> None:
            self.opening_limits = False
            self.page.say(refusal_text(exc), error=True)

        run_in_background(self.client.too_fast_limits, opened, failed, owner=self)

    def _save_limit(self, d: TooFastDialog, matter_id: str, minutes: int | None) -> None:
        """Sent to the center off the UI thread; the dialog shows the rows it answers with."""

        def work() -> list[TooFastLimitRow]:
            self.client.set_too_fast_limit(matter_id, minutes)
            return self.client.too_fast_limits()

        def done(rows: list[TooFastLimitRow]) -> None:
            row = next((r for r in rows if r.matter_id == matter_id), None)
            name = f"{row.code} {row.name}" if row else "该事项"
            text = f"已设置 {name} 的提前办结时限为 {minutes} 分钟" if minutes is not None else f"{name} 已恢复默认时限"
            text += "，下次巡查起生效。"
            self.message.emit(text)
            if self.limits_form.shown is d:
                d.show_rows(rows, text)

        def refused(exc: Exception) -> None:
            if self.limits_form.shown is d:
                d.show_refusal(exc)
            else:
                self.page.say(refusal_text(exc), error=True)

        run_in_background(work, done, refused, owner=self)

    def _explained(self, row: SignalRow) -> None:
        self.message.emit(f"已排除：{row.kind} {row.case_no}")
        self.refresh(sweep=False)


def can_take_up(row: SignalRow) -> bool:
    """A red signal, not explained away and not yet in the ledger."""
    return row.level == Level.RED and not row.explained and row.ledger_item_id is None


# Why a button is greyed out, as its tooltip (Qt shows a disabled button's tooltip); "" when it
# is not, its text saying enough.
NOTHING_SELECTED = "请先在上方列表中选中一条信号。"


def why_not_explained(row: SignalRow | None) -> str:
    if row is None:
        return NOTHING_SELECTED
    return "该信号已排除误报。" if row.explained else ""


def why_not_taken_up(row: SignalRow | None) -> str:
    """The reason can_take_up refuses, in the order the center would give it."""
    if row is None:
        return NOTHING_SELECTED
    if row.level != Level.RED:
        return "只有红牌信号才列入问题台账。"
    if row.explained:
        return "该信号已排除误报，不再列入问题台账。"
    if row.ledger_item_id is not None:
        return "该信号已列入问题台账。"
    return ""
