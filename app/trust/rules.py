"""The pure rules of proven identity (DESIGN §4 rule 11): how long a person's session at the
center lives, when repeated failures lock an account, and what makes a password strong enough.
No database, no clock of their own: callers pass the facts. (What each kind of machine may reach
is app.devices.scope.)"""

from dataclasses import dataclass
from datetime import datetime, timedelta

# A person's session at the center: ended after this long without a request, and after this
# long in any case (a working day with its overtime); also ended at logout and at lock.
SESSION_IDLE = timedelta(minutes=30)
SESSION_MAX = timedelta(hours=12)
CHALLENGE_TTL = timedelta(minutes=2)
# What a 401 says when the session (not the machine) is refused: the client opens a new one.
SESSION_REFUSED = "session"

MAX_FAILURES = 5
LOCK_MINUTES = 15
FAILURE_WINDOW = timedelta(minutes=LOCK_MINUTES)


@dataclass(frozen=True)
class SessionTimes:
    started_at: datetime
    last_used_at: datetime
    ended_at: datetime | None


def session_refusal(times: SessionTimes, at: datetime) -> str | None:
    """Why a session no longer proves its person at `at`; None while it does."""
    if times.ended_at is not None:
        return "登录会话已结束，请重新登录。"
    if at - times.started_at > SESSION_MAX:
        return "登录会话已超过最长时限，请重新登录。"
    if at - times.last_used_at > SESSION_IDLE:
        return "登录会话因长时间未操作已过期，请重新登录。"
    return None


def locked(failures: list[datetime], at: datetime) -> datetime | None:
    """Until when an account is locked, given the times of its failed logins (from every
    workstation); None when it is not. MAX_FAILURES within FAILURE_WINDOW lock it for
    LOCK_MINUTES from the last of them."""
    recent = sorted(f for f in failures if at - f <= FAILURE_WINDOW + timedelta(minutes=LOCK_MINUTES))
    for i in range(len(recent) - MAX_FAILURES + 1):
        window = recent[i : i + MAX_FAILURES]
        if window[-1] - window[0] <= FAILURE_WINDOW:
            until = window[-1] + timedelta(minutes=LOCK_MINUTES)
            if until > at:
                return until
    return None


MIN_PASSWORD = 8


def password_problem(password: str, staff_no: str) -> str | None:
    """What is wrong with a new password, in words a clerk acts on; None when it will do."""
    if len(password) < MIN_PASSWORD:
        return f"密码至少 {MIN_PASSWORD} 位。"
    if password.strip() != password or any(c.isspace() for c in password):
        return "密码不能含有空格。"
    kinds = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < 3:
        return "密码须包含大写字母、小写字母、数字和符号中的至少三类。"
    if staff_no and staff_no.lower() in password.lower():
        return "密码不能包含工号。"
    if len(set(password)) < 5:
        return "密码过于简单，请勿使用重复字符。"
    return None
