"""Gathering a case's dossier from the center's store: the materials as the guide version the case
was accepted under lists them, its notices as issued, its history (the window's notices, then
every step the center's tamper-evident log holds for it), special steps, the authorization
letters its decision was taken under, the 委托书 a proxy submitted it under, and its delivery."""

import json
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.acceptance.applicant import applicant_from_json
from app.acceptance.checklist import material_key
from app.actor import MACHINE
from app.approval.case_status import CaseKind, CaseStatus
from app.catalog.guide import SpecialStepKind, review_mode_label
from app.delivery.dto import DeliveryStatus
from app.dossier import facts
from app.dossier.check import check
from app.help.proxy_dto import LetterStatus
from app.identity import mask_id
from app.notices.kinds import NoticeKind
from db.models import (
    Application,
    ApplicationMatter,
    AuditEntry,
    AuthorizationScan,
    Case,
    CaseSpecialStep,
    ChecklistItem,
    ChiefAuthorization,
    Commitment,
    Delivery,
    Department,
    Matter,
    MatterVersion,
    Notice,
    ProxyLetter,
    ProxyLetterFile,
    ReviewStep,
    SpecialStepDef,
    Staff,
    Workstation,
)

WINDOW_NOTICES = {
    NoticeKind.SLIP,
    NoticeKind.ACCEPTANCE,
    NoticeKind.TOLERANCE,
    NoticeKind.COMMITMENT,
    NoticeKind.REJECTION,
}
# What the center's log says happened to a case, in the words of the dossier.
ACTIONS = {
    "case.viewed": "查阅",
    "case.extended": "延期",
    "case.special_step_started": "特殊环节开始",
    "case.special_step_ended": "特殊环节结束",
    "case.delivered": "窗口送达",
    "case.mailed": "邮寄送达",
    "case.mail_received": "邮件签收",
    "case.mail_returned": "邮件退回",
    "dossier.exported": "卷宗导出",
}


DETAIL_LABELS = (
    ("days", "延长工作日"),
    ("kind", "环节"),
    ("due", "期限"),
    ("people", "人员"),
    ("notice", "文书"),
    ("recipient", "收件人"),
    ("tracking_no", "快递单号"),
    ("receipt", "送达回证"),
)


def local(utc: datetime) -> datetime:
    """The log keeps UTC; the dossier shows the hall's local time, as its notices do."""
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _proof(staff_no: str, pushed: bool) -> str:
    """What proved the person: the center accepts a workstation's record only signed with the
    person's own key, and acts at the center only for a person's session opened the same way;
    what the law does on its own is signed by the machine."""
    if staff_no == MACHINE:
        return "工作站签名（依法自动处理）"
    return "本人电子签名，中心已验证" if pushed else "本人登录中心（电子签名验证）"


def _people(s: Session, staff_nos: set[str]) -> dict[str, str]:
    found = dict(s.execute(select(Staff.staff_no, Staff.name).where(Staff.staff_no.in_(staff_nos))).all())
    return {no: f"{found[no]}（{no}）" if no in found else no for no in staff_nos}


def _stations(s: Session, ids: set[str]) -> dict[str, str]:
    found = dict(s.execute(select(Workstation.id, Workstation.name).where(Workstation.id.in_(ids))).all())
    return {i: found.get(i, i[:8]) for i in ids}


def _detail(entry: AuditEntry) -> str:
    detail = json.loads(entry.detail or "{}")
    if entry.action == "case.review":
        verdict = "同意" if detail.get("agreed") else "不同意"
        decided = f"；决定：{detail['decision']}（{detail.get('notice') or ''}）" if detail.get("decision") else ""
        return f"{verdict}：{(entry.reason or '').rstrip('。；，')}{decided}"  # one stop, not "。；"
    parts = [entry.reason] if entry.reason else []
    for key, label in DETAIL_LABELS:
        if detail.get(key):
            parts.append(f"{label} {detail[key]}")
    return "；".join(parts)


