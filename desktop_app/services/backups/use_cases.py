"""The backups' use cases, the same for the app and the CLI: back up, list, warn when stale, restore.

A backup is never a unit of work (it writes no record): it copies the database (``storage.backup``), then
rotates the folder and records the event ``backup.create`` (reason, file name, size: no data) for the
audit chain. Automatic backups (``daily``, ``close``, ``before-import`` …) run for whoever is working: a
backup only copies, so a role without ``backup.create`` still gets one (its event is then not recorded,
the role table refuses it); a backup the user asks for (``manual``) needs the permission first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app import config as machine_config
from desktop_app.services import permissions
from desktop_app.services.backups import server
from desktop_app.services.progress import Progress
from desktop_app.services.settings import database_values, save
from desktop_app.services.unit_of_work import reading, record, writing
from desktop_app.storage import backup as files
from desktop_app.storage import restore as restoring
from desktop_app.storage.database import Database, current_revisions, script_directory, upgrade

log = logging.getLogger(__name__)

BackupFile = files.BackupFile
BackupError = files.BackupError
REASONS = {
    "manual": "手动",
    "daily": "每日",
    "close": "关闭时",
    "before-import": "导入前",
    "before-merge": "合并前",
    "before-restore": "恢复前",
    "before-upgrade": "升级前",
    "before-decrypt": "取消加密前",
}
SETTING_KEYS = (
    "backup_folder",
    "backup.keep_daily",
    "backup.keep_weekly",
    "backup.keep_monthly",
    "backup.keep_before_days",
    "backup.warn_days",
)


def reason_label(reason: str) -> str:
    return REASONS.get(reason, reason)


@dataclass(frozen=True)
class Folder:
    """Where a backup goes, and (when the chosen folder is gone) the sentence that says it fell back."""

    path: Path
    note: str = ""


@dataclass(frozen=True)
class BackupResult:
    file: BackupFile
    folder: Folder
    removed: int = 0  # old backups rotation deleted

    @property
    def message(self) -> str:
        counts = self.file.counts
        what = f"{counts.get('household', 0)} 户，{counts.get('member', 0)} 人" if counts else "服务器数据库"
        text = f"已备份到 {self.file.path}（{what}，{self.file.size / 1e6:.1f} MB）"
        return f"{self.folder.note}{text}" if self.folder.note else text


@dataclass(frozen=True)
class BackupStatus:
    """What the main window's warning needs: the newest backup and whether it is older than the county allows."""

    folder: Folder
    newest: BackupFile | None
    warn_days: int

    @property
    def age_days(self) -> float | None:
        if self.newest is None:
            return None
        return (datetime.now(UTC) - self.newest.created).total_seconds() / 86400

    @property
    def stale(self) -> bool:
        if self.warn_days <= 0:
            return False
        age = self.age_days
        return age is None or age > self.warn_days

    @property
    def message(self) -> str:
        if self.newest is None:
            return "这个数据库还没有备份。"
        return f"最新的备份已是 {int(self.age_days or 0)} 天前（{self.newest.created:%Y-%m-%d %H:%M}）。"


def _counts(values: dict[str, str], key: str, default: int) -> int:
    text = values.get(key, "")
    return int(text) if text.isdigit() else default


def keep_of(db: Database) -> files.Keep:
    """The county's rotation counts (settings ``backup.keep_*``)."""
    with reading(db) as session:
        values = database_values(session)
    return files.Keep(
        daily=_counts(values, "backup.keep_daily", 7),
        weekly=_counts(values, "backup.keep_weekly", 4),
        monthly=_counts(values, "backup.keep_monthly", 12),
        before_days=_counts(values, "backup.keep_before_days", 30),
    )


def backup_folder(db: Database, to: str | Path | None = None) -> Folder:
    """The folder a backup goes to: ``to``, else the chosen one, else (gone or not set) the default."""
    if to is not None:
        return Folder(Path(to).expanduser())
    default = files.default_folder(db.sqlite_path)
    chosen = machine_config.load_settings().backup_folder.strip()
    if not chosen:
        return Folder(default)
    if not Path(chosen).is_dir():
        return Folder(default, f"备份文件夹 {chosen} 不在（U 盘没有插上？），这次备份改存到 {default}。")
    return Folder(Path(chosen))


def _database_name(db: Database) -> str:
    path = db.sqlite_path
    if path is not None:
        return files.database_name(path)
    return db.engine.url.database or ""


