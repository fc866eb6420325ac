"""Accounts in a real 1366×768 window under a window manager: the welcome dialog creates the administrator
and shows the recovery code; the next start asks to sign in; a wrong password is said, the right one opens
the window with the name and role in the status bar. Screenshots: artifacts/screens/accounts-*.png."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.real_window.conftest import assert_fits
from tests.ui_card.conftest import type_text

ADMIN, UNIT, PASSWORD = "王芳", "洱源县乡村振兴局", "hepingcun-2024"


def _type(widget: QWidget, text: str) -> None:
    widget.setFocus()
    type_text(widget, text)


def _fits(widget: QWidget) -> None:
    assert_fits(widget)


def test_administrator_then_sign_in_on_the_next_start(qtbot, tmp_path, ui_state, lang_zh, screenshot):
    from desktop_app.services import open_database
    from desktop_app.ui.account_actions import sign_in_dialog
    from desktop_app.ui.main_window import MainWindow

    path = tmp_path / "county.sqlite"
    db = open_database(path, require_login=False)
    window = MainWindow(db, lang="zh_CN", settings=ui_state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.greet()
    welcome = window.admin_setup_dialog
    qtbot.waitExposed(welcome)
    _fits(welcome)
    welcome.name.clear()
    welcome.unit.clear()
    _type(welcome.name, ADMIN)
    _type(welcome.unit, UNIT)
    welcome.passwords.first.setFocus()
    qtbot.keyClicks(welcome.passwords.first, PASSWORD)
    welcome.passwords.second.setFocus()
    qtbot.keyClicks(welcome.passwords.second, PASSWORD)
    screenshot("accounts-1-administrator")
    qtbot.keyClick(welcome.passwords.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: welcome.pages.currentWidget() is welcome.panel, timeout=10000)
    _fits(welcome)
    shot = screenshot("accounts-2-recovery-code")
    assert shot is None or shot.stat().st_size > 10_000
    welcome.panel.tick.setChecked(True)
    qtbot.mouseClick(welcome.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "first_run_dialog", None) is not None)
    window.first_run_dialog.reject()
    assert window.operator_label.text() == "王芳（县级管理员）"
    window.close()
    db.close()

    again = open_database(path, require_login=False)  # the next start
    assert not again.identity.signed_in
    dialog = sign_in_dialog(again, settings=ui_state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    _fits(dialog)
    assert dialog.name.text() == ADMIN  # remembered on this machine
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.message.text()
    screenshot("accounts-3-wrong-password")
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=20000)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    second = MainWindow(again, lang="zh_CN", settings=ui_state)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    qtbot.waitUntil(second.isMaximized, timeout=5000)
    qtbot.waitUntil(second.isActiveWindow, timeout=5000)
    qtbot.wait(500)  # painted by the X server before the screen is grabbed
    assert second.operator_label.text() == "王芳（县级管理员）"
    screenshot("accounts-4-signed-in")
    users = second.manage_users()
    qtbot.waitExposed(users)
    _fits(users)
    qtbot.wait(300)
    assert users.model.rowCount() == 1
    screenshot("accounts-5-users")
    users.close()
    second.close()
    again.close()
