"""What every device and workstation route shares: the FastAPI dependency that checks the
protocol and schema versions and an enrolled, unrevoked workstation's credential from the
request headers, and the body naming the person acting."""

from collections.abc import Callable

from fastapi import Header
from pydantic import BaseModel, Field

from app.center.service import CenterService


class Acting(BaseModel):
    """A request body naming the person acting; their roles are looked up at the center."""

    staff_no: str = Field(min_length=1, max_length=20)


def enrolled_caller(center: CenterService) -> Callable[..., str]:
    def caller(
        x_workstation: str = Header(),
        authorization: str = Header(),
        x_protocol: int = Header(),
        x_schema: str = Header(),
    ) -> str:
        center.check_versions(x_protocol, x_schema)
        with center.store.sessions() as s:
            center.authenticate(s, x_workstation, authorization.removeprefix("Bearer ").strip())
        return x_workstation

    return caller