def create_backup(
    db: Database,
    reason: str = "manual",
    *,
    to: str | Path | None = None,
    progress: Progress | None = None,
    keep: tuple[Path, ...] = (),
    record_event: bool = True,
) -> BackupResult:
    """Back up ``db`` now (verified; rotation after), record ``backup.create``; :class:`BackupError` when the
    folder cannot take it (nothing left behind, the database unchanged). Without ``record_event`` the caller
    names the backup in its own unit of work (an import or a merge: a refused file then writes nothing)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    automatic = reason != "manual"
    if not automatic:
        permissions.require(db, "backup.create")
    folder = backup_folder(db, to)
    if db.dialect == "postgresql":
        made = server.dump(db, folder.path, reason)
        removed = 0
    else:
        files.remove_temporaries(folder.path)

        def step(done: int, total: int) -> None:
            if progress is not None:
                progress(done, max(total, 1), "正在备份")

        made = files.create_backup(db, folder.path, reason, step=step)
        removed = rotate(db, folder.path, keep)
    if not record_event:
        pass
    elif not automatic or permissions.allowed(db, "backup.create"):
        record(db, "backup.create", None, reason=reason, file=made.path.name, size=made.size)
    else:
        log.info("backup %s made; its event is refused to this role", made.path.name)
    return BackupResult(made, folder, removed)


def back_up_first(db: Database, reason: str, *, record_event: bool = True) -> BackupResult | None:
    """The copy taken before an import, a merge or a restore of a SQLite file (a server keeps its own
    backups; an in-memory database has nothing to keep). Raises :class:`BackupError`: the action then does
    not run, so nothing is ever changed without its backup. ``record_event`` False: the action's own audit
    entry names the backup (``work.details["backup"]``)."""
    if db.sqlite_path is None:
        return None
    return create_backup(db, reason, record_event=record_event)


def rotate(db: Database, folder: Path, keep: tuple[Path, ...] = ()) -> int:
    """Delete the backups of this database that rotation no longer keeps (only pairs this app wrote; never
    one of ``keep``, e.g. the backup being restored)."""
    backups = files.list_backups(folder, _database_name(db), check_hash=False)
    removed = 0
    for backup in files.rotation(backups, keep_of(db), protect=keep):
        try:
            files.delete_backup(backup)
            removed += 1
        except OSError:
            log.warning("could not delete old backup %s", backup.path.name)
    return removed


def list_backups(db: Database, folder: str | Path | None = None, *, include_damaged: bool = False) -> list[BackupFile]:
    """The complete backups of this database in its backup folder (or ``folder``), newest first; with
    ``include_damaged`` also the pairs whose file no longer matches its manifest (``valid`` False)."""
    where = backup_folder(db, folder).path
    return files.list_backups(where, _database_name(db), include_damaged=include_damaged)


def backup_status(db: Database) -> BackupStatus:
    """The newest backup of this database and the county's "warn after N days" (``backup.warn_days``)."""
    folder = backup_folder(db)
    with reading(db) as session:
        warn = _counts(database_values(session), "backup.warn_days", 7)
    found = files.list_backups(folder.path, _database_name(db), check_hash=False)
    if folder.path != files.default_folder(db.sqlite_path):
        found += files.list_backups(files.default_folder(db.sqlite_path), _database_name(db), check_hash=False)
    newest = max(found, key=lambda b: b.created) if found else None
    return BackupStatus(folder, newest, warn)


def daily_backup_if_due(db: Database) -> BackupResult | None:
    """The first start of a day backs the database up (when no backup of it is from today)."""
    if db.sqlite_path is None:
        return None
    today = datetime.now(UTC).astimezone().date()
    newest = backup_status(db).newest
    if newest is not None and newest.created.astimezone().date() == today:
        return None
    return create_backup(db, "daily")


def check_backup(db: Database, path: str | Path) -> BackupFile:
    """A backup file fully checked (hash, integrity, schema version, counts); see ``valid`` / ``problem``."""
    return restoring.check_backup(Path(path), db.connect_file)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupFile
    safety: BackupResult | None  # the backup of the database as it was just before

    @property
    def message(self) -> str:
        counts = self.restored.counts
        text = f"已恢复 {self.restored.created:%Y-%m-%d %H:%M} 的备份（{counts.get('household', 0)} 户）"
        if self.safety is not None:
            text += f"；恢复前的数据已备份到 {self.safety.file.path.name}"
        return text + "。"


def restore_backup(db: Database, path: str | Path, *, progress: Progress | None = None) -> RestoreResult:
    """Check the chosen backup, back up the current database, then swap the files (SQLite) or pg_restore.

    A backup that fails a check is refused with :class:`BackupError` and nothing changed. Afterwards the
    engine opens the restored file (an older schema is upgraded here); front ends reopen their screens.
    """
    permissions.require(db, "backup.restore")
    chosen = check_backup(db, path)
    if not chosen.valid:
        raise BackupError(f"不能恢复 {Path(path).name}：{chosen.problem}；数据库没有改动。")
    if progress is not None:
        progress(1, 4, "正在备份当前数据")
    if db.dialect == "postgresql":
        safety = create_backup(db, "before-restore", keep=(chosen.path,))
        server.restore(db, chosen.path)
    else:
        if chosen.path.suffix != ".sqlite":
            raise BackupError(f"{chosen.path.name} 不是 SQLite 备份，不能恢复到这个数据库；数据库没有改动。")
        safety = create_backup(db, "before-restore", keep=(chosen.path,))
        if progress is not None:
            progress(2, 4, "正在恢复")
        restoring.swap_in(db, chosen)
        if current_revisions(db.engine) != set(script_directory().get_heads()):
            upgrade(db.engine)  # a backup of an older version: its schema is brought up to this app's
            db.upgraded = True
    if progress is not None:
        progress(3, 4, "正在记录")
    record(db, "backup.restore", None, file=chosen.path.name, created=chosen.created.isoformat(timespec="seconds"))
    return RestoreResult(chosen, safety)


def backup_settings(db: Database) -> dict[str, str]:
    """The backup settings (folder of this machine, the county's rotation counts and warning)."""
    with reading(db) as session:
        values = database_values(session)
    values["backup_folder"] = machine_config.load_settings().backup_folder
    return {key: values.get(key, "") for key in SETTING_KEYS}


def save_backup_settings(db: Database, changes: dict[str, str]) -> None:
    """Store the backup settings (refused values: a DomainError naming the setting; nothing stored)."""
    unknown = set(changes) - set(SETTING_KEYS)
    if unknown:
        raise ValueError(f"not backup settings: {sorted(unknown)}")
    with writing(db, "backup.settings") as work:
        save(work.session, changes)
