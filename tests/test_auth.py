import pytest

from app.actor import Role
from app.auth import MAX_FAILURES, LoginFailed, login
from app.errors import PermissionDenied


def test_demo_staff_log_in_with_their_roles(demo_ctx):
    actor = login(demo_ctx.store, demo_ctx.workstation_id, "C001", "Demo@2026")
    assert actor.roles == frozenset({Role.CLERK}) and actor.window_no == 1 and actor.name == "李娜"


def test_wrong_password_says_how_many_tries_are_left(demo_ctx):
    with pytest.raises(LoginFailed, match=f"还可尝试 {MAX_FAILURES - 1} 次"):
        login(demo_ctx.store, demo_ctx.workstation_id, "C001", "wrong")


def test_unknown_staff_number_gives_the_same_message(demo_ctx):
    with pytest.raises(LoginFailed, match="工号或密码不正确"):
        login(demo_ctx.store, demo_ctx.workstation_id, "X999", "whatever")


def test_lock_out_after_repeated_failures_even_with_the_right_password(demo_ctx):
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed):
            login(demo_ctx.store, demo_ctx.workstation_id, "C002", "wrong")
    with pytest.raises(LoginFailed, match="已锁定"):
        login(demo_ctx.store, demo_ctx.workstation_id, "C002", "wrong")
    with pytest.raises(LoginFailed, match=r"已锁定.*请大厅管理员在“人员管理”中解除锁定"):  # who lifts it at once
        login(demo_ctx.store, demo_ctx.workstation_id, "C002", "Demo@2026")
    # Others are unaffected.
    assert login(demo_ctx.store, demo_ctx.workstation_id, "C003", "Demo@2026").staff_no == "C003"


def test_service_checks_the_role_again(demo_ctx):
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", "Demo@2026")
    hit = demo_ctx.catalog.search("gtgsh")[0]
    guide = demo_ctx.catalog.guide(hit.id).guide
    with pytest.raises(PermissionDenied, match="大厅管理员"):
        demo_ctx.catalog.save_guide(clerk, guide, "越权修改")
