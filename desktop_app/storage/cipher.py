"""SQLCipher files: telling an encrypted file from a plain one, and connecting to it with its data key.

An encrypted database is a SQLCipher 4 file (module ``sqlcipher3``, the SQLite amalgamation with SQLCipher
built in). It is opened with a *raw* 32-byte key (``PRAGMA key = "x'…'"``), so no key derivation runs per
connection: the slow, password-based step happens once, when the key is unwrapped (services.encryption).
Everything that touches the file itself (the engine, integrity checks, the online backup, merge reading a
second file) connects through :func:`connect` so that it works the same on a plain and an encrypted file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher  # type: ignore[import-untyped]  # the wheel ships no type information

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32

# The DB-API modules' own errors: the SQLCipher module has its own exception classes (not sqlite3's).
OperationalErrors: tuple[type[Exception], ...] = (sqlite3.OperationalError, sqlcipher.OperationalError)
Errors: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
ErrorsOrOS: tuple[type[Exception], ...] = (*Errors, OSError)

WRONG_KIND_PLAIN = "数据库 {path} 没有加密，却给出了密钥；请不带密钥打开它。"
WRONG_KIND_ENCRYPTED = "数据库 {path} 已加密：请用有权限的账户登录（--user，密码取自 FUPIN_PASSWORD）后再打开。"
WRONG_KEY = "数据库 {path} 无法用这个密钥解开（密钥文件与数据库不配套，或文件已损坏）；数据库没有任何改动。"


KEYRING_SUFFIX = ".keys"  # the keyring of an encrypted file sits beside it (services.encryption writes it)


def keyring_of(path: str | Path) -> Path:
    """The keyring file of an encrypted database file (the same name with ``.keys`` added)."""
    p = Path(path)
    return p.with_name(p.name + KEYRING_SUFFIX)


def dbapi() -> Any:
    """The SQLCipher DB-API module (for SQLAlchemy's ``module=``)."""
    return sqlcipher


def is_encrypted(path: str | Path) -> bool:
    """True when the file exists, is whole pages and does not start with SQLite's plain header.

    A plain SQLite file always starts with ``SQLite format 3\\0``; a SQLCipher file starts with its random
    salt. A missing or empty file is a new (plain) database.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False
    # a database file is whole pages (512 bytes at the least): anything else is a damaged or foreign file,
    # which the open refuses with its own message ("not a database") instead of asking for a password
    return head != SQLITE_HEADER and size >= 512 and size % 512 == 0


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with a raw key: SQLCipher uses these 32 bytes as they are (no PBKDF2 per connection)."""
    if len(key) != KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def attach_sql(alias: str, key: bytes | None) -> str:
    """``ATTACH DATABASE ? AS alias KEY …`` (the file name is the statement's one parameter)."""
    key_part = f"\"x'{key.hex()}'\"" if key is not None else "''"
    return f"ATTACH DATABASE ? AS {alias} KEY {key_part}"


CACHE_KIB = 32 * 1024  # page cache of an encrypted connection, in KiB


def connect(path: str | Path, key: bytes | None, **kwargs: Any) -> Any:
    """A DB-API connection to the file: SQLCipher with ``key`` when given, else the standard ``sqlite3``.

    With a key the first statement sets it and a read of the schema proves it right; a wrong key (or a
    plain file) raises :class:`sqlite3.DatabaseError`-like ``sqlcipher3`` errors, which callers turn into
    :data:`WRONG_KEY`.
    """
    if key is None:
        return sqlite3.connect(str(path), **kwargs)
    return sqlcipher_connect(path, key, **kwargs)


def sqlcipher_connect(path: str | Path, key: bytes | None, **kwargs: Any) -> Any:
    """Always a SQLCipher connection; without ``key`` it reads a plain file (for ``sqlcipher_export``)."""
    conn = sqlcipher.connect(str(path), **kwargs)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not SQLCipher's stderr lines
        if key is not None:
            conn.execute(key_pragma(key))
            # decrypted pages kept per connection (SQLite's default is 2 MiB): a plain file's pages come from the
            # system's file cache at the price of a copy, an encrypted one's must be decrypted again on every
            # miss; 32 MiB holds a county's search index and the household list's working set
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception:
        conn.close()
        raise
    return conn


def check_key(path: str | Path, key: bytes | None) -> str | None:
    """None when ``key`` suits the file (a key for an encrypted file, none for a plain one), else a message."""
    encrypted = is_encrypted(path)
    if key is not None and not encrypted and Path(path).exists() and Path(path).stat().st_size:
        return WRONG_KIND_PLAIN.format(path=path)
    if key is None and encrypted:
        return WRONG_KIND_ENCRYPTED.format(path=path)
    if key is not None and encrypted:
        try:
            connect(path, key).close()
        except Errors:
            return WRONG_KEY.format(path=path)
    return None
