"""Full disks, read-only and missing folders: one Chinese line, the documented exit code, nothing half-written.

Real small file systems (tmpfs) are mounted for these, which needs root (CI runs as root); root ignores
permission bits, so "read-only" is a real read-only remount.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from desktop_app.storage.database import make_engine, to_url, upgrade
from tests.errors.conftest import (
    DEMO_VILLAGE,
    assert_one_chinese_line,
    dump,
    files_in,
    fill,
    fupin,
    remount_read_only,
    remount_writable,
    small_disk,
)


def test_export_and_print_to_a_full_disk(demo_db: Path, tmp_path: Path) -> None:
    before = dump(demo_db)
    with small_disk(tmp_path / "disk") as disk:
        fill(disk, leave=4096)
        export = fupin(demo_db, "export", "--out", str(disk / "导出.xlsx"))
        printed = fupin(demo_db, "print", "register", "--village", DEMO_VILLAGE, "--out", str(disk / "花名册.pdf"))
        assert files_in(disk) == set()  # no partial file, no temporary file
    assert_one_chinese_line(export, 2, "磁盘已满", "导出.xlsx", "没有留下不完整的文件")
    assert_one_chinese_line(printed, 2, "磁盘已满", "花名册.pdf")
    assert dump(demo_db) == before


def test_import_and_demo_on_a_full_disk_leave_the_database_as_it_was(demo_workbook: Path, tmp_path: Path) -> None:
    # 4 MB: an empty database is about 0.9 MB since the ledgers' tables, and the import needs room once freed
    with small_disk(tmp_path / "disk", "4m") as disk:
        db = disk / "fupin.sqlite"
        assert fupin(db, "stats").code == 0
        before = dump(db)
        fill(disk, leave=16384)
        imported = fupin(db, "import", str(demo_workbook))
        demo = fupin(db, "demo", "--households", "30")
        assert dump(db) == before
        check = fupin(db, "check")  # still readable on the full disk
        assert check.code == 0 and "数据库完好" in check.out, check.out + check.err
        assert files_in(disk) <= {"fupin.sqlite", "fupin.sqlite-wal", "fupin.sqlite-shm"}
        (disk / "filler.bin").unlink()
        again = fupin(db, "import", str(demo_workbook))  # with space again, the same import simply works
        assert again.code == 0 and "户：新增 24" in again.out, again.out + again.err
    assert_one_chinese_line(imported, 3, "磁盘已满", "没有改动数据库")
    assert_one_chinese_line(demo, 3, "磁盘已满", "没有改动数据库")


def _first_schema_db(path: Path) -> None:
    engine = make_engine(to_url(path))
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO area (id, created_at, updated_at, version, device_id, deleted, code, name, level) "
                "VALUES ('a1', '2020-01-01 00:00:00', '2020-01-01 00:00:00', 1, 'old', 0, '532999000000', '老县', "
                "'county')"
            )
        )
    engine.dispose()


def test_the_pre_upgrade_backup_on_a_full_disk_changes_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        db = disk / "old.sqlite"
        _first_schema_db(db)
        before = db.read_bytes()
        assert db.stat().st_size > 150_000  # the backup cannot fit in what is left …
        fill(disk, leave=96 * 1024)  # … while the database itself still opens (its -shm needs 32 KB)
        opened = fupin(db, "stats")
        assert db.read_bytes() == before  # not upgraded without its backup
        assert files_in(disk) <= {"old.sqlite", "old.sqlite-wal", "old.sqlite-shm"}  # no half backup
        (disk / "filler.bin").unlink()
        check = fupin(db, "check")  # with space again: backed up, upgraded, clean
        assert check.code == 0 and "数据库完好" in check.out, check.out + check.err
        assert any(
            name.startswith("fupin-old-") and name.endswith("-before-upgrade.sqlite")
            for name in files_in(disk / "backups")
        )
    assert_one_chinese_line(opened, 3, "备份", "磁盘已满", "没有任何改动")


def test_read_only_folders(demo_db: Path, demo_workbook: Path, tmp_path: Path) -> None:  # noqa: PLR0915
    with small_disk(tmp_path / "ro", size="8m") as folder:
        db = folder / "fupin.sqlite"
        assert fupin(db, "stats").code == 0  # an empty database: the import below would add 24 households
        before = dump(db)
        remount_read_only(folder)
        try:
            export = fupin(demo_db, "export", "--out", str(folder / "导出.xlsx"))
            printed = fupin(demo_db, "print", "register", "--village", DEMO_VILLAGE, "--out", str(folder / "名册.pdf"))
            imported = fupin(db, "import", str(demo_workbook))
            demo = fupin(db, "demo", "--households", "5")
            new_db = fupin(folder / "新文件夹" / "fupin.sqlite", "stats")
            assert files_in(folder) <= {"fupin.sqlite", "fupin.sqlite-wal", "fupin.sqlite-shm"}
        finally:
            remount_writable(folder)
        assert dump(db) == before
        assert fupin(db, "check").code == 0
    assert_one_chinese_line(export, 2, "只读", "导出.xlsx")
    assert_one_chinese_line(printed, 2, "只读")
    assert_one_chinese_line(imported, 3, "只读")
    assert_one_chinese_line(demo, 3, "只读")
    assert_one_chinese_line(new_db, 3, "无法创建数据库文件夹", "只读")


def test_missing_folders_and_bad_database_paths(demo_db: Path, demo_workbook: Path, tmp_path: Path) -> None:
    before = dump(demo_db)
    missing = tmp_path / "没有这个文件夹"
    export = fupin(demo_db, "export", "--out", str(missing / "导出.xlsx"))
    printed = fupin(demo_db, "print", "register", "--village", DEMO_VILLAGE, "--out", str(missing / "名册.pdf"))
    imported = fupin(demo_db, "import", str(missing / "交换.xlsx"))
    assert_one_chinese_line(export, 2, "不存在", str(missing))
    assert_one_chinese_line(printed, 2, "不存在", str(missing))
    assert_one_chinese_line(imported, 2, "不存在")
    assert not missing.exists() and dump(demo_db) == before

    # A demo (or any command) into a --db folder that does not exist yet creates it …
    made = fupin(missing / "新建" / "fupin.sqlite", "demo", "--households", "3")
    assert made.code == 0, made.err
    # … one that cannot be created, or a kind of URL this app does not know, is refused in words.
    a_file = tmp_path / "一个文件"
    a_file.write_text("x")
    blocked = fupin(a_file / "子文件夹" / "fupin.sqlite", "demo", "--households", "3")
    assert_one_chinese_line(blocked, 3, "无法创建数据库文件夹", "不是文件夹")
    unknown = fupin("mysql+nosuchdriver://user:secret@host/db", "stats")
    assert_one_chinese_line(unknown, 3, "数据库地址", "--db")
    assert "secret" not in unknown.err
    folder_db = fupin(tmp_path, "stats")
    assert_one_chinese_line(folder_db, 3, "是一个文件夹")
