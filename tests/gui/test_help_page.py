"""The 帮办代办 page against a center on loopback: a manager records a project of three matters in
two departments through the dialog (a bad phone comes back under its field with everything kept),
assigns an agent who does not know the matters (refused without a reason, recorded with one); the
agent logs a contact with a reminder, closes the help, and the applicant rates it; the manager
reads and exports the agents' workload."""

from datetime import date, timedelta
from types import SimpleNamespace

from openpyxl import load_workbook
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.auth import login
from app.demo import DEMO_PASSWORD
from app.help.client import HelpClient
from app.help.requests import NewRequest, PlanStep
from db.models import Department, HelpRequest
from tests.helpers import green_source_request
from tests.sync_harness import Center, acting_for, as_person, workstation
from ui.help.assign_dialog import AssignDialog
from ui.help.dialogs import LogDialog, RatingDialog
from ui.help.page import HelpPage
from ui.help.plan_editor import PlanRow, removed, swapped
from ui.help.request_dialog import RequestDialog
from ui.widgets import qdate

REASON = "A001、A003 本周外出培训，由 A002 先行对接"


def departments(ctx) -> list:
    """What the page names a lead department by: id, name and the short name catalog hits carry."""
    with ctx.store.sessions() as s:
        return [
            SimpleNamespace(id=d.id, code=d.code, name=d.name, short_name=d.short_name)
            for d in s.scalars(select(Department))
        ]


def test_moving_or_removing_a_plan_row_keeps_what_the_others_wait_for():
    rows = [PlanRow(str(n), f"M-{n}", f"事项{n}", "局", d) for n, d in ((1, ""), (2, "1"), (3, "1,2"))]
    assert [r.depends for r in swapped(rows, 0, 1)] == ["2", "", "1,2"]
    assert [r.depends for r in removed(rows, 0)] == ["", "1"]
    assert [r.depends for r in removed(rows, 1)] == ["", "1"]


def fill_project(qtbot, dialog: RequestDialog) -> None:
    dialog.show()  # Enter in the search box must not press the dialog's 登记
    dialog.subject.setCurrentText("项目")
    assert dialog.form.isRowVisible(dialog.project_name)
    assert dialog.form.labelForField(dialog.applicant_doc).text() == "统一社会信用代码"
    dialog.project_name.setText("绿源食品新厂开办")
    dialog.applicant_name.setText("青山县绿源食品有限公司")
    dialog.applicant_doc.setText("91411323MA9F8G2X3E")
    dialog.contact_name.setText("刘强")
    dialog.contact_phone.setText("123")  # refused by the center, under its field
    dialog.urgency.setCurrentText("紧急")
    for query in ("gtgsh", "spjyxk", "SWJ-004"):
        qtbot.keyClicks(dialog.plan.query, query)
        qtbot.keyClick(dialog.plan.query, "\r")  # Enter: the first matter found
        if query == "gtgsh":  # one department: nothing to choose
            assert not dialog.lead_department.isEnabled() and dialog.lead_department.count() == 1
    assert [r.code for r in dialog.plan.rows()] == ["SCJG-001", "SCJG-003", "SWJ-004"]
    # Two departments: chosen among them, the first matter's by default.
    assert dialog.lead_department.isEnabled() and dialog.lead_department.count() == 2
    assert "市场监管局" in dialog.lead_department.currentText()
    dialog.plan.set_depends(2, "1")
    dialog.plan.set_depends(3, "1，2")
    qtbot.keyClicks(dialog.plan.query, "gtgsh")
    qtbot.keyClick(dialog.plan.query, "\r")
    assert len(dialog.plan.rows()) == 3 and "已在计划中" in dialog.plan.note.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


