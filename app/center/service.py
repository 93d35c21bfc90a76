"""Center use cases: enrollment, authenticated pushes applied exactly once, and reference pulls."""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.acceptance.applicant import applicant_from_json
from app.acceptance.numbering import CENTER_ID, series, series_taken_by
from app.actor import Actor, Role, system_actor
from app.approval.people import person_of
from app.approval.rules import ON_THE_SPOT_STEP, letter_for
from app.clock import Clock
from app.devices.scope import Device, DeviceKind, DeviceRefused, code_problem, kind_mismatch, revoked, scope_refusal
from app.errors import DomainError
from app.help.links import link_proxy_cases
from app.help.proxy_rule import ProxyRefused, allowing_letter
from app.replication import (
    CATALOG_TABLES,
    PUSHED_TABLES,
    WORKSTATION_TABLES,
    append_ref_log,
    apply_rows,
    encode,
    insert_new,
)
from app.trust.push import MACHINE, check_signatures, claims_refusal, named_people, record_login_failures
from app.uow import UnitOfWork, now
from db.bulk import insert_rows
from db.models import (
    Application,
    ApplicationMatter,
    Case,
    EnrollmentCode,
    Matter,
    ReceivedMutation,
    RefLog,
    Staff,
    Window,
    Workstation,
)
from db.store import Store

PROTOCOL = 1
ON_THE_SPOT = "即办"  # the case kind a workstation may decide at acceptance
DECIDED_ON_THE_SPOT = ("decision", "decided_at")
DECIDED_AT_CENTER = ("decision", "decided_at", "extension_days", "extension_reason", "extension_by", "paused_days")
NEW_CASE = {
    "decision": None,
    "decided_at": None,
    "extension_days": 0,
    "extension_reason": "",
    "extension_by": "",
    "paused_days": 0,
}


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


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Enrolled:
    credential: str
    device: Device


def device_of(ws: Workstation) -> Device:
    return Device(ws.id, DeviceKind(ws.kind), ws.window_no)


@dataclass(frozen=True)
class PushResult:
    last_applied: int
    applied: list[int]
    rejected: list[dict]  # {"id": n, "reason": "..."}
    skipped: list[int]  # already applied before: a repeated delivery


