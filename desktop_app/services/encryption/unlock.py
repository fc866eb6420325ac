"""Unlocking an encrypted database before it is opened: the one step every front end's open goes through."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.errors import DomainError
from desktop_app.services.encryption import keyring
from desktop_app.services.merge import DatabaseMerge, merge_database
from desktop_app.services.progress import Progress
from desktop_app.storage import database as storage

NEEDS_LOGIN = (
    "数据库已加密：请用有权限的账户登录后再打开（命令行：--user 账户名，密码取自 FUPIN_PASSWORD、标准输入或提示输入）。"
)


def is_encrypted(url_or_path: str | Path | None) -> bool:
    """True when the database named is an encrypted SQLite file (a server database never is, here)."""
    return storage.is_encrypted_url(url_or_path)


def unlock_key(url_or_path: str | Path | None, user: str | None, password: str | None) -> bytes | None:
    """The data key of an encrypted database for this account, or None for a plain database.

    A wrong password, or a name without a wrap, is one line (:data:`keyring.WRONG`) and counts as a failed
    attempt in the keyring (several in a row slow down, then lock the name for a while).
    """
    path = storage.sqlite_file(storage.to_url(url_or_path))
    if path is None or not storage.is_encrypted_url(url_or_path):
        return None
    if not user or password is None:
        raise DomainError("encrypted_needs_login", NEEDS_LOGIN, "The database is encrypted: sign in to open it.")
    return keyring.unwrap(path, user.strip(), password)


def add_wrap(url_or_path: str | Path, name: str, password: str, key: bytes) -> None:
    """A new account (or a password set by the administrator) gets its own wrap of the data key."""
    keyring.add_wrap(_path(url_or_path), name, password, key)


def rewrap(url_or_path: str | Path, name: str, old_password: str, new_password: str) -> None:
    keyring.rewrap(_path(url_or_path), name, old_password, new_password)


def remove_wrap(url_or_path: str | Path, name: str) -> bool:
    return keyring.remove_wrap(_path(url_or_path), name)


def wrapped_names(url_or_path: str | Path) -> list[str]:
    return keyring.wrapped_names(_path(url_or_path))


def _path(url_or_path: str | Path) -> Path:
    path = storage.sqlite_file(storage.to_url(url_or_path))
    if path is None or not storage.is_encrypted_url(url_or_path):
        raise DomainError("keyring_plain", "数据库没有加密，没有密钥文件。")
    return path


def account_password_set(db: storage.Database, name: str, password: str) -> bool:
    """An account was added, changed its password or had it reset: seal the open database's key for it.

    The accounts capability calls it inside the same use case (after the new hash is stored). A plain
    database has nothing to seal (False).
    """
    path = db.sqlite_path
    if db.key is None or path is None:
        return False
    keyring.add_wrap(path, name, password, db.key)
    return True


def account_disabled(db: storage.Database, name: str) -> bool:
    """A disabled (or removed) account loses its wrap: its password no longer opens the file."""
    path = db.sqlite_path
    if db.key is None or path is None:
        return False
    return keyring.remove_wrap(path, name)


def merge_encrypted(
    db: storage.Database, other: str | Path, user: str, password: str, *, progress: Progress | None = None
) -> DatabaseMerge:
    """Merge another laptop's encrypted file: unlocked with an account of *that* file (its own keyring)."""
    return merge_database(db, other, progress=progress, key=unlock_key(other, user, password))
