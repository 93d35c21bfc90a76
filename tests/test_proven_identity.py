"""Proven identity (issue 13, DESIGN §4 rule 11): the center acts only for a person who proved who
they are. A workstation's credential without the person's password can take no step, call no
ticket, deliver nothing and change no letter; what a workstation pushes counts only when signed
with the key of the person it names, in force when it was made."""

import base64
import json
import re
from datetime import datetime, timedelta

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from app.acceptance.model import Outcome
from app.approval.client import ApprovalClient
from app.auth import LoginFailed, login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.devices.scope import DeviceKind
from app.trust import keys
from app.trust.signed import challenge_message, mutation_message, sign
from app.web.caller import acting, proven
from app.workstation import private_key
from db.models import (
    Application,
    AuditEntry,
    OutboxEntry,
    ReceivedMutation,
    ReviewStep,
    Staff,
    StaffKey,
)
from tests.center_hall import PUBLIC, concrete, operations
from tests.helpers import accept
from tests.sync_harness import People, workstation

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def refusals(center) -> int:
    with center.store.sessions() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "auth.session_refused"))


def a_case_at_the_center(center, tmp_path) -> str:
    window, sync = workstation(center, tmp_path, "window")
    accept(window, "spjyxk")  # 食品经营许可, 一审一核
    assert sync.sync(retries=0).ok
    (row,) = People(window, ApprovalClient)["R001"].inbox()
    return row.case_id


# -- the insider at an enrolled machine ------------------------------------------------------------


def test_a_workstation_credential_without_a_password_acts_for_nobody(center, tmp_path):
    case_id = a_case_at_the_center(center, tmp_path)
    _insider, engine = workstation(center, tmp_path, "insider")
    machine = engine._headers(engine._state())  # read from its own store, no password typed
    http = httpx.Client(base_url=center.url, headers=machine)
    attempts = [
        ("POST", f"/v1/approval/cases/{case_id}/review", {"agreed": True, "opinion": "同意"}),
        ("POST", f"/v1/approval/cases/{case_id}/extend", {"days": 5, "reason": "需要"}),
        ("POST", "/v1/queue/call", {"window_no": 1}),
        ("POST", f"/v1/delivery/{case_id}/collect", {"recipient": "张三", "recipient_doc": "身份证"}),
        ("POST", "/v1/authorizations/00000000-0000-0000-0000-000000000000/revoke", {"reason": "调整"}),
    ]
    before = refusals(center)
    for method, path, body in attempts:
        for session in ("", "forged-session-token-0123456789"):
            answer = http.request(method, path, json=body, headers={"X-Session": session} if session else {})
            assert answer.status_code == 401, (path, answer.text)
            assert CHINESE.search(answer.json()["detail"]) and answer.json()["code"] == "session"
        # Naming a person outright is refused too, even with the session of someone else.
        named = http.request(method, path, json={**body, "staff_no": "S001"})
        assert named.status_code == 403 and "自报了操作人" in named.json()["detail"]
    assert refusals(center) == before + 3 * len(attempts)  # every attempt is on record
    with center.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ReviewStep)) == 0  # nothing changed
    http.close()


# -- every route that acts for a person ------------------------------------------------------------


def person_routes(app) -> list[tuple[str, APIRoute]]:
    def needs_a_person(dependant) -> bool:
        return dependant.call in (acting, proven) or any(needs_a_person(d) for d in dependant.dependencies)

    return [(m, r) for m, r in operations(app) if needs_a_person(r.dependant)]


def test_no_route_takes_the_acting_person_from_its_caller(hall):
    spec = hall.app.openapi()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            names = {p["name"] for p in op.get("parameters", [])}
            assert "staff_no" not in names, (method, path)
    for name, schema in spec["components"]["schemas"].items():
        assert "staff_no" not in schema.get("properties", {}) or not name.endswith("Request"), name


def test_every_person_route_refuses_without_that_persons_valid_session(hall):
    workstation = hall.machines[DeviceKind.WORKSTATION]
    other = hall.enroll(DeviceKind.WORKSTATION)
    elsewhere = hall.session(other, "M001")  # a real session, of another workstation
    routes = person_routes(hall.app)
    assert len(routes) > 50 and all((m, r.path) not in PUBLIC for m, r in routes)
    sessions = hall.app.state.sessions
    for method, route in routes:
        path = concrete(route.path)
        for token in ("", "a-token-the-center-never-issued", elsewhere):
            before = hall.audit()
            answer = hall.http.request(method, path, headers=hall.headers(workstation, token))
            assert answer.status_code == 401, (method, path, token, answer.text)
            assert answer.json()["code"] == "session" and CHINESE.search(answer.json()["detail"])
            assert [row[0] for row in hall.audit()[len(before) :]] == ["auth.session_refused"]
    # An expired session: the same token, 31 idle minutes later.
    token = hall.session(workstation, "M001")
    real = sessions.clock
    try:
        sessions.clock = FixedClock(real.utc_now() + timedelta(minutes=31))
        answer = hall.http.get("/v1/approval/stranded", headers=hall.headers(workstation, token))
        assert answer.status_code == 401 and "长时间未操作" in answer.json()["detail"]
    finally:
        sessions.clock = real


