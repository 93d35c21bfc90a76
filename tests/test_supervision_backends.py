"""The sweep and the 自查自纠报告 read the store with column queries joined to the cases they
select, never lists of ids: the same on SQLite and on PostgreSQL."""

from datetime import date, timedelta

from sqlalchemy import select

from app.supervision.client import SignalClient
from app.supervision.rules import SignalKind
from app.supervision.self_check_client import SelfCheckClient
from db.models import SupervisionSignal
from tests.helpers import ON_BOTH_BACKENDS, accept
from tests.sync_harness import as_person, workstation


@ON_BOTH_BACKENDS  # the loopback center on SQLite and on PostgreSQL
def test_a_pushed_case_is_swept_at_push_and_again_by_a_supervisor_and_the_report_counts_it(center, tmp_path):
    desk, sync = workstation(center, tmp_path, "desk")
    case_no = accept(desk, "spjyxk").case_nos[0]  # at window 1, where nobody took a ticket
    assert sync.sync(retries=0).ok
    with center.store.sessions() as s:
        kinds = set(s.scalars(select(SupervisionSignal.kind).where(SupervisionSignal.case_no == case_no)))
    assert SignalKind.NO_TICKET in kinds  # judged at push
    supervisor = as_person(desk, SignalClient, "J001")
    swept = supervisor.sweep()
    assert swept.new < swept.found  # the finding kept at push is found again, not new
    assert any(r.case_no == case_no and r.kind is SignalKind.NO_TICKET for r in supervisor.signals())
    today = date.today()
    report = as_person(desk, SelfCheckClient, "J001").report(None, today - timedelta(days=7), today + timedelta(days=1))
    assert report.pdf.startswith(b"%PDF") and report.pages >= 1
