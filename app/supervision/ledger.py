"""The 问题台账 at the center (南阳 “大厅之外有审批”专项整治方案): each problem found — by 电子监察,
暗访, 上级督查, a bad rating or a matter that could not get done — entered with its facts, the unit
responsible, the measure and a deadline in working days, and followed 待整改 → 整改中 → 已整改 →
已销号. Supervisors and managers keep it; a red signal is taken up into it once. Past its deadline
and not closed, a row is overdue (red). Every change is one unit of work with its audit row."""

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.choices import DepartmentChoice
from app.clock import Clock
from app.errors import DomainError, FieldError, NotFound, ValidationFailed
from app.notices.numbering import CENTER_ID, next_value
from app.supervision import ledger_excel
from app.supervision.ledger_dto import LedgerRow, NewLedgerItem
from app.supervision.ledger_rules import (
    MAX_DEADLINE_DAYS,
    MIN_DEADLINE_DAYS,
    LedgerStatus,
    ProblemType,
    Source,
    is_member,
    is_overdue,
    refusal,
)
from app.supervision.rules import Level
from app.uow import UnitOfWork
from app.workdays import WorkCalendar
from db.models import AuditEntry, Department, LedgerItem, SupervisionSignal
from db.store import Store

KEEPERS = (Role.SUPERVISOR, Role.MANAGER)
ADVANCED = "ledger.advanced"  # the audit action of a move; its reason is the note typed with it


def item_no(session: Session, year: int) -> str:
    """The next 台账〔2026〕0001 of the year, from the center's own counter (one series per hall)."""
    return f"台账〔{year}〕{next_value(session, CENTER_ID, f'ledger-{year}'):04d}"


