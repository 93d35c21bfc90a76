"""Every PDF the product draws, drawn through its services on a demo store: the five notices of
acceptance, the five a case gets after it (special step, extension, grant, refusal, 送达回证), the
授权委托书, the guide, the queue ticket and the dossier. The store stands in for the center too, as
the approval tests' does."""

from datetime import date

from sqlalchemy import select

from app.acceptance.model import Decision, ItemStatus, Outcome
from app.acceptance.service import AcceptanceService
from app.delivery.service import DeliveryService
from app.documents.guide_pdf import render_guide
from app.documents.ticket_pdf import render_ticket
from app.dossier.service import DossierService
from app.hall_settings.service import HallSettingsService
from app.help.proxy_letters import ProxyLetterService
from app.notices.kinds import NoticeKind
from app.queue.dto import TicketInfo, TicketStatus
from db.models import Case, Notice, SpecialStepDef
from tests.helpers import ZHANG, approvals, at, person, prepared, required
from tests.proxy_helpers import DAY, matter_ids, new_letter

PERMITTED = "准予从事食品生产，食品类别：糕点，有效期五年"
GUIDE, TICKET_PDF, PROXY_LETTER, DOSSIER = "办事指南", "排队小票", "授权委托书", "卷宗"
TICKET = TicketInfo(
    id="5a1c4a52-8f2e-4a57-9d63-2f6f3a1e9b10",
    label="A012",
    category_code="A",
    category_name="企业开办",
    priority="老年人",
    status=TicketStatus.WAITING,
    ahead=4,
    est_wait_min=16,
    issued_at="2026-03-02T09:15:02",
    window_no=None,
    name_masked="",
    recalls=0,
)


def _window_notices(ctx) -> None:
    """受理, 容缺受理, 告知承诺, 一次性告知单 and 不予受理, by C001 at window 1."""
    clerk = person(ctx, "C001")
    acc = AcceptanceService(ctx.store, ctx.workstation_id, at(DAY))

    def spjyxk():
        return prepared(ctx, acc, "spjyxk")  # 食品经营许可（新办）: 容缺 and 告知承诺 allowed

    acc.decide(clerk, spjyxk(), ZHANG, Decision(Outcome.ACCEPT))
    acc.decide(clerk, spjyxk(), ZHANG, Decision(Outcome.COMMITMENT))
    prep = spjyxk()
    next(i for i in required(prep) if i.tolerance_eligible).status = ItemStatus.MISSING
    acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE, supply_by=date(2026, 3, 9)))
    prep = spjyxk()
    first, second = required(prep, 2)
    first.status = ItemStatus.MISSING
    second.status, second.defect = ItemStatus.DEFECTIVE, "身份证已过有效期"
    acc.decide(clerk, prep, ZHANG, Decision(Outcome.CORRECTION))
    acc.decide(
        clerk, spjyxk(), ZHANG, Decision(Outcome.REJECT, reason="申请事项不属于本机关职权范围", redirect="县烟草专卖局")
    )


def _accepted(ctx, code: str) -> str:
    acc = AcceptanceService(ctx.store, ctx.workstation_id, at(DAY))
    result = acc.decide(person(ctx, "C001"), prepared(ctx, acc, code), ZHANG, Decision(Outcome.ACCEPT))
    with ctx.store.sessions() as s:
        return s.scalar(select(Case.id).where(Case.application_id == result.application_id))


def _case_notices(ctx) -> str:
    """食品生产许可 (with its registered inspection): 特殊环节告知书, 延期告知书, 准予许可决定书 and the
    送达回证 at the window; 食品经营许可 refused: 不予许可决定书. Returns the granted case's id."""
    reviewer, chief = person(ctx, "R001"), person(ctx, "S001")
    granted = _accepted(ctx, "SCJG-006")
    with ctx.store.sessions() as s:
        version_id = s.get(Case, granted).matter_version_id
        inspection = s.scalar(select(SpecialStepDef.id).where(SpecialStepDef.version_id == version_id))
    approvals(ctx, date(2026, 3, 3)).start_special_step(reviewer, granted, inspection, "孙丽（食品检查员证SC-0123）")
    approvals(ctx, date(2026, 3, 5)).end_special_step(reviewer, granted, "现场符合要求")
    approvals(ctx, date(2026, 3, 5)).extend(chief, granted, 5, "需补充检验报告")
    approvals(ctx, date(2026, 3, 6)).review(reviewer, granted, True, "材料齐全，现场符合要求")
    approvals(ctx, date(2026, 3, 6)).review(chief, granted, True, "同意", PERMITTED)
    DeliveryService(ctx.store, ctx.workstation_id, at(date(2026, 3, 9))).collect(
        person(ctx, "C001"), granted, "张三", "11010519491231002X"
    )
    refused = _accepted(ctx, "SCJG-003")
    approvals(ctx, date(2026, 3, 3)).review(reviewer, refused, True, "材料齐全")
    approvals(ctx, date(2026, 3, 3)).review(chief, refused, False, "经营场所与有毒有害场所距离不足")
    return granted


def every_document(ctx) -> dict[str, bytes]:
    """Kind -> PDF, one of each kind the product draws."""
    _window_notices(ctx)
    granted = _case_notices(ctx)
    with ctx.store.sessions() as s:
        drawn = {kind: pdf for kind, pdf in s.execute(select(Notice.kind, Notice.pdf).order_by(Notice.issued_at))}
    assert set(drawn) == {k.value for k in NoticeKind}, set(drawn)
    letters = ProxyLetterService(ctx.store, ctx.workstation_id, at(DAY))
    drawn[PROXY_LETTER] = letters.draft(person(ctx, "A001"), new_letter(matter_ids(ctx, "spjyxk"))).pdf
    drawn[GUIDE] = render_guide(ctx.catalog.guide(ctx.catalog.search("spjyxk")[0].id))
    drawn[TICKET_PDF] = render_ticket(TICKET, HallSettingsService(ctx.store).center().center_name)
    drawn[DOSSIER] = DossierService(ctx.store).case_file(person(ctx, "M001"), granted).pdf
    return drawn
