"""The settings page: one form rendered from the declarations in ``desktop_app.domain.settings``.

A new setting needs no code here: its type picks the editor (line, list, folder), its group the tab, its
labels come from the declaration in the UI language. Saving goes through ``services.settings.save_settings``,
which refuses a bad value with a message naming the setting and writes nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config import Settings, load_settings
from desktop_app.domain import settings as decl
from desktop_app.domain.errors import DomainError
from desktop_app.domain.identity import Identity
from desktop_app.services import Database
from desktop_app.services import settings as settings_service
from desktop_app.ui.i18n import current_language
from desktop_app.ui.jobs import show_error


def _lang() -> str:
    return "en" if current_language() == "en" else "zh"


class SettingsDialog(QDialog):
    """``editors[key]`` is the widget of each declared setting; ``saved_identity`` is set when accepted."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self.settings: Settings = load_settings()
        self.language_changed = False
        self.saved_identity: Identity | None = None
        lang = _lang()
        self.values = settings_service.settings_values(db)
        self.editors: dict[str, QWidget] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings_tabs")
        forms: dict[str, QFormLayout] = {}
        for spec in decl.SETTINGS:
            group = spec.group(lang)
            if group not in forms:
                page = QWidget(self.tabs)
                forms[group] = QFormLayout(page)
                self.tabs.addTab(page, group)
            editor = self._editor(spec, lang)
            editor.setObjectName(spec.key)
            editor.setToolTip(spec.hint(lang))
            self.editors[spec.key] = editor
            label = spec.label(lang) + (" *" if spec.required else "")
            forms[group].addRow(label, self._with_browse(spec, editor))
            if spec.hint(lang):
                hint = QLabel(spec.hint(lang), self)
                hint.setWordWrap(True)
                hint.setStyleSheet("color: palette(mid);")
                forms[group].addRow("", hint)
        files = forms[decl.BY_KEY["export_folder"].group(lang)]
        device = QLabel(self.settings.device_id, self)
        device.setToolTip(self.tr("Identifies this computer when data from several laptops is merged"))
        files.addRow(self.tr("Device ID"), device)
        where = QLabel(self.tr("County settings are saved in the database: %1").replace("%1", db.describe()), self)
        where.setWordWrap(True)
        forms[decl.BY_KEY["checklist.looks"].group(lang)].addRow(where)
        self.message = QLabel(self)
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _editor(self, spec: decl.SettingSpec, lang: str) -> QWidget:
        value = self.values.get(spec.key, spec.default)
        if spec.type == "choice":
            box = QComboBox(self)
            for code, label in settings_service.choices(spec, lang):
                box.addItem(label, code)
            found = box.findData(value)
            if found < 0:  # a county file gone from this laptop: say so instead of showing another choice
                box.addItem(self.tr("%1 (file not found)").replace("%1", value), value)
                found = box.count() - 1
            box.setCurrentIndex(found)
            return box
        edit = QLineEdit(value, self)
        edit.setMaxLength(spec.max_length)
        if spec.type == "template":
            edit.setPlaceholderText(spec.default)
        return edit

    def _with_browse(self, spec: decl.SettingSpec, editor: QWidget) -> QWidget:
        if spec.type != "folder":
            return editor
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(editor, 1)
        browse = QPushButton(self.tr("Browse…"), row)
        browse.setObjectName(f"{spec.key}_browse")
        browse.clicked.connect(lambda: self._browse(editor))
        layout.addWidget(browse)
        return row

    def _browse(self, editor: QWidget) -> None:
        assert isinstance(editor, QLineEdit)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), editor.text())
        if folder:
            editor.setText(folder)

    def value_of(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            return str(editor.currentData() or "")
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def changes(self) -> dict[str, str]:
        """The values that differ from what is stored (who is working is always checked)."""
        out = {key: self.value_of(key) for key in self.editors if self.value_of(key) != self.values.get(key)}
        for key in ("operator", "unit"):
            out.setdefault(key, self.value_of(key))
        return out

    def accept(self) -> None:
        changes = self.changes()
        try:
            self.settings = settings_service.save_settings(self._db, changes)
        except DomainError as exc:
            self.message.setText(exc.message(_lang()))
            for spec in decl.SETTINGS:  # show the tab of the refused setting
                if spec.zh in exc.message_zh or spec.en in exc.message_en:
                    editor = self.editors[spec.key]
                    pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
                    self.tabs.setCurrentIndex(
                        next(i for i, p in enumerate(pages) if p is not None and p.isAncestorOf(editor))
                    )
                    editor.setFocus()
                    break
            return
        except Exception as exc:  # the database refused: nothing was saved
            show_error(self, self.tr("Settings"), exc)
            return
        self.language_changed = "language" in changes
        self.saved_identity = self.settings.identity
        super().accept()
