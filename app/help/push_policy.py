"""Proxy submissions in pushed data (app.sync.push_policy). A submission through a proxy needs the
applicant's 委托书 as the center holds it (app.help.proxy_rule): the workstation checked its pulled
copy, which may be stale (revoked since) or altered. Once applied, the cases it brings fill in the
help request behind the letter (app.help.links)."""

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.acceptance.applicant import applicant_from_json
from app.clock import Clock
from app.help.links import link_proxy_cases
from app.help.proxy_rule import ProxyRefused, allowing_letter
from app.replication import encode
from app.sync.push_policy import Pushed, PushPolicy, Refusal, refused_each
from db.models import Application, ApplicationMatter


class ProxyRefusal(StrEnum):
    MALFORMED_APPLICATION = "malformed_application"
    LETTER_REFUSES = "letter_refuses"
    WRONG_LETTER = "wrong_letter"


def proxy_refusal(s: Session, m: Pushed) -> Refusal | None:
    """Checked when the application is submitted or brought back (new here, or its applicant, day of
    receipt or letter changed), not when a later step such as the automatic acceptance touches it."""
    pushed: dict[str, list[str]] = {}
    for row in m.rows:
        if row["t"] == "application_matters" and row["op"] == "upsert":
            pushed.setdefault(row["v"]["application_id"], []).append(row["v"]["matter_version_id"])
    for row in m.rows:
        if row["t"] != "applications" or row["op"] != "upsert":
            continue
        v = row["v"]
        try:
            applicant, received_on = applicant_from_json(v["applicant"]), date.fromisoformat(v["received_on"])
        except (KeyError, TypeError, ValueError):  # a workstation's bug or tampering must not stop the batch
            return Refusal(ProxyRefusal.MALFORMED_APPLICATION, "申请记录中的申请人或收件日期格式无效，被拒绝。")
        if applicant.proxy is None and v.get("proxy_letter_id") is None:
            continue  # in person
        current = s.get(Application, v["id"])
        ours = encode(current)["v"] if current is not None else {}
        if all(v.get(key) == ours.get(key) for key in ("applicant", "received_on", "proxy_letter_id")):
            continue
        version_ids = pushed.get(v["id"]) or s.scalars(
            select(ApplicationMatter.matter_version_id).where(ApplicationMatter.application_id == v["id"])
        )
        try:
            letter_id = allowing_letter(s, applicant, tuple(version_ids), received_on)
        except ProxyRefused as exc:
            why = f"{applicant.display_name}的申请由代理人办理，按中心登记的委托书不能受理：{exc}"
            return Refusal(ProxyRefusal.LETTER_REFUSES, why)
        if letter_id != v.get("proxy_letter_id"):
            why = f"{applicant.display_name}的申请所记录的委托书与代理关系不符，被拒绝。"
            return Refusal(ProxyRefusal.WRONG_LETTER, why)
    return None


class HelpPushPolicy(PushPolicy):
    def __init__(self, clock: Clock):
        self.clock = clock

    def refuse(self, s: Session, pending: Sequence[Pushed]) -> dict[int, Refusal]:
        return refused_each(pending, lambda m: proxy_refusal(s, m))

    def after_apply(self, s: Session, mutation: Pushed, at: datetime) -> None:
        link_proxy_cases(s, mutation.rows, mutation.by, self.clock)
