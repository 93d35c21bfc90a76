"""容缺受理: the case is decided once the missing material is in, so its promised completion is
never before the day agreed for that material, and that day cannot be after the statutory limit
(the law's limit for the decision runs from acceptance). The notice prints dates that agree."""

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.acceptance.model import Decision, ItemStatus, Outcome
from app.acceptance.rules import OutcomeRefused, supply_day_refusal
from app.acceptance.service import AcceptanceService
from app.approval.deadlines import limits
from app.approval.service import ApprovalService
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.workdays import WorkCalendar
from db.models import Case
from tests import pdf_reading
from tests.helpers import ZHANG, prepared

MONDAY = date(2026, 3, 2)


def test_the_promised_day_of_a_tolerance_case_is_not_before_its_supply_day():
    cal = WorkCalendar({}, {2026: False})
    plain = limits(cal, MONDAY, 20, 0, 0, 0)
    assert plain.promised.day == MONDAY  # promised 即办
    later = limits(cal, MONDAY, 20, 0, 0, 0, supply_by=date(2026, 3, 6))
    assert (later.promised.day, later.statutory.day) == (date(2026, 3, 6), plain.statutory.day)
    earlier = limits(cal, MONDAY, 20, 10, 0, 0, supply_by=date(2026, 3, 3))
    assert earlier.promised.day == date(2026, 3, 16)  # the matter's own promise is later still


@pytest.mark.parametrize(
    ("supply_by", "refused"), [(date(2026, 3, 5), False), (date(2026, 3, 6), False), (date(2026, 3, 9), True)]
)
def test_the_supply_day_may_not_pass_the_statutory_limit(supply_by, refused):
    why = supply_day_refusal(supply_by, [date(2026, 3, 10), date(2026, 3, 6)])
    assert (why is not None) == refused
    if refused:
        assert "不能晚于法定办结期限 2026年03月06日" in why


@pytest.fixture
def gtgsh(demo_ctx):
    """个体工商户设立登记: promised 即办, statutory 3 working days; the family members' papers may be
    supplied later (容缺)."""
    acc = AcceptanceService(demo_ctx.store, demo_ctx.workstation_id, FixedClock(datetime(2026, 3, 2, 9, 30)))
    prep = prepared(demo_ctx, acc, "gtgsh")
    family = next(i for i in prep.items if i.tolerance_eligible and not i.required)
    family.condition_holds, family.status = True, ItemStatus.MISSING
    return acc, prep


def test_a_tolerance_case_promises_completion_on_its_supply_day_and_prints_so(demo_ctx, gtgsh):
    acc, prep = gtgsh
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    last = acc.latest_supply_day(prep)
    assert last == date(2026, 3, 5)  # three working days after Monday 2 March
    with pytest.raises(OutcomeRefused, match="不能晚于法定办结期限 2026年03月05日"):
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE, supply_by=last + timedelta(days=1)))
    result = acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE, supply_by=date(2026, 3, 4)))
    with demo_ctx.store.sessions() as s:
        case = s.scalar(select(Case).where(Case.case_no == result.case_nos[0]))
        assert (case.promised_due_on, case.statutory_due_on) == (date(2026, 3, 4), date(2026, 3, 5))
    text = pdf_reading.text(result.notices[0].pdf)
    row = next(line for line in text.splitlines() if case.case_no in line)
    assert "2026年3月4日 2026年3月5日" in row  # promised on the supply day, before the statutory limit
    compact = re.sub(r"\s+", "", text)
    assert "在2026年3月4日前补交" in compact and "承诺办结日期不早于约定的补交日期" in compact
    # The center counts the same promised day: the case is not overdue before its material is due.
    approvals = ApprovalService(demo_ctx.store, demo_ctx.workstation_id, acc.clock)
    with demo_ctx.store.sessions() as s:
        due = approvals.limits_of(s, case, WorkCalendar.load(s), date(2026, 3, 3))
    assert due.promised.day == date(2026, 3, 4)
