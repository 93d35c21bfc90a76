"""The center's HTTP interface (FastAPI; OpenAPI at /docs and /openapi.json).

Every request but /health carries the protocol and schema version, and every request but /health
and /v1/enroll the calling machine's id and credential; each route serves only the kinds of
machine it names (app.web.caller.device), and a refused machine's attempt is recorded.
Malformed, oversized, forged or stale requests get a 4xx with the reason, and one workstation's
flood cannot take the others' turn (one request at a time each, across every center process:
app.center.lease)."""

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from app.appointments.routes import appointment_router
from app.appointments.service import AppointmentService
from app.approval.routes import approval_router
from app.approval.service import ApprovalService
from app.authorizations.routes import authorization_router
from app.authorizations.service import AuthorizationService
from app.center.lease import SyncLeases
from app.center.push_policies import push_policies
from app.center.service import CENTER_ID, PROTOCOL, CenterService, Refused
from app.clock import Clock
from app.delivery.routes import delivery_router
from app.delivery.service import DeliveryService
from app.devices.scope import DeviceKind, DeviceRefused
from app.dossier.routes import dossier_router
from app.dossier.service import DossierService
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.hall_settings.routes import settings_router
from app.hall_settings.service import HallSettingsService
from app.help.proxy_letters import ProxyLetterService
from app.help.proxy_routes import proxy_letter_router
from app.help.requests import HelpService
from app.help.routes import help_router
from app.notices.routes import notice_router
from app.notices.service import NoticeService
from app.queue.routes import queue_router
from app.queue.service import QueueService
from app.supervision.ledger import LedgerService
from app.supervision.ledger_routes import ledger_router
from app.supervision.routes import supervision_router
from app.supervision.self_check import SelfCheckService
from app.supervision.self_check_routes import self_check_router
from app.supervision.service import SignalService
from app.sync.dto import Enrollment, Health, PullPage, PushResult
from app.trust.routes import session_router
from app.trust.rules import SESSION_REFUSED
from app.trust.sessions import SessionRefused, SessionService
from app.trust.staff import StaffService
from app.trust.staff_routes import staff_router
from app.web.caller import device
from app.workstation import center_identity
from db import migrate
from db.store import Store

MAX_BODY = 32 * 1024 * 1024
MAX_BATCH = 1000


class Versions(BaseModel):
    protocol: int
    schema_version: str = Field(alias="schema", max_length=64)


class EnrollRequest(Versions):
    code: str = Field(min_length=4, max_length=32)
    workstation_id: str = Field(min_length=36, max_length=36)
    name: str = Field(min_length=1, max_length=60)
    hostname: str = Field(default="", max_length=120)
    public_key: str | None = Field(default=None, min_length=20, max_length=80)  # a workstation's
    kind: DeviceKind | None = None  # what the machine says it is; the code decides, and must agree


class Mutation(BaseModel):
    id: int = Field(ge=1)
    payload: str = Field(max_length=MAX_BODY)  # JSON text, kept at the center as received
    signature: str = Field(default="", max_length=200)  # app.trust.signed.mutation_message, base64


class PushRequest(Versions):
    workstation_id: str = Field(min_length=36, max_length=36)
    mutations: list[Mutation] = Field(max_length=MAX_BATCH)


