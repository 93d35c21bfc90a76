"""Devices with a scope (issue 13): every route of the center names the kinds of enrolled machine
it serves; any other kind, and any revoked machine, is refused with 403 and a reason in Chinese,
nothing changes, and the attempt is recorded at the center. A rating pad serves its own window
only; a kiosk cancels only the tickets it issued."""

import re
import uuid

import pytest
from sqlalchemy import func, select

from app.center.service import PROTOCOL, Refused
from app.devices.scope import Device, DeviceKind
from app.queue.tickets import CANCELLED, WAITING
from db.models import Ticket, Workstation
from tests.center_hall import PAD_WINDOW, PUBLIC, concrete, grants, operations


def test_every_route_but_enrollment_and_health_declares_the_kinds_it_serves(hall):
    documented = {(m.upper(), p) for p, ops in hall.app.openapi()["paths"].items() for m in ops}
    routed = {(method, route.path) for method, route in operations(hall.app)}
    assert documented == routed  # the walk below covers every operation of the OpenAPI
    undeclared = {(method, route.path) for method, route in operations(hall.app) if not grants(route)}
    assert undeclared == PUBLIC
    twice = [route.path for _m, route in operations(hall.app) if len(grants(route)) > 1]
    assert twice == []
    # The hall's machines in the public area reach only what they use.
    reach = {kind: set() for kind in DeviceKind}
    for method, route in operations(hall.app):
        for granted in grants(route):
            for kind in granted:
                reach[kind].add((method, route.path))
    # The kiosk and the board also show the center's name from the hall's settings.
    assert reach[DeviceKind.KIOSK] == {
        ("GET", "/v1/settings/center"),
        ("GET", "/v1/queue/categories"),
        ("POST", "/v1/queue/tickets"),
        ("POST", "/v1/queue/tickets/{ticket_id}/cancel"),
        ("POST", "/v1/appointments/check-in"),
        ("POST", "/v1/appointments/check-in/{ticket_id}/undo"),
    }
    assert reach[DeviceKind.BOARD] == {("GET", "/v1/settings/center"), ("GET", "/v1/queue/board")}
    assert reach[DeviceKind.RATING_PAD] == {
        ("GET", "/v1/queue/windows/{window_no}"),
        ("POST", "/v1/queue/windows/{window_no}/rating"),
    }
    assert ("POST", "/v1/push") in reach[DeviceKind.WORKSTATION]
    assert ("POST", "/v1/approval/cases/{case_id}/review") in reach[DeviceKind.WORKSTATION]


@pytest.mark.slow
def test_each_route_refuses_every_kind_it_does_not_grant_and_every_revoked_machine(hall):
    checked = 0
    for method, route in operations(hall.app):
        if (method, route.path) in PUBLIC:
            continue
        (granted,) = grants(route)
        path = concrete(route.path)
        refused = [hall.machines[kind] for kind in DeviceKind if kind not in granted]
        for machine in refused + list(hall.revoked.values()):
            before = hall.audit()
            answer = hall.http.request(method, path, headers=hall.headers(machine))
            assert answer.status_code == 403, (method, path, machine[0].kind, answer.text)
            reason = answer.json()["detail"]
            assert re.search(r"[\u4e00-\u9fff]", reason) and ("无权使用" in reason or "吊销" in reason)
            # Nothing changed but the record of the attempt, naming the machine and the reason.
            assert hall.audit() == [*before, ("center.device_refused", machine[0].id, reason)]
            checked += 1
        for kind in granted:
            machine = hall.machines[kind]
            # A workstation's routes that act for a person also need that person's session.
            session = hall.session(machine) if kind == DeviceKind.WORKSTATION else ""
            before = hall.audit()
            answer = hall.http.request(method, path, headers=hall.headers(machine, session))
            # Past the machine's grant and the person's session; the person's role may still refuse
            # (the manager is no chief), which is the service's answer, not the device layer's.
            assert answer.status_code != 401, (method, path, kind, answer.text)
            assert all(row[0] != "center.device_refused" for row in hall.audit()[len(before) :])
    assert checked > 300


def test_a_forged_credential_is_refused_whatever_the_route(hall):
    machine, _token = hall.machines[DeviceKind.KIOSK]
    answer = hall.http.post("/v1/queue/tickets", headers=hall.headers((machine, "forged")), json={"category": "A"})
    assert answer.status_code == 401 and "凭证无效" in answer.json()["detail"]


def test_a_pad_reads_and_rates_its_own_window_only(hall):
    pad = hall.headers(hall.machines[DeviceKind.RATING_PAD])
    assert hall.http.get(f"/v1/queue/windows/{PAD_WINDOW}", headers=pad).json()["window_no"] == PAD_WINDOW
    before = hall.audit()
    other = hall.http.get("/v1/queue/windows/4", headers=pad)
    assert other.status_code == 403 and "不能用于 4 号窗口" in other.json()["detail"]
    rated = hall.http.post("/v1/queue/windows/4/rating", headers=pad, json={"level": 5})
    assert rated.status_code == 403 and "只能查看和评价本窗口" in rated.json()["detail"]
    refusals = hall.audit()[len(before) :]
    assert [row[0] for row in refusals] == ["center.device_refused"] * 2
    # Its own window reaches the queue, which answers for the window (nobody is being served).
    own = hall.http.post(f"/v1/queue/windows/{PAD_WINDOW}/rating", headers=pad, json={"level": 5})
    assert own.status_code == 409 and "没有正在办理" in own.json()["detail"]
    # A workstation is bound to no window.
    workstation = hall.headers(hall.machines[DeviceKind.WORKSTATION])
    assert hall.http.get("/v1/queue/windows/4", headers=workstation).status_code == 200


