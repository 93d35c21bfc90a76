"""The layers, from the top: cli/ (entry points) → ui/ (Qt) → app/ (rules and services) → db/.
app/ and db/ hold the rules and the data; they must never depend on Qt, the UI or the entry
points. A feature's routes take the caller from app.web and are mounted by the center
(app.center.server); no feature imports app.center, so the center stays its server's assembly and
the sync protocol."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "shiboken6", "qt_material", "pytestqt")
CENTER = "app.center"


def sources(*folders: str) -> list[Path]:
    return [p for folder in folders for p in ROOT.joinpath(folder).rglob("*.py")]


def imported(path: Path) -> list[str]:
    """Every module the file imports, at its top or inside a function, relative imports resolved;
    `from a import b` counts as importing a and a.b (b may be a module)."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            names += [base, *(f"{base}.{a.name}" for a in node.names)]
    return names


def offenders(paths: list[Path], forbidden) -> list[str]:
    return sorted({f"{p.relative_to(ROOT)}: {n}" for p in paths for n in imported(p) if forbidden(n)})


def test_no_qt_import_statement_in_app_or_db():
    assert offenders(sources("app", "db"), lambda n: n.split(".")[0] in QT) == []


def test_app_and_db_import_neither_the_ui_nor_the_entry_points():
    assert offenders(sources("app", "db"), lambda n: n.split(".")[0] in ("ui", "cli")) == []


def test_the_ui_does_not_import_the_entry_points():
    """The command line hands the client what it starts (the demo hall) through a Protocol."""
    assert offenders(sources("ui"), lambda n: n.split(".")[0] == "cli") == []


def test_no_feature_imports_the_center():
    features = [p for p in sources("app", "db") if not p.is_relative_to(ROOT / "app" / "center")]
    assert f"{CENTER}.service" in imported(ROOT / "app" / "center" / "server.py")  # the walk sees imports
    assert offenders(features, lambda n: n == CENTER or n.startswith(CENTER + ".")) == []


def test_importing_every_app_and_db_module_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in [*ROOT.joinpath("app").rglob("*.py"), *ROOT.joinpath("db").rglob("*.py")]
        if "migrations" not in p.parts
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(modules) > 15  # the walk really found the packages
