"""Restarting on a database with accounts: the sign-in dialog (wrong password, slowed down, locked, disabled,
the remembered name), the forced password change, the administrator's recovery, and Switch user."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui_accounts.conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    TOWNSHIP,
    TOWNSHIP_PASSWORD,
    type_ascii,
    type_chinese,
)


def _dialog(db, ui_state):  # type: ignore[no-untyped-def]
    from desktop_app.ui.account_actions import sign_in_dialog

    dialog = sign_in_dialog(db, settings=ui_state)
    dialog.show()
    return dialog


def _try(qtbot, dialog, name: str, password: str) -> None:  # type: ignore[no-untyped-def]
    dialog.name.clear()
    type_chinese(dialog.name, name)
    dialog.password.clear()
    type_ascii(qtbot, dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter signs in


def test_restart_wrong_then_right_password_opens_the_window(county, open_db, make_window, ui_state, lang_zh, qtbot):
    county.close()
    db = open_db()  # the app started again on the same file
    assert not db.identity.signed_in
    dialog = _dialog(db, ui_state)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "登录" and dialog.name.text() == ""
    _try(qtbot, dialog, ADMIN, "not-the-password")
    assert dialog.isVisible() and "密码" in dialog.message.text()
    assert dialog.password.text() == ""  # never kept
    _try(qtbot, dialog, "张三", ADMIN_PASSWORD)  # an unknown name reads like a wrong password
    unknown = dialog.message.text()
    assert unknown and "张三" not in unknown
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=20000)
    _try(qtbot, dialog, ADMIN, ADMIN_PASSWORD)
    assert not dialog.isVisible() and dialog.identity is not None
    assert ui_state.value("accounts/last_name") == ADMIN
    assert ADMIN_PASSWORD not in open(ui_state.fileName(), encoding="utf-8").read()
    window = make_window(db)
    assert window.operator_label.text() == "王芳（县级管理员）"

    again = _dialog(db, ui_state)  # the next start offers the last name, the password field has the focus
    qtbot.addWidget(again)
    assert again.name.text() == ADMIN
    again.reject()


def test_failures_slow_down_with_the_seconds_shown_then_lock(county, open_db, ui_state, lang_zh, qtbot):
    county.close()
    db = open_db()
    dialog = _dialog(db, ui_state)
    qtbot.addWidget(dialog)
    waited = False
    for _ in range(10):
        _try(qtbot, dialog, ADMIN, "wrong-password")
        if dialog.wait_left:
            assert not dialog.sign_in_button.isEnabled()
            assert re.search(rf"{dialog.wait_left} 秒", dialog.message.text()), dialog.message.text()
            waited = True
            before = dialog.wait_left
            qtbot.waitUntil(lambda before=before: dialog.wait_left < before, timeout=3000)  # it counts down
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter does nothing while waiting
            if "锁定" in dialog.message.text():
                break
            qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=40000)
    assert waited
    assert "锁定" in dialog.message.text()
    assert dialog.isVisible() and dialog.identity is None


def test_disabled_account_is_refused_with_its_reason(county, open_db, ui_state, lang_zh, qtbot):
    from desktop_app.services.accounts import set_disabled, sign_in, sign_out

    sign_in(county, ADMIN, ADMIN_PASSWORD)
    set_disabled(county, TOWNSHIP, True)
    sign_out(county)
    dialog = _dialog(county, ui_state)
    qtbot.addWidget(dialog)
    _try(qtbot, dialog, TOWNSHIP, "given-by-admin-1")
    assert "停用" in dialog.message.text() and dialog.isVisible()


def test_must_change_forces_a_new_password_that_cannot_be_skipped(county, make_window, ui_state, lang_zh, qtbot):
    from desktop_app.services.accounts import must_change_password, sign_in
    from desktop_app.ui.account_actions import forced_change

    sign_in(county, TOWNSHIP, "given-by-admin-1")
    change = forced_change(county)
    assert change is not None
    qtbot.addWidget(change)
    change.show()
    assert "管理员" in change.findChild(type(change.message), "forced_intro").text()
    qtbot.keyClick(change, Qt.Key.Key_Escape)
    change.close()
    assert change.isVisible()  # neither Esc nor the close button leaves it
    type_ascii(qtbot, change.old, "given-by-admin-1")
    type_ascii(qtbot, change.fields.first, TOWNSHIP_PASSWORD)
    type_ascii(qtbot, change.fields.second, TOWNSHIP_PASSWORD)
    qtbot.keyClick(change.fields.second, Qt.Key.Key_Return)
    assert not change.isVisible()
    assert not must_change_password(county)
    sign_in(county, TOWNSHIP, TOWNSHIP_PASSWORD)
    window = make_window(county)
    assert window.operator_label.text() == "李明（乡镇审核）"


def test_start_cancel_quits_and_start_with_user_and_password_signs_in(
    county, open_db, ui_state, lang_zh, qtbot, monkeypatch
):
    from desktop_app.ui.account_actions import sign_in_at_start

    county.close()
    db = open_db()

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None and box.windowTitle() == "登录"
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc cancels: the app quits

    QTimer.singleShot(200, cancel)
    assert sign_in_at_start(db, ui_state) is False
    assert not db.identity.signed_in

    monkeypatch.setenv("FUPIN_PASSWORD", ADMIN_PASSWORD)
    assert sign_in_at_start(db, ui_state, user=ADMIN) is True
    assert db.identity.name == ADMIN and db.identity.role == "county_admin"


def test_forgot_password_recovers_the_administrator_with_the_code(open_db, ui_state, lang_zh, qtbot):
    from desktop_app.services.accounts import create_first_admin, sign_in, sign_out

    db = open_db()
    code = create_first_admin(db, ADMIN, "县局", ADMIN_PASSWORD)
    sign_out(db)
    dialog = _dialog(db, ui_state)
    qtbot.addWidget(dialog)
    type_chinese(dialog.name, ADMIN)
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    recover = dialog.recover_dialog
    assert recover.name.text() == ADMIN
    type_ascii(qtbot, recover.code, "AAAA-BBBB-CCCC-DDDD")
    type_ascii(qtbot, recover.fields.first, "a-new-password-9")
    type_ascii(qtbot, recover.fields.second, "a-new-password-9")
    qtbot.mouseClick(recover.ok_button, Qt.MouseButton.LeftButton)
    assert recover.message.text() and recover.pages.currentWidget() is not recover.panel  # wrong code: refused
    recover.code.clear()
    type_ascii(qtbot, recover.code, code)
    qtbot.mouseClick(recover.ok_button, Qt.MouseButton.LeftButton)
    assert recover.pages.currentWidget() is recover.panel
    new_code = recover.panel.code_label.text()
    assert new_code and new_code != code
    assert not recover.ok_button.isEnabled()
    recover.panel.tick.setChecked(True)
    qtbot.mouseClick(recover.ok_button, Qt.MouseButton.LeftButton)
    assert not recover.isVisible() and "新密码" in dialog.message.text()
    _try(qtbot, dialog, ADMIN, "a-new-password-9")
    assert dialog.identity is not None
    sign_out(db)
    sign_in(db, ADMIN, "a-new-password-9")
