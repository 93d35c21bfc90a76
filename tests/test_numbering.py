"""Numbers printed on notices read as a hall's numbering: prefix, year, the issuing series (the
center's "ZX", a workstation's six digits) and a sequence, with no English word or hex digits in
them. The series keeps workstations apart offline, and the center refuses to enroll a workstation
whose series an enrolled one already has."""

import re
import uuid
from itertools import count

import pytest

from app.center.service import CenterService, Refused
from app.notices import numbering
from db import migrate
from db.store import open_url

HALL_NUMBER = re.compile(r"[A-Z]{2}\d{4}-(ZX|\d{6})-\d{5}")


def test_the_center_and_each_workstation_have_a_series_of_their_own():
    assert numbering.series(numbering.CENTER_ID) == "ZX"
    ids = [str(uuid.uuid4()) for _ in range(200)]
    series = [numbering.series(i) for i in ids]
    assert all(re.fullmatch(r"\d{6}", s) for s in series)
    assert series == [numbering.series(i) for i in ids]  # the same id, the same series, on any machine


def test_notice_and_case_numbers_have_no_english_or_hex(demo_ctx):
    from app.actor import system_actor
    from app.uow import UnitOfWork

    with UnitOfWork(demo_ctx.store, system_actor(demo_ctx.workstation_id, "test")) as uow:
        s = uow.session
        numbers = [
            numbering.notice_no(s, demo_ctx.workstation_id, "SL", 2026),
            numbering.case_no(s, demo_ctx.workstation_id, 2026),
            numbering.notice_no(s, numbering.CENTER_ID, "ZY", 2026),
        ]
    series = numbering.series(demo_ctx.workstation_id)
    assert numbers == [f"SL2026-{series}-00001", f"QS2026-{series}-00001", "ZY2026-ZX-00001"]
    assert all(HALL_NUMBER.fullmatch(n) for n in numbers)


def _two_ids_with_one_series() -> tuple[str, str]:
    seen: dict[str, str] = {}
    for n in count():
        candidate = f"00000000-0000-4000-8000-{n:012d}"
        found = seen.setdefault(numbering.series(candidate), candidate)
        if found != candidate:
            return found, candidate
    raise AssertionError("unreachable")


def test_the_center_refuses_a_workstation_whose_series_is_taken(tmp_path):
    store = open_url(f"sqlite:///{tmp_path / 'center.sqlite3'}", role="center")
    service = CenterService(store, migrate.head_revision())
    first, second = _two_ids_with_one_series()
    service.enroll(service.new_enrollment_code("pytest"), first, "1 号窗口工作站", "host", "k" * 44)
    code = service.new_enrollment_code("pytest")
    with pytest.raises(Refused, match=f"文书编号段 {numbering.series(first)} 与已注册的工作站“1 号窗口工作站”相同"):
        service.enroll(code, second, "2 号窗口工作站", "host", "k" * 44)
    kiosk = service.new_enrollment_code("pytest", "kiosk")  # a kiosk numbers no notices: no series to check
    assert service.enroll(kiosk, second, "取号机", "host", None).device.id == second
    service.enroll(code, str(uuid.uuid4()), "2 号窗口工作站", "host", "k" * 44)  # the refused code is still good
    store.engine.dispose()
