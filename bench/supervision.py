"""supervision: 电子监察's sweep over 200,000 cases (target <= 2 s) and the 自查自纠报告 of the whole
center for a month of 20,000 cases (target <= 5 s). The cases are written straight into a seeded
store, all within the sweep's quarter: 20,000 accepted in the report's month and the rest in the
two months before, each with its acceptance notice; nine in ten decided, with their review steps
taken by different people an hour or more after acceptance, so few rules fire and the time is the
reading and the judging. The first sweep judges every act of the quarter and keeps what it finds
(the signals' rows); the regular one after it (timed) counts every case's time limits again and
judges the acts of the days since, as a supervisor's daily sweep does."""

import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from app.actor import Role
from app.approval.rules import steps
from app.clock import FixedClock
from app.supervision.rules import SignalKind
from app.supervision.self_check import SelfCheckService
from app.supervision.sweep import keep, sweep, sweep_since
from app.workdays import WorkCalendar
from bench.fixtures import accepted_application, accepted_case, seeded_context, temp_folder
from db.models import Application, Case, Matter, MatterVersion, Notice, ReviewStep, Staff, StaffRole

TOTAL, IN_MONTH = 200_000, 20_000
SWEEP_TARGET_S, REPORT_TARGET_S = 2.0, 5.0
TODAY = date(2026, 5, 29)
MONTH = (date(2026, 5, 1), date(2026, 5, 28))
DECIDERS = 100  # reviewers and as many chiefs: a center of this size has that many at work


def _working_days(cal: WorkCalendar, first: date, last: date) -> list[date]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [d for d in days if cal.is_working_day(d)]


def _fill(ctx, total: int, in_month: int) -> None:
    cal = WorkCalendar.of(ctx.store)
    month = _working_days(cal, *MONTH)
    before = _working_days(cal, MONTH[0] - timedelta(days=60), MONTH[0] - timedelta(days=1))
    with ctx.store.sessions() as s:
        matters = s.execute(
            select(Matter.id, Matter.current_version_id, MatterVersion.review_mode).join(
                MatterVersion, Matter.current_version_id == MatterVersion.id
            )
        ).all()
    applications, cases, notices, review_steps = [], [], [], []
    for n in range(total):
        matter = matters[n % len(matters)]
        accepted_on = month[n % len(month)] if n < in_month else before[n % len(before)]
        # a working day's spread over 60 windows, so that the day's steps end by the hall's closing
        start = datetime.combine(accepted_on, datetime.min.time()).replace(hour=9)
        accepted_at = start + timedelta(minutes=6 * ((n // 60) % 60))  # a window's day: one every few minutes
        decided = n % 10 != 0
        window = 1 + n % 60
        application = accepted_application(ctx, n, accepted_at, window, f"C{window:03d}", walk_in_id=str(uuid.uuid4()))
        applications.append(application)
        app_id = application["id"]
        taken = steps(matter.review_mode) if decided else []
        decided_at = accepted_at + timedelta(hours=len(taken), minutes=(n // 7) % 50) if decided else None
        case = accepted_case(n, app_id, matter, accepted_on, 14, decided, decided_at=decided_at)
        cases.append(case)
        case_id, case_no = case["id"], case["case_no"]
        notices.append(
            {
                "id": str(uuid.uuid4()),
                "notice_no": f"QSBENCH-SL-{n:08d}",
                "kind": "受理通知书",
                "application_id": app_id,
                "case_no": case_no,
                "issued_at": accepted_at,
                "staff_no": f"C{window:03d}",
                "window_no": window,
                "workstation_id": ctx.workstation_id,
                "pdf": b"",
                "sha256": "",
                "signature": "",
            }
        )
        for seq, step in enumerate(taken, 1):
            person = f"{'B' if seq == len(taken) else 'V'}{(n + seq) % DECIDERS:03d}"
            review_steps.append(
                {
                    "id": str(uuid.uuid4()),
                    "case_id": case_id,
                    "seq": seq,
                    "step": step,
                    "staff_no": person,
                    "staff_name": "",
                    "workstation_id": ctx.workstation_id,
                    "authorization_no": "青市监授〔2026〕1号" if seq == len(taken) else "",
                    "agreed": True,
                    "opinion": "同意",
                    "at": accepted_at + timedelta(hours=seq, minutes=(n // 7) % 50),
                }
            )
    with ctx.store.sessions.begin() as s:
        for n in range(DECIDERS):  # active, posted in the hall: their steps are not 无岗位
            for prefix, role in (("B", "chief"), ("V", "reviewer")):
                person = Staff(staff_no=f"{prefix}{n:03d}", name=f"审批{prefix}{n}", department_id=None)
                person.roles = [StaffRole(role=role)]
                s.add(person)
        for model, rows in ((Application, applications), (Case, cases), (Notice, notices), (ReviewStep, review_steps)):
            for start in range(0, len(rows), 20_000):
                s.execute(insert(model), rows[start : start + 20_000])


def run(cases: int = TOTAL) -> dict:
    """cases: the store's cases, a tenth of them (at least one) in the report's month."""
    in_month = max(1, cases * IN_MONTH // TOTAL)
    with temp_folder() as tmp:
        ctx = seeded_context(Path(tmp))
        _fill(ctx, cases, in_month)
        with ctx.store.sessions.begin() as s:
            t0 = time.perf_counter()
            found = sweep(s, TODAY, WorkCalendar.load(s))
            first_s = time.perf_counter() - t0
            new, _changed = keep(s, found, datetime(2026, 5, 29, 12))
        with ctx.store.sessions() as s:
            t0 = time.perf_counter()
            regular = sweep_since(s, TODAY, WorkCalendar.load(s), TODAY - timedelta(days=1))
            swept_s = time.perf_counter() - t0
        # The regular sweep re-counts every case's time limits and judges the last days' acts: it
        # finds every time-limit finding of the first, and only the last days' of the others.
        timed = {f.key for f in found if f.signal.kind is SignalKind.OVERDUE}
        regular_timed = {f.key for f in regular if f.signal.kind is SignalKind.OVERDUE}
        manager = ctx.system()
        assert manager.has(Role.MANAGER)
        service = SelfCheckService(ctx.store, FixedClock(datetime(2026, 5, 29, 12)))
        t0 = time.perf_counter()
        report = service.report(manager, None, *MONTH)
        report_s = time.perf_counter() - t0
        ctx.store.engine.dispose()
    return {
        "bench": "supervision",
        "cases": cases,
        "cases_in_month": in_month,
        "signals": new,
        "first_sweep_s": round(first_s, 2),  # once, when a center starts supervision: no target
        "sweep_s": round(swept_s, 2),
        "overdue_found": len(timed),
        "report_s": round(report_s, 2),
        "report_bytes": len(report.pdf),
        "targets": {"sweep_s": SWEEP_TARGET_S, "report_s": REPORT_TARGET_S},
        "meets_target": swept_s <= SWEEP_TARGET_S and report_s <= REPORT_TARGET_S and regular_timed == timed,
    }
