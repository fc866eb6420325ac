"""Real-window GUI tests: a real X server (Xvfb 1366x768) with a window manager, driven through Qt's xcb plugin.

The Qt platform is fixed per process, so these tests run in their own pytest (``installers/dev-setup.sh test``
starts Xvfb and openbox and runs ``QT_QPA_PLATFORM=xcb pytest tests/real_window``; the rest of the suite runs
offscreen with this folder left out). Without such a display the tests are skipped on a developer's machine
and **fail** under CI (``CI`` or ``FUPIN_REAL_WINDOW`` set), so that a broken display setup cannot pass as green.

Screenshots of the whole screen (window-manager frames included) go to ``artifacts/screens/`` under CI or when
``FUPIN_ARTIFACTS`` is set (to a folder, or to 1 for ``artifacts/`` of the checkout).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (1366, 768)


def assert_fits(widget: QWidget) -> None:
    """The window, frame included, lies inside the screen's available area (nothing under a taskbar) once the
    window manager has placed it (a window just shown may still carry its unplaced frame for a moment)."""
    area = QGuiApplication.primaryScreen().availableGeometry()
    deadline = time.monotonic() + 3.0
    while not area.contains(widget.frameGeometry()) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    frame = widget.frameGeometry()
    assert area.contains(frame), f"{widget.windowTitle()!r} {frame} is not inside {area}"


def _required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("FUPIN_REAL_WINDOW"))


def _display_problem() -> str | None:
    if os.environ.get("QT_QPA_PLATFORM") != "xcb":
        return f"QT_QPA_PLATFORM is {os.environ.get('QT_QPA_PLATFORM')!r}, not 'xcb'"
    if not os.environ.get("DISPLAY"):
        return "DISPLAY is not set"
    if shutil.which("xdpyinfo"):
        probe = subprocess.run(["xdpyinfo"], capture_output=True, text=True, timeout=10)
        if probe.returncode != 0:
            return f"no X server on {os.environ['DISPLAY']}: {probe.stderr.strip()}"
    return None


def window_manager_name() -> str | None:
    """The running window manager's name (EWMH), or None when there is none."""
    if not shutil.which("xprop"):
        return None
    check = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], capture_output=True, text=True)
    match = re.search(r"window id # (0x[0-9a-f]+)", check.stdout)
    if not match:
        return None
    name = subprocess.run(["xprop", "-id", match.group(1), "_NET_WM_NAME"], capture_output=True, text=True)
    found = re.search(r'= "(.*)"', name.stdout)
    return found.group(1) if found else "?"


@pytest.fixture(autouse=True)
def real_display(qapp: QApplication) -> None:
    problem = _display_problem() or (
        None if qapp.platformName() == "xcb" else f"Qt runs on {qapp.platformName()!r}, not xcb"
    )
    if problem:
        message = f"real-window tests need Xvfb and a window manager ({problem}); see installers/dev-setup.sh"
        if _required():
            pytest.fail(message)
        pytest.skip(message)


def artifacts_dir() -> Path | None:
    value = os.environ.get("FUPIN_ARTIFACTS", "")
    if value and value not in ("1", "true", "yes"):
        return Path(value)
    if value or os.environ.get("CI"):
        return ROOT / "artifacts"
    return None


@pytest.fixture
def screenshot() -> Callable[[str], Path | None]:
    """Save the whole screen as ``artifacts/screens/NAME.png`` (when artifacts are wanted); returns the file."""

    def take(name: str) -> Path | None:
        QApplication.processEvents()
        image = QGuiApplication.primaryScreen().grabWindow(0)
        assert not image.isNull()
        base = artifacts_dir()
        if base is None:
            return None
        folder = base / "screens"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        assert image.save(str(path))
        return path

    return take


@pytest.fixture
def ui_state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def lang_zh(qapp: QApplication) -> Iterator[str]:
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")


def x_window_title(widget: QWidget) -> str:
    """The title the X server holds for the widget's window (what the window manager draws)."""
    out = subprocess.run(["xdotool", "getwindowname", str(int(widget.winId()))], capture_output=True, timeout=10).stdout
    return out.decode("utf-8", "replace").strip()
