"""A center served on loopback from a thread or as its own process, workstations enrolled to it,
and what the tests read back at the center."""

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import NamedTuple

import httpx
from sqlalchemy import func, select

from app.actor import Actor
from app.auth import login
from app.authorizations.client import AuthorizationClient
from app.center.loopback import LoopbackCenter
from app.context import AppContext
from app.demo import DEMO_PASSWORD
from app.devices.credential import DeviceFile
from app.devices.enrollment import enroll_device
from app.devices.scope import DeviceKind
from app.sync.engine import SyncEngine
from app.trust.client import PersonSession
from db.models import Staff, StaffKey
from tests.helpers import QUICK_KEYS, ROOT, SET_UP, accept
from tests.store_templates import migrated_store, pg_seeded_center, seeded_center_store


def as_person(ctx: AppContext, client: type, staff_no: str, password: str = DEMO_PASSWORD):
    """A center client acting for `staff_no`, who logs in at this workstation with their password:
    their key, opened by it, opens their session at the center."""
    return acting_for(ctx, client, login(ctx.store, ctx.workstation_id, staff_no, password))


def acting_for(ctx: AppContext, client: type, actor: Actor, **options):
    """A center client acting for `actor`, already logged in at this workstation (the person a page
    was built for): their session at the center, opened with the key their login opened."""
    return client(ctx.store, ctx.workstation_id, session=PersonSession(actor), **options)


class People(dict):
    """Center clients of one kind at one workstation, by staff number: each person logs in there
    on first use, as they would at their own desk."""

    def __init__(self, ctx: AppContext, client: type):
        super().__init__()
        self.ctx, self.client = ctx, client

    def __missing__(self, staff_no: str):
        self[staff_no] = as_person(self.ctx, self.client, staff_no)
        return self[staff_no]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Center(LoopbackCenter):
    """A demo-seeded center on a free loopback port, set up on the tests' day with quick keys."""

    def __init__(self, url: str):
        if url.startswith("sqlite:///"):
            seeded_center_store(Path(url.removeprefix("sqlite:///")))
        super().__init__(url, SET_UP, QUICK_KEYS)

    def start(self, port: int = 0) -> str:
        return super().start(port)


@contextmanager
def serving(center: Center) -> Iterator[Center]:
    """`center` serving on loopback until the block ends."""
    center.start()
    try:
        yield center
    finally:
        center.stop()
        center.store.engine.dispose()


def sqlite_center(folder: Path) -> AbstractContextManager[Center]:
    """A demo-seeded center with its store in `folder`, serving until the block ends."""
    return serving(Center(f"sqlite:///{folder / 'center.sqlite3'}"))


def pg_center() -> AbstractContextManager[Center]:
    """A demo-seeded center on a throw-away PostgreSQL database, serving until the block ends."""
    return serving(Center(pg_seeded_center()))


class CaseAtCenter(NamedTuple):
    center: Center
    window: AppContext  # the workstation the case was accepted at
    desk: AppContext  # another enrolled workstation, to act from: its store and id reach the center
    desk_sync: SyncEngine
    case_no: str


@contextmanager
def center_with_a_case(tmp_path) -> Iterator[CaseAtCenter]:
    """A demo center on loopback holding one 食品经营许可（新办） case (一审一核) accepted at a window
    and synced to it, with a desk workstation to act from."""
    with sqlite_center(tmp_path) as center:
        window, window_sync = workstation(center, tmp_path, "window")
        desk, desk_sync = workstation(center, tmp_path, "desk")
        case_no = accept(window, "spjyxk").case_nos[0]
        assert window_sync.sync(retries=0).ok
        yield CaseAtCenter(center, window, desk, desk_sync, case_no)


def enrollment_codes(store, n: int) -> list[str]:
    """One-time codes made at the center's database, as `main.py center code` makes them."""
    from app.center.service import CenterService
    from db import migrate

    service = CenterService(store, migrate.head_revision())
    return [service.new_enrollment_code("pytest") for _ in range(n)]


def workstation(center: Center, folder: Path, name: str, place: str = "") -> tuple[AppContext, SyncEngine]:
    """A workstation enrolled and synced; `place`: where it stands outside the hall ("" in it)."""
    ctx = AppContext.open(migrated_store(folder / f"{name}.sqlite3"))
    # A stopped center is refused at once (connection refused); the time only bounds a slow answer,
    # which a 2-core machine running the suite on every core does give (3 s timed out there).
    engine = SyncEngine(ctx.store, ctx.workstation_id, timeout=20)
    engine.enroll(center.url, center.code(place=place))
    report = engine.sync(retries=0)
    assert report.ok, report.error
    ctx.catalog.invalidate()
    return ctx, engine


class CenterProcess:
    """`main.py center serve` as its own process on a free port, over HTTPS when given a
    certificate and key (`tls`) and the CA to check it with (`ca`); killed, never stopped politely."""

    def __init__(self, url: str, folder: Path, tls: tuple[Path, Path] | None = None, ca: Path | None = None):
        self.url, self.folder, self.tls = url, folder, tls
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.verify = ssl.create_default_context(cafile=ca) if ca else True

    @property
    def http(self) -> str:
        """The address workstations enroll with."""
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "HALL_DATA_DIR": str(self.folder / "center-data")}
        tls = ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])] if self.tls else []
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", "center", "serve", "--url", self.url, "--port", str(self.port), *tls],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        # One client for all the asking: each new one loads the CA bundle again (about 60 ms of CPU).
        with httpx.Client(timeout=0.5, verify=self.verify) as probe:
            while time.monotonic() < deadline:
                try:
                    if probe.get(f"{self.http}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    time.sleep(0.05)
        raise RuntimeError("center process did not come up")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
            self.proc = None


def device(center: Center, folder: Path, kind: DeviceKind, window_no: int | None = None) -> DeviceFile:
    """A kiosk, board or rating pad enrolled to the center with a code made for its kind."""
    file = DeviceFile(folder / f"{kind}-{window_no or ''}.json")
    enroll_device(file.path, center.url, center.code(kind, window_no), kind)
    return file


# -- read back at the center ---------------------------------------------------------------------


def center_count(center, model, **where):
    with center.store.sessions() as s:
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return s.scalar(query)


def last_applied(center, workstation_id: str) -> int:
    (mine,) = [w for w in center.app.state.service.status().workstations if w.id == workstation_id]
    return mine.last_mutation_id


def center_staff(center, staff_no: str) -> Staff:
    with center.store.sessions() as s:
        person = s.scalar(select(Staff).where(Staff.staff_no == staff_no))
        s.expunge(person)
    return person


def center_keys(center, staff_no: str) -> list[StaffKey]:
    with center.store.sessions() as s:
        found = s.scalars(
            select(StaffKey).join(Staff, Staff.id == StaffKey.staff_id).where(Staff.staff_no == staff_no)
        ).all()
        s.expunge_all()
    return sorted(found, key=lambda k: k.valid_from)


def revoke_over_http(desk, holder_no: str) -> None:
    letters = People(desk, AuthorizationClient)
    (letter,) = [r for r in letters["M001"].letters() if r.holder_no == holder_no]
    letters["M001"].revoke(letter.id, "首席代表岗位调整")
