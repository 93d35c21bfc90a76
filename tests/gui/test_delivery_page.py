"""The clerk's 结果送达 page against a center on loopback: a case accepted at the window and
decided at the center is mailed (a bad tracking number comes back beside its field and nothing
changes), its 送达回证 is fetched for printing, and the carrier's 签收 closes it."""

from datetime import date

from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from app.approval.client import ApprovalClient, NoticeClient
from app.auth import login
from app.delivery.client import DeliveryClient
from app.delivery.service import Mailing
from app.demo import DEMO_PASSWORD
from app.notices.dto import NoticeToPrint
from db.models import Delivery, Notice
from tests.sync_harness import acting_for, as_person, center_with_a_case
from ui.delivery.dialogs import MailingDialog
from ui.delivery.page import DeliveryPage

ADDRESS = "河南省南阳市青山县人民路 18 号 3 单元 201"


def decide(desk, case_id: str) -> None:
    for staff_no, opinion in (("R001", "材料齐全"), ("S001", "准予许可")):
        as_person(desk, ApprovalClient, staff_no).review(case_id, True, opinion, "准予食品经营许可")


def test_mail_the_decision_then_record_it_signed_for(qtbot, tmp_path):
    with center_with_a_case(tmp_path) as hall:
        try:
            inbox = as_person(hall.desk, ApprovalClient, "R001").inbox()
            decide(hall.desk, next(r.case_id for r in inbox if r.case_no == hall.case_no))

            clerk = login(hall.window.store, hall.window.workstation_id, "C001", DEMO_PASSWORD)
            page = DeliveryPage(
                acting_for(hall.window, DeliveryClient, clerk),
                acting_for(hall.window, NoticeClient, clerk),
                clerk,
            )
            qtbot.addWidget(page)
            controller = page.controller
            controller.viewer.preview_enabled = False
            fetched: list[NoticeToPrint] = []
            controller.viewer.shown.connect(fetched.append)
            page.refresh()
            qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
            row = page.model.rows[0]
            assert (row.case_no, row.status, row.decision) == (hall.case_no, "待送达", "准予")
            assert "待送达 1 件，其中超期 0 件" in page.summary.text()
            assert page.mail.isEnabled() and page.collect.isEnabled() and not page.result.isEnabled()

            # A bad tracking number: the center's message comes back under the field, nothing changes.
            bad = Mailing("张三", "13912345678", ADDRESS, "中国邮政 EMS", "12-34")
            asked: list[tuple] = []

            def ask_bad(parent, r, entered, errors):
                asked.append((entered, list(errors)))
                if not errors:
                    return bad
                dialog = MailingDialog(parent, r, entered, errors)
                assert not dialog.errors["tracking_no"].isHidden()
                assert "快递单号应为" in dialog.errors["tracking_no"].text()
                assert dialog.errors["recipient"].isHidden() and dialog.mailing() == bad  # values kept
                return None  # the clerk cancels

            controller.ask_mailing = ask_bad
            page.mail.click()
            qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)
            assert [e.field for e in asked[1][1]] == ["tracking_no"]
            assert "快递单号应为" in page.message.text()
            assert page.model.rows[0].status == "待送达"
            with hall.center.store.sessions() as s:
                assert (s.scalar(select(Delivery.status)), s.scalar(select(Delivery.tracking_no))) == ("待送达", "")

            # Good values: mailed, and the 送达回证 issued by the center is fetched for printing.
            good = Mailing("张三", "13912345678", ADDRESS, "顺丰速运", "sf1234567890")
            controller.ask_mailing = lambda parent, r, entered, errors: good
            page.mail.click()
            qtbot.waitUntil(lambda: bool(fetched), timeout=5000)
            assert fetched[0].kind == "送达回证" and fetched[0].pdf.startswith(b"%PDF")
            qtbot.waitUntil(lambda: page.model.rows and page.model.rows[0].status == "已寄出", timeout=5000)
            assert page.model.rows[0].tracking_no == "SF1234567890"
            assert page.result.isEnabled() and not page.mail.isEnabled()
            assert "已寄出待签收 1 件" in page.summary.text()

            # The carrier reports it signed for today: the row leaves the list.
            controller.ask_result = lambda parent, r: (True, date.today(), "")
            page.result.click()
            qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
            assert "签收" in page.message.text()
            with hall.center.store.sessions() as s:
                delivery = s.scalar(select(Delivery))
                assert (delivery.status, delivery.method, delivery.tracking_no) == ("已签收", "邮寄", "SF1234567890")
                assert delivery.delivered_on == date.today()
                assert s.get(Notice, delivery.receipt_notice_id).kind == "送达回证"
        finally:
            QThreadPool.globalInstance().waitForDone(10000)
