import pytest

from app.catalog.search import CatalogEntry, CatalogIndex, EntryKind


def _names(ctx, query):
    return [h.name for h in ctx.catalog.search(query)]


def test_initials_find_the_matter_first(demo_ctx):
    assert _names(demo_ctx, "gtgsh")[0] == "个体工商户设立登记"


@pytest.mark.parametrize("query", ["个体工商户设立", "SCJG-001", "scjg-001", "getigongshanghushe", "GeTi GongShang"])
def test_name_code_and_full_pinyin(demo_ctx, query):
    assert _names(demo_ctx, query)[0] == "个体工商户设立登记"


def test_substring_in_the_middle_of_a_name(demo_ctx):
    names = _names(demo_ctx, "工商户")
    assert "个体工商户设立登记" in names and "个体工商户变更登记" in names
    assert all("工商户" in n for n in names)


def test_bundles_are_found_too(demo_ctx):
    hits = demo_ctx.catalog.search("kbcyd")
    assert hits and hits[0].kind == "bundle" and hits[0].name == "开办餐饮店"


def test_nothing_found_and_blank_query(demo_ctx):
    assert demo_ctx.catalog.search("zzzzqqq") == []
    assert demo_ctx.catalog.search("   ") == []


def _entry(i, name, code, initials, pinyin):
    return CatalogEntry(EntryKind.MATTER, str(i), code, name, "部门", pinyin, initials)


def test_ranking_exact_then_prefix_then_substring():
    index = CatalogIndex(
        [
            _entry(1, "甲乙登记", "X-1", "jydj", "jiayidengji"),
            _entry(2, "登记", "X-2", "dj", "dengji"),
            _entry(3, "登记补办", "X-3", "djbb", "dengjibuban"),
        ]
    )
    assert [h.name for h in index.search("登记")] == ["登记", "登记补办", "甲乙登记"]
    assert [h.name for h in index.search("dj")] == ["登记", "登记补办", "甲乙登记"]


def test_short_queries_on_a_big_catalog_are_bounded():
    entries = [_entry(i, f"事项{i}", f"C-{i}", "sx", f"shixiang{i}") for i in range(20000)]
    hits = CatalogIndex(entries).search("s", limit=30)
    assert len(hits) == 30


def test_a_department_is_browsed_without_a_query():
    """Its matters by code, then the bundles it leads; nothing of another department."""
    index = CatalogIndex(
        [
            CatalogEntry(EntryKind.MATTER, "1", "SCJG-002", "个体工商户变更登记", "市场监管局", "", "", "SCJG"),
            CatalogEntry(EntryKind.BUNDLE, "2", "YJS-001", "企业开办一件事", "市场监管局", "", "", "SCJG"),
            CatalogEntry(EntryKind.MATTER, "3", "SCJG-001", "个体工商户设立登记", "市场监管局", "", "", "SCJG"),
            CatalogEntry(EntryKind.MATTER, "4", "RSJ-001", "社会保障卡申领", "人社局", "", "", "RSJ"),
        ]
    )
    assert [h.code for h in index.browse("SCJG")] == ["SCJG-001", "SCJG-002", "YJS-001"]
    assert index.browse("NONE") == []


def test_a_query_within_a_department(demo_ctx):
    everywhere = demo_ctx.catalog.search("登记")
    within = demo_ctx.catalog.search("登记", department_code="SCJG")
    assert within and all(h.department == "市场监管局" for h in within)
    assert len(within) < len(everywhere) and {h.id for h in within} <= {h.id for h in everywhere}


def test_the_demo_departments_browse_to_all_their_matters(demo_ctx):
    listed = demo_ctx.catalog.browse("SCJG")
    names = [h.name for h in listed]
    assert "个体工商户设立登记" in names and "个体工商户变更登记" in names
    assert {h.department for h in listed} == {"市场监管局"}
