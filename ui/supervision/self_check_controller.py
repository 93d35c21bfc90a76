"""The 自查自纠 tab's behaviour: the departments and the scorecard of the unit and period chosen
loaded off the UI thread (a later request wins over an earlier one still answering); a
department's answer to item 1, 2 or 5 through a dialog that keeps the center's messages beside
the fields until accepted, the scorecard reloaded after; the 自查自纠报告 fetched off the UI
thread and opened in the PDF preview, to print or save (the path saved to said after)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from app.actor import Actor
from app.choices import DepartmentChoice
from app.supervision.scorecard import Answer, Verdict
from app.supervision.self_check_dto import ReportPdf, Scorecard, SelfCheck
from ui.background import run_in_background
from ui.center_form import submit
from ui.page_controller import PageController
from ui.pdf_preview import PdfPreviewDialog
from ui.supervision.self_check_dialogs import AnswerDialog
from ui.supervision.self_check_model import answer_text, can_record
from ui.widgets import follow_current_row

if TYPE_CHECKING:  # the tab builds this controller
    from ui.supervision.self_check_tab import SelfCheckTab

CHOOSE_DEPARTMENT = "全中心的结果由各部门的填报汇总而成：请先选择一个部门，再填报。"
NOT_RECORDED = "这一项由系统据办件记录判断，无须填报；只有第 1、2、5 项由单位自查填报。"


def counts_text(card: Scorecard) -> str:
    no = sum(1 for a in card.answers if a.verdict == Verdict.NO)
    open_ = sum(1 for a in card.answers if a.verdict == Verdict.OPEN)
    return f"{card.unit} · {card.first:%Y-%m-%d} 至 {card.last:%Y-%m-%d} · 存在问题 {no} 项 · 待填 {open_} 项"


class SelfCheckController(PageController[Answer]):
    page: SelfCheckTab
    client: SelfCheck
    report_ready = Signal(object)  # the ReportPdf fetched, before it is previewed

    def __init__(
        self,
        page: SelfCheckTab,
        client: SelfCheck,
        departments: Callable[[], list[DepartmentChoice]],
        actor: Actor,
    ):
        super().__init__(page, client, actor)
        self.departments = departments
        self.units_loaded = False
        self.card: Scorecard | None = None
        self.loading = False
        self.reporting = False
        self.preview_enabled = True  # tests turn the modal preview off
        self._asked = 0  # the latest load asked for; an earlier one's answer is dropped
        page.load_button.clicked.connect(lambda: self.refresh())
        page.unit.currentIndexChanged.connect(lambda _i: self.refresh())
        page.record_button.clicked.connect(self.record)
        page.report_button.clicked.connect(self.report)
        page.table.doubleClicked.connect(lambda _index: self.record())
        follow_current_row(page.table, self._selected)

    # -- the scorecard -------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """The scorecard of the unit and period chosen (and, the first time, the departments);
        `select`: the item number to select after."""
        department_id = self.page.department_id()
        first, last = self.page.period()
        need_units = not self.units_loaded
        client, departments = self.client, self.departments

        def work() -> tuple[list[DepartmentChoice] | None, Scorecard]:
            card = client.scorecard(department_id, first, last)  # refused, the refusal names 自查自纠
            return (departments() if need_units else None), card

        self._asked += 1
        asked = self._asked
        self.loading = True
        self._selected()
        run_in_background(
            work,
            lambda answer: self._loaded(asked, answer, select),
            lambda exc: self._load_failed(asked, exc),
            owner=self,
        )

    def _loaded(self, asked: int, answer: tuple[list[DepartmentChoice] | None, Scorecard], select: str | None) -> None:
        if asked != self._asked:
            return
        found, card = answer
        self.loading = False
        if found is not None:
            self.page.set_units(found)
            self.units_loaded = True
        current = self.current()
        keep = int(select) if select else (current.item_no if current else None)
        self.card = card
        self.page.model.set_rows(list(card.answers))
        self.page.counts.setText(counts_text(card))
        at = next((i for i, a in enumerate(card.answers) if a.item_no == keep), -1)
        if at >= 0:
            self.page.table.selectRow(at)
        self._selected()

    def _load_failed(self, asked: int, exc: Exception) -> None:
        if asked != self._asked:
            return
        self.loading = False
        self._selected()
        self._failed(exc)

    def _selected(self) -> None:
        answer = self.current()
        self.page.detail.setPlainText(answer_text(answer) if answer else "")
        department_id = self.card.department_id if self.card else None
        self.page.record_button.setEnabled(not self.loading and can_record(answer, department_id))
        self.page.report_button.setEnabled(not self.reporting)

    # -- a department's own answer -------------------------------------------------------------------

    def record(self) -> None:
        answer, card = self.current(), self.card
        if answer is None or card is None or self.loading:
            return
        if not answer.recorded:
            self.page.say(NOT_RECORDED, error=True)
            return
        department_id = card.department_id
        if department_id is None:
            self.page.say(CHOOSE_DEPARTMENT, error=True)
            return
        d = AnswerDialog(answer, card.unit, self.page)

        def send() -> None:
            verdict, note = d.verdict(), d.note_text()  # read here, on the UI thread
            submit(
                d,
                lambda: self.form.shown is d,
                lambda: self.client.record(department_id, answer.item_no, verdict, note),
                lambda recorded: self._done(
                    f"已填报{card.unit}第 {recorded.item_no} 项：{recorded.verdict}", str(recorded.item_no)
                ),
                self._failed,
            )

        d.submitted.connect(send)
        self.form.open(d)

    # -- the report ----------------------------------------------------------------------------------

    def report(self) -> None:
        """The 自查自纠报告 of the unit and period chosen, previewed to print."""
        if self.reporting:
            return
        department_id = self.page.department_id()
        first, last = self.page.period()
        unit = self.page.unit.currentText()
        self.reporting = True
        self._selected()
        self.page.say(f"正在生成{unit}的自查自纠报告…")
        run_in_background(
            lambda: self.client.report(department_id, first, last), self._reported, self._report_failed, owner=self
        )

    def _reported(self, report: ReportPdf) -> None:
        self.reporting = False
        self._selected()
        text = f"已生成{report.unit}的自查自纠报告（{report.pages} 页），打印后由单位主要领导签字盖章。"
        self.page.say(text)
        self.message.emit(text)
        self.report_ready.emit(report)
        if self.preview_enabled:
            self.preview(report).exec()

    def preview(self, report: ReportPdf) -> PdfPreviewDialog:
        """The report's preview; saved (另存为), where it went is said on the tab's message line
        and the status bar: the preview is closed soon after and the path would be lost with it."""
        dialog = PdfPreviewDialog(report.pdf, f"自查自纠报告 · {report.unit}", report.file_name, self.page)
        dialog.saved.connect(lambda path: self._saved(report, path))
        return dialog

    def _saved(self, report: ReportPdf, path: str) -> None:
        text = f"{report.unit}的自查自纠报告已保存到：{path}"
        self.page.say(text)
        self.message.emit(text)

    def _report_failed(self, exc: Exception) -> None:
        self.reporting = False
        self._selected()
        self._failed(exc)
