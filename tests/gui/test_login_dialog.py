"""The login dialog from the keyboard: Enter logs in once, so the count of attempts left and the
lock-out reach the person at the window."""

from PySide6.QtCore import Qt
from sqlalchemy import func, select

import ui.login_dialog
from app.auth import ASK_MANAGER, LOCK_MINUTES, MAX_FAILURES
from db.models import AuditEntry, Staff
from ui.login_dialog import LoginDialog


def test_enter_with_a_wrong_password_runs_one_login_and_shows_what_is_left(qtbot, demo_ctx, monkeypatch):
    calls = []
    real_login = ui.login_dialog.login
    monkeypatch.setattr(ui.login_dialog, "login", lambda *a: (calls.append(a), real_login(*a))[1])
    dialog = LoginDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClicks(dialog.staff_no, "C002")
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Return)  # Enter in the staff number goes on to the password
    assert calls == [] and not dialog.error.isVisibleTo(dialog)
    assert dialog.password.hasFocus()
    for attempt in range(1, MAX_FAILURES):
        qtbot.keyClicks(dialog.password, "wrong")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert len(calls) == attempt  # one login per Enter
        assert dialog.error.text() == f"工号或密码不正确，还可尝试 {MAX_FAILURES - attempt} 次。"
        with demo_ctx.store.sessions() as s:
            assert s.scalar(select(Staff.failed_logins).where(Staff.staff_no == "C002")) == attempt
            failed = select(func.count()).where(AuditEntry.action == "auth.login_failed")
            assert s.scalar(failed) == attempt
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert len(calls) == MAX_FAILURES
    # …and who lifts it at once: the manager, in 人员管理.
    assert dialog.error.text() == f"密码连续错误 {MAX_FAILURES} 次，账号已锁定 {LOCK_MINUTES} 分钟。{ASK_MANAGER}"
    assert dialog.error.isVisibleTo(dialog) and dialog.actor is None
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(Staff.locked_until).where(Staff.staff_no == "C002")) is not None
