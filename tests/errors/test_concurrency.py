"""Readers never wait for writers; a second writer queues with a clear message (real processes, real files)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.storage.database import WAIT_MESSAGE
from tests.errors.conftest import HOLDER, copy_db, dump, fupin, popen_fupin


@contextmanager
def held(db: Path, tmp_path: Path, mode: str = "write") -> Iterator[subprocess.Popen[bytes]]:
    """Another app process inside a write transaction (or a long read) until the block ends."""
    ready, release = tmp_path / f"{mode}.ready", tmp_path / f"{mode}.release"
    proc = subprocess.Popen([sys.executable, str(HOLDER), str(db), str(ready), str(release), mode])
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert proc.poll() is None, "the holder process died"
            assert time.monotonic() < deadline, "the holder never got its transaction"
            time.sleep(0.05)
        yield proc
    finally:
        release.touch()
        proc.wait(timeout=120)


def write_locked(db: Path) -> bool:
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return True
    finally:
        con.close()


def test_stats_check_and_export_read_while_another_program_writes(demo_db: Path, tmp_path: Path) -> None:
    db = copy_db(demo_db, tmp_path / "fupin.sqlite")
    out = tmp_path / "导出.xlsx"
    with held(db, tmp_path) as holder:
        stats = fupin(db, "stats")
        check = fupin(db, "check")
        export = popen_fupin(db, "export", "--out", str(out))
        deadline = time.monotonic() + 180
        while not out.exists():  # the workbook is read and written beside the writer ...
            assert export.poll() is None and time.monotonic() < deadline, export.communicate()
            time.sleep(0.1)
        assert holder.poll() is None and write_locked(db)  # the writer was writing all along
    # ... and the export's audit entry (a write) follows once the writer has committed
    export_out, export_err = export.communicate(timeout=180)
    assert stats.code == 0 and "户数：24" in stats.out, stats.err
    assert check.code == 0 and "数据库完好" in check.out, check.err
    assert export.returncode == 0 and "24 户" in export_out and out.stat().st_size > 0, export_err
    assert "占用测试村" not in stats.out  # readers see the last committed state, never a half-written one
    for err in (stats.err, check.err):
        assert WAIT_MESSAGE not in err and "locked" not in err
    assert "locked" not in export_err


def test_export_and_import_beside_a_long_reader(demo_db: Path, demo_workbook: Path, tmp_path: Path) -> None:
    """An export in progress (a long read) no longer blocks anybody: not another export, not an import."""
    db = copy_db(demo_db, tmp_path / "fupin.sqlite")
    with held(db, tmp_path, mode="read") as reader:
        export = fupin(db, "export", "--out", str(tmp_path / "second.xlsx"))
        imported = fupin(db, "import", str(demo_workbook))
        assert reader.poll() is None  # the reader's snapshot was open all along
    assert export.code == 0 and "24 户" in export.out, export.err
    assert imported.code == 0 and "户：新增 0" in imported.out, imported.out + imported.err
    assert WAIT_MESSAGE not in imported.err and WAIT_MESSAGE not in export.err


def test_a_second_writer_waits_its_turn_and_says_so_once(demo_workbook: Path, tmp_path: Path) -> None:
    db = tmp_path / "fupin.sqlite"
    assert fupin(db, "stats").code == 0
    before = dump(db)
    with held(db, tmp_path):
        proc = popen_fupin(db, "import", str(demo_workbook))
        assert proc.stderr is not None
        seen: list[str] = []
        reader = threading.Thread(target=lambda: seen.extend(proc.stderr or []), daemon=True)
        reader.start()
        deadline = time.monotonic() + 180
        while not any(WAIT_MESSAGE in line for line in seen):
            assert proc.poll() is None, f"the import did not wait: {seen}"
            assert time.monotonic() < deadline, "no waiting message"
            time.sleep(0.1)
        time.sleep(1.0)  # it keeps waiting (no error after the old 10 s timeout either way)
        assert proc.poll() is None
        assert dump(db) == before
    out, _ = proc.communicate(timeout=300)
    reader.join(timeout=10)
    assert proc.returncode == 0, seen
    assert sum(WAIT_MESSAGE in line for line in seen) == 1  # said once, not once per retry
    assert "新增 24" in out
    assert not [line for line in seen if "错误" in line or "Traceback" in line]
    assert fupin(db, "check").code == 0


def test_two_imports_at_once_both_end_well(demo_workbook: Path, tmp_path: Path) -> None:
    db = tmp_path / "fupin.sqlite"
    assert fupin(db, "stats").code == 0
    first = popen_fupin(db, "import", str(demo_workbook))
    second = popen_fupin(db, "import", str(demo_workbook))
    results = [(p, *p.communicate(timeout=600)) for p in (first, second)]
    for proc, _out, err in results:
        assert proc.returncode == 0, err
        assert "错误" not in err and "Traceback" not in err and "locked" not in err
    outs = sorted(out for _, out, _ in results)
    assert any("户：新增 24" in out for out in outs), outs  # one of them added the file's households …
    assert any("户：新增 0" in out for out in outs), outs  # … the other, after its turn, found them there
    stats = fupin(db, "stats")
    assert "户数：24" in stats.out
    assert fupin(db, "check").code == 0
