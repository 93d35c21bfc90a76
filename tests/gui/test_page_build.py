"""Every page of the main window is built one way: its feature's `build(clients, actor)` returns a
`Page`, whose `said` reaches the status bar and whose `refresh` runs each time it is shown."""

import ast
import inspect
from pathlib import Path

import pytest

import ui.main_window
from tests.helpers import person
from ui.main_window import MainWindow
from ui.page import Clients, Page

ROOT = Path(__file__).resolve().parents[2]


def _added_pages(tree: ast.Module) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_add_page"
    ]


def test_the_main_window_adds_only_pages_its_features_build_from_clients_and_actor():
    tree = ast.parse(Path(inspect.getfile(ui.main_window)).read_text(encoding="utf-8"))
    calls = _added_pages(tree)
    assert len(calls) >= 14  # every page of every role
    for call in calls:
        page = call.args[1]
        assert isinstance(page, ast.Call), ast.unparse(call)
        assert isinstance(page.func, ast.Attribute) and page.func.attr == "build", ast.unparse(call)
        assert [ast.unparse(arg) for arg in page.args] in (["clients", "actor"], ["clients", "self.actor"]), (
            ast.unparse(call)
        )


def test_every_build_takes_clients_and_the_actor_and_returns_a_page():
    builds = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "build":
                builds.append(path.relative_to(ROOT).as_posix())
                assert [a.arg for a in node.args.args] == ["clients", "actor"], path
                assert ast.unparse(node.args.args[0].annotation) == "Clients", path
                assert ast.unparse(node.args.args[1].annotation) == "Actor", path
    assert len(builds) == 14, builds


@pytest.fixture
def window(qtbot, demo_ctx) -> MainWindow:
    """A manager's: the role with the most pages."""
    window = MainWindow(demo_ctx, person(demo_ctx, "M001"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_managers_pages_are_pages_that_speak_to_the_status_bar(window):
    assert isinstance(window.clients, Clients)
    pages = [window.pages.widget(i) for i in range(window.pages.count())]
    assert pages and all(isinstance(page, Page) for page in pages)
    window.dossier_page.controller.message.emit("卷宗已导出")
    assert window.statusBar().currentMessage() == "卷宗已导出"
    window.settings_page.said.emit("大厅设置已保存")
    assert window.statusBar().currentMessage() == "大厅设置已保存"


def test_a_page_is_refreshed_each_time_it_is_shown(window, monkeypatch):
    shown: list[Page] = []
    monkeypatch.setattr(type(window.audit_page), "refresh", lambda page: shown.append(page))
    window.nav.setCurrentRow(window.pages.indexOf(window.audit_page))
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(window.pages.indexOf(window.audit_page))
    assert shown == [window.audit_page, window.audit_page]
