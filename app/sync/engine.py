"""A workstation's side of sync: enroll once, then push the outbox in contiguous batches and pull
reference data by cursor. It never discards its outbox: a refused version or an unreachable
center leaves everything queued locally."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from app.actor import system_actor
from app.center_tls import CenterNotTrusted, not_trusted, verify_for
from app.devices.scope import DeviceKind
from app.errors import DomainError
from app.replication import apply_rows
from app.sync.dto import Enrollment, OutboxStatus, PullPage, PushResult, RejectedMutation, Rejection
from app.uow import UnitOfWork, now
from app.web import wire
from app.workstation import os_user
from db import migrate
from db.engine import WRITE
from db.models import OutboxEntry, SyncState, Workstation
from db.store import Store

PROTOCOL = 1
BATCH = 1000  # mutations per push, the center's limit
BATCH_BYTES = 8 * 2**20  # well under the center's 32 MB body limit; notices carry their PDF
PAGE = 1000
TRANSIENT = (httpx.TransportError, httpx.TimeoutException)


class SyncFailed(DomainError):
    pass


class ProgramOutdated(SyncFailed):
    """The center speaks another protocol or schema (HTTP 426): this program is to be upgraded."""


@dataclass
class SyncReport:
    ok: bool = True
    pushed: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    pulled: int = 0
    pulled_tables: set[str] = field(default_factory=set)  # the reference tables whose rows came down
    error: str = ""
    untrusted: bool = False  # the center's certificate did not verify: no retry brings it back
    outdated: bool = False  # the center refused this program's version: only an upgrade helps


class SyncEngine:
    def __init__(
        self,
        store: Store,
        workstation_id: str,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 10.0,
        on_pulled: Callable[[set[str]], None] | None = None,
    ):
        """on_pulled: told the tables of each page of reference rows once it is saved (the catalog's
        search index of a running client is rebuilt from them); called on the syncing thread."""
        self.store = store
        self.workstation_id = workstation_id
        self.transport = transport
        self.timeout = timeout
        self.on_pulled = on_pulled

    def _versions(self) -> dict:
        return versions()

    def _client(self, url: str) -> httpx.Client:
        return center_http(url, self.transport, self.timeout)

    def enrolled(self) -> bool:
        return self._state() is not None

    def move_center(self, url: str) -> None:
        """A store enrolled to an earlier demo center on another loopback port follows the demo's."""
        with self.store.sessions.begin() as s:
            state = s.get(SyncState, 1)
            if state is not None:
                state.center_url = url

    def _state(self) -> SyncState | None:
        with self.store.sessions() as s:
            return s.get(SyncState, 1)

    # -- enrollment -----------------------------------------------------------------------------

    def enroll(self, center_url: str, code: str) -> None:
        with self.store.sessions() as s:
            ws = s.get_one(Workstation, self.workstation_id)
            body = {
                "code": code,
                "workstation_id": ws.id,
                "name": ws.name,
                "hostname": ws.hostname,
                "public_key": ws.public_key,
                "kind": DeviceKind.WORKSTATION,
            }
        answer = request_enrollment(center_url, body, self.transport, self.timeout)
        with UnitOfWork(self.store, system_actor(self.workstation_id, os_user())) as uow:
            uow.session.merge(SyncState(id=1, center_url=center_url, credential=answer.credential, pull_cursor=0))
            uow.record("sync.enrolled", "workstation", self.workstation_id, detail={"center": center_url})
            uow.commit()

    # -- one round ------------------------------------------------------------------------------

    def sync(self, retries: int = 3, backoff: float = 0.5) -> SyncReport:
        """Push everything pending, then pull. Transient failures are retried with back-off."""
        state = self._state()
        if state is None:
            return SyncReport(False, error="本工作站尚未注册到中心（python main.py enroll --center URL --code CODE）。")
        report = SyncReport()
        delay = backoff
        for attempt in range(retries + 1):
            try:
                with self._client(state.center_url) as client:
                    self._push_all(client, state, report)
                    self._pull_all(client, state, report)
                self._remember(error="")
                return report
            except TRANSIENT as exc:
                untrusted = not_trusted(exc, state.center_url)
                if untrusted is not None:  # a certificate does not come to be trusted by retrying
                    report.error, report.untrusted = str(untrusted), True
                    break
                report.error = f"无法连接中心：{exc.__class__.__name__}"
            except (SyncFailed, CenterNotTrusted) as exc:
                report.error, report.untrusted = str(exc), isinstance(exc, CenterNotTrusted)
                report.outdated = isinstance(exc, ProgramOutdated)
                break
            except SQLAlchemyError as exc:  # the local store refused what came down: say so, keep the outbox
                report.error = f"本地保存中心数据失败：{str(exc).splitlines()[0][:200]}"
                break
            if attempt < retries:
                time.sleep(delay)
                delay *= 2
        report.ok = False
        self._remember(error=report.error)
        return report

    def _headers(self, state: SyncState) -> dict:
        return {
            "X-Workstation": self.workstation_id,
            "Authorization": f"Bearer {state.credential}",
            "X-Protocol": str(PROTOCOL),
            "X-Schema": migrate.head_revision(),
        }

    def _push_all(self, client: httpx.Client, state: SyncState, report: SyncReport) -> None:
        while True:
            mutations = self._next_batch()
            if not mutations:
                return
            response = client.post(
                "/v1/push",
                headers=self._headers(state),
                json={**self._versions(), "workstation_id": self.workstation_id, "mutations": mutations},
            )
            _check(response)
            result = wire.decode(PushResult, response.json())
            self._mark(result)
            report.pushed += len(result.applied)
            report.rejected += result.rejected

    def _next_batch(self) -> list[dict]:
        """The oldest pending mutations, contiguous, as many as fit the batch (at least one)."""
        with self.store.sessions() as s:
            batch = s.execute(
                select(OutboxEntry.mutation_id, OutboxEntry.payload, OutboxEntry.signature)
                .where(OutboxEntry.workstation_id == self.workstation_id, OutboxEntry.status == "pending")
                .order_by(OutboxEntry.mutation_id)
                .limit(BATCH)
            ).all()
        mutations: list[dict] = []
        size = 0
        for mutation_id, payload, signature in batch:
            size += len(payload)
            if mutations and size > BATCH_BYTES:
                break
            mutations.append({"id": mutation_id, "payload": payload, "signature": signature})
        return mutations

    def _mark(self, result: PushResult) -> None:
        """Everything up to the center's last applied id is done; refusals keep their reason."""
        ws = OutboxEntry.workstation_id == self.workstation_id
        pending = OutboxEntry.status == "pending"
        with self.store.sessions.begin() as s:
            for r in result.rejected:
                s.execute(
                    update(OutboxEntry)
                    .where(ws, OutboxEntry.mutation_id == r.id)
                    .values(status="rejected", reason=r.reason, pushed_at=now())
                )
            s.execute(
                update(OutboxEntry)
                .where(ws, pending, OutboxEntry.mutation_id <= result.last_applied)
                .values(status="applied", pushed_at=now())
            )

    def _pull_all(self, client: httpx.Client, state: SyncState, report: SyncReport) -> None:
        saved = self._state()  # the cursor the pages pulled so far left (a retry goes on from there)
        assert saved is not None, "sync() runs enrolled"
        cursor, snapshot = saved.pull_cursor, None
        while True:
            params = {**self._versions(), "cursor": cursor, "limit": PAGE}
            if snapshot is not None:
                params["snapshot"] = snapshot
            response = client.get("/v1/pull", headers=self._headers(state), params=params)
            _check(response)
            page = wire.decode(PullPage, response.json())
            self._apply_page(page)
            report.pulled += len(page.rows)
            tables = {row["t"] for row in page.rows}
            report.pulled_tables |= tables
            if tables and self.on_pulled is not None:
                self.on_pulled(tables)
            cursor, snapshot = page.cursor, page.snapshot
            if not page.more:
                return

    def _apply_page(self, page: PullPage) -> None:
        """A page and its cursor are saved in one local transaction."""
        with self.store.sessions(bind=self.store.engine.execution_options(**WRITE)) as s, s.begin():
            if self.store.engine.dialect.name == "sqlite":
                s.execute(text("PRAGMA defer_foreign_keys = ON"))  # a page may hold a row before its parent
            apply_rows(s, page.rows, authoritative=True)
            s.get_one(SyncState, 1).pull_cursor = page.cursor

    def _remember(self, error: str) -> None:
        with self.store.sessions.begin() as s:
            state = s.get(SyncState, 1)
            if state is not None:
                state.last_error = error
                if not error:
                    state.last_sync_at = now()

    # -- status ---------------------------------------------------------------------------------

    def status(self) -> OutboxStatus:
        with self.store.sessions() as s:
            state = s.get(SyncState, 1)
            # Both through the (workstation, status, id) index: the outbox keeps every sent payload.
            mine = OutboxEntry.workstation_id == self.workstation_id
            counts = dict(
                s.execute(select(OutboxEntry.status, func.count()).where(mine).group_by(OutboxEntry.status)).all()
            )
            rejected = [
                RejectedMutation(e.mutation_id, e.op, e.reason or "")
                for e in s.scalars(select(OutboxEntry).where(mine, OutboxEntry.status == "rejected"))
            ]
        return OutboxStatus(
            enrolled=state is not None,
            center=state.center_url if state else None,
            workstation_id=self.workstation_id,
            pending=counts.get("pending", 0),
            applied=counts.get("applied", 0),
            rejected=rejected,
            last_sync_at=state.last_sync_at if state else None,
            last_error=state.last_error if state else "",
            pull_cursor=state.pull_cursor if state else 0,
        )


