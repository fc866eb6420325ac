"""Password-protected workbooks: ECMA-376 agile encryption (AES-256, SHA-512) through ``msoffcrypto-tool``.

An exported workbook carries full resident IDs, phones and bank accounts; protected, it is an OLE compound
file (``D0 CF 11 E0 …``) holding the encrypted package, which Excel, WPS and LibreOffice open after asking
for the password. The plain workbook exists only as a temporary file in the same folder while the
encrypted one is written, and is removed whatever happens. An import meets a protected workbook before the
reader process sees it: without a password it stops with one clear line; with one, the workbook is
decrypted into a private temporary file that is read and removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import msoffcrypto  # type: ignore[import-untyped]  # msoffcrypto-tool ships no type information
from msoffcrypto.exceptions import (  # type: ignore[import-untyped]  # the same untyped package
    DecryptionError,
    FileFormatError,
    InvalidKeyError,
)
from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-untyped]  # the same untyped package

from desktop_app.services.exchange.errors import ExchangeError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MIN_PASSWORD = 6


def check_password(password: str) -> None:
    """A workbook password long enough to resist a quick guess (the file travels by USB stick and e-mail)."""
    if len(password) < MIN_PASSWORD:
        raise ExchangeError(
            f"工作簿密码至少 {MIN_PASSWORD} 位。",
            f"the workbook password needs {MIN_PASSWORD} characters",
            code="password",
        )


def is_protected(path: str | Path) -> bool:
    """True for an encrypted Office file (OLE container with an encrypted package).

    Only a regular file is looked at: a FIFO, a socket or a device is left to the reader process, which
    refuses it with its own message (opening a FIFO here would wait for a writer forever). The file is opened
    without blocking and checked on the open descriptor, so that swapping it for a FIFO after a check cannot
    hang the import either."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "rb") as handle:  # the descriptor is closed with it, whatever happens below
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode) or handle.read(len(OLE)) != OLE:
                return False
            handle.seek(0)
            return bool(msoffcrypto.OfficeFile(handle).is_encrypted())
    except (OSError, FileFormatError, ValueError, AssertionError):
        return False


def protect_file(plain: Path, out: Path, password: str) -> None:
    """Encrypt the workbook ``plain`` into ``out`` (atomically: a temporary file renamed when complete)."""
    check_password(password)
    partial = out.with_name(f".{out.stem}.protect.tmp")
    try:
        with plain.open("rb") as src, partial.open("wb") as dst:
            OOXMLFile(src).encrypt(password, dst)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


PROTECTED = "{name} 受密码保护：请输入工作簿密码后再导入（命令行：fupin import --password）。"
WRONG_PASSWORD = "{name} 的密码不正确，无法打开；没有任何改动。"


@contextlib.contextmanager
def opened(path: str | Path, password: str | None) -> Iterator[Path]:
    """The path to read: the file itself, or (protected) a private decrypted copy removed afterwards."""
    source = Path(path)
    if not is_protected(source):
        yield source
        return
    if not password:
        raise ExchangeError(PROTECTED.format(name=source.name), "the workbook is password-protected", code="protected")
    handle, name = tempfile.mkstemp(prefix="fupin-unprotected-", suffix=".xlsx")  # mode 0600: only this user
    plain = Path(name)
    try:
        with os.fdopen(handle, "wb") as dst, source.open("rb") as src:
            office = msoffcrypto.OfficeFile(src)
            try:
                office.load_key(password=password)
                office.decrypt(dst)
            except (InvalidKeyError, DecryptionError) as exc:
                raise ExchangeError(
                    WRONG_PASSWORD.format(name=source.name), "wrong workbook password", code="password"
                ) from exc
        yield plain
    finally:
        plain.unlink(missing_ok=True)
