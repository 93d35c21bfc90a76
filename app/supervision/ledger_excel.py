"""The 问题台账 as an Excel workbook: Chinese headings, one row per problem, overdue rows in red.
Pure: the same workbook whether the rows were read at the center or fetched by a workstation."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from app.supervision.ledger_dto import LedgerRow

TITLE = "问题台账"
HEADINGS = [
    "编号",
    "问题来源",
    "发现日期",
    "窗口单位",
    "事项",
    "窗口号",
    "责任人工号",
    "问题类型",
    "问题描述",
    "佐证材料",
    "责任单位",
    "整改措施",
    "整改时限(工作日)",
    "整改期限",
    "状态",
    "登记人",
    "验收人",
    "销号日期",
    "是否逾期",
    "整改情况",  # after the rest: the columns above keep their letters (widths, date formats)
    "验收意见",
]
OVERDUE_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
OVERDUE_FONT = Font(color="FF9C0006")


def cells(row: LedgerRow) -> list[object]:
    return [
        row.item_no,
        str(row.source),
        row.found_on,
        row.department,
        row.matter,
        row.window_no,
        row.responsible_no,
        str(row.problem_type),
        row.facts,
        row.evidence,
        row.responsible_unit,
        row.measure,
        row.deadline_days,
        row.due_on,
        str(row.status),
        row.created_by,
        row.verifier,
        row.closed_on,
        "逾期" if row.overdue else "",
        row.rectified_note,
        row.verification_note,
    ]


def workbook(rows: list[LedgerRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = TITLE
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(cells(row))
        if row.overdue:
            for cell in sheet[sheet.max_row]:
                cell.fill, cell.font = OVERDUE_FILL, OVERDUE_FONT
    for column, width in {"A": 18, "I": 40, "K": 20, "L": 40, "T": 30, "U": 30}.items():
        sheet.column_dimensions[column].width = width
    for column in ("C", "N", "R"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
