"""Backups a village can restore: SQLite's online backup API into a chosen folder, verified, rotated;
restore with checks; pg_dump/pg_restore for a server (docs/backups.md).

Front ends and other packages import from here only.
"""

from desktop_app.services.backups.use_cases import (
    REASONS,
    SETTING_KEYS,
    BackupError,
    BackupFile,
    BackupResult,
    BackupStatus,
    Folder,
    RestoreResult,
    back_up_first,
    backup_folder,
    backup_settings,
    backup_status,
    check_backup,
    create_backup,
    daily_backup_if_due,
    keep_of,
    list_backups,
    reason_label,
    restore_backup,
    rotate,
    save_backup_settings,
)

__all__ = [
    "REASONS",
    "SETTING_KEYS",
    "BackupError",
    "BackupFile",
    "BackupResult",
    "BackupStatus",
    "Folder",
    "RestoreResult",
    "back_up_first",
    "backup_folder",
    "backup_settings",
    "backup_status",
    "check_backup",
    "create_backup",
    "daily_backup_if_due",
    "keep_of",
    "list_backups",
    "reason_label",
    "restore_backup",
    "rotate",
    "save_backup_settings",
]