class LedgerService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    # -- reading -------------------------------------------------------------------------------------

    def ledger(
        self, actor: Actor, status: LedgerStatus | None = None, department_id: str | None = None
    ) -> list[LedgerRow]:
        """The ledger, newest first, optionally one status or one department's."""
        actor.require(*KEEPERS)
        with self.store.sessions() as s:
            return self._rows(s, status=status, department_id=department_id)

    def _rows(
        self,
        s: Session,
        *,
        status: LedgerStatus | None = None,
        department_id: str | None = None,
        item_id: str | None = None,
    ) -> list[LedgerRow]:
        today = self.clock.today()
        query = (
            select(LedgerItem, Department.name, SupervisionSignal.id)
            .outerjoin(Department, LedgerItem.department_id == Department.id)
            .outerjoin(SupervisionSignal, SupervisionSignal.ledger_item_id == LedgerItem.id)
            .order_by(LedgerItem.found_on.desc(), LedgerItem.item_no.desc())
        )
        if status is not None:
            query = query.where(LedgerItem.status == str(status))
        if department_id is not None:
            query = query.where(LedgerItem.department_id == department_id)
        if item_id is not None:
            query = query.where(LedgerItem.id == item_id)
        found = s.execute(query).all()
        notes = _notes(s, item_id)
        return [
            row(item, department or "", signal_id, today, notes.get(item.id, {}))
            for item, department, signal_id in found
        ]

    def departments(self, actor: Actor) -> list[DepartmentChoice]:
        """The departments a problem may be entered against, by code."""
        actor.require(*KEEPERS)
        with self.store.sessions() as s:
            return [DepartmentChoice(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.code))]

    # -- writing -------------------------------------------------------------------------------------

    def add(self, actor: Actor, new: NewLedgerItem, signal_id: str | None = None) -> LedgerRow:
        """A new problem, 待整改, due `deadline_days` working days after it was found; from a red
        signal not yet taken up, when `signal_id` names one (the signal then points at it)."""
        actor.require(*KEEPERS)
        today = self.clock.today()
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            errors = self._errors(s, new, today, from_signal=signal_id is not None)
            if errors:
                raise ValidationFailed(errors)
            signal = self._signal(s, signal_id) if signal_id is not None else None
            due = WorkCalendar.load(s).add_working_days(new.found_on, new.deadline_days)
            item = LedgerItem(
                item_no=item_no(s, today.year),
                source=str(new.source),
                found_on=new.found_on,
                department_id=new.department_id or None,
                matter=new.matter.strip(),
                window_no=new.window_no,
                staff_no=new.responsible_no.strip(),
                problem_type=str(new.problem_type),
                facts=new.facts.strip(),
                evidence=new.evidence.strip(),
                responsible_unit=new.responsible_unit.strip(),
                measure=new.measure.strip(),
                deadline_days=new.deadline_days,
                due_on=due.day,
                status=str(LedgerStatus.OPEN),
                created_by=actor.staff_no,
                verifier="",
            )
            s.add(item)
            s.flush()
            if signal is not None:
                signal.ledger_item_id = item.id
            uow.record(
                "ledger.added",
                "ledger_item",
                item.id,
                detail={
                    "item_no": item.item_no,
                    "source": item.source,
                    "problem_type": item.problem_type,
                    "responsible_unit": item.responsible_unit,
                    "due_on": item.due_on.isoformat(),
                    "signal": signal.id if signal is not None else None,
                },
            )
            uow.commit()
            return self._rows(s, item_id=item.id)[0]

    def advance(self, actor: Actor, item_id: str, status: LedgerStatus, note: str = "") -> LedgerRow:
        """The row moved on (app.supervision.ledger_rules.MOVES). Going to 整改中 needs a measure:
        the row's, or `note` as its measure when it has none; back from 已整改 needs `note` as the
        reason; 已销号 is verified by someone other than the person the row names."""
        actor.require(*KEEPERS)
        note = note.strip()
        if not is_member(LedgerStatus, str(status)):
            raise DomainError(f"没有“{status}”这一问题状态。")
        target = LedgerStatus(status)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            item = s.get(LedgerItem, item_id, with_for_update=True)
            if item is None:
                raise NotFound("问题台账中没有这一条。")
            current = LedgerStatus(item.status)
            first_measure = target == LedgerStatus.IN_PROGRESS and current == LedgerStatus.OPEN and not item.measure
            why = refusal(
                current,
                target,
                measure=item.measure or (note if first_measure else ""),
                note=note,
                verifier=actor.staff_no,
                responsible=item.staff_no,
            )
            if why:
                raise DomainError(why)
            if first_measure:
                item.measure = note
            item.status = str(target)
            if target == LedgerStatus.CLOSED:
                item.verifier, item.closed_on = actor.staff_no, self.clock.today()
            uow.record(
                ADVANCED,
                "ledger_item",
                item.id,
                reason=note,
                detail={"item_no": item.item_no, "was": str(current), "status": str(target)},
            )
            uow.commit()
            return self._rows(s, item_id=item.id)[0]

    def export_excel(self, actor: Actor, rows: list[LedgerRow]) -> bytes:
        """The rows as an Excel workbook (app.supervision.ledger_excel)."""
        actor.require(*KEEPERS)
        return ledger_excel.workbook(rows)

    # -- checks --------------------------------------------------------------------------------------

    def _errors(self, s: Session, new: NewLedgerItem, today: date, *, from_signal: bool) -> list[FieldError]:
        errors = []
        if not is_member(Source, str(new.source)):
            errors.append(FieldError("source", "请选择问题来源。"))
        elif from_signal and new.source != Source.MONITORING:
            errors.append(FieldError("source", "由电子监察信号转入的问题，来源应为“电子监察”。"))
        if new.found_on is None:
            errors.append(FieldError("found_on", "请填写发现日期。"))
        elif new.found_on > today:
            errors.append(FieldError("found_on", "发现日期不能晚于今天。"))
        if new.department_id and s.get(Department, new.department_id) is None:
            errors.append(FieldError("department", "请选择窗口单位。"))
        if len(new.matter.strip()) > 200:
            errors.append(FieldError("matter", "事项名称不能超过 200 字。"))
        if new.window_no is not None and new.window_no < 1:
            errors.append(FieldError("window_no", "窗口号须为正整数。"))
        if len(new.responsible_no.strip()) > 20:
            errors.append(FieldError("responsible_no", "责任人工号不能超过 20 个字符。"))
        if not is_member(ProblemType, str(new.problem_type)):
            errors.append(FieldError("problem_type", "请选择问题类型。"))
        if not new.facts.strip():
            errors.append(FieldError("facts", "请填写问题描述。"))
        responsible_unit = new.responsible_unit.strip()
        if not responsible_unit or len(responsible_unit) > 120:
            errors.append(FieldError("responsible_unit", "请填写责任单位（120 字以内）。"))
        if not MIN_DEADLINE_DAYS <= new.deadline_days <= MAX_DEADLINE_DAYS:
            errors.append(
                FieldError("deadline_days", f"整改时限须为 {MIN_DEADLINE_DAYS} 至 {MAX_DEADLINE_DAYS} 个工作日。")
            )
        return errors

    def _signal(self, s: Session, signal_id: str) -> SupervisionSignal:
        signal = s.get(SupervisionSignal, signal_id, with_for_update=True)
        if signal is None:
            raise NotFound("没有这条监察信号。")
        if signal.level != Level.RED:
            raise DomainError("只有红牌信号才转入问题台账。")
        if signal.explained_at is not None:
            raise DomainError("该信号已作为误报排除，不能转入问题台账。")
        if signal.ledger_item_id is not None:
            raise DomainError("该信号已转入问题台账，不能重复登记。")
        return signal


