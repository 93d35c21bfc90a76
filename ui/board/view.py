"""The display board (叫号屏): the current call at each window, the recent calls, the waiting
count per category and the tidal windows. Names arrive masked from the center (张*)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

DARK = "background: #0d1b2a; color: #f1f5f9;"


class BoardView(QWidget):
    def __init__(self, hall_name: str):
        super().__init__()
        self.setStyleSheet(DARK)
        title = QLabel(f"{hall_name} · 叫号信息")
        title.setStyleSheet("font-size: 40px; font-weight: bold; color: #fbbf24;")
        self.clock = QLabel("")
        self.clock.setStyleSheet("font-size: 28px;")
        self.mute = QPushButton("静音（M）")
        self.mute.setCheckable(True)
        self.mute.setStyleSheet("font-size: 18px; color: #0d1b2a; background: #e2e8f0;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(self.clock)
        top.addWidget(self.mute)

        self.banner = QLabel("")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet("font-size: 56px; font-weight: bold; color: #fde047;")
        self.calls = QGridLayout()
        self.recent = QLabel("")
        self.recent.setStyleSheet("font-size: 26px;")
        self.recent.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.waiting = QLabel("")
        self.waiting.setStyleSheet("font-size: 26px;")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = QLabel("")
        self.status.setStyleSheet("font-size: 22px; color: #f87171;")

        side = QVBoxLayout()
        side.addWidget(self._heading("最近呼叫"))
        side.addWidget(self.recent)
        side.addWidget(self._heading("等候人数"))
        side.addWidget(self.waiting)
        side.addStretch()
        body = QHBoxLayout()
        grid_box = QVBoxLayout()
        grid_box.addWidget(self._heading("窗口　　号码　　申请人"))
        grid_box.addLayout(self.calls)
        grid_box.addStretch()
        body.addLayout(grid_box, 3)
        body.addSpacing(40)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 20)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-size: 26px; color: #94a3b8; border-bottom: 1px solid #334155;")
        return label

    def show_board(self, board: dict) -> None:
        while self.calls.count():
            self.calls.takeAt(0).widget().deleteLater()
        tidal = {t["window_no"]: t["category_code"] for t in board["tidal"]}
        for row, w in enumerate(board["windows"]):
            mark = f"（潮汐·{tidal[w['window_no']]}）" if w["window_no"] in tidal else ""
            for col, text in enumerate([f"{w['window_no']} 号窗口{mark}", w["label"], w["name"] or ""]):
                cell = QLabel(text)
                cell.setStyleSheet("font-size: 36px; color: #fde047;" if col == 1 else "font-size: 32px;")
                self.calls.addWidget(cell, row, col)
        self.recent.setText("<br>".join(f"{c['label']} → {c['window_no']} 号窗口" for c in board["recent"]) or "暂无")
        waiting = [f"{c['code']} {c['name']}：{c['waiting']} 人" for c in board["waiting"]]
        if tidal:
            waiting.append("潮汐窗口：" + "、".join(f"{n} 号（{code}类）" for n, code in sorted(tidal.items())))
        self.waiting.setText("<br>".join(waiting))
        self.clock.setText(board["at"][11:16])
        self.status.setText("")

    def announce(self, call: dict) -> None:
        self.banner.setText(f"请 {call['label']} 号到 {call['window_no']} 号窗口办理")

    def offline(self, text: str) -> None:
        self.status.setText(text)
