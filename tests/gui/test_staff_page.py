"""人员管理 and 修改密码 as people drive them, against a center on loopback: the manager creates a
person (a number in use refused beside its field) and is shown the one-time password once; a reset
asks for its reason and does nothing when cancelled; a lock-out is lifted with a reason. At a first
login with a one-time password the change comes before the main window: cancelled, back to the
login; a weak or mistyped password is explained; with the center away it says so and stays out."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import select

from app.auth import login
from app.clock import Clock
from app.demo import DEMO_PASSWORD
from app.trust.rules import password_problem
from app.trust.staff_client import StaffClient
from db.models import AuditEntry, Staff
from tests.sync_harness import as_person, center_keys, center_staff, sqlite_center, workstation
from ui.login_dialog import LoginDialog
from ui.password_dialog import FORCED_OFFLINE
from ui.staff.page import StaffPage

NEW_PASSWORD = "Qing#Shan2026"


@pytest.fixture
def center(tmp_path):
    with sqlite_center(tmp_path) as serving:
        yield serving
        QThreadPool.globalInstance().waitForDone(10000)  # no answer arrives after the center is gone


def live_keys(center, staff_no: str) -> list[str]:
    return [k.public_key for k in center_keys(center, staff_no) if k.revoked_at is None]


def select_person(qtbot, page: StaffPage, staff_no: str) -> None:
    (row,) = [i for i, p in enumerate(page.model.rows) if p.staff_no == staff_no]
    page.table.selectRow(row)


def test_the_manager_creates_a_person_resets_a_password_and_lifts_a_lock_out(qtbot, center, tmp_path):
    desk, _ = workstation(center, tmp_path, "desk")
    page = StaffPage(
        as_person(desk, StaffClient, "M001"), login(desk.store, desk.workstation_id, "M001", DEMO_PASSWORD)
    )
    qtbot.addWidget(page)
    controller = page.controller
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 30, timeout=5000)
    assert "共" in page.summary.text() and page.new_button.isEnabled()

    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新增人员
    qtbot.waitUntil(lambda: controller.dialog is not None)  # a button's shortcut clicks it a moment later
    dialog = controller.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.staff_no, "c001")
    assert dialog.staff_no.text() == "C001"  # written as the hall writes numbers
    dialog.name.setText("钱多多")  # (QTest types ASCII only)
    dialog.ok.click()  # no role: refused beside the roles, before anything is sent
    qtbot.waitUntil(lambda: not dialog.errors["roles"].isHidden(), timeout=5000)
    assert "至少选择一个岗位" in dialog.errors["roles"].text()
    dialog.roles[next(iter(dialog.roles))].setChecked(True)
    dialog.posted_window.setCurrentIndex(1)
    dialog.ok.click()  # C001 is 李娜's: the center says so beside the number, the dialog keeps the rest
    qtbot.waitUntil(lambda: not dialog.errors["staff_no"].isHidden(), timeout=10000)
    assert "已由李娜使用" in dialog.errors["staff_no"].text() and dialog.name.text() == "钱多多"
    dialog.staff_no.setText("C105")
    dialog.ok.click()
    qtbot.waitUntil(lambda: controller.password_dialog is not None, timeout=10000)
    shown = controller.password_dialog
    one_time = shown.password.text()
    assert password_problem(one_time, "C105") is None and "只显示这一次" in "".join(
        label.text() for label in shown.findChildren(type(shown.password))
    )
    assert one_time not in page.message.text()
    shown.accept()
    qtbot.waitUntil(lambda: any(p.staff_no == "C105" for p in page.model.rows), timeout=5000)
    assert center_staff(center, "C105").must_change_password
    select_person(qtbot, page, "C105")
    assert page.model.cells(page.model.rows[page.table.currentIndex().row()])[-1] == "待本人修改初始密码"

    # A reset: the dialog says what happens and asks why; cancelled, nothing changes.
    select_person(qtbot, page, "C001")
    before = live_keys(center, "C001")
    page.reset_button.click()
    dialog = controller.dialog
    assert "即刻起作废" in "".join(label.text() for label in dialog.findChildren(type(dialog.summary)))
    dialog.reject()
    qtbot.waitUntil(lambda: controller.dialog is None)
    assert live_keys(center, "C001") == before
    page.reset_button.click()
    dialog = controller.dialog
    dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.errors["reason"].isHidden(), timeout=5000)
    assert "请填写重置密码的原因" in dialog.errors["reason"].text()
    dialog.reason.setText("本人忘记密码，已当面核实身份")
    dialog.ok.click()
    qtbot.waitUntil(lambda: controller.password_dialog is not None, timeout=10000)
    controller.password_dialog.accept()
    (after,) = live_keys(center, "C001")
    assert after not in before

    # A lock-out, lifted with its reason.
    with center.store.sessions.begin() as s:
        s.scalar(select(Staff).where(Staff.staff_no == "C002")).locked_until = Clock().utc_now() + timedelta(minutes=9)
    page.refresh()
    qtbot.waitUntil(lambda: "锁定 1 人" in page.summary.text(), timeout=5000)
    select_person(qtbot, page, "C002")
    assert page.unlock_button.isEnabled()
    page.unlock_button.click()
    dialog = controller.dialog
    dialog.reason.setText("本人在窗口，已核实身份")
    dialog.ok.click()
    qtbot.waitUntil(lambda: "锁定 0 人" in page.summary.text(), timeout=5000)
    assert center_staff(center, "C002").locked_until is None
    with center.store.sessions() as s:
        reasons = s.scalars(
            select(AuditEntry.reason).where(AuditEntry.action.in_(["staff.password_reset", "staff.unlocked"]))
        )
        assert list(reasons) == ["本人忘记密码，已当面核实身份", "本人在窗口，已核实身份"]
    select_person(qtbot, page, "M001")
    assert not page.reset_button.isEnabled()  # a manager's own password is changed, not reset


def reset_at_center(center, tmp_path, staff_no: str):
    """A workstation that has pulled `staff_no`'s reset, and the one-time password."""
    office, _ = workstation(center, tmp_path, "office")
    one_time = as_person(office, StaffClient, "M001").reset(staff_no, "本人忘记密码")
    desk, engine = workstation(center, tmp_path, "desk")
    return desk, engine, one_time


