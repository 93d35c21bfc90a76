"""Each feature's checks of pushed data, from tables of pushed rows, against a center's demo store
without HTTP; and the center's push itself, which holds no feature's rule."""

import json
import shutil
from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from app.acceptance.applicant import applicant_to_json
from app.acceptance.model import Applicant, ApplicantKind, Person
from app.acceptance.push_policy import AcceptancePushPolicy, AcceptanceRefusal
from app.approval.push_policy import ApprovalPushPolicy, ApprovalRefusal
from app.auth import login
from app.catalog.push_policy import CatalogPushPolicy, CatalogRefusal
from app.center.service import CenterService
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.help.push_policy import HelpPushPolicy, ProxyRefusal
from app.identity import DocumentKind
from app.sync.push_policy import Pushed
from app.trust.push import MACHINE
from app.trust.push_policy import TrustPushPolicy, TrustRefusal
from db import migrate
from db.models import LoginFailure, Matter, MatterVersion, Staff
from db.store import open_url
from tests.sync_harness import workstation

LETTER = "青市场监管局即授〔2026〕C001号"  # C001's 即办 letter for SCJG-001, in force in March 2026
WANG = Applicant(ApplicantKind.PERSON, Person("王五", DocumentKind.ID_CARD, "11010519491231002X", "13912345678"))
PROXY = Person("赵六", DocumentKind.ID_CARD, "110105194912310021", "13812345678")


@pytest.fixture
def center_store(tmp_path, demo_template):
    """The demo hall's data as a center holds it."""
    shutil.copy(demo_template, tmp_path / "center.sqlite3")
    store = open_url(f"sqlite:///{tmp_path / 'center.sqlite3'}", role="center")
    yield store
    store.engine.dispose()


@pytest.fixture
def scjg_001(center_store) -> Matter:
    with center_store.sessions() as s:
        return s.scalar(select(Matter).where(Matter.code == "SCJG-001"))


def pushed(rows: list[dict], by: str = "C001", signer: str | None = None, actions: tuple = ()) -> Pushed:
    payload = {"by": by, "at": "2026-03-02T09:00:00", "rows": rows, "actions": list(actions)}
    return Pushed("ws-1", 1, payload, by if signer is None else signer)


def refused(policy, store, m: Pushed):
    """The policy's refusal code for the one mutation, or None."""
    with store.sessions() as s:
        found = policy.refuse(s, [m])
    return found[m.id].code if m.id in found else None


def upsert(table: str, **values) -> dict:
    return {"t": table, "op": "upsert", "v": {"id": f"{table}-1", **values}}


# -- who may do what (app.trust) ---------------------------------------------------------------

TRUST = [
    ("a clerk's application in their own name", "C001", None, [upsert("applications", clerk_no="C001")], None),
    (
        "an application in another clerk's name",
        "C001",
        None,
        [upsert("applications", clerk_no="C002")],
        TrustRefusal.SOMEONE_ELSES_NAME,
    ),
    ("someone not on the staff", "X999", None, [upsert("walk_ins", staff_no="X999")], TrustRefusal.NOT_ON_DUTY),
    ("the staff list", "C001", None, [upsert("staff", staff_no="C009")], TrustRefusal.CENTER_ONLY_DATA),
    ("a clerk's catalog edit", "C001", None, [upsert("matters", code="SCJG-001")], TrustRefusal.NOT_A_MANAGER),
    ("a manager's catalog edit", "M001", None, [upsert("matters", code="SCJG-001")], None),
    ("a reviewer accepting", "R001", None, [upsert("applications", clerk_no="R001")], TrustRefusal.NOT_A_CLERK),
    ("the machine's own change: no role to hold", "system:ws", MACHINE, [upsert("cases", kind="受理")], None),
    ("nothing recorded, by anyone", "X999", None, [], None),
]


