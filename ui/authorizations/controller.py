"""The 授权书 page's behaviour: load the letters, and what a new letter may name, from the center
off the UI thread; record a letter through the dialog; show a scan; revoke a letter with its
reason once confirmed. The modal questions (the reason, the confirmation, the file chooser) are
attributes, so that tests replace them and never block on a modal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QInputDialog

from app.actor import Actor
from app.authorizations.dto import AuthorizationRow, Authorizations, AuthorizationStatus, DepartmentChoice, Scan
from ui.authorizations.dialog import SCAN_FILTER, AuthorizationDialog
from ui.authorizations.scan_view import open_scan
from ui.background import run_in_background
from ui.center_form import submit
from ui.file_paths import ask_open_path
from ui.page_controller import PageController
from ui.widgets import confirm

if TYPE_CHECKING:  # the page builds this controller
    from ui.authorizations.page import AuthorizationsPage

REVOKE_WARNING = "终止后该首席代表不能再依此授权作出决定，确定终止吗？"


def ask_reason(parent) -> tuple[str, bool]:
    # Built by hand rather than QInputDialog.getText: no Qt translation is loaded, and the
    # buttons must read in Chinese.
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("终止授权")
    dialog.setLabelText("终止原因（记入审计日志，如：首席代表岗位调整）：")
    dialog.setOkButtonText("下一步")
    dialog.setCancelButtonText("取消")
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue(), ok


class AuthorizationsController(PageController[AuthorizationRow]):
    page: AuthorizationsPage
    client: Authorizations

    def __init__(self, page: AuthorizationsPage, client: Authorizations, actor: Actor):
        super().__init__(page, client, actor)
        self.viewer: QDialog | None = None
        self.ask_reason = lambda: ask_reason(self.page)
        self.confirm = lambda text: confirm(self.page, "终止授权", text, "确定终止")
        self.choose_file = lambda: ask_open_path(self.dialog or self.page, "选择授权书扫描件", SCAN_FILTER)
        page.refresh_button.clicked.connect(self.refresh)
        page.new_button.clicked.connect(self.new_letter)
        page.scan_button.clicked.connect(self.view_scan)
        page.revoke_button.clicked.connect(self.revoke)
        page.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._select(current.row()))

    def _select(self, row: int) -> None:
        rows = self.page.model.rows
        self.page.show_letter(rows[row] if 0 <= row < len(rows) else None)

    def refresh(self, select: str | None = None) -> None:
        """Reloads the letters, keeping the selected one (or selecting `select`)."""
        current = self.current()
        keep = select or (current.id if current else None)

        def shown(rows: list[AuthorizationRow]) -> None:
            self.page.model.set_rows(rows)
            valid = sum(1 for r in rows if r.status == AuthorizationStatus.IN_FORCE)
            self.page.summary.setText(f"共 {len(rows)} 份授权书，其中有效 {valid} 份")
            if rows:
                self.page.table.selectRow(next((i for i, r in enumerate(rows) if r.id == keep), 0))
            self._select(self.page.table.currentIndex().row())

        run_in_background(lambda: self.client.letters(), shown, self._failed)

    # --- recording a letter

    def new_letter(self) -> None:
        if self.dialog is not None:
            self.dialog.activateWindow()
            return
        self.page.new_button.setEnabled(False)  # one dialog at a time, even while the choices load

        def failed(exc: Exception) -> None:
            self.page.new_button.setEnabled(True)
            self._failed(exc)

        run_in_background(lambda: self.client.choices(), self._open_dialog, failed)

    def _open_dialog(self, choices: list[DepartmentChoice]) -> None:
        self.page.new_button.setEnabled(True)
        if not choices:
            self.page.say("没有可以授权的部门：须先有在岗的首席代表。", error=True)
            return
        d = AuthorizationDialog(choices, self.page)
        d.choose_scan.clicked.connect(lambda: self._choose_scan(d))
        d.submitted.connect(lambda: self._record(d))
        self.form.open(d)

    def _choose_scan(self, d: AuthorizationDialog) -> None:
        path = self.choose_file()
        if path:
            d.use_file(path)

    def _record(self, d: AuthorizationDialog) -> None:
        new, chief = d.new_authorization(), d.chief.currentText()
        submit(
            d,
            lambda: self.dialog is d,
            lambda: self.client.record(new),
            lambda letter_id: self._done(f"已登记授权书 {new.document_no}（{chief}）", letter_id),
            self._failed,
        )

    # --- a letter on file

    def view_scan(self) -> None:
        letter = self.current()
        if letter is None:
            return
        letter_id = letter.id

        def show(found: Scan) -> None:
            self.viewer = open_scan(self.page, found.scan_name, found.content_type, found.data)

        run_in_background(lambda: self.client.scan(letter_id), show, self._failed)

    def revoke(self) -> None:
        letter = self.current()
        if letter is None:
            return
        reason, ok = self.ask_reason()
        if not ok:
            return
        reason = reason.strip()
        if not reason:
            self.page.say("未终止：须填写终止授权的原因。", error=True)
            return
        who = f"{letter.document_no}（{letter.department} {letter.holder}）"
        if not self.confirm(f"终止授权书 {who}。\n原因：{reason}\n\n{REVOKE_WARNING}"):
            return
        letter_id = letter.id
        run_in_background(
            lambda: self.client.revoke(letter_id, reason),
            lambda _r: self._done(f"已终止授权书 {who}", letter_id),
            self._failed,
        )
