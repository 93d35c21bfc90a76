"""The decision and its delivery: the 决定书 issued with the last step, delivery due within 10
working days, collection at the window against a 送达回证, or mail with a tracking number, and
every bad input refused with nothing changed."""

from datetime import date

import pytest
from sqlalchemy import select

from app.approval.service import ApprovalRefused
from app.delivery.service import Mailing
from app.errors import PermissionDenied, ValidationFailed
from app.workdays import WorkCalendar
from db.models import Case, Delivery, Notice
from tests.helpers import accepted_case, approvals, deliveries, person
from tests.pdf_reading import run_together

MAIL = Mailing("张三", "13912345678", "河南省南阳市青山县人民路 18 号 3 单元 201", "中国邮政 EMS", "1180432765321")


def decided(ctx, agreed: bool = True, on: date = date(2026, 3, 3)) -> str:
    case_id = accepted_case(ctx, "SCJG-003", date(2026, 3, 2))  # 食品经营许可（新办）, 一审一核
    approvals(ctx, on).review(person(ctx, "R001"), case_id, True, "材料齐全，符合条件")
    opinion = "准予许可" if agreed else "经营场所与食品安全要求不符"
    result = approvals(ctx, on).review(person(ctx, "S001"), case_id, agreed, opinion, "准予食品经营许可")
    assert result.notice_id is not None
    return case_id


def test_the_decision_is_issued_and_its_delivery_falls_due_in_10_working_days(demo_ctx):
    case_id = decided(demo_ctx)
    with demo_ctx.store.sessions() as s:
        case = s.get(Case, case_id)
        delivery = s.scalar(select(Delivery).where(Delivery.case_id == case_id))
        notice = s.get(Notice, delivery.decision_notice_id)
        assert (case.decision, case.status, delivery.status) == ("准予", "已办结", "待送达")
        assert delivery.due_on == WorkCalendar.load(s).add_working_days(date(2026, 3, 3), 10).day == date(2026, 3, 17)
        assert notice.kind == "准予许可决定书" and notice.notice_no.startswith("ZY2026-")
        text = run_together(notice.pdf)
    assert case.case_no in text and "准予行政许可" in text and "准予许可" in text
    (row,) = deliveries(demo_ctx, date(2026, 3, 16)).pending(person(demo_ctx, "C002"))
    assert (row.case_no, row.days_left, row.warning) == (case.case_no, 1, "yellow")
    (late,) = deliveries(demo_ctx, date(2026, 3, 18)).pending(person(demo_ctx, "C002"))
    assert (late.days_left, late.warning) == (-1, "red")


def test_a_refusal_gives_reasons_and_the_rights_of_appeal(demo_ctx):
    case_id = decided(demo_ctx, agreed=False)
    with demo_ctx.store.sessions() as s:
        notice = s.get(Notice, s.scalar(select(Delivery.decision_notice_id).where(Delivery.case_id == case_id)))
        assert notice.kind == "不予许可决定书"
        text = run_together(notice.pdf)
    assert "经营场所与食品安全要求不符" in text
    assert "六十日内" in text and "行政复议" in text and "六个月内" in text and "行政诉讼" in text


def test_mail_with_a_tracking_number_then_signed_for(demo_ctx):
    case_id = decided(demo_ctx)
    service, clerk = deliveries(demo_ctx, date(2026, 3, 5)), person(demo_ctx, "C001")
    with pytest.raises(ValidationFailed) as bad:
        service.mail(clerk, case_id, Mailing("", "123", "青山县", "", "12-34"))
    assert {e.field for e in bad.value.errors} == {"recipient", "phone", "address", "carrier", "tracking_no"}
    with pytest.raises(PermissionDenied):
        service.mail(person(demo_ctx, "R001"), case_id, MAIL)
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(Delivery.status).where(Delivery.case_id == case_id)) == "待送达"  # nothing changed
    receipt_id = service.mail(clerk, case_id, MAIL)
    with pytest.raises(ApprovalRefused, match="不能重复送达"):
        service.mail(clerk, case_id, MAIL)
    with pytest.raises(ApprovalRefused, match="不能重复送达"):
        service.collect(clerk, case_id, "张三", "11010519491231002X")
    with demo_ctx.store.sessions() as s:
        receipt = s.get(Notice, receipt_id)
        assert receipt.kind == "送达回证" and "1180432765321" in run_together(receipt.pdf)
    (row,) = service.pending(clerk)
    assert (row.status, row.tracking_no, row.warning) == ("已寄出", "1180432765321", "")
    with pytest.raises(ApprovalRefused, match="日期"):
        service.mail_result(clerk, case_id, True, date(2026, 3, 4))  # before it was sent
    service.mail_result(clerk, case_id, True, date(2026, 3, 5))
    assert service.pending(clerk) == []
    with demo_ctx.store.sessions() as s:
        d = s.scalar(select(Delivery).where(Delivery.case_id == case_id))
        assert (d.status, d.sent_on, d.delivered_on, d.carrier) == (
            "已签收",
            date(2026, 3, 5),
            date(2026, 3, 5),
            "中国邮政 EMS",
        )


def test_returned_mail_is_collected_at_the_window_against_a_receipt(demo_ctx):
    case_id = decided(demo_ctx)
    service, clerk = deliveries(demo_ctx, date(2026, 3, 6)), person(demo_ctx, "C003")
    service.mail(clerk, case_id, MAIL)
    with pytest.raises(ApprovalRefused, match="注明原因"):
        service.mail_result(clerk, case_id, False, date(2026, 3, 6))
    service.mail_result(clerk, case_id, False, date(2026, 3, 6), "地址不详")
    (returned,) = deliveries(demo_ctx, date(2026, 3, 18)).pending(clerk)  # due again, and now late
    assert (returned.status, returned.note, returned.warning) == ("退回", "地址不详", "red")
    with pytest.raises(ValidationFailed, match="身份证件"):
        service.collect(clerk, case_id, "张三", "?")
    receipt_id = service.collect(clerk, case_id, "张三", "11010519491231002X")
    with demo_ctx.store.sessions() as s:
        d = s.scalar(select(Delivery).where(Delivery.case_id == case_id))
        assert (d.method, d.status, d.delivered_on, d.receipt_notice_id) == (
            "窗口领取",
            "已领取",
            date(2026, 3, 6),
            receipt_id,
        )
        assert d.recipient_doc.endswith("002X") and "19491231" not in d.recipient_doc  # the birth date is masked
        assert "窗口领取" in run_together(s.get(Notice, receipt_id).pdf)


def test_an_undecided_case_has_nothing_to_deliver(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    with pytest.raises(ApprovalRefused, match="尚未作出决定"):
        deliveries(demo_ctx, date(2026, 3, 3)).mail(person(demo_ctx, "C001"), case_id, MAIL)
