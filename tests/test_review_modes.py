"""A matter's review mode is a base mode to which registered special steps are added (DESIGN §2
ReviewMode): a catalog combining every base mode with special steps imports as written, from JSON
and from Excel, round-trips through export, and the old value 特别程序 still imports."""

import json

import pytest

from app.catalog import excel
from app.catalog.guide import SPECIAL_PROCEDURE, review_mode_label
from app.catalog.transfer import ImportRejected, export_document, export_file, import_document, import_file
from app.documents.guide_pdf import render_guide
from tests import pdf_reading
from ui.catalog.guide_html import guide_html


def _step(kind: str, days: int = 10) -> dict:
    return {"kind": kind, "legal_basis": "《行政许可法》第四十五条", "limit_days": days}


@pytest.fixture
def combined(mini_doc) -> dict:
    """Each base mode with special steps, in the words real county catalogs use."""
    base = mini_doc["matters"][1]  # a licence with materials in order
    matters = [
        {**base, "code": "SCJG-101", "name": "食品经营许可（延续）", "special_steps": [_step("现场核查")]},
        {
            **base,
            "code": "WJW-101",
            "name": "医疗机构执业登记",
            "department": "WJW",
            "review_mode": "一审两核",
            "special_steps": [_step("现场审查", 15)],
        },
        {
            **base,
            "code": "SCJG-102",
            "name": "户外广告设置许可",
            "review_mode": "审核合一",
            "special_steps": [_step("公告公示", 5), _step("专家评审", 20)],
        },
    ]
    return {**mini_doc, "matters": matters, "bundles": []}


def _as_written(doc: dict) -> dict:
    return {m["code"]: (m["review_mode"], [s["kind"] for s in m["special_steps"]]) for m in doc["matters"]}


WRITTEN = {
    "SCJG-101": ("一审一核", ["现场核查"]),
    "WJW-101": ("一审两核", ["现场审查"]),
    "SCJG-102": ("审核合一", ["公告公示", "专家评审"]),
}


def _exported(ctx) -> dict:
    return {code: v for code, v in _as_written(export_document(ctx.store)).items() if code in WRITTEN}


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_base_modes_with_special_steps_import_as_written_and_round_trip(ctx, combined, tmp_path, suffix):
    source = tmp_path / f"county{suffix}"
    if suffix == ".xlsx":
        excel.write(combined, source)
    else:
        source.write_text(json.dumps(combined, ensure_ascii=False), encoding="utf-8")
    summary = import_file(ctx.store, ctx.system(), source)
    assert sorted(summary.created) == sorted(WRITTEN)
    assert _exported(ctx) == WRITTEN

    again = tmp_path / f"exported{suffix}"
    export_file(ctx.store, again)
    assert import_file(ctx.store, ctx.system(), again).versioned == []  # nothing differs
    assert _exported(ctx) == WRITTEN


def test_the_old_value_is_read_as_two_person_review_plus_its_steps(ctx, combined):
    old = combined["matters"][0]
    combined["matters"] = [{**old, "review_mode": SPECIAL_PROCEDURE, "special_steps": [_step("现场勘验")]}]
    import_document(ctx.store, ctx.system(), combined)
    assert _exported(ctx) == {"SCJG-101": ("一审一核", ["现场勘验"])}  # export writes the new form

    combined["matters"] = [{**old, "code": "SCJG-103", "review_mode": SPECIAL_PROCEDURE, "special_steps": []}]
    with pytest.raises(ImportRejected) as caught:
        import_document(ctx.store, ctx.system(), combined)
    (error,) = caught.value.errors
    assert error.row == "第 1 条事项（编码 SCJG-103）" and "必须登记特殊环节" in error.messages[0]


def test_a_matter_with_steps_is_shown_as_special_procedure_with_its_base_mode(ctx, combined):
    import_document(ctx.store, ctx.system(), combined)
    hit = next(h for h in ctx.catalog.search("医疗机构执业登记") if h.kind == "matter")
    guide = ctx.catalog.guide(hit.id)
    assert "一审两核（特别程序：现场审查）" in guide_html(guide)
    assert "一审两核（特别程序：现场审查）" in pdf_reading.text(render_guide(guide)).replace("\n", "")
    assert review_mode_label("审核合一", []) == "审核合一"
    assert review_mode_label("审核合一", ["公告公示", "专家评审"]) == "审核合一（特别程序：公告公示、专家评审）"
