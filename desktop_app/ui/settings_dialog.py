"""Settings of this laptop: the UI language and the operator name written into every change."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop_app.config import Settings, load_settings


class SettingsDialog(QDialog):
    """Edits ``desktop_app.config.Settings``; a language change applies at the next start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings: Settings = load_settings()
        self.language_changed = False
        form = QFormLayout(self)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.language)))
        form.addRow(self.tr("Language"), self.language)
        self.operator = QLineEdit(self.settings.operator, self)
        self.operator.setObjectName("operator")
        self.operator.setPlaceholderText(self.tr("Your name, recorded with every change"))
        form.addRow(self.tr("Operator"), self.operator)
        note = QLabel(self.tr("A new language takes effect when the program is started again."), self)
        note.setWordWrap(True)
        form.addRow(note)
        device = QLabel(self.settings.device_id, self)
        device.setToolTip(self.tr("Identifies this computer when data from several laptops is merged"))
        form.addRow(self.tr("Device ID"), device)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        language = str(self.language.currentData())
        self.language_changed = language != self.settings.language
        self.settings.language = language
        self.settings.operator = self.operator.text().strip()
        self.settings.save()
        super().accept()
