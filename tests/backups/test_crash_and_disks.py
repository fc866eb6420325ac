"""A backup process killed at any moment leaves nothing the list shows; a full or read-only folder says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.backups import BackupError, create_backup, list_backups, rotate
from desktop_app.storage import backup as files
from tests.backups.conftest import table_rows
from tests.errors.conftest import fill, remount_read_only, remount_writable, small_disk


def _backup_process(db: Path, folder: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, FUPIN_BACKUP_TEST_SLEEP="0.03", FUPIN_BACKUP_TEST_PAGES="1")
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--db", str(db), "backup", "--to", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("after_s", [0.2, 2.0, 3.5])
def test_a_backup_killed_half_way_leaves_nothing_in_the_list(demo: Any, tmp_path: Path, after_s: float) -> None:
    folder = tmp_path / "stick"
    path = demo.sqlite_path
    before = table_rows(path)
    proc = _backup_process(path, folder)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(folder.glob(".fupin-*.tmp")):  # the copy has started
        time.sleep(0.05)
    time.sleep(after_s)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    left = sorted(p.name for p in folder.iterdir())
    assert left and all(name.startswith(".fupin-") for name in left), left  # only a hidden temporary
    assert files.list_backups(folder) == []
    assert list_backups(demo, folder) == []
    assert table_rows(path) == before

    made = create_backup(demo, "manual", to=folder)  # the next backup removes the dead one's temporaries
    assert sorted(p.name for p in folder.iterdir()) == [made.file.path.name, made.file.manifest.name]
    assert [b.path for b in list_backups(demo, folder)] == [made.file.path]


def test_a_slow_backup_that_is_not_killed_completes(demo: Any, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    proc = _backup_process(demo.sqlite_path, folder)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "已备份到" in out and "12 户" in out
    assert len(list_backups(demo, folder)) == 1


def _pair(folder: Path, db: Any, when: datetime, reason: str) -> Path:
    return files.create_backup(db, folder, reason, now=when).path


def test_rotation_keeps_the_right_backups_and_never_touches_other_files(demo: Any, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    now = datetime.now(UTC).astimezone().replace(second=0, microsecond=0) - timedelta(minutes=1)
    if now.hour == 0 and now.minute < 10:
        now -= timedelta(minutes=15)  # the day's first minutes: "before-new" below would fall on the day before
    made: dict[str, Path] = {}
    for days in [d for d in range(400) if d < 20 or d % 5 == 0]:  # daily for 20 days, then every 5th day
        made[f"d{days}"] = _pair(folder, demo, now - timedelta(days=days), "daily")
    made["before-old"] = _pair(folder, demo, now - timedelta(days=40, hours=3), "before-import")
    # older than d3 on d3's own day, whatever the time: the newest of that day stays d3 (3 hours earlier, it
    # fell on the day before between midnight and three o'clock, took that day's place and d4 was rotated)
    made["before-new"] = _pair(folder, demo, now - timedelta(days=3, minutes=5), "before-merge")
    made["today-2"] = _pair(folder, demo, now - timedelta(hours=2), "close")
    foreign = {
        "照片.jpg": b"\xff\xd8 not ours",
        "fupin-village-20200101-000000-daily.sqlite": b"a file named like ours without a manifest",
        "notes.txt": b"keep me",
    }
    for name, data in foreign.items():
        (folder / name).write_bytes(data)
    other_app = folder / "fupin-village-20200102-000000-daily.sqlite"
    other_app.write_bytes(b"x")
    (folder / (other_app.name + ".json")).write_text('{"app": "another-program"}', encoding="utf-8")

    removed = rotate(demo, folder)
    kept = {b.path for b in files.list_backups(folder, "village")}
    assert removed == len([p for p in made.values() if p != Path()]) - len(kept)
    # every backup of the last 24 hours, the newest of 7 days, 4 weeks, 12 months, and recent before-… ones
    assert made["d0"] in kept and made["today-2"] in kept
    assert all(made[f"d{d}"] in kept for d in range(1, 7))
    assert made["before-new"] in kept and made["before-old"] not in kept
    backups = files.list_backups(folder, "village")
    weeks = sorted({(now - timedelta(days=d)).strftime("%G-W%V") for d in range(0, 400)}, reverse=True)[:4]
    months = sorted({(now - timedelta(days=d)).strftime("%Y-%m") for d in range(0, 400)}, reverse=True)[:12]
    assert {b.created.strftime("%G-W%V") for b in backups} >= set(weeks)  # one of each of the last 4 weeks
    assert {b.created.strftime("%Y-%m") for b in backups} >= set(months)  # and of each of the last 12 months
    assert all(b.created.strftime("%Y-%m") in months for b in backups)  # nothing older
    assert len(kept) <= 2 + 7 + 4 + 12 + 1
    assert made["d395"] not in kept
    old = [b.created.strftime("%Y-%m") for b in backups if now - b.created > timedelta(days=40)]
    assert len(old) == len(set(old))  # past the weeks, one per month
    for name, data in foreign.items():  # nothing of anyone else is ever deleted
        assert (folder / name).read_bytes() == data
    assert other_app.exists() and (folder / (other_app.name + ".json")).exists()


def test_a_full_disk_gives_one_clear_message_and_leaves_nothing(demo: Any, tmp_path: Path) -> None:
    before = table_rows(demo.sqlite_path)
    with small_disk(tmp_path / "disk", size="1m") as disk:
        fill(disk, leave=64 * 1024)  # less than the database needs
        with pytest.raises(BackupError) as full:
            create_backup(demo, "manual", to=disk / "backups")
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]
    message = str(full.value)
    assert "磁盘已满" in message and "没有改动数据库" in message and "\n" not in message
    assert table_rows(demo.sqlite_path) == before


def test_a_read_only_folder_gives_one_clear_message(demo: Any, tmp_path: Path) -> None:
    before = table_rows(demo.sqlite_path)
    with small_disk(tmp_path / "ro", size="4m") as folder:
        remount_read_only(folder)
        try:
            with pytest.raises(BackupError, match="只读") as refused:
                create_backup(demo, "manual", to=folder)
            assert list(folder.iterdir()) == []
        finally:
            remount_writable(folder)
    assert "没有改动数据库" in str(refused.value)
    assert table_rows(demo.sqlite_path) == before
