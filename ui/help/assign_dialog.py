"""分派帮办员: the pool's suggestion for the request, the best first and preselected (most of its
matters known, then the least loaded). An agent who does not fit (does not know every matter, is
not taking requests or is full) may still be chosen, but only with a reason, which is recorded;
the dialog says why one is needed, and the center refuses without it anyway."""

from PySide6.QtWidgets import QDialog, QHeaderView, QLineEdit

from app.errors import FieldError
from app.help.dto import RequestView, Suggestion
from app.help.pool import why_not
from ui.fields_dialog import FieldsDialog
from ui.help.model import SuggestionsModel
from ui.palette import ALERT, OK
from ui.widgets import rows_table, selected_row, wrapped_label


class AssignDialog(FieldsDialog):
    def __init__(self, parent, view: RequestView, suggestions: list[Suggestion], entered=None, refusal: str = ""):
        super().__init__(
            parent,
            f"分派帮办员：{view.request_no}",
            f"{view.project_name or view.applicant}，{len(view.plan)} 个事项。"
            "按熟悉事项数、再按当前在办量排序，第一位为建议人选。",
            "分派",
        )
        self.setMinimumWidth(760)
        self.suggestions = suggestions
        self.model = SuggestionsModel(self)
        self.model.set_rows(suggestions)
        self.table = rows_table(self.model)
        self.table.setMinimumHeight(160)
        # What an agent lacks may be long: it elides (the line under the table words it whole).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SuggestionsModel.headers.index("缺少"), QHeaderView.ResizeMode.Stretch)
        self.why = wrapped_label()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("不符合条件时必填，如：A001 外出培训，由其先行对接")
        self.add("agent", "帮办员", self.table)
        self.form.addRow("", self.why)
        self.add("reason", "分派原因", self.reason)
        agent_no, reason = entered or (suggestions[0].staff_no if suggestions else "", "")
        self.reason.setText(reason)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        rows = [s.staff_no for s in suggestions]
        if rows:
            self.table.selectRow(rows.index(agent_no) if agent_no in rows else 0)
        if refusal:
            self.show_errors([FieldError("reason", refusal)])

    def chosen(self) -> Suggestion | None:
        return selected_row(self.table, self.suggestions)

    def _chosen(self) -> None:
        s = self.chosen()
        problem = why_not(s) if s else None
        self.why.setText(f"须说明原因：{problem}。" if problem else "符合条件：熟悉全部事项、可接单且未满额。")
        self.why.setStyleSheet(f"color: {ALERT if problem else OK};")

    def answer(self) -> tuple[str, str]:
        s = self.chosen()
        return (s.staff_no if s else "", self.reason.text().strip())

    def local_errors(self) -> list[FieldError]:
        s = self.chosen()
        if s is None:
            return [FieldError("agent", "请选择帮办员。")]
        problem = why_not(s)
        if problem and not self.reason.text().strip():
            return [FieldError("reason", f"{problem}，须填写分派原因（将记录备查）。")]
        return []


def ask_assign(
    parent, view: RequestView, suggestions: list[Suggestion], entered=None, refusal: str = ""
) -> tuple[str, str] | None:
    dialog = AssignDialog(parent, view, suggestions, entered, refusal)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
