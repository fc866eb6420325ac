"""Where the encryption's key wraps follow the accounts' passwords.

An encrypted database keeps its data key wrapped once per account, by a key derived from that account's
password (``services.encryption``). Accounts never touch the data key itself: each place that sets a
password calls :func:`password_changed` inside the unit of work that stores the new hash (a failing wrap
undoes it), disabling an account calls :func:`account_disabled`, and encrypting a database asks
:func:`password_is_accounts` whether the administrator's password is right.
"""

from __future__ import annotations

from sqlmodel import col, select

from desktop_app.services import encryption
from desktop_app.services.accounts import passwords
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models_accounts import Account

_installed: list[bool] = []


def password_changed(db: Database, name: str, old: str | None, new: str) -> None:
    """``name`` now has password ``new``: on an encrypted database its wrap of the data key follows.

    ``old`` None (a new account, a reset or a recovery): a new wrap sealed with the open database's key;
    otherwise the account's own change, the same key resealed under the new password."""
    if db.key is None or db.sqlite_path is None:
        return
    if old is None or name not in encryption.wrapped_names(db.sqlite_path):
        encryption.account_password_set(db, name, new)
    else:
        encryption.rewrap(db.sqlite_path, name, old, new)


def account_disabled(db: Database, name: str) -> None:
    """A disabled account's password no longer opens the encrypted file (enabled again: reset its password)."""
    encryption.account_disabled(db, name)


def password_is_accounts(db: Database, name: str, password: str) -> bool:
    """Whether ``password`` is the enabled account ``name``'s (the check before encrypting or decrypting)."""
    with reading(db) as session:
        account = session.exec(select(Account).where(col(Account.name) == name.strip())).first()
        encoded = None if account is None or account.disabled else account.password_hash
    return encoded is not None and passwords.verify(encoded, password)


def install() -> None:
    """Encrypting a database checks the administrator's password against the accounts (once per process)."""
    if not _installed:
        encryption.install_password_check(password_is_accounts)
        _installed.append(True)
