"""The hall's staff at the center: the manager's list, a new person, a password reset and lifting a
lock-out (the person they concern is named in the path: the object, never the actor), and anyone's
own password change. The actor comes from their session (app.web.caller); no request carries a
password, only keys wrapped on the machine where the password was typed."""

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from app.actor import Actor, Role
from app.trust.dto import StaffOverview
from app.trust.keys import MAX_WRAPPED
from app.trust.staff import StaffService
from app.trust.staff_fields import MAX_NAME, MAX_REASON, NewStaff
from app.web.caller import PERSON, proven

SLACK = 20  # a little over each limit: the service answers a longer value beside its field


class WrappedKey(BaseModel):
    wrapped_key: str = Field(max_length=MAX_WRAPPED)


class NewKey(WrappedKey):
    public_key: str = Field(max_length=64)


class OwnKey(WrappedKey):
    public_key: str | None = Field(default=None, max_length=64)  # a key of one's own, at the first change


class NewStaffRequest(NewKey):
    name: str = Field(max_length=MAX_NAME + SLACK)
    roles: list[Role] = Field(max_length=len(Role))
    department_id: str | None = Field(default=None, max_length=36)
    window_no: int | None = Field(default=None, ge=1, le=999)


class ResetRequest(NewKey):
    reason: str = Field(max_length=MAX_REASON + SLACK)


class UnlockRequest(BaseModel):
    reason: str = Field(max_length=MAX_REASON + SLACK)


def staff_router(staff: StaffService) -> APIRouter:
    router = APIRouter(prefix="/v1")

    @router.get("/staff")
    def overview(actor: Actor = PERSON) -> StaffOverview:
        return staff.overview(actor)

    @router.post("/staff/{target}")
    def create(body: NewStaffRequest, target: str = Path(max_length=40), actor: Actor = PERSON) -> None:
        values = NewStaff(target, body.name, tuple(body.roles), body.department_id, body.window_no)
        staff.create(actor, values, body.wrapped_key, body.public_key)

    @router.post("/staff/{target}/reset")
    def reset(body: ResetRequest, target: str = Path(max_length=40), actor: Actor = PERSON) -> None:
        staff.reset(actor, target, body.wrapped_key, body.public_key, body.reason)

    @router.post("/staff/{target}/unlock")
    def unlock(body: UnlockRequest, target: str = Path(max_length=40), actor: Actor = PERSON) -> None:
        staff.unlock(actor, target, body.reason)

    # Before the initial password is changed too: this is how it is changed.
    @router.put("/password")
    def change_own(body: OwnKey, actor: Actor = Depends(proven)) -> None:  # noqa: B008
        staff.change_own(actor, body.wrapped_key, body.public_key)

    return router
