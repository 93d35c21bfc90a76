"""Passwords and staff (issue 13 part 5), against a center on loopback: a manager creates a person
with a one-time password that must be changed at first login; that change makes a key of their
own (what the first one signed stays valid; later changes keep the key); a manager's reset makes
a new key and revokes the old one from that moment; lifting a lock-out clears it at the center and, after a pull, at the
workstation. Only managers reach these tools, and no password ever travels to the center."""

import httpx
import pytest
from sqlalchemy import func, select

from app.actor import Role
from app.auth import MAX_FAILURES, LoginFailed, login
from app.demo import DEMO_PASSWORD
from app.errors import DomainError, FieldError, ValidationFailed
from app.queue.client import QueueClient
from app.trust import keys
from app.trust.client import PersonSession
from app.trust.own_password import change_own_password
from app.trust.rules import password_problem
from app.trust.staff_client import PasswordClient, StaffClient
from app.trust.staff_fields import READABLE, NewStaff, new_password_errors, new_staff_errors, one_time_password
from db.models import Application, AuditEntry, LoginFailure, ReceivedMutation
from tests.helpers import accept
from tests.sync_harness import center_keys, center_staff, workstation

NEW_PASSWORD = "Qing#Shan2026"
LATER_PASSWORD = "Shan#Shui2027"


class Recording(httpx.HTTPTransport):
    """Every request body a client sends, as sent."""

    def __init__(self):
        super().__init__()
        self.bodies: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.read())
        return super().handle_request(request)


def client_for(ctx, actor, transport=None) -> StaffClient:
    return StaffClient(ctx.store, ctx.workstation_id, session=PersonSession(actor), transport=transport)


def change_at(ctx, actor, old: str, new: str, transport):
    """actor changes their own password at the workstation ctx (the new one typed twice alike)."""
    client = PasswordClient(ctx.store, ctx.workstation_id, session=PersonSession(actor), transport=transport)
    return change_own_password(ctx.store, actor, client, old, new, new)


@pytest.mark.parametrize(
    ("old", "new", "again", "field", "why"),
    [
        ("Demo@2026", NEW_PASSWORD, NEW_PASSWORD, None, None),
        ("", NEW_PASSWORD, NEW_PASSWORD, "old_password", "请输入原密码"),
        ("Demo@2026", "short1!", "short1!", "new_password", "至少 8 位"),
        ("Demo@2026", "qingshan2026", "qingshan2026", "new_password", "至少三类"),
        ("Demo@2026", "C001#Qing2026", "C001#Qing2026", "new_password", "工号"),
        ("Demo@2026", "Demo@2026", "Demo@2026", "new_password", "不能与原密码相同"),
        ("Demo@2026", NEW_PASSWORD, "Qing#Shan2027", "again", "不一致"),
    ],
)
def test_a_new_password_is_checked_here_with_a_message_beside_its_field(old, new, again, field, why):
    errors = new_password_errors(old, new, again, "C001")
    if field is None:
        assert errors == []
    else:
        assert [e.field for e in errors] == [field] and why in errors[0].message


@pytest.mark.parametrize(
    ("values", "field", "why"),
    [
        (NewStaff("C105", "钱多多", (Role.CLERK,), None, 1), None, None),
        (NewStaff("", "钱多多", (Role.CLERK,)), "staff_no", "请填写工号"),
        (NewStaff("c105", "钱多多", (Role.CLERK,)), "staff_no", "大写字母和数字"),
        (NewStaff("C-105", "钱多多", (Role.CLERK,)), "staff_no", "大写字母和数字"),
        (NewStaff("C105", "", (Role.CLERK,)), "name", "请填写姓名"),
        (NewStaff("C105", "钱" * 41, (Role.CLERK,)), "name", "不能超过 40 个字"),
        (NewStaff("C105", "钱多多", ()), "roles", "至少选择一个岗位"),
        (NewStaff("S105", "钱多多", (Role.CHIEF,)), "department_id", "首席代表须选择所属部门"),
    ],
)
def test_a_new_persons_fields_are_checked_each_beside_its_field(values, field, why):
    errors = new_staff_errors(values)
    assert (errors == []) if field is None else ([e.field for e in errors] == [field] and why in errors[0].message)


def test_a_one_time_password_is_strong_readable_and_never_the_same():
    made = {one_time_password("C001") for _ in range(200)}
    assert len(made) == 200
    for password in made:
        assert password_problem(password, "C001") is None
        groups = password.split("-")
        assert [len(g) for g in groups] == [4, 4, 4] and all(c in READABLE for c in "".join(groups))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda blob: blob | {"m": 1024}, "封装格式"),  # cheaper to guess from a copied store
        (lambda blob: blob | {"t": 200}, "封装格式"),  # would stall every login
        (lambda blob: blob | {"sealed": "AAAA"}, "封装格式"),
        (lambda blob: blob | {"kdf": "pbkdf2"}, "封装格式"),
    ],
)
def test_the_center_keeps_only_keys_wrapped_at_the_halls_cost(change, why):
    import json

    made = keys.new_key(NEW_PASSWORD, "C001")
    assert keys.wrapped_problem(made.wrapped) is None and keys.public_key_problem(made.public_key) is None
    assert why in keys.wrapped_problem(json.dumps(change(json.loads(made.wrapped))))
    assert "公钥" in keys.public_key_problem("not a key")


