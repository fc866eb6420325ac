"""The app on a fresh database in a real 1366x768 window: the main window fits, the welcome dialog shows."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.real_window.conftest import SCREEN, window_manager_name, x_window_title


def test_main_window_and_welcome_dialog_on_an_empty_database(qtbot, sqlite_db, ui_state, lang_zh, screenshot):
    from desktop_app.ui.main_window import MainWindow

    screen = QGuiApplication.primaryScreen()
    assert (screen.geometry().width(), screen.geometry().height()) == SCREEN
    assert window_manager_name() is not None, "no window manager: frames and placement are not tested"

    window = MainWindow(sqlite_db, lang="zh_CN", settings=ui_state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.is_empty()

    window.offer_first_run()
    dialog = window.first_run_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=5000)  # the window manager gave it the focus
    assert dialog.windowTitle() == "欢迎使用 Fupin Desk"
    qtbot.waitUntil(lambda: x_window_title(dialog) == "欢迎使用 Fupin Desk", timeout=5000)
    assert screen.availableGeometry().contains(dialog.frameGeometry())
    QApplication.processEvents()
    shot = screenshot("first-start-welcome")
    if shot is not None:
        assert shot.stat().st_size > 10_000
    dialog.reject()
