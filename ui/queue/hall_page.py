"""The manager's hall page: today's queue figures (with Excel export), tidal window suggestions
to confirm with one click and the day's tidal log, and the rectification items bad ratings opened."""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QWidget,
)

from app.actor import Actor
from app.queue.client import QueueClient
from app.queue.dto import DayStats, Rectification, TidalKind, TidalMode, TidalPicture
from app.queue.stats_excel import write_stats
from ui.background import run_in_background
from ui.file_paths import ask_save_path
from ui.page import Clients, Page
from ui.palette import ALERT
from ui.queue.hall_models import RectificationModel, StatsModel, TidalModel
from ui.widgets import column_layout, keyed_button, rows_table, wrapped_label

MODES = [(TidalMode.SUGGEST, "建议（管理员确认）"), (TidalMode.AUTO, "自动")]


class HallPage(Page):
    def __init__(self, client: QueueClient, actor: Actor, parent=None):
        super().__init__(parent)
        self.client, self.actor = client, actor
        self.stats: DayStats | None = None
        self.refresh_button = keyed_button("刷新", "F5")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.clicked.connect(self.export)
        self.summary = wrapped_label()
        self.by_category, self.by_window, self.by_hour = StatsModel("{}类"), StatsModel("{}号窗口"), StatsModel("{}时")
        tabs = QTabWidget()
        for model, title in ((self.by_category, "按类别"), (self.by_window, "按窗口"), (self.by_hour, "按时段")):
            tabs.addTab(rows_table(model), title)

        self.mode = QComboBox()
        for key, text in MODES:
            self.mode.addItem(text, key)
        self.mode.activated.connect(self.change_mode)
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(90)
        self.confirm_button = QPushButton("确认执行所选建议")
        self.confirm_button.clicked.connect(self.confirm)
        self.tidal = TidalModel(self)
        self.rectifications = RectificationModel(self)
        self.message = QLabel("")
        self.message.setStyleSheet(f"color: {ALERT};")

        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addStretch()
        bar.addWidget(QLabel("潮汐窗口模式："))
        bar.addWidget(self.mode)
        tidal_bar = QHBoxLayout()
        tidal_bar.addWidget(self.suggestions, 1)
        tidal_bar.addWidget(self.confirm_button)
        tidal_page = QWidget()
        column_layout(
            tidal_page,
            QLabel("<b>潮汐窗口建议</b>"),
            tidal_bar,
            QLabel("<b>今日潮汐窗口记录</b>"),
            fill=rows_table(self.tidal),
        )
        # One part at a time, each with the page's height: stacked, the four tables showed no row
        # at all on a 1366×768 screen at 125 %.
        self.parts = QTabWidget()
        self.parts.addTab(tabs, "当日统计")
        self.parts.addTab(tidal_page, "潮汐窗口")
        self.parts.addTab(rows_table(self.rectifications), "差评整改")
        column_layout(self, bar, self.message, self.summary, fill=self.parts)

    def refresh(self) -> None:
        def work() -> tuple[DayStats, TidalPicture, list[Rectification]]:
            return self.client.stats(), self.client.tidal(), self.client.rectifications()

        run_in_background(work, self._show, lambda exc: self.message.setText(str(exc)))

    def _show(self, result) -> None:
        stats, tidal, rectifications = result
        self.stats = stats
        self.message.setText("")
        t, r = stats.total, stats.ratings
        active = "—" if r.active_rate is None else f"{r.active_rate:.0%}"
        self.summary.setText(
            f"{stats.day}：取号 {t.issued}，办结 {t.served}，过号 {t.no_show}，"
            f"平均等候 {t.avg_wait_min or '—'} 分钟，平均办理 {t.avg_service_min or '—'} 分钟；"
            f"潮汐窗口 {stats.tidal_hours} 小时；评价 {r.count} 条，平均 {r.average or '—'}，"
            f"主动评价率 {active}；无号服务 {stats.walk_ins} 次。"
        )
        self.by_category.set_rows(stats.by_category)
        self.by_window.set_rows(stats.by_window)
        self.by_hour.set_rows(stats.by_hour)
        self.suggestions.clear()
        for s in tidal.suggestions:
            verb = "开启" if s.kind == TidalKind.OPEN else "关闭"
            item = QListWidgetItem(f"{verb} {s.window_no} 号窗口（{s.category_code}类）：{s.reason}")
            item.setData(256, s)
            self.suggestions.addItem(item)
        if tidal.suggestions:
            self.suggestions.setCurrentRow(0)
        self.confirm_button.setEnabled(bool(tidal.suggestions))
        self.tidal.set_rows(tidal.log)
        self.rectifications.set_rows(rectifications)
        self.parts.setTabText(1, f"潮汐窗口（{len(tidal.suggestions)} 条建议）" if tidal.suggestions else "潮汐窗口")
        self.parts.setTabText(2, f"差评整改（{len(rectifications)}）")

    def confirm(self) -> None:
        item = self.suggestions.currentItem()
        if item is None:
            return
        s = item.data(256)

        def refused(exc: Exception) -> None:
            self.message.setText(str(exc))
            self.refresh()

        run_in_background(lambda: self.client.confirm_tidal(s), lambda _r: self.refresh(), refused)

    def change_mode(self, index: int) -> None:
        mode = self.mode.itemData(index)
        run_in_background(
            lambda: self.client.set_tidal_mode(mode),
            lambda _r: self.refresh(),
            lambda exc: self.message.setText(str(exc)),
        )

    def export(self) -> None:
        if self.stats is None:
            self.message.setText("请先刷新，取得当日统计。")
            return
        path = ask_save_path(self, "导出当日统计", f"大厅统计-{date.today()}.xlsx", "Excel (*.xlsx)")
        if path:
            try:
                write_stats(self.stats, Path(path))
            except OSError as exc:
                self.message.setText(f"无法写入文件：{exc}")


def build(clients: Clients, actor: Actor) -> HallPage:
    """大厅运行 (managers)."""
    return HallPage(clients.center(QueueClient), actor)