def versions() -> dict:
    return {"protocol": PROTOCOL, "schema": migrate.head_revision()}


def center_http(url: str, transport: httpx.BaseTransport | None = None, timeout: float = 10.0) -> httpx.Client:
    # HTTPS centers are verified against the system CAs, or the bundle named by HALL_CA_BUNDLE.
    return httpx.Client(base_url=url, timeout=timeout, transport=transport, verify=verify_for(url))


def request_enrollment(
    center_url: str, body: dict, transport: httpx.BaseTransport | None = None, timeout: float = 10.0
) -> Enrollment:
    """Enrolls a machine (body: its code, id, name, hostname, kind, a workstation's public key);
    the center's answer: its credential, and the kind and window the code gave it."""
    try:
        with center_http(center_url, transport, timeout) as client:
            response = client.post("/v1/enroll", json={**versions(), **body})
    except TRANSIENT as exc:
        raise not_trusted(exc, center_url) or SyncFailed(f"无法连接中心 {center_url}：{exc}") from exc
    if response.status_code != 200:
        raise _refused(response)
    return wire.decode(Enrollment, response.json())


def _check(response: httpx.Response) -> None:
    """A 4xx is the center's refusal (no retry); a 5xx is treated like a network failure (retried)."""
    if response.status_code == 200:
        return
    if response.status_code < 500:
        raise _refused(response)
    raise httpx.TransportError(_detail(response))


def _refused(response: httpx.Response) -> SyncFailed:
    outdated = response.status_code == httpx.codes.UPGRADE_REQUIRED
    return (ProgramOutdated if outdated else SyncFailed)(_detail(response))


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = response.text[:200]
    if isinstance(detail, list):  # a validation error: name the fields
        detail = "；".join(f"{'.'.join(map(str, d.get('loc', [])))}: {d.get('msg')}" for d in detail)
    return f"中心拒绝（HTTP {response.status_code}）：{detail}"