# -- sessions --------------------------------------------------------------------------------------


def test_a_challenge_is_used_once_and_a_wrong_key_counts_toward_the_lock(hall):
    workstation = hall.machines[DeviceKind.WORKSTATION]
    headers = hall.headers(workstation)
    key = keys.unwrap(hall_key(hall, "C002"), DEMO_PASSWORD, "C002")
    body = signed_challenge(hall, headers, workstation[0].id, "C002", key)
    assert hall.http.post("/v1/session", headers=headers, json=body).status_code == 200
    replayed = hall.http.post("/v1/session", headers=headers, json=body)
    assert replayed.status_code == 401 and "已使用" in replayed.json()["detail"]
    stranger = keys.new_key("Other#Key9", "C003")  # not C003's registered key
    other_key = keys.unwrap(stranger.wrapped, "Other#Key9", "C003")
    for attempt in range(5):
        body = signed_challenge(hall, headers, workstation[0].id, "C003", other_key)
        answer = hall.http.post("/v1/session", headers=headers, json=body)
        assert answer.status_code == 401 and "验证失败" in answer.json()["detail"], attempt
    with hall.store.sessions() as s:
        assert s.scalar(select(Staff.locked_until).where(Staff.staff_no == "C003")) is not None
    real = keys.unwrap(hall_key(hall, "C003"), DEMO_PASSWORD, "C003")
    body = signed_challenge(hall, headers, workstation[0].id, "C003", real)
    locked = hall.http.post("/v1/session", headers=headers, json=body)
    assert locked.status_code == 401 and "锁定" in locked.json()["detail"]  # even with the right key


def signed_challenge(hall, headers: dict, machine_id: str, staff_no: str, key) -> dict:
    nonce = hall.http.get("/v1/session/challenge", headers=headers).json()["nonce"]
    return {"person": staff_no, "nonce": nonce, "signature": sign(key, challenge_message(nonce, machine_id, staff_no))}


def hall_key(hall, staff_no: str) -> str:
    with hall.store.sessions() as s:
        return s.scalar(select(Staff.signing_key).where(Staff.staff_no == staff_no))


def test_a_lapsed_session_is_opened_again_by_the_client_and_logout_ends_it(center, tmp_path):
    desk, _ = workstation(center, tmp_path, "desk")
    manager = People(desk, ApprovalClient)["M001"]
    assert manager.stranded_cases() == []
    sessions = center.app.state.sessions
    real = sessions.clock
    sessions.clock = FixedClock(real.utc_now() + timedelta(minutes=45))
    try:
        assert manager.stranded_cases() == []  # lapsed: the client signed a new challenge by itself
    finally:
        sessions.clock = real
    token = manager.session._token
    manager.end_session()
    ended = httpx.get(
        f"{center.url}/v1/approval/stranded",
        headers={**manager._client().headers, "X-Session": token},
    )
    assert ended.status_code == 401 and "已结束" in ended.json()["detail"]
    with center.store.sessions() as s:
        opened = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "auth.session_opened")
        )
    assert opened == 2


def test_failed_logins_anywhere_lock_the_account_everywhere(center, tmp_path):
    first, first_sync = workstation(center, tmp_path, "first")
    second, second_sync = workstation(center, tmp_path, "second")
    for _ in range(2):  # two here…
        with pytest.raises(LoginFailed):
            login(first.store, first.workstation_id, "C004", "wrong-password")
    assert first_sync.sync(retries=0).ok
    for _ in range(3):  # …three there: five in the hall
        with pytest.raises(LoginFailed):
            login(second.store, second.workstation_id, "C004", "wrong-password")
    assert second_sync.sync(retries=0).ok
    with center.store.sessions() as s:
        assert s.scalar(select(Staff.locked_until).where(Staff.staff_no == "C004")) is not None
    assert first_sync.sync(retries=0).ok  # the lock comes down with the staff list
    with pytest.raises(LoginFailed, match="锁定"):
        login(first.store, first.workstation_id, "C004", DEMO_PASSWORD)


