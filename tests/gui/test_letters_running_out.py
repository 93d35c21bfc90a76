"""After login, 授权书 running out within 30 days are shown above the pages: to the manager every
such letter, to the holder their own; a letter ending in 40 days is not shown yet. Read from the
letters the workstation holds, so no center is needed (none runs here)."""

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.uow import UnitOfWork
from db.models import ChiefAuthorization, Department, Matter, Staff
from ui.main_window import MainWindow

TODAY = date(2026, 6, 1)  # the demo's own letters (set up on 2026-03-01) run to 2027-03-01


def letter(ctx, document_no: str, holder_no: str, matter_code: str, days_left: int) -> None:
    with UnitOfWork(ctx.store, ctx.system()) as uow:
        s = uow.session
        s.add(
            ChiefAuthorization(
                department_id=s.scalar(select(Department.id).where(Department.code == "RSJ")),
                chief_id=s.scalar(select(Staff.id).where(Staff.staff_no == holder_no)),
                document_no=document_no,
                valid_from=date(2026, 3, 1),
                valid_to=TODAY + timedelta(days=days_left),
                matters=[s.scalar(select(Matter).where(Matter.code == matter_code))],
            )
        )
        uow.commit()


@pytest.fixture
def logged_in(qtbot, demo_ctx):
    # S003 holds the demo's letter for RSJ-001..004; these two cover other matters, so nothing carries them on.
    letter(demo_ctx, "青人社授〔2026〕5号", "S003", "RSJ-005", 20)
    letter(demo_ctx, "青人社授〔2026〕6号", "S003", "RSJ-006", 40)

    def login_as(staff_no: str) -> MainWindow:
        actor = login(demo_ctx.store, demo_ctx.workstation_id, staff_no, DEMO_PASSWORD)
        window = MainWindow(demo_ctx, actor, FixedClock(datetime.combine(TODAY, datetime.min.time())))
        qtbot.addWidget(window)
        window.show()
        return window

    yield login_as
    QThreadPool.globalInstance().waitForDone(10000)


def test_the_holder_and_the_manager_see_the_letter_ending_in_20_days_not_the_one_in_40(qtbot, logged_in):
    holder = logged_in("S003")
    qtbot.waitUntil(lambda: holder.expiry.isVisible(), timeout=5000)
    text = holder.expiry.text.text()
    assert "您的 1 份授权书将在 30 天内到期" in text and "2026-06-21" in text and "还剩 20 天" in text
    assert "青人社授〔2026〕5号" in text and "〔2026〕6号" not in text + holder.expiry.text.toolTip()
    assert not holder.expiry.view.isVisible()  # the letters page is the manager's

    manager = logged_in("M001")
    qtbot.waitUntil(lambda: manager.expiry.isVisible(), timeout=5000)
    listed = manager.expiry.text.toolTip()
    assert (
        "共 1 份授权书" in manager.expiry.text.text() and "青人社授〔2026〕5号" in listed and "赵磊（S003）" in listed
    )
    assert "〔2026〕6号" not in listed
    manager.expiry.view.click()
    assert manager.pages.currentWidget() is manager.authorizations_page
    manager.expiry.close_button.click()
    assert not manager.expiry.isVisible()


def test_someone_with_no_letter_running_out_sees_no_notice(qtbot, logged_in):
    chief = logged_in("S001")  # S001's letter runs to 2027-03-01
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=5000)
    qtbot.wait(50)  # the answer's signal is delivered on the UI thread
    assert not chief.expiry.isVisible() and chief.expiry.endings == []
