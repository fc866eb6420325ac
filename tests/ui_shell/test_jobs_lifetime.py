"""Who frees a finished job, and on which thread (issue 12: a silent segfault in libQt6Core while importing).

A Job is a QObject of the GUI thread. Before the fix it was kept in a reference cycle with its JobContext, so
only Python's cyclic garbage collector freed it, and that collector runs on whichever thread happens to
allocate: often the worker of a later import reading thousands of rows. The Job, its timer and its pending
events were then deleted from the worker thread while the GUI thread used them. These tests pin down that
interleaving: an earlier job dropped, a later job's worker collecting garbage.
"""

from __future__ import annotations

import gc
import threading
import weakref

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop_app.ui.jobs import JobContext, run_job


def test_a_finished_job_is_freed_when_dropped_without_the_garbage_collector(qtbot) -> None:
    gc.disable()
    try:
        job = run_job(None, lambda ctx: 7, title="测试", on_done=lambda r: None)
        assert job.wait(5000) and job.result == 7
        ref = weakref.ref(job)
        del job
        assert ref() is None, "a finished job lives on in a reference cycle"
    finally:
        gc.enable()


def test_garbage_collected_on_a_worker_never_frees_a_gui_thread_job(qtbot) -> None:
    gui_thread = threading.get_ident()
    freed_on: list[int] = []
    earlier = run_job(None, lambda ctx: "导出完成", title="导出", on_done=lambda r: None)
    assert earlier.wait(5000)
    weakref.finalize(earlier, lambda: freed_on.append(threading.get_ident()))
    del earlier  # the export dialog replaced its job, or was closed

    def import_work(ctx: JobContext) -> int:
        ctx.progress(1, 2, "读取")
        return gc.collect()  # what a worker allocating thousands of rows triggers by itself

    later = run_job(None, import_work, title="导入", on_done=lambda r: None)
    assert later.wait(10000)
    gc.collect()
    assert freed_on == [gui_thread]


def test_a_parent_deleted_under_a_running_job_gets_no_callback_and_the_job_stops(qtbot) -> None:
    parent = QWidget()
    gate = threading.Event()
    seen: list[str] = []

    def work(ctx: JobContext) -> str:
        gate.wait(10)
        for _ in range(100):
            ctx.progress(1, 2, "第 1 户")
            if ctx.cancelled:
                return "stopped"
        return "ran on"

    job = run_job(parent, work, title="导入", on_done=seen.append, on_error=lambda e: seen.append("error"))
    shiboken6.delete(parent)  # the dialog was closed with WA_DeleteOnClose
    gate.set()
    assert job.wait(10000)
    assert seen == []
    assert job.parent_gone


EMITS = """
import sys
import desktop_app.ui  # what the app imports before any window
from PySide6.QtWidgets import QApplication
from desktop_app.ui.jobs import run_job

app = QApplication([])
refs = sys.getrefcount(True)

def work(ctx):
    for i in range(30000):  # an import's progress reports plus a session's clicks and edits
        ctx.progress(i, 30000, "第 %d 户" % i)
    return True

job = run_job(None, work, title="导入", on_done=lambda r: None, show_after_ms=60000)
assert job.wait(120000) and job.result is True
print("ok", refs)
"""


def test_thirty_thousand_signal_emits_do_not_kill_the_interpreter() -> None:
    """PySide6 6.12 drops a reference to True on every emit; without the guard in desktop_app.ui the
    interpreter aborts ("Fatal Python error: bool_dealloc") after about 12,000 emits in a real session."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", EMITS], env=env, capture_output=True, text=True, timeout=300)
    assert "bool_dealloc" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("ok")
