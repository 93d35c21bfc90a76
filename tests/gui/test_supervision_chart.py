"""The signals chart: departments by their red, then yellow, cards; explained signals left out;
a click on a bar names its department."""

from datetime import datetime

from PySide6.QtCore import Qt

from app.supervision.dto import SignalRow
from app.supervision.rules import Level, SignalKind
from ui.supervision.chart import WHOLE_HALL, SignalsChart, by_department


def row(department: str, level: Level, explained: bool = False) -> SignalRow:
    at = datetime(2026, 3, 2, 9)
    kind = SignalKind.OVERDUE
    return SignalRow("x", kind, level, department, "", "", at, at, "", [], explained, "", "", None)


ROWS = [
    row("市场监管局", Level.YELLOW),
    row("市场监管局", Level.YELLOW),
    row("自然资源局", Level.RED),
    row("自然资源局", Level.RED, explained=True),  # explained: out of the picture
    row("", Level.RED),
    row("人社局", Level.YELLOW, explained=True),
]


def test_departments_are_ranked_by_red_then_yellow_and_explained_signals_leave_the_counts():
    assert by_department(ROWS) == [(WHOLE_HALL, 1, 0), ("自然资源局", 1, 0), ("市场监管局", 0, 2)]
    assert by_department(ROWS, most=1) == [(WHOLE_HALL, 1, 0)]


def test_counts_are_whole_numbers_and_an_empty_chart_is_not_shown(qtbot):
    chart = SignalsChart()
    qtbot.addWidget(chart)
    chart.show()
    chart.show_rows(ROWS)
    (counts,) = [a for a in chart.chart().axes() if a.orientation() == Qt.Orientation.Horizontal]
    assert (counts.min(), counts.max(), counts.tickCount()) == (0, 2, 3)  # 0, 1, 2: no 0.5 printed as 0
    assert chart.isVisible()
    chart.show_rows([row("市场监管局", Level.RED, explained=True)])
    assert not chart.isVisible()


def test_a_click_on_a_bar_names_its_department(qtbot):
    chart = SignalsChart()
    qtbot.addWidget(chart)
    chart.show_rows(ROWS)
    series = chart.chart().series()[0]
    assert [list(s.at(i) for i in range(s.count())) for s in series.barSets()] == [[0.0, 1.0, 1.0], [2.0, 0.0, 0.0]]
    with qtbot.waitSignal(chart.department_chosen) as chosen:
        series.clicked.emit(0, series.barSets()[1])  # the lowest bar: the last in rank
    assert chosen.args == ["市场监管局"]
    with qtbot.waitSignal(chart.department_chosen) as chosen:
        series.clicked.emit(2, series.barSets()[0])
    assert chosen.args == [""]  # the whole hall
