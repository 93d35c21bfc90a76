"""A status, kind or mode that a service hands back is an enum (or a Literal), never free text: a
page compares members, and a value outside the set fails where it is read from the store, not
where it is shown. The exceptions below are words as entered (their service checks them field
by field), as printed, or as stored by an older center, each with its reason."""

import dataclasses
import enum
import importlib
import re
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED = re.compile(r"(^|_)(status|kind|mode)$")

# (module, class, field): why the field keeps its words.
WORDS = {
    ("app.approval.dto", "CaseMaterial", "status"): "the checklist's word, or 未登记 where it has none",
    ("app.dossier.facts", "MaterialLine", "status"): "the checklist's word, or 未登记 where it has none",
    ("app.approval.dto", "CaseView", "review_mode"): "as shown: the mode with 特别程序 and its steps",
    ("app.dossier.facts", "DossierFacts", "review_mode"): "as shown: the mode with 特别程序 and its steps",
    ("app.approval.rules", "CaseFacts", "review_mode"): "as stored: a center before 0009 may say 特别程序",
    ("app.approval.notice_text", "CaseNoticeFacts", "step_kind"): "printed; empty on other notices",
    ("app.catalog.guide", "Guide", "review_mode"): "a guide as entered or imported (catalog.validation)",
    ("app.catalog.guide", "SpecialStepSpec", "kind"): "a guide as entered or imported (catalog.validation)",
    ("app.help.dto", "NewRequest", "kind"): "as entered, checked field by field",
    ("app.help.proxy_dto", "NewProxyLetter", "principal_kind"): "as entered, checked field by field",
    ("app.notices.dto", "Reserved", "kind"): "the title as signed: a notice's or a 授权委托书's",
    ("app.notices.dto", "DrawnNotice", "kind"): "the title as signed: a notice's or a 授权委托书's",
    ("app.notices.qr", "QrContent", "kind"): "as a scanned code carries it, untrusted until verified",
}


def _closed(annotation) -> bool:
    """An enum or a Literal, optionally with None."""
    options = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, type(int | None)) else ()
    if options:
        return all(_closed(o) for o in options if o is not type(None))
    if typing.get_origin(annotation) is typing.Literal:
        return True
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def _dataclasses():
    for path in sorted((ROOT / "app").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(name.removesuffix(".__init__"))
        for cls in vars(module).values():
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__:
                yield module, cls


def _free_text_fields() -> set[tuple[str, str, str]]:
    found = set()
    for module, cls in _dataclasses():
        for field in dataclasses.fields(cls):
            if not NAMED.search(field.name):
                continue
            # Only these fields' annotations are read: others may name types imported for type checking only.
            annotation = eval(field.type, vars(module)) if isinstance(field.type, str) else field.type
            if not _closed(annotation):
                found.add((module.__name__, cls.__name__, field.name))
    return found


def test_every_status_kind_and_mode_is_an_enum_unless_it_keeps_words_for_a_reason():
    assert _free_text_fields() == set(WORDS)


def test_the_check_sees_free_text_and_enums():
    class Color(enum.StrEnum):
        RED = "红"

    assert not _closed(str) and not _closed(str | None)
    assert _closed(Color) and _closed(Color | None) and _closed(typing.Literal["ok"])
