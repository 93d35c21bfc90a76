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

# Why a field keeps its words: the fields, as (module, class, field).
WORDS = {
    "the checklist's word, or 未登记 where it has none": {
        ("app.approval.dto", "CaseMaterial", "status"),
        ("app.dossier.facts", "MaterialLine", "status"),
    },
    "as shown: the mode with 特别程序 and its steps (catalog.guide.review_mode_label)": {
        ("app.approval.dto", "CaseView", "review_mode"),
        ("app.dossier.facts", "DossierFacts", "review_mode"),
    },
    "as stored: a guide synced from a center before migration 0009 may say 特别程序 (approval.rules.steps)": {
        ("app.approval.rules", "CaseFacts", "review_mode"),
    },
    "printed, and empty on the notices about no special step": {
        ("app.approval.notice_text", "CaseNoticeFacts", "step_kind"),
    },
    "as entered or imported, checked field by field by the service (catalog.validation, help)": {
        ("app.catalog.guide", "Guide", "review_mode"),
        ("app.catalog.guide", "SpecialStepSpec", "kind"),
        ("app.help.dto", "NewRequest", "kind"),
        ("app.help.proxy_dto", "NewProxyLetter", "principal_kind"),
    },
    "the title as signed, a notice's or a 授权委托书's (not a notice, so not a NoticeKind)": {
        ("app.notices.dto", "Reserved", "kind"),
        ("app.notices.dto", "DrawnNotice", "kind"),
    },
    "as a scanned code carries it, untrusted until its signature is verified": {
        ("app.notices.qr", "QrContent", "kind"),
    },
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
    assert _free_text_fields() == set().union(*WORDS.values())


def test_the_check_sees_free_text_and_enums():
    class Color(enum.StrEnum):
        RED = "红"

    assert not _closed(str) and not _closed(str | None)
    assert _closed(Color) and _closed(Color | None) and _closed(typing.Literal["ok"])