def test_a_project_is_recorded_assigned_followed_closed_and_rated(qtbot, tmp_path):
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        desk, _ = workstation(center, tmp_path, "desk")
        manager = login(desk.store, desk.workstation_id, "M001", DEMO_PASSWORD)
        client = acting_for(desk, HelpClient, manager)
        page = HelpPage(client, manager, desk.catalog.search, departments(desk))
        qtbot.addWidget(page)
        c = page.controller
        page.refresh()
        qtbot.waitUntil(lambda: "共 0 件" in page.summary.text(), timeout=5000)

        # 新建: a bad phone comes back under its field, with everything entered kept.
        asked: list[list] = []

        def ask_new(parent, search, deps, entered, errors):
            asked.append(list(errors))
            dialog = RequestDialog(parent, search, deps, entered, errors)
            qtbot.addWidget(dialog)
            if entered is None:
                fill_project(qtbot, dialog)
                return dialog.draft()
            assert not dialog.errors["contact_phone"].isHidden() and dialog.errors["plan"].isHidden()
            assert dialog.draft() == entered  # nothing lost
            dialog.contact_phone.setText("13837712345")
            return dialog.draft()

        c.ask_new = ask_new
        page.new_button.click()
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=8000)
        assert [e.field for e in asked[1]] == ["contact_phone"]
        row = page.model.rows[0]
        cells = page.model.cells(row)
        assert cells[2:5] == ("项目", "绿源食品新厂开办", "紧急") and cells[7] == "0/3" and cells[6] == "（待分派）"
        assert page.model.color(row) == "#fff3c4"  # 紧急: yellow
        qtbot.waitUntil(lambda: c.view is not None, timeout=5000)
        assert page.progress.text() == "进度：已受理 0 / 3 项"
        assert [page.plan.cells(p)[3] for p in page.plan.rows] == ["—", "1", "1、2"]
        assert [page.plan.cells(p)[6] for p in page.plan.rows] == ["可办理", "等待 1", "等待 1、2"]
        assert "青山县市场监督管理局" in page.header.text()
        assert page.assign_button.isEnabled() and not page.log_button.isEnabled()
        assert not page.proxy_letter_button.isEnabled()  # the seam the lead wires

        # 分派: A001 fits and is preselected; A002 is chosen without a reason and refused.
        calls: list[tuple] = []

        def ask_assign(parent, view, suggestions, entered, refusal):
            calls.append((suggestions, entered, refusal))
            dialog = AssignDialog(parent, view, suggestions, entered, refusal)
            qtbot.addWidget(dialog)
            if len(calls) == 1:
                assert suggestions[0].staff_no == "A001" and suggestions[0].fits
                assert dialog.chosen().staff_no == "A001" and "符合条件" in dialog.why.text()
                dialog.table.selectRow([s.staff_no for s in suggestions].index("A002"))
                assert "须说明原因" in dialog.why.text() and "不熟悉" in dialog.why.text()
                assert [e.field for e in dialog.local_errors()] == ["reason"]  # the dialog asks too
                return dialog.answer()  # as if sent without: the center refuses anyway
            if len(calls) == 2:
                assert dialog.chosen().staff_no == "A002" and not dialog.errors["reason"].isHidden()
                return None
            dialog.table.selectRow([s.staff_no for s in suggestions].index("A002"))
            dialog.reason.setText(REASON)
            assert dialog.local_errors() == []
            return dialog.answer()

        c.ask_assign = ask_assign
        page.assign_button.click()
        qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
        assert "不熟悉" in calls[1][2] and "请填写分派原因" in page.message.text()
        with center.store.sessions() as s:
            assert s.scalar(select(HelpRequest.agent_id)) is None  # nothing recorded
        page.assign_button.click()
        qtbot.waitUntil(lambda: "已分派给 郑华（A002）" in page.message.text(), timeout=5000)
        qtbot.waitUntil(lambda: c.view and c.view.agent == "郑华（A002）", timeout=5000)
        assert REASON in page.header.text() and page.model.cells(page.model.rows[0])[6] == "郑华（A002）"

        # The agent on the same desk: a contact with a reminder for tomorrow.
        agent = login(desk.store, desk.workstation_id, "A002", DEMO_PASSWORD)
        mine = HelpPage(acting_for(desk, HelpClient, agent), agent, desk.catalog.search, departments(desk))
        qtbot.addWidget(mine)
        a = mine.controller
        assert mine.assign_button.isHidden() and mine.workload is None
        mine.refresh()
        qtbot.waitUntil(lambda: a.view is not None and a.view.status == "办理中", timeout=5000)
        assert mine.log_button.isEnabled() and mine.close_button.isEnabled() and not mine.rate_button.isEnabled()
        empty = LogDialog(mine, a.view, date.today())
        qtbot.addWidget(empty)
        assert [e.field for e in empty.local_errors()] == ["text"]
        tomorrow = date.today() + timedelta(days=1)
        a.ask_log = lambda parent, view: ("联系", "电话联系刘强，约定明日到厂勘查", tomorrow)
        mine.log_button.click()
        qtbot.waitUntil(lambda: any(r.log_id for r in mine.reminders.rows), timeout=5000)
        due = next(r for r in mine.reminders.rows if r.log_id)
        assert str(due.due_on) == tomorrow.isoformat() and mine.reminders.color(due) is None
        qtbot.waitUntil(lambda: a.view.log[-1].kind == "联系", timeout=5000)

        # A case number the center does not have: refused with its reason, nothing linked.
        a.ask_link = lambda parent, view: (1, "XX2026-000001")
        mine.link_button.click()
        qtbot.waitUntil(lambda: "中心没有办件" in mine.message.text(), timeout=5000)

        # The reminder is done.
        mine.reminder_table.selectRow(mine.reminders.rows.index(due))
        assert mine.reminder_done.isEnabled()
        mine.reminder_done.click()
        qtbot.waitUntil(lambda: not any(r.log_id for r in mine.reminders.rows), timeout=5000)

        # 办结: the request leaves the open list but stays shown, to be rated by the applicant.
        a.ask_close = lambda parent, view: "申请人已自行到窗口办理，帮办结束"
        mine.close_button.click()
        qtbot.waitUntil(lambda: a.view.status == "已办结", timeout=5000)
        qtbot.waitUntil(lambda: mine.model.rowCount() == 0, timeout=5000)
        assert mine.rate_button.isEnabled() and not mine.log_button.isEnabled()

        def ask_rating(parent, view):
            dialog = RatingDialog(parent, view)
            qtbot.addWidget(dialog)
            dialog.buttons[2].click()  # 不满意: asks why first
            assert dialog.result() != QDialog.DialogCode.Accepted and dialog.reason.isVisibleTo(dialog)
            dialog.submit.click()
            assert "请填写原因" in dialog.message.text()
            dialog.buttons[5].click()  # the applicant changes their mind: 非常满意
            assert dialog.result() == QDialog.DialogCode.Accepted
            return dialog.answer()

        a.ask_rating = ask_rating
        mine.rate_button.click()
        qtbot.waitUntil(lambda: "非常满意" in mine.message.text(), timeout=5000)
        qtbot.waitUntil(lambda: a.view.rating == 5 and not mine.rate_button.isEnabled(), timeout=5000)
        with center.store.sessions() as s:
            request = s.scalar(select(HelpRequest))
            assert (request.status, request.rating) == ("已办结", 5)

        # 撤销 needs a reason and the confirmation; declined, nothing changes.
        plan = (PlanStep(desk.catalog.search("SCJG-001")[0].id),)
        other = client.create(
            NewRequest("代办", "个人", "张小梅", "", "张小梅", "13912345678", date.today(), plan, "特急")
        )
        c.refresh(select=other)
        qtbot.waitUntil(lambda: c.view.id == other, timeout=5000)
        confirmed: list[str] = []
        c.ask_cancel = lambda parent, view: "申请人自行办理"
        c.confirm = lambda text: confirmed.append(text) or len(confirmed) > 1
        page.cancel_button.click()
        assert "申请人自行办理" in confirmed[0] and c.view.status == "待分派"
        page.cancel_button.click()
        qtbot.waitUntil(lambda: "已撤销" in page.message.text(), timeout=5000)
        qtbot.waitUntil(lambda: c.view.status == "已撤销" and page.model.rowCount() == 0, timeout=5000)

        # The manager's workload: A002 received one, closed it, rated 5; exported to Excel.
        panel = page.workload
        page.tabs.setCurrentWidget(panel)
        panel.first.setDate(qdate(date.today() - timedelta(days=7)))
        panel.last.setDate(qdate(date.today() + timedelta(days=1)))  # the center counts by UTC day
        panel.query.click()
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
        figures = panel.model.rows[0]
        assert (figures.agent, figures.received, figures.closed, figures.average_rating) == ("郑华（A002）", 1, 1, 5.0)
        target = tmp_path / "workload.xlsx"
        panel.choose_path = lambda name: str(target)
        panel.export_button.click()
        qtbot.waitUntil(lambda: "已导出" in panel.note.text(), timeout=5000)
        sheet = load_workbook(target).active
        assert sheet.cell(2, 1).value == "帮办员" and sheet.cell(3, 1).value == "郑华（A002）"
    finally:
        QThreadPool.globalInstance().waitForDone(10000)
        center.stop()
        center.store.engine.dispose()


