"""Behaviour of the catalog page: search as you type, show a guide or bundle, print, edit, import/export."""

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from app.actor import Actor, Role
from app.catalog.guide import MatterGuide
from app.catalog.search import EntryKind
from app.context import AppContext
from app.errors import DomainError
from ui.background import run_in_background
from ui.catalog.editor import GuideEditor
from ui.catalog.guide_html import bundle_html, guide_html
from ui.catalog.hits_model import HitsModel
from ui.catalog.view import CatalogView
from ui.file_paths import ask_open_path, ask_save_path
from ui.page import Clients
from ui.palette import GREY_TEXT
from ui.pdf_preview import PdfPreviewDialog

EMPTY_HINT = f"""<div style='color:{GREY_TEXT}; margin:24px'><h3>查找事项</h3>
<p>在左侧输入事项名称（如“个体工商户”）、事项编码（如 SCJG-001）、全拼（getigongshanghu）
或拼音首字母（gtgsh），结果随输入即时显示；“一件事”也能搜到。</p>
<p>也可以“按部门浏览”：选择一个部门，即列出该部门的全部事项和它牵头的一件事。</p>
<p>快捷键：Ctrl+F 定位搜索框 · Enter 打开第一条 · ↑↓ 切换结果 · Ctrl+P 打印办事指南 · Ctrl+L 注销</p></div>"""


