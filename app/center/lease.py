"""One push or pull at a time per workstation at the center, however many processes serve it.

`python main.py center --workers N` runs N processes on one database, so a lock in memory holds in
one of them only. A workstation's turn is a row instead (sync_leases), taken by one conditional
upsert: insert the lease, or on conflict overwrite it only where the lease there has expired. It
either writes (the turn is ours) or changes nothing (another request has it). PostgreSQL makes a
second upsert on the same key wait for the first to commit and then re-checks the condition;
SQLite has one writer at a time. So two requests never both win, on either backend, and different
workstations are different rows that never wait for each other's lease.

Chosen over PostgreSQL advisory locks: a session lock would pin a second pooled connection for
the whole request beside the one doing the work, SQLite has nothing like it, and a lock cannot be
taken over after a while. A lease can: a process killed mid-request leaves its row behind, and
the workstation gets its turn back when the lease expires (LEASE). `main.py center` clears every
lease when it starts, since no request outlives the processes that served it.

The lease keeps one workstation's flood from taking every worker and connection; nothing relies
on it for correctness. A push locks its workstation's row and applies its batch in one
transaction, and a pull only reads, so a request that outlives its lease is harmless. For the
same reason a lease is not flushed to disk before the answer (synchronous_commit off; SQLite runs
synchronous=NORMAL): one lost in a database crash frees its workstation, which is what expiry
does anyway. Expiry compares the center processes' clocks, which share one host or NTP."""

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Connection, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from app.center.service import Refused
from db.engine import WRITE
from db.models import SyncLease
from db.models.base import utc_now
from db.store import Store

# Far longer than a request takes (a full batch of 1,000 mutations applies in about a second), short
# enough that a workstation whose request died with its process waits at most a minute.
LEASE = timedelta(seconds=60)
BUSY = "该工作站已有同步请求在处理中，请稍后重试。"

log = logging.getLogger(__name__)


class SyncLeases:
    def __init__(self, store: Store, lease: timedelta = LEASE):
        self.store, self.lease = store, lease
        self._insert = postgresql.insert if store.engine.dialect.name == "postgresql" else sqlite.insert

    @contextmanager
    def turn(self, workstation_id: str) -> Iterator[None]:
        """The workstation's turn for the length of the block, or Refused(429) while another has it."""
        holder = secrets.token_hex(16)
        if not self._take(workstation_id, holder):
            raise Refused(429, BUSY)
        try:
            yield
        finally:
            self._give_back(workstation_id, holder)

    def clear(self) -> None:
        """Every lease: at start-up, when no request of a previous run can still be in progress."""
        with self._begin() as conn:
            conn.execute(delete(SyncLease))

    def _take(self, workstation_id: str, holder: str) -> bool:
        at = utc_now()
        statement = self._insert(SyncLease).values(
            workstation_id=workstation_id, holder=holder, expires_at=at + self.lease
        )
        statement = statement.on_conflict_do_update(
            index_elements=[SyncLease.workstation_id],
            set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
            where=SyncLease.expires_at <= at,  # the row already there: taken over only once expired
        )
        with self._begin() as conn:  # a row comes back only when the upsert wrote ours
            return conn.execute(statement.returning(SyncLease.holder)).scalar_one_or_none() == holder

    def _give_back(self, workstation_id: str, holder: str) -> None:
        """Only our own lease: one that expired and was taken over belongs to the newer request."""
        try:
            with self._begin() as conn:
                conn.execute(
                    delete(SyncLease).where(SyncLease.workstation_id == workstation_id, SyncLease.holder == holder)
                )
        except SQLAlchemyError:  # the answer stands (its work is committed); the lease expires by itself
            log.warning("sync lease of %s not given back; it expires within %s", workstation_id, self.lease)

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        with self.store.engine.execution_options(**WRITE).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            yield conn
