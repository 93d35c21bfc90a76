"""The guide editor offers the base review modes only and shows 特别程序 once special steps are
registered; a base mode with steps saves as it is."""

import pytest

from app.auth import login
from app.catalog.guide import ReviewMode
from app.demo import DEMO_PASSWORD
from ui.catalog.editor import GuideEditor


def _editor(qtbot, demo_ctx) -> GuideEditor:
    """A manager's editor of 食品生产许可, whose guide registers a 现场勘验."""
    manager = login(demo_ctx.store, demo_ctx.workstation_id, "M001", DEMO_PASSWORD)
    catalog = demo_ctx.catalog
    hit = next(h for h in catalog.search("食品生产许可") if h.kind == "matter")
    editor = GuideEditor(catalog, manager, catalog.departments(), catalog.guide(hit.id))
    qtbot.addWidget(editor)
    return editor


def test_editor_offers_base_modes_and_shows_special_procedure_with_steps(qtbot, demo_ctx):
    editor = _editor(qtbot, demo_ctx)
    modes = [editor.review_mode.itemText(i) for i in range(editor.review_mode.count())]
    assert modes == ["审核合一", "一审一核", "一审两核"]
    assert editor.review_mode.currentText() == "一审一核"
    assert editor.shown_as.text() == "显示为：一审一核（特别程序：现场勘验）"

    editor.review_mode.setCurrentText("一审两核")  # a reviewer more, the inspection kept
    assert editor.shown_as.text() == "显示为：一审两核（特别程序：现场勘验）"
    editor.reason.setText("增加复核环节")
    editor.save()
    assert editor.saved is not None
    assert editor.saved.guide.review_mode == ReviewMode.THREE_PERSON
    assert [s.kind for s in editor.saved.guide.special_steps] == ["现场勘验"]

    editor.steps.remove(0)
    assert editor.shown_as.text() == "登记特殊环节后显示为“特别程序”"


def test_a_material_added_and_edited_in_the_table_is_in_the_guide(qtbot, demo_ctx):
    from PySide6.QtCore import Qt

    from app.catalog.guide import MaterialSpec

    editor = _editor(qtbot, demo_ctx)
    before = editor.guide().materials
    model = editor.materials
    row = model.add()
    column = {c.key: i for i, c in enumerate(model.columns)}

    def edit(key: str, value, role=Qt.ItemDataRole.EditRole) -> bool:
        return model.setData(model.index(row, column[key]), value, role)

    assert edit("name", "  营业执照副本 ") and edit("copies", "2") and not edit("copies", "两")
    assert edit("common_errors", "过期;未盖章；") and edit("condition", " ")
    assert edit("required", Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(model.index(row, column["common_errors"])) == "过期；未盖章"
    assert editor.guide().materials == (
        *before,
        MaterialSpec(name="营业执照副本", form="原件", copies=2, required=False, common_errors=("过期", "未盖章")),
    )


def test_a_material_added_is_the_current_row_so_tab_moves_along_it(qtbot, demo_ctx):
    """Left current on row 1, Tab from the new row's name went to row 1's 形式 and 份数."""
    from PySide6.QtWidgets import QPushButton, QTableView

    editor = _editor(qtbot, demo_ctx)
    table = next(t for t in editor.findChildren(QTableView) if t.model() is editor.materials)
    add = next(b for b in editor.findChildren(QPushButton) if b.text() == "添加材料")
    table.setCurrentIndex(editor.materials.index(0, 0))
    add.click()
    assert table.currentIndex().row() == editor.materials.rowCount() - 1
    assert table.currentIndex().column() == 0


def test_cancel_throws_edits_away_only_once_confirmed(qtbot, demo_ctx):
    untouched = _editor(qtbot, demo_ctx)
    untouched.ask_discard = lambda: pytest.fail("nothing was changed: nothing to confirm")
    untouched.show()
    untouched.reject()
    assert not untouched.isVisible()

    edited = _editor(qtbot, demo_ctx)
    answers = [False, True]  # 继续编辑, then 放弃修改
    edited.ask_discard = lambda: answers.pop(0)
    edited.show()
    edited.fees.setText("免费")
    edited.reject()
    assert edited.isVisible() and edited.fees.text() == "免费"
    edited.reject()
    assert not edited.isVisible() and answers == []


def test_a_material_cell_shows_whole_in_its_tooltip(qtbot, demo_ctx):
    from PySide6.QtCore import Qt

    editor = _editor(qtbot, demo_ctx)
    first = editor.guide().materials[0]
    name = editor.materials.index(0, [c.key for c in editor.materials.columns].index("name"))
    assert editor.materials.data(name, Qt.ItemDataRole.ToolTipRole) == first.name
