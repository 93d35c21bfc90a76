"""The demo is a realistic county center: enough matters, departments, bundles, staff and windows."""

import json

from sqlalchemy import func, select

from app.actor import Role
from app.catalog.guide import Guide, ReviewMode
from app.catalog.validation import validate_guide
from app.paths import DEMO
from db.models import ChiefAuthorization, StaffRole, Window

CATALOG = json.loads((DEMO / "catalog.json").read_text(encoding="utf-8"))


def test_catalog_size_and_breadth():
    assert len(CATALOG["matters"]) >= 60
    departments = {m["department"] for m in CATALOG["matters"]}
    assert len(departments) >= 10
    assert len(CATALOG["bundles"]) >= 3
    assert {"开办餐饮店", "新生儿出生一件事", "企业开办一件事"} <= {b["name"] for b in CATALOG["bundles"]}


def test_every_guide_is_complete_and_valid():
    known = {d["code"] for d in CATALOG["departments"]}
    for m in CATALOG["matters"]:
        guide = Guide.from_dict(m)
        assert validate_guide(guide, known) == [], m["code"]
        assert guide.materials and guide.legal_basis.count("《") >= 1, m["code"]


def test_catalog_has_each_kind_of_matter():
    ms = CATALOG["matters"]
    assert sum(m.get("on_the_spot", False) for m in ms) >= 15
    assert all(m["review_mode"] in set(ReviewMode) for m in ms)  # the base mode; steps are added to it
    assert any(m.get("special_steps") for m in ms)
    assert any(m.get("commitment_eligible") for m in ms)
    assert any(not m.get("in_hall", True) and m["negative_list_approval"] for m in ms)
    assert any(mat.get("tolerance_eligible") for m in ms for mat in m["materials"])


def test_staff_for_every_role_windows_and_authorizations(demo_ctx):
    with demo_ctx.store.sessions() as s:
        roles = set(s.scalars(select(StaffRole.role)))
        assert roles == {r.value for r in Role}
        assert s.scalar(select(func.count()).select_from(Window)) >= 8
        auths = s.scalars(select(ChiefAuthorization)).all()
        assert len(auths) >= 3 and all(a.matters and a.valid_from < a.valid_to for a in auths)


def test_calendar_2026_official_2027_provisional():
    doc = json.loads((DEMO / "calendar.json").read_text(encoding="utf-8"))
    years = {y["year"]: y for y in doc["years"]}
    assert years[2026]["provisional"] is False and years[2027]["provisional"] is True
    assert all(not d["working"] for d in years[2027]["days"])  # only statutory holidays are known
