"""Every action code the product records has a Chinese name for the audit page, and so has
every kind of thing it records actions on. The codes are read from the source (each uow.record
call), so a new action without a name fails here."""

import ast
from pathlib import Path

from app.acceptance.model import Outcome
from app.audit_labels import ACTION_LABELS, ENTITY_LABELS, QUEUE_ACTIONS, action_label

APP = Path(__file__).parent.parent / "app"


def _record_calls():
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "uow"
            ):
                yield path, node


def _queue_actions_called() -> set[str]:
    """The actions app/queue/service.py passes to _act, recorded as f"queue.{kind}"."""
    tree = ast.parse((APP / "queue" / "service.py").read_text(encoding="utf-8"))
    return {
        node.args[2].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_act"
    }


# An f-string code, by its source text, and every value it takes.
DYNAMIC = {
    "f'queue.{kind}'": {f"queue.{kind}" for kind in _queue_actions_called()},
    "f'queue.tidal_{action.kind}'": {"queue.tidal_open", "queue.tidal_close"},  # TidalAction.kind
    "f'application.{decision.outcome.name.lower()}'": {f"application.{o.name.lower()}" for o in Outcome},
}


def _codes(arg: ast.expr, where: Path) -> set[str]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return {arg.value}
    if isinstance(arg, ast.IfExp):
        return _codes(arg.body, where) | _codes(arg.orelse, where)
    source = ast.unparse(arg)
    assert source in DYNAMIC, f"{where}: a new kind of action code {source}: list the codes it makes in DYNAMIC"
    return DYNAMIC[source]


def test_every_recorded_action_has_a_chinese_name():
    recorded = set()
    for path, call in _record_calls():
        recorded |= _codes(call.args[0], path)
    assert len(recorded) > 60  # the scan found the product's actions
    missing = sorted(recorded - ACTION_LABELS.keys())
    assert not missing, f"actions without a name for the audit page: {missing}"


def test_every_recorded_entity_has_a_chinese_name():
    entities = set()
    for path, call in _record_calls():
        assert isinstance(call.args[1], ast.Constant), f"{path}: the entity should be a plain string"
        entities.add(call.args[1].value)
    assert not sorted(entities - ENTITY_LABELS.keys())


def test_the_names_are_chinese_and_the_calling_actions_are_all_there():
    assert set(QUEUE_ACTIONS) == _queue_actions_called()
    for name in (*ACTION_LABELS.values(), *ENTITY_LABELS.values()):
        assert not name.isascii() and "." not in name and "_" not in name
    assert action_label("case.review") == "审批意见"
    assert action_label("future.thing") == "其他操作（future.thing）"  # a newer workstation's code, synced here
