"""Encrypting and decrypting a database file: a verified copy under the other form, then a swap.

SQLCipher's ``sqlcipher_export`` copies every table, index, trigger and the schema version into an attached
database of the other kind (encrypted ↔ plain). The copy is written beside the database under a temporary
name, checked (``PRAGMA integrity_check``, the same row count in every table), and only then does the
keyring get written and the copy replace the original. A crash at any point leaves the original file as it
was (a left-over temporary copy is removed by the next attempt).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import select

from desktop_app.domain.errors import DomainError
from desktop_app.services.backups import back_up_first
from desktop_app.services.encryption import keyring
from desktop_app.services.progress import Progress
from desktop_app.services.unit_of_work import reading, record
from desktop_app.storage import cipher
from desktop_app.storage import database as storage
from desktop_app.storage.models_accounts import Account

log = logging.getLogger(__name__)

# acct registers its password check here (name, password → True when they are this account's), so that a
# wrap is never sealed under a password the account does not have: install_password_check(accounts.verify).
_password_checks: list[Callable[[storage.Database, str, str], bool]] = []

# an encryption needs an administrator: an encrypted database is opened only by accounts with passwords
NO_ACCOUNTS = "请先建立管理员账户：加密的数据库只能由有密码的账户打开。"
WITHOUT_WRAP = "需管理员为其重设密码后才能登录加密的数据库"


def install_password_check(check: Callable[[storage.Database, str, str], bool]) -> Callable[[], None]:
    """The accounts capability tells whether a password is an account's (the returned function removes it)."""
    _password_checks.append(check)
    return lambda: _password_checks.remove(check)


@dataclass
class Conversion:
    """What an encryption or decryption did (the database itself is closed: reopen it)."""

    path: Path
    encrypted: bool
    tables: int
    rows: int
    seconds: float
    accounts_without_wrap: list[str] = field(default_factory=list)
    kept_plain: Path | None = None  # the plain original, kept only when asked
    plain_copies: list[Path] = field(default_factory=list)  # older plain copies still beside it (backups)
    backup: Path | None = None


def _file_of(db: storage.Database) -> Path:
    path = db.sqlite_path
    if path is None:
        raise DomainError(
            "encrypt_not_sqlite", "只有 SQLite 数据库文件可以加密或解密（服务器数据库请用其自身的加密）。"
        )
    return path


def _check_password(db: storage.Database, name: str, password: str) -> None:
    if not name.strip() or not password:
        raise DomainError("encrypt_password", "请给出管理员的账户名和密码。")
    for check in _password_checks:
        if not check(db, name, password):
            raise DomainError("encrypt_password", keyring.WRONG)


def _counts(conn: Any, schema: str) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    ]
    return {t: int(conn.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0]) for t in tables}


def _export(source: Path, source_key: bytes | None, target: Path, target_key: bytes | None) -> dict[str, int]:
    """``sqlcipher_export`` of ``source`` into a new ``target``; raises when the copy differs in any table."""
    target.unlink(missing_ok=True)
    conn = cipher.sqlcipher_connect(source, source_key, isolation_level=None)
    try:
        counts = _counts(conn, "main")
        conn.execute(cipher.attach_sql("converted", target_key), (str(target),))
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute("PRAGMA converted.user_version = " + str(conn.execute("PRAGMA main.user_version").fetchone()[0]))
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    check = cipher.sqlcipher_connect(target, target_key, isolation_level=None)
    try:
        problems = [row[0] for row in check.execute("PRAGMA integrity_check").fetchall()]
        copied = _counts(check, "main")
        check.execute("PRAGMA journal_mode=WAL")
    finally:
        check.close()
    if problems != ["ok"] or copied != counts:
        target.unlink(missing_ok=True)
        differ = sorted(t for t in set(counts) | set(copied) if counts.get(t) != copied.get(t))
        log.error("converted copy differs: integrity %s, tables %s", problems[:3], differ)
        raise DomainError(
            "encrypt_verify", "转换后的副本校验未通过（完整性或行数不一致）；原数据库没有任何改动。请检查磁盘后重试。"
        )
    return counts


def _release(db: storage.Database, path: Path) -> None:
    """Close our connections and make sure no other program holds the file (its WAL would be lost)."""
    db.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise DomainError(
            "encrypt_in_use", "数据库正被另一个程序（或另一个窗口）使用；请先关闭它再加密或解密。数据库没有任何改动。"
        )
    for extra in (wal, path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)


