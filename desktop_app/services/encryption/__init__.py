"""Encryption at rest: SQLCipher databases whose random data key is wrapped by each account's Argon2id-derived
key; encrypting and decrypting a database; password-protected workbooks. (Filled by the encryption work of
issue 14.)

Front ends and other packages import from here only.
"""

from __future__ import annotations

from pathlib import Path


def unlock_key(url_or_path: str | Path | None, user: str | None, password: str | None) -> bytes | None:
    """The data key of an encrypted database for this account, or None for a plain database."""
    del url_or_path, user, password
    return None


__all__ = ["unlock_key"]
