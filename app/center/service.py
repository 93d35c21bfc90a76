"""Center use cases: enrollment, authenticated pushes applied exactly once, and reference pulls.

A push is the sync protocol only: order, exactly once, signatures, savepoints and records. What a
pushed mutation may contain is each feature's rule, given as push policies (app.sync.push_policy)."""

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.actor import Actor, system_actor
from app.devices.scope import Device, DeviceKind, DeviceRefused, code_problem, kind_mismatch, revoked, scope_refusal
from app.errors import DomainError
from app.notices.numbering import CENTER_ID, series, series_taken_by
from app.replication import WORKSTATION_TABLES, append_ref_log, apply_rows, insert_new
from app.sync.dto import CenterStatus, EnrolledMachine, PullPage, PushResult, RefusedMutation, Rejection
from app.sync.push_policy import Pushed, PushPolicy, Refusal
from app.trust.push import check_signatures
from app.uow import UnitOfWork, now
from db.bulk import insert_rows
from db.models import EnrollmentCode, ReceivedMutation, RefLog, Window, Workstation
from db.store import Store

PROTOCOL = 1


class RowsRefusal(StrEnum):
    INCONSISTENT = "inconsistent"  # the rows themselves cannot be written (a key, a constraint, a type)


class Refused(DomainError):
    """A request the center will not serve; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _parsed(mutation_id: int, text: str) -> dict:
    """The payload of a fresh mutation; text that is not a JSON object is refused as a whole batch."""
    try:
        payload = json.loads(text)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise Refused(422, f"变更 {mutation_id} 的内容不是有效的 JSON 对象。")
    return payload


def _reason(refusal: Refusal | None) -> str:
    return refusal.reason if refusal is not None else ""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Enrolled:
    credential: str
    device: Device


def device_of(ws: Workstation) -> Device:
    return Device(ws.id, DeviceKind(ws.kind), ws.window_no)


class CenterService:
    def __init__(self, store: Store, schema: str, policies: Sequence[PushPolicy] = ()):
        """policies: the features' checks of pushed data, in order (app.center.push_policies); the
        center serving workstations is given them all. Without them it applies whatever is signed."""
        self.store = store
        self.schema = schema
        self.policies = tuple(policies)

    def _actor(self):
        return system_actor(CENTER_ID, "center")

    def check_versions(self, protocol: int, schema: str) -> None:
        if protocol != PROTOCOL or schema != self.schema:
            raise Refused(
                426,
                f"工作站版本（协议 {protocol}，数据结构 {schema}）与中心（协议 {PROTOCOL}，"
                f"数据结构 {self.schema}）不一致：请升级工作站程序。工作站会继续在本地保存，升级后自动上传。",
            )

    # -- enrollment -----------------------------------------------------------------------------

    def new_enrollment_code(
        self, by: str, kind: DeviceKind = DeviceKind.WORKSTATION, window_no: int | None = None, place: str = ""
    ) -> str:
        """A one-time code that enrolls one machine of `kind` (a rating pad: for window `window_no`).
        `place`: where a workstation stands when not in the hall (电子监察 flags the steps taken there)."""
        kind = DeviceKind(kind)
        place = place.strip()
        problem = (
            code_problem(kind, window_no)
            or ("只有工作站可以登记大厅以外的位置。" if place and kind != DeviceKind.WORKSTATION else "")
            or ("位置不能超过 60 个字。" if len(place) > 60 else "")
        )
        if problem:
            raise Refused(422, problem)
        code = secrets.token_hex(4).upper()
        with UnitOfWork(self.store, self._actor()) as uow:
            s = uow.session
            if window_no is not None and s.scalar(select(Window.id).where(Window.number == window_no)) is None:
                raise Refused(404, f"中心没有 {window_no} 号窗口，不能为它生成评价器的注册码。")
            s.add(EnrollmentCode(code_hash=_hash(code), created_by=by, kind=kind, window_no=window_no, place=place))
            masked, detail = code[:2] + "******", {"kind": kind, "window_no": window_no, "place": place}
            uow.record("center.enrollment_code", "enrollment", masked, reason=f"由 {by} 生成", detail=detail)
            uow.commit()
        return code

    def enroll(
        self,
        code: str,
        workstation_id: str,
        name: str,
        hostname: str,
        public_key: str | None,
        kind: DeviceKind | None = None,
    ) -> Enrolled:
        """The machine becomes the kind its code was made for; `kind`, when the machine says what it
        is, must match (a board's program cannot take a kiosk's code). A refused code stays unused."""
        token = secrets.token_urlsafe(32)
        with UnitOfWork(self.store, self._actor()) as uow:
            s = uow.session
            entry = s.get(EnrollmentCode, _hash(code.strip().upper()), with_for_update=True)
            if entry is None or entry.used_at is not None:
                raise Refused(403, "注册码无效或已使用。请向大厅管理员重新申请注册码。")
            device = Device(workstation_id, DeviceKind(entry.kind), entry.window_no)
            if kind is not None and kind != device.kind:
                raise Refused(403, kind_mismatch(device.kind, kind))
            if device.kind == DeviceKind.WORKSTATION and not public_key:
                raise Refused(422, "工作站注册须提供其签名公钥。")
            if s.get(Workstation, workstation_id) is not None:
                raise Refused(409, "该设备已注册。")
            if device.kind == DeviceKind.WORKSTATION:
                self._series_free(s, workstation_id)
            entry.used_at, entry.workstation_id = now(), workstation_id
            s.add(
                Workstation(
                    id=workstation_id,
                    name=name,
                    hostname=hostname,
                    public_key=public_key,
                    credential_hash=_hash(token),
                    kind=device.kind,
                    window_no=device.window_no,
                    in_hall=not entry.place,
                    place=entry.place,
                )
            )
            detail = {"name": name, "kind": device.kind, "window_no": device.window_no, "place": entry.place}
            uow.record("center.workstation_enrolled", "workstation", workstation_id, detail=detail)
            uow.commit()
        return Enrolled(token, device)

    @staticmethod
    def _series_free(s: Session, workstation_id: str) -> None:
        """A workstation's notices and cases carry its series (app.notices.numbering): two
        enrolled workstations never share one, or their numbers made offline could collide."""
        enrolled = s.execute(select(Workstation.id, Workstation.name).where(Workstation.kind == DeviceKind.WORKSTATION))
        taken = series_taken_by(workstation_id, [(ws_id, name) for ws_id, name in enrolled])
        if taken is not None:
            raise Refused(
                409,
                f"本工作站的文书编号段 {series(workstation_id)} 与已注册的工作站“{taken}”相同，不能注册。"
                "请在本机重新初始化工作站（换用新的本地数据库）后再申请注册码注册。",
            )

    def authenticate(self, s: Session, workstation_id: str, token: str, lock: bool = False) -> Workstation:
        ws = s.get(Workstation, workstation_id, with_for_update=lock)
        if ws is None or ws.credential_hash is None or not secrets.compare_digest(ws.credential_hash, _hash(token)):
            raise Refused(401, "设备凭证无效：该设备未在中心注册，或凭证不符。")
        if ws.revoked:
            device = device_of(ws)
            raise DeviceRefused(device, revoked(device))
        return ws

    def admit(self, workstation_id: str, token: str, granted: frozenset[DeviceKind]) -> Device:
        """The calling machine, if its credential is valid, it is not revoked and its kind is granted."""
        with self.store.sessions() as s:
            device = device_of(self.authenticate(s, workstation_id, token))
        why = scope_refusal(device, granted)
        if why:
            raise DeviceRefused(device, why)
        return device

    def record_refusal(self, device: Device, request: str, reason: str) -> None:
        """A refused machine's attempt, in the audit log: which machine, what it asked, why not."""
        actor = Actor(None, device.kind, device.label, frozenset(), device.id)
        with UnitOfWork(self.store, actor) as uow:
            detail = {"request": request[:300], "kind": device.kind, "window_no": device.window_no}
            uow.record("center.device_refused", "workstation", device.id, reason=reason, detail=detail)
            uow.commit()

    def revoke(self, workstation_id: str) -> Device:
        with UnitOfWork(self.store, self._actor()) as uow:
            ws = uow.session.get(Workstation, workstation_id)
            if ws is None:
                raise Refused(404, f"中心没有编号为 {workstation_id} 的设备。")
            ws.revoked = True
            uow.record("center.workstation_revoked", "workstation", workstation_id, detail={"kind": ws.kind})
            device = device_of(ws)
            uow.commit()
        return device

    # -- push -------------------------------------------------------------------------------------

    def push(self, workstation_id: str, token: str, mutations: list[dict]) -> PushResult:
        """Applies a batch in one transaction: ids already applied are skipped, a gap is refused,
        and a refused mutation is recorded with its reason and still advances the id.

        Each mutation is {"id": n, "payload": JSON text as the workstation's outbox holds it,
        "signature": the acting person's (or the machine's) signature over it}: the text is kept as
        received and parsed once, and nothing is applied that its signer did not sign."""
        skipped = []
        with UnitOfWork(self.store, self._actor()) as uow:
            s = uow.session
            ws = self.authenticate(s, workstation_id, token, lock=True)
            last, fresh = ws.last_mutation_id, []
            for m in sorted(mutations, key=lambda m: m["id"]):
                if m["id"] <= last:
                    skipped.append(m["id"])
                    continue
                if m["id"] != last + 1:
                    raise Refused(409, f"变更编号不连续：应为 {last + 1}，收到 {m['id']}。")
                fresh.append(
                    {
                        "id": m["id"],
                        "text": m["payload"],
                        "payload": _parsed(m["id"], m["payload"]),
                        "signature": m.get("signature", ""),
                    }
                )
                last = m["id"]
            signed = check_signatures(s, ws, fresh)
            verdicts: dict[int, Refusal | None] = {m["id"]: signed[m["id"]].refusal for m in fresh}
            pushed = [Pushed(workstation_id, m["id"], m["payload"], signed[m["id"]].by) for m in fresh]
            for policy in self.policies:  # each sees only what no earlier check refused
                pending = [p for p in pushed if verdicts[p.id] is None]
                if pending:
                    verdicts.update(policy.refuse(s, pending))
            if not self._apply_together(s, [p for p in pushed if verdicts[p.id] is None]):
                for p in pushed:  # something in the batch needs care: one mutation at a time
                    if verdicts[p.id] is None:
                        verdicts[p.id] = self._apply_alone(s, p)
            received_at = now()
            taken = [p for p in pushed if verdicts[p.id] is None]
            for p in taken:
                for policy in self.policies:
                    policy.after_apply(s, p, received_at)
            if taken:
                for policy in self.policies:
                    policy.after_batch(s, taken, received_at)
            insert_rows(
                s,
                cast(Table, ReceivedMutation.__table__),  # a declarative model's is a Table
                [
                    {
                        "workstation_id": workstation_id,
                        "mutation_id": m["id"],
                        "received_at": received_at,
                        "staff_no": str(m["payload"].get("by", "")),
                        "signed_by": signed[m["id"]].by,
                        "status": "rejected" if verdicts[m["id"]] else "applied",
                        "reason": _reason(verdicts[m["id"]]),
                        "payload": m["text"],
                    }
                    for m in fresh
                ],
            )
            applied = [m["id"] for m in fresh if not verdicts[m["id"]]]
            rejected = [Rejection(m["id"], _reason(verdicts[m["id"]])) for m in fresh if verdicts[m["id"]]]
            ws.last_mutation_id = last
            if fresh:
                uow.record(
                    "center.mutations_received",
                    "workstation",
                    workstation_id,
                    detail={
                        "first": fresh[0]["id"],
                        "last": last,
                        "rejected": [r.id for r in rejected],
                        "signed_by": sorted({v.by for v in signed.values() if v.by}),  # verified, not claimed
                    },
                )
            uow.commit()
        return PushResult(last, applied, rejected, skipped)

    def _apply_together(self, s: Session, batch: list[Pushed]) -> bool:
        """The common case: every row of every mutation in one savepoint, inserted table by table."""
        rows = [row for m in batch for row in m.rows]
        if not rows:
            return True
        if any(row["t"] not in WORKSTATION_TABLES or row["op"] != "upsert" for row in rows):
            return False  # catalog edits and deletes go one by one, with their version checks
        savepoint = s.begin_nested()
        try:
            insert_new(s, rows)
        except (IntegrityError, DataError):
            savepoint.rollback()
            return False
        savepoint.commit()
        return True

    def _apply_alone(self, s: Session, m: Pushed) -> Refusal | None:
        savepoint = s.begin_nested()
        try:
            for policy in self.policies:
                stale = policy.refuse_stale(s, m)
                if stale is not None:
                    savepoint.rollback()
                    return stale
            apply_rows(s, m.rows)
            append_ref_log(s, m.rows)
            s.flush()
        except (IntegrityError, DataError) as exc:  # the rows themselves are wrong: refuse, keep serving
            savepoint.rollback()
            why = f"数据与中心不一致，未能写入：{str(exc.orig).splitlines()[0][:200]}"
            return Refusal(RowsRefusal.INCONSISTENT, why)
        savepoint.commit()
        return None

    # -- pull -------------------------------------------------------------------------------------

    def pull(self, workstation_id: str, token: str, cursor: int, snapshot: int | None, limit: int) -> PullPage:
        with self.store.sessions() as s:
            self.authenticate(s, workstation_id, token)
            head = s.scalar(select(func.max(RefLog.seq))) or 0
            reset = cursor > head  # a cursor the center never issued (e.g. a replaced database): reload all
            if reset:
                cursor, snapshot = 0, None
            snapshot = head if snapshot is None else min(snapshot, head)
            entries = s.scalars(
                select(RefLog).where(RefLog.seq > cursor, RefLog.seq <= snapshot).order_by(RefLog.seq).limit(limit)
            ).all()
            last = entries[-1].seq if entries else cursor
            return PullPage(reset, [json.loads(e.row) for e in entries], last, snapshot, last < snapshot)

    def status(self) -> CenterStatus:
        with self.store.sessions() as s:
            return CenterStatus(
                [
                    EnrolledMachine(
                        w.id, w.name, DeviceKind(w.kind), w.window_no, w.last_mutation_id, w.revoked, w.place
                    )
                    for w in s.scalars(select(Workstation).where(Workstation.credential_hash.is_not(None)))
                ],
                [
                    RefusedMutation(r.workstation_id, r.mutation_id, r.reason)
                    for r in s.scalars(select(ReceivedMutation).where(ReceivedMutation.status == "rejected"))
                ],
                s.scalar(select(func.max(RefLog.seq))) or 0,
            )
