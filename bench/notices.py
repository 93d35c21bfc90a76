"""notices: render every notice kind (NoticeKind: those issued at the window from a real
application, and those the center issues on a case); the first render cold, then the median of
warm renders (target ≤ 80 ms each); one sample PDF of every kind goes to --out.

The kinds come from the enum: a kind added later is drawn too. Its facts are filled from samples,
and a fact no sample names gets a placeholder of its type, so a new required fact cannot stop the
run; a kind that cannot be drawn is reported with the reason and fails the target."""

import statistics
import time
from dataclasses import fields, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from types import UnionType
from typing import Union, get_args, get_origin, get_type_hints

from sqlalchemy import select

from app.acceptance.model import Applicant, ApplicantKind, Decision, ItemStatus, Outcome
from app.hall_settings.fields import SealKind
from app.hall_settings.read import letterhead
from app.notices.kinds import NOTICE_PREFIX, NoticeKind
from bench.fixtures import ZHANG, seeded_context, temp_folder
from db.models import Department

RUNS = 20
TARGET_MS = 80.0
ISSUED_AT = datetime(2026, 2, 12, 9, 30)
ACCEPTED_ON = date(2026, 2, 12)
APPLICANT = Applicant(
    ApplicantKind.ENTERPRISE,
    ZHANG.person,
    "青山县好味道餐饮有限公司",
    "91310110666007217T",
)
# What the window decided, per outcome that needs more than the outcome itself.
DECISION_DETAILS = {
    Outcome.TOLERANCE: {"supply_by": date(2026, 3, 2)},
    Outcome.REJECT: {"reason": "申请事项不属于本机关职权范围", "redirect": "青山县烟草专卖局"},
}
# Placeholders for facts no sample names, by type.
PLACEHOLDERS = {str: "（样例）", int: 5, date: date(2026, 3, 2), datetime: ISSUED_AT}
COMMON = {
    "issued_at": ISSUED_AT,
    "applicant": APPLICANT,
    "department": "青山县市场监督管理局",
    "legal_basis": "《中华人民共和国食品安全法》第三十五条",
    "contact_phone": "0377-6921 1001",
    "window_no": 1,
    "qr_text": "HALL1|bench|sig",
}
CASE_NO = "QS2026-000001-00001"
MATTER = "食品经营许可（新办）"


def _placeholder(annotation):
    options = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
    return next((PLACEHOLDERS[t] for t in options if t in PLACEHOLDERS), None)


def sample(cls, **known):
    """cls built from `known`; every other field of a plain type gets its placeholder."""
    hints = get_type_hints(cls)
    values = dict(known)
    for f in fields(cls):
        if f.name not in values and (filler := _placeholder(hints[f.name])) is not None:
            values[f.name] = filler
    return cls(**values)


def _window_outcomes() -> dict[NoticeKind, Outcome]:
    """The notices issued at the window, each with an outcome that issues it."""
    from app.acceptance.service import NOTICE_OF

    return {kind: outcome for outcome, kind in NOTICE_OF.items() if outcome != Outcome.ON_THE_SPOT}


def _window_document(kind: NoticeKind, outcome: Outcome, items: tuple, heads: dict):
    from app.acceptance.notice_text import CaseLine, NoticeFacts, build

    facts = sample(
        NoticeFacts,
        **COMMON,
        kind=kind,
        letterhead=heads[SealKind.ACCEPTANCE],
        notice_no=f"{NOTICE_PREFIX.get(kind, '')}2026-000001-00001",
        matter_names=(MATTER,),
        matter_types=("行政许可",),
        handling_place="青山县政务服务中心一楼A区",
        clerk="李娜（C001）",
        received_on=ACCEPTED_ON,
        cases=(CaseLine(CASE_NO, MATTER, date(2026, 2, 24), date(2026, 3, 4), False, False),),
        items=items,
        decision=Decision(outcome, **DECISION_DETAILS.get(outcome, {})),
        auto_accepted=False,
    )
    return build(facts)


