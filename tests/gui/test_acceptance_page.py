"""The acceptance page driven from the keyboard, as a clerk works (offscreen)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.acceptance.model import ItemStatus, Outcome
from app.auth import login
from app.demo import DEMO_PASSWORD
from tests.gui.keyboard import check_all, fill_person, pick, press
from tests.helpers import accepted_with_a_commitment, at
from tests.proxy_helpers import DAY, WU, qr_of, signed_letter
from ui.main_window import MainWindow


def test_complete_application_accepted_from_the_keyboard(qtbot, page):
    pick(qtbot, page, "spjyxk")
    fill_person(qtbot, page)
    check_all(qtbot, page)
    assert page.acceptance_view.outcomes[Outcome.ACCEPT].isEnabled()
    with qtbot.waitSignal(page.acceptance.decided) as blocker:
        press(qtbot, page, Qt.Key.Key_F6)
    result = blocker.args[0]
    assert result.status == "已受理" and result.notices[0].kind == "受理通知书"
    assert "已受理" in page.acceptance_view.status.text()
    assert page.acceptance.prepared is None  # ready for the next applicant


def test_invalid_id_is_shown_beside_the_field_and_nothing_is_decided(qtbot, page):
    pick(qtbot, page, "gtgsh")
    fill_person(qtbot, page, doc_no="110105194912310021")
    check_all(qtbot, page)
    error = page.acceptance_view.applicant.errors["person.doc_no"]
    assert error.isVisibleTo(page) and "校验位" in error.text()
    with qtbot.assertNotEmitted(page.acceptance.decided), qtbot.waitSignal(page.acceptance.refused):
        page.acceptance.decide(Outcome.ON_THE_SPOT)
    assert page.acceptance.prepared is not None


def test_slip_for_two_missing_and_one_defective_then_reopened_and_accepted(qtbot, page):
    pick(qtbot, page, "spjyxk")
    fill_person(qtbot, page)
    required_rows = [r for r, i in enumerate(page.acceptance.checklist.items) if i.required]
    check_all(qtbot, page, {required_rows[0]: Qt.Key.Key_2, required_rows[1]: Qt.Key.Key_2})
    table = page.acceptance_view.checklist
    table.selectRow(required_rows[2])
    qtbot.keyClick(table, Qt.Key.Key_3)
    # "3" opened the defect editor on that row: it offers the material's published common errors.
    editor = QApplication.focusWidget()
    assert [editor.itemText(i) for i in range(editor.count())] == list(
        page.acceptance.checklist.items[required_rows[2]].common_errors
    )
    editor.setCurrentText("身份证已过有效期")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # the delegate commits on a queued call
    defective = page.acceptance.checklist.items[required_rows[2]]
    assert defective.status == ItemStatus.DEFECTIVE and defective.defect == "身份证已过有效期"
    with qtbot.waitSignal(page.acceptance.decided) as blocker:
        press(qtbot, page, Qt.Key.Key_F9)
    slip = blocker.args[0].notices[0]
    assert slip.kind == "一次性告知单"

    view = page.acceptance_view
    qtbot.keyClicks(view.slip_no, slip.notice_no)
    qtbot.keyClick(view.slip_no, Qt.Key.Key_Return)
    model = page.acceptance.checklist
    assert len(page.acceptance.prepared.to_check) == 3
    assert len(model.locked) == len(model.items) - 3
    assert (
        model.set_status(next(r for r, i in enumerate(model.items) if i.key in model.locked), ItemStatus.MISSING)
        is False
    )  # already checked items stay as they were
    for row, item in enumerate(model.items):
        if item.status == ItemStatus.UNCHECKED:
            view.checklist.selectRow(row)
            qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    with qtbot.waitSignal(page.acceptance.decided) as blocker:
        press(qtbot, page, Qt.Key.Key_F6)
    assert blocker.args[0].status == "已受理"


def test_closing_mid_application_keeps_a_draft(qtbot, page, demo_ctx):
    pick(qtbot, page, "gtgsh")
    fill_person(qtbot, page)
    page.acceptance_view.checklist.selectRow(0)
    qtbot.keyClick(page.acceptance_view.checklist, Qt.Key.Key_2)
    page.acceptance.save_draft()  # the page saves 400 ms after each change; no need to wait here
    page.close()

    again = MainWindow(demo_ctx, page.actor)
    qtbot.addWidget(again)
    restored = again.acceptance
    assert restored.prepared is not None and "个体工商户设立登记" in restored.prepared.title
    assert again.acceptance_view.applicant.person.doc_no.text() == "11010519491231002X"
    assert restored.checklist.items[0].status == ItemStatus.MISSING
    assert "已恢复" in again.acceptance_view.status.text()


def test_live_validation_never_moves_the_cursor(qtbot, page):
    pick(qtbot, page, "kbcyd")
    form = page.acceptance_view.applicant
    form.enterprise_kind.setChecked(True)
    assert QApplication.focusWidget() is form.enterprise_name  # enterprise first: its name field
    form.enterprise_name.setText("青山县好味道餐饮有限公司")
    qtbot.keyClicks(form.credit_code, "91310110666007217X")  # wrong check character
    assert "校验位" in form.errors["credit_code"].text()
    form.person.name.setText("孙七")
    form.person.doc_no.setFocus()
    qtbot.keyClicks(form.person.doc_no, "11010519491231002X")
    assert QApplication.focusWidget() is form.person.doc_no
    assert form.person.doc_no.text() == "11010519491231002X"
    form.credit_code.setText("91310110666007217T")
    assert not form.errors["credit_code"].isVisibleTo(page)


def test_login_reminds_of_overdue_commitments(qtbot, demo_ctx):
    from datetime import datetime

    from app.clock import FixedClock

    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    accepted_with_a_commitment(demo_ctx, clerk)
    demo_ctx.acceptance.clock = FixedClock(datetime(2026, 3, 2, 8, 0))  # the next working day after the due date
    window = MainWindow(demo_ctx, clerk)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "1 项容缺材料已逾期" in window.statusBar().currentMessage())  # refreshed off the UI thread
    assert "1 项容缺材料已逾期" in window.statusBar().currentMessage()
    assert "1 份文书待打印" in window.statusBar().currentMessage()
    assert window.followup.commitments.color(window.followup.commitments.rows[0]) == "#ffcdd2"  # red


def test_a_proxy_gives_the_letter_number_and_a_refusal_shows_beside_it(qtbot, page, demo_ctx):
    from sqlalchemy import select

    from db.models import Application

    letter = signed_letter(demo_ctx, "gtgsh")  # in force from DAY
    page.acceptance.service.clock = at(DAY)
    pick(qtbot, page, "gtgsh")
    fill_person(qtbot, page)
    form = page.acceptance_view.applicant
    qtbot.keyClick(form.person.phone, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Alt+D: by a proxy
    qtbot.waitUntil(form.by_proxy.isChecked)  # a mnemonic clicks the way a mouse does, after a moment
    assert QApplication.focusWidget() is form.proxy.name
    form.proxy.name.setText(WU.name)
    chain = [form.proxy.doc_kind, form.proxy.doc_no, form.proxy.phone, form.proxy_letter]
    for widget in chain:  # the letter's number comes last in the proxy block's tab order
        press(qtbot, page, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
    qtbot.keyClicks(form.proxy.doc_no, WU.doc_no)
    qtbot.keyClicks(form.proxy.phone, WU.phone)
    qtbot.keyClicks(form.proxy_letter, "WT2026-NOSUCH-00001")
    check_all(qtbot, page)
    with qtbot.waitSignal(page.acceptance.refused):
        press(qtbot, page, Qt.Key.Key_F6)
    error = form.errors["proxy.letter_no"]
    assert error.isVisibleTo(page) and "没有编号为 WT2026-NOSUCH-00001" in error.text()
    assert QApplication.focusWidget() is form.proxy_letter and page.acceptance.prepared is not None
    form.proxy_letter.setText(qr_of(demo_ctx, letter.letter_no))  # the QR code on the letter, scanned
    qtbot.keyClick(form.proxy_letter, Qt.Key.Key_Return)
    assert form.proxy_letter.text() == letter.letter_no
    with qtbot.waitSignal(page.acceptance.decided) as blocker:
        press(qtbot, page, Qt.Key.Key_F6)
    with demo_ctx.store.sessions() as s:
        assert s.scalar(
            select(Application.proxy_letter_id).where(Application.id == blocker.args[0].application_id)
        ) == (letter.id)


def test_a_draft_kept_as_the_page_always_kept_it_still_opens(qtbot, demo_ctx):
    """Drafts in a store from before the typed draft (app.acceptance.draft) have the same JSON shape."""
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    matter = demo_ctx.catalog.search("gtgsh")[0]
    first = demo_ctx.acceptance.prepare(matter_id=matter.id).items[0].key
    person = {"name": "张三", "doc_kind": "居民身份证", "doc_no": "11010519491231002X", "phone": ""}
    demo_ctx.acceptance.save_draft(
        clerk,
        {
            "source": ["matter", matter.id],
            "application_id": None,
            "to_check": None,
            "applicant": {"kind": "个人", "person": person, "enterprise_name": "", "credit_code": "", "proxy": None},
            "items": {first: ["缺少", "", None]},
        },
    )
    window = MainWindow(demo_ctx, clerk)
    qtbot.addWidget(window)
    restored = window.acceptance
    assert restored.prepared is not None and restored.prepared.title == matter.name
    assert window.acceptance_view.applicant.person.doc_no.text() == "11010519491231002X"
    assert restored.checklist.items[0].status == ItemStatus.MISSING


def test_an_unreadable_draft_is_dropped_and_the_page_opens_empty(qtbot, demo_ctx):
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    demo_ctx.acceptance.save_draft(clerk, {"matter": "SCJG-001", "name": "张三"})
    window = MainWindow(demo_ctx, clerk)
    qtbot.addWidget(window)
    assert window.acceptance.prepared is None
    assert demo_ctx.acceptance.load_draft("C001") is None
