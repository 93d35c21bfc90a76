"""A running client's catalog search sees what a background sync pulls: a matter added or renamed
at the center is found by the next search, without a restart; a pull that brings no catalog rows
keeps the index as it is."""

from dataclasses import replace

from app.auth import login
from app.catalog import service as catalog_service
from app.catalog.service import CatalogService
from app.context import AppContext
from app.demo import DEMO_PASSWORD


def names(ctx: AppContext, query: str) -> list[str]:
    return [hit.name for hit in ctx.catalog.search(query)]


def test_a_matter_added_or_renamed_at_the_center_is_found_after_the_next_pull(center, tmp_path):
    ctx = AppContext.open(tmp_path / "ws.sqlite3")
    engine = ctx.sync_engine(timeout=3)
    engine.enroll(center.url, center.code())
    assert names(ctx, "gtgsh") == []  # searched before the first pull: the index is empty
    assert engine.sync(retries=0).ok
    assert "个体工商户设立登记" in names(ctx, "gtgsh")
    assert names(ctx, "夜市摊点") == []

    catalog = CatalogService(center.store)
    manager = login(center.store, "center", "M001", DEMO_PASSWORD)
    guide = catalog.guide(catalog.search("gtgsh")[0].id).guide
    catalog.save_guide(manager, replace(guide, name="个体工商户开业登记"), "按新名称公布")
    catalog.save_guide(manager, replace(guide, code="SCJG-901", name="夜市摊点备案"), "新增事项", new=True)

    index = ctx.catalog.index()
    report = engine.sync(retries=0)
    assert report.ok and "matters" in report.pulled_tables
    assert names(ctx, "夜市摊点") == ["夜市摊点备案"]
    assert "个体工商户开业登记" in names(ctx, "gtgshky") and "个体工商户设立登记" not in names(ctx, "个体工商户")
    assert ctx.catalog.index() is not index

    index = ctx.catalog.index()
    assert engine.sync(retries=0).ok
    assert ctx.catalog.index() is index  # nothing changed: nothing re-read
    ctx.store.engine.dispose()


def test_a_pull_of_other_reference_data_keeps_the_index(ctx):
    index = ctx.catalog.index()
    ctx.catalog.reference_pulled({"calendar_days", "staff", "proxy_letters"})
    assert ctx.catalog.index() is index
    ctx.catalog.reference_pulled({"departments"})
    assert ctx.catalog.index() is not index


def test_an_index_read_while_a_pull_lands_is_not_kept(ctx, monkeypatch):
    """The sync thread invalidates while the UI thread is still reading the old catalog."""
    build = catalog_service.build_index

    def racing(session):
        index = build(session)
        ctx.catalog.reference_pulled({"matters"})
        return index

    monkeypatch.setattr(catalog_service, "build_index", racing)
    first = ctx.catalog.index()
    monkeypatch.setattr(catalog_service, "build_index", build)
    assert ctx.catalog.index() is not first