class CenterService:
    def __init__(self, store: Store, schema: str):
        self.store = store
        self.schema = schema

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
        self, by: str, kind: DeviceKind = DeviceKind.WORKSTATION, window_no: int | None = None
    ) -> str:
        """A one-time code that enrolls one machine of `kind` (a rating pad: for window `window_no`)."""
        kind = DeviceKind(kind)
        problem = code_problem(kind, window_no)
        if problem:
            raise Refused(422, problem)
        code = secrets.token_hex(4).upper()
        with UnitOfWork(self.store, self._actor()) as uow:
            s = uow.session
            if window_no is not None and s.scalar(select(Window.id).where(Window.number == window_no)) is None:
                raise Refused(404, f"中心没有 {window_no} 号窗口，不能为它生成评价器的注册码。")
            s.add(EnrollmentCode(code_hash=_hash(code), created_by=by, kind=kind, window_no=window_no))
            masked, detail = code[:2] + "******", {"kind": kind, "window_no": window_no}
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
                )
            )
            detail = {"name": name, "kind": device.kind, "window_no": device.window_no}
            uow.record("center.workstation_enrolled", "workstation", workstation_id, detail=detail)
            uow.commit()
        return Enrolled(token, device)

    @staticmethod
    def _series_free(s: Session, workstation_id: str) -> None:
        """A workstation's notices and cases carry its series (app.acceptance.numbering): two
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
            roles = self._roles(s, {str(m["payload"].get("by", "")) for m in fresh})
            held = named_people(s, fresh)
            cases = self._cases_held(s, fresh)
            verdicts = {
                m["id"]: signed[m["id"]].refusal
                or claims_refusal(m["payload"], held)
                or (None if signed[m["id"]].by == MACHINE else self._authorize(roles, m["payload"]))
                or self._decided_here(s, m["payload"], cases)
                or self._proxy_refusal(s, m["payload"])
                for m in fresh
            }
            if not self._apply_together(s, [m for m in fresh if verdicts[m["id"]] is None]):
                for m in fresh:  # something in the batch needs care: one mutation at a time
                    if verdicts[m["id"]] is None:
                        verdicts[m["id"]] = self._apply_alone(s, m["payload"])
            received_at = now()
            for m in fresh:  # proxy submissions fill in the help requests behind them; failed logins count
                if verdicts[m["id"]] is None:
                    link_proxy_cases(s, m["payload"].get("rows", []), str(m["payload"].get("by", "")), Clock())
                    record_login_failures(s, workstation_id, m["payload"], received_at)
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
                        "reason": verdicts[m["id"]] or "",
                        "payload": m["text"],
                    }
                    for m in fresh
                ],
            )
            applied = [m["id"] for m in fresh if not verdicts[m["id"]]]
            rejected = [{"id": m["id"], "reason": verdicts[m["id"]]} for m in fresh if verdicts[m["id"]]]
            ws.last_mutation_id = last
            if fresh:
                uow.record(
                    "center.mutations_received",
                    "workstation",
                    workstation_id,
                    detail={
                        "first": fresh[0]["id"],
                        "last": last,
                        "rejected": [r["id"] for r in rejected],
                        "signed_by": sorted({v.by for v in signed.values() if v.by}),  # verified, not claimed
                    },
                )
            uow.commit()
        return PushResult(last, applied, rejected, skipped)

    def _apply_together(self, s: Session, batch: list[dict]) -> bool:
        """The common case: every row of every mutation in one savepoint, inserted table by table."""
        rows = [row for m in batch for row in m["payload"].get("rows", [])]
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

    def _apply_alone(self, s: Session, payload: dict) -> str | None:
        rows = payload.get("rows", [])
        savepoint = s.begin_nested()
        try:
            why = self._conflicts(s, rows)
            if why:
                savepoint.rollback()
                return why
            apply_rows(s, rows)
            append_ref_log(s, rows)
            s.flush()
        except (IntegrityError, DataError) as exc:  # the rows themselves are wrong: refuse, keep serving
            savepoint.rollback()
            return f"数据与中心不一致，未能写入：{str(exc.orig).splitlines()[0][:200]}"
        savepoint.commit()
        return None

    def _roles(self, s: Session, staff_nos: set[str]) -> dict[str, tuple[str, set[str]]]:
        """staff number -> (name, roles) of the active staff among them, looked up at the center."""
        return {
            staff.staff_no: (staff.name, {r.role for r in staff.roles})
            for staff in s.scalars(select(Staff).where(Staff.staff_no.in_(staff_nos), Staff.active.is_(True)))
        }

    def _authorize(self, roles: dict[str, tuple[str, set[str]]], payload: dict) -> str | None:
        """The center re-checks who did it: the role is looked up here, not taken from the workstation."""
        rows = payload.get("rows", [])
        if not rows:
            return None
        by = str(payload.get("by", ""))
        if by not in roles:
            return f"操作人“{by}”不是中心登记的在岗工作人员，变更被拒绝。"
        name, held = roles[by]
        tables = {row["t"] for row in rows}
        if tables - PUSHED_TABLES:  # staff, letters, the hall's settings: written at the center only
            return "工作站提交了只能在中心维护的数据（人员、授权书或大厅设置等），变更被拒绝。"
        if tables & CATALOG_TABLES and Role.MANAGER not in held:
            return f"{name}（{by}）无权修改事项目录（仅限大厅管理员），变更被拒绝。"
        if tables & WORKSTATION_TABLES and Role.CLERK not in held and Role.MANAGER not in held:
            return f"{name}（{by}）不是综合窗口工作人员，不能受理申请，变更被拒绝。"
        return None

    def _cases_held(self, s: Session, fresh: list[dict]) -> dict[str, Case]:
        """The center's copies of the cases a batch carries, read in one query (most are new)."""
        ids = {
            row["v"]["id"]
            for m in fresh
            for row in m["payload"].get("rows", [])
            if row["t"] == "cases" and row["op"] == "upsert"
        }
        return {c.id: c for c in s.scalars(select(Case).where(Case.id.in_(ids)))} if ids else {}

    def _decided_here(self, s: Session, payload: dict, cases_held: dict[str, Case]) -> str | None:
        """A case's review, decision, extension and pauses are made at the center (app.approval); a
        workstation may create cases and decide only a 即办件, at acceptance, under a letter the
        center holds for the person who accepted it."""
        rows = [row for row in payload.get("rows", []) if row["t"] in ("cases", "review_steps")]
        cases = {row["v"]["id"]: row["v"] for row in rows if row["t"] == "cases" and row["op"] == "upsert"}
        on_the_spot = {}
        for row in rows:
            if row["t"] != "review_steps":
                continue
            step, case = row["v"], cases.get(row["v"].get("case_id"))
            if (
                row["op"] != "upsert"
                or case is None
                or case.get("kind") != ON_THE_SPOT
                or step.get("step") != ON_THE_SPOT_STEP
                or step.get("seq") != 1
                or step.get("staff_no") != payload.get("by")
            ):
                return "审批环节只能在中心办理，工作站提交的审批记录被拒绝。"
            on_the_spot[case["id"]] = step
        for case_id, row in cases.items():
            current = cases_held.get(case_id)
            for column in DECIDED_AT_CENTER:
                ours = encode(current)["v"][column] if current is not None else NEW_CASE[column]
                on_the_spot_decision = current is None and case_id in on_the_spot and column in DECIDED_ON_THE_SPOT
                if row.get(column, ours) != ours and not on_the_spot_decision:
                    return f"办件 {row.get('case_no', '')} 的审批决定、延期和暂停只能在中心办理，工作站的修改被拒绝。"
            if current is None and row.get("kind") == ON_THE_SPOT:
                why = self._on_the_spot_refusal(s, row, on_the_spot.get(case_id), str(payload.get("by", "")))
                if why:
                    return why
        return None

    def _on_the_spot_refusal(self, s: Session, case: dict, step: dict | None, by: str) -> str | None:
        letter = None
        if step is not None and case.get("decision") == "准予":
            department_id = s.scalar(select(Matter.department_id).where(Matter.id == case["matter_id"]))
            accepted_on = date.fromisoformat(case["accepted_on"])
            person = person_of(s, by)
            if department_id is not None:  # a matter unknown here: no letter covers it
                letter = letter_for(person, department_id, case["matter_id"], accepted_on)
        if step is None or letter is None or letter.document_no != step["authorization_no"]:
            return f"办件 {case.get('case_no', '')} 作为即办件当场办结，但办理人在中心没有该事项的有效授权，被拒绝。"
        return None

    def _proxy_refusal(self, s: Session, payload: dict) -> str | None:
        """A proxy submission needs the applicant's 委托书 as the center holds it (app.help.proxy_rule):
        the workstation checked its pulled copy, which may be stale (revoked since) or altered. Checked
        when the application is submitted or brought back (new here, or its applicant, day of receipt
        or letter changed), not when a later step such as the automatic acceptance touches it."""
        rows = payload.get("rows", [])
        pushed: dict[str, list[str]] = {}
        for row in rows:
            if row["t"] == "application_matters" and row["op"] == "upsert":
                pushed.setdefault(row["v"]["application_id"], []).append(row["v"]["matter_version_id"])
        for row in rows:
            if row["t"] != "applications" or row["op"] != "upsert":
                continue
            v = row["v"]
            try:
                applicant, received_on = applicant_from_json(v["applicant"]), date.fromisoformat(v["received_on"])
            except (KeyError, TypeError, ValueError):  # a workstation's bug or tampering must not stop the batch
                return "申请记录中的申请人或收件日期格式无效，被拒绝。"
            if applicant.proxy is None and v.get("proxy_letter_id") is None:
                continue  # in person
            current = s.get(Application, v["id"])
            ours = encode(current)["v"] if current is not None else {}
            if all(v.get(key) == ours.get(key) for key in ("applicant", "received_on", "proxy_letter_id")):
                continue
            version_ids = pushed.get(v["id"]) or s.scalars(
                select(ApplicationMatter.matter_version_id).where(ApplicationMatter.application_id == v["id"])
            )
            try:
                letter_id = allowing_letter(s, applicant, tuple(version_ids), received_on)
            except ProxyRefused as exc:
                return f"{applicant.display_name}的申请由代理人办理，按中心登记的委托书不能受理：{exc}"
            if letter_id != v.get("proxy_letter_id"):
                return f"{applicant.display_name}的申请所记录的委托书与代理关系不符，被拒绝。"
        return None

    def _conflicts(self, s: Session, rows: list[dict]) -> str | None:
        """Shared rows carry a version: a stale write is refused and shown, never applied blindly."""
        for row in rows:
            if row["t"] != "matters" or row["op"] != "upsert":
                continue
            current = s.get(Matter, row["v"]["id"])
            if current is not None and row["v"]["row_version"] != current.row_version + 1:
                return (
                    f"版本冲突：事项 {current.code} 在中心已是第 {current.row_version} 版，"
                    f"工作站基于旧版本修改，请更新后重新编辑。"
                )
        return None

    # -- pull -------------------------------------------------------------------------------------

    def pull(self, workstation_id: str, token: str, cursor: int, snapshot: int | None, limit: int) -> dict:
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
            return {
                "reset": reset,
                "rows": [json.loads(e.row) for e in entries],
                "cursor": last,
                "snapshot": snapshot,
                "more": last < snapshot,
            }

    def status(self) -> dict:
        with self.store.sessions() as s:
            return {
                "workstations": [
                    {
                        "id": w.id,
                        "name": w.name,
                        "kind": w.kind,
                        "window_no": w.window_no,
                        "last_mutation_id": w.last_mutation_id,
                        "revoked": w.revoked,
                    }
                    for w in s.scalars(select(Workstation).where(Workstation.credential_hash.is_not(None)))
                ],
                "rejected": [
                    {"workstation_id": r.workstation_id, "mutation_id": r.mutation_id, "reason": r.reason}
                    for r in s.scalars(select(ReceivedMutation).where(ReceivedMutation.status == "rejected"))
                ],
                "reference_head": s.scalar(select(func.max(RefLog.seq))) or 0,
            }
