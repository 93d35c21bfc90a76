"""The chief's inbox page against a center on loopback: the case arrives from the window, the
reviewer and then the chief decide it from the keyboard; the chief's grant carries the permitted
content (许可内容) the decision prints, apart from the opinion."""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from app.approval.client import ApprovalClient, NoticeClient
from app.approval.dto import InboxRow
from app.auth import login
from app.demo import DEMO_PASSWORD
from app.notices.dto import NoticeToPrint
from db.models import Case
from tests import pdf_reading
from tests.sync_harness import acting_for, center_with_a_case
from ui.approval.controller import InboxController
from ui.approval.inbox_page import InboxPage

PERMITTED = "准予从事食品销售经营活动，经营项目：预包装食品销售，有效期五年。"


def test_reviewer_then_chief_decide_from_the_inbox(qtbot, tmp_path):
    with center_with_a_case(tmp_path) as hall:
        try:
            shown: list[NoticeToPrint] = []
            for staff_no, opinion in (("R001", "材料齐全，同意"), ("S001", "准予许可")):
                page = InboxPage()
                qtbot.addWidget(page)
                actor = login(hall.desk.store, hall.desk.workstation_id, staff_no, DEMO_PASSWORD)
                client, notices = (acting_for(hall.desk, c, actor) for c in (ApprovalClient, NoticeClient))
                controller = InboxController(page, client, notices, actor)
                controller.notices.preview_enabled = False
                controller.notices.shown.connect(shown.append)
                controller.refresh()
                qtbot.waitUntil(lambda c=controller: c.view is not None, timeout=5000)
                assert "食品经营许可" in page.detail.toPlainText() and page.agree.isEnabled()
                assert page.model.rows[0].step == ("审核" if staff_no == "R001" else "核准")
                page.agree.click()  # no opinion yet: refused with the reason, nothing recorded
                qtbot.waitUntil(lambda p=page: "请填写审批意见" in p.message.text(), timeout=5000)
                page.opinion.setPlainText(opinion)
                deciding = staff_no == "S001"
                assert page.permitted.isVisibleTo(page) == deciding  # 许可内容 only where the step decides
                if deciding:  # a grant without its permitted content is refused, nothing recorded
                    page.agree.click()
                    qtbot.waitUntil(lambda p=page: "须填写许可内容" in p.message.text(), timeout=5000)
                    page.permitted.setPlainText(PERMITTED)
                page.agree.click()
                qtbot.waitUntil(lambda p=page: "已同意" in p.message.text(), timeout=5000)
                qtbot.waitUntil(lambda p=page: p.model.rowCount() == 0, timeout=5000)
            # The chief's decision issued the 决定书, fetched to print at once.
            qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
            assert shown[0].kind == "准予许可决定书" and shown[0].pdf.startswith(b"%PDF")
            printed = "".join(pdf_reading.text(shown[0].pdf).split())
            assert f"许可内容：{PERMITTED}" in printed and "准予许可。" not in printed  # the opinion is not printed
            with hall.center.store.sessions() as s:
                assert s.scalar(select(Case.decision)) == "准予"
        finally:
            QThreadPool.globalInstance().waitForDone(10000)


def test_overdue_red_and_due_soon_yellow_show_under_the_theme(qtbot, request):
    """qt-material's item rule hides a model's background colours unless the table paints them."""
    from PySide6.QtWidgets import QApplication

    from ui.look import apply_look

    app = QApplication.instance()
    plain_style, plain_font = app.styleSheet(), app.font()
    apply_look(app)
    request.addfinalizer(lambda: (app.setStyleSheet(plain_style), app.setFont(plain_font)))  # later tests: unthemed
    page = InboxPage()
    qtbot.addWidget(page)
    row = InboxRow(
        case_id="c1",
        case_no="QS1",
        matter="食品经营许可",
        applicant="张三",
        accepted_on=date(2026, 3, 2),
        step="审核",
        promised_due=date(2026, 3, 5),
        statutory_due=date(2026, 3, 16),
        days_left=0,
        warning="",
        paused=False,
    )
    page.model.set_rows([replace(row, days_left=-2, warning="red"), replace(row, days_left=1, warning="yellow")])
    page.table.resize(900, 200)
    page.show()
    qtbot.waitExposed(page)
    image = page.table.viewport().grab().toImage()
    shown = [image.pixelColor(40, page.table.rowViewportPosition(r) + 4).name() for r in (0, 1)]
    assert shown == ["#ffcdd2", "#fff3c4"]


