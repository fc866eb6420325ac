"""Back up, change, restore: the restored database is exactly the backed-up one; bad backups are refused."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import households as hh
from desktop_app.services import permissions, unit_of_work
from desktop_app.services.backups import (
    BackupError,
    backup_status,
    check_backup,
    create_backup,
    list_backups,
    restore_backup,
)
from desktop_app.services.exchange import export_to_file, import_files
from desktop_app.storage.database import script_directory
from tests.backups.conftest import audit_ids, table_rows


def _first_household(db: Any) -> str:
    con = sqlite3.connect(db.sqlite_path)
    try:
        return str(con.execute("SELECT id FROM household WHERE deleted = 0 ORDER BY number LIMIT 1").fetchone()[0])
    finally:
        con.close()


def _change(db: Any) -> str:
    household_id = _first_household(db)
    card = hh.open_card(db, household_id).form
    card.address = "新地址 8 号"
    hh.save_card(db, card)
    return household_id


def test_restore_gives_back_exactly_the_backed_up_content(demo: Any, tmp_path: Path) -> None:
    path = demo.sqlite_path
    made = create_backup(demo, "manual")
    assert made.file.path.parent == path.parent / "backups"
    assert made.file.counts["household"] == 12 and made.file.households == 12
    saved = table_rows(made.file.path)
    assert saved == table_rows(path)  # the copy is the database, table by table

    # changes: a card saved, a household removed, an import (which backs up first)
    workbook = tmp_path / "交换.xlsx"
    export_to_file(demo, workbook)
    household_id = _change(demo)
    run = import_files(demo, [workbook])
    assert run.applied
    assert table_rows(path) != saved
    reasons = [b.reason for b in list_backups(demo)]
    assert "before-import" in reasons

    restored = restore_backup(demo, made.file.path)
    assert restored.safety is not None and restored.safety.file.reason == "before-restore"
    assert table_rows(path) == saved  # exactly the backed-up content, every table
    # the audit chain as it was backed up, then the restore's own entry (the later ones are in the safety copy)
    chain, backed_up = audit_ids(path), audit_ids(made.file.path)
    assert chain[: len(backed_up)] == backed_up and chain[-1][2] == "backup.restore"
    # the database object keeps working on the restored file
    assert hh.open_card(demo, household_id).form.address != "新地址 8 号"
    # and the state before the restore was kept as a backup of its own
    assert table_rows(restored.safety.file.path) != saved


def test_the_manifest_describes_the_copy(demo: Any) -> None:
    made = create_backup(demo, "manual").file
    manifest = json.loads(made.manifest.read_text(encoding="utf-8"))
    assert manifest["app"] == "fupin-desk" and manifest["reason"] == "manual"
    heads = sorted(script_directory().get_heads())  # the schema this version of the app writes
    assert manifest["counts"]["household"] == 12 and manifest["schema"] == heads
    assert manifest["size"] == made.path.stat().st_size and len(manifest["sha256"]) == 64
    con = sqlite3.connect(made.path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # a file of its own, no -wal needed
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    names = sorted(p.name for p in made.path.parent.iterdir())
    assert names == [made.path.name, made.manifest.name]  # no temporary left


@pytest.mark.parametrize("damage", ["flip", "truncate", "no-manifest", "edited-manifest"])
def test_a_damaged_backup_is_refused_and_nothing_changes(demo: Any, damage: str) -> None:
    made = create_backup(demo, "manual").file
    _change(demo)  # the database now differs from the backup
    path = demo.sqlite_path
    before = table_rows(path)
    data = bytearray(made.path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
        made.path.write_bytes(bytes(data))
    elif damage == "truncate":
        made.path.write_bytes(bytes(data[: len(data) // 2]))
    elif damage == "no-manifest":
        made.manifest.unlink()
    else:
        manifest = json.loads(made.manifest.read_text(encoding="utf-8"))
        manifest["counts"]["household"] = 99
        made.manifest.write_text(json.dumps(manifest), encoding="utf-8")
    checked = check_backup(demo, made.path)
    assert not checked.valid and checked.problem
    backups_before = sorted(p.name for p in made.path.parent.iterdir())
    with pytest.raises(BackupError) as refused:
        restore_backup(demo, made.path)
    assert "不能恢复" in str(refused.value) and "没有改动" in str(refused.value)
    assert table_rows(path) == before
    assert sorted(p.name for p in made.path.parent.iterdir()) == backups_before  # not even a safety copy
    if damage in ("flip", "truncate", "no-manifest"):
        assert made.path not in [b.path for b in list_backups(demo)]


def test_a_backup_of_a_newer_schema_is_refused(demo: Any) -> None:
    made = create_backup(demo, "manual").file
    con = sqlite3.connect(made.path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    manifest = json.loads(made.manifest.read_text(encoding="utf-8"))
    manifest["sha256"] = hashlib.sha256(made.path.read_bytes()).hexdigest()
    manifest["size"] = made.path.stat().st_size
    made.manifest.write_text(json.dumps(manifest), encoding="utf-8")
    checked = check_backup(demo, made.path)
    assert not checked.valid and "更新版本" in checked.problem


def test_every_backup_is_recorded_as_an_event_without_data(demo: Any, tmp_path: Path) -> None:
    seen: list[tuple[str, dict[str, Any]]] = []

    def hook(work: Any) -> None:
        seen.append((work.action, dict(work.details)))

    unit_of_work.BEFORE_COMMIT.append(hook)
    try:
        made = create_backup(demo, "manual").file
        restore_backup(demo, made.path)
    finally:
        unit_of_work.BEFORE_COMMIT.remove(hook)
    events = [(a, d) for a, d in seen if a.startswith("backup.")]
    assert [a for a, _ in events] == ["backup.create", "backup.create", "backup.restore"]
    assert events[0][1] == {"reason": "manual", "file": made.path.name, "size": made.size}
    assert events[1][1]["reason"] == "before-restore"
    assert events[2][1]["file"] == made.path.name


def test_a_role_without_backup_create_cannot_back_up_by_hand_but_still_gets_automatic_backups(
    demo: Any, tmp_path: Path
) -> None:
    workbook = tmp_path / "交换.xlsx"
    export_to_file(demo, workbook)

    def checker(_db: Any, action: str) -> tuple[str, str] | None:
        if action in ("backup.create", "backup.restore"):
            return ("只有县级管理员可以备份或恢复。", "Only the county administrator may.")
        return None

    previous = permissions.install_checker(checker)
    try:
        with pytest.raises(permissions.PermissionDenied, match="县级管理员"):
            create_backup(demo, "manual")
        assert list_backups(demo) == []
        import_files(demo, [workbook])  # the import still backs up first
        assert [b.reason for b in list_backups(demo)] == ["before-import"]
        with pytest.raises(permissions.PermissionDenied):
            restore_backup(demo, list_backups(demo)[0].path)
    finally:
        permissions.install_checker(previous)


def test_a_chosen_folder_that_is_gone_falls_back_to_the_default_and_says_so(demo: Any, tmp_path: Path) -> None:
    from desktop_app import config

    stick = tmp_path / "U盘"
    stick.mkdir()
    settings = config.load_settings()
    settings.backup_folder = str(stick)
    settings.save()
    first = create_backup(demo, "daily")
    assert first.file.path.parent == stick and first.folder.note == ""
    stick.rename(tmp_path / "拔出")  # the stick is unplugged
    second = create_backup(demo, "close")
    assert second.file.path.parent == demo.sqlite_path.parent / "backups"
    assert "不在" in second.folder.note and str(stick) in second.message
    assert backup_status(demo).newest is not None


def test_the_stale_warning_follows_the_county_setting(demo: Any) -> None:
    from datetime import UTC, datetime, timedelta

    from desktop_app.services.backups import save_backup_settings
    from desktop_app.storage import backup as files

    assert backup_status(demo).stale  # no backup at all
    files.create_backup(demo, demo.sqlite_path.parent / "backups", "manual", now=datetime.now(UTC) - timedelta(days=9))
    status = backup_status(demo)
    assert status.stale and "9 天前" in status.message
    save_backup_settings(demo, {"backup.warn_days": "10"})
    assert not backup_status(demo).stale
    save_backup_settings(demo, {"backup.warn_days": "3"})
    create_backup(demo, "manual")
    assert not backup_status(demo).stale
