"""A demo center on loopback with one enrolled machine of each kind (and a revoked one of each),
a person's session at its workstation, and the walk over every route of its OpenAPI: what the
device-scope and person-session tests share."""

import re
import uuid

import httpx
from fastapi.routing import APIRoute
from sqlalchemy import select

from app.center.service import PROTOCOL
from app.demo import DEMO_PASSWORD
from app.devices.scope import Device, DeviceKind
from app.trust.keys import unwrap
from app.trust.signed import challenge_message, sign
from app.web.caller import DeviceGrant
from db.models import AuditEntry, Staff
from tests.sync_harness import Center

try:  # newer FastAPI resolves included routers lazily; their routes (and dependencies) are read so
    from fastapi.routing import iter_route_contexts
except ImportError:  # older FastAPI copies every included route into app.routes

    def iter_route_contexts(routes):
        return routes


PUBLIC = {("GET", "/health"), ("POST", "/v1/enroll")}  # before a machine has a credential
PAD_WINDOW = 1


def grants(route) -> list[frozenset[DeviceKind]]:
    """The device grants a route depends on, directly or through another dependency."""
    found, todo = [], [route.dependant]
    while todo:
        dependant = todo.pop()
        if isinstance(dependant.call, DeviceGrant):
            found.append(dependant.call.kinds)
        todo.extend(dependant.dependencies)
    return found


class Hall:
    """A demo center on loopback, with one machine of each kind and a revoked one of each."""

    def __init__(self, folder):
        self.center = Center(f"sqlite:///{folder / 'center.sqlite3'}")
        self.center.start()
        self.store, self.app = self.center.store, self.center.app
        self.service = self.app.state.service
        self.http = httpx.Client(base_url=self.center.url)
        self.keys: dict = {}  # staff number -> their key, opened once by their password
        self.machines = {kind: self.enroll(kind) for kind in DeviceKind}
        self.revoked = {kind: self.enroll(kind) for kind in DeviceKind}
        for device, _token in self.revoked.values():
            self.service.revoke(device.id)

    def enroll(self, kind: DeviceKind, window_no: int | None = None) -> tuple[Device, str]:
        if kind == DeviceKind.RATING_PAD:
            window_no = window_no or PAD_WINDOW
        code = self.service.new_enrollment_code("pytest", kind, window_no)
        machine_id = str(uuid.uuid4())
        enrolled = self.service.enroll(code, machine_id, f"测试{kind}", "host", "k" * 44, kind)
        return enrolled.device, enrolled.credential

    def headers(self, machine: tuple[Device, str], session: str = "") -> dict:
        device, token = machine
        headers = {
            "X-Workstation": device.id,
            "Authorization": f"Bearer {token}",
            "X-Protocol": str(PROTOCOL),
            "X-Schema": self.service.schema,
        }
        return headers | ({"X-Session": session} if session else {})

    def session(self, machine: tuple[Device, str], staff_no: str = "M001") -> str:
        """A person's session at this machine, opened as their client opens it: the center's
        challenge signed with their key, opened by their password."""
        if staff_no not in self.keys:
            with self.store.sessions() as s:
                wrapped = s.scalar(select(Staff.signing_key).where(Staff.staff_no == staff_no))
            self.keys[staff_no] = unwrap(wrapped, DEMO_PASSWORD, staff_no)
        key = self.keys[staff_no]
        nonce = self.http.get("/v1/session/challenge", headers=self.headers(machine)).json()["nonce"]
        signature = sign(key, challenge_message(nonce, machine[0].id, staff_no))
        body = {"person": staff_no, "nonce": nonce, "signature": signature}
        return self.http.post("/v1/session", headers=self.headers(machine), json=body).json()["token"]

    def audit(self) -> list[tuple[str, str, str]]:
        with self.store.sessions() as s:
            rows = s.execute(select(AuditEntry.action, AuditEntry.workstation_id, AuditEntry.reason)).all()
        return [tuple(r) for r in rows]


def api_routes(app) -> list:
    """Every API route as served, with the dependencies of the routers it was included through."""
    return [r for r in iter_route_contexts(app.routes) if isinstance(r.original_route, APIRoute)]


def concrete(path: str) -> str:
    """A request path for a route's template: the pad's own window, a real action, an unknown id."""
    values = {"window_no": str(PAD_WINDOW), "action": "recall"}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "00000000-0000-0000-0000-000000000000"), path)


def operations(app):
    for route in api_routes(app):
        for method in sorted(route.methods):
            yield method, route
