"""The accounts screens' models pass Qt's model tester and show labels, not keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui_accounts.conftest import ADMIN, ADMIN_PASSWORD, ADMIN_UNIT


def test_users_and_role_table_models(open_db, qtmodeltester, lang_zh):
    from desktop_app.services.accounts import add_user, create_first_admin
    from desktop_app.ui.models.accounts import COL_ROLE, PermissionTableModel, UsersTableModel

    db = open_db()
    create_first_admin(db, ADMIN, ADMIN_UNIT, ADMIN_PASSWORD)
    add_user(db, "赵刚", "auditor", password="given-by-admin-1")
    users = UsersTableModel(db, lang="zh_CN")
    qtmodeltester.check(users)
    assert sorted(users.index(r, COL_ROLE).data() for r in range(users.rowCount())) == sorted(["县级管理员", "审计"])
    roles = PermissionTableModel(db, editable=True, lang="zh_CN")
    qtmodeltester.check(roles)
    assert roles.rowCount() > 20 and roles.columnCount() == 2 + 5
    row = roles.row_of("users.manage")
    assert roles.index(row, 1).data() != "users.manage"  # the label from the role table
    assert roles.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == "users.manage"
    assert roles.is_allowed("county_admin", "users.manage") and not roles.is_allowed("member", "users.manage")
    read_only = PermissionTableModel(db, editable=False)
    cell = read_only.index(row, read_only.role_column("member"))
    assert not read_only.setData(cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert not read_only.is_allowed("member", "users.manage")
