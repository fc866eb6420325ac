"""The keyring beside an encrypted database: one wrap of the data key per account, and the failed attempts.

The database cannot be read before its key is known, so what opens it lives in a small JSON file beside it
(``fupin.sqlite`` → ``fupin.sqlite.keys``). Each account's *wrap* is the 32-byte data key sealed with
AES-256-GCM under a key derived from that account's password with Argon2id (its own random salt, the
parameters stored with it, the account's name bound in as associated data so that a wrap cannot be moved
to another name). Changing a password rewraps the same data key; the database itself is never rewritten.

The slow-down and lockout of failed attempts are counted here too, since the database cannot record
anything before it is unlocked. The file is written atomically (temporary file, fsync, rename).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.domain.errors import DomainError
from desktop_app.storage import cipher as storage_cipher

FORMAT = "fupin-keyring"
VERSION = 1
SUFFIX = storage_cipher.KEYRING_SUFFIX
KEY_BYTES = 32

WRONG = "账户或密码不正确，无法解开加密的数据库。"
SLOW_AFTER = 3  # failed attempts in a row before each further one must wait
LOCK_AFTER = 8  # failed attempts in a row that lock the name for LOCK_S
LOCK_S = 15 * 60
MAX_FAILURE_NAMES = 64  # names tried that have no wrap are counted too (the keyring never says which exist)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: 3 passes over 128 MiB with 2 lanes ≈ 0.35–0.45 s on the 2-core reference machine."""

    time_cost: int = 3
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    def derive(self, password: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            password.encode("utf-8"), salt, self.time_cost, self.memory_kib, self.parallelism, KEY_BYTES, Type.ID
        )


DEFAULT_KDF = KdfParams()


def keyring_path(db_path: str | Path) -> Path:
    """The keyring of a database file: the same name with ``.keys`` added."""
    path = Path(db_path)
    return path.with_name(path.name + SUFFIX)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aad(name: str) -> bytes:
    return f"{FORMAT}/{VERSION}/{name}".encode()


def seal(name: str, password: str, key: bytes, kdf: KdfParams = DEFAULT_KDF) -> dict[str, Any]:
    """One account's wrap of ``key`` (a JSON-ready dict; nothing in it reveals the key or the password)."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(kdf.derive(password, salt)).encrypt(nonce, key, _aad(name))
    return {
        "kdf": "argon2id",
        "time_cost": kdf.time_cost,
        "memory_kib": kdf.memory_kib,
        "parallelism": kdf.parallelism,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def open_wrap(name: str, password: str, wrap: dict[str, Any]) -> bytes | None:
    """The data key in ``wrap`` when ``password`` is this account's, else None."""
    kdf = KdfParams(int(wrap["time_cost"]), int(wrap["memory_kib"]), int(wrap["parallelism"]))
    try:
        derived = kdf.derive(password, _unb64(wrap["salt"]))
        return AESGCM(derived).decrypt(_unb64(wrap["nonce"]), _unb64(wrap["wrapped"]), _aad(name))
    except (InvalidTag, ValueError, KeyError):
        return None


