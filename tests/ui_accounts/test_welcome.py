"""The welcome dialog of a new database creates the first administrator and shows the recovery code once;
a database with data but no accounts (opened after the upgrade) gets the same dialog."""

from __future__ import annotations

import re
import subprocess

from PySide6.QtCore import Qt

from tests.ui_accounts.conftest import ADMIN, ADMIN_PASSWORD, ADMIN_UNIT, type_ascii, type_chinese

CODE = re.compile(r"^[A-Z0-9]{4}(?:-[A-Z0-9]{4})+$")


def test_new_database_creates_the_administrator_then_the_areas(open_db, make_window, lang_zh, qtbot, tmp_path):
    from desktop_app.services.accounts import has_accounts, list_users, sign_in

    db = open_db()
    window = make_window(db)
    window.greet()
    dialog = window.admin_setup_dialog
    qtbot.waitExposed(dialog)
    assert dialog.role.text() == "县级管理员"  # the first account is always the county administrator
    assert "新数据库" in dialog.intro.text()
    dialog.name.clear()
    dialog.unit.clear()
    type_chinese(dialog.name, ADMIN)
    type_chinese(dialog.unit, ADMIN_UNIT)

    type_ascii(qtbot, dialog.passwords.first, "short")  # the policy says why while typing
    assert "8" in dialog.passwords.hint.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() and not has_accounts(db)  # refused, nothing created
    dialog.passwords.first.clear()
    type_ascii(qtbot, dialog.passwords.first, ADMIN_PASSWORD)
    type_ascii(qtbot, dialog.passwords.second, ADMIN_PASSWORD + "x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "两次输入的密码不一致。" and not has_accounts(db)
    dialog.passwords.second.clear()
    type_ascii(qtbot, dialog.passwords.second, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.passwords.second, Qt.Key.Key_Return)  # Enter creates

    # the recovery code, once, large; Continue waits for the tick; Esc does not lose it
    assert dialog.pages.currentWidget() is dialog.panel
    code = dialog.panel.code_label.text()
    assert CODE.match(code), code
    assert dialog.panel.code_label.font().pointSize() >= 18
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == "继续"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    pdf = dialog.panel.save_pdf(tmp_path / "恢复码.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert code in text and "妥善保管" in text and ADMIN in text and "county.sqlite" in text
    dialog.panel.tick.setChecked(True)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    # signed in as the administrator; the status bar names her role; the area step follows, without "who"
    assert window.operator_label.text() == "王芳（县级管理员）"
    assert window.qsettings.value("accounts/last_name") == ADMIN  # offered at the next start
    assert [(u.name, u.unit, u.role, u.must_change) for u in list_users(db)] == [
        (ADMIN, ADMIN_UNIT, "county_admin", False)
    ]
    qtbot.waitUntil(lambda: getattr(window, "first_run_dialog", None) is not None)
    areas = window.first_run_dialog
    assert areas.who.isHidden()
    for key, code_text, name in (
        ("county", "532930000000", "洱源县"),
        ("township", "532930100000", "茈碧湖镇"),
        ("village", "532930100001", "和平村"),
    ):
        areas.fields[key][0].setText(code_text)
        type_chinese(areas.fields[key][1], name)
    qtbot.mouseClick(areas.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_empty())
    assert window.operator_label.text() == "王芳（县级管理员）"
    sign_in(db, ADMIN, ADMIN_PASSWORD)  # the password set in the dialog is the one that works


def test_a_database_with_data_but_no_accounts_asks_for_the_administrator(open_db, make_window, lang_zh, qtbot):
    from desktop_app.services.demo import load_demo

    db = open_db()
    load_demo(db, households=5, device_id=db.device_id)
    window = make_window(db)
    window.greet()
    dialog = window.admin_setup_dialog
    assert dialog.intro.text() == "此数据库还没有账户：请先建立管理员。"
    assert dialog.later_button.text() == "以后再说"
    dialog.reject()  # put off: the database works as before, asking who is working
    qtbot.waitUntil(lambda: getattr(window, "identity_dialog", None) is not None)
    assert window.identity_dialog.windowTitle() == "谁在操作？"
    window.identity_dialog.reject()