@pytest.mark.parametrize(("by", "signer", "rows", "expected"), [t[1:] for t in TRUST], ids=[t[0] for t in TRUST])
def test_trust_checks_names_and_roles_at_the_center(center_store, by, signer, rows, expected):
    assert refused(TrustPushPolicy(), center_store, pushed(rows, by, signer)) == expected


def test_a_failed_login_pushed_counts_at_the_center(center_store):
    failed = {"action": "auth.login_failed", "id": "C002", "at": "2026-03-02T09:00:00"}
    with center_store.sessions.begin() as s:
        TrustPushPolicy().after_apply(s, pushed([], "system:ws", MACHINE, [failed]), datetime(2026, 3, 2, 9, 1))
    with center_store.sessions() as s:
        staff_id = s.scalar(select(Staff.id).where(Staff.staff_no == "C002"))
        assert s.scalar(select(func.count()).where(LoginFailure.staff_id == staff_id)) == 1


# -- decided at the center (app.approval) ---------------------------------------------------


def case(matter_id: str, kind: str = "受理", **columns) -> dict:
    return upsert("cases", case_no="SL1", kind=kind, matter_id=matter_id, accepted_on="2026-03-02", **columns)


def step(**columns) -> dict:
    values = {"case_id": "cases-1", "step": "即办决定", "seq": 1, "staff_no": "C001", "authorization_no": LETTER}
    return upsert("review_steps", **{**values, **columns})


APPROVAL = [
    ("a new case, undecided", lambda m: [case(m)], None),
    ("a new case decided at the window", lambda m: [case(m, decision="准予")], ApprovalRefusal.DECISION_AT_CENTER),
    ("a new case extended at the window", lambda m: [case(m, extension_days=10)], ApprovalRefusal.DECISION_AT_CENTER),
    ("a review step of an ordinary case", lambda m: [case(m), step()], ApprovalRefusal.REVIEW_AT_CENTER),
    ("a review step without its case", lambda m: [step()], ApprovalRefusal.REVIEW_AT_CENTER),
    (
        "a 即办件 decided under the clerk's letter",
        lambda m: [case(m, "即办", decision="准予"), step()],
        None,
    ),
    (
        "a 即办件 decided under a letter the center does not hold",
        lambda m: [case(m, "即办", decision="准予"), step(authorization_no="青市场监管局即授〔2026〕X号")],
        ApprovalRefusal.NO_LETTER_ON_THE_SPOT,
    ),
    (
        "a 即办件 decided without its step",
        lambda m: [case(m, "即办", decision="准予")],
        ApprovalRefusal.DECISION_AT_CENTER,
    ),
    ("a 即办件 without its decision", lambda m: [case(m, "即办")], ApprovalRefusal.NO_LETTER_ON_THE_SPOT),
    (
        "a 即办件's step in someone else's name",
        lambda m: [case(m, "即办", decision="准予"), step(staff_no="C002")],
        ApprovalRefusal.REVIEW_AT_CENTER,
    ),
]


@pytest.mark.parametrize(("rows", "expected"), [t[1:] for t in APPROVAL], ids=[t[0] for t in APPROVAL])
def test_only_a_letter_holder_decides_and_only_on_the_spot(center_store, scjg_001, rows, expected):
    assert refused(ApprovalPushPolicy(), center_store, pushed(rows(scjg_001.id))) == expected


# -- proxy submissions (app.help) ---------------------------------------------------------------


def application(applicant: Applicant | str, **columns) -> dict:
    text = applicant if isinstance(applicant, str) else applicant_to_json(applicant)
    return upsert("applications", applicant=text, received_on="2026-03-02", clerk_no="C001", **columns)


