"""No English left in the accounts dialogs of the Chinese UI."""

from __future__ import annotations

from tests.ui_accounts.conftest import ADMIN, ADMIN_PASSWORD, ADMIN_UNIT
from tests.ui_shell.test_translations import english_left, ui_strings

# data, not UI text: the recovery code itself and the shape of one as a placeholder
DATA = {"QLabel:recovery_code text", "QLineEdit:recovery_code_input placeholder"}


def test_accounts_dialogs_in_chinese_have_no_english(open_db, ui_state, qtbot, lang_zh):
    from desktop_app.services.accounts import create_first_admin
    from desktop_app.ui.account_actions import sign_in_dialog
    from desktop_app.ui.first_run import AdminSetupDialog
    from desktop_app.ui.password_dialog import ChangePasswordDialog
    from desktop_app.ui.roles_dialog import RolesDialog
    from desktop_app.ui.sign_in_dialog import RecoverDialog
    from desktop_app.ui.users_dialog import AddUserDialog, ResetPasswordDialog, UsersDialog

    db = open_db()
    setup = AdminSetupDialog(db, has_data=True)
    qtbot.addWidget(setup)
    setup.show()
    create_first_admin(db, ADMIN, ADMIN_UNIT, ADMIN_PASSWORD)
    setup.panel.show_code("ABCD-EFGH-JKLM-NPQR", database="x", name=ADMIN)
    dialogs = [
        setup,
        sign_in_dialog(db, settings=ui_state),
        RecoverDialog(lambda *_: ""),
        ChangePasswordDialog(db, forced=True),
        UsersDialog(db),
        AddUserDialog(db),
        ResetPasswordDialog(db, ADMIN),
        RolesDialog(db),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        strings = ui_strings(dialog)
        assert len(strings) >= 3, type(dialog).__name__
        bad = [(w, t) for w, t in english_left(dialog) if w not in DATA]
        assert not bad, f"{type(dialog).__name__}: " + ", ".join(f"{w}: {t!r}" for w, t in bad)
    setup.pages.setCurrentWidget(setup.panel)
    assert not [(w, t) for w, t in english_left(setup.panel) if w not in DATA]
