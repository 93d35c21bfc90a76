"""approval: the inbox of a chief with 2,000 open cases among 200,000 (target <= 100 ms), and the
dossier PDF of a case with 20 materials and 10 steps (target <= 500 ms). The inbox's cases are
written straight into a seeded store: 2,000 open in the chief's department (市场监管), 18,000
open elsewhere and 180,000 decided; a deputy chief makes every one of the 2,000 the chief's to
take. The dossier's case is built through the services (bench.dossier_case) and drawn from the
store: gathered, then rendered."""

import statistics
import time
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from sqlalchemy import insert, select

from app.approval.service import ApprovalService
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from bench import dossier_case
from bench.fixtures import accepted_application, accepted_case, seeded_context, temp_folder
from db.models import Application, Case, ChiefAuthorization, Department, Matter, Staff, StaffRole

TOTAL, MINE, OPEN_ELSEWHERE = 200_000, 2_000, 18_000
TARGET_MS = 100.0
DOSSIER_TARGET_MS = 500.0
RUNS = 7
TODAY = date(2026, 3, 16)


def _fill(ctx, total: int, mine_open: int, open_elsewhere: int) -> None:
    with ctx.store.sessions() as s:
        scjg = s.scalar(select(Department.id).where(Department.code == "SCJG"))
        matters = s.execute(select(Matter.id, Matter.current_version_id, Matter.department_id)).all()
    mine = [m for m in matters if m.department_id == scjg]
    others = [m for m in matters if m.department_id != scjg]
    applications, cases = [], []
    for n in range(total):
        matter = mine[n % len(mine)] if n < mine_open else others[n % len(others)]
        is_open = n < mine_open + open_elsewhere
        accepted = TODAY - timedelta(days=n % 20 if is_open else 30 + n % 300)
        application = accepted_application(ctx, n, datetime.combine(accepted, datetime.min.time()), 1, "C001")
        applications.append(application)
        cases.append(accepted_case(n, application["id"], matter, accepted, 7, decided=not is_open))
    with ctx.store.sessions.begin() as s:
        s.execute(insert(Application), applications)
        s.execute(insert(Case), cases)


def _second_chief(ctx) -> None:
    """A deputy chief with a letter for every 市场监管 matter: S001 may then take the first step of
    a two-person case too (someone else can still decide it, DESIGN §4 rule 12), so every open
    case of the department is in S001's inbox."""
    with ctx.store.sessions.begin() as s:
        scjg = s.scalar(select(Department.id).where(Department.code == "SCJG"))
        deputy = Staff(staff_no="S099", name="副首席", department_id=scjg)
        deputy.roles = [StaffRole(role="chief")]
        s.add(deputy)
        s.flush()
        letter = ChiefAuthorization(
            department_id=scjg,
            chief_id=deputy.id,
            document_no="青市监授〔2026〕9号",
            valid_from=date(2026, 1, 1),
            valid_to=date(2026, 12, 31),
        )
        letter.matters = list(s.scalars(select(Matter).where(Matter.department_id == scjg)))
        s.add(letter)


def _median_ms(work, runs: int) -> tuple[float, float, object]:
    timings, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = work()
        timings.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(timings), 1), round(max(timings), 1), result


def _dossier(ctx, runs: int) -> dict:
    from pypdf import PdfReader

    from app.dossier.gather import gather
    from app.dossier.pdf import render_dossier

    case_id = dossier_case.build(ctx)

    def draw() -> tuple:
        with ctx.store.sessions() as s:
            facts = gather(s, case_id, "基准测试", datetime(2026, 3, 12, 9))
        return facts, render_dossier(facts)

    draw()  # the first dossier loads reportlab, pypdf and the font
    median, worst, (facts, pdf) = _median_ms(draw, runs)
    return {
        "materials": len(facts.materials),
        "steps": len(facts.history),
        "notices": len(facts.notices),
        "pages": len(PdfReader(BytesIO(pdf)).pages),
        "ms": {"median": median, "max": worst},
        "target_ms": DOSSIER_TARGET_MS,
    }


def run(cases: int = TOTAL, runs: int = RUNS) -> dict:
    """cases: the store's cases, of which 1 % are open in the chief's department and 9 % elsewhere."""
    mine = max(1, cases * MINE // TOTAL)
    with temp_folder() as tmp:
        ctx = seeded_context(Path(tmp))
        dossier = _dossier(ctx, runs)
        _fill(ctx, cases, mine, cases * OPEN_ELSEWHERE // TOTAL)
        _second_chief(ctx)
        chief = login(ctx.store, ctx.workstation_id, "S001", DEMO_PASSWORD)
        service = ApprovalService(
            ctx.store, ctx.workstation_id, FixedClock(datetime.combine(TODAY, datetime.min.time()))
        )
        median, worst, rows = _median_ms(lambda: service.inbox(chief), runs)
        ctx.store.engine.dispose()
    return {
        "bench": "approval",
        "cases": cases,
        "runs": runs,
        "inbox_rows": len(rows),
        "inbox_ms": {"median": median, "max": worst},
        "target_ms": TARGET_MS,
        "dossier": dossier,
        "meets_target": median <= TARGET_MS
        and len(rows) == mine
        and dossier["ms"]["median"] <= DOSSIER_TARGET_MS
        and dossier["materials"] == dossier_case.MATERIALS
        and dossier["steps"] >= 10,
    }
