"""No module under tests/ imports a test module or a conftest: what tests share lives in helper
modules (tests/helpers.py and the ones beside it) and fixtures in conftest.py, so running one test
module never runs another's import-time code and pytest never loads a test module twice."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_test_module(name: str) -> bool:
    return name.startswith("test_") or name == "conftest"


def _imported(node: ast.AST) -> list[str]:
    """The dotted names an import statement loads, `from tests import test_sync` as tests.test_sync."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = "." * node.level + (node.module or "")
        return [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return []


def _offenders(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        for name in _imported(node):
            parts = name.split(".")
            if (parts[0] == "tests" or name.startswith(".")) and _is_test_module(parts[-1]):
                found.append(f"line {node.lineno}: {name}")
    return found


def test_no_module_under_tests_imports_a_test_module_or_a_conftest():
    modules = [p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts]
    offenders = {
        str(p.relative_to(TESTS)): found for p in modules if (found := _offenders(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}
    assert len(modules) > 80  # the walk really found the tests, tests/gui's too


def test_the_check_sees_every_way_of_importing_a_test_module():
    for source in (
        "from tests.test_sync import accept",
        "from tests import pdf_reading, test_sync",
        "import tests.gui.test_acceptance_page",
        "from tests.gui.test_acceptance_page import page",
        "from tests.conftest import SET_UP",
        "from .test_queue import MONDAY_9",
        "def f():\n    from tests.test_acceptance import ZHANG\n",
    ):
        assert _offenders(source), source
    for source in ("from tests.helpers import ZHANG", "from tests import pdf_reading", "import pytest"):
        assert _offenders(source) == [], source