def create_app(store: Store) -> FastAPI:
    service = CenterService(store, migrate.head_revision(), push_policies(Clock()))
    app = FastAPI(
        title="政务服务中心 · 中心服务",
        version=str(PROTOCOL),
        description="工作站注册、变更上传（恰好一次）与基础数据下发。",
    )
    leases = SyncLeases(store)

    @app.middleware("http")
    async def limit_size(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY:
            return JSONResponse({"detail": f"请求过大（上限 {MAX_BODY // 2**20} MB）。"}, status_code=413)
        return await call_next(request)

    @app.exception_handler(Refused)
    async def refused(_request: Request, exc: Refused):
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(SessionRefused)
    async def session_refused(_request: Request, exc: SessionRefused):
        # Recorded where it was refused (app.trust.sessions); the client opens a new session once.
        return JSONResponse({"detail": str(exc), "code": SESSION_REFUSED}, status_code=401)

    @app.exception_handler(DeviceRefused)
    async def device_refused(request: Request, exc: DeviceRefused):
        attempt = f"{request.method} {request.url.path}"
        await run_in_threadpool(service.record_refusal, exc.device, attempt, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=403)

    @app.exception_handler(DomainError)
    async def domain_refused(_request: Request, exc: DomainError):
        status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, PermissionDenied) else 409
        body: dict[str, object] = {"detail": str(exc)}
        if isinstance(exc, ValidationFailed):  # the client shows each message beside its field
            body["errors"] = [{"field": e.field, "message": e.message} for e in exc.errors]
        return JSONResponse(body, status_code=status)

    @app.get("/health")
    def health() -> Health:
        return Health("ok", PROTOCOL, service.schema)

    @app.post("/v1/enroll")
    def enroll(body: EnrollRequest) -> Enrollment:
        service.check_versions(body.protocol, body.schema_version)
        done = service.enroll(body.code, body.workstation_id, body.name, body.hostname, body.public_key, body.kind)
        return Enrollment(body.workstation_id, done.credential, done.device.kind, done.device.window_no)

    workstation = Depends(device(DeviceKind.WORKSTATION))

    @app.post("/v1/push", dependencies=[workstation])
    def push(body: PushRequest, x_workstation: str = Header(), authorization: str = Header()) -> PushResult:
        service.check_versions(body.protocol, body.schema_version)
        if body.workstation_id != x_workstation:
            raise HTTPException(403, "请求内容中的工作站与凭证不符。")
        with leases.turn(x_workstation):
            mutations = [{"id": m.id, "payload": m.payload, "signature": m.signature} for m in body.mutations]
            return service.push(x_workstation, authorization.removeprefix("Bearer ").strip(), mutations)

    @app.get("/v1/pull", dependencies=[workstation])
    def pull(
        protocol: int,
        schema: str,
        cursor: int = 0,
        snapshot: int | None = None,
        limit: int = 1000,
        x_workstation: str = Header(),
        authorization: str = Header(),
    ) -> PullPage:
        service.check_versions(protocol, schema)
        if not 1 <= limit <= 5000 or cursor < 0:
            raise HTTPException(400, "分页参数无效。")
        with leases.turn(x_workstation):
            return service.pull(x_workstation, authorization.removeprefix("Bearer ").strip(), cursor, snapshot, limit)

    sessions = SessionService(store)
    app.include_router(session_router(sessions))
    app.include_router(staff_router(StaffService(store)))
    queue = QueueService(store)
    app.include_router(queue_router(queue))
    app.include_router(appointment_router(AppointmentService(store, queue=queue)))
    center_identity(store, CENTER_ID)  # signs the notices the center issues
    approvals = ApprovalService(store, CENTER_ID)
    app.include_router(approval_router(approvals))
    app.include_router(notice_router(NoticeService(store)))
    app.include_router(delivery_router(DeliveryService(store, CENTER_ID)))
    app.include_router(authorization_router(AuthorizationService(store)))
    app.include_router(settings_router(HallSettingsService(store)))
    app.include_router(dossier_router(DossierService(store)))
    app.include_router(proxy_letter_router(ProxyLetterService(store, CENTER_ID)))
    app.include_router(help_router(HelpService(store, CENTER_ID)))
    app.include_router(supervision_router(SignalService(store)))
    ledger = LedgerService(store)
    app.include_router(ledger_router(ledger))
    self_check = SelfCheckService(store)
    app.include_router(self_check_router(self_check))
    app.state.service = service
    app.state.sessions = sessions
    app.state.queue = queue
    app.state.ledger = ledger
    app.state.self_check = self_check
    app.state.leases = leases
    return app