def log_in(qtbot, dialog: LoginDialog, staff_no: str, password: str) -> None:
    dialog.staff_no.setText(staff_no)
    dialog.password.setText(password)
    dialog.try_login()


def test_a_first_login_changes_the_one_time_password_before_the_main_window(qtbot, center, tmp_path):
    desk, _, one_time = reset_at_center(center, tmp_path, "C003")
    dialog = LoginDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    log_in(qtbot, dialog, "C003", one_time)
    change = dialog.change_dialog
    assert change is not None and change.isVisible() and dialog.actor is None
    assert "一次性密码" in change.windowTitle() + "".join(w.text() for w in change.findChildren(type(change.summary)))
    change.reject()  # 返回登录
    qtbot.waitUntil(lambda: dialog.change_dialog is None)
    assert dialog.actor is None and "须先修改初始密码" in dialog.error.text() and dialog.result() == 0

    log_in(qtbot, dialog, "C003", one_time)
    change = dialog.change_dialog
    qtbot.keyClicks(change.new_password, "qingshan")
    assert "至少三类" in change.strength.text()  # explained as it is typed
    change.new_password.setText(NEW_PASSWORD)
    assert change.strength.text() == "密码强度符合要求。"
    qtbot.keyClicks(change.again, "Qing#Shan2027")
    change.ok.click()
    qtbot.waitUntil(lambda: not change.errors["again"].isHidden(), timeout=5000)
    assert "不一致" in change.errors["again"].text() and dialog.actor is None
    change.again.setText(NEW_PASSWORD)
    change.ok.click()
    qtbot.waitUntil(lambda: dialog.actor is not None, timeout=10000)
    assert not dialog.actor.must_change_password and dialog.result() == LoginDialog.DialogCode.Accepted
    assert not center_staff(center, "C003").must_change_password
    assert login(desk.store, desk.workstation_id, "C003", NEW_PASSWORD).staff_no == "C003"


def test_a_first_login_with_the_center_away_says_so_and_does_not_open(qtbot, center, tmp_path):
    desk, _, one_time = reset_at_center(center, tmp_path, "C004")
    center.stop()
    dialog = LoginDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    log_in(qtbot, dialog, "C004", one_time)
    change = dialog.change_dialog
    change.new_password.setText(NEW_PASSWORD)
    change.again.setText(NEW_PASSWORD)
    change.ok.click()
    qtbot.waitUntil(lambda: FORCED_OFFLINE in change.summary.text(), timeout=15000)
    assert "无法连接中心" in change.summary.text() and change.isVisible() and dialog.actor is None
    assert login(desk.store, desk.workstation_id, "C004", one_time).must_change_password  # nothing changed


def test_everyone_changes_their_own_password_from_the_main_window(qtbot, center, tmp_path):
    from ui.main_window import MainWindow

    desk, _ = workstation(center, tmp_path, "desk")
    window = MainWindow(desk, login(desk.store, desk.workstation_id, "R001", DEMO_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    change = window.password_dialog.shown
    assert change is not None and change.isVisible()
    change.old_password.setText("wrong")
    change.new_password.setText(NEW_PASSWORD)
    change.again.setText(NEW_PASSWORD)
    change.ok.click()
    qtbot.waitUntil(lambda: not change.errors["old_password"].isHidden(), timeout=5000)
    assert change.errors["old_password"].text() == "原密码不正确。"
    change.old_password.setText(DEMO_PASSWORD)
    change.ok.click()
    qtbot.waitUntil(lambda: window.password_dialog.shown is None, timeout=10000)
    assert "密码已修改" in window.statusBar().currentMessage()
    assert login(desk.store, desk.workstation_id, "R001", NEW_PASSWORD).staff_no == "R001"
    window.close()
