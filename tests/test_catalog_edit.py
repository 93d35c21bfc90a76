from dataclasses import replace

import pytest

from app import audit
from app.auth import login
from app.errors import ValidationFailed


@pytest.fixture
def manager(demo_ctx):
    return login(demo_ctx.store, demo_ctx.workstation_id, "M001", "Demo@2026")


def _guide(ctx, query="gtgsh"):
    return ctx.catalog.guide(ctx.catalog.search(query)[0].id)


def test_edit_creates_a_new_version_and_an_audit_entry(demo_ctx, manager):
    old = _guide(demo_ctx)
    changed = replace(old.guide, promised_limit_days=1, fees="不收取任何费用")
    saved = demo_ctx.catalog.save_guide(manager, changed, "按县政府新承诺调整")
    assert saved.version.version_no == old.version.version_no + 1
    assert demo_ctx.catalog.guide(old.matter_id).guide.fees == "不收取任何费用"
    # The old version is kept as it was: what earlier cases were accepted under.
    assert demo_ctx.catalog.guide_version(old.version.version_id).guide == old.guide
    assert [v.version_no for v in demo_ctx.catalog.versions(old.matter_id)] == [2, 1]
    entry = audit.list_recent(demo_ctx.store, manager, 1)[0]
    assert (entry.action, entry.entity_id, entry.reason) == (
        "matter.guide_versioned",
        old.matter_id,
        "按县政府新承诺调整",
    )
    assert "fees" in entry.detail and "promised_limit_days" in entry.detail and "王建国" in entry.staff
    assert audit.verify_store(demo_ctx.store).ok


def test_renaming_updates_search(demo_ctx, manager):
    old = _guide(demo_ctx)
    demo_ctx.catalog.save_guide(manager, replace(old.guide, name="个体工商户开业登记"), "更名")
    assert demo_ctx.catalog.search("gtgshky")[0].name == "个体工商户开业登记"


def test_invalid_edit_names_each_field_and_saves_nothing(demo_ctx, manager):
    old = _guide(demo_ctx)
    bad = replace(old.guide, legal_basis=" ", promised_limit_days=30, statutory_limit_days=20)
    with pytest.raises(ValidationFailed) as caught:
        demo_ctx.catalog.save_guide(manager, bad, "")
    fields = {e.field for e in caught.value.errors}
    assert {"legal_basis", "promised_limit_days", "reason"} <= fields
    assert len(demo_ctx.catalog.versions(old.matter_id)) == 1


def test_saving_an_unchanged_guide_is_refused(demo_ctx, manager):
    old = _guide(demo_ctx)
    with pytest.raises(ValidationFailed, match="没有任何改动"):
        demo_ctx.catalog.save_guide(manager, old.guide, "无改动")


def test_new_matter_code_must_be_unused(demo_ctx, manager):
    old = _guide(demo_ctx)
    with pytest.raises(ValidationFailed, match="已被使用"):
        demo_ctx.catalog.save_guide(manager, replace(old.guide, name="重复"), "新建", new=True)


def test_bundle_asks_shared_materials_once(demo_ctx):
    hit = demo_ctx.catalog.search("开办餐饮店")[0]
    bundle = demo_ctx.catalog.bundle(hit.id)
    all_materials = [m for mg in bundle.matters for m in mg.guide.materials]
    ids = [bm for bm in bundle.materials if bm.material.shared_key == "applicant_id"]
    assert len(ids) == 1 and len(ids[0].matter_codes) >= 2
    assert len(bundle.materials) < len(all_materials)