HELP = [
    ("in person", [application(WANG)], None),
    ("an applicant that is not JSON", [application("王五")], ProxyRefusal.MALFORMED_APPLICATION),
    (
        "no day of receipt",
        [upsert("applications", applicant=applicant_to_json(WANG), clerk_no="C001")],
        ProxyRefusal.MALFORMED_APPLICATION,
    ),
    ("a proxy without a letter", [application(replace(WANG, proxy=PROXY))], ProxyRefusal.LETTER_REFUSES),
    (
        "a proxy under a letter the center does not hold",
        [application(replace(WANG, proxy=PROXY, proxy_letter_no="WT20260001"))],
        ProxyRefusal.LETTER_REFUSES,
    ),
    ("in person, recording a letter", [application(WANG, proxy_letter_id="letter-1")], ProxyRefusal.WRONG_LETTER),
]


@pytest.mark.parametrize(("rows", "expected"), [t[1:] for t in HELP], ids=[t[0] for t in HELP])
def test_a_proxy_submission_needs_the_letter_the_center_holds(center_store, rows, expected):
    policy = HelpPushPolicy(FixedClock(datetime(2026, 3, 2, 9, 0)))
    assert refused(policy, center_store, pushed(rows)) == expected


# -- the automatic acceptance (app.acceptance) -------------------------------------------------

ACCEPTANCE = [
    ("by the machine, of an application the center does not hold", MACHINE, AcceptanceRefusal.NOT_AWAITING_SLIP),
    ("by a person: not the acceptance's to check", "C001", None),
]


@pytest.mark.parametrize(("signer", "expected"), [t[1:] for t in ACCEPTANCE], ids=[t[0] for t in ACCEPTANCE])
def test_a_machine_accepts_automatically_only_what_awaits_its_slip(center_store, signer, expected):
    m = pushed([application(WANG, status="已自动受理")], "system:ws", signer)
    assert refused(AcceptancePushPolicy(), center_store, m) == expected


# -- stale catalog edits (app.catalog) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("versions_ahead", "expected"),
    [(1, None), (0, CatalogRefusal.STALE_MATTER), (2, CatalogRefusal.STALE_MATTER)],
    ids=["the next version", "the version the center holds", "a version skipped"],
)
def test_a_catalog_edit_on_an_older_version_is_stale(center_store, scjg_001, versions_ahead, expected):
    row = {
        "t": "matters",
        "op": "upsert",
        "v": {"id": scjg_001.id, "row_version": scjg_001.row_version + versions_ahead},
    }
    with center_store.sessions() as s:
        found = CatalogPushPolicy().refuse_stale(s, pushed([row], "M001"))
        assert (found.code if found else None) == expected
        assert CatalogPushPolicy().refuse_stale(s, pushed([upsert("matters", row_version=1)], "M001")) is None  # new


# -- the center's push itself ------------------------------------------------------------------


def test_the_center_without_policies_applies_what_a_policy_would_refuse(center, tmp_path):
    """The feature rules live in the policies only: the same push, with none, is applied."""
    ws, engine = workstation(center, tmp_path, "ws")
    with ws.store.sessions.begin() as s:  # this workstation believes its clerk may edit the catalog
        s.execute(
            text("INSERT INTO staff_roles (staff_id, role) SELECT id, 'manager' FROM staff WHERE staff_no = 'C001'")
        )
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    guide = ws.catalog.guide(ws.catalog.search("gtgsh")[0].id).guide
    ws.catalog.save_guide(clerk, replace(guide, fees="收费 20 元"), "无策略的中心")
    batch = engine._next_batch()
    parsed = [Pushed(ws.workstation_id, m["id"], json.loads(m["payload"]), "C001") for m in batch]
    with center.store.sessions() as s:
        assert [r.code for r in TrustPushPolicy().refuse(s, parsed).values()] == [TrustRefusal.NOT_A_MANAGER]

    bare = CenterService(center.store, migrate.head_revision(), ())
    result = bare.push(ws.workstation_id, engine._state().credential, batch)
    assert result.rejected == [] and result.applied == [m["id"] for m in batch]
    with center.store.sessions() as s:
        matter = s.scalar(select(Matter).where(Matter.code == "SCJG-001"))
        assert s.get(MatterVersion, matter.current_version_id).fees == "收费 20 元"
