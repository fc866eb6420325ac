"""Signing in: wrong password, slow-down, lockout and its end, disabled, unknown names, recovery, must-change."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop_app.domain.errors import DomainError
from desktop_app.services import PermissionDenied, allowed, open_database
from desktop_app.services import accounts as acc
from desktop_app.services.accounts import sessions
from desktop_app.storage.models_accounts import Account
from desktop_app.storage.types import utcnow
from tests.accounts.conftest import ADMIN, ADMIN_PW, NAMES, PASSWORDS


def _failures(db: Any, name: str) -> tuple[int, Any]:
    with db.session() as session:
        row = session.execute(select(Account).where(Account.name == name)).scalar_one()
        return row.failed_count, row.locked_until


def test_sign_in_sets_the_identity_and_a_wrong_password_is_refused(county, open_as) -> None:
    db = open_as("member")
    assert db.identity.name == "李强" and db.identity.role == "member" and db.identity.signed_in
    with pytest.raises(acc.SignInError) as wrong:
        acc.sign_in(db, "李强", "not-the-password")
    assert "账户名或密码不正确" in str(wrong.value)
    assert db.identity.name == "李强"  # a failed attempt does not change who works
    with pytest.raises(acc.SignInError) as unknown:
        acc.sign_in(db, "没有这个人", "not-the-password")
    assert str(unknown.value) == str(wrong.value)  # the login does not tell which names exist


def test_failures_slow_down_then_lock_and_the_lock_ends(county, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(county["path"], require_login=False)
    clock = [utcnow()]
    monkeypatch.setattr(sessions, "now", lambda: clock[0])
    with pytest.raises(acc.SignInError) as first:
        acc.sign_in(db, "李强", "wrong-1")
    assert first.value.wait_seconds is None
    with pytest.raises(acc.SignInError) as second:
        acc.sign_in(db, "李强", "wrong-2")
    assert second.value.wait_seconds == 2 and "请等 2 秒" in str(second.value)
    with pytest.raises(acc.SignInError) as waiting:  # even the right password must wait
        acc.sign_in(db, "李强", PASSWORDS["member"])
    assert waiting.value.wait_seconds == 2 and not db.identity.signed_in
    for failures in (3, 4):
        clock[0] += timedelta(seconds=60)
        with pytest.raises(acc.SignInError):
            acc.sign_in(db, "李强", f"wrong-{failures}")
    clock[0] += timedelta(seconds=60)
    with pytest.raises(acc.SignInError) as locked:
        acc.sign_in(db, "李强", "wrong-5")
    assert locked.value.wait_seconds == 15 * 60 and "已被锁定" in str(locked.value)
    assert _failures(db, "李强")[0] == 5
    clock[0] += timedelta(minutes=14)
    with pytest.raises(acc.SignInError) as still:
        acc.sign_in(db, "李强", PASSWORDS["member"])
    assert "已被锁定" in str(still.value) and still.value.wait_seconds == 60
    clock[0] += timedelta(minutes=1, seconds=1)
    assert acc.sign_in(db, "李强", PASSWORDS["member"]).name == "李强"
    assert _failures(db, "李强") == (0, None)
    db.close()


def test_the_administrator_unlocks_with_a_reset_and_the_user_must_change(county, open_as) -> None:
    db = open_database(county["path"], require_login=False)
    for i in range(5):
        with pytest.raises(acc.SignInError):
            acc.sign_in(db, "李强", f"wrong-{i}")
        with db.transaction() as session:  # let the slow-down pass without waiting in a test
            row = session.execute(select(Account).where(Account.name == "李强")).scalar_one()
            if row.failed_count < 5:
                row.locked_until = None
    assert _failures(db, "李强")[1] is not None
    acc.sign_in(db, ADMIN, ADMIN_PW)
    acc.reset_password(db, "李强", "fresh-pass-9")
    acc.sign_in(db, "李强", "fresh-pass-9")
    assert acc.must_change_password(db)
    with pytest.raises(PermissionDenied, match="请先修改"):
        acc.add_user(db, "新人", "member", password="whatever-pw-1")
    acc.change_password(db, "fresh-pass-9", "my-own-pass-9")
    assert not acc.must_change_password(db) and allowed(db, "household.save")
    db.close()


def test_a_disabled_account_cannot_sign_in(county, open_as) -> None:
    admin = open_as("county_admin")
    acc.set_disabled(admin, "李强", True)
    with pytest.raises(acc.SignInError, match="已停用"):
        open_as("member")
    with pytest.raises(DomainError, match="自己"):
        acc.set_disabled(admin, ADMIN, True)
    acc.set_disabled(admin, "李强", False)
    assert open_as("member").identity.name == "李强"


def test_recovery_code_resets_the_administrator_and_is_renewed(county) -> None:
    db = open_database(county["path"], require_login=False)
    with pytest.raises(acc.SignInError, match="恢复码不正确"):
        acc.recover_admin(db, ADMIN, "AAAA-BBBB-CCCC-DDDD-EEEE", "new-admin-pw-1")
    with pytest.raises(acc.SignInError, match="恢复码不正确"):  # only for an administrator
        acc.recover_admin(db, NAMES["member"], county["recovery"], "new-admin-pw-1")
    typed = county["recovery"].lower().replace("-", " ")  # as read over the phone
    new_code = acc.recover_admin(db, ADMIN, typed, "new-admin-pw-1")
    assert new_code != county["recovery"] and db.identity.name == ADMIN
    with pytest.raises(acc.SignInError):
        acc.sign_in(db, ADMIN, ADMIN_PW)
    acc.sign_in(db, ADMIN, "new-admin-pw-1")
    with pytest.raises(acc.SignInError):  # the old code is spent
        acc.recover_admin(db, ADMIN, county["recovery"], "other-admin-pw-1")
    db.close()


def test_first_administrator_only_once_and_password_policy(tmp_path) -> None:
    db = open_database(tmp_path / "new.sqlite")
    assert not acc.has_accounts(db) and allowed(db, "users.manage")  # no accounts: everything, as before
    with pytest.raises(DomainError, match="至少需要 8"):
        acc.create_first_admin(db, "王芳", "县扶贫办", "short")
    with pytest.raises(DomainError, match="请先建立第一个县级管理员"):
        acc.add_user(db, "李强", "member", password="member-pass-1")
    code = acc.create_first_admin(db, " 王芳 ", "县扶贫办", "Admin-pass-1")
    assert len(code.split("-")) == 5 and db.identity.name == "王芳" and db.has_accounts
    with pytest.raises(DomainError, match="已有账户"):
        acc.create_first_admin(db, "另一人", "", "Admin-pass-2")
    with db.session() as session:
        row = session.execute(select(Account)).scalar_one()
        assert row.recovery_hash and code not in row.recovery_hash and row.password_hash.startswith("$argon2id$")
        assert session.execute(select(func.count()).select_from(Account)).scalar_one() == 1
    assert acc.password_problem("王芳12345678", "王芳") == "密码不能包含账户名。"
    assert acc.password_problem("12345678", "x") is not None
    assert acc.password_problem("aaaaaaaa", "x") is not None
    assert acc.password_problem("good-pass-77", "王芳") is None
    with pytest.raises(DomainError, match="过长"):
        acc.add_user(db, "名" * 41, "member", password="member-pass-1")
    with pytest.raises(DomainError, match="已有名为"):
        acc.add_user(db, "王芳", "member", password="member-pass-1")
    db.close()


def test_open_without_user_is_refused_and_signing_out_leaves_only_session(county) -> None:
    with pytest.raises(acc.LoginRequired, match="请用 --user 指定账户"):
        open_database(county["path"])
    db = open_database(county["path"], require_login=False)
    assert db.identity.name == "" and not allowed(db, "household.save") and allowed(db, "session.login")
    acc.sign_in(db, "李强", PASSWORDS["member"])
    assert allowed(db, "household.save")
    acc.sign_out(db)
    assert not db.identity.signed_in and not allowed(db, "household.save")
    db.close()


def test_the_county_sets_the_lockout(county, open_as) -> None:
    from desktop_app.services.settings import save_settings

    admin = open_as("county_admin")
    with pytest.raises(DomainError, match="整数"):
        save_settings(admin, {"accounts.max_failures": "很多"})
    save_settings(admin, {"accounts.max_failures": "3", "accounts.lock_minutes": "60"})
    db = open_database(county["path"], require_login=False)
    for i in range(3):
        with db.transaction() as session:  # skip the slow-down between tries
            row = session.execute(select(Account).where(Account.name == "李强")).scalar_one()
            row.locked_until = None
        with pytest.raises(acc.SignInError) as refused:
            acc.sign_in(db, "李强", f"wrong-{i}")
    assert refused.value.wait_seconds == 3600 and "60 分钟" in str(refused.value)
    db.close()
