"""The About dialog: version, where the data is, and the licences of the program and what it ships."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.assets import asset_dir

# The libraries the program is built on (what a county's IT staff asks about), with the licence to show
# when the installed metadata says nothing (a frozen bundle may not carry it).
_COMPONENTS = (
    ("PySide6-Essentials", "Qt for Python", "LGPL-3.0"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("sqlmodel", "SQLModel", "MIT"),
    ("alembic", "Alembic", "MIT"),
    ("reportlab", "ReportLab", "BSD-3-Clause"),
    ("openpyxl", "openpyxl", "MIT"),
    ("XlsxWriter", "XlsxWriter", "BSD-2-Clause"),
    ("python-calamine", "python-calamine", "MIT"),
    ("pypinyin", "pypinyin", "MIT"),
    ("psycopg", "psycopg", "LGPL-3.0"),
    ("defusedxml", "defusedxml", "PSF-2.0"),
    ("platformdirs", "platformdirs", "MIT"),
)
_FONTS = (
    ("文泉驿微米黑 WenQuanYi Micro Hei", "Apache-2.0 / GPL-3.0+ (font exception)", "LICENSE-wqy-microhei.txt"),
    ("Droid Sans Fallback", "Apache-2.0", "LICENSE-droid-sans-fallback.txt"),
)


def component_lines() -> list[str]:
    """One line per library: name, installed version and licence."""
    lines = []
    for dist, name, fallback in _COMPONENTS:
        try:
            meta = metadata.metadata(dist)
            version = meta["Version"] or ""
            licence = meta["License-Expression"] or fallback
        except metadata.PackageNotFoundError:
            version, licence = "", fallback
        lines.append(f"{name} {version} — {licence}".replace("  ", " "))
    return lines


def licence_text() -> str:
    """The text shown in the licences box: the program, the libraries, the fonts with their licence files."""
    parts = ["Fupin Desk — Apache-2.0", ""]
    parts.extend(component_lines())
    parts.append("")
    fonts = asset_dir("resources") / "fonts"
    for name, licence, file in _FONTS:
        parts.append(f"{name} — {licence}")
        path = fonts / file
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8", errors="replace").strip())
        parts.append("")
    return "\n".join(parts).strip() + "\n"


class AboutDialog(QDialog):
    def __init__(self, *, database: str, data_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About Fupin Desk"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Fupin Desk — household files and cards for targeted poverty alleviation"), self)
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(title)
        form = QFormLayout()
        self.version = QLabel(__version__, self)
        self.version.setObjectName("about_version")
        self.database = QLabel(database, self)
        self.database.setObjectName("about_database")
        self.folder = QLabel(data_folder, self)
        self.folder.setObjectName("about_data_folder")
        for label in (self.version, self.database, self.folder):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        form.addRow(self.tr("Version"), self.version)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("Data folder"), self.folder)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Licences"), self))
        self.licences = QPlainTextEdit(licence_text(), self)
        self.licences.setObjectName("about_licences")
        self.licences.setReadOnly(True)
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 520)