def _center_document(kind: NoticeKind, heads: dict):
    """A notice the center issues on a case after acceptance."""
    from app.approval.notice_text import MAIL, CaseNoticeFacts, build_case_notice

    facts = sample(
        CaseNoticeFacts,
        **COMMON,
        kind=kind,
        letterhead=heads[SealKind.APPROVAL],
        notice_no=f"{NOTICE_PREFIX.get(kind, '')}2026-ZX-00001",
        case_no=CASE_NO,
        matter_name=MATTER,
        matter_type="行政许可",
        accepted_on=ACCEPTED_ON,
        staff="陈静（S001）",
        opinion="经审查，申请材料齐全，现场核查符合要求，准予许可。",
        step_kind="现场核查",
        step_legal_basis="《食品经营许可和备案管理办法》第二十二条",
        step_limit_days=10,
        step_started_on=date(2026, 2, 16),
        step_due_on=date(2026, 3, 2),
        step_people="孙丽（食品检查员证 SC-0123）、周强（食品检查员证 SC-0456）",
        extension_days=10,
        extension_reason="需补充检验报告",
        extension_by="陈静（S001）",
        statutory_due=date(2026, 3, 18),
        delivered_document="准予许可决定书（ZY2026-ZX-00001）",
        delivery_method=MAIL,
        recipient="张三",
        address="河南省南阳市青山县人民路 18 号",
        carrier="中国邮政 EMS",
        tracking_no="1180432765321",
    )
    return build_case_notice(replace(facts, kind=kind))


def _timed(draw, runs: int) -> tuple[bytes, float, list[float]]:
    from app.documents.notice_pdf import render_notice

    t0 = time.perf_counter()
    pdf = render_notice(draw())
    cold = (time.perf_counter() - t0) * 1000
    warm = []
    for _ in range(runs):
        t0 = time.perf_counter()
        render_notice(draw())
        warm.append((time.perf_counter() - t0) * 1000)
    return pdf, cold, warm


def run(out: Path | None = None, runs: int = RUNS) -> dict:
    with temp_folder() as tmp:
        ctx = seeded_context(Path(tmp))
        prep = ctx.acceptance.prepare(matter_id=ctx.catalog.search("spjyxk")[0].id)
        with ctx.store.sessions() as s:  # the names the demo's hall settings print
            scjg = s.scalar(select(Department).where(Department.code == "SCJG"))
            heads = {seal: letterhead(s, scjg, seal) for seal in SealKind}
        ctx.store.engine.dispose()
    for i, item in enumerate(prep.items):
        item.status = [ItemStatus.MISSING, ItemStatus.DEFECTIVE][i % 2] if i < 3 else ItemStatus.RECEIVED
        item.defect = "身份证已过有效期" if item.status == ItemStatus.DEFECTIVE else ""
    items, at_window = tuple(prep.items), _window_outcomes()

    result: dict = {"bench": "notices", "runs": runs, "target_warm_median_ms": TARGET_MS, "kinds": {}}
    for kind in NoticeKind:
        if kind in at_window:
            draw = partial(_window_document, kind, at_window[kind], items, heads)
        else:
            draw = partial(_center_document, kind, heads)
        try:
            pdf, cold, warm = _timed(draw, runs)
        except Exception as exc:  # reported, not raised: the other kinds are still measured
            result["kinds"][kind.value] = {"error": f"{exc.__class__.__name__}: {exc}"}
            continue
        result["kinds"][kind.value] = {
            "first_ms": round(cold, 1),
            "warm_median_ms": round(statistics.median(warm), 1),
            "bytes": len(pdf),
        }
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{kind.value}.pdf").write_bytes(pdf)
    measured = result["kinds"].values()
    result["meets_target"] = all("error" not in k and k["warm_median_ms"] <= TARGET_MS for k in measured)
    if out is not None:
        result["samples"] = str(out)
    return result
