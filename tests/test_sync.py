"""Two workstations and a center on loopback: offline work, exactly-once delivery, refusals."""

import uuid
from dataclasses import replace
from datetime import date

import httpx
from sqlalchemy import func, select, text

from app.acceptance.model import Outcome
from app.actor import system_actor
from app.auth import login
from app.demo import DEMO_PASSWORD
from db.models import Application, Case, Notice, ReceivedMutation, Workstation
from tests.helpers import ON_BOTH_BACKENDS, accept
from tests.sync_harness import center_count, last_applied, workstation

pytestmark = ON_BOTH_BACKENDS


def test_offline_workstations_deliver_everything_once_when_the_center_returns(center, tmp_path):
    ws1, sync1 = workstation(center, tmp_path, "ws1")
    ws2, sync2 = workstation(center, tmp_path, "ws2")
    center.stop()
    results = [accept(ws1, "spjyxk"), accept(ws1, "gtgsh", Outcome.ON_THE_SPOT), accept(ws2, "kbcyd")]
    for engine in (sync1, sync2):
        report = engine.sync(retries=1, backoff=0.01)
        assert not report.ok and "无法连接中心" in report.error
        assert engine.status().pending > 0  # kept locally, nothing lost
    center.start()
    for engine in (sync1, sync2, sync1, sync2):  # a second round finds nothing more to do
        assert engine.sync(retries=0).ok
    assert sync1.status().pending == 0 and sync2.status().pending == 0
    case_nos = [no for r in results for no in r.case_nos]
    assert len(case_nos) == 6  # 1 + 1 + 4 (a bundle of four matters)
    with center.store.sessions() as s:
        assert sorted(s.scalars(select(Case.case_no))) == sorted(case_nos)
        assert s.scalar(select(func.count()).select_from(Application)) == 3
        stored = {n.notice_no: n.sha256 for n in s.scalars(select(Notice))}
    assert stored == {r.notices[0].notice_no: r.notices[0].sha256 for r in results}


