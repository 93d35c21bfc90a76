"""Which law a notice may cite, from the types of the matters it covers (MatterType). The
行政许可法 governs 行政许可 only: a notice on a 公共服务, 行政确认, 行政给付… matter cites none of
its articles, nor its special-step and permit wording, but neutral words (依照有关规定). A
一件事 that bundles both kinds cites the article for its 行政许可 matters and 有关规定 for the rest."""

from collections.abc import Iterable
from dataclasses import dataclass

from app.catalog.guide import MatterType
from app.notices.kinds import NoticeKind

LICENSING_LAW = "《中华人民共和国行政许可法》"
OTHER_RULES = "有关规定"


@dataclass(frozen=True)
class Regime:
    licensing: bool  # at least one matter is a 行政许可
    only_licensing: bool  # every matter is

    def basis(self, article: str) -> str:
        """What 依照 / 依据 is followed by, e.g. basis("第三十二条")."""
        if self.only_licensing:
            return f"{LICENSING_LAW}{article}"
        if self.licensing:
            return f"{LICENSING_LAW}{article}及{OTHER_RULES}"
        return OTHER_RULES

    def word(self, licensing: str, other: str) -> str:
        """The wording for 行政许可 matters, or the neutral one when any matter is not one."""
        return licensing if self.only_licensing else other


def regime_of(matter_types: Iterable[str]) -> Regime:
    licenses = [t == MatterType.LICENSE for t in matter_types]
    return Regime(any(licenses), bool(licenses) and all(licenses))


# A decision on a matter that is not a 行政许可 is not a 许可: its printed title says 办理 (the notice's
# stored kind stays the same, so lists and look-ups do not depend on the matter's type).
_NOT_LICENSING_TITLES = {NoticeKind.GRANT: "准予办理决定书", NoticeKind.REFUSAL: "不予办理决定书"}


def printed_title(kind: NoticeKind, matter_type: str) -> str:
    if regime_of((matter_type,)).only_licensing:
        return kind.value
    return _NOT_LICENSING_TITLES.get(kind, kind.value)
