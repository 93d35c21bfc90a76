"""The notice under the calling bar after login: 授权书 ending within 30 days (a manager sees every
such letter, anyone else their own), so a letter is renewed before a chief or a window finds
they can no longer decide. Hidden when there is none; closed for the session with 知道了."""

from html import escape

from PySide6.QtCore import Signal

from app.authorizations.expiring import WARN_DAYS, Ending
from ui.banner import Banner
from ui.palette import YELLOW, YELLOW_EDGE

LISTED = 3  # the banner names the first few; its tooltip lists them all


def _left(e: Ending) -> str:
    return "今天是最后一天" if e.days_left == 0 else f"还剩 {e.days_left} 天"


def banner_text(endings: list[Ending], own: bool) -> str:
    first = endings[0]
    names = "、".join(escape(e.document_no) for e in endings[:LISTED]) + ("等" if len(endings) > LISTED else "")
    whose = "您的" if own else "共"
    return (
        f"<b>{whose} {len(endings)} 份授权书将在 {WARN_DAYS} 天内到期</b>："
        f"最早于 {first.last_day:%Y-%m-%d} 到期（{_left(first)}）。{names}。"
        "到期后不能再依此作出决定，请及时续办。"
    )


def tooltip_text(endings: list[Ending]) -> str:
    return "\n".join(
        f"{e.document_no}　{e.department}　{e.holder}（{e.holder_no}）　{e.last_day:%Y-%m-%d} 到期，{_left(e)}"
        for e in endings
    )


class ExpiryBanner(Banner):
    open_letters = Signal()  # 查看授权书 (managers): the main window shows the 授权书 page

    def __init__(self, manager: bool, parent=None):
        style = f"ExpiryBanner {{ background: {YELLOW}; border-bottom: 1px solid {YELLOW_EDGE}; }}"
        super().__init__(style, "查看授权书", parent)
        self.manager = manager
        self.endings: list[Ending] = []
        self.view.setVisible(manager)
        self.view.clicked.connect(self.open_letters)

    def show_endings(self, endings: list[Ending]) -> None:
        self.endings = endings
        if not endings:
            self.hide()
            return
        self.text.setText(banner_text(endings, own=not self.manager))
        self.text.setToolTip(tooltip_text(endings))
        self.show()