# -- signed mutations ----------------------------------------------------------------------------


# What a workstation still has to push, but its logins (a login changes nothing at the center).
UNPUSHED_CHANGES = select(OutboxEntry).where(OutboxEntry.status == "pending", OutboxEntry.op != "auth.login")


def tamper(ctx, change) -> None:
    with ctx.store.sessions.begin() as s:
        for entry in s.scalars(UNPUSHED_CHANGES):
            change(entry)


def applications_at(center) -> int:
    with center.store.sessions() as s:
        return s.scalar(select(func.count()).select_from(Application))


def test_an_altered_signature_or_text_is_refused_and_shown_on_the_workstation(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    accept(ws, "gtgsh", Outcome.ACCEPT)
    tamper(ws, lambda e: setattr(e, "signature", e.signature[:-4] + ("AAAA" if e.signature[-4:] != "AAAA" else "BBBB")))
    report = engine.sync(retries=0)
    assert report.ok and report.rejected and "本人的密钥不符" in report.rejected[0].reason
    assert "本人的密钥不符" in engine.status().rejected[0].reason
    assert applications_at(center) == 0

    accept(ws, "gtgsh", Outcome.ACCEPT)
    tamper(ws, lambda e: setattr(e, "payload", e.payload.replace('"by":"C001"', '"by":"C002"')))
    report = engine.sync(retries=0)
    assert report.rejected and all("不符" in r.reason for r in report.rejected)
    assert applications_at(center) == 0


def test_a_key_revoked_before_the_mutation_was_made_is_refused_one_before_a_password_change_is_not(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    accept(ws, "gtgsh", Outcome.ACCEPT)  # made offline, not yet pushed
    # C001 changes their password at the center: the same key, wrapped anew. Not a revocation.
    with center.store.sessions.begin() as s:
        clerk = s.scalar(select(Staff).where(Staff.staff_no == "C001"))
        clerk.signing_key = keys.rewrap(clerk.signing_key, DEMO_PASSWORD, "Changed#2027", "C001")
    report = engine.sync(retries=0)
    assert report.ok and report.rejected == []
    assert applications_at(center) == 1
    with center.store.sessions() as s:
        signers = set(s.scalars(select(ReceivedMutation.signed_by).where(ReceivedMutation.status == "applied")))
    assert "C001" in signers  # the center's record names the verified signer

    # A reset revokes the old key from that moment: what it signs afterwards is refused.
    revoked_at = datetime.utcnow() - timedelta(minutes=1)
    with center.store.sessions.begin() as s:
        staff_id = s.scalar(select(Staff.id).where(Staff.staff_no == "C001"))
        for key in s.scalars(select(StaffKey).where(StaffKey.staff_id == staff_id)):
            key.revoked_at, key.reason = revoked_at, "管理员重置密码"
    accept(ws, "gtgsh", Outcome.ACCEPT)  # signed with the old key after its revocation
    report = engine.sync(retries=0)
    assert report.rejected and "已被吊销" in report.rejected[0].reason
    assert applications_at(center) == 1


def test_the_machine_key_signs_only_what_no_person_does(center, tmp_path):
    """A copied store file holds the workstation's own key: it cannot stand in for a person."""
    ws, engine = workstation(center, tmp_path, "ws")
    accept(ws, "gtgsh", Outcome.ACCEPT)
    with ws.store.sessions.begin() as s:
        machine = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key(s, ws.workstation_id)))
        for entry in s.scalars(UNPUSHED_CHANGES):
            payload = json.loads(entry.payload)
            payload["signer"] = "machine"
            entry.payload = json.dumps(payload, ensure_ascii=False)
            entry.signature = sign(machine, mutation_message(ws.workstation_id, entry.mutation_id, entry.payload))
    report = engine.sync(retries=0)
    assert report.rejected and "须由办理人本人电子签名" in report.rejected[0].reason
    assert applications_at(center) == 0


def test_a_signed_mutation_cannot_put_another_persons_name_on_its_rows(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    accept(ws, "gtgsh", Outcome.ACCEPT)

    def as_c002(entry):
        payload = json.loads(entry.payload)
        for row in payload["rows"]:
            if row["t"] == "notices":
                row["v"]["staff_no"] = "C002"
        entry.payload = json.dumps(payload, ensure_ascii=False)
        entry.signature = sign(clerk.key, mutation_message(ws.workstation_id, entry.mutation_id, entry.payload))

    tamper(ws, as_c002)
    report = engine.sync(retries=0)
    assert report.rejected and "与签名人“C001”不符" in report.rejected[0].reason
    assert applications_at(center) == 0
