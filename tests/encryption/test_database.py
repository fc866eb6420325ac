"""An encrypted database file: unreadable without its key, whole with it, and its copies encrypted too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database, DatabaseError
from desktop_app.services.encryption import WRONG, is_encrypted, keyring_path, unlock_key
from desktop_app.storage import database as storage
from tests.encryption.conftest import ADMIN, PASSWORD, Encrypted

HEADER = b"SQLite format 3\x00"


def test_file_is_not_sqlite_and_plain_sqlite_cannot_read_it(encrypted: Encrypted) -> None:
    assert encrypted.path.read_bytes()[:16] != HEADER
    assert is_encrypted(encrypted.path)
    assert keyring_path(encrypted.path).is_file()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(encrypted.path).execute("SELECT count(*) FROM household").fetchone()
    # no resident name or ID is readable in the raw bytes
    assert "和平村".encode() not in encrypted.path.read_bytes()


def test_opens_with_the_password_and_shows_every_household(encrypted_db: Database) -> None:
    from desktop_app.services.households import HouseholdFilter, list_first_page

    assert encrypted_db.key is not None and len(encrypted_db.key) == 32
    page = list_first_page(encrypted_db, HouseholdFilter())
    assert page.total == 24


def test_wrong_password_or_unknown_name_is_one_clear_line(encrypted: Encrypted) -> None:
    for user, password in ((ADMIN, "wrong-password"), ("不存在的人", PASSWORD)):
        with pytest.raises(DomainError) as info:
            encrypted.open(user, password)
        assert str(info.value) == WRONG
        assert "\n" not in str(info.value)


def test_encrypted_file_without_login_and_plain_file_with_a_key(encrypted: Encrypted, tmp_path: Path) -> None:
    from desktop_app.services import open_database

    with pytest.raises(DomainError, match="数据库已加密"):
        open_database(encrypted.path)
    with pytest.raises(DatabaseError, match="已加密"):  # the storage layer alone, without the unlock step
        storage.open_database(encrypted.path)
    with pytest.raises(DatabaseError, match="无法用这个密钥解开"):
        storage.open_database(encrypted.path, key=b"\x01" * 32)
    plain = tmp_path / "plain.sqlite"
    open_database(plain).close()
    assert unlock_key(plain, ADMIN, PASSWORD) is None
    with pytest.raises(DatabaseError, match="没有加密"):
        storage.open_database(plain, key=b"\x01" * 32)


def test_raw_connection_online_backup_is_encrypted(encrypted_db: Database, tmp_path: Path) -> None:
    """What the backups capability does (SQLite's online backup through Database.raw_connection)."""
    copy = tmp_path / "copy.sqlite"
    source = encrypted_db.raw_connection()
    assert source.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    target = storage.cipher.connect(copy, encrypted_db.key)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    assert copy.read_bytes()[:16] != HEADER
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT count(*) FROM household").fetchone()
    reopened = storage.cipher.connect(copy, encrypted_db.key)
    assert reopened.execute("SELECT count(*) FROM household").fetchone()[0] == 24
    reopened.close()


def test_backups_of_an_encrypted_file_are_encrypted_and_open_with_the_same_passwords(encrypted_db: Database) -> None:
    from desktop_app.services.backups import create_backup
    from desktop_app.services.encryption import unlock_key
    from tests.encryption.conftest import ADMIN, PASSWORD

    backup = create_backup(encrypted_db, "manual").file.path
    assert backup.read_bytes()[:16] != HEADER
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backup).execute("SELECT count(*) FROM household").fetchone()
    # the keyring travels with the copy: a laptop restored elsewhere opens it with the accounts' passwords
    assert unlock_key(backup, ADMIN, PASSWORD) == encrypted_db.key
    conn = storage.cipher.connect(backup, encrypted_db.key)
    assert conn.execute("SELECT count(*) FROM household").fetchone()[0] == 24
    conn.close()


def test_writes_persist_and_a_busy_writer_waits_on_sqlcipher(encrypted: Encrypted) -> None:
    from sqlalchemy import text

    db = encrypted.open()
    other = encrypted.open()
    other.gate.silent_wait_s = 0.3
    try:
        with db.transaction() as session:
            session.execute(text("UPDATE household SET phone = '13800000000' WHERE rowid = 1"))
            with pytest.raises(DatabaseError, match="另一个程序正在写入"):  # SQLCipher's "locked" is caught too
                with other.transaction() as blocked:
                    blocked.execute(text("SELECT 1"))
    finally:
        other.close()
        db.close()
    again = encrypted.open()
    with again.read() as session:
        assert session.execute(text("SELECT count(*) FROM household WHERE phone = '13800000000'")).scalar() == 1
    again.close()
