"""Accounts in the main window: signing in at start, File → Switch user / Change password, Manage → Users /
Roles and permissions, the signed-in person in the status bar, and menu entries a role may not use.

Which entry needs which action is one table (``GUARDED``); the answer comes from the services
(``permissions.refusal``: the role table of the accounts package), so a disabled entry's tooltip names the
role that may. Disabling is only a courtesy: the real check is in every use case.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QWidget

from desktop_app.domain.identity import Identity
from desktop_app.services import Database
from desktop_app.services.accounts import (
    LoginRequired,
    SignInError,
    has_accounts,
    must_change_password,
    recover_admin,
    role_label,
    sign_in,
)
from desktop_app.services.permissions import refusal
from desktop_app.ui.i18n import current_language

if TYPE_CHECKING:
    from desktop_app.ui.password_dialog import ChangePasswordDialog
    from desktop_app.ui.sign_in_dialog import SignInDialog

# menu entry (object name of its QAction) -> the action of the role table it needs
GUARDED: dict[str, str] = {
    "new_household": "household.save",
    "import_data": "exchange.import",
    "import_alerts": "monitoring.alerts_import",
    "export_data": "exchange.export",
    "merge_database": "merge.database",
    "resolve_conflicts": "merge.resolve",
    "manage_users": "users.manage",
    "hh_move": "household.move",
    "hh_split": "household.split",
    "hh_merge": "household.merge",
    "hh_remove": "household.remove",
}


def _lang() -> str:
    return "en" if current_language() == "en" else "zh"


def identity_text(identity: Identity) -> str:
    """王芳（县级管理员） for a signed-in account; the typed operator (王芳（和平村驻村工作队）) otherwise."""
    if not identity.signed_in:
        return identity.describe()
    label = role_label(identity.role, _lang())
    return f"{identity.name} ({label})" if _lang() == "en" else f"{identity.name}（{label}）"


def refusal_text(db: Database, action: str) -> str | None:
    found = refusal(db, action)
    if found is None:
        return None
    return found[1] if _lang() == "en" else found[0]


def sign_in_dialog(
    db: Database, *, settings: QSettings | None, switching: bool = False, parent: QWidget | None = None
) -> SignInDialog:
    """The sign-in dialog over ``db`` (already open, nobody or somebody signed in)."""
    from desktop_app.ui.sign_in_dialog import SignInDialog

    return SignInDialog(
        lambda name, password: sign_in(db, name, password),
        database=db.describe(),
        settings=settings,
        recover=lambda name, code, password: recover_admin(db, name, code, password),
        switching=switching,
        parent=parent,
    )


def forced_change(db: Database, parent: QWidget | None = None) -> ChangePasswordDialog | None:
    """The change-password dialog that cannot be skipped, when the signed-in account must change it."""
    from desktop_app.ui.password_dialog import ChangePasswordDialog

    if not must_change_password(db):
        return None
    return ChangePasswordDialog(db, forced=True, parent=parent)


def sign_in_at_start(
    db: Database, settings: QSettings | None, *, user: str | None = None, interactive: bool = True
) -> bool:
    """Before the main window: on a database with accounts, sign in (modal). False: the person cancelled
    (the app quits; nothing was opened beyond the file). ``user`` (``fupin --user NAME gui``) with the
    password in ``FUPIN_PASSWORD`` signs in without the dialog; a refusal shows the dialog with the name.
    Not ``interactive`` (``--quit-after-ms``: smoke tests, the installer check) a refusal raises instead."""
    if not has_accounts(db) or db.identity.signed_in:
        return True
    secret = os.environ.get("FUPIN_PASSWORD")
    if not interactive:
        if not user or secret is None:
            raise LoginRequired(
                "login_required",
                "此数据库已建立账户：请用 --user 指定账户，并通过 FUPIN_PASSWORD 提供密码。",
                "This database has accounts: name one with --user and give its password in FUPIN_PASSWORD.",
            )
        sign_in(db, user, secret)
        return True
    if user and secret:
        try:
            sign_in(db, user, secret)
        except SignInError:
            pass  # the dialog below says why and lets the person type it
    if not db.identity.signed_in:
        dialog = sign_in_dialog(db, settings=settings)
        if user:
            dialog.name.setText(user)
            dialog.password.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    change = forced_change(db)
    if change is not None:
        change.exec()  # cannot be left without a new password
    return True


class AccountsMixin:
    """The account entries of :class:`desktop_app.ui.main_window.MainWindow` (which provides ``db``,
    ``qsettings``, ``operator_label``, ``menus`` and ``reload``)."""

    db: Database
    qsettings: QSettings
    operator_label: QLabel
    menus: dict[str, Any]

    # provided by the window (its own methods come first in the MRO)
    def reload(self) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        raise NotImplementedError

    def offer_first_run(self) -> None:
        raise NotImplementedError

    def ask_identity(self) -> None:
        raise NotImplementedError

    def _account_parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # --- the status bar and the menu entries ---------------------------------------------------------------
    def show_account(self) -> bool:
        """Show the signed-in person; False when the database has no accounts (the caller shows the operator)."""
        who = self.db.identity
        self.apply_permissions()
        if not who.signed_in:
            return False
        self.operator_label.setText(identity_text(who))
        self.operator_label.setStyleSheet("")
        self.operator_label.setToolTip(who.unit)
        return True

    def apply_permissions(self) -> None:
        """Disable the entries the signed-in role may not use, each with a tooltip naming the role that may."""
        window = self._account_parent()
        for menu in self.menus.values():
            if isinstance(menu, QMenu):
                menu.setToolTipsVisible(True)
        for action in window.findChildren(QAction):
            needed = GUARDED.get(action.objectName()) or _print_action(action.objectName())
            if not needed:
                continue
            why = refusal_text(self.db, needed)
            action.setEnabled(why is None)
            action.setToolTip(why or action.text().replace("&", "").rstrip("…"))

    # --- the first administrator --------------------------------------------------------------------------
    def offer_admin_setup(self) -> bool:
        """A database without accounts: create its administrator first (True: the dialog was shown). Then
        the areas on an empty database; put off ("Later"), the database works as before, with a typed operator."""
        from desktop_app.ui.first_run import AdminSetupDialog

        if has_accounts(self.db):
            if not self.db.identity.signed_in:  # another database opened in this window: its own sign-in
                self.switch_user()
                return True
            return False
        empty = self.is_empty()
        dialog = AdminSetupDialog(self.db, has_data=not empty, parent=self._account_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._admin_created(empty))
        dialog.rejected.connect(self.offer_first_run if empty else self.ask_identity)
        self.admin_setup_dialog = dialog
        dialog.open()
        return True

    def _admin_created(self, empty: bool) -> None:
        from desktop_app.ui.sign_in_dialog import remember_name

        remember_name(self.qsettings, self.db.identity.name)  # the next start offers this name
        self.reload()
        if empty:
            self.offer_first_run()

    # --- File → Switch user, Change password ----------------------------------------------------------------
    def switch_user(self) -> SignInDialog | None:
        if not has_accounts(self.db):
            return None
        dialog = sign_in_dialog(self.db, settings=self.qsettings, switching=True, parent=self._account_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._signed_in_again)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def _signed_in_again(self) -> None:
        self.reload()  # masked or full IDs, enabled entries: all follow the new role
        change = forced_change(self.db, self._account_parent())
        if change is not None:
            change.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            change.accepted.connect(self.apply_permissions)  # until then only the password could be changed
            self.password_dialog = change
            change.open()

    def change_own_password(self) -> ChangePasswordDialog | None:
        from desktop_app.ui.password_dialog import ChangePasswordDialog

        if not self.db.identity.signed_in:
            return None
        dialog = ChangePasswordDialog(self.db, parent=self._account_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.password_dialog = dialog
        dialog.open()
        return dialog

    # --- Manage → Users, Roles and permissions ----------------------------------------------------------------
    def manage_users(self) -> QDialog:
        from desktop_app.ui.users_dialog import UsersDialog

        dialog = UsersDialog(self.db, lang=current_language(), parent=self._account_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.users_dialog = dialog
        dialog.open()
        return dialog

    def edit_roles(self) -> QDialog:
        from desktop_app.ui.roles_dialog import RolesDialog

        dialog = RolesDialog(self.db, lang=current_language(), parent=self._account_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.roles_dialog = dialog
        dialog.open()
        return dialog


def _print_action(name: str) -> str | None:
    """``print_card`` → the print action of that kind (the role table's ``print.<kind>`` row)."""
    return f"print.{name[len('print_') :]}" if name.startswith("print_") else None
