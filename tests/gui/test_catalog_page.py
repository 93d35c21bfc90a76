"""Finding matters as a clerk reads them: names that tell matters apart in both finders, the
catalog browsed by department, and Ctrl+P printing the guide of the matter on the page shown."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QTableView

from tests.pdf_reading import page_count, text

AT_125 = QSize(1092 - 8, 614 - 32 - 30)  # a maximised window on 1366×768 at 125 % (see test_screen_sizes)
SAME_START = "国有建设用地使用权及房屋所有权"  # two matters whose names share these 15 characters


def ink(table: QTableView, row: int) -> bytes:
    """The name cell as seen: which pixels are text, whatever the row's background."""
    table.selectionModel().clear()
    image = table.viewport().grab(table.visualRect(table.model().index(row, 0))).toImage()
    ground = image.pixelColor(1, 1).lightness()
    return bytes(
        image.pixelColor(x, y).lightness() < ground - 60 for y in range(image.height()) for x in range(image.width())
    )


def assert_told_apart(table: QTableView) -> None:
    model = table.model()
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data().startswith(SAME_START)]
    assert len(rows) == 2
    first, second = rows
    assert ink(table, first) != ink(table, second), "both names read the same"
    for row in rows:  # the whole name, whatever is shown
        assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == model.index(row, 0).data()


def test_acceptance_finder_tells_matters_with_a_long_common_start_apart(qtbot, themed_window):
    window = themed_window("C001")
    window.resize(AT_125)
    view = window.acceptance_view
    view.find_box.setText(SAME_START)  # Chinese arrives from the input method in one commit
    qtbot.wait(50)
    assert_told_apart(view.hits)


def test_catalog_tells_matters_with_a_long_common_start_apart(qtbot, themed_window):
    window = themed_window("C001")
    window.resize(AT_125)
    window.nav.setCurrentRow(window.pages.indexOf(window.catalog_view))
    window.catalog_view.search.setText(SAME_START)
    qtbot.wait(50)
    assert_told_apart(window.catalog_view.results)


def test_choosing_a_department_lists_its_matters(qtbot, themed_window, demo_ctx):
    window = themed_window("C001")
    view, rows = window.catalog_view, lambda: window.catalog.model.rows
    assert rows() == []  # nothing typed, no department: the hint, as before
    view.department.setCurrentIndex(view.department.findData("SCJG"))
    listed = [h.name for h in rows()]
    assert "个体工商户设立登记" in listed and "个体工商户变更登记" in listed and "食品经营许可（新办）" in listed
    assert {h.department for h in rows()} == {"市场监管局"}
    assert len(rows()) == len(demo_ctx.catalog.browse("SCJG"))
    assert f"共 {len(rows())} 项" in view.count.text()
    assert "个体工商户设立登记" in view.guide.toPlainText()  # the first one opens, as a search hit does
    qtbot.keyClicks(view.search, "dj")  # 登记: only this department's
    assert rows() and all(h.department == "市场监管局" for h in rows())
    view.department.setCurrentIndex(0)  # 全部部门 again: the whole catalog is searched
    assert any(h.department != "市场监管局" for h in rows())


def print_with_ctrl_p(qtbot, window) -> bytes:
    with qtbot.waitSignal(window.catalog.pdf_ready, timeout=20000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    return blocker.args[0]


def test_ctrl_p_prints_the_guide_of_the_matter_on_the_page_shown(qtbot, themed_window):
    window = themed_window("C001")
    catalog, acceptance = window.catalog_view, window.acceptance_view
    qtbot.keyClicks(acceptance.find_box, "spjyxk")
    qtbot.keyClick(acceptance.find_box, Qt.Key.Key_Return)  # being accepted: 食品经营许可（新办）
    window.nav.setCurrentRow(window.pages.indexOf(catalog))
    qtbot.keyClicks(catalog.search, "gtgsh")  # selected in the catalog: 个体工商户设立登记
    assert window.catalog.current.guide.name == "个体工商户设立登记"

    window.nav.setCurrentRow(window.pages.indexOf(acceptance))
    printed = text(print_with_ctrl_p(qtbot, window))
    assert "食品经营许可（新办）" in printed and "个体工商户设立登记" not in printed

    window.nav.setCurrentRow(window.pages.indexOf(catalog))
    printed = text(print_with_ctrl_p(qtbot, window))
    assert "个体工商户设立登记" in printed and "食品经营许可" not in printed


def test_ctrl_p_on_a_bundle_prints_each_of_its_matters(qtbot, themed_window, demo_ctx):
    window = themed_window("C001")
    view = window.acceptance_view
    view.find_box.setText("企业开办一件事")
    row = next(r for r, hit in enumerate(window.acceptance.hits.rows) if hit.kind == "bundle")
    window.acceptance.pick(row)
    bundle = demo_ctx.catalog.bundle(window.acceptance.prepared.bundle_id)
    pdf = print_with_ctrl_p(qtbot, window)
    printed = text(pdf)
    assert all(mg.guide.name in printed for mg in bundle.matters)
    assert page_count(pdf) >= len(bundle.matters)
