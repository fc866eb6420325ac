"""Crash logs: what the app leaves behind when it dies, and the note it shows at the next start.

A segfault in Qt kills the process with nothing on the screen, and a cadre cannot send us stderr. So the GUI
installs ``faulthandler`` into a per-process file in ``<data folder>/crash/`` (the C-level stack of every
thread on SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL) and hooks ``sys.excepthook`` and ``threading.excepthook``
(the Python traceback of an uncaught exception). At the next start ``pending_reports`` finds the logs of
processes that are gone and not yet reported, and the app tells the user once where they are.

Privacy: a traceback's messages may quote a record's values, so resident IDs (15/18 digits) and mobile
numbers are masked before anything is written. faulthandler writes only file names, lines and functions.
"""

from __future__ import annotations

import faulthandler
import os
import re
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

FAULT_PREFIX = "fault-"
CRASH_PREFIX = "crash-"
PENDING_SUFFIX = ".pending"

# 18-digit IDs (last may be X), 15-digit old IDs and longer digit runs; 11-digit mainland mobile numbers.
_ID_RE = re.compile(r"(?<![0-9])([0-9]{6})[0-9]{8,}[0-9Xx](?![0-9])")
_PHONE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")

_fault_file: IO[str] | None = None
_installed_dir: Path | None = None


def mask_sensitive(text: str) -> str:
    """Resident IDs keep their region code only; mobile numbers vanish (a log is not a place for either)."""
    text = _ID_RE.sub(lambda m: m.group(1) + "*" * 12, text)
    return _PHONE_RE.sub("1**********", text)


def crash_dir(base: Path | None = None) -> Path:
    if base is None:
        from desktop_app.config import data_dir

        base = data_dir()
    folder = base / "crash"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def install(base: Path | None = None) -> Path:
    """Start recording crashes of this process; returns the crash folder. Safe to call twice."""
    global _fault_file, _installed_dir
    folder = crash_dir(base)
    if _installed_dir == folder and _fault_file is not None:
        return folder
    _fault_file = open(folder / f"{FAULT_PREFIX}{os.getpid()}.log", "w", encoding="utf-8")  # noqa: SIM115
    faulthandler.enable(_fault_file, all_threads=True)
    _installed_dir = folder
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    import atexit

    atexit.register(_clean_exit)
    return folder


def _clean_exit() -> None:
    """A normal exit leaves no fault file behind (an empty one would only be noise)."""
    global _fault_file
    if _fault_file is None or _installed_dir is None:
        return
    try:
        faulthandler.disable()
        _fault_file.close()
        path = _installed_dir / f"{FAULT_PREFIX}{os.getpid()}.log"
        if path.exists() and path.stat().st_size == 0:
            path.unlink()
    except OSError:
        pass
    _fault_file = None


def write_exception_log(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, *, where: str
) -> Path | None:
    """Write one masked traceback as a pending crash log; never raises (it runs while things go wrong)."""
    if _installed_dir is None:
        return None
    try:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = _installed_dir / f"{CRASH_PREFIX}{stamp}-{os.getpid()}-{threading.get_ident() % 100000}.log"
        header = f"Fupin Desk {_version()} · {time.strftime('%Y-%m-%d %H:%M:%S')} · {where}\n\n"
        path.write_text(mask_sensitive(header + text), encoding="utf-8")
        path.with_name(path.name + PENDING_SUFFIX).touch()
        return path
    except Exception:  # noqa: BLE001 - a failing crash log must not hide the original error
        return None


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    write_exception_log(exc_type, exc, tb, where="uncaught exception")
    sys.__excepthook__(exc_type, exc, tb)


def _thread_excepthook(args: Any) -> None:
    if args.exc_value is not None:
        name = getattr(args.thread, "name", "?")
        write_exception_log(args.exc_type, args.exc_value, args.exc_traceback, where=f"thread {name}")
    threading.__excepthook__(args)


def _version() -> str:
    from desktop_app import __version__

    return __version__


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return False  # decided by the rename below: Windows refuses to rename a file another process holds
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _collect_fault_files(folder: Path) -> None:
    """The fault files of processes that are gone become pending crash logs (empty ones are deleted)."""
    for path in folder.glob(f"{FAULT_PREFIX}*.log"):
        try:
            pid = int(path.stem.removeprefix(FAULT_PREFIX))
        except ValueError:
            continue
        if _process_alive(pid):
            continue
        try:
            if path.stat().st_size == 0:
                path.unlink()
                continue
            stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(path.stat().st_mtime))
            target = folder / f"{CRASH_PREFIX}{stamp}-{pid}-fault.log"
            os.replace(path, target)
            target.with_name(target.name + PENDING_SUFFIX).touch()
        except OSError:
            continue  # still open (Windows: that process is running)


def pending_reports(base: Path | None = None) -> list[Path]:
    """Crash logs not yet shown to the user, oldest first."""
    folder = crash_dir(base)
    _collect_fault_files(folder)
    logs = [p.with_name(p.name.removesuffix(PENDING_SUFFIX)) for p in folder.glob(f"*{PENDING_SUFFIX}")]
    return sorted((p for p in logs if p.exists()), key=lambda p: p.stat().st_mtime)


def mark_reported(logs: list[Path]) -> None:
    for log_path in logs:
        log_path.with_name(log_path.name + PENDING_SUFFIX).unlink(missing_ok=True)


def report_previous_crash(parent: Any = None) -> Any:
    """The message box telling the user the app closed unexpectedly last time (once per crash), or None."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QMessageBox

    logs = pending_reports()
    if not logs:
        return None
    mark_reported(logs)

    def tr(text: str) -> str:
        return QCoreApplication.translate("CrashReport", text)

    newest = logs[-1]
    text = tr("Fupin Desk closed unexpectedly last time. Your data was saved up to the last saved change.")
    details = tr("The error log is here:\n%1\nPlease send this file to the county's IT staff.").replace(
        "%1", str(newest)
    )
    box = QMessageBox(QMessageBox.Icon.Warning, tr("The program closed unexpectedly"), text, parent=parent)
    box.setInformativeText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