def test_the_agent_draws_up_the_requests_proxy_letter_and_records_its_signing(qtbot, tmp_path):
    from app.help.proxy_client import ProxyLetterClient
    from db.models import ProxyLetter
    from ui.help.proxy_letter import LetterAnswer

    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        desk, _ = workstation(center, tmp_path, "desk")
        matters = [desk.catalog.search(q)[0].id for q in ("gtgsh", "spjyxk")]
        new = green_source_request("代办", "企业", date.today(), tuple(PlanStep(m) for m in matters))
        manager = as_person(desk, HelpClient, "M001")
        request_id = manager.create(new)
        manager.assign(request_id, "A001")
        agent = login(desk.store, desk.workstation_id, "A001", DEMO_PASSWORD)
        page = HelpPage(
            acting_for(desk, HelpClient, agent),
            agent,
            desk.catalog.search,
            departments(desk),
            acting_for(desk, ProxyLetterClient, agent),
        )
        qtbot.addWidget(page)
        flow = page.letters
        flow.preview_enabled = False
        answers = iter(
            [
                LetterAnswer("刘强", "1234", "13800001111", date.today() + timedelta(days=90), "代为递交申请材料"),
                LetterAnswer(
                    "刘强", "411321198506120037", "13800001111", date.today() + timedelta(days=90), "代为递交申请材料"
                ),
            ]
        )
        asked: list = []
        flow.ask_letter = lambda parent, view, who, entered, errors: asked.append((who, list(errors))) or next(answers)
        flow.ask_signed = lambda letter_no: True
        page.refresh()
        qtbot.waitUntil(lambda: page.controller.view is not None and page.proxy_letter_button.isEnabled(), timeout=5000)
        page.proxy_letter_button.click()  # a bad ID number first: asked again with the message
        qtbot.waitUntil(lambda: "已登记签署" in page.message.text(), timeout=8000)
        assert [who for who, _ in asked] == ["吴敏（A001）", "吴敏（A001）"]
        assert [e.field for e in asked[1][1]] == ["proxy.doc_no"]
        with center.store.sessions() as s:
            letter = s.scalar(select(ProxyLetter))
            assert (letter.request_id, letter.status, letter.proxy_staff_no) == (request_id, "已签署", "A001")
            assert letter.principal_doc == "91411323MA9F8G2X3E" and len(letter.matters) == 2
    finally:
        QThreadPool.globalInstance().waitForDone(10000)
        center.stop()
        center.store.engine.dispose()
