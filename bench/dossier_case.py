"""The dossier half of the approval benchmark: a case whose guide lists 20 materials, with 10
steps on file (acceptance, a site inspection started and ended, reads, 审核, an extension,
核准, mailing and its signature), built through the services as the hall would."""

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import select

from app.acceptance.model import Decision, ItemStatus, Outcome
from app.approval.service import ApprovalService
from app.auth import login
from app.clock import FixedClock
from app.delivery.service import DeliveryService, Mailing
from app.demo import DEMO_PASSWORD
from bench.fixtures import ZHANG
from db.models import Case, SpecialStepDef

MATERIALS = 20


def _on(day: date) -> FixedClock:
    return FixedClock(datetime.combine(day, datetime.min.time().replace(hour=10)))


def build(ctx) -> str:
    """The case's id, in a seeded store."""
    person = {no: login(ctx.store, ctx.workstation_id, no, DEMO_PASSWORD) for no in ("M001", "C001", "R001", "S001")}
    matter_id = ctx.catalog.search("SCJG-006")[0].id
    guide = ctx.catalog.guide(matter_id).guide
    extra = tuple(
        replace(guide.materials[0], name=f"补充材料第 {n} 项", shared_key=None)
        for n in range(MATERIALS - len(guide.materials))
    )
    ctx.catalog.save_guide(person["M001"], replace(guide, materials=(*guide.materials, *extra)), "基准测试")
    acceptance = ctx.acceptance
    acceptance.clock = _on(date(2026, 3, 2))
    prepared = acceptance.prepare(matter_id=matter_id)
    for item in prepared.items:
        item.status = ItemStatus.RECEIVED
        item.condition_holds = True
    result = acceptance.decide(person["C001"], prepared, ZHANG, Decision(Outcome.ACCEPT))
    with ctx.store.sessions() as s:
        case = s.scalar(select(Case).where(Case.application_id == result.application_id))
        inspection = s.scalar(select(SpecialStepDef.id).where(SpecialStepDef.version_id == case.matter_version_id))

    def approvals(day: date) -> ApprovalService:
        return ApprovalService(ctx.store, ctx.workstation_id, _on(day))

    approvals(date(2026, 3, 3)).start_special_step(person["R001"], case.id, inspection, "孙丽（食品检查员证 SC-0123）")
    approvals(date(2026, 3, 5)).end_special_step(person["R001"], case.id, "现场符合要求")
    approvals(date(2026, 3, 6)).case_view(person["R001"], case.id)
    approvals(date(2026, 3, 6)).review(person["R001"], case.id, True, "材料齐全，现场符合要求")
    approvals(date(2026, 3, 9)).extend(person["S001"], case.id, 5, "需补充检验报告")
    approvals(date(2026, 3, 10)).case_view(person["S001"], case.id)
    approvals(date(2026, 3, 10)).review(person["S001"], case.id, True, "准予食品生产许可", "准予食品生产许可")
    deliveries = DeliveryService(ctx.store, ctx.workstation_id, _on(date(2026, 3, 11)))
    mailing = Mailing("张三", "13912345678", "河南省南阳市青山县人民路 18 号", "中国邮政 EMS", "1180432765321")
    deliveries.mail(person["C001"], case.id, mailing)
    deliveries.mail_result(person["C001"], case.id, True, date(2026, 3, 11))
    return case.id
