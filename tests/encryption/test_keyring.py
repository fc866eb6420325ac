"""The keyring: every account's own wrap of one data key; rewrap, removal, slow-down and lockout."""

from __future__ import annotations

import json
import time

import pytest

from desktop_app.domain.errors import DomainError
from desktop_app.services.encryption import (
    WRONG,
    account_disabled,
    account_password_set,
    add_wrap,
    keyring_path,
    remove_wrap,
    rewrap,
    unlock_key,
    wrapped_names,
)
from tests.encryption.conftest import ADMIN, PASSWORD, Encrypted


def test_second_account_opens_the_same_file(encrypted: Encrypted) -> None:
    from desktop_app.services.accounts import add_user

    key = unlock_key(encrypted.path, ADMIN, PASSWORD)
    assert key is not None
    admin = encrypted.open()
    add_user(admin, "王芳", "member", password="second-pass")  # the administrator adds her: her own wrap
    admin.close()
    assert wrapped_names(encrypted.path) == sorted([ADMIN, "王芳"])
    db = encrypted.open("王芳", "second-pass")
    assert db.key == key and db.identity.name == "王芳"
    db.close()
    text = keyring_path(encrypted.path).read_text(encoding="utf-8")
    assert key.hex() not in text and "second-pass" not in text  # neither the key nor a password is stored


def test_rewrap_keeps_the_data_key(encrypted: Encrypted) -> None:
    from desktop_app.services.accounts import change_password

    before = unlock_key(encrypted.path, ADMIN, PASSWORD)
    admin = encrypted.open()
    change_password(admin, PASSWORD, "新的密码-2026年冬")  # the account's own change rewraps the data key
    admin.close()
    with pytest.raises(DomainError, match=WRONG):
        unlock_key(encrypted.path, ADMIN, PASSWORD)
    assert unlock_key(encrypted.path, ADMIN, "新的密码-2026年冬") == before
    db = encrypted.open(ADMIN, "新的密码-2026年冬")
    assert db.key == before
    db.close()


def test_rewrap_with_a_wrong_old_password_changes_nothing(encrypted: Encrypted) -> None:
    ring = keyring_path(encrypted.path).read_text(encoding="utf-8")
    with pytest.raises(DomainError, match=WRONG):
        rewrap(encrypted.path, ADMIN, "not-it", "x-new-password")
    assert json.loads(keyring_path(encrypted.path).read_text())["wraps"] == json.loads(ring)["wraps"]


def test_a_wrap_cannot_be_moved_to_another_name(encrypted: Encrypted) -> None:
    path = keyring_path(encrypted.path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["wraps"]["冒名者"] = data["wraps"][ADMIN]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DomainError, match=WRONG):
        unlock_key(encrypted.path, "冒名者", PASSWORD)


def test_removed_wrap_no_longer_opens(encrypted: Encrypted) -> None:
    key = unlock_key(encrypted.path, ADMIN, PASSWORD)
    assert key is not None
    add_wrap(encrypted.path, "李四", "li-si-pass", key)
    assert remove_wrap(encrypted.path, "李四")
    with pytest.raises(DomainError, match=WRONG):
        unlock_key(encrypted.path, "李四", "li-si-pass")
    assert not remove_wrap(encrypted.path, "李四")


def test_account_hooks_seal_with_the_open_database_key(encrypted: Encrypted) -> None:
    """What the accounts capability calls when a user is added, resets a password or is disabled."""
    db = encrypted.open()
    try:
        assert account_password_set(db, "赵六", "zhao-liu-1")
        assert unlock_key(encrypted.path, "赵六", "zhao-liu-1") == db.key
        assert account_disabled(db, "赵六")
        with pytest.raises(DomainError):
            unlock_key(encrypted.path, "赵六", "zhao-liu-1")
    finally:
        db.close()


def test_failed_attempts_slow_down_then_lock(encrypted: Encrypted, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.encryption import keyring

    clock = [time.time()]
    monkeypatch.setattr(keyring.time, "time", lambda: clock[0])
    for _ in range(keyring.SLOW_AFTER):
        with pytest.raises(DomainError, match="^账户或密码不正确"):
            unlock_key(encrypted.path, ADMIN, "guess")
    with pytest.raises(DomainError, match="秒后再试"):  # even the right password waits its turn
        unlock_key(encrypted.path, ADMIN, PASSWORD)
    for _ in range(keyring.LOCK_AFTER - keyring.SLOW_AFTER):
        clock[0] += 3600
        with pytest.raises(DomainError):
            unlock_key(encrypted.path, ADMIN, "guess")
    clock[0] += 60
    with pytest.raises(DomainError, match="已暂时锁定"):
        unlock_key(encrypted.path, ADMIN, PASSWORD)
    clock[0] += keyring.LOCK_S + 1
    assert unlock_key(encrypted.path, ADMIN, PASSWORD) is not None  # the lock runs out; success clears the count
    assert ADMIN not in json.loads(keyring_path(encrypted.path).read_text()).get("failures", {})


def test_missing_keyring_says_where_it_should_be(encrypted: Encrypted) -> None:
    keyring_path(encrypted.path).rename(encrypted.path.with_name("elsewhere.keys"))
    with pytest.raises(DomainError, match="找不到它的密钥文件 fupin.sqlite.keys"):
        unlock_key(encrypted.path, ADMIN, PASSWORD)


def test_unlock_costs_what_the_argon2id_parameters_promise(encrypted: Encrypted) -> None:
    started = time.perf_counter()
    unlock_key(encrypted.path, ADMIN, PASSWORD)
    assert 0.1 < time.perf_counter() - started < 5.0
