"""The dossier of a case at the center: the materials exactly as the guide version it was
accepted under lists them, every notice and step, special steps with their people, the letter
the decision was taken under; the check against the published guide; range export as a zip."""

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.delivery.service import Mailing
from app.dossier.archive import ExportCancelled, write_zip
from app.dossier.gather import gather
from app.dossier.service import DossierService
from app.errors import DomainError
from db.models import Case, ChecklistItem, MatterVersion, SpecialStepDef
from tests.helpers import accepted_case, approvals, deliveries, person
from tests.pdf_reading import run_together


def decided_with_an_inspection(ctx) -> str:
    """食品生产许可 (特别程序): accepted, a registered site inspection, 审核, 核准, mailed."""
    case_id = accepted_case(ctx, "SCJG-006", date(2026, 3, 2))
    with ctx.store.sessions() as s:
        version_id = s.get(Case, case_id).matter_version_id
        inspection = s.scalar(select(SpecialStepDef.id).where(SpecialStepDef.version_id == version_id))
    reviewer, chief = person(ctx, "R001"), person(ctx, "S001")
    approvals(ctx, date(2026, 3, 3)).start_special_step(reviewer, case_id, inspection, "孙丽（食品检查员证 SC-0123）")
    approvals(ctx, date(2026, 3, 5)).end_special_step(reviewer, case_id, "现场符合要求")
    approvals(ctx, date(2026, 3, 6)).review(reviewer, case_id, True, "材料齐全，现场符合要求")
    approvals(ctx, date(2026, 3, 6)).review(chief, case_id, True, "准予食品生产许可", "准予食品生产许可")
    mailing = Mailing("张三", "13912345678", "河南省南阳市青山县人民路 18 号", "顺丰速运", "SF1234567890")
    deliveries(ctx, date(2026, 3, 9)).mail(person(ctx, "C001"), case_id, mailing)
    return case_id


def test_the_dossier_lists_exactly_the_guide_version_s_materials_and_every_step(demo_ctx):
    case_id = decided_with_an_inspection(demo_ctx)
    # The guide changes after acceptance: the dossier keeps the version the case was accepted under.
    manager = person(demo_ctx, "M001")
    current = demo_ctx.catalog.guide(demo_ctx.catalog.search("SCJG-006")[0].id)
    extra = replace(current.guide.materials[0], name="食品安全管理制度文本（2026 新增）", shared_key=None)
    demo_ctx.catalog.save_guide(
        manager, replace(current.guide, materials=(*current.guide.materials, extra)), "新增材料"
    )

    dossier = DossierService(demo_ctx.store).case_file(manager, case_id)
    with demo_ctx.store.sessions() as s:
        case = s.get(Case, case_id)
        published = [m.name for m in s.get(MatterVersion, case.matter_version_id).materials]
        facts = gather(s, case_id, "test", datetime(2026, 3, 10, 9))
    assert dossier.problems == () and facts.problems == ()
    assert [m.name for m in facts.materials] == published and facts.guide_version_no == 1
    assert all(m.status == ("已收" if m.required else "不适用") for m in facts.materials)
    text = run_together(dossier.pdf)
    assert "申请材料清单（依据办事指南第1版）" in text
    positions = [text.index(name.replace(" ", "")) for name in published]
    assert positions == sorted(positions)  # in the guide's order
    assert "食品安全管理制度文本（2026新增）" not in text  # added to the guide later: not asked of this case
    assert [n.kind for n in facts.notices] == ["受理通知书", "特殊环节告知书", "准予许可决定书", "送达回证"]
    actions = [h.action for h in facts.history]
    assert actions[:1] == ["出具受理通知书"] and {"特殊环节开始", "特殊环节结束", "审核", "核准", "邮寄送达"} <= set(
        actions
    )
    assert facts.special_steps[0].people == "孙丽（食品检查员证 SC-0123）" and facts.special_steps[0].paused_days == 2
    (letter,) = facts.authorizations
    assert letter.document_no == "青市监授〔2026〕1号" and letter.used_for[0].startswith("核准 2026-03-06 陈静（S001）")
    for needle in ("孙丽（食品检查员证SC-0123）", "SF1234567890", "青市监授〔2026〕1号", case.case_no):
        assert needle in text


