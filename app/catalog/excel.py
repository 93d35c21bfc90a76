"""The Excel form of the exchange format: one sheet per list, one column per field. Row 1 names
each field in Chinese (HEADERS), as people read the workbook; an import also accepts the exchange
format's field names there (files written before, or by other tools)."""

from collections.abc import Callable
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from app.catalog.validation import FIELD_LABELS

SHEETS = {
    "departments": "部门",
    "matters": "事项",
    "materials": "申请材料",
    "special_steps": "特殊环节",
    "bundles": "一件事",
}
COLUMNS = {
    "departments": ["code", "name", "short_name", "phone", "address"],
    "matters": [
        "code",
        "name",
        "department",
        "type",
        "legal_basis",
        "conditions",
        "fees",
        "statutory_limit_days",
        "promised_limit_days",
        "review_mode",
        "on_the_spot",
        "commitment_eligible",
        "in_hall",
        "negative_list_approval",
        "handling_place",
        "contact_phone",
    ],
    "materials": [
        "matter_code",
        "name",
        "form",
        "copies",
        "required",
        "condition",
        "format_rules",
        "sample_text",
        "common_errors",
        "tolerance_eligible",
        "shared_key",
    ],
    "special_steps": ["matter_code", "kind", "legal_basis", "limit_days"],
    "bundles": ["code", "name", "lead_department", "description", "matters"],
}
# Row 1 of each sheet: the field's Chinese name, as import errors name it; where a sheet's cell
# holds something else under that field (a code, not a name) the sheet says so.
_OWN_HEADERS = {
    "departments": {"code": "部门编码", "name": "部门名称"},
    "matters": {"department": "实施部门编码"},
    "materials": {"matter_code": "事项编码", "name": "材料名称"},
    "special_steps": {"matter_code": "事项编码", "legal_basis": "法律依据"},
    "bundles": {
        "code": "一件事编码",
        "name": "一件事名称",
        "lead_department": "牵头部门编码",
        "matters": "包含事项编码",
    },
}
HEADERS = {
    sheet: {field: _OWN_HEADERS[sheet].get(field) or FIELD_LABELS.get(field, field) for field in fields}
    for sheet, fields in COLUMNS.items()
}
BOOLS = {"on_the_spot", "commitment_eligible", "in_hall", "required", "tolerance_eligible"}
INTS = {"statutory_limit_days", "promised_limit_days", "copies", "limit_days"}
NULLABLE = {"negative_list_approval", "condition", "shared_key"}
LISTS = {"common_errors": "\n", "matters": ","}
_TRUE, _FALSE = {"是", "true", "1", "y", "yes"}, {"否", "false", "0", "n", "no"}


class ExcelUnreadable(Exception):
    pass


def _cell(key: str, value: object) -> object:
    if value is None or (isinstance(value, str) and not value.strip()):
        if key in NULLABLE:
            return None
        if key in LISTS:
            return []
        return value if key in BOOLS | INTS else ""
    if key in BOOLS:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        return True if text in _TRUE else False if text in _FALSE else value
    if key in INTS:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        return value
    if key in LISTS:
        sep = LISTS[key]
        parts = str(value).replace("，", sep).replace("、", sep).split(sep) if sep == "," else str(value).split(sep)
        return [p.strip() for p in parts if p.strip()]
    return str(value).strip() if isinstance(value, str) else value


def read(path: Path) -> tuple[dict, Callable[[tuple], str], list[tuple[str, str]]]:
    """The document, a locator naming the sheet and row of any path in it (a material's own row on
    申请材料), and the rows that belong to no matter (row, message)."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError) as exc:
        raise ExcelUnreadable(f"不是有效的 Excel 文件（.xlsx）：{exc}") from exc
    rows_of: dict[str, list[tuple[int, dict]]] = {}
    for key, title in SHEETS.items():
        if title not in wb.sheetnames:
            rows_of[key] = []
            continue
        rows = wb[title].iter_rows(values_only=True)
        field_of = {label: field for field, label in HEADERS[key].items()}
        header = [field_of.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in next(rows, ())]
        records = []
        for number, values in enumerate(rows, start=2):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            cells = {h: _cell(h, v) for h, v in zip(header, values, strict=False) if h}
            records.append((number, {h: v for h, v in cells.items() if v is not None or h in NULLABLE}))
        rows_of[key] = records
    doc: dict = {
        "format": "hall-catalog",
        "version": 1,
        "departments": [r for _, r in rows_of["departments"]],
        "matters": [],
        "bundles": [r for _, r in rows_of["bundles"]],
    }
    for _, matter in rows_of["matters"]:
        matter.update(materials=[], special_steps=[])
        doc["matters"].append(matter)
    by_code = {m.get("code"): i for i, m in enumerate(doc["matters"])}
    lines = {key: [n for n, _ in rows_of[key]] for key in ("departments", "matters", "bundles")}
    item_lines: dict[tuple[int, str], list[int]] = {}  # (matter index, materials/special_steps) -> rows
    orphans = []
    for key in ("materials", "special_steps"):
        for number, rec in rows_of[key]:
            code = rec.pop("matter_code", None)
            if not code or code not in by_code:
                orphans.append((_where(key, number), f"所属事项编码“{code or ''}”不在“{SHEETS['matters']}”表中"))
                continue
            doc["matters"][by_code[code]][key].append(rec)
            item_lines.setdefault((by_code[code], key), []).append(number)

    def locate(path: tuple) -> str:
        section, index = path[0], path[1]
        if len(path) >= 4 and isinstance(path[3], int):  # a material or special step: its own sheet
            numbers = item_lines.get((index, path[2]), [])
            if path[3] < len(numbers):
                return _where(path[2], numbers[path[3]])
        numbers = lines.get(section, [])
        return _where(section, numbers[index] if index < len(numbers) else index + 2)

    return doc, locate, orphans


def _where(key: str, line: int) -> str:
    return f"工作表“{SHEETS[key]}”第 {line} 行"


def write(doc: dict, path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {key: wb.create_sheet(title) for key, title in SHEETS.items()}
    for key, sheet in sheets.items():
        sheet.append([HEADERS[key].get(c, c) for c in COLUMNS[key]])
    for d in doc.get("departments", []):
        sheets["departments"].append([d.get(c, "") for c in COLUMNS["departments"]])
    for m in doc.get("matters", []):
        sheets["matters"].append([_out(c, m.get(c)) for c in COLUMNS["matters"]])
        for key in ("materials", "special_steps"):
            for rec in m.get(key, []):
                sheets[key].append([m["code"] if c == "matter_code" else _out(c, rec.get(c)) for c in COLUMNS[key]])
    for b in doc.get("bundles", []):
        sheets["bundles"].append([_out(c, b.get(c)) for c in COLUMNS["bundles"]])
    wb.save(path)


def _out(key: str, value: object) -> object:
    if key in BOOLS:
        return "是" if value else "否"
    if key in LISTS and isinstance(value, list):
        return LISTS[key].join(value)
    return value