def test_an_extension_and_a_special_step_ask_their_text_then_send_it_for_the_case_shown(qtbot, monkeypatch):
    """延期, 启动 and 结束特殊环节 each ask one line of text and send it with the case shown; a
    cancelled question sends nothing."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QInputDialog

    sent = []

    class Client:
        def inbox(self):
            return []

        def extend(self, case_id, days, reason):
            sent.append(("延期", case_id, days, reason))
            return SimpleNamespace(notice_id=None)

        def start_special_step(self, case_id, step_def_id, people):
            sent.append(("启动", case_id, step_def_id, people))
            return SimpleNamespace(notice_id=None)

        def end_special_step(self, case_id, outcome):
            sent.append(("结束", case_id, outcome))
            return SimpleNamespace(notice_id=None)

    answers = iter(["需补充检验报告", None, "孙丽、周强", "核查合格"])
    asked = []
    monkeypatch.setattr(
        "ui.approval.controller.ask_text", lambda _parent, title, label: (asked.append(title), next(answers))[1]
    )
    monkeypatch.setattr(QInputDialog, "getInt", lambda *_args: (5, True))
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, labels, *_args: (labels[0], True))
    page = InboxPage()
    qtbot.addWidget(page)
    controller = InboxController(page, Client(), SimpleNamespace(), None)
    shown = SimpleNamespace(
        case_id="c1", case_no="QS1", registered_steps=[SimpleNamespace(id="d1", kind="现场核查", limit_days=10)]
    )

    def act(action, said: str) -> None:
        controller.view = shown  # a sent action reloads the inbox, which here is empty
        action()
        qtbot.waitUntil(lambda: page.message.text() == said, timeout=5000)

    act(controller.extend, "QS1：已延期 5 个工作日")
    controller.view = shown
    controller.extend()  # the reason is cancelled: nothing goes
    act(controller.start_step, "QS1：已启动特殊环节，计时暂停")
    act(controller.end_step, "QS1：特殊环节已结束，恢复计时")
    assert asked == ["延期", "延期", "启动特殊环节", "结束特殊环节"]
    assert sent == [("延期", "c1", 5, "需补充检验报告"), ("启动", "c1", "d1", "孙丽、周强"), ("结束", "c1", "核查合格")]


def test_a_greyed_action_says_why_in_its_tooltip(qtbot, monkeypatch):
    from types import SimpleNamespace

    monkeypatch.setattr("ui.approval.inbox_page.case_html", lambda _view: "")
    page = InboxPage()
    qtbot.addWidget(page)
    open_case = {
        "decision": None,
        "stranded": None,
        "special_steps": (),
        "extension": SimpleNamespace(days=0),
        "registered_steps": (SimpleNamespace(id="d1"),),
        "decides": True,
        "notices": (),
    }

    def shown(**changed) -> dict[str, str]:
        """Each greyed action's tooltip; an enabled one says nothing."""
        page.show_case(SimpleNamespace(**{**open_case, **changed}))
        buttons = {"同意": page.agree, "延期": page.extend, "启动": page.start_step, "结束": page.end_step}
        assert all(b.isEnabled() == (b.toolTip() == "") for b in buttons.values())
        return {name: b.toolTip() for name, b in buttons.items() if not b.isEnabled()}

    assert shown() == {"结束": "没有进行中的特殊环节。"}
    assert shown(extension=SimpleNamespace(days=5)) == {
        "延期": "本件已延期 5 个工作日，依法只能延期一次。",
        "结束": "没有进行中的特殊环节。",
    }
    assert shown(special_steps=(SimpleNamespace(ended_on=None),)) == {
        "同意": "特殊环节进行中，结束后方可继续审批。",
        "启动": "已有特殊环节在进行中。",
    }
    assert shown(registered_steps=())["启动"] == "本事项的办事指南未登记特殊环节。"
    assert set(shown(decision="准予").values()) == {"该办件已作出决定。"}
    page.show_case(None)
    assert page.extend.toolTip() == "请先在左侧选择办件。"
