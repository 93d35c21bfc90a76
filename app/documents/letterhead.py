"""The names a document prints beside its own facts: the center, the seal, and where a decision
is challenged. They come from the hall's settings (app.hall_settings), never from code; a name
not set yet is left out rather than made up."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Seal:
    text: str  # along the ring: the body whose seal it is
    purpose: str  # under the star: 受理专用章, 审批专用章 …


@dataclass(frozen=True)
class Letterhead:
    seal: Seal
    center: str = ""  # e.g. 青山县政务服务中心
    center_address: str = ""
    center_phone: str = ""
    reconsideration_body: str = ""  # 行政复议机关
    court: str = ""  # where a suit against the decision is brought

    def at_window(self, window_no: int | None) -> str:
        """The center and the window: "青山县政务服务中心3号窗口"."""
        return f"{self.center}{window_no or '—'}号窗口"

    def rights_of_appeal(self, document: str) -> str:
        """The sentence that tells the applicant how to challenge the decision (ALL art. 38 para. 2,
        行政复议法 art. 20, 行政诉讼法 art. 46), naming the body and the court where they are set."""
        body = f"向{self.reconsideration_body}" if self.reconsideration_body else "依法"
        court = f"向{self.court}" if self.court else "依法"
        return (
            f"如不服本决定，可以自收到本{document}之日起六十日内{body}申请行政复议，或者在六个月内{court}提起行政诉讼。"
        )
