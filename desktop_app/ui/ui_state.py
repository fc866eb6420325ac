"""Where the app keeps its window state (geometry, last selections, the last database), beside the user's data.

Shared by the start-up code (``ui.app``) and the main window, which remembers the database it switched to.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.config import data_dir


def ui_settings_path() -> Path:
    return data_dir() / "ui-state.ini"


def make_qsettings() -> QSettings:
    """Window geometry and last selections, kept beside the user's data (tests get their own folder)."""
    return QSettings(str(ui_settings_path()), QSettings.Format.IniFormat)


def remember_database(qsettings: QSettings, url: str) -> None:
    """Open this SQLite file next time when no --db is given (server URLs are not stored)."""
    if url.startswith("sqlite:///"):
        qsettings.setValue("last_database", url)


def sqlite_file_exists(url: str) -> bool:
    path = url.removeprefix("sqlite:///")
    return Path(path).is_file()
