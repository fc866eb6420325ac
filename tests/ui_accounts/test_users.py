"""Manage → Users and Roles: the administrator adds a township reviewer, resets and disables; refusals are
shown with the services' text; the reviewer then finds the entries they may not use disabled, each naming
the role that may, and the role table read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui_accounts.conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    ADMIN_UNIT,
    TOWNSHIP_PASSWORD,
    type_ascii,
    type_chinese,
    visible_boxes,
)


def test_admin_adds_a_township_user_who_then_sees_the_menus_disabled(open_db, make_window, lang_zh, qtbot):
    from desktop_app.services.accounts import change_password, create_first_admin, list_users, sign_in, sign_out
    from desktop_app.services.areas import AreaInput, set_up_areas
    from desktop_app.ui.models.accounts import COL_AREA, COL_ROLE, COL_STATE

    db = open_db()
    create_first_admin(db, ADMIN, ADMIN_UNIT, ADMIN_PASSWORD)
    set_up_areas(
        db,
        county=AreaInput("532930000000", "洱源县"),
        township=AreaInput("532930100000", "茈碧湖镇"),
        village=AreaInput("532930100001", "和平村"),
        groups=2,
    )
    window = make_window(db)
    assert window.actions_by_slot["manage_users"].isEnabled()
    users = window.manage_users()
    qtbot.waitExposed(users)
    assert users.model.rowCount() == 1

    add = users.add()
    type_chinese(add.name, "赵刚")
    add.choose_role("township")
    type_chinese(add.unit, "茈碧湖镇人民政府")
    add.choose_area("532930100000")
    assert add.area.currentText().startswith("茈碧湖镇")
    type_ascii(qtbot, add.passwords.first, "given-by-admin-1")
    type_ascii(qtbot, add.passwords.second, "given-by-admin-1")
    qtbot.mouseClick(add.buttons.button(add.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not add.isVisible()
    assert users.model.rowCount() == 2 and users.current_name() == "赵刚"
    row = users.table.currentIndex().row()
    assert users.model.index(row, COL_ROLE).data() == "乡镇审核"
    assert users.model.index(row, COL_AREA).data() == "532930100000"
    assert "须修改密码" in users.model.index(row, COL_STATE).data()

    again = users.add()  # the same name twice: the services' refusal in a box, nothing added
    type_chinese(again.name, "赵刚")
    type_ascii(qtbot, again.passwords.first, "another-pass-2")
    type_ascii(qtbot, again.passwords.second, "another-pass-2")
    qtbot.mouseClick(again.buttons.button(again.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert again.refusal is not None and "赵刚" in again.refusal.text()
    again.refusal.close()
    again.reject()
    assert len(list_users(db)) == 2

    users.select_user(ADMIN)  # the last administrator cannot be disabled: refused with the reason
    qtbot.mouseClick(users.disable_button, Qt.MouseButton.LeftButton)
    assert users.refusal is not None and users.refusal.text()
    users.refusal.close()
    assert not next(u for u in list_users(db) if u.name == ADMIN).disabled

    users.select_user("赵刚")
    qtbot.mouseClick(users.disable_button, Qt.MouseButton.LeftButton)
    assert users.model.index(users.table.currentIndex().row(), COL_STATE).data() == "已停用"
    assert users.disable_button.text() == "启用"
    qtbot.mouseClick(users.disable_button, Qt.MouseButton.LeftButton)
    reset = users.reset()
    type_ascii(qtbot, reset.passwords.first, "given-by-admin-2")
    type_ascii(qtbot, reset.passwords.second, "given-by-admin-2")
    qtbot.mouseClick(reset.buttons.button(reset.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not reset.isVisible()
    users.close()

    # the township reviewer signs in (File → Switch user) and changes the given password
    switch = window.switch_user()
    assert switch.windowTitle() == "切换用户"
    switch.name.clear()
    type_chinese(switch.name, "赵刚")
    type_ascii(qtbot, switch.password, "given-by-admin-2")
    qtbot.keyClick(switch.password, Qt.Key.Key_Return)
    assert not switch.isVisible()
    qtbot.waitUntil(lambda: getattr(window, "password_dialog", None) is not None)
    forced = window.password_dialog
    assert forced.forced
    type_ascii(qtbot, forced.old, "given-by-admin-2")
    type_ascii(qtbot, forced.fields.first, TOWNSHIP_PASSWORD)
    type_ascii(qtbot, forced.fields.second, TOWNSHIP_PASSWORD)
    qtbot.mouseClick(forced.ok_button, Qt.MouseButton.LeftButton)
    assert not forced.isVisible()
    assert window.operator_label.text() == "赵刚（乡镇审核）"

    manage = window.actions_by_slot["manage_users"]
    assert not manage.isEnabled()
    assert "乡镇审核" in manage.toolTip() and "县级管理员" in manage.toolTip()
    assert window.menus["manage"].toolTipsVisible()
    new_household = window.actions_by_slot["new_household"]
    assert not new_household.isEnabled() and "工作队员" in new_household.toolTip()
    assert window.findChild(type(manage), "print_card").isEnabled()  # township may print
    assert not window.actions_by_slot["import_data"].isEnabled()

    roles = window.edit_roles()  # read-only for a role without roles.edit
    assert "只读" in roles.note.text()
    model = roles.model
    index = model.index(0, model.role_column("township"))
    assert not (model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable)
    roles.close()

    sign_out(db)
    sign_in(db, ADMIN, ADMIN_PASSWORD)
    change_password(db, ADMIN_PASSWORD, ADMIN_PASSWORD + "-2")  # the administrator's own password, too
    assert not visible_boxes(), [(b.windowTitle(), b.text()) for b in visible_boxes()]


def test_admin_edits_the_role_table(open_db, make_window, lang_zh, qtbot):
    from desktop_app.services.accounts import create_first_admin, permission_table

    db = open_db()
    create_first_admin(db, ADMIN, ADMIN_UNIT, ADMIN_PASSWORD)
    window = make_window(db)
    roles = window.edit_roles()
    qtbot.waitExposed(roles)
    model = roles.model
    assert "勾选" in roles.note.text()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, model.columnCount())] == [
        "工作队员",
        "队长/第一书记",
        "乡镇审核",
        "县级管理员",
        "审计",
    ]
    row = model.row_of("household.remove")
    assert row >= 0 and model.index(row, 1).data()  # labelled, not the raw name
    groups = [model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).data()]
    assert len(groups) == len(set(groups)) > 3  # each group named once, on its first row
    cell = model.index(row, model.role_column("captain"))
    assert model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert permission_table(db).allowed("captain", "household.remove")
    assert model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
