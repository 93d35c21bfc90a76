"""The FastAPI dependency every device and workstation route shares: the protocol and schema
versions and an enrolled, unrevoked workstation's credential, from the request headers."""

from collections.abc import Callable

from fastapi import Header

from app.center.service import CenterService


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
