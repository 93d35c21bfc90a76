import json

import pytest
from openpyxl import load_workbook

from app.catalog import excel, transfer
from app.catalog.transfer import ImportRejected, export_document, export_file, import_file


def _counts(ctx):
    doc = export_document(ctx.store)
    versions = sum(len(ctx.catalog.versions(h.id)) for h in ctx.catalog.index().entries if h.kind == "matter")
    return len(doc["matters"]), versions


def test_export_then_import_round_trips_with_no_difference(demo_ctx, tmp_path):
    path = tmp_path / "catalog.json"
    first = export_file(demo_ctx.store, path)
    before = _counts(demo_ctx)
    summary = import_file(demo_ctx.store, demo_ctx.system(), path)
    assert summary.created == [] and summary.versioned == [] and summary.unchanged == len(first["matters"])
    assert export_document(demo_ctx.store) == first
    assert _counts(demo_ctx) == before


def test_demo_catalog_file_is_what_gets_exported(demo_ctx):
    from app.paths import DEMO

    shipped = json.loads((DEMO / "catalog.json").read_text(encoding="utf-8"))
    exported = export_document(demo_ctx.store)
    assert sorted(m["code"] for m in shipped["matters"]) == [m["code"] for m in exported["matters"]]


def test_one_bad_row_imports_nothing_and_names_the_row(ctx, mini_doc, tmp_path):
    mini_doc["matters"][0]["name"] = "个体工商户设立登记（已改名）"  # a valid change that must not land
    mini_doc["matters"].append(
        {**mini_doc["matters"][2], "code": "WJW-009", "promised_limit_days": 9, "statutory_limit_days": 5}
    )
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(mini_doc, ensure_ascii=False), encoding="utf-8")
    before = export_document(ctx.store)
    with pytest.raises(ImportRejected) as caught:
        import_file(ctx.store, ctx.system(), path)
    assert [e.row for e in caught.value.errors] == ["第 4 条事项（编码 WJW-009）"]
    assert "承诺时限不能长于法定时限" in caught.value.errors[0].messages[0]
    assert export_document(ctx.store) == before


def test_schema_errors_are_explained_in_chinese_per_row(ctx, mini_doc):
    del mini_doc["matters"][1]["legal_basis"]
    mini_doc["matters"][2]["materials"][0]["form"] = "扫描件"
    mini_doc["matters"][2]["statutory_limit_days"] = "五天"
    with pytest.raises(ImportRejected) as caught:
        transfer.import_document(ctx.store, ctx.system(), mini_doc)
    errors = {e.row: e.messages for e in caught.value.errors}
    assert errors["第 2 条事项（编码 SCJG-003）"] == ("缺少必填字段“设定依据”",)
    row3 = " ".join(errors["第 3 条事项（编码 WJW-001）"])
    assert "申请材料第 1 项：“材料形式”的取值“扫描件”无效" in row3
    assert "“法定时限”的类型不正确（应为整数）" in row3


def test_references_and_duplicates_are_checked(ctx, mini_doc):
    mini_doc["matters"].append(dict(mini_doc["matters"][0]))
    mini_doc["bundles"][0]["matters"] = ["SCJG-001", "NOPE-1"]
    mini_doc["matters"][1]["department"] = "NONE"
    with pytest.raises(ImportRejected) as caught:
        transfer.import_document(ctx.store, ctx.system(), mini_doc)
    text = "\n".join(map(str, caught.value.errors))
    assert "第 4 条事项（编码 SCJG-001）：编码与第 1 条重复" in text
    assert "实施部门“NONE”不存在" in text
    assert "第 1 条一件事（编码 YJS-CY）：事项“NOPE-1”不存在" in text


def test_not_json_and_not_excel_are_rejected(ctx, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportRejected, match="1 处错误") as caught:
        import_file(ctx.store, ctx.system(), bad)
    assert "不是有效的 JSON" in str(caught.value.errors[0])
    fake = tmp_path / "x.xlsx"
    fake.write_bytes(b"PK not really")
    with pytest.raises(ImportRejected) as caught:
        import_file(ctx.store, ctx.system(), fake)
    assert "不是有效的 Excel 文件" in str(caught.value.errors[0])