def test_a_kiosk_cancels_only_the_tickets_it_issued(hall):
    mine, other = hall.headers(hall.machines[DeviceKind.KIOSK]), hall.headers(hall.enroll(DeviceKind.KIOSK))
    ticket = hall.http.post("/v1/queue/tickets", headers=mine, json={"category": "A"}).json()
    with hall.store.sessions() as s:
        assert s.get(Ticket, ticket["id"]).issued_by == hall.machines[DeviceKind.KIOSK][0].id
    before = hall.audit()
    refused = hall.http.post(f"/v1/queue/tickets/{ticket['id']}/cancel", headers=other, json={"reason": "打印失败"})
    assert refused.status_code == 403 and f"{ticket['label']}号不是本机发出的" in refused.json()["detail"]
    assert [row[0] for row in hall.audit()[len(before) :]] == ["center.device_refused"]
    with hall.store.sessions() as s:
        assert s.get(Ticket, ticket["id"]).status == WAITING
    done = hall.http.post(f"/v1/queue/tickets/{ticket['id']}/cancel", headers=mine, json={"reason": "打印失败"})
    assert done.status_code == 200
    with hall.store.sessions() as s:
        assert s.get(Ticket, ticket["id"]).status == CANCELLED


@pytest.mark.parametrize(
    ("kind", "method", "path"),
    [
        (DeviceKind.KIOSK, "GET", "/v1/queue/categories"),
        (DeviceKind.BOARD, "GET", "/v1/queue/board"),
        (DeviceKind.RATING_PAD, "GET", f"/v1/queue/windows/{PAD_WINDOW}"),
        (DeviceKind.WORKSTATION, "GET", "/v1/queue/stats"),
    ],
)
def test_revoking_a_machine_stops_it_at_once(hall, kind, method, path):
    machine = hall.enroll(kind)
    headers = hall.headers(machine, hall.session(machine) if kind == DeviceKind.WORKSTATION else "")
    assert hall.http.request(method, path, headers=headers).status_code == 200
    hall.service.revoke(machine[0].id)
    stopped = hall.http.request(method, path, headers=headers)
    assert stopped.status_code == 403 and "已被中心吊销" in stopped.json()["detail"]


def test_a_code_enrolls_the_kind_it_was_made_for_and_a_pad_for_its_window(hall):
    code = hall.service.new_enrollment_code("pytest", DeviceKind.KIOSK)
    with pytest.raises(Refused, match="该注册码用于注册取号机，不能用于叫号屏"):
        hall.service.enroll(code, str(uuid.uuid4()), "叫号屏", "host", None, DeviceKind.BOARD)
    kiosk_id = str(uuid.uuid4())
    assert hall.service.enroll(code, kiosk_id, "取号机", "host", None).device == Device(kiosk_id, DeviceKind.KIOSK)
    with pytest.raises(Refused, match="须指明所在窗口"):
        hall.service.new_enrollment_code("pytest", DeviceKind.RATING_PAD)
    with pytest.raises(Refused, match="不需要窗口号"):
        hall.service.new_enrollment_code("pytest", DeviceKind.BOARD, 3)
    with pytest.raises(Refused, match="中心没有 99 号窗口"):
        hall.service.new_enrollment_code("pytest", DeviceKind.RATING_PAD, 99)
    pad_id = str(uuid.uuid4())
    pad_code = hall.service.new_enrollment_code("pytest", DeviceKind.RATING_PAD, 3)
    answer = hall.http.post(
        "/v1/enroll",
        json={
            "protocol": PROTOCOL,
            "schema": hall.service.schema,
            "code": pad_code,
            "workstation_id": pad_id,
            "name": "3 号窗口评价器",
            "kind": "rating-pad",
        },
    )
    assert answer.status_code == 200 and (answer.json()["kind"], answer.json()["window_no"]) == ("rating-pad", 3)
    with hall.store.sessions() as s:
        row = s.get(Workstation, pad_id)
        assert (row.kind, row.window_no) == ("rating-pad", 3)
    with pytest.raises(Refused, match="须提供其签名公钥"):  # a workstation signs its notices
        hall.service.enroll(hall.service.new_enrollment_code("pytest"), str(uuid.uuid4()), "工作站", "host", None)
    with hall.store.sessions() as s:
        unused = s.scalar(select(func.count()).select_from(Workstation).where(Workstation.name == "叫号屏"))
    assert unused == 0


def test_a_workstation_older_than_the_version_headers_is_told_to_upgrade(hall):
    headers = hall.headers(hall.machines[DeviceKind.WORKSTATION])
    del headers["X-Protocol"], headers["X-Schema"]
    body = {"protocol": PROTOCOL, "schema": hall.service.schema, "workstation_id": "x" * 36, "mutations": []}
    answer = hall.http.post("/v1/push", headers=headers, json=body)
    assert answer.status_code == 426 and "请升级工作站程序" in answer.json()["detail"]
