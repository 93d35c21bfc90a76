"""notices: render every notice kind from a real application; the first render cold, then the
median of warm renders (target ≤ 80 ms each); one sample PDF of every kind goes to --out."""

import statistics
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.acceptance.model import Applicant, ApplicantKind, Decision, ItemStatus, NoticeKind, Outcome, Person
from app.hall_settings.fields import SealKind
from app.hall_settings.read import letterhead
from app.identity import DocumentKind
from bench.fixtures import seeded_context, temp_folder
from db.models import Department

RUNS = 20
TARGET_MS = 80.0


def run(out: Path | None = None) -> dict:
    from app.acceptance.notice_text import CaseLine, NoticeFacts, build
    from app.documents.notice_pdf import render_notice

    with temp_folder() as tmp:
        ctx = seeded_context(Path(tmp))
        prep = ctx.acceptance.prepare(matter_id=ctx.catalog.search("spjyxk")[0].id)
        with ctx.store.sessions() as s:  # the names the demo's hall settings print
            scjg = s.scalar(select(Department).where(Department.code == "SCJG"))
            hall = letterhead(s, scjg, SealKind.ACCEPTANCE)
        ctx.store.engine.dispose()
    for i, item in enumerate(prep.items):
        item.status = [ItemStatus.MISSING, ItemStatus.DEFECTIVE][i % 2] if i < 3 else ItemStatus.RECEIVED
        item.defect = "身份证已过有效期" if item.status == ItemStatus.DEFECTIVE else ""
    applicant = Applicant(
        ApplicantKind.ENTERPRISE,
        Person("张三", DocumentKind.ID_CARD, "11010519491231002X", "13912345678"),
        "青山县好味道餐饮有限公司",
        "91310110666007217T",
    )
    decisions = {
        NoticeKind.ACCEPTANCE: Decision(Outcome.ACCEPT),
        NoticeKind.TOLERANCE: Decision(Outcome.TOLERANCE, supply_by=date(2026, 3, 2)),
        NoticeKind.COMMITMENT: Decision(Outcome.COMMITMENT),
        NoticeKind.SLIP: Decision(Outcome.CORRECTION),
        NoticeKind.REJECTION: Decision(
            Outcome.REJECT, reason="申请事项不属于本机关职权范围", redirect="青山县烟草专卖局"
        ),
    }

    def facts(kind: NoticeKind) -> NoticeFacts:
        return NoticeFacts(
            kind=kind,
            notice_no="SL2026-BENCH000-00001",
            issued_at=datetime(2026, 2, 12, 9, 30),
            applicant=applicant,
            matter_names=("食品经营许可（新办）",),
            department="青山县市场监督管理局",
            letterhead=hall,
            legal_basis="《中华人民共和国食品安全法》第三十五条",
            handling_place="青山县政务服务中心一楼A区",
            contact_phone="0377-6921 1001",
            window_no=1,
            clerk="李娜（C001）",
            qr_text="HALL1|bench|sig",
            received_on=date(2026, 2, 12),
            cases=(
                CaseLine(
                    "QS2026BENCH00000001", "食品经营许可（新办）", date(2026, 2, 24), date(2026, 3, 4), False, False
                ),
            ),
            items=tuple(prep.items),
            decision=decisions[kind],
        )

    result: dict = {"bench": "notices", "runs": RUNS, "target_warm_median_ms": TARGET_MS, "kinds": {}}
    for kind in NoticeKind:
        t0 = time.perf_counter()
        pdf = render_notice(build(facts(kind)))
        cold = (time.perf_counter() - t0) * 1000
        warm = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            render_notice(build(facts(kind)))
            warm.append((time.perf_counter() - t0) * 1000)
        result["kinds"][kind.value] = {
            "first_ms": round(cold, 1),
            "warm_median_ms": round(statistics.median(warm), 1),
            "bytes": len(pdf),
        }
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{kind.value}.pdf").write_bytes(pdf)
    result["meets_target"] = all(k["warm_median_ms"] <= TARGET_MS for k in result["kinds"].values())
    if out is not None:
        result["samples"] = str(out)
    return result