def plain_copies(path: Path) -> list[Path]:
    """Plain (unencrypted) copies of this database beside it: older backups that still show every record."""
    found = []
    for other in sorted(path.parent.glob(f"{path.stem}*{path.suffix}")):
        if other != path and other.is_file() and not cipher.is_encrypted(other) and other.stat().st_size:
            found.append(other)
    return found


def remove_plain_copies(paths: list[Path]) -> int:
    """Delete the plain copies the person chose (after an encryption); how many were removed."""
    removed = 0
    for path in paths:
        if path.is_file() and not cipher.is_encrypted(path):
            path.unlink()
            removed += 1
    return removed


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def encrypt_database(
    db: storage.Database,
    admin_name: str,
    admin_password: str,
    *,
    keep_plain: bool = False,
    progress: Progress | None = None,
) -> Conversion:
    """Encrypt the open SQLite database under a new random data key, sealed for the administrator.

    ``db`` is closed when this returns (reopen it with the administrator's password). Accounts other than
    the administrator have no wrap yet: they are listed, and can sign in once the administrator has set
    their password again. Refuses a database that is already encrypted, and (once accounts exist) anyone
    but a signed-in account allowed ``database.encrypt``.
    """
    started = time.monotonic()
    path = _file_of(db)
    if db.key is not None or cipher.is_encrypted(path):
        raise DomainError("encrypt_already", "数据库已经加密。")
    if not db.has_accounts:
        raise DomainError("encrypt_no_accounts", NO_ACCOUNTS)
    _check_password(db, admin_name, admin_password)
    with reading(db) as session:
        names = [a.name for a in session.exec(select(Account).where(Account.disabled == False)).all()]  # noqa: E712
    record(db, "database.encrypt", None, file=path.name)  # checks the role; the entry goes into the copy
    if progress is not None:
        progress(1, 4, "正在生成加密副本")
    key = keyring.new_data_key()
    temp = path.with_name(f".{path.name}.encrypting")
    _release(db, path)
    counts = _export(path, None, temp, key)
    if progress is not None:
        progress(2, 4, "正在写入密钥文件")
    ring = keyring.Keyring.empty(path)
    ring.wraps[admin_name] = keyring.seal(admin_name, admin_password, key)
    ring.save()
    if progress is not None:
        progress(3, 4, "正在替换数据库文件")
    kept: Path | None = None
    if keep_plain:
        kept = path.with_name(f"{path.stem}.plain-before-encrypt-{_stamp()}{path.suffix}")
        os.replace(path, kept)
    os.replace(temp, path)
    if progress is not None:
        progress(4, 4, "加密完成")
    return Conversion(
        path=path,
        encrypted=True,
        tables=len(counts),
        rows=sum(counts.values()),
        seconds=time.monotonic() - started,
        accounts_without_wrap=sorted(n for n in names if n != admin_name),
        kept_plain=kept,
        plain_copies=[p for p in plain_copies(path) if p != kept],
    )


def decrypt_database(
    db: storage.Database, admin_name: str, admin_password: str, *, progress: Progress | None = None
) -> Conversion:
    """Turn the open encrypted database back into a plain file (its keyring removed); ``db`` is closed after.

    The administrator's password must open their wrap (proof of holding the key, beside the role check);
    an encrypted backup copy is taken first.
    """
    started = time.monotonic()
    path = _file_of(db)
    if db.key is None or not cipher.is_encrypted(path):
        raise DomainError("decrypt_plain", "数据库没有加密。")
    _check_password(db, admin_name, admin_password)
    if keyring.unwrap(path, admin_name, admin_password) != db.key:
        raise DomainError("decrypt_password", keyring.WRONG)
    record(db, "database.decrypt", None, file=path.name)
    done = back_up_first(db, "before-decrypt")  # encrypted, with the keyring that opens it, in the backup folder
    backup = None if done is None else done.file.path
    key = db.key
    if progress is not None:
        progress(1, 3, "正在生成未加密副本")
    temp = path.with_name(f".{path.name}.decrypting")
    _release(db, path)
    counts = _export(path, key, temp, None)
    if progress is not None:
        progress(2, 3, "正在替换数据库文件")
    os.replace(temp, path)
    keyring.keyring_path(path).unlink(missing_ok=True)
    if progress is not None:
        progress(3, 3, "解密完成")
    return Conversion(
        path=path,
        encrypted=False,
        tables=len(counts),
        rows=sum(counts.values()),
        seconds=time.monotonic() - started,
        backup=backup,
    )
