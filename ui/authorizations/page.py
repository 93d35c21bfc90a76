"""The 授权书 page (layout): the letters on file, the selected letter in full (every matter it
covers, its revocation) and the actions with their keys. What they do is in controller.py."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from app.actor import Actor, Role
from app.approval.client import ApprovalClient
from app.authorizations.client import AuthorizationClient
from app.authorizations.dto import AuthorizationRow, Authorizations
from ui.approval.stranded_panel import StrandedPanel
from ui.authorizations.controller import AuthorizationsController
from ui.authorizations.model import AuthorizationsModel
from ui.center_page import CenterPage
from ui.page import Clients
from ui.palette import ALERT
from ui.widgets import column_layout, keyed_button, rows_table


def letter_html(r: AuthorizationRow) -> str:
    revoked = (
        f"<p style='color:{ALERT}'>自 {r.revoked_on} 起终止。原因：{escape(r.revoked_reason)}</p>"
        if r.revoked_on
        else ""
    )
    matters = "".join(f"<li>{escape(code)}　{escape(name)}</li>" for code, name in r.matters)
    return (
        f"<h3>{escape(r.document_no)}</h3>"
        f"<p>授权部门：{escape(r.department)}<br>"
        f"被授权人：{escape(r.holder)}（{escape(r.holder_no)}）<br>"
        f"有效期：{r.valid_from} 至 {r.valid_to}<br>"
        f"状态：{escape(r.status)}<br>"
        f"扫描件：{escape(r.scan_name) or '未存档'}</p>{revoked}"
        f"<p><b>授权事项（{len(r.matters)} 项）</b></p><ol>{matters}</ol>"
    )


class AuthorizationsPage(CenterPage[AuthorizationsController]):
    def __init__(self, client: Authorizations, actor: Actor, stranded: StrandedPanel | None = None, parent=None):
        """stranded: the hall's cases nobody can take any more, shown above the letters (managers)."""
        super().__init__(parent)
        self.stranded = stranded
        # A chief may open the page to read their own letters; recording and revoking are the
        # manager's (the center checks the role again).
        self.manager = actor.has(Role.MANAGER)
        self.model = AuthorizationsModel(self)
        self.table = rows_table(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # The matters column takes what is left and elides, so that status and scan stay in view;
        # the detail area lists every matter.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AuthorizationsModel.headers.index("授权事项"), QHeaderView.ResizeMode.Stretch)
        self.new_button = keyed_button("登记授权书…", "Ctrl+N")
        self.new_button.setEnabled(self.manager)
        self.scan_button = QPushButton("查看扫描件")
        self.revoke_button = QPushButton("终止授权…")
        self.refresh_button = keyed_button("刷新", "F5")
        self.summary = QLabel("")
        self.detail = QTextBrowser()

        bar = QHBoxLayout()
        for b in (self.new_button, self.scan_button, self.revoke_button, self.refresh_button):
            bar.addWidget(b)
        bar.addWidget(self.summary, 1)
        split = QSplitter(Qt.Orientation.Vertical)  # the table needs the full width for its seven columns
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([540, 260])
        above: list[QWidget | QLayout] = [bar, self.message] if stranded is None else [stranded, bar, self.message]
        column_layout(self, *above, fill=split)
        self.show_letter(None)
        self.controller = AuthorizationsController(self, client, actor)
        self.controller.message.connect(self.said)

    def refresh(self) -> None:
        super().refresh()
        if self.stranded is not None:
            self.stranded.refresh()

    def show_letter(self, r: AuthorizationRow | None) -> None:
        self.scan_button.setEnabled(bool(r and r.scan_name))
        # Only a letter still to run can be revoked; the center refuses the others anyway.
        self.revoke_button.setEnabled(self.manager and r is not None and r.status.revocable and not r.revoked_on)
        self.detail.setHtml(letter_html(r) if r else "<p>请在上方选择授权书。</p>")


def build(clients: Clients, actor: Actor) -> AuthorizationsPage:
    """授权书 (managers), with the hall's cases nobody can take any more above the letters: a
    letter is what lets someone take them again."""
    stranded = StrandedPanel(clients.center(ApprovalClient), actor)
    return AuthorizationsPage(clients.center(AuthorizationClient), actor, stranded)