def test_excel_round_trip_and_row_numbers(ctx, tmp_path):
    path = tmp_path / "catalog.xlsx"
    doc = export_file(ctx.store, path)
    summary = import_file(ctx.store, ctx.system(), path)
    assert summary.unchanged == len(doc["matters"]) and not summary.created and not summary.versioned
    wb = load_workbook(path)
    sheet = wb[excel.SHEETS["matters"]]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index(excel.HEADERS["matters"]["review_mode"]) + 1, value="随便审")
    wb.save(path)
    with pytest.raises(ImportRejected) as caught:
        import_file(ctx.store, ctx.system(), path)
    assert caught.value.errors[0].row == "工作表“事项”第 3 行"
    assert "审批环节模式" in caught.value.errors[0].messages[0]


def test_only_managers_import(demo_ctx, mini_doc):
    from app.auth import login
    from app.errors import PermissionDenied

    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", "Demo@2026")
    with pytest.raises(PermissionDenied):
        transfer.import_document(demo_ctx.store, clerk, mini_doc)


def test_every_error_of_every_sheet_in_one_run_on_its_own_sheet_and_row(ctx, tmp_path):
    path = tmp_path / "catalog.xlsx"
    export_file(ctx.store, path)
    wb = load_workbook(path)

    def cell(sheet_key: str, row: int, column: str, value) -> None:
        sheet = wb[excel.SHEETS[sheet_key]]
        sheet.cell(row=row, column=excel.COLUMNS[sheet_key].index(column) + 1, value=value)

    def row_of(sheet_key: str, matter_code: str, nth: int = 0) -> int:
        sheet = wb[excel.SHEETS[sheet_key]]
        rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == matter_code]
        return rows[nth]

    cell("matters", 2, "promised_limit_days", 20)  # SCJG-001: longer than its statutory 15
    cell("matters", 4, "review_mode", "随便审")  # WJW-001
    form_row = row_of("materials", "SCJG-003", 1)
    cell("materials", form_row, "form", "扫描件")
    condition_row = row_of("materials", "SCJG-001", 0)
    cell("materials", condition_row, "required", "否")
    orphan_row = wb[excel.SHEETS["materials"]].max_row + 1
    cell("materials", orphan_row, "matter_code", "NOPE-9")
    cell("materials", orphan_row, "name", "无主材料")
    cell("special_steps", 2, "limit_days", 0)
    cell("bundles", 2, "matters", "SCJG-001,NOPE-1")
    wb.save(path)

    with pytest.raises(ImportRejected) as caught:
        import_file(ctx.store, ctx.system(), path)
    errors = {e.row: " ".join(e.messages) for e in caught.value.errors}
    assert "承诺时限不能长于法定时限" in errors["工作表“事项”第 2 行"]
    assert "审批环节模式" in errors["工作表“事项”第 4 行"]
    assert "“材料形式”的取值“扫描件”无效" in errors[f"工作表“申请材料”第 {form_row} 行"]
    assert "非必需材料必须写明适用情形" in errors[f"工作表“申请材料”第 {condition_row} 行"]
    assert "所属事项编码“NOPE-9”不在“事项”表中" in errors[f"工作表“申请材料”第 {orphan_row} 行"]
    assert "“环节时限”不能小于 1" in errors["工作表“特殊环节”第 2 行"]
    assert "事项“NOPE-1”不存在" in errors["工作表“一件事”第 2 行"]
    assert len(errors) == 7


def test_excel_headers_are_chinese_and_field_names_still_import(ctx, tmp_path):
    path = tmp_path / "catalog.xlsx"
    export_file(ctx.store, path)
    wb = load_workbook(path)
    for key, title in excel.SHEETS.items():
        header = [c.value for c in wb[title][1]]
        assert len(header) == len(excel.COLUMNS[key])
        assert all(h and not h.isascii() for h in header), (title, header)
    assert [c.value for c in wb[excel.SHEETS["matters"]][1]][:2] == ["事项编码", "事项名称"]
    # A workbook written with the exchange format's field names (before, or by another tool) imports alike.
    for key, title in excel.SHEETS.items():
        for column, field in enumerate(excel.COLUMNS[key], start=1):
            wb[title].cell(row=1, column=column, value=field)
    wb.save(path)
    summary = import_file(ctx.store, ctx.system(), path)
    assert summary.unchanged and not summary.created and not summary.versioned