def test_no_route_of_the_center_takes_a_password(center):
    schemas = center.app.openapi()["components"]["schemas"]
    assert {"NewStaffRequest", "ResetRequest", "OwnKey"} <= set(schemas)  # the staff routes' bodies
    fields = [f"{name}.{field}" for name, schema in schemas.items() for field in schema.get("properties", {})]
    assert [f for f in fields if "password" in f.lower()] == []


# -- against the center ----------------------------------------------------------------------------------


def test_a_new_person_replaces_the_one_time_password_with_a_key_of_their_own_at_first_login(center, tmp_path):
    desk, desk_sync = workstation(center, tmp_path, "desk")
    office, office_sync = workstation(center, tmp_path, "office")
    sent = Recording()
    manager = client_for(office, login(office.store, office.workstation_id, "M001", DEMO_PASSWORD), sent)
    one_time = manager.create(NewStaff("C105", "钱多多", (Role.CLERK,), None, 1))
    with pytest.raises(ValidationFailed) as taken:  # the number is unique at the center
        manager.create(NewStaff("C105", "钱少少", (Role.CLERK,)))
    assert taken.value.errors == [FieldError("staff_no", "工号 C105 已由钱多多使用，请换一个。")]
    created = center_staff(center, "C105")
    assert created.must_change_password and created.window_id is not None
    (first_key,) = center_keys(center, "C105")
    assert first_key.revoked_at is None

    assert desk_sync.sync(retries=0).ok  # the new person travels with the staff list
    clerk = login(desk.store, desk.workstation_id, "C105", one_time)
    assert clerk.must_change_password
    with pytest.raises(DomainError, match="请先修改管理员给您的初始密码"):  # the center holds it too
        QueueClient(desk.store, desk.workstation_id, session=PersonSession(clerk)).tidal()

    changed = change_at(desk, clerk, one_time, NEW_PASSWORD, sent)
    assert not changed.must_change_password
    # At once on this machine, before any pull: the new password opens a key of the person's own
    # (the manager may have seen the one the initial password opened), the old one nothing.
    with pytest.raises(LoginFailed, match="工号或密码不正确"):
        login(desk.store, desk.workstation_id, "C105", one_time)
    again = login(desk.store, desk.workstation_id, "C105", NEW_PASSWORD)
    own_key = keys.public_of(again.key)
    assert not again.must_change_password and own_key == keys.public_of(changed.key) != first_key.public_key
    QueueClient(desk.store, desk.workstation_id, session=PersonSession(again)).tidal()  # served now

    at_center = center_staff(center, "C105")
    assert not at_center.must_change_password
    assert keys.public_of(keys.unwrap(at_center.signing_key, NEW_PASSWORD, "C105")) == own_key
    (revoked,) = [k for k in center_keys(center, "C105") if k.public_key == first_key.public_key]
    (in_force,) = [k for k in center_keys(center, "C105") if k.revoked_at is None]
    assert revoked.revoked_at is not None and in_force.public_key == own_key
    # A later change of one's own password wraps the same key again: what it signed stays valid.
    later = change_at(desk, again, NEW_PASSWORD, LATER_PASSWORD, sent)
    assert keys.public_of(later.key) == own_key
    assert [k.public_key for k in center_keys(center, "C105") if k.revoked_at is None] == [own_key]
    # What the key signed under the one-time password (the first login) is accepted after the change.
    report = desk_sync.sync(retries=0)
    assert report.ok and report.rejected == []
    with center.store.sessions() as s:
        signed = s.scalars(select(ReceivedMutation.status).where(ReceivedMutation.signed_by == "C105")).all()
    assert signed and set(signed) == {"applied"}
    # Another workstation takes the new password with its next pull.
    assert office_sync.sync(retries=0).ok
    assert login(office.store, office.workstation_id, "C105", LATER_PASSWORD).staff_no == "C105"
    # None of the passwords was ever sent.
    secrets = (one_time, NEW_PASSWORD, LATER_PASSWORD)
    assert sent.bodies and not [b for b in sent.bodies if any(p.encode() in b for p in secrets)]
    with center.store.sessions() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("staff.%"))).all()
    assert actions == ["staff.created", "staff.password_changed", "staff.password_changed"]