def history(s: Session, case: Case, notices: list[Notice]) -> tuple[facts.StepEntry, ...]:
    """The window's notices on the application (slips before acceptance, the acceptance itself),
    then what the center's log holds for the case."""
    entries = s.scalars(
        select(AuditEntry).where(AuditEntry.entity == "case", AuditEntry.entity_id == case.id).order_by(AuditEntry.seq)
    ).all()
    people = _people(s, {n.staff_no for n in notices} | {e.staff_no for e in entries})
    stations = _stations(s, {n.workstation_id for n in notices} | {e.workstation_id for e in entries})
    window = [
        facts.StepEntry(
            n.issued_at,
            f"出具{n.kind}",
            people[n.staff_no],
            stations[n.workstation_id],
            n.notice_no,
            _proof(n.staff_no, True),
        )
        for n in notices
        if n.kind in WINDOW_NOTICES
    ]
    center = [
        facts.StepEntry(
            local(e.at),
            json.loads(e.detail or "{}").get("step") if e.action == "case.review" else ACTIONS.get(e.action, e.action),
            people[e.staff_no],
            stations[e.workstation_id],
            _detail(e),
            _proof(e.staff_no, pushed=False),
        )
        for e in entries
    ]
    return tuple(sorted(window, key=lambda e: e.at)) + tuple(center)


def _materials(s: Session, case: Case, version: MatterVersion) -> tuple[facts.MaterialLine, ...]:
    checklist = select(ChecklistItem).where(ChecklistItem.application_id == case.application_id)
    recorded = {c.key: c for c in s.scalars(checklist)}
    commitments = select(Commitment.key, Commitment.supplied_on).where(Commitment.case_id == case.id)
    supplied = dict(s.execute(commitments).all())
    lines = []
    for m in version.materials:
        key = material_key(m.shared_key, m.name)
        item = recorded.get(key)
        lines.append(
            facts.MaterialLine(
                m.seq,
                m.name,
                m.form,
                m.copies,
                m.required,
                m.condition,
                item.status if item else "未登记",
                item.defect if item else "",
                supplied.get(key),
            )
        )
    return tuple(lines)


def _authorizations(s: Session, steps: list[ReviewStep]) -> tuple[facts.AuthorizationEntry, ...]:
    used: dict[str, list[str]] = {}
    for r in steps:
        if r.authorization_no:
            used.setdefault(r.authorization_no, []).append(f"{r.step} {r.at:%Y-%m-%d} {r.staff_name}（{r.staff_no}）")
    found = []
    for letter in s.scalars(select(ChiefAuthorization).where(ChiefAuthorization.document_no.in_(used))):
        holder = s.get_one(Staff, letter.chief_id)
        scan = s.get(AuthorizationScan, letter.id)
        found.append(
            facts.AuthorizationEntry(
                letter.document_no,
                s.get_one(Department, letter.department_id).name,
                f"{holder.name}（{holder.staff_no}）",
                letter.valid_from,
                letter.valid_to,
                letter.revoked_on,
                tuple(m.name for m in sorted(letter.matters, key=lambda m: m.code)),
                letter.scan_name if scan else "",
                scan.data if scan else None,
                tuple(used[letter.document_no]),
            )
        )
    return tuple(found)


def _proxy_letters(s: Session, application: Application) -> tuple[facts.ProxyLetterEntry, ...]:
    """The letter a proxy submitted the application under: its PDF as printed to sign, and its scan."""
    letter = s.get(ProxyLetter, application.proxy_letter_id) if application.proxy_letter_id else None
    if letter is None:
        return ()
    stored = s.get_one(ProxyLetterFile, letter.id)  # written with the letter, in one transaction
    agent = f"，帮办代办员 {letter.proxy_staff_no}" if letter.proxy_staff_no else ""
    return (
        facts.ProxyLetterEntry(
            letter.letter_no,
            letter.principal_name,
            f"{letter.proxy_name}（{letter.proxy_doc_kind} {mask_id(letter.proxy_doc_no)}{agent}）",
            tuple(m.name for m in sorted(letter.matters, key=lambda m: m.code)),
            letter.scope,
            letter.valid_from,
            letter.valid_to,
            letter.signed_on,
            LetterStatus(letter.status),
            stored.pdf,
            stored.scan,
        ),
    )


def _delivery(s: Session, case: Case) -> facts.DeliveryEntry | None:
    d = s.scalar(select(Delivery).where(Delivery.case_id == case.id))
    if d is None:
        return None
    return facts.DeliveryEntry(
        d.method,
        DeliveryStatus(d.status),
        d.due_on,
        d.recipient,
        d.phone,
        d.address,
        d.carrier,
        d.tracking_no,
        d.sent_on,
        d.delivered_on,
        _people(s, {d.by})[d.by] if d.by else "",
    )