def _notes(s: Session, item_id: str | None) -> dict[str, dict[LedgerStatus, str]]:
    """The note of each row's last move to each status, by row: the rows keep no notes of their
    own, the moves' audit rows do (their reason). One read of the ledger's moves, a few per row,
    through the log's (entity, entity_id) index; one row's only when `item_id` names it."""
    query = select(AuditEntry.entity_id, AuditEntry.reason, AuditEntry.detail).where(
        AuditEntry.entity == "ledger_item", AuditEntry.action == ADVANCED
    )
    if item_id is not None:
        query = query.where(AuditEntry.entity_id == item_id)
    notes: dict[str, dict[LedgerStatus, str]] = {}
    for entity_id, reason, detail in s.execute(query.order_by(AuditEntry.seq)):
        status = json.loads(detail or "{}").get("status")
        if is_member(LedgerStatus, str(status)):
            notes.setdefault(entity_id, {})[LedgerStatus(status)] = reason or ""  # a later move wins
    return notes


def row(
    item: LedgerItem, department: str, signal_id: str | None, today: date, notes: dict[LedgerStatus, str] | None = None
) -> LedgerRow:
    """`notes`: the note of the row's last move to each status (_notes). The rectification note
    only while the row stands rectified or closed: sent back, it no longer describes the row."""
    status = LedgerStatus(item.status)
    notes = notes or {}
    rectified = status in (LedgerStatus.RECTIFIED, LedgerStatus.CLOSED)
    return LedgerRow(
        id=item.id,
        item_no=item.item_no,
        source=Source(item.source),
        found_on=item.found_on,
        department_id=item.department_id,
        department=department,
        matter=item.matter,
        window_no=item.window_no,
        responsible_no=item.staff_no,
        problem_type=ProblemType(item.problem_type),
        facts=item.facts,
        evidence=item.evidence,
        responsible_unit=item.responsible_unit,
        measure=item.measure,
        deadline_days=item.deadline_days,
        due_on=item.due_on,
        status=status,
        created_by=item.created_by,
        verifier=item.verifier,
        closed_on=item.closed_on,
        overdue=is_overdue(item.due_on, status, today),
        signal_id=signal_id,
        rectified_note=notes.get(LedgerStatus.RECTIFIED, "") if rectified else "",
        verification_note=notes.get(LedgerStatus.CLOSED, "") if status == LedgerStatus.CLOSED else "",
    )
