"""Every action code the product records has a Chinese name for the audit page, and so has
every kind of thing it records actions on. The codes are read from the source (each uow.record
call), so a new action without a name fails here."""

import ast
from pathlib import Path

from app.acceptance.model import Outcome
from app.audit_labels import ACTION_LABELS, ENTITY_LABELS, QUEUE_ACTIONS, action_label
from app.supervision.ledger import ADVANCED

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
    """The actions app/queue/service.py passes to _act, recorded as f"queue.{kind}": directly, or
    through _move (a status change), whose third argument is passed on to _act."""
    tree = ast.parse((APP / "queue" / "service.py").read_text(encoding="utf-8"))
    kinds = {
        node.args[2]
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("_act", "_move")
    }
    return {kind.value for kind in kinds if isinstance(kind, ast.Constant)}


# An f-string code, by its source text, and every value it takes.
DYNAMIC = {
    "f'queue.{kind}'": {f"queue.{kind}" for kind in _queue_actions_called()},
    "f'queue.tidal_{action.kind}'": {"queue.tidal_open", "queue.tidal_close"},  # TidalAction.kind
    "f'application.{decision.outcome.name.lower()}'": {f"application.{o.name.lower()}" for o in Outcome},
    "ADVANCED": {ADVANCED},  # app.supervision.ledger: named once, read back for the move's note
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


# -- the detail, as people read it (issue 12 walkthrough: raw JSON on the audit page) --------------


def _detail_keys() -> set[str]:
    """Every key of a detail dict written in app/: in a record call, in a `detail = {...}` beside
    it, or merged into one with **{...}."""
    keys = set()
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            dicts = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record":
                dicts += [kw.value for kw in node.keywords if kw.arg == "detail"]
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "detail" for t in node.targets):
                dicts.append(node.value)
            for d in dicts:
                for inner in ast.walk(d):
                    if isinstance(inner, ast.Dict):
                        keys |= {k.value for k in inner.keys if isinstance(k, ast.Constant)}
    return keys


# An imported department or bundle is recorded with its entry of the import file (app.catalog.transfer).
IMPORTED_KEYS = {"code", "name", "short_name", "phone", "address", "description", "lead_department", "matters"}


def test_every_detail_key_recorded_has_a_chinese_name_or_is_left_out_on_purpose():
    from app.audit_labels import DETAIL_LABELS

    keys = _detail_keys() | IMPORTED_KEYS
    assert len(keys) > 60  # the scan found the product's details
    assert not sorted(keys - DETAIL_LABELS.keys())
    for label in filter(None, DETAIL_LABELS.values()):
        assert not label.isascii() and "_" not in label


def test_a_detail_reads_as_labelled_text_without_json_codes_or_hashes():
    from app.audit_labels import detail_text

    accepted = (
        '{"cases":["QS2026-407316-00004"],"late_reasons":{},"notices":["SL2026-407316-00007"],'
        '"outcome":"受理","problems":[]}'
    )
    assert detail_text(accepted) == "办件：QS2026-407316-00004；文书：SL2026-407316-00007；结论：受理"
    assert detail_text('{"kind":"kiosk","name":"取号机","window_no":null}') == "类型：取号机；名称：取号机"
    assert detail_text('{"changed":{"center_name":["甲中心","乙中心"]}}') == "改动：中心名称“甲中心”改为“乙中心”"
    assert detail_text('{"changed":["legal_basis","fees"],"code":"SCJG-001","version_no":2}') == (
        "改动：设定依据、收费标准；编码：SCJG-001；版本：2"
    )
    signed = '{"letter_no":"WT2026-ZX-00001","scan_sha256":"ab12","signed_on":"2026-03-02"}'
    assert detail_text(signed) == "委托书编号：WT2026-ZX-00001；签署日期：2026-03-02"
    assert detail_text('{"reprint":false}') == "补打：否"
    assert detail_text('{"valid":["2026-01-01","2026-12-31"]}') == "有效期：2026-01-01 至 2026-12-31"
    assert detail_text('{"days":["2026-03-02","2026-03-03"],"times":[["09:00","10:00"]]}') == (
        "日期：2026-03-02、2026-03-03；时段：09:00–10:00"
    )
    assert detail_text('{"future_key":"x"}') == "" and detail_text("{}") == ""
