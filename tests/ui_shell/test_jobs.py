"""The background-job helper: results, progress, cancel and errors come back on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from desktop_app.domain.errors import DomainError
from desktop_app.ui.jobs import JobCancelled, JobContext, run_job


def _on_gui_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


def test_result_arrives_on_gui_thread_and_worker_runs_elsewhere(qtbot):
    seen: dict[str, object] = {}

    def work(ctx: JobContext) -> int:
        seen["worker_is_gui"] = _on_gui_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_is_gui"] = _on_gui_thread()

    job = run_job(None, work, title="测试", on_done=done)
    assert job.wait(5000)
    assert seen == {"worker_is_gui": False, "value": 42, "done_is_gui": True}
    assert job.dialog is None  # a quick job shows no progress window


def test_slow_job_shows_progress_dialog_and_cancel_stops_it(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    outcome: list[str] = []

    def work(ctx: JobContext) -> str:
        for i in range(1000):
            ctx.progress(i, 1000, f"第 {i} 户")
            started.set()
            ctx.check_cancelled()
            time.sleep(0.01)
        return "finished"

    job = run_job(
        parent,
        work,
        title="生成",
        on_done=lambda r: outcome.append(r),
        on_error=lambda e: outcome.append("error"),
        on_cancel=lambda: outcome.append("cancelled"),
        show_after_ms=50,
    )
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible() and job.dialog.value() > 0, timeout=5000)
    assert job.dialog.maximum() == 1000
    assert job.dialog.labelText().startswith("第 ")
    button = job.dialog.findChild(QPushButton)
    assert button.text() == "Cancel"  # source string; the Chinese comes from the translation
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert job.wait(5000)
    assert outcome == ["cancelled"]
    assert job.dialog is None
    assert isinstance(job.error, JobCancelled)


def test_error_goes_to_on_error_on_gui_thread(qtbot):
    got: list[tuple[str, bool]] = []

    def work(ctx: JobContext) -> None:
        raise ValueError("坏数据")

    job = run_job(
        None, work, title="x", on_done=lambda r: None, on_error=lambda e: got.append((str(e), _on_gui_thread()))
    )
    assert job.wait(5000)
    assert got == [("坏数据", True)]


def test_default_error_shows_chinese_message_box(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def work(ctx: JobContext) -> None:
        raise DomainError("bad", "身份证号码校验位错误", "bad check digit")

    job = run_job(parent, work, title="保存", on_done=lambda r: None)
    assert job.wait(5000)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.text() for b in boxes] == ["身份证号码校验位错误"]
    for box in boxes:
        box.close()


def test_context_cancel_flag(qtbot):
    gate = threading.Event()
    flags: list[bool] = []

    def work(ctx: JobContext) -> None:
        gate.wait(5)
        flags.append(ctx.cancelled)
        with pytest.raises(JobCancelled):
            ctx.check_cancelled()

    job = run_job(None, work, title="x", on_done=lambda r: None)
    job.cancel()
    gate.set()
    assert job.wait(5000)
    assert flags == [True]


def test_a_job_that_cannot_be_cancelled_shows_no_cancel_button(qtbot):
    gate = threading.Event()
    job = run_job(
        None, lambda ctx: gate.wait(10), title="保存", on_done=lambda r: None, cancellable=False, show_after_ms=0
    )
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
    assert job.dialog.findChild(QPushButton) is None
    gate.set()
    assert job.wait(5000) and job.dialog is None
