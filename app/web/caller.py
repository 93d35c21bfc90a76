"""What every device and workstation route shares: the FastAPI dependency that checks the
protocol and schema versions and the calling machine's credential from the request headers, and
grants the route to the kinds of machine it names (app.devices.scope); and, for a route that acts
for a person, that person as their session at the center proves them.

Each route declares its kinds, `Depends(device(DeviceKind.KIOSK))`; the grant is read back from
the app (tests/test_device_scope.py walks every route). Person routes build on
`device(DeviceKind.WORKSTATION)`."""

import json

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from app.actor import Actor
from app.devices.scope import Device, DeviceKind
from app.errors import PermissionDenied


class DeviceGrant:
    """The dependency itself: the calling machine, if it is enrolled, not revoked and of a kind in
    `kinds`; otherwise 401 (no valid credential) or 403 recorded at the center
    (app.center.server answers DeviceRefused)."""

    def __init__(self, kinds: frozenset[DeviceKind]):
        self.kinds = kinds

    def __call__(
        self,
        request: Request,
        x_workstation: str = Header(),
        authorization: str = Header(),
        x_protocol: int = Header(default=0),  # missing: a workstation older than these headers, told
        x_schema: str = Header(default=""),  # to upgrade (426) like any other outdated one
    ) -> Device:
        center = request.app.state.service
        center.check_versions(x_protocol, x_schema)
        return center.admit(x_workstation, authorization.removeprefix("Bearer ").strip(), self.kinds)


def device(*kinds: DeviceKind) -> DeviceGrant:
    return DeviceGrant(frozenset(kinds))


async def proven(
    request: Request,
    machine: Device = Depends(device(DeviceKind.WORKSTATION)),  # noqa: B008
    x_session: str = Header(default=""),
) -> Actor:
    """The person acting, proven by the session the center issued to them at this workstation
    (app.trust.sessions): the one way any route learns who acts. A request without a valid
    session is refused with 401, and one that still names who is acting (a staff number in its
    query or body) with 403: both are recorded, nothing is changed. Routes take the person
    through `acting` (`actor: Actor = PERSON`); only the password change and logout take them straight
    from here."""
    sessions = request.app.state.sessions
    if "staff_no" in request.query_params or await _names_actor(request):
        await run_in_threadpool(sessions.refuse_claim, machine.id, f"{request.method} {request.url.path}")
    return await run_in_threadpool(sessions.actor, x_session, machine.id)


async def _names_actor(request: Request) -> bool:
    body = await request.body()  # cached: the route still reads it
    if b"staff_no" not in body:
        return False
    try:
        parsed = json.loads(body)
    except ValueError:
        return False
    return isinstance(parsed, dict) and "staff_no" in parsed


def acting(actor: Actor = Depends(proven)) -> Actor:  # noqa: B008
    """The person acting, who has changed the initial password a manager gave them: until they
    have, the manager who handed it over could act as them, so nothing else is served."""
    if actor.must_change_password:
        raise PermissionDenied("请先修改管理员给您的初始密码，修改后才能办理业务。")
    return actor


PERSON = Depends(acting)  # a route's `actor: Actor = PERSON`: the person acting, proven by their session
