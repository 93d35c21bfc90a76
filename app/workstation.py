"""This machine's identity as a workstation of the hall."""

import getpass
import socket

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.actor import system_actor
from app.signing import new_keypair
from app.uow import UnitOfWork
from db.models import LocalKey, Workstation
from db.models.base import new_id
from db.store import Store


def local_workstation(store: Store) -> Workstation:
    with store.sessions() as session:
        ws = session.scalar(select(Workstation).where(Workstation.is_local.is_(True)))
    return ws or _create(store, new_id(), f"工作站 {socket.gethostname()}")


def center_identity(store: Store, center_id: str) -> Workstation:
    """The center signs the notices it issues itself (decisions, special steps, receipts) with a
    key of its own, kept like a workstation's. Several center processes may start at once: the
    first one creates it."""
    with store.sessions() as session:
        ws = session.get(Workstation, center_id)
    if ws is not None:
        return ws
    try:
        return _create(store, center_id, "政务服务中心")
    except IntegrityError:
        with store.sessions() as session:  # created meanwhile by another process
            return session.get_one(Workstation, center_id)


def create_local(store: Store, ws_id: str, name: str) -> Workstation:
    """This store's workstation under a given id, before anything else opens it (the demo's past
    is played from a workstation whose id, and so whose numbers, come from a seed)."""
    return _create(store, ws_id, name)


def _create(store: Store, ws_id: str, name: str) -> Workstation:
    host = socket.gethostname()
    with UnitOfWork(store, system_actor(ws_id, os_user())) as uow:
        private, public = new_keypair()
        ws = Workstation(id=ws_id, name=name, hostname=host, is_local=True, public_key=public)
        uow.session.add(ws)
        uow.session.flush()
        uow.session.add(LocalKey(workstation_id=ws_id, private_key=private))
        uow.record("workstation.created", "workstation", ws_id, detail={"hostname": host})
        uow.commit()
    return ws


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def private_key(session, workstation_id: str) -> str:
    key = session.get(LocalKey, workstation_id)
    if key is None:
        raise RuntimeError("本工作站没有签名密钥")
    return key.private_key
