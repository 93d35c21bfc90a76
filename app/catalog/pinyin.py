"""Search keys for a name: full pinyin and initials, computed once when the name is written."""

import re

_KEEP = re.compile(r"[a-z0-9]+")


def search_keys(name: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin  # loaded on demand: large dictionaries, not on start-up

    # pypinyin's stub wants a str back from `errors`; it takes a list of syllables as well (its docs).
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chars: _KEEP.findall(chars.lower()))  # type: ignore[arg-type,return-value]
    syllables = [s for s in (x.lower() for x in syllables) if _KEEP.fullmatch(s)]
    return "".join(syllables), "".join(s[0] for s in syllables)
