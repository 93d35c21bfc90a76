"""A complete application is accepted even when nobody can decide it now (the law requires it), but
the window is told why at once: from the staff and 授权书 the workstation holds, through the same
rule the inbox uses (app.approval.rules.stranded)."""

from datetime import datetime

from sqlalchemy import select

from app.acceptance.model import Decision, Outcome
from app.acceptance.service import AcceptanceService
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from db.models import ChiefAuthorization
from tests.helpers import ZHANG, prepared

NO_LETTER = "《企业职工基本养老保险关系转移接续》“核准”无人可办：没有首席代表持有覆盖该事项的授权书"


def _service(ctx) -> AcceptanceService:
    # The day after the demo hall was set up: its letters are in force.
    return AcceptanceService(ctx.store, ctx.workstation_id, FixedClock(datetime(2026, 3, 2, 9, 30)))


def test_a_matter_no_letter_covers_is_said_to_be_unstaffed_when_chosen_and_when_accepted(demo_ctx):
    acc = _service(demo_ctx)
    pension = prepared(demo_ctx, acc, "RSJ-005")  # 人社: outside chief S003's letter
    assert acc.unstaffed(pension.version_ids, "C001") == (NO_LETTER,)
    assert acc.unstaffed(prepared(demo_ctx, acc, "spjyxk").version_ids, "C001") == ()
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    result = acc.decide(clerk, pension, ZHANG, Decision(Outcome.ACCEPT))
    assert result.status == "已受理" and result.unstaffed == (NO_LETTER,)  # accepted all the same, and said


def test_the_departments_matters_its_chiefs_letter_covers_are_not_flagged(demo_ctx):
    acc = _service(demo_ctx)
    for code in ("RSJ-001", "RSJ-004"):  # in chief S003's letter
        assert acc.unstaffed(prepared(demo_ctx, acc, code).version_ids, "C001") == ()
    with demo_ctx.store.sessions.begin() as s:  # the department ends the letter: now those are stranded too
        letter = s.scalar(select(ChiefAuthorization).where(ChiefAuthorization.document_no.like("青人社授%")))
        letter.revoked_on = letter.valid_from
    (why,) = acc.unstaffed(prepared(demo_ctx, acc, "RSJ-001").version_ids, "C001")
    assert "首席代表赵磊（S003）的授权书不在有效期内或已终止" in why


def test_an_on_the_spot_decision_opens_no_case_to_warn_about(demo_ctx):
    acc = _service(demo_ctx)
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    result = acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))
    assert result.unstaffed == ()
