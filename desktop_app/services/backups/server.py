"""Backups of a PostgreSQL database: ``pg_dump -Fc`` into the backup folder, ``pg_restore --clean`` back.

The connection parameters come from the database URL; the password goes to the tools through the
``PGPASSWORD`` environment variable, never on their command line (where ``ps`` would show it). The dump is
written under a hidden temporary name and renamed, with a manifest beside it like a SQLite backup's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from desktop_app import __version__
from desktop_app.storage import backup as files
from desktop_app.storage.database import Database


def tool_arguments(url: str) -> tuple[list[str], dict[str, str]]:
    """(connection options for pg_dump / pg_restore, environment with the password) of a SQLAlchemy URL."""
    parsed = make_url(url)
    args: list[str] = []
    host = parsed.host or str(parsed.query.get("host", "") or "")
    if host:
        args += ["-h", host]
    if parsed.port:
        args += ["-p", str(parsed.port)]
    if parsed.username:
        args += ["-U", parsed.username]
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return args + ["-d", parsed.database or "postgres"], env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise files.BackupError(
            f"找不到 {name}：请安装 PostgreSQL 客户端工具（如 apt-get install postgresql-client）后重试。"
        )
    return found


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["?"])[-1][:200]
        raise files.BackupError(f"{what}失败（{detail}）。")


def dump(db: Database, folder: Path, reason: str) -> files.BackupFile:
    """``pg_dump -Fc`` of ``db`` into ``folder`` (temporary name, fsync, rename; then its manifest)."""
    name = make_url(db.url).database or "postgres"
    now = datetime.now(UTC).astimezone()
    args, env = tool_arguments(db.url)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"fupin-{name}-{now.strftime(files.STAMP)}-{reason}.dump"
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            _run([_tool("pg_dump"), "-Fc", "-f", str(temp), *args], env, "pg_dump 备份")
            _run([_tool("pg_restore"), "--list", str(temp)], env, "检查 pg_dump 备份")
            files.fsync(temp)
            size = temp.stat().st_size
            digest = files.sha256_of(temp)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        manifest = {
            "app": files.APP,
            "app_version": __version__,
            "database": name,
            "created": now.isoformat(timespec="seconds"),
            "reason": reason,
            "kind": "pg_dump",
            "schema": [],
            "counts": {},
            "size": size,
            "sha256": digest,
        }
        files.write_manifest(files.manifest_of(target), manifest)
    except OSError as exc:
        raise files.BackupError(f"无法在 {folder} 保存备份（{files.os_reason(exc)}）；数据库没有改动。") from exc
    return files.BackupFile(path=target, database=name, created=now, reason=reason, size=size, sha256=digest)


def restore(db: Database, path: Path) -> None:
    """``pg_restore --clean --if-exists`` of a checked dump into ``db`` (in one transaction)."""
    args, env = tool_arguments(db.url)
    db.engine.dispose()
    _run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(path)],
        env,
        "pg_restore 恢复",
    )
