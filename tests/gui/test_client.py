"""The client as a user drives it (offscreen): login, role-based navigation, catalog, print, edit."""

import pytest
from PySide6.QtCore import Qt

from app.auth import login
from app.demo import DEMO_PASSWORD
from ui.catalog.editor import GuideEditor
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow


@pytest.fixture
def window_for(qtbot, demo_ctx):
    def make(staff_no: str) -> MainWindow:
        actor = login(demo_ctx.store, demo_ctx.workstation_id, staff_no, DEMO_PASSWORD)
        window = MainWindow(demo_ctx, actor)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def nav_texts(w: MainWindow) -> list[str]:
    """The pages the window's navigation offers, top to bottom."""
    return [w.nav.item(i).text() for i in range(w.nav.count())]


def test_login_dialog_shows_the_error_then_logs_in(qtbot, demo_ctx):
    dialog = LoginDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.staff_no, "C001")
    qtbot.keyClicks(dialog.password, "wrong")
    dialog.try_login()
    assert dialog.error.isVisibleTo(dialog) and "工号或密码不正确" in dialog.error.text()
    assert dialog.actor is None
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.name == "李娜"


def test_clerk_sees_window_tools_but_no_catalog_editing_or_audit(window_for):
    w = window_for("C001")
    assert nav_texts(w) == ["综合受理", "待办提醒", "结果送达", "预约服务", "事项目录"]
    view = w.catalog_view
    assert not view.edit_button.isVisible() and not view.import_button.isVisible()
    assert "李娜（C001）" in w.staff_label.text() and "1 号窗口" in w.window_label.text()
    assert "工作站" in w.workstation_label.text() and "连接" in w.connection_label.text()
    assert w.queue is not None and "1 号窗口" in w.queue_panel.title.text()  # the calling bar


def test_a_supervisor_starts_at_supervision_and_reads_dossiers(window_for):
    w = window_for("J001")
    assert nav_texts(w) == ["事项目录", "卷宗", "电子监察"]
    assert w.nav.currentItem().text() == "电子监察" and w.pages.currentWidget() is w.supervision_page


def test_manager_finds_gtgsh_prints_and_edits(qtbot, window_for):
    w = window_for("M001")
    assert nav_texts(w) == [
        "事项目录",
        "卷宗",
        "帮办代办",
        "预约服务",
        "大厅运行",
        "授权书",
        "大厅设置",
        "人员管理",
        "审计日志",
        "电子监察",  # issue 15: managers supervise too
    ]
    view, controller = w.catalog_view, w.catalog
    qtbot.keyClicks(view.search, "gtgsh")
    assert controller.model.rows[0].name == "个体工商户设立登记"
    assert "个体工商户设立登记" in view.guide.toPlainText() and "设定依据" in view.guide.toPlainText()
    assert view.edit_button.isVisible() and view.edit_button.isEnabled()

    controller.preview_enabled = False
    with qtbot.waitSignal(controller.pdf_ready, timeout=20000) as blocker:
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].startswith(b"%PDF") and b"WenQuanYiMicroHei" in blocker.args[0]

    editor = GuideEditor(controller.service, w.actor, controller.service.departments(), controller.current)
    qtbot.addWidget(editor)
    editor.fees.setText("免费办理")
    editor.reason.setText("统一收费表述")
    editor.save()
    assert editor.saved is not None and editor.saved.version.version_no == 2
    controller.show_guide(editor.saved)
    assert view.versions.count() == 2 and "（现行）" in view.versions.itemText(0)
    assert "免费办理" in view.guide.toPlainText()
    controller.show_version(1)
    assert "历史版本" in view.guide.toPlainText() and "免费办理" not in view.guide.toPlainText()

    w.nav.setCurrentRow(w.pages.indexOf(w.audit_page))
    top = w.audit_page.model.rows[0]
    assert top.action == "matter.guide_versioned" and top.reason == "统一收费表述"


def test_editor_shows_each_error_beside_its_field(qtbot, window_for):
    w = window_for("M001")
    qtbot.keyClicks(w.catalog_view.search, "gtgsh")
    editor = GuideEditor(w.catalog.service, w.actor, w.catalog.service.departments(), w.catalog.current)
    qtbot.addWidget(editor)
    editor.legal_basis.setPlainText("")
    editor.promised.setValue(300)
    editor.save()
    assert editor.saved is None
    assert editor.errors["legal_basis"].isVisibleTo(editor) and "不能为空" in editor.errors["legal_basis"].text()
    assert "不能长于法定时限" in editor.errors["promised_limit_days"].text()
    assert "修改原因" in editor.errors["reason"].text()
    assert "处需要修改" in editor.summary.text()


def test_keyboard_ctrl_f_focuses_search_and_enter_opens_first(qtbot, window_for):
    w = window_for("C001")
    with qtbot.waitActive(w):
        w.activateWindow()
    w.catalog_view.results.setFocus()
    qtbot.keyClick(w.catalog_view.results, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.catalog_view.search.hasFocus()
    qtbot.keyClicks(w.catalog_view.search, "csyxzm")
    qtbot.keyClick(w.catalog_view.search, Qt.Key.Key_Return)
    assert w.catalog_view.results.hasFocus()
    assert "出生医学证明" in w.catalog_view.guide.toPlainText()


def test_audit_page_shows_the_halls_time_and_chinese_action_names(qtbot, window_for, monkeypatch):
    import time
    from datetime import timedelta

    monkeypatch.setenv("TZ", "Asia/Shanghai")  # the hall's clock, 8 hours ahead of the log's UTC
    time.tzset()
    try:
        w = window_for("M001")
        w.nav.setCurrentRow(w.pages.indexOf(w.audit_page))
        model = w.audit_page.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert "UTC" not in "".join(headers)
        login_row = model.rows[0]  # M001's login, just now
        cells = model.cells(login_row)
        assert cells[1] == f"{login_row.at + timedelta(hours=8):%Y-%m-%d %H:%M:%S}"
        assert cells[3] == "登录" and cells[4].startswith("人员 ")
        shown = {model.cells(r)[3] for r in model.rows}
        assert not any(name.isascii() or "." in name for name in shown), shown
    finally:
        monkeypatch.undo()
        time.tzset()
