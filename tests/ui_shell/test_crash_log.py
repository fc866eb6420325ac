"""A crash leaves a log in the data folder, and the next start says so once (issue 12).

The faults are real: the app process is started as a user starts it (``fupin gui``) and made to segfault
or to raise from a slot, then the next start's message box is read back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop_app import crash

ID = "110105194912310021"
PHONE = "13912345678"

# Runs the real GUI entry point with a timer that faults inside the running app.
SEGFAULT_IN_APP = """
import faulthandler, sys
from PySide6.QtCore import QTimer
from desktop_app.ui.app import create_application
from desktop_app.cli import main
app = create_application("zh_CN")
QTimer.singleShot(300, faulthandler._sigsegv)
sys.exit(main(["--db", sys.argv[1], "gui"]))
"""

RAISE_IN_SLOT_THEN_ABORT = f"""
import os, sys, threading
from PySide6.QtCore import QTimer
from desktop_app.ui.app import create_application
from desktop_app.cli import main

class Household:
    def __init__(self):
        self.id_number = "{ID}"
    def __repr__(self):
        return f"Household(id_number={{self.id_number!r}}, phone='{PHONE}')"

def broken_slot():
    raise ValueError(f"身份证号码 {ID} 重复：{{Household()!r}}")

def broken_thread():
    raise KeyError("{ID}")

def thread_then_abort():
    thread = threading.Thread(target=broken_thread, name="worker-1")
    thread.start()
    thread.join()
    os.abort()

app = create_application("zh_CN")
QTimer.singleShot(200, broken_slot)
QTimer.singleShot(300, thread_then_abort)
sys.exit(main(["--db", sys.argv[1], "gui"]))
"""


def _run_app(script: str, data_dir: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FUPIN_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", script, str(db)], env=env, capture_output=True, text=True, timeout=120)


def _crash_logs(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "crash").glob("crash-*.log"))


def test_a_segfault_in_the_app_leaves_a_log_and_the_next_start_says_so_once(
    qtbot, lang_zh, data_dir: Path, tmp_path: Path
):
    proc = _run_app(SEGFAULT_IN_APP, data_dir, tmp_path / "fupin.sqlite")
    assert proc.returncode != 0  # killed by SIGSEGV

    logs = crash.pending_reports()
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "Segmentation fault" in text
    assert "Current thread" in text or "Thread 0x" in text

    box = crash.report_previous_crash(None)
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert box.windowTitle() == "程序意外关闭"
    assert "上次运行时程序意外关闭" in box.text()
    assert str(logs[0]) in box.informativeText()
    box.close()

    assert crash.report_previous_crash(None) is None  # once per crash
    assert logs[0].exists()  # the log itself stays for the IT staff


def test_uncaught_exceptions_are_logged_with_ids_and_phones_masked(qtbot, data_dir: Path, tmp_path: Path):
    proc = _run_app(RAISE_IN_SLOT_THEN_ABORT, data_dir, tmp_path / "fupin.sqlite")
    assert proc.returncode != 0  # os.abort

    logs = crash.pending_reports()
    texts = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert "ValueError: 身份证号码 110105************ 重复" in texts  # the slot's exception
    assert "thread worker-1" in texts and "KeyError" in texts  # threading.excepthook
    assert "Fatal Python error: Aborted" in texts  # faulthandler on SIGABRT
    assert ID not in texts and PHONE not in texts
    assert ID[6:] not in texts


def test_a_clean_exit_leaves_nothing_to_report(qtbot, data_dir: Path, tmp_path: Path):
    env = {**os.environ, "FUPIN_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(tmp_path / "f.sqlite"), "gui", "--quit-after-ms", "0"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert list((data_dir / "crash").iterdir()) == []
    assert crash.report_previous_crash(None) is None


def test_masking_keeps_the_region_and_hides_the_rest() -> None:
    assert crash.mask_sensitive(f"id={ID!r} tel {PHONE}") == "id='110105************' tel 1**********"
    assert crash.mask_sensitive("11010519491231002X") == "110105************"
    assert crash.mask_sensitive("line 123, row 20261201") == "line 123, row 20261201"