def test_repeated_delivery_is_skipped_and_a_gap_is_refused(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    accept(ws, "gtgsh", Outcome.ON_THE_SPOT)
    state = engine._state()

    from db.models import OutboxEntry

    with ws.store.sessions() as s:
        batch = [
            {"id": m.mutation_id, "payload": m.payload, "signature": m.signature}
            for m in s.scalars(select(OutboxEntry).where(OutboxEntry.status == "pending"))
        ]
    body = {**engine._versions(), "workstation_id": ws.workstation_id, "mutations": batch}
    with httpx.Client(base_url=center.url, headers=engine._headers(state)) as client:
        gap = {**body, "mutations": batch[1:]}
        if len(batch) > 1:
            refused = client.post("/v1/push", json=gap)
            assert refused.status_code == 409 and "不连续" in refused.json()["detail"]
        first = client.post("/v1/push", json=body).json()
        again = client.post("/v1/push", json={**body, "mutations": list(reversed(batch))}).json()
    assert first["applied"] == [m["id"] for m in batch] and first["skipped"] == []
    assert again["applied"] == [] and again["skipped"] == [m["id"] for m in batch]
    assert center_count(center, Application) == 1
    assert engine.sync(retries=0).ok and engine.status().pending == 0  # the workstation catches up


def test_bad_requests_get_a_reason_and_the_center_keeps_serving(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    headers = engine._headers(engine._state())
    body = {**engine._versions(), "workstation_id": ws.workstation_id, "mutations": []}
    with httpx.Client(base_url=center.url) as client:
        forged = client.post("/v1/push", json=body, headers={**headers, "Authorization": "Bearer forged"})
        assert forged.status_code == 401 and "凭证无效" in forged.json()["detail"]
        other = client.post("/v1/push", json={**body, "workstation_id": str(uuid.uuid4())}, headers=headers)
        assert other.status_code == 403
        stale = client.post("/v1/push", json={**body, "schema": "0001"}, headers=headers)
        assert stale.status_code == 426 and "请升级工作站程序" in stale.json()["detail"]
        malformed = client.post(
            "/v1/push", content=b"{not json", headers={**headers, "content-type": "application/json"}
        )
        assert malformed.status_code == 422
        applied = last_applied(center, ws.workstation_id)
        garbled = [{"id": applied + 1, "payload": "{}"}, {"id": applied + 2, "payload": "[1, 2"}]
        refused = client.post("/v1/push", json={**body, "mutations": garbled}, headers=headers)
        assert refused.status_code == 422 and "不是有效的 JSON 对象" in refused.json()["detail"]
        assert last_applied(center, ws.workstation_id) == applied  # nothing of the garbled batch was taken
        assert "413" in _declare_huge_body(center.port)
        assert client.get("/health").json()["status"] == "ok"
        assert client.get("/openapi.json").status_code == 200
    center.app.state.service.revoke(ws.workstation_id)
    report = engine.sync(retries=0)
    assert not report.ok and "吊销" in report.error


def test_a_refused_mutation_is_shown_on_the_workstation_with_its_reason(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    # An outdated workstation still believes C001 may edit the catalog; the center knows better.
    with ws.store.sessions.begin() as s:
        s.execute(
            text("INSERT INTO staff_roles (staff_id, role) SELECT id, 'manager' FROM staff WHERE staff_no = 'C001'")
        )
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    guide = ws.catalog.guide(ws.catalog.search("gtgsh")[0].id).guide
    ws.catalog.save_guide(clerk, replace(guide, fees="收费 10 元"), "越权修改")
    accept(ws, "spjyxk")  # later work still goes through: the queue never wedges
    report = engine.sync(retries=0)
    assert report.ok and len(report.rejected) == 1 and "无权修改事项目录" in report.rejected[0].reason
    status = engine.status()
    assert status.pending == 0 and "无权修改事项目录" in status.rejected[0].reason
    assert center_count(center, ReceivedMutation, status="rejected") == 1
    assert center_count(center, Application) == 1
    with center.store.sessions() as s:
        fees = s.execute(
            text(
                "SELECT v.fees FROM matters m JOIN matter_versions v ON v.id = m.current_version_id "
                "WHERE m.code = 'SCJG-001'"
            )
        ).scalar()
    assert fees != "收费 10 元"


def test_catalog_edit_at_the_center_reaches_both_workstations(center, tmp_path):
    ws1, sync1 = workstation(center, tmp_path, "ws1")
    ws2, sync2 = workstation(center, tmp_path, "ws2")
    from app.catalog.service import CatalogService

    catalog = CatalogService(center.store)
    manager = login(center.store, "center", "M001", DEMO_PASSWORD)
    guide = catalog.guide(catalog.search("gtgsh")[0].id).guide
    catalog.save_guide(manager, replace(guide, fees="免费（中心修订）"), "统一表述")
    for ctx, engine in ((ws1, sync1), (ws2, sync2)):
        assert engine.sync(retries=0).ok
        ctx.catalog.invalidate()
        mg = ctx.catalog.guide(ctx.catalog.search("gtgsh")[0].id)
        assert mg.guide.fees == "免费（中心修订）" and mg.version.version_no == 2


def test_concurrent_offline_edits_of_one_matter_the_second_is_a_conflict(center, tmp_path):
    ws1, sync1 = workstation(center, tmp_path, "ws1")
    ws2, sync2 = workstation(center, tmp_path, "ws2")
    for ctx, fee in ((ws1, "甲"), (ws2, "乙")):
        manager = login(ctx.store, ctx.workstation_id, "M001", DEMO_PASSWORD)
        guide = ctx.catalog.guide(ctx.catalog.search("gtgsh")[0].id).guide
        ctx.catalog.save_guide(manager, replace(guide, fees=fee), "改收费")
    assert sync1.sync(retries=0).ok
    second = sync2.sync(retries=0)
    assert second.ok and len(second.rejected) == 1 and "版本冲突" in second.rejected[0].reason
    ws2.catalog.invalidate()
    # The center's version wins on both workstations; ws2's refused edit stays listed with its reason.
    assert ws2.catalog.guide(ws2.catalog.search("gtgsh")[0].id).guide.fees == "甲"
    assert "版本冲突" in sync2.status().rejected[0].reason
    with center.store.sessions() as s:
        ws_rows = s.scalars(select(Workstation.last_mutation_id).where(Workstation.credential_hash.is_not(None)))
        assert all(n > 0 for n in ws_rows)


def _declare_huge_body(port: int) -> str:
    """Announces a 64 MB body: the center answers from the headers, before reading any of it."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/push HTTP/1.1\r\nHost: center\r\nContent-Type: application/json\r\n"
            b"Content-Length: 67108864\r\n\r\n"
        )
        return sock.recv(4096).decode(errors="replace").splitlines()[0]


def test_a_flood_from_one_workstation_does_not_starve_another(center, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    ws1, sync1 = workstation(center, tmp_path, "ws1")
    ws2, sync2 = workstation(center, tmp_path, "ws2")
    headers = sync1._headers(sync1._state())
    body = {**sync1._versions(), "workstation_id": ws1.workstation_id, "mutations": []}

    def hammer(_):
        with httpx.Client(base_url=center.url, timeout=10) as client:
            return [
                client.get("/v1/pull", headers=headers, params={**sync1._versions(), "limit": 5000}).status_code
                for _ in range(5)
            ] + [client.post("/v1/push", json=body, headers=headers).status_code]

    accept(ws2, "gtgsh", Outcome.ON_THE_SPOT)
    with ThreadPoolExecutor(8) as pool:
        flood = pool.map(hammer, range(8))
        assert sync2.sync(retries=0).ok  # served while ws1 floods
        codes = [c for batch in flood for c in batch]
    assert set(codes) <= {200, 429} and 429 in codes
    assert sync2.status().pending == 0 and center_count(center, Case) == 1


def test_links_reach_the_workstation_too(center, tmp_path):
    """A window's queue categories and an authorization's matters are many-to-many links."""
    ws, _engine = workstation(center, tmp_path, "ws")
    query = "SELECT (SELECT count(*) FROM window_categories), (SELECT count(*) FROM authorization_matters)"
    with center.store.sessions() as s:
        at_center = tuple(s.execute(text(query)).one())
    with ws.store.sessions() as s:
        assert tuple(s.execute(text(query)).one()) == at_center
    assert at_center[0] >= 10 and at_center[1] >= 10


def test_a_workstation_cannot_decide_or_extend_a_case_the_center_refuses_it(center, tmp_path):
    from app.uow import UnitOfWork
    from db.models import Case

    ws, engine = workstation(center, tmp_path, "ws")
    result = accept(ws, "spjyxk")
    assert engine.sync(retries=0).ok
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    with UnitOfWork(ws.store, clerk) as uow:  # a tampered workstation approves its own case
        case = uow.session.scalars(select(Case).where(Case.application_id == result.application_id)).one()
        case.decision, case.extension_days = "准予", 10
        uow.record("case.review", "case", case.id)
        uow.commit()
    report = engine.sync(retries=0)
    assert report.ok and len(report.rejected) == 1
    assert "审批决定、延期和暂停只能在中心办理" in report.rejected[0].reason
    with center.store.sessions() as s:
        at_center = s.scalars(select(Case).where(Case.application_id == result.application_id)).one()
        assert (at_center.decision, at_center.extension_days) == (None, 0)


def test_the_center_takes_an_on_the_spot_decision_only_under_a_letter_it_holds(center, tmp_path):
    from app.authorizations.service import AuthorizationService
    from app.uow import UnitOfWork
    from db.models import ChiefAuthorization, ReviewStep

    ws, engine = workstation(center, tmp_path, "ws")
    first = accept(ws, "gtgsh", Outcome.ON_THE_SPOT)  # 个体工商户设立登记, 即办, C001's letter
    assert engine.sync(retries=0).ok
    with center.store.sessions() as s:
        case = s.scalars(select(Case).where(Case.application_id == first.application_id)).one()
        step = s.scalars(select(ReviewStep).where(ReviewStep.case_id == case.id)).one()
        assert (case.decision, step.step, step.authorization_no) == (
            "准予",
            "即办决定",
            "青市场监管局即授〔2026〕C001号",
        )
        letter_id = s.scalar(
            select(ChiefAuthorization.id).where(ChiefAuthorization.document_no == "青市场监管局即授〔2026〕C001号")
        )
    # The department ends the letter at the center; the workstation has not heard yet and decides
    # another 即办件 under it: the center refuses that decision.
    AuthorizationService(center.store).revoke(system_actor("center", "test"), letter_id, "岗位调整", date(2026, 3, 1))
    second = accept(ws, "gtgsh", Outcome.ON_THE_SPOT)
    report = engine.sync(retries=0)
    assert report.ok and len(report.rejected) == 1
    assert "没有该事项的有效授权" in report.rejected[0].reason
    assert center_count(center, Case, application_id=second.application_id) == 0
    # A review step pushed for an ordinary case is refused whoever sends it.
    ordinary = accept(ws, "spjyxk")
    assert engine.sync(retries=0).ok
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    with UnitOfWork(ws.store, clerk) as uow:
        case_id = uow.session.scalars(select(Case.id).where(Case.application_id == ordinary.application_id)).one()
        uow.session.add(
            ReviewStep(
                case_id=case_id,
                seq=1,
                step="审核",
                staff_no="C001",
                staff_name="李娜",
                workstation_id=ws.workstation_id,
                agreed=True,
                opinion="同意",
            )
        )
        uow.record("case.review", "case", case_id)
        uow.commit()
    report = engine.sync(retries=0)
    assert len(report.rejected) == 1 and "审批环节只能在中心办理" in report.rejected[0].reason
    assert center_count(center, ReviewStep, case_id=case_id) == 0