@dataclass
class Keyring:
    """The parsed keyring file: wraps by account name and failed attempts by name tried."""

    path: Path
    wraps: dict[str, dict[str, Any]]
    failures: dict[str, dict[str, float]]

    @classmethod
    def empty(cls, db_path: str | Path) -> Keyring:
        return cls(keyring_path(db_path), {}, {})

    @classmethod
    def load(cls, db_path: str | Path) -> Keyring:
        path = keyring_path(db_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise DomainError(
                "keyring_missing",
                f"数据库已加密，但找不到它的密钥文件 {path.name}（应与数据库放在同一文件夹）；"
                "请把密钥文件复制回来，或从加密前的备份恢复。",
            ) from exc
        except (OSError, ValueError) as exc:
            raise DomainError("keyring_broken", f"密钥文件 {path.name} 无法读取或已损坏；请从备份恢复它。") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("wraps"), dict):
            raise DomainError("keyring_broken", f"密钥文件 {path.name} 不是 Fupin Desk 的密钥文件。")
        if int(data.get("version", 0)) > VERSION:
            raise DomainError("keyring_too_new", f"密钥文件 {path.name} 由更新版本的程序写入；请升级程序。")
        return cls(path, dict(data["wraps"]), dict(data.get("failures") or {}))

    def save(self) -> None:
        """Write atomically: a crash leaves the old keyring or the new one, never half of one."""
        data = {"format": FORMAT, "version": VERSION, "cipher": "sqlcipher4-raw-key", "wraps": self.wraps}
        if self.failures:
            data["failures"] = self.failures
        partial = self.path.with_name(f".{self.path.name}.partial")
        with partial.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, self.path)
        _fsync_dir(self.path.parent)

    # --- failed attempts ---------------------------------------------------------------------------------

    def wait_for(self, name: str, now: float) -> float:
        """Seconds this name must still wait before another attempt (0: it may try now)."""
        entry = self.failures.get(name)
        if not entry:
            return 0.0
        count, last = int(entry.get("count", 0)), float(entry.get("last", 0.0))
        if count >= LOCK_AFTER:
            return max(0.0, last + LOCK_S - now)
        if count >= SLOW_AFTER:
            return max(0.0, last + 5.0 * 2.0 ** (count - SLOW_AFTER + 1) - now)
        return 0.0

    def failed(self, name: str, now: float) -> None:
        entry = self.failures.get(name) or {"count": 0, "last": 0.0}
        if int(entry["count"]) >= LOCK_AFTER and now - float(entry["last"]) >= LOCK_S:
            entry = {"count": 0, "last": 0.0}  # the lock has run out: a fresh count
        self.failures[name] = {"count": int(entry["count"]) + 1, "last": now}
        if len(self.failures) > MAX_FAILURE_NAMES:
            oldest = sorted(self.failures, key=lambda n: float(self.failures[n]["last"]))
            for stale in oldest[: len(self.failures) - MAX_FAILURE_NAMES]:
                del self.failures[stale]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unwrap(db_path: str | Path, name: str, password: str, *, now: float | None = None) -> bytes:
    """The data key for this account, counting a failure (and refusing while it must wait) in the keyring."""
    ring = Keyring.load(db_path)
    moment = time.time() if now is None else now
    wait = ring.wait_for(name, moment)
    if wait > 0:
        if wait > 60:
            raise DomainError(
                "keyring_locked", f"失败次数过多，账户 {name} 已暂时锁定，请 {round(wait / 60)} 分钟后再试。"
            )
        raise DomainError("keyring_wait", f"{WRONG[:-1]}；失败次数较多，请 {max(1, round(wait))} 秒后再试。")
    wrap = ring.wraps.get(name)
    key = open_wrap(name, password, wrap) if wrap is not None else None
    if key is None and wrap is None:
        DEFAULT_KDF.derive(password, b"\0" * 16)  # the same cost for an unknown name: nothing tells names apart
    if key is None:
        ring.failed(name, moment)
        _save_quietly(ring)
        raise DomainError("keyring_wrong", WRONG, "Wrong account name or password.")
    if name in ring.failures:
        del ring.failures[name]
        _save_quietly(ring)
    return key


def _save_quietly(ring: Keyring) -> None:
    """Counting attempts must not stop a read-only copy (a CD, a write-protected stick) from opening."""
    try:
        ring.save()
    except OSError:
        pass


def add_wrap(db_path: str | Path, name: str, password: str, key: bytes) -> None:
    """Give an account its own wrap of the data key (a new user, or a password set by the administrator)."""
    if not name.strip() or not password:
        raise DomainError("keyring_name", "账户名和密码都不能为空。")
    ring = Keyring.load(db_path)
    ring.wraps[name] = seal(name, password, key)
    ring.failures.pop(name, None)
    ring.save()


def rewrap(db_path: str | Path, name: str, old_password: str, new_password: str) -> None:
    """A changed password: the same data key, sealed under the new password (the old one no longer opens it)."""
    key = unwrap(db_path, name, old_password)
    add_wrap(db_path, name, new_password, key)


def remove_wrap(db_path: str | Path, name: str) -> bool:
    """A disabled account can no longer open the file (True when it had a wrap)."""
    ring = Keyring.load(db_path)
    if ring.wraps.pop(name, None) is None:
        return False
    ring.save()
    return True


def wrapped_names(db_path: str | Path) -> list[str]:
    return sorted(Keyring.load(db_path).wraps)
