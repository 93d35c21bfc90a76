"""The names printed on documents come from the hall's settings at the center: a manager changes
them there (every field checked, with a reason, audited; anyone else refused, at the center too),
they travel to the workstations with the reference data, and every document drawn afterwards,
at the center or offline at a workstation, prints them."""

import json
from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

from app.acceptance.model import Decision, Outcome
from app.audit import verify_store
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.hall_settings.client import HallSettingsClient
from app.hall_settings.fields import CenterFields, DepartmentFields, center_errors, department_errors, reason_errors
from app.hall_settings.service import HallSettingsService
from app.trust.signed import mutation_message, sign
from app.uow import UnitOfWork
from db.models import AuditEntry, DepartmentSettings, HallSettings, OutboxEntry
from tests import pdf_reading
from tests.documents_drawn import DOSSIER, GUIDE, PROXY_LETTER, TICKET_PDF, every_document
from tests.helpers import ZHANG, department_id, person, prepared
from tests.sync_harness import Center, People, workstation

OTHER_CENTER = CenterFields("某某市政务服务中心", "某某市解放路1号", "0371-12345678")
OTHER_SCJG = DepartmentFields(
    "某某市市场监督管理局",
    "行政许可受理专用章",
    "某某市市场监督管理局",
    "行政审批专用章",
    "某某市人民政府",
    "某某市中级人民法院",
)
AT_WINDOW = ("受理通知书", "容缺受理通知书", "告知承诺书", "一次性告知单", "不予受理通知书")
AFTER_ACCEPTANCE = ("特殊环节告知书", "延期告知书", "准予许可决定书", "不予许可决定书", "送达回证")
APPEALABLE = ("不予受理通知书", "不予许可决定书")
FROM_CODE_BEFORE = ("青山县人民政府", "青山县人民法院", "青山县政务服务中心1号窗口", "青山县政务服务中心6号窗口")


def flat(pdf: bytes) -> str:
    return "".join(pdf_reading.text(pdf).split())


# Fields that pass every check: each case below spoils one of them.
A_CENTER = CenterFields("某某市政务服务中心", "某某路1号", "0371-12345678")
A_DEPARTMENT = DepartmentFields("某某局", "受理专用章", "某某局", "审批专用章", "某某市人民政府", "某某法院")


@pytest.mark.parametrize(
    ("values", "field", "why"),
    [
        (replace(A_CENTER, center_name=""), "center_name", "请填写中心名称"),
        (replace(A_CENTER, center_name="某" * 61), "center_name", "不能超过 60 个字"),
        (replace(A_CENTER, center_phone="12345"), "center_phone", "固定电话"),
        (replace(A_DEPARTMENT, acceptance_seal_purpose="受理专用"), "acceptance_seal_purpose", "以“章”结尾"),
        (replace(A_DEPARTMENT, acceptance_seal="某某 局"), "acceptance_seal", "不能含空格"),
        (replace(A_DEPARTMENT, court="某某市政府"), "court", "人民法院的全称"),
        (replace(A_DEPARTMENT, reconsideration_body=""), "reconsideration_body", "请填写行政复议机关"),
    ],
)
def test_each_field_is_checked_with_its_message(values, field, why):
    check = center_errors if isinstance(values, CenterFields) else department_errors
    (error,) = check(values)
    assert error.field == field and why in error.message


def test_the_demo_s_names_pass_the_checks_a_manager_s_would(demo_ctx):
    overview = HallSettingsService(demo_ctx.store).overview(person(demo_ctx, "M001"))
    assert center_errors(overview.center) == []
    assert all(department_errors(d.fields) == [] for d in overview.departments)
    assert overview.center.center_name == "青山县政务服务中心" and len(overview.departments) == 13


def test_a_change_needs_a_reason():
    assert reason_errors(" ")[0].field == "reason" and reason_errors("机构更名") == []


def test_a_manager_changes_them_with_a_reason_and_the_change_is_audited(demo_ctx):
    service, manager = HallSettingsService(demo_ctx.store), person(demo_ctx, "M001")
    with pytest.raises(PermissionDenied):
        service.update_center(person(demo_ctx, "C001"), OTHER_CENTER, "机构更名")
    with pytest.raises(ValidationFailed) as refused:
        service.update_center(manager, CenterFields(" ", "某某市解放路1号", "0371-12345678"), "")
    assert {e.field for e in refused.value.errors} == {"center_name", "reason"}
    service.update_center(manager, replace(OTHER_CENTER, center_name=" 某某市政务服务中心 "), "机构更名")
    with pytest.raises(DomainError, match="没有修改任何内容"):
        service.update_center(manager, OTHER_CENTER, "再次保存")
    assert service.center().center_name == "某某市政务服务中心"  # kept without the spaces
    with demo_ctx.store.sessions() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert (entry.action, entry.staff_no, entry.reason) == ("hall.settings_changed", "M001", "机构更名")
        assert json.loads(entry.detail)["changed"]["center_name"] == ["青山县政务服务中心", "某某市政务服务中心"]
    assert verify_store(demo_ctx.store).ok


