"""Encryption at rest: SQLCipher databases whose random data key is wrapped by each account's Argon2id-derived
key (a keyring file beside the database); encrypting and decrypting a database. See docs/encryption.md.

Front ends and other packages import from here only.
"""

from __future__ import annotations

from desktop_app.services.encryption.convert import (
    NO_ACCOUNTS,
    WITHOUT_WRAP,
    Conversion,
    decrypt_database,
    encrypt_database,
    install_password_check,
    plain_copies,
    remove_plain_copies,
)
from desktop_app.services.encryption.keyring import WRONG, KdfParams, keyring_path
from desktop_app.services.encryption.unlock import (
    NEEDS_LOGIN,
    account_disabled,
    account_password_set,
    add_wrap,
    is_encrypted,
    merge_encrypted,
    remove_wrap,
    rewrap,
    unlock_key,
    wrapped_names,
)

__all__ = [
    "NEEDS_LOGIN",
    "NO_ACCOUNTS",
    "WITHOUT_WRAP",
    "WRONG",
    "Conversion",
    "KdfParams",
    "account_disabled",
    "account_password_set",
    "add_wrap",
    "decrypt_database",
    "encrypt_database",
    "install_password_check",
    "is_encrypted",
    "keyring_path",
    "merge_encrypted",
    "plain_copies",
    "remove_plain_copies",
    "remove_wrap",
    "rewrap",
    "unlock_key",
    "wrapped_names",
]
