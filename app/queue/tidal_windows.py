"""Tidal windows at the center: the rule (app.queue.tidal) applied to the live queue, in
automatic mode or as suggestions a manager confirms with one click; every opening and closing
is recorded with its reason."""

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.queue import tidal
from app.queue.base import QueueBase
from app.queue.dto import TidalAction, TidalLogRow, TidalMode
from app.queue.tickets import WAITING, QueueError
from app.uow import UnitOfWork
from db.models import QueueCategory, QueueEvent, QueueSettings, Ticket, TidalOpening, Window


class TidalWindows(QueueBase):
    """Evaluating, confirming and logging tidal windows."""

    def _loads(self, s: Session, now: datetime) -> dict[str, tidal.Load]:
        rows = s.execute(
            select(Ticket.category_code, func.count(), func.min(Ticket.order_at))
            .where(Ticket.day == now.date(), Ticket.status == WAITING)
            .group_by(Ticket.category_code)
        ).all()
        loads = {code: tidal.Load(0, 0) for code in s.scalars(select(QueueCategory.code))}
        for code, count, oldest in rows:
            loads[code] = tidal.Load(count, (now - oldest).total_seconds() / 60)
        return loads

    def _due(self, s: Session, now: datetime) -> tuple[QueueSettings, list[tidal.Action]]:
        """Locks the settings row, so evaluations (boards, center processes, a manager's
        confirmation) run one at a time and two never open the same window; brings the low-queue
        clocks up to date and returns what is due."""
        settings = self._settings(s, lock=True)
        loads = self._loads(s, now)
        rules = {c.code: _rule(c) for c in s.scalars(select(QueueCategory))}
        openings = []
        for o in s.scalars(select(TidalOpening).where(TidalOpening.closed_at.is_(None))):
            low = tidal.low_since(
                _opening(o), loads.get(o.category_code, tidal.Load(0, 0)), rules[o.category_code], now
            )
            if low != o.low_since:
                o.low_since = low
            openings.append(_opening(o))
        standby = sorted(s.scalars(select(Window.number).where(Window.tidal_standby.is_(True))))
        return settings, tidal.decide(loads, rules, openings, standby, now)

    def evaluate_tidal(self, now: datetime | None = None) -> list[TidalAction]:
        """In automatic mode applies what is due; in suggest mode returns it for the manager."""
        now = now or self.clock.now()
        with UnitOfWork(self.store, Actor(None, "tidal", "潮汐窗口", frozenset(), self.workstation_id)) as uow:
            settings, actions = self._due(uow.session, now)
            if settings.tidal_mode == TidalMode.AUTO:
                for action in actions:
                    self._apply_tidal(uow, action, "自动", now)
                actions = []
            uow.commit()
        return actions

    def confirm_tidal(self, staff_no: str, suggestion: TidalAction) -> None:
        """A manager confirms a suggestion with one click; it must still be due (the same kind of
        change at the same window)."""
        now = self.clock.now()
        with UnitOfWork(self.store, self._device(), self.clock) as uow:
            uow.actor = self._staff(uow.session, staff_no, Role.MANAGER)
            _settings, actions = self._due(uow.session, now)
            due = [a for a in actions if (a.kind, a.window_no) == (suggestion.kind, suggestion.window_no)]
            if not due:
                raise QueueError("该建议已不再适用（排队情况已变化），请刷新。")
            self._apply_tidal(uow, due[0], staff_no, now)
            uow.commit()

    def _apply_tidal(self, uow: UnitOfWork, action: tidal.Action, by: str, now: datetime) -> None:
        s = uow.session
        if action.kind == tidal.TidalKind.OPEN:
            o = TidalOpening(
                window_no=action.window_no,
                category_code=action.category_code,
                opened_at=now,
                open_reason=action.reason,
                opened_by=by,
                close_reason="",
                closed_by="",
            )
            s.add(o)
            s.flush()
        else:
            o = s.get_one(TidalOpening, action.opening_id)
            o.closed_at, o.close_reason, o.closed_by = now, action.reason, by
        s.add(
            QueueEvent(
                at=now,
                kind="潮汐开启" if action.kind == tidal.TidalKind.OPEN else "潮汐关闭",
                window_no=action.window_no,
                staff_no=by,
                detail=f"{action.category_code}：{action.reason}",
            )
        )
        uow.record(f"queue.tidal_{action.kind}", "window", str(action.window_no), reason=action.reason)

    def set_tidal_mode(self, staff_no: str, mode: TidalMode) -> None:
        mode = tidal_mode(mode)
        with UnitOfWork(self.store, self._device(), self.clock) as uow:
            uow.actor = self._staff(uow.session, staff_no, Role.MANAGER)
            self._settings(uow.session, lock=True).tidal_mode = mode.value
            uow.record("queue.tidal_mode", "queue_settings", "1", detail={"mode": mode})
            uow.commit()

    def tidal_log(self, day) -> list[TidalLogRow]:
        with self.store.sessions() as s:
            start = datetime.combine(day, datetime.min.time())
            rows = s.scalars(
                select(TidalOpening)
                .where(TidalOpening.opened_at >= start, TidalOpening.opened_at < start + timedelta(days=1))
                .order_by(TidalOpening.opened_at)
            ).all()
            return [
                TidalLogRow(
                    window_no=o.window_no,
                    category_code=o.category_code,
                    opened_at=o.opened_at.isoformat(timespec="minutes"),
                    open_reason=o.open_reason,
                    opened_by=o.opened_by,
                    closed_at=o.closed_at.isoformat(timespec="minutes") if o.closed_at else None,
                    close_reason=o.close_reason,
                    closed_by=o.closed_by,
                )
                for o in rows
            ]


def tidal_mode(text: str) -> TidalMode:
    if text not in list(TidalMode):
        raise QueueError("潮汐窗口模式只能是“建议”或“自动”。")
    return TidalMode(text)


def _rule(c: QueueCategory) -> tidal.Rule:
    return tidal.Rule(c.open_waiting, c.open_wait_min, c.close_waiting, c.close_after_min, c.min_open_min)


def _opening(o: TidalOpening) -> tidal.Opening:
    return tidal.Opening(o.id, o.window_no, o.category_code, o.opened_at, o.low_since)