def _special_steps(s: Session, case: Case, today: date) -> tuple[facts.SpecialStepEntry, ...]:
    rows = s.execute(
        select(CaseSpecialStep, SpecialStepDef)
        .join(SpecialStepDef, CaseSpecialStep.step_def_id == SpecialStepDef.id)
        .where(CaseSpecialStep.case_id == case.id)
        .order_by(CaseSpecialStep.started_on)
    ).all()
    people = _people(s, {c.started_by for c, _ in rows} | {c.ended_by for c, _ in rows if c.ended_by})
    return tuple(
        facts.SpecialStepEntry(
            SpecialStepKind(c.kind),
            d.legal_basis,
            d.limit_days,
            c.started_on,
            c.due_on,
            c.ended_on,
            c.paused_days,
            c.people,
            people[c.started_by],
            people.get(c.ended_by, ""),
            c.outcome,
            (c.ended_on or today) > c.due_on,
        )
        for c, d in rows
    )


def case_notices(s: Session, case: Case) -> list[Notice]:
    """The notices of the case's application, in order. A bundle's notices before acceptance cover
    every case; after it, only those naming this case."""
    found = s.scalars(
        select(Notice).where(Notice.application_id == case.application_id).order_by(Notice.issued_at, Notice.notice_no)
    )
    return [n for n in found if not n.case_no or case.case_no in n.case_no.split(",")]


def case_materials(s: Session, case: Case) -> tuple[tuple[facts.MaterialLine, ...], tuple[str, ...]]:
    """The materials as the case's guide version lists them, and the check against the guides."""
    version = s.get_one(MatterVersion, case.matter_version_id)
    materials = _materials(s, case, version)
    asked = list(s.scalars(select(ChecklistItem.key).where(ChecklistItem.application_id == case.application_id)))
    versions = s.scalars(
        select(MatterVersion)
        .join(ApplicationMatter, ApplicationMatter.matter_version_id == MatterVersion.id)
        .where(ApplicationMatter.application_id == case.application_id)
    ).all()
    return materials, check(version, materials, asked, versions)


def gather(s: Session, case_id: str, generated_by: str, generated_at: datetime) -> facts.DossierFacts:
    case = s.get_one(Case, case_id)
    application = s.get_one(Application, case.application_id)
    version = s.get_one(MatterVersion, case.matter_version_id)
    matter = s.get_one(Matter, case.matter_id)
    applicant = applicant_from_json(application.applicant)
    notices = case_notices(s, case)
    steps = list(s.scalars(select(ReviewStep).where(ReviewStep.case_id == case.id).order_by(ReviewStep.seq)))
    stations = _stations(s, {n.workstation_id for n in notices})
    people = _people(s, {n.staff_no for n in notices} | {application.clerk_no})
    proxy = applicant.proxy
    materials, problems = case_materials(s, case)
    return facts.DossierFacts(
        case_no=case.case_no,
        matter_name=version.name,
        matter_code=matter.code,
        guide_version_no=version.version_no,
        guide_published_at=version.created_at,
        department=s.get_one(Department, matter.department_id).name,
        review_mode=review_mode_label(version.review_mode, [d.kind for d in version.special_steps]),
        applicant=applicant.display_name,
        applicant_document=applicant.credit_code or mask_id(applicant.person.doc_no),
        applicant_kind=applicant.kind,
        proxy=f"{proxy.name}（{proxy.doc_kind.value} {mask_id(proxy.doc_no)}）" if proxy else "",
        case_kind=CaseKind(case.kind),
        accepted_on=case.accepted_on,
        accepted_by=people[application.clerk_no],
        accepted_window=application.window_no,
        status=CaseStatus(case.status),
        decision=case.decision,
        decided_at=case.decided_at,
        promised_due=case.promised_due_on,
        statutory_due=case.statutory_due_on,
        extension_days=case.extension_days,
        extension_reason=case.extension_reason,
        paused_days=case.paused_days,
        materials=materials,
        notices=tuple(
            facts.NoticeEntry(
                n.notice_no, NoticeKind(n.kind), n.issued_at, people[n.staff_no], stations[n.workstation_id], n.pdf
            )
            for n in notices
        ),
        history=history(s, case, notices),
        special_steps=_special_steps(s, case, generated_at.date()),
        authorizations=_authorizations(s, steps),
        delivery=_delivery(s, case),
        problems=problems,
        generated_at=generated_at,
        generated_by=generated_by,
        proxy_letters=_proxy_letters(s, application),
    )
