"""Every answer of the center is typed: a route declares the DTO it returns (its response model),
and nothing is serialized through an object's __dict__, so the shape of each answer is written
once, in its feature's dto.py, for the client to rebuild."""

import ast
import typing
from pathlib import Path

from fastapi.routing import APIRoute

from app.center.server import create_app
from db.store import open_sqlite

ROOT = Path(__file__).resolve().parent.parent


def _untyped(annotation) -> bool:
    """A dict, Any or a container of them: an answer whose shape nothing declares."""
    if annotation is typing.Any or annotation is dict:
        return True
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    return any(_untyped(arg) for arg in typing.get_args(annotation))


def _api_routes(routes) -> list[APIRoute]:
    """The app's routes, through the routers it includes (FastAPI keeps an included router as one
    entry holding the original; the count is checked against OpenAPI below, so a change there
    fails here instead of checking nothing)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif (included := getattr(route, "original_router", None)) is not None:
            found += _api_routes(included.routes)
    return found


def test_every_route_of_the_center_declares_a_typed_answer(tmp_path):
    app = create_app(open_sqlite(tmp_path / "center.db"))
    routes = _api_routes(app.routes)
    operations = sum(len(ops) for ops in app.openapi()["paths"].values())
    assert len(routes) == operations > 50  # the whole center, not an empty app
    untyped = [
        f"{sorted(r.methods)} {r.path}"
        for r in routes
        if _untyped(typing.get_type_hints(r.endpoint).get("return", type(None)))
    ]
    assert untyped == []


def test_the_check_sees_an_untyped_answer():
    assert _untyped(dict) and _untyped(list[dict]) and _untyped(dict[str, int]) and _untyped(typing.Any)
    assert _untyped(list[dict[str, str]] | None)
    assert not _untyped(list[int]) and not _untyped(type(None))


def test_nothing_is_serialized_through_an_objects_dict():
    found = []
    for folder in ("app", "ui", "cli", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr == "__dict__":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
