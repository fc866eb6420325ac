"""Starting the desktop app: Qt application, font, language, database, sign-in, main window, first-run offer.

``fupin`` with no command and ``fupin gui`` both land in ``run_from_cli``. ``--quit-after-ms N`` (hidden)
starts the window and quits after N ms with exit code 0: smoke tests and the installer check use it.
On a database with accounts the sign-in dialog comes before the window (Cancel quits); ``--user NAME`` with
the password in ``FUPIN_PASSWORD`` signs in without it (scripts, smoke tests).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import TYPE_CHECKING, cast

_STARTED = time.perf_counter()  # before Qt is imported: the start-up trace counts from here

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

from desktop_app.ui.ui_state import (  # noqa: E402
    make_qsettings,
    remember_database,
    sqlite_file_exists,
    ui_settings_path,
)

log = logging.getLogger(__name__)

ORGANIZATION = "FupinDesk"
APPLICATION = "Fupin Desk"

__all__ = [
    "APPLICATION",
    "ORGANIZATION",
    "create_application",
    "make_qsettings",
    "remember_database",
    "resolve_language",
    "run_from_cli",
    "ui_settings_path",
]


def create_application(lang: str, argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists) with the bundled font and the translators of ``lang``."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui import screen
    from desktop_app.ui.i18n import install_font, install_translators

    existing = QApplication.instance()
    if existing is None:
        app = QApplication([sys.argv[0] if sys.argv else "fupin", *(argv or [])])
    else:
        app = cast(QApplication, existing)  # the app only ever creates a QApplication (tests' qapp included)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    # No setApplicationDisplayName: Qt appends it to every window title, and the main window's title
    # already starts with the name ("Fupin Desk – … — Fupin Desk" was shown).
    install_font(app)
    install_translators(app, lang)
    screen.install(app)  # every window and dialog fits the screen; elided cells explain themselves
    return app


def resolve_language(requested: str | None) -> str:
    if requested in ("zh_CN", "en"):
        return requested
    from desktop_app.config import load_settings

    language = load_settings().language
    return language if language in ("zh_CN", "en") else "zh_CN"


def run_from_cli(args: argparse.Namespace) -> int:
    """Run the GUI with the CLI's options (--db, --lang, gui's --quit-after-ms and Qt arguments)."""
    from desktop_app import crash

    crash.install()  # faulthandler + excepthooks write to <data folder>/crash (docs/gui.md)
    lang = resolve_language(getattr(args, "lang", None))
    quit_after = getattr(args, "quit_after_ms", None)
    if quit_after is None and os.environ.get("FUPIN_QUIT_AFTER_MS"):
        quit_after = int(os.environ["FUPIN_QUIT_AFTER_MS"])
    app = create_application(lang, list(getattr(args, "qt_args", None) or []))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.services import DatabaseError, open_database
    from desktop_app.services.accounts import SignInError
    from desktop_app.ui.account_actions import sign_in_at_start
    from desktop_app.ui.backup_dialog import on_close, start_of_day
    from desktop_app.ui.jobs import wait_for_all
    from desktop_app.ui.main_window import MainWindow

    qsettings = make_qsettings()
    target = getattr(args, "db", None)
    if target is None:
        last = qsettings.value("last_database")
        if last and sqlite_file_exists(str(last)):  # only files: a server URL may hold a password
            target = str(last)
    from desktop_app.domain.errors import DomainError
    from desktop_app.services.encryption import is_encrypted

    user: str | None = None
    password: str | None = None
    if is_encrypted(target) and quit_after is None:  # the key is needed before anything can be read
        from desktop_app.ui.encryption_dialog import ask_unlock

        login = ask_unlock(None, str(target))
        if login is None:
            return 0
        user, password = login
    try:
        # an encrypted file is unlocked and signed in with the login asked above; otherwise the sign-in
        # dialog follows on a database with accounts
        db = open_database(target, user=user, password=password, require_login=False)
    except (DatabaseError, DomainError) as exc:  # DomainError: a wrong password of an encrypted file
        if quit_after is None:
            QMessageBox.critical(None, "Fupin Desk", str(exc))
        print(f"错误：{exc}", file=sys.stderr)
        return 3
    remember_database(qsettings, db.url)
    try:
        signed_in = sign_in_at_start(db, qsettings, user=getattr(args, "user", None), interactive=quit_after is None)
    except SignInError as exc:  # only without a dialog (--quit-after-ms): one line, exit 2 as the CLI's login
        db.close()
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BaseException:
        db.close()
        raise
    if not signed_in:  # cancelled: nothing opened beyond the file
        db.close()
        return 0
    try:
        window = MainWindow(db, lang=lang, settings=qsettings)
    except BaseException:
        db.close()
        raise
    try:
        window.show()
        if os.environ.get("FUPIN_STARTUP_TRACE"):
            app.processEvents()
            rows = window.model.rowCount()
            elapsed = (time.perf_counter() - _STARTED) * 1000
            print(f"fupin-startup usable_ms={elapsed:.0f} rows={rows} title={window.windowTitle()}", flush=True)
        QTimer.singleShot(0, lambda: setattr(window, "crash_report", crash.report_previous_crash(window)))
        if quit_after is None:
            QTimer.singleShot(0, window.greet)
            QTimer.singleShot(0, lambda: start_of_day(window))  # the first start of a day backs up
        if quit_after is not None:
            QTimer.singleShot(max(0, int(quit_after)), window.close)
            QTimer.singleShot(max(0, int(quit_after)), app.quit)
        code = int(app.exec())
        window.save_state()
        wait_for_all(30000)
        if quit_after is None:
            log.info("on close: %s", on_close(window.db))  # the backup on close (smoke runs make none)
        return code
    finally:
        window.db.close()  # the window may have switched to another database