def test_every_document_prints_the_changed_names(demo_ctx):
    service, manager = HallSettingsService(demo_ctx.store), person(demo_ctx, "M001")
    service.update_center(manager, OTHER_CENTER, "机构更名")
    service.update_department(manager, department_id(demo_ctx.store, "SCJG"), OTHER_SCJG, "印章更换，复议机关调整")
    texts = {kind: flat(pdf) for kind, pdf in every_document(demo_ctx).items()}
    for kind, text in texts.items():
        assert not [old for old in FROM_CODE_BEFORE if old in text], kind
    for kind in (*AT_WINDOW, *AFTER_ACCEPTANCE):  # the footer names the center and the window
        assert "某某市政务服务中心" in texts[kind], kind
    for kind in AT_WINDOW:
        assert "行政许可受理专用章" in texts[kind] and "审批专用章" not in texts[kind], kind
    for kind in AFTER_ACCEPTANCE:
        assert "行政审批专用章" in texts[kind] and "受理专用章" not in texts[kind], kind
    for kind in APPEALABLE:
        assert "向某某市人民政府申请行政复议" in texts[kind] and "向某某市中级人民法院提起行政诉讼" in texts[kind]
    assert "某某市政务服务中心1号窗口（某某市解放路1号）" in texts["送达回证"]
    assert "交某某市政务服务中心登记后方可使用" in texts[PROXY_LETTER]
    assert texts[TICKET_PDF].startswith("某某市政务服务中心")  # the ticket's header
    assert "某某市政务服务中心6号窗口" in texts[DOSSIER]  # the notices appended as issued
    assert "政务服务中心" not in texts[GUIDE].replace("青山县政务服务中心一楼", "")  # only the matter's own place


def test_a_center_without_settings_prints_no_made_up_names(demo_ctx):
    with UnitOfWork(demo_ctx.store, demo_ctx.system()) as uow:  # a hall whose manager has not set them yet
        uow.session.execute(HallSettings.__table__.delete())
        uow.session.execute(DepartmentSettings.__table__.delete())
        uow.commit()
    texts = {kind: flat(pdf) for kind, pdf in every_document(demo_ctx).items()}
    assert "依法申请行政复议" in texts["不予许可决定书"] and "依法提起行政诉讼" in texts["不予许可决定书"]
    assert texts["受理通知书"].count("受理专用章") == 1 and "审批专用章" in texts["准予许可决定书"]
    assert "交政务服务中心登记后方可使用" in texts[PROXY_LETTER]


def test_changed_at_the_center_pulled_and_printed_offline_at_a_workstation(tmp_path):
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        window, window_sync = workstation(center, tmp_path, "window")
        desk, _ = workstation(center, tmp_path, "desk")
        settings = People(desk, HallSettingsClient)
        with pytest.raises(DomainError, match="仅限大厅管理员"):  # the center looks the role up itself
            settings["C001"].update_center(OTHER_CENTER, "机构更名")
        with pytest.raises(ValidationFailed) as refused:
            settings["M001"].update_center(OTHER_CENTER, " ")
        assert [e.field for e in refused.value.errors] == ["reason"]
        scjg = next(d for d in settings["M001"].overview().departments if d.code == "SCJG")
        assert scjg.fields.court == "青山县人民法院"
        settings["M001"].update_center(OTHER_CENTER, "机构更名")
        settings["M001"].update_department(scjg.id, OTHER_SCJG, "印章更换")
        assert settings["C001"].center().center_name == "某某市政务服务中心"

        assert window_sync.sync(retries=0).ok  # the change comes down with the reference data
        center.stop()  # and prints with the center unreachable
        clerk = login(window.store, window.workstation_id, "C001", DEMO_PASSWORD)
        acc = window.acceptance
        acc.clock = FixedClock(datetime(2026, 3, 2, 9, 0))
        rejected = acc.decide(
            clerk, prepared(window, acc, "spjyxk"), ZHANG, Decision(Outcome.REJECT, reason="不属于本机关职权范围")
        )
        text = flat(rejected.notices[0].pdf)
        assert "某某市政务服务中心1号窗口" in text and "行政许可受理专用章" in text
        assert "向某某市人民政府申请行政复议" in text and "向某某市中级人民法院提起行政诉讼" in text
    finally:
        center.stop()
        center.store.engine.dispose()


def test_a_workstation_cannot_push_the_hall_s_settings(tmp_path):
    """Only the center writes them: a mutation carrying them is refused, whoever sends it."""
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        desk, sync = workstation(center, tmp_path, "desk")
        manager = login(desk.store, desk.workstation_id, "M001", DEMO_PASSWORD)
        with UnitOfWork(desk.store, manager) as uow:
            uow.record("forged", "hall", "1")
            uow.commit()
        with desk.store.sessions() as s:  # a unit of work never sends settings: a forged entry does
            entry = s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id.desc())).first()
            payload = json.loads(entry.payload)
            payload["rows"] = [{"t": "hall_settings", "op": "upsert", "v": {"id": 1, "center_name": "伪造的中心"}}]
            entry.payload = json.dumps(payload, ensure_ascii=False)
            # Signed by the manager (an insider with the manager's password): the signature holds,
            # the table rule is what refuses it.
            entry.signature = sign(manager.key, mutation_message(desk.workstation_id, entry.mutation_id, entry.payload))
            s.commit()
        report = sync.sync(retries=0)
        assert [r.reason for r in report.rejected] == [
            "工作站提交了只能在中心维护的数据（人员、授权书或大厅设置等），变更被拒绝。"
        ]
        with center.store.sessions() as s:
            assert s.get(HallSettings, 1).center_name == "青山县政务服务中心"
    finally:
        center.stop()
        center.store.engine.dispose()
