"""Backup files of a SQLite database: written so that a crash never leaves a file that looks like a backup.

A backup is a pair in one folder: ``fupin-<db>-<YYYYmmdd-HHMMSS>-<reason>.sqlite`` (SQLite's online backup
API, from one read snapshot of the source) and its manifest ``….sqlite.json`` (time, reason, app and schema
version, row counts of every table taken in that same snapshot, sha256 of the file). Both are written under
hidden temporary names (``.fupin-….<pid>.tmp``) in the same folder, verified (``PRAGMA integrity_check`` and
the row counts on the copy), fsynced, then renamed: the copy first, the manifest last. :func:`list_backups`
shows only complete pairs whose hash matches, so a process killed at any moment leaves nothing that the list
shows; :func:`remove_temporaries` deletes what a dead writer left behind. Rotation (:func:`rotation`) only
ever deletes pairs this app wrote (recognised by name *and* manifest), never another file of the folder (a
USB stick holds other files).

The destination of a copy is opened with the ``connect`` callable the caller gives (``sqlite3.connect`` for
a plain file; the encryption feature passes one that opens SQLCipher with the same key, so the backup of an
encrypted database is encrypted). Checking a backup and swapping it in live in ``storage.restore``. Nothing
here knows the settings or the audit: ``services.backups`` does.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from desktop_app import __version__, config
from desktop_app.assets import migrations_dir
from desktop_app.storage import cipher

Connect = Callable[[Path], Any]  # opens a DB-API (sqlite3 or sqlcipher3) connection to a file
Step = Callable[[int, int], None]  # (pages done, pages in all), may raise to stop (Cancelled)

APP = "fupin-desk"
STAMP = "%Y%m%d-%H%M%S"
NAME_RE = re.compile(r"^fupin-(?P<db>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)\.(?:sqlite|dump)$")
TEMP_RE = re.compile(r"^\.fupin-.+\.(?:sqlite|json|dump)\.(?P<pid>\d+)\.tmp(?:-journal|-wal|-shm)?$")
PAGES_PER_STEP = 4096  # about 16 MB per backup step: progress and cancel between steps
TEST_SLEEP_ENV = "FUPIN_BACKUP_TEST_SLEEP"  # tests: seconds to sleep after each step (a process to kill)
TEST_PAGES_ENV = "FUPIN_BACKUP_TEST_PAGES"  # tests: pages per step (many steps on a small database)
STALE_TEMP_S = 6 * 3600  # where a writer cannot be asked whether it still runs (Windows), age decides


class BackupError(Exception):
    """A backup that could not be written or a backup file that may not be restored (Chinese message).

    ``exit_code`` 3 (a database problem) on the CLI, as ``DatabaseError`` has.
    """

    exit_code = 3

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason  # the cause alone ("磁盘已满，…"), for callers that word their own sentence


class Source(Protocol):
    """What a backup needs of an open database (``storage.database.Database`` is one; this module sits below
    it so that the pre-upgrade copy of ``open_database`` is written by the same code)."""

    @property
    def engine(self) -> Engine: ...
    @property
    def key(self) -> bytes | None: ...
    @property
    def sqlite_path(self) -> Path | None: ...
    def raw_connection(self) -> Any: ...
    def connect_file(self, path: Path) -> Any: ...


try:  # SQLCipher's DB-API module raises its own error classes (an encrypted database's copies)
    from sqlcipher3 import dbapi2 as _sqlcipher  # type: ignore[import-untyped]  # the wheel ships no stubs

    DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, _sqlcipher.Error)
except ImportError:  # pragma: no cover - a build without the encryption library
    DB_ERRORS = (sqlite3.Error,)


def os_reason(exc: OSError) -> str:
    """What to do about a file-system error, in one Chinese phrase."""
    reasons = {
        errno.ENOSPC: "磁盘已满，请腾出空间后重试",
        errno.EROFS: "文件夹是只读的，请换一个可写的位置",
        errno.EACCES: "没有权限，请换一个文件夹或请管理员授权",
        errno.EPERM: "没有权限，请换一个文件夹或请管理员授权",
        errno.ENOENT: "文件夹不存在或已拔出，请检查 U 盘或换一个文件夹",
        errno.EIO: "读写磁盘出错（可能已满、损坏或被拔出），请检查后重试",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def sqlite_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "磁盘已满，请腾出空间后重试"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "文件夹是只读的或没有写入权限，请换一个可写的位置"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "文件已损坏或不是数据库"
    if "disk i/o error" in text:
        return "读写磁盘出错（可能已满、损坏或被拔出），请检查后重试"
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def known_revisions() -> set[str]:
    """The schema versions this app knows (a backup of a newer one is never restored)."""
    script = ScriptDirectory(str(migrations_dir()))
    return {rev.revision for rev in script.walk_revisions()}


@dataclass(frozen=True)
class BackupFile:
    """One backup as the list shows it: what its manifest says, and whether it can be restored."""

    path: Path
    database: str
    created: datetime  # local time of the backup (aware)
    reason: str
    size: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    schema: tuple[str, ...] = ()
    app_version: str = ""
    sha256: str = ""
    valid: bool = True
    problem: str = ""  # why it may not be restored (Chinese), when not valid

    @property
    def manifest(self) -> Path:
        return manifest_of(self.path)

    @property
    def households(self) -> int:
        return self.counts.get("household", 0)

    @property
    def members(self) -> int:
        return self.counts.get("member", 0)


def manifest_of(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def database_name(db_path: Path) -> str:
    return db_path.stem


def default_folder(db_path: Path | None) -> Path:
    """``backups/`` beside the database file (beside the data folder's default file when there is none)."""
    base = db_path.parent if db_path is not None else config.data_dir()
    return base / "backups"


def chosen_folder(db_path: Path | None) -> Path:
    """The folder this machine's settings name for backups when it exists, else the default."""
    chosen = config.load_settings().backup_folder.strip()
    if chosen and Path(chosen).is_dir():
        return Path(chosen)
    return default_folder(db_path)


# --- writing ----------------------------------------------------------------------------------------------


def fsync(path: Path) -> None:
    """Flush a written file to the disk. Windows flushes only a handle open for writing (FlushFileBuffers on a
    read-only one is refused as "access denied"), so the file is opened read-write there."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0) if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals the rename
        return
    try:
        fsync(folder)
    except OSError:  # some file systems (a FAT USB stick on Linux) refuse it; the files themselves are synced
        pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def table_counts(conn: Any) -> dict[str, int]:
    """Rows of every table of the open connection (in its current transaction)."""
    return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in _tables(conn)}


def schema_of(conn: Any) -> tuple[str, ...]:
    try:
        return tuple(sorted(str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version").fetchall()))
    except DB_ERRORS:
        return ()


def integrity(conn: Any) -> str:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(r[0]) for r in rows[:3])


def _new_name(folder: Path, dbname: str, reason: str, now: datetime) -> tuple[Path, datetime]:
    """A free name, and the time it says: a second backup within one second is stamped a second later."""
    when = now
    taken = {b.created.replace(microsecond=0) for b in list_backups(folder, dbname, check_hash=False)}
    while True:  # two backups in the same second (a backup before an import right after the daily one)
        target = folder / f"fupin-{dbname}-{when.strftime(STAMP)}-{reason}.sqlite"
        if not target.exists() and not manifest_of(target).exists() and when.replace(microsecond=0) not in taken:
            return target, when
        when += timedelta(seconds=1)


def _temp(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _failure(exc: BaseException, folder: Path) -> BackupError:
    if isinstance(exc, OSError):
        reason = os_reason(exc)
    else:
        reason = sqlite_reason(exc)
    return BackupError(f"无法在 {folder} 保存备份（{reason}）；没有改动数据库，也没有留下不完整的备份文件。", reason)


def create_backup(
    db: Source,
    folder: Path,
    reason: str,
    *,
    connect: Connect | None = None,
    now: datetime | None = None,
    step: Step | None = None,
) -> BackupFile:
    """Copy ``db`` (SQLite) into ``folder`` as a verified pair; raises :class:`BackupError`, leaving no file.

    ``connect`` opens the destination the way the source is opened (SQLCipher with the same key for an
    encrypted database); by default ``db.connect_file``, which the encryption feature makes SQLCipher.
    """
    source_path = db.sqlite_path
    if source_path is None:
        raise BackupError("只有 SQLite 数据库文件可以这样备份；服务器数据库用 pg_dump（见 docs/backups.md）。")
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    connect = connect or db.connect_file
    now = (now or datetime.now(UTC)).astimezone().replace(microsecond=0)
    created = not folder.exists()
    target: Path | None = None
    temps: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target, now = _new_name(folder, database_name(source_path), reason, now)
        temp = _temp(target)
        temps = [temp, temp.with_name(temp.name + "-journal"), _temp(manifest_of(target))]
        counts, schema = _copy(db, connect, temp, step)
        fsync(temp)
        size = temp.stat().st_size
        digest = sha256_of(temp)
        os.replace(temp, target)
        if db.key is not None:  # an encrypted copy travels with the keyring that opens it
            _copy_keyring(cipher.keyring_of(source_path), cipher.keyring_of(target))
            temps.append(_temp(cipher.keyring_of(target)))
        manifest = {
            "app": APP,
            "app_version": __version__,
            "database": database_name(source_path),
            "created": now.isoformat(timespec="seconds"),
            "reason": reason,
            "schema": list(schema),
            "counts": counts,
            "size": size,
            "sha256": digest,
            "encrypted": db.key is not None,
        }
        _write_manifest(manifest_of(target), manifest)
        fsync_dir(folder)
    except (OSError, *DB_ERRORS) as exc:  # type: ignore[misc]  # mypy cannot unpack a tuple of classes here
        _discard(temps + ([target, manifest_of(target)] if target is not None and not _complete(target) else []))
        if created:
            _rmdir_if_empty(folder)
        raise _failure(exc, folder) from exc
    except BaseException:  # Cancelled, KeyboardInterrupt: nothing is left behind either
        _discard(temps + ([target, manifest_of(target)] if target is not None and not _complete(target) else []))
        if created:
            _rmdir_if_empty(folder)
        raise
    return BackupFile(
        path=target,
        database=database_name(source_path),
        created=now,
        reason=reason,
        size=size,
        counts=counts,
        schema=schema,
        app_version=__version__,
        sha256=digest,
    )


def _complete(target: Path) -> bool:
    return target.exists() and manifest_of(target).exists()


def _discard(paths: Iterable[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _rmdir_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _copy(db: Source, connect: Connect, temp: Path, step: Step | None) -> tuple[dict[str, int], tuple[str, ...]]:
    """The online backup from one read snapshot of the source, verified on the copy."""
    sleep = float(os.environ.get(TEST_SLEEP_ENV) or 0)
    pages = int(os.environ.get(TEST_PAGES_ENV) or PAGES_PER_STEP)
    src = db.raw_connection()
    try:
        src.isolation_level = None
        src.execute("BEGIN")  # deferred: the counts and the copy read the same snapshot (WAL)
        counts = table_counts(src)
        schema = schema_of(src)
        dst = connect(temp)
        try:
            dst.execute("PRAGMA journal_mode=OFF")  # a temporary: it is checked, fsynced and renamed afterwards
            dst.execute("PRAGMA synchronous=OFF")

            def progress(_status: int, remaining: int, total: int) -> None:
                if step is not None:
                    step(total - remaining, total)
                if sleep:
                    time.sleep(sleep)

            src.backup(dst, pages=pages, progress=progress)
            mode = dst.execute("PRAGMA journal_mode=DELETE").fetchone()
            if mode is None or str(mode[0]).lower() != "delete":
                raise sqlite3.DatabaseError("备份副本无法改为独立文件（日志模式）")
            check = integrity(dst)
            if check != "ok":
                raise sqlite3.DatabaseError(f"备份副本的完整性检查未通过：{check[:80]}")
            copied = table_counts(dst)
            if copied != counts:
                raise sqlite3.DatabaseError("备份副本的记录数与数据库不符，请重试")
        finally:
            dst.close()
        src.execute("ROLLBACK")
    finally:
        src.close()
    return counts, schema


def _write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    temp = _temp(path)
    with temp.open("w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """A manifest written like the backups' (temporary, fsync, rename): used for server dumps too."""
    _write_manifest(path, manifest)


# --- reading the folder -----------------------------------------------------------------------------------

_hash_cache: dict[tuple[str, int, int], str] = {}


def _cached_sha(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _hash_cache:
        _hash_cache[key] = sha256_of(path)
    return _hash_cache[key]


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest of a backup file when it is one this app wrote, else None."""
    try:
        data = json.loads(manifest_of(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("app") != APP:
        return None
    return data


def from_manifest(path: Path, data: dict[str, Any]) -> BackupFile:
    match = NAME_RE.match(path.name)
    try:
        created = datetime.fromisoformat(str(data.get("created")))
    except ValueError:
        created = datetime.strptime(match.group("stamp"), STAMP).astimezone() if match else datetime.now(UTC)
    counts = data.get("counts") if isinstance(data.get("counts"), dict) else {}
    return BackupFile(
        path=path,
        database=str(data.get("database", "")),
        created=created,
        reason=str(data.get("reason", match.group("reason") if match else "")),
        size=int(data.get("size", 0) or 0),
        counts={str(k): int(v) for k, v in (counts or {}).items()},
        schema=tuple(str(s) for s in data.get("schema", ()) or ()),
        app_version=str(data.get("app_version", "")),
        sha256=str(data.get("sha256", "")),
    )


def list_backups(
    folder: Path, database: str | None = None, *, check_hash: bool = True, include_damaged: bool = False
) -> list[BackupFile]:
    """The complete backups of ``folder`` (of the database named ``database``, or all), newest first.

    A pair is listed only when its manifest is this app's and the file's size (and with ``check_hash`` its
    sha256) matches; with ``include_damaged`` the pairs that do not match are listed too, ``valid`` False
    (the restore dialog shows them greyed). Temporaries and files of other programs never are.
    """
    if not folder.is_dir():
        return []
    found: list[BackupFile] = []
    for path in folder.iterdir():
        match = NAME_RE.match(path.name)
        if match is None or not path.is_file():
            continue
        data = read_manifest(path)
        if data is None:
            continue
        backup = from_manifest(path, data)
        if database is not None and backup.database != database:
            continue
        try:
            damaged = path.stat().st_size != backup.size or (check_hash and _cached_sha(path) != backup.sha256)
        except OSError:
            continue
        if damaged:
            if not include_damaged:
                continue
            backup = BackupFile(
                **{**backup.__dict__, "valid": False, "problem": "备份文件已损坏或不完整（校验值不符）"}
            )
        found.append(backup)
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would terminate it there: Windows temporaries are judged by age only
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_temporaries(folder: Path) -> int:
    """Delete the temporaries a killed or crashed backup left (only ours: hidden ``.fupin-….<pid>.tmp``)."""
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        match = TEMP_RE.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            old = time.time() - path.stat().st_mtime > STALE_TEMP_S
            if old or not _alive(int(match.group("pid"))):
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


# --- rotation ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keep:
    """How many backups rotation keeps: every backup of the last 24 hours, the newest of each of the last N
    days, weeks and months, plus every "before-…" backup of the last ``before_days`` days."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    before_days: int = 30


def rotation(
    backups: list[BackupFile], keep: Keep, now: datetime | None = None, protect: Iterable[Path] = ()
) -> list[BackupFile]:
    """The backups rotation deletes (of one database); the newest one and ``protect`` are always kept."""
    now = (now or datetime.now(UTC)).astimezone()
    ordered = sorted(backups, key=lambda b: b.created, reverse=True)
    kept: set[Path] = {Path(p) for p in protect}
    kept |= {b.path for b in ordered if now - b.created < timedelta(days=1)}
    if ordered:
        kept.add(ordered[0].path)
    for limit, period in ((keep.daily, "%Y-%m-%d"), (keep.weekly, "%G-W%V"), (keep.monthly, "%Y-%m")):
        seen: list[str] = []
        for backup in ordered:
            slot = backup.created.astimezone().strftime(period)
            if slot in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(slot)
            kept.add(backup.path)
    for backup in ordered:
        if backup.reason.startswith("before-") and now - backup.created <= timedelta(days=keep.before_days):
            kept.add(backup.path)
    return [b for b in ordered if b.path not in kept]


def delete_backup(backup: BackupFile) -> None:
    """Delete one backup pair (and the keyring of an encrypted one), only when its manifest says this app
    wrote it."""
    if NAME_RE.match(backup.path.name) is None or read_manifest(backup.path) is None:
        return
    backup.path.unlink(missing_ok=True)
    cipher.keyring_of(backup.path).unlink(missing_ok=True)
    backup.manifest.unlink(missing_ok=True)


def _copy_keyring(source: Path, target: Path) -> None:
    """The keyring beside an encrypted backup, written like the backup (temporary name, fsync, rename)."""
    if not source.is_file():
        return
    temp = _temp(target)
    temp.write_bytes(source.read_bytes())
    fsync(temp)
    os.replace(temp, target)
