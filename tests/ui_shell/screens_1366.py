"""Opens the main window and every dialog of the app on a 1366×768 screen and prints how each fits.

Run in a subprocess by test_screen_fit.py with ``QT_QPA_PLATFORM=offscreen:configfile=<screen.json>``
(the offscreen platform reads its screens from that file). Prints one JSON object: the available
geometry and, per window, its frame geometry and state; saves ``<name>.png`` into the folder given as the
second argument (``artifacts/screens/`` when the test runs with ``FUPIN_ARTIFACTS`` set).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def main(db_path: str, shots: str | None = None) -> int:
    import desktop_app.ui  # noqa: F401  (the PySide6 refcount work-around before any Qt use)
    from desktop_app.ui.app import create_application

    app = create_application("zh_CN")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from desktop_app.services import open_database
    from desktop_app.ui.main_window import MainWindow

    folder = Path(shots) if shots else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    db = open_database(db_path)
    state = QSettings(str(Path(db_path).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(db, settings=state)
    window.show()
    app.processEvents()
    result: dict[str, Any] = {"available": list(window.screen().availableGeometry().getRect()), "windows": {}}

    def record(name: str, widget: QWidget) -> None:
        from PySide6.QtTest import QTest

        widget.show()
        QTest.qWait(300)  # let a preview render its pages before the screenshot
        frame = widget.frameGeometry()
        result["windows"][name] = {
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "maximized": widget.isMaximized(),
            "title": widget.windowTitle(),
        }
        if folder is not None:
            widget.grab().save(str(folder / f"{name}.png"))

    record("main_window", window)
    from desktop_app.ui.first_run import FirstRunDialog, IdentityDialog
    from desktop_app.ui.settings_dialog import SettingsDialog

    household = window.model.household_id(0)
    from desktop_app.storage.models import Household

    with db.session() as session:
        village = session.get(Household, household).village_id
    dialogs: list[tuple[str, Any]] = [
        ("first_run", lambda: FirstRunDialog(db, window)),
        ("who_is_working", lambda: IdentityDialog(window)),
        ("settings", lambda: SettingsDialog(db, window)),
    ]
    from desktop_app.ui.account_actions import sign_in_dialog
    from desktop_app.ui.first_run import AdminSetupDialog
    from desktop_app.ui.password_dialog import ChangePasswordDialog
    from desktop_app.ui.roles_dialog import RolesDialog
    from desktop_app.ui.users_dialog import AddUserDialog, UsersDialog

    dialogs += [  # accounts (ui/account_actions.py): on this database without accounts every entry opens
        ("admin_setup", lambda: AdminSetupDialog(db, has_data=True, parent=window)),
        ("sign_in", lambda: sign_in_dialog(db, settings=state, parent=window)),
        ("change_password", lambda: ChangePasswordDialog(db, forced=True, parent=window)),
        ("users", lambda: UsersDialog(db, parent=window)),
        ("add_user", lambda: AddUserDialog(db, parent=window)),
        ("roles", lambda: RolesDialog(db, parent=window)),
    ]
    from desktop_app.ui.card_editor import HouseholdCardDialog
    from desktop_app.ui.conflicts_dialog import ConflictsDialog
    from desktop_app.ui.exchange_dialogs import ExportDialog, ImportDialog
    from desktop_app.ui.print_preview import PrintPreviewDialog, render_document

    dialogs += [
        ("household_card", lambda: HouseholdCardDialog(db, household, parent=window)),
        ("new_household_card", lambda: HouseholdCardDialog(db, None, village_id=village, parent=window)),
        ("print_preview", lambda: PrintPreviewDialog(render_document(db, "register", village_id=village), window)),
        ("export", lambda: ExportDialog(db, None, window)),
        ("import", lambda: ImportDialog(db, window)),
        ("conflicts", lambda: ConflictsDialog(db, parent=window)),
    ]
    for name, make in dialogs:
        dialog = make()
        record(name, dialog)
        dialog.close()
        dialog.deleteLater()
    window.tabs.setCurrentIndex(1)
    record("main_window_batches", window)
    print(json.dumps(result, ensure_ascii=False))
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
