"""Checking a backup file before it is restored, and swapping it in for a database's file.

Both are file work below the services: ``services.backups.restore_backup`` asks for the check, backs the
current database up, then calls :func:`swap_in`. A backup that fails any check is never copied anywhere.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.storage.backup import (
    DB_ERRORS,
    NAME_RE,
    BackupError,
    BackupFile,
    Connect,
    Source,
    from_manifest,
    fsync,
    fsync_dir,
    integrity,
    known_revisions,
    os_reason,
    read_manifest,
    schema_of,
    sha256_of,
    sqlite_reason,
    table_counts,
)


def check_backup(path: Path, connect: Connect | None = None) -> BackupFile:
    """The backup at ``path`` fully checked: manifest, size and sha256, integrity, schema, row counts.

    Returns it with ``valid`` False and the ``problem`` in Chinese when it may not be restored.
    """
    connect = connect or sqlite3.connect  # services pass the database's own connect_file (SQLCipher when encrypted)
    data = read_manifest(path) if NAME_RE.match(path.name) else None
    if data is None:
        match = NAME_RE.match(path.name)
        return BackupFile(
            path=path,
            database="",
            created=datetime.now(UTC).astimezone(),
            reason=match.group("reason") if match else "",
            valid=False,
            problem="不是本程序写的备份文件（缺少或无法读取其说明文件 .json）",
        )
    backup = from_manifest(path, data)

    def bad(problem: str) -> BackupFile:
        return BackupFile(**{**backup.__dict__, "valid": False, "problem": problem})

    try:
        if not path.is_file():
            return bad("备份文件不存在")
        if path.stat().st_size != backup.size or sha256_of(path) != backup.sha256:
            return bad("备份文件已损坏或不完整（校验值不符）")
        if path.suffix == ".dump":  # a server's pg_dump: pg_restore checks it as it reads
            return backup
        conn = connect(path)
        try:
            check = integrity(conn)
            if check != "ok":
                return bad(f"备份文件已损坏（完整性检查：{check[:80]}）")
            schema = schema_of(conn)
            counts = table_counts(conn)
        finally:
            conn.close()
    except (OSError, *DB_ERRORS) as exc:  # type: ignore[misc]  # mypy cannot unpack a tuple of classes here
        return bad(f"无法读取备份文件（{os_reason(exc) if isinstance(exc, OSError) else sqlite_reason(exc)}）")
    known = known_revisions()
    newer = set(schema) - known
    if newer or not schema:
        return bad("备份由更新版本的程序写成，本程序无法使用" if newer else "备份中没有数据库结构版本")
    if counts != backup.counts:
        return bad("备份中的记录数与其说明文件不符")
    return backup


def swap_in(db: Source, backup: BackupFile) -> None:
    """Replace ``db``'s file by the (checked) backup: copy beside it, checkpoint and close, rename.

    The engine is disposed (its next connection opens the restored file). Refused with nothing changed when
    another program still has the database open (its write-ahead log does not go away) or the copy fails.
    """
    target = db.sqlite_path
    if target is None:
        raise BackupError("只有 SQLite 数据库文件可以这样恢复。")
    temp = target.with_name(f".{target.name}.restore.{os.getpid()}.tmp")
    try:
        shutil.copyfile(backup.path, temp)
        fsync(temp)
        if sha256_of(temp) != backup.sha256:
            raise BackupError("复制备份文件时出错（校验值不符）；数据库没有改动。")
        db.engine.dispose()
        conn = db.raw_connection()
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
        wal = target.with_name(target.name + "-wal")
        if (busy is not None and busy[0]) or wal.exists():
            raise BackupError("另一个程序（或另一个窗口）正在使用该数据库；请先关闭它再恢复。数据库没有改动。")
        target.with_name(target.name + "-shm").unlink(missing_ok=True)
        os.replace(temp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise BackupError(f"无法恢复备份（{os_reason(exc)}）；数据库没有改动。") from exc
    except DB_ERRORS as exc:
        raise BackupError(f"无法恢复备份（{sqlite_reason(exc)}）；数据库没有改动。") from exc
    finally:
        temp.unlink(missing_ok=True)