class CatalogController(QObject):
    pdf_ready = Signal(bytes)
    message = Signal(str)

    def __init__(self, view: CatalogView, ctx: AppContext, actor: Actor):
        super().__init__(view)
        self.view, self.ctx, self.actor = view, ctx, actor
        self.service = ctx.catalog
        self.model = HitsModel(view)
        self.current: MatterGuide | None = None
        self.preview_enabled = True  # tests turn the modal preview off
        view.results.setModel(self.model)
        view.fit_columns()
        is_manager = actor.has(Role.MANAGER)
        for button in (view.edit_button, view.new_button, view.import_button, view.export_button):
            button.setVisible(is_manager)
        view.show_departments(self.service.departments())
        view.search.textChanged.connect(self.search)
        view.department.currentIndexChanged.connect(lambda _i: self.search(view.search.text()))
        view.search.returnPressed.connect(self.open_first)
        view.results.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_row(cur.row()))
        view.versions.activated.connect(self.show_version)
        view.print_button.clicked.connect(lambda: self.print_guide())
        view.edit_button.clicked.connect(self.edit)
        view.new_button.clicked.connect(self.create)
        view.import_button.clicked.connect(self.import_catalog)
        view.export_button.clicked.connect(self.export_catalog)
        self._enable_guide_actions(False)
        self.search("")
        view.guide.setHtml(EMPTY_HINT)

    def search(self, text: str) -> None:
        """A query searches the catalog (or the department chosen); without one, the department
        chosen is listed in full."""
        department = self.view.department.currentData() or ""
        if text.strip():
            hits = self.service.search(text, department_code=department)
        else:
            hits = self.service.browse(department) if department else []
        self.model.set_rows(hits)
        total = len(self.service.index())
        where = self.view.department.currentText()
        if text.strip():
            scope = f"{where}内" if department else f"目录共 {total} 项"
            self.view.count.setText(f"找到 {len(hits)} 项（{scope}）")
        elif department:
            self.view.count.setText(f"{where}：共 {len(hits)} 项")
        else:
            self.view.count.setText(f"目录共 {total} 项，请输入查询或选择部门")
        if hits:
            self.view.results.selectRow(0)

    def open_first(self) -> None:
        if self.model.rows:
            self.view.results.selectRow(0)
            self.view.results.setFocus()

    def show_row(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows):
            return
        hit = self.model.rows[row]
        if hit.kind == EntryKind.BUNDLE:
            self.current = None
            self.view.versions.clear()
            self.view.guide.setHtml(bundle_html(self.service.bundle(hit.id)))
            self._enable_guide_actions(False)
            return
        self.show_guide(self.service.guide(hit.id))

    def show_guide(self, mg: MatterGuide, historical: bool = False) -> None:
        self.current = mg
        self.view.guide.setHtml(guide_html(mg, historical))
        if not historical:
            self.view.versions.clear()
            for v in self.service.versions(mg.matter_id):
                label = f"第 {v.version_no} 版 · {v.created_at:%Y-%m-%d %H:%M} · {v.published_by}"
                if v.version_no == mg.version.version_no:
                    label += "（现行）"
                self.view.versions.addItem(label, v.version_id)
        self._enable_guide_actions(True)
        self.view.edit_button.setEnabled(not historical)

    def show_version(self, index: int) -> None:
        version_id = self.view.versions.itemData(index)
        if version_id:
            mg = self.service.guide_version(version_id)
            self.show_guide(mg, historical=index != 0)

    def _enable_guide_actions(self, enabled: bool) -> None:
        self.view.print_button.setEnabled(enabled)
        self.view.edit_button.setEnabled(enabled)

    def print_guide(self, guides: list[MatterGuide] | None = None) -> None:
        """Prints the given guides as one document (a bundle's matters), else the guide shown here."""
        if guides is None:
            guides = [self.current] if self.current is not None else []
        if not guides:
            return
        chosen = list(guides)

        def render() -> bytes:
            from app.documents.guide_pdf import render_guides  # reportlab loads on first print, not at start-up

            return render_guides(chosen)

        self.message.emit("正在生成办事指南 PDF…")
        run_in_background(render, lambda pdf: self._pdf_done(pdf, chosen), self._failed)

    def _pdf_done(self, pdf: bytes, guides: list[MatterGuide]) -> None:
        self.message.emit("办事指南 PDF 已生成")
        self.pdf_ready.emit(pdf)
        if self.preview_enabled:
            first = guides[0].guide
            names = "、".join(mg.guide.name for mg in guides)
            more = f"等 {len(guides)} 项" if len(guides) > 1 else ""
            PdfPreviewDialog(
                pdf, f"{names} 办事指南", f"{first.code}-{first.name}{more}-办事指南.pdf", self.view
            ).exec()

    def _failed(self, exc: Exception) -> None:
        QMessageBox.warning(self.view, "操作失败", str(exc) if isinstance(exc, DomainError) else f"出现错误：{exc}")

    def edit(self) -> None:
        if self.current is not None:
            self._open_editor(self.current)

    def create(self) -> None:
        self._open_editor(None)

    def _open_editor(self, current: MatterGuide | None) -> None:
        try:
            self.actor.require(Role.MANAGER)
        except DomainError as exc:
            QMessageBox.warning(self.view, "无权操作", str(exc))
            return
        editor = GuideEditor(self.service, self.actor, self.service.departments(), current, self.view)
        if editor.exec() and editor.saved is not None:
            self.message.emit(f"已保存：{editor.saved.guide.name} 第 {editor.saved.version.version_no} 版")
            self.search(self.view.search.text())
            self.show_guide(editor.saved)

    def import_catalog(self) -> None:
        path = ask_open_path(self.view, "导入事项目录", "事项目录 (*.json *.xlsx)")
        if path:
            self.run_import(Path(path))

    def run_import(self, path: Path) -> None:
        from app.catalog import transfer

        progress = QProgressDialog("正在校验并导入…", "", 0, 0, self.view)
        progress.setCancelButton(None)  # an import is not stopped halfway
        progress.setWindowTitle("导入事项目录")
        progress.setMinimumDuration(300)
        ctx, actor = self.ctx, self.actor

        def done(summary) -> None:
            progress.close()
            self.service.invalidate()
            self.search(self.view.search.text())
            QMessageBox.information(
                self.view,
                "导入完成",
                f"新增 {len(summary.created)} 个事项，更新 {len(summary.versioned)} 个（各生成新版本），"
                f"未变 {summary.unchanged} 个；部门 {summary.departments} 个，一件事 {summary.bundles} 个。",
            )

        def failed(exc: Exception) -> None:
            progress.close()
            if isinstance(exc, transfer.ImportRejected):
                box = QMessageBox(
                    QMessageBox.Icon.Warning, "导入被拒绝", f"{exc}\n文件中的所有内容都未导入。", parent=self.view
                )
                box.setDetailedText("\n".join(str(e) for e in exc.errors))
                box.exec()
            else:
                self._failed(exc)

        run_in_background(lambda: transfer.import_file(ctx.store, actor, path), done, failed)

    def export_catalog(self) -> None:
        path = ask_save_path(self.view, "导出事项目录", "事项目录.json", "JSON (*.json);;Excel (*.xlsx)")
        if path:
            from app.catalog import transfer

            store = self.ctx.store
            run_in_background(
                lambda: transfer.export_file(store, Path(path)),
                lambda doc: self.message.emit(f"已导出 {len(doc['matters'])} 个事项到 {path}"),
                self._failed,
            )


def build(clients: Clients, actor: Actor) -> CatalogView:
    """事项目录 (everyone): this workstation's copy of the catalog."""
    view = CatalogView()
    view.controller = CatalogController(view, clients.ctx, actor)
    view.controller.message.connect(view.said)
    return view
