"""The 电子监察 page (layout; supervisors and managers), in three tabs: 监察信号, the signals the
center's sweep found, red and yellow, each with the facts behind it, a false alarm explained with
a reason and a red one taken up into the ledger; 问题台账 (ledger_tab.py), the problems kept to
their close; and 自查自纠 (self_check_tab.py), the nine-item scorecard and the report. What the
buttons do is in controller.py, ledger_controller.py and self_check_controller.py."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor, Role
from app.dossier.client import DossierClient
from app.dossier.dto import Dossiers
from app.supervision.client import SignalClient
from app.supervision.dto import Signals
from app.supervision.ledger_client import LedgerClient
from app.supervision.ledger_dto import Ledger
from app.supervision.self_check_client import SelfCheckClient
from app.supervision.self_check_dto import SelfCheck
from ui.message import tell
from ui.page import Clients, Page
from ui.supervision.case_file import CaseFileOpener
from ui.supervision.chart import SignalsChart
from ui.supervision.controller import SupervisionController
from ui.supervision.ledger_tab import LedgerTab
from ui.supervision.model import SignalsModel
from ui.supervision.self_check_tab import SelfCheckTab
from ui.widgets import column_layout, keyed_button, over_detail, rows_table, wrapped_label, wrapping_bar

NOTE = (
    "中心按监察规则巡查全部办件：超时、环节超时、受理后短时间内办结、集中补录、现场无取号、非工作时间或大厅外办理、"
    "同一人办理分离环节、一次性告知未落实、清单外材料和特别程序、应进未进。红牌须核查；确属误报的，写明理由后排除，"
    "排除记录保留备查，不计入红黄牌数；属实的，列入问题台账限期整改。"
)


class SupervisionPage(Page):
    def __init__(
        self,
        signals: Signals,
        ledger: Ledger,
        self_check: SelfCheck,
        actor: Actor,
        parent=None,
        dossiers: Dossiers | None = None,  # opens a signal's case; without it, no 查看卷宗
    ):
        super().__init__(parent)
        self.model = SignalsModel(self)
        self.table = rows_table(self.model)
        self.sweep_button = keyed_button("重新巡查", "F5")
        # Not Ctrl+E: a manager's 编辑事项 in the main window.
        self.explain_button = keyed_button("排除误报…", "Ctrl+R")
        # Not Ctrl+L: the main window's 注销.
        self.take_up_button = keyed_button("列入台账…", "Ctrl+T")
        self.dossiers = dossiers  # also names the matter of a signal's case in a ledger draft
        self.case_file = CaseFileOpener(dossiers, self) if dossiers is not None else None
        self.dossier_button = keyed_button("查看卷宗", "Ctrl+O")
        self.dossier_button.setVisible(self.case_file is not None)
        # A manager's only: the minutes of 提前办结异常 per matter. Not Ctrl+L: the main window's 注销.
        self.too_fast_button = keyed_button("提前办结时限…", "Ctrl+M")
        self.too_fast_button.setVisible(actor.has(Role.MANAGER))
        self.show_explained = QCheckBox("显示已排除")
        self.show_explained.setChecked(True)
        self.counts = QLabel("")
        self.chart = SignalsChart()
        self.all_departments = QPushButton("显示全部部门")  # shown while the chart's choice filters the table
        self.all_departments.hide()
        self.message = wrapped_label()
        self.evidence = QTextBrowser()
        self.evidence.setPlaceholderText("选中一条信号，查看它的依据。")
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(self.evidence)
        below.addWidget(self.chart)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        bar = wrapping_bar(
            self.sweep_button,
            self.explain_button,
            self.take_up_button,
            self.dossier_button,
            self.too_fast_button,
            self.show_explained,
            self.all_departments,
            self.counts,
        )
        signals_tab = QWidget()
        column_layout(signals_tab, wrapped_label(NOTE), bar, self.message, fill=over_detail(self.table, below))
        self.ledger_tab = LedgerTab(ledger, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(signals_tab, "监察信号")
        self.tabs.addTab(self.ledger_tab, "问题台账")
        self.self_check_tab = SelfCheckTab(self_check, ledger.departments, actor)
        self.tabs.addTab(self.self_check_tab, "自查自纠")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.controller = SupervisionController(self, signals, actor)
        self.ledger_tab.controller.message.connect(self.controller.message)
        self.self_check_tab.controller.message.connect(self.controller.message)
        self.controller.message.connect(self.said)
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())

    def refresh(self) -> None:
        """Called by the main window whenever the page is shown: the sweep, and the ledger; the
        scorecard (every department's facts gathered) only when its tab is the one shown."""
        self.controller.refresh()
        self.ledger_tab.refresh()
        if self.tabs.currentWidget() is self.self_check_tab:
            self.self_check_tab.refresh()

    def _tab_shown(self) -> None:
        """The scorecard loads the first time its tab is shown; F5 reloads it after."""
        tab = self.self_check_tab
        if self.tabs.currentWidget() is tab and tab.controller.card is None and not tab.controller.loading:
            tab.refresh()

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)


def build(clients: Clients, actor: Actor) -> SupervisionPage:
    """电子监察 (supervisors and managers): signals, the problem ledger and the self-inspection."""
    return SupervisionPage(
        clients.center(SignalClient),
        clients.center(LedgerClient),
        clients.center(SelfCheckClient),
        actor,
        dossiers=clients.center(DossierClient),
    )