def test_a_material_asked_beyond_the_guide_is_flagged(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    with demo_ctx.store.sessions.begin() as s:
        case = s.get(Case, case_id)
        s.add(
            ChecklistItem(
                application_id=case.application_id, seq=99, key="name:房产证原件", name="房产证原件", status="已收"
            )
        )
        first = s.scalar(select(ChecklistItem).where(ChecklistItem.application_id == case.application_id))
        s.delete(first)
        missing = first.name
    dossier = DossierService(demo_ctx.store).case_file(person(demo_ctx, "M001"), case_id)
    assert any("办事指南未列的材料“房产证原件”" in p for p in dossier.problems)
    assert any(f"“{missing}”受理时未登记核验" in p for p in dossier.problems)
    assert "房产证原件" not in run_together(dossier.pdf).split("办理过程")[0].split("申请材料清单")[-1]


def test_a_date_range_exports_as_one_zip_and_a_cancel_leaves_nothing(demo_ctx, tmp_path):
    first = decided_with_an_inspection(demo_ctx)
    second = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 20))
    accepted_case(demo_ctx, "SCJG-003", date(2026, 4, 1))  # outside the range
    manager = person(demo_ctx, "M001")
    service = DossierService(demo_ctx.store)
    cases = service.cases_between(manager, date(2026, 3, 1), date(2026, 3, 31))
    assert [c.case_id for c in cases] == [first, second]
    # Days left wherever a case appears: the open one counts to its promised limit, the decided one not.
    on_23rd = DossierService(demo_ctx.store, FixedClock(datetime(2026, 3, 23, 9)))
    assert [(c.days_left, c.warning) for c in on_23rd.cases_between(manager, date(2026, 3, 1), date(2026, 3, 31))] == [
        (None, ""),
        (2, "yellow"),  # 食品经营许可: promised in 3 working days from Friday 20 March, so Wednesday 25
    ]
    (late,) = DossierService(demo_ctx.store, FixedClock(datetime(2026, 4, 2, 9))).cases_between(
        manager, date(2026, 3, 20), date(2026, 3, 20)
    )
    assert (late.days_left, late.warning) == (-6, "red")
    with pytest.raises(DomainError, match="截止日期不能早于起始日期"):
        service.cases_between(manager, date(2026, 3, 31), date(2026, 3, 1))
    path = tmp_path / "卷宗.zip"
    flagged = write_zip(path, cases, lambda c: service.case_file(manager, c.case_id))
    assert flagged == 0
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        rows = list(csv.reader(io.StringIO(archive.read("目录.csv").decode("utf-8-sig"))))
    assert sorted(names) == sorted([f"卷宗_{c.case_no}.pdf" for c in cases] + ["目录.csv", "核对结果.txt"])
    assert [r[0] for r in rows[1:]] == [c.case_no for c in cases] and rows[1][4] == "准予"
    cancelled = tmp_path / "取消.zip"
    with pytest.raises(ExportCancelled):
        write_zip(cancelled, cases, lambda c: service.case_file(manager, c.case_id), lambda done, total: False)
    assert list(tmp_path.glob("取消.zip*")) == []


def test_a_chief_reads_only_the_dossiers_of_the_departments_they_serve(demo_ctx):
    scjg = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    service = DossierService(demo_ctx.store)
    assert service.case_file(person(demo_ctx, "S001"), scjg).pdf.startswith(b"%PDF")
    with pytest.raises(DomainError, match="不在您的查阅范围内"):
        service.case_file(person(demo_ctx, "S002"), scjg)
    with pytest.raises(DomainError, match="仅限"):
        service.case_file(person(demo_ctx, "C001"), scjg)


def test_a_supervisor_reads_every_department_s_dossiers(demo_ctx):
    scjg = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    zrzy = accepted_case(demo_ctx, "ZRZY-001", date(2026, 3, 2))
    service, supervisor = DossierService(demo_ctx.store), person(demo_ctx, "J001")
    for case_id in (scjg, zrzy):
        assert service.case_file(supervisor, case_id).pdf.startswith(b"%PDF")
    assert {c.case_id for c in service.cases_between(supervisor, date(2026, 3, 1), date(2026, 3, 31))} >= {scjg, zrzy}


def test_a_review_step_reads_with_one_stop_before_the_decision():
    from app.dossier.gather import _detail
    from db.models import AuditEntry

    entry = AuditEntry(
        action="case.review",
        reason="经审查，符合条件，准予许可。",
        detail='{"agreed": true, "decision": "准予", "notice": "ZY2026-ZX-00001"}',
    )
    assert _detail(entry) == "同意：经审查，符合条件，准予许可；决定：准予（ZY2026-ZX-00001）"
