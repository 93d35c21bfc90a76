"""授权书: recorded by a manager with matters, validity and a scan; refused field by field when
wrong; revoked from a day on. Expired, revoked or out-of-scope authority decides nothing, in the
service and at the center."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.approval.service import ApprovalRefused
from app.authorizations.dto import NewAuthorization, Scan
from app.authorizations.service import AuthorizationService
from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationFailed
from db.models import AuthorizationScan, Case, ChiefAuthorization, Department, Matter
from tests.helpers import accepted_case, approvals, person

SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def letters(ctx, on: date) -> AuthorizationService:
    return AuthorizationService(ctx.store, FixedClock(datetime.combine(on, datetime.min.time())))


def ids(ctx, department_code: str, *matter_codes: str) -> tuple[str, tuple[str, ...]]:
    with ctx.store.sessions() as s:
        department = s.scalar(select(Department.id).where(Department.code == department_code))
        matters = tuple(s.scalars(select(Matter.id).where(Matter.code.in_(matter_codes))))
    return department, matters


def test_a_letter_is_checked_field_by_field_and_nothing_is_recorded_when_wrong(demo_ctx):
    service, manager = letters(demo_ctx, date(2026, 3, 2)), person(demo_ctx, "M001")
    before = len(service.letters(manager))
    scjg, _ = ids(demo_ctx, "SCJG")
    _zrzy, zrzy_matters = ids(demo_ctx, "ZRZY", "ZRZY-001")
    bad = NewAuthorization(
        "青市监授〔2026〕1号", scjg, "R001", zrzy_matters, date(2026, 5, 1), date(2026, 4, 1), "scan.txt", b"hello"
    )
    with pytest.raises(ValidationFailed) as refused:
        service.record(manager, bad)
    messages = {e.field: e.message for e in refused.value.errors}
    assert set(messages) == {"document_no", "holder", "matters", "valid", "scan"}
    assert "已登记" in messages["document_no"] and "首席代表" in messages["holder"]
    with pytest.raises(ValidationFailed, match=r"陈静 不是.*自然资源局"):
        service.record(
            manager,
            NewAuthorization(
                "青自然资授〔2026〕9号", ids(demo_ctx, "ZRZY")[0], "S001", zrzy_matters, None, None, "", SCAN
            ),
        )
    with pytest.raises(PermissionDenied):
        service.record(person(demo_ctx, "C001"), bad)
    rsj, not_on_the_spot = ids(demo_ctx, "RSJ", "RSJ-005")
    with pytest.raises(ValidationFailed, match="只能被授权办理即办件"):
        service.record(
            manager,
            NewAuthorization(
                "青人社即授〔2026〕9号", rsj, "C001", not_on_the_spot, date(2026, 1, 1), date(2026, 12, 31), "", SCAN
            ),
        )
    assert len(service.letters(manager)) == before


def test_a_revoked_letter_decides_nothing_from_that_day(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    approvals(demo_ctx, date(2026, 3, 3)).review(person(demo_ctx, "R001"), case_id, True, "同意")
    manager, chief = person(demo_ctx, "M001"), person(demo_ctx, "S001")
    (letter,) = [row for row in letters(demo_ctx, date(2026, 3, 3)).letters(manager) if row.holder_no == "S001"]
    with pytest.raises(Exception, match="原因"):
        letters(demo_ctx, date(2026, 3, 3)).revoke(manager, letter.id, " ")
    letters(demo_ctx, date(2026, 3, 3)).revoke(manager, letter.id, "首席代表岗位调整")
    assert [r.status for r in letters(demo_ctx, date(2026, 3, 3)).letters(chief)] == ["已终止"]
    with pytest.raises(ApprovalRefused, match="已终止"):
        approvals(demo_ctx, date(2026, 3, 3)).review(chief, case_id, True, "准予许可", "准予食品经营许可")
    # A new letter for this one matter, recorded with its scan, lets the chief decide again.
    scjg, matters = ids(demo_ctx, "SCJG", "SCJG-003")
    new = NewAuthorization(
        "青市监授〔2026〕7号", scjg, "S001", matters, date(2026, 3, 3), date(2026, 12, 31), "授权书.pdf", SCAN
    )
    letter_id = letters(demo_ctx, date(2026, 3, 3)).record(manager, new)
    assert letters(demo_ctx, date(2026, 3, 3)).scan(chief, letter_id) == Scan("授权书.pdf", "application/pdf", SCAN)
    result = approvals(demo_ctx, date(2026, 3, 3)).review(chief, case_id, True, "准予许可", "准予食品经营许可")
    assert result.decided == "准予"
    with demo_ctx.store.sessions() as s:
        assert s.get(Case, case_id).decision == "准予"


def test_at_the_center_letters_are_recorded_and_enforced_over_http(tmp_path):
    from app.approval.client import ApprovalClient
    from app.authorizations.client import AuthorizationClient
    from tests.sync_harness import People, center_with_a_case

    with center_with_a_case(tmp_path) as hall:
        approval = People(hall.desk, ApprovalClient)
        manage = People(hall.desk, AuthorizationClient)
        (row,) = approval["R001"].inbox()
        approval["R001"].review(row.case_id, True, "材料齐全")
        letter = next(a for a in manage["M001"].letters() if a.holder_no == "S001")
        with pytest.raises(ApprovalRefused, match="仅限大厅管理员"):
            manage["C001"].revoke(letter.id, "岗位调整")  # a clerk: refused at the center
        manage["M001"].revoke(letter.id, "岗位调整")
        with pytest.raises(ApprovalRefused, match="已终止"):
            approval["S001"].review(row.case_id, True, "准予许可", "准予食品经营许可")
        department = next(d for d in manage["M001"].choices() if d.code == "SCJG")
        matter_ids = tuple(m.id for m in department.matters)
        with pytest.raises(ValidationFailed) as refused:
            manage["M001"].record(NewAuthorization("", department.id, "S001", matter_ids, None, None, "", b""))
        assert {e.field for e in refused.value.errors} == {"document_no", "valid", "scan"}
        new = NewAuthorization(
            "青市监授〔2026〕8号",
            department.id,
            "S001",
            matter_ids,
            date(2026, 1, 1),
            date(2026, 12, 31),
            "a.pdf",
            SCAN,
        )
        letter_id = manage["M001"].record(new)
        assert manage["S001"].scan(letter_id).data == SCAN
        assert approval["S001"].review(row.case_id, True, "准予许可", "准予食品经营许可").decided == "准予"
        # Workstations learn of the letter (not its scan, which stays at the center).
        assert hall.desk_sync.sync(retries=0).ok
        with hall.desk.store.sessions() as s:
            pulled = s.scalar(select(ChiefAuthorization).where(ChiefAuthorization.document_no == "青市监授〔2026〕8号"))
            assert pulled.scan_name == "a.pdf" and len(pulled.matters) == len(matter_ids)
            assert s.get(AuthorizationScan, pulled.id) is None