def test_a_reset_makes_a_new_key_and_revokes_the_old_one_from_that_moment(center, tmp_path):
    desk, desk_sync = workstation(center, tmp_path, "desk")
    office, _ = workstation(center, tmp_path, "office")
    before = accept(desk, "spjyxk")  # C001, offline as far as the center knows: pushed after the reset
    manager = client_for(office, login(office.store, office.workstation_id, "M001", DEMO_PASSWORD))
    with pytest.raises(ValidationFailed, match="请填写重置密码的原因"):
        manager.reset("C001", " ")
    old_key = center_keys(center, "C001")[0]
    one_time = manager.reset("C001", "本人忘记密码，已核实身份")
    after = accept(desk, "kbcyd")  # the old password still opens the old key here until the next pull

    report = desk_sync.sync(retries=0)
    assert report.ok
    # Everything C001 signed after the reset (the login, the acceptance) is refused, nothing before.
    assert len(report.rejected) >= 2 and all("已被吊销" in r.reason for r in report.rejected)
    with center.store.sessions() as s:
        received = s.scalars(select(Application.id)).all()
    assert before.application_id in received and after.application_id not in received

    revoked, current = center_keys(center, "C001")
    assert revoked.public_key == old_key.public_key and revoked.revoked_at is not None
    assert "本人忘记密码" in revoked.reason and current.revoked_at is None and current.valid_from == revoked.revoked_at
    # The pull brought the new key: the old password no longer opens anything; the one-time one
    # opens the new key, which must be changed first.
    with pytest.raises(LoginFailed):
        login(desk.store, desk.workstation_id, "C001", DEMO_PASSWORD)
    clerk = login(desk.store, desk.workstation_id, "C001", one_time)
    assert clerk.must_change_password and keys.public_of(clerk.key) == current.public_key
    with pytest.raises(DomainError, match="不能为自己重置密码"):
        client_for(office, login(office.store, office.workstation_id, "M001", DEMO_PASSWORD)).reset("M001", "试试")


def test_lifting_a_lock_out_clears_it_at_the_center_and_after_a_pull_at_the_workstation(center, tmp_path):
    desk, desk_sync = workstation(center, tmp_path, "desk")
    office, _ = workstation(center, tmp_path, "office")
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginFailed):
            login(desk.store, desk.workstation_id, "C002", "wrong")
    assert desk_sync.sync(retries=0).ok
    assert center_staff(center, "C002").locked_until is not None  # locked hall-wide

    manager = client_for(office, login(office.store, office.workstation_id, "M001", DEMO_PASSWORD))
    manager.unlock("C002", "本人在窗口，已核实身份")
    assert center_staff(center, "C002").locked_until is None
    with center.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(LoginFailure)) == 0
        reason = s.scalar(select(AuditEntry.reason).where(AuditEntry.action == "staff.unlocked"))
    assert reason == "本人在窗口，已核实身份"

    with pytest.raises(LoginFailed, match="已锁定"):  # this workstation learns of it with its next pull
        login(desk.store, desk.workstation_id, "C002", DEMO_PASSWORD)
    assert desk_sync.sync(retries=0).ok
    assert login(desk.store, desk.workstation_id, "C002", DEMO_PASSWORD).staff_no == "C002"
    # The failures behind the lock went with it: one more wrong password does not lock again.
    with pytest.raises(LoginFailed, match=f"还可尝试 {MAX_FAILURES - 1} 次"):
        login(desk.store, desk.workstation_id, "C002", "wrong")
    assert desk_sync.sync(retries=0).ok
    assert center_staff(center, "C002").locked_until is None


def test_only_a_manager_reaches_the_staff_tools_the_center_checks(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    made = keys.new_key(NEW_PASSWORD, "C106")
    key = {"wrapped_key": made.wrapped, "public_key": made.public_key}
    requests = [
        ("GET", "/v1/staff", None),
        ("POST", "/v1/staff/C106", {**key, "name": "钱多多", "roles": ["clerk"]}),
        ("POST", "/v1/staff/C002/reset", {**key, "reason": "越权重置"}),
        ("POST", "/v1/staff/C002/unlock", {"reason": "越权解锁"}),
    ]
    with httpx.Client(base_url=center.url, headers=engine._headers(engine._state())) as http:
        for staff_no in ("C001", "S001"):  # a clerk, a chief, each with their own valid session
            session = PersonSession(login(ws.store, ws.workstation_id, staff_no, DEMO_PASSWORD)).token(http)
            for method, path, body in requests:
                answer = http.request(method, path, json=body, headers={"X-Session": session})
                assert answer.status_code == 403, (staff_no, path)
                assert answer.json()["detail"] == "无权操作：此操作仅限大厅管理员。"
        manager = PersonSession(login(ws.store, ws.workstation_id, "M001", DEMO_PASSWORD)).token(http)
        listed = http.get("/v1/staff", headers={"X-Session": manager}).json()
    assert center_keys(center, "C106") == [] and center_keys(center, "C002")[0].revoked_at is None
    with center.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action.like("staff.%"))) == 0
    row = next(p for p in listed["staff"] if p["staff_no"] == "C001")
    assert row["name"] == "李娜" and row["role_labels"] == "综合窗口工作人员" and row["window_no"] == 1
