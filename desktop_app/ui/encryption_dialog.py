"""文件 → 加密数据库… / 取消加密…, and the password asked when an encrypted database is opened.

The work is the encryption capability's (services.encryption); this module only asks for the
administrator's name and password, says what will happen, and hands the window the reopened database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.ui.jobs import show_error


class EncryptionDialog(QDialog):
    """Name and password of the administrator, for encrypting, decrypting or opening an encrypted file."""

    def __init__(self, mode: str, name: str = "", path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        titles = {
            "encrypt": self.tr("Encrypt database"),
            "decrypt": self.tr("Remove encryption"),
            "unlock": self.tr("Open encrypted database"),
        }
        texts = {
            "encrypt": self.tr(
                "The database file will be encrypted (SQLCipher, AES-256). It opens only with the password of an "
                "account that has been given access; the key file %1.keys must stay beside it. Keep a note of "
                "the administrator's password: without it nobody can read the data."
            ),
            "decrypt": self.tr(
                "The database file will be written back without encryption: anyone who gets the file can read "
                "it. An encrypted backup is kept beside it."
            ),
            "unlock": self.tr("%1 is encrypted. Sign in with your account to open it."),
        }
        self.setWindowTitle(titles[mode])
        self.setMinimumWidth(480)
        intro = QLabel(texts[mode].replace("%1", Path(path).name), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(name, self)
        self.name.setObjectName("encryption_name")
        self.password = QLineEdit(self)
        self.password.setObjectName("encryption_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Account:"), self.name)
        form.addRow(self.tr("Password:"), self.password)
        self.keep_plain = QCheckBox(self.tr("Keep the unencrypted original as a copy"), self)
        self.keep_plain.setObjectName("encryption_keep_plain")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if mode == "encrypt":
            layout.addWidget(self.keep_plain)
        layout.addWidget(buttons)
        (self.password if name else self.name).setFocus()


def ask_unlock(parent: QWidget | None, path: str, name: str = "") -> tuple[str, str] | None:
    """The account and password that open an encrypted file (None: the person cancelled)."""
    dialog = EncryptionDialog("unlock", name, path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name.text().strip(), dialog.password.text()


def encrypt_current(window: QWidget, db: Database) -> tuple[str, str] | None:
    """Encrypt the window's database; the (name, password) that reopen it, or None when nothing was done."""
    from desktop_app.services.encryption import WITHOUT_WRAP, encrypt_database, remove_plain_copies

    path = db.sqlite_path
    dialog = EncryptionDialog("encrypt", db.identity.name, str(path or ""), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name, password = dialog.name.text().strip(), dialog.password.text()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = encrypt_database(db, name, password, keep_plain=dialog.keep_plain.isChecked())
    except Exception as exc:  # a refusal or a failure: one clear message, the file unchanged
        QApplication.restoreOverrideCursor()
        show_error(window, dialog.windowTitle(), exc)
        return None
    QApplication.restoreOverrideCursor()
    lines = [window.tr("The database is encrypted. Keep %1.keys beside it and in every backup.")]
    lines[0] = lines[0].replace("%1", result.path.name)
    lines += [f"{account}：{WITHOUT_WRAP}" for account in result.accounts_without_wrap]
    if result.kept_plain is not None:
        lines.append(window.tr("The unencrypted original was kept as %1.").replace("%1", str(result.kept_plain)))
    QMessageBox.information(window, dialog.windowTitle(), "\n".join(lines))
    if result.plain_copies:
        listed = "\n".join(str(p) for p in result.plain_copies)
        answer = QMessageBox.question(
            window,
            dialog.windowTitle(),
            window.tr("These older copies are not encrypted:\n%1\nDelete them now?").replace("%1", listed),
        )
        if answer == QMessageBox.StandardButton.Yes:
            remove_plain_copies(result.plain_copies)
    return name, password


def decrypt_current(window: QWidget, db: Database) -> bool:
    """Remove the encryption of the window's database (True when done: reopen it without a password)."""
    from desktop_app.services.encryption import decrypt_database

    dialog = EncryptionDialog("decrypt", db.identity.name, str(db.sqlite_path or ""), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        decrypt_database(db, dialog.name.text().strip(), dialog.password.text())
    except Exception as exc:  # a wrong password or a failure: one clear message, the file unchanged
        QApplication.restoreOverrideCursor()
        show_error(window, dialog.windowTitle(), exc)
        return False
    QApplication.restoreOverrideCursor()
    return True
