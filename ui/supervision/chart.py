"""Signals per department as a picture (QtCharts): red and yellow cards stacked, the departments
with the most red first; explained signals leave it. Clicking a department's bar asks the page to
show that department's signals."""

from collections import Counter

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter

from app.supervision.dto import SignalRow
from app.supervision.rules import Level
from ui.palette import RED_CARD, YELLOW_CARD

WHOLE_HALL = "全中心"  # a signal of no one department (the hall's coverage, a person's burst)
CARD = {Level.RED: RED_CARD, Level.YELLOW: YELLOW_CARD}


def by_department(rows: list[SignalRow], most: int = 8) -> list[tuple[str, int, int]]:
    """(department, red, yellow) of the signals that count, the most red (then yellow) first;
    at most `most` departments, the rest left to the table."""
    red: Counter[str] = Counter()
    yellow: Counter[str] = Counter()
    for r in rows:
        if r.counts:
            (red if r.level is Level.RED else yellow)[r.department or WHOLE_HALL] += 1
    names = sorted(set(red) | set(yellow), key=lambda d: (-red[d], -yellow[d], d))
    return [(d, red[d], yellow[d]) for d in names[:most]]


class SignalsChart(QChartView):
    department_chosen = Signal(str)  # "" for the whole hall

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(140)
        self.bars: list[tuple[str, int, int]] = []
        self.show_rows([])

    def show_rows(self, rows: list[SignalRow]) -> None:
        self.bars = list(reversed(by_department(rows)))  # a horizontal chart draws its first category lowest
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        series = QHorizontalStackedBarSeries()
        for level, column in ((Level.RED, 1), (Level.YELLOW, 2)):
            bar_set = QBarSet(str(level))
            bar_set.setColor(QColor(CARD[level]))
            bar_set.append([float(b[column]) for b in self.bars])
            series.append(bar_set)
        series.clicked.connect(lambda index, _set: self._chosen(index))
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([b[0] for b in self.bars] or [""])
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        top = max([b[1] + b[2] for b in self.bars] or [1])
        counts.setRange(0, top)
        if top <= 10:
            counts.setTickCount(top + 1)  # whole numbers only: a count has no quarters
        else:
            counts.applyNiceNumbers()
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(counts)
        chart.setTitle("各部门红黄牌（未排除）")
        self.setChart(chart)
        self.setVisible(bool(self.bars))  # nothing to check: no empty frame

    def _chosen(self, index: int) -> None:
        if 0 <= index < len(self.bars):
            name = self.bars[index][0]
            self.department_chosen.emit("" if name == WHOLE_HALL else name)
