"""No window larger than the screen: the main window and every dialog at 1366×768 (a subprocess, since the
offscreen platform takes its screen size only at start-up), plus the elided-cell tooltip and wide columns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QDialog, QHeaderView, QTableView, QToolTip

ROOT = Path(__file__).resolve().parents[2]


def _screen_config(tmp_path: Path, width: int, height: int) -> str:
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpiX": 96, "logicalDpiY": 96}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def test_every_window_fits_a_1366x768_screen_and_the_main_window_is_maximised(demo_db, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=_screen_config(tmp_path, 1366, 768))
    shots = [str(ROOT / "artifacts" / "screens")] if os.environ.get("FUPIN_ARTIFACTS") else []  # CI artifacts
    url = demo_db.url.removeprefix("sqlite:///")
    demo_db.close()
    run = subprocess.run(
        [sys.executable, "-m", "tests.ui_shell.screens_1366", url, *shots],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    ax, ay, aw, ah = result["available"]
    assert (aw, ah) == (1366, 768)
    windows = result["windows"]
    assert {"main_window", "settings", "first_run", "household_card", "print_preview", "export"} <= set(windows)
    assert {"admin_setup", "sign_in", "change_password", "users", "add_user", "roles"} <= set(windows)
    for name, info in windows.items():
        x, y, w, h = info["frame"]
        assert x >= ax and y >= ay and x + w <= ax + aw and y + h <= ay + ah, f"{name} does not fit: {info}"
    assert windows["main_window"]["maximized"]
    assert windows["print_preview"]["frame"][3] <= 768  # it asked for 1000 px
    assert windows["main_window"]["title"].count("Fupin Desk") == 1


def test_a_dialog_asking_for_more_than_the_screen_is_clamped_and_moved_inside(qtbot) -> None:
    from desktop_app.ui import screen

    screen.install(QApplication.instance())  # type: ignore[arg-type]
    area = QApplication.primaryScreen().availableGeometry()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(area.width() + 300, area.height() + 400)
    dialog.move(area.right() - 50, area.bottom() - 50)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.contains(dialog.frameGeometry())


def test_an_elided_cell_shows_its_full_text_and_columns_can_be_widened(qtbot) -> None:
    from desktop_app.ui import screen

    screen.install(QApplication.instance())  # type: ignore[arg-type]
    model = QStandardItemModel(2, 2)
    long_reason = "因病致贫，家中主要劳动力长期患病无法外出务工，子女尚在读书"
    model.setItem(0, 0, QStandardItem(long_reason))
    model.setItem(0, 1, QStandardItem("短"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setColumnWidth(0, 60)
    view.setColumnWidth(1, 80)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive  # the user may drag it wider

    def tip_at(row: int, column: int) -> str:
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())  # hiding takes a short timer
        centre = view.visualRect(model.index(row, column)).center()
        event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
        QApplication.sendEvent(view.viewport(), event)
        return QToolTip.text() if QToolTip.isVisible() else ""

    assert tip_at(0, 0) == long_reason
    assert tip_at(0, 1) == ""  # fully shown: no tooltip
    view.setColumnWidth(0, view.fontMetrics().horizontalAdvance(long_reason) + 40)
    assert tip_at(0, 0) == ""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_main_window_is_maximised_only_on_a_small_screen(size, tmp_path: Path, demo_db) -> None:
    code = (
        "import desktop_app.ui, json, sys\n"
        "from desktop_app.ui.app import create_application\n"
        "app = create_application('zh_CN')\n"
        "from PySide6.QtCore import QSettings\n"
        "from desktop_app.services import open_database\n"
        "from desktop_app.ui.main_window import MainWindow\n"
        "w = MainWindow(open_database(sys.argv[1]), settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))\n"
        "w.show(); app.processEvents()\n"
        "g = w.frameGeometry(); print(json.dumps([w.isMaximized(), g.width(), g.height()]))\n"
    )
    url = demo_db.url.removeprefix("sqlite:///")
    demo_db.close()
    env = dict(os.environ, QT_QPA_PLATFORM=_screen_config(tmp_path, *size))
    run = subprocess.run(
        [sys.executable, "-c", code, url, str(tmp_path / "ui.ini")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    maximised, width, height = json.loads(run.stdout.strip().splitlines()[-1])
    assert maximised == (size == (1366, 768))
    assert width <= size[0] and height <= size[1]
