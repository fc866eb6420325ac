"""In the app: list views read while a job writes; a job queued behind another program says so; dialogs map errors."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.domain.idnumber import make_id
from desktop_app.storage.database import WAIT_MESSAGE, DatabaseBusy
from desktop_app.storage.models import Area
from desktop_app.ui.jobs import JobContext, run_job
from tests.errors.conftest import HOLDER


@pytest.fixture
def demo_db(sqlite_db):  # type: ignore[no-untyped-def]
    from desktop_app.services.demo.households import generate_demo

    with sqlite_db.transaction() as session:
        generate_demo(session, households=30, villages=2, seed=4)
    return sqlite_db


def test_list_views_read_while_a_job_writes(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.models.households import HouseholdTableModel

    writing, release = threading.Event(), threading.Event()

    def long_write(ctx: JobContext) -> str:
        with demo_db.transaction() as session:
            session.add(Area(code="532999777002", name="写入中村", level="village"))
            session.flush()
            writing.set()
            assert release.wait(60)
        return "done"

    job = run_job(None, long_write, title="导入", on_done=lambda r: None, show_after_ms=60_000)
    assert writing.wait(30)
    started = time.monotonic()
    model = HouseholdTableModel(demo_db)
    model.reload()  # on the GUI thread, while the job holds the write lock
    elapsed = time.monotonic() - started
    assert model.total == 30 and elapsed < 5
    release.set()
    assert job.wait(30_000) and job.result == "done"


def test_a_job_behind_another_program_says_so_and_cancel_stops_it(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    ready, release = tmp_path / "ready", tmp_path / "release"
    holder = subprocess.Popen([sys.executable, str(HOLDER), demo_db.engine.url.database, str(ready), str(release)])
    try:
        qtbot.waitUntil(ready.exists, timeout=60_000)
        errors: list[BaseException] = []

        def write(ctx: JobContext) -> None:
            with demo_db.transaction() as session:
                session.add(Area(code="532999777003", name="排队村", level="village"))

        job = run_job(parent, write, title="导入", on_done=lambda r: None, on_error=errors.append, show_after_ms=0)
        qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.labelText() == WAIT_MESSAGE, timeout=30_000)
        job.cancel()
        assert job.wait(30_000)
        assert len(errors) == 1 and isinstance(errors[0], DatabaseBusy) and "已停止等待" in str(errors[0])
    finally:
        release.touch()
        holder.wait(60)


def test_error_dialogs_use_the_one_mapper(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    resident = make_id("532999", date(1975, 3, 3), 5)

    def work(ctx: JobContext) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", f"/media/u盘/{resident}.xlsx")

    job = run_job(parent, work, title="导出", on_done=lambda r: None)
    assert job.wait(5000)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    text = boxes[0].text()
    assert "磁盘已满" in text and resident not in text and "Errno" not in text
    for box in boxes:
        box.close()
