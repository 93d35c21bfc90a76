"""无人可办 said where people look: the clerk sees it on the acceptance page as soon as the matter
is chosen and again with the outcome, the manager in a red banner across the window at login."""

from datetime import date

from PySide6.QtCore import Qt

from app.acceptance.model import Outcome
from app.approval.dto import StrandedCase
from tests.gui.keyboard import check_all, fill_person, pick, press
from ui.approval.stranded_banner import StrandedBanner

WHY = "“核准”无人可办：没有首席代表持有覆盖该事项的授权书"


def test_the_clerk_is_told_when_choosing_and_when_accepting_a_matter_nobody_can_decide(qtbot, page):
    view = page.acceptance_view
    pick(qtbot, page, "RSJ-005")
    assert view.unstaffed.isVisible() and WHY in view.unstaffed.text() and "报告大厅管理员" in view.unstaffed.text()
    fill_person(qtbot, page)
    check_all(qtbot, page)
    assert view.outcomes[Outcome.ACCEPT].isEnabled()  # a complete application is accepted all the same
    with qtbot.waitSignal(page.acceptance.decided, timeout=20000) as blocker:
        press(qtbot, page, Qt.Key.Key_F6)
    assert blocker.args[0].status == "已受理"
    assert "已受理" in view.status.text() and WHY in view.status.text()
    assert "#c62828" in view.status.styleSheet()  # red, not the green of a plain success
    assert not view.unstaffed.isVisible()  # the page is ready for the next applicant
    pick(qtbot, page, "spjyxk")  # a matter its chiefs and reviewers can decide: no warning
    assert not view.unstaffed.isVisible()


def test_the_managers_banner_names_the_cases_and_opens_their_page(qtbot):
    banner = StrandedBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.show_cases([])
    assert not banner.isVisible()
    matter = "企业职工基本养老保险关系转移接续"
    rows = [
        StrandedCase(f"c{n}", f"QS2026-407316-0000{n}", matter, "人社局", date(2026, 3, 2), "核准", WHY)
        for n in range(1, 4)
    ]
    banner.show_cases(rows)
    assert banner.isVisible()
    assert "无人可办的办件 3 件" in banner.text.text() and "QS2026-407316-00001" in banner.text.text()
    with qtbot.waitSignal(banner.open_cases):
        banner.view.click()
    banner.close_button.click()
    assert not banner.isVisible()
