"""Person sessions at the center. A workstation asks for a one-time challenge; the person signs it
with their key (opened by their password, at that workstation); the center checks the signature
against the person's key in force and answers with a session token bound to that workstation.
Every route that acts for a person takes its actor from such a session (app.web.caller), so
the center never believes a staff number a machine names.

Only the token's hash is stored. Sessions end when idle, after a working day, at logout and at
lock; a bad signature counts as a failed login toward the hall-wide lock-out."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.auth import actor_of
from app.clock import Clock
from app.errors import DomainError, PermissionDenied
from app.trust.rules import CHALLENGE_TTL, SessionTimes, locked, session_refusal
from app.trust.signed import challenge_message, verify
from app.uow import UnitOfWork
from db.models import LoginFailure, PersonSession, SessionChallenge, Staff, StaffKey
from db.store import Store

# A session's last use is written at most this often: a request is not a write.
TOUCH_EVERY_S = 60


class ClaimedActor(PermissionDenied):
    """A request named the person acting itself (a staff number in its query or body): refused
    with 403 and recorded, whatever session it carries."""


class SessionRefused(DomainError):
    """The request names no valid session of a person at this workstation: HTTP 401, recorded.
    The client opens a new session (its person's key is in memory) and tries once more."""


@dataclass(frozen=True)
class Opened:
    token: str
    staff_no: str
    started_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    def _now(self) -> datetime:
        return self.clock.utc_now()

    def _gate(self, workstation_id: str, staff_no: str = "") -> Actor:
        return Actor(None, staff_no or "(未知)", "登录", frozenset(), workstation_id)

    # -- opening ------------------------------------------------------------------------------------

    def challenge(self, workstation_id: str) -> str:
        nonce = secrets.token_urlsafe(32)
        with self.store.sessions.begin() as s:
            s.add(SessionChallenge(nonce=nonce, workstation_id=workstation_id, created_at=self._now()))
        return nonce

    def open(self, workstation_id: str, staff_no: str, nonce: str, signature: str) -> Opened:
        """The person proved themselves by signing the challenge; refused (and recorded) otherwise."""
        at = self._now()
        with UnitOfWork(self.store, self._gate(workstation_id, staff_no), self.clock) as uow:
            s = uow.session
            challenge = s.get(SessionChallenge, nonce, with_for_update=True)
            if challenge is None or challenge.workstation_id != workstation_id or challenge.used_at is not None:
                self._refuse(uow, "登录验证码无效或已使用，请重新登录。", staff_no)
            if at - challenge.created_at > CHALLENGE_TTL:
                self._refuse(uow, "登录验证码已过期，请重新登录。", staff_no)
            challenge.used_at = at
            staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no))
            if staff is None or not staff.active:
                self._refuse(uow, f"“{staff_no}”不是中心登记的在岗工作人员。", staff_no)
            if staff.locked_until is not None and staff.locked_until > at:
                self._refuse(uow, "账号因密码连续错误已被锁定，请稍后再试或联系大厅管理员解锁。", staff_no)
            keys = s.scalars(
                select(StaffKey.public_key).where(StaffKey.staff_id == staff.id, StaffKey.revoked_at.is_(None))
            )
            message = challenge_message(nonce, workstation_id, staff_no)
            if not any(verify(key, message, signature) for key in keys):
                self._failed(s, staff, workstation_id, at)
                self._refuse(uow, "电子签名验证失败：与中心登记的本人密钥不符，不能登录中心。", staff_no)
            token = secrets.token_urlsafe(32)
            s.add(
                PersonSession(
                    token_hash=_hash(token),
                    staff_id=staff.id,
                    workstation_id=workstation_id,
                    started_at=at,
                    last_used_at=at,
                )
            )
            uow.actor = actor_of(staff, workstation_id)
            uow.record("auth.session_opened", "staff", staff.id, detail={"workstation": workstation_id})
            uow.commit()
        return Opened(token, staff_no, at)

    def _failed(self, s: Session, staff: Staff, workstation_id: str, at: datetime) -> None:
        s.add(LoginFailure(staff_id=staff.id, at=at, workstation_id=workstation_id))
        s.flush()
        until = locked(list(s.scalars(select(LoginFailure.at).where(LoginFailure.staff_id == staff.id))), at)
        if until is not None:
            staff.locked_until = until

    def _refuse(self, uow: UnitOfWork, why: str, staff_no: str = "") -> NoReturn:
        """Records the refused attempt (with whatever else this unit of work holds) and raises."""
        uow.record("auth.session_refused", "staff", staff_no or "-", reason=why)
        uow.commit()
        raise SessionRefused(why)

    # -- using ----------------------------------------------------------------------------------------

    def actor(self, token: str, workstation_id: str) -> Actor:
        """The person a session proves, at the workstation it was opened from."""
        at = self._now()
        if not token:
            self.refused(workstation_id, "此操作须由本人登录后办理（缺少登录会话），请重新登录。")
        with self.store.sessions() as s:
            found = s.get(PersonSession, _hash(token))
            staff = s.get(Staff, found.staff_id) if found is not None else None
            why = None
            if found is None or staff is None:
                why = "登录会话无效，请重新登录。"
            elif found.workstation_id != workstation_id:
                why = "登录会话不属于这台工作站，不能在此使用。"
            elif not staff.active:
                why = "该工作人员已停用。"
            elif staff.locked_until is not None and staff.locked_until > at:
                why = "账号已被锁定，请联系大厅管理员解锁。"
            else:
                why = session_refusal(SessionTimes(found.started_at, found.last_used_at, found.ended_at), at)
                if why is None:
                    actor = actor_of(staff, workstation_id, must_change_password=staff.must_change_password)
                    stale = (at - found.last_used_at).total_seconds() > TOUCH_EVERY_S
        if why is not None:
            self.refused(workstation_id, why, staff.staff_no if staff is not None else "")
        if stale:
            with self.store.sessions.begin() as s:
                s.get_one(PersonSession, _hash(token)).last_used_at = at
        return actor

    def refused(self, workstation_id: str, why: str, staff_no: str = "") -> NoReturn:
        with UnitOfWork(self.store, self._gate(workstation_id, staff_no), self.clock) as uow:
            self._refuse(uow, why, staff_no)

    def refuse_claim(self, workstation_id: str, request: str) -> NoReturn:
        why = "请求自报了操作人工号：中心只认本人登录会话证明的操作人，此请求不予办理。"
        with UnitOfWork(self.store, self._gate(workstation_id), self.clock) as uow:
            uow.record("auth.session_refused", "request", request[:60], reason=why)
            uow.commit()
        raise ClaimedActor(why)

    def close(self, token: str, workstation_id: str, reason: str = "logout") -> None:
        """Ends the session (logout, lock); a session of another workstation is left alone. The
        audit row names the person whose session it was."""
        with self.store.sessions() as s:
            found = s.get(PersonSession, _hash(token))
            if found is None or found.workstation_id != workstation_id or found.ended_at is not None:
                return
            person = actor_of(s.get_one(Staff, found.staff_id), workstation_id)
        with UnitOfWork(self.store, person, self.clock) as uow:
            found = uow.session.get_one(PersonSession, _hash(token), with_for_update=True)
            if found.ended_at is not None:
                return  # ended meanwhile by another request
            found.ended_at, found.end_reason = self._now(), reason[:40]
            uow.record("auth.session_closed", "staff", found.staff_id, reason=reason)
            uow.commit()
