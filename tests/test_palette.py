"""One palette: every colour the ui shows is named in ui/palette.py (a row ground, a text colour,
a stylesheet's or an HTML snippet's colour alike), so one meaning is one colour on every page."""

import re
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ui"
LITERAL = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
OWN = {"palette.py"}
# Being edited beside this change; the lead switches them to the palette, then drops them here.


def _literals() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*")):
        relative = path.relative_to(UI)
        if not path.is_file() or "__pycache__" in relative.parts or relative.parts[0] in OWN:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            found += [f"ui/{relative.as_posix()}:{number}: {m.group()}" for m in LITERAL.finditer(line)]
    return found


def test_no_colour_outside_the_palette():
    assert _literals() == []


def test_the_check_sees_a_literal_colour():
    assert LITERAL.findall("label.setStyleSheet('color: #c62828;')  <p style='color:#555'>") == ["#c62828", "#555"]
    assert LITERAL.findall("#queuePanel { border: 1px }") == []
