"""Signing in: at start on a database with accounts, and for File → Switch user; and the administrator's
recovery path ("Forgot password": name + recovery code + new password, shows the new code).

The dialog does not know how a sign-in is done: it calls ``attempt(name, password)`` (the accounts use case
``sign_in`` on an open database), which raises ``SignInError`` with the message to show and, when the account
is slowed down or locked, the seconds to wait (the button stays disabled and counts down). The last name
that signed in on this machine is remembered in the UI state file; the password never is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.identity import Identity
from desktop_app.services.accounts import SignInError
from desktop_app.ui.jobs import error_message
from desktop_app.ui.password_dialog import ERROR_STYLE, NewPasswordFields, password_edit
from desktop_app.ui.recovery_code import RecoveryCodePanel

LAST_NAME_KEY = "accounts/last_name"

SignInAttempt = Callable[[str, str], Identity]
RecoverAttempt = Callable[[str, str, str], str]  # name, recovery code, new password -> the new recovery code


def last_name(settings: QSettings | None) -> str:
    value = settings.value(LAST_NAME_KEY) if settings is not None else None
    return str(value) if value else ""


def remember_name(settings: QSettings | None, name: str) -> None:
    if settings is not None:
        settings.setValue(LAST_NAME_KEY, name)
        settings.sync()


class SignInDialog(QDialog):
    """Name and password; Enter signs in, Esc cancels. ``identity`` is set when accepted."""

    def __init__(
        self,
        attempt: SignInAttempt,
        *,
        database: str,
        settings: QSettings | None = None,
        recover: RecoverAttempt | None = None,
        switching: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self._recover = recover
        self._settings = settings
        self.identity: Identity | None = None
        self.wait_left = 0
        self._base_message = ""
        self._database = database
        self.setWindowTitle(self.tr("Switch user") if switching else self.tr("Sign in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Database: %1").replace("%1", database), self)
        where.setObjectName("database")
        where.setWordWrap(True)
        layout.addWidget(where)
        form = QFormLayout()
        self.name = QLineEdit(last_name(settings), self)
        self.name.setObjectName("sign_in_name")
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("e.g. 王芳"))
        self.password = password_edit(self, "sign_in_password")
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        self.sign_in_button = self.buttons.button(standard.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        cancel = self.buttons.button(standard.Cancel)
        cancel.setText(self.tr("Cancel") if switching else self.tr("Quit"))
        self.forgot_button = QPushButton(self.tr("Forgot password…"), self)
        self.forgot_button.setObjectName("forgot_password")
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.setVisible(recover is not None)
        self.forgot_button.clicked.connect(self.forgot)
        self.buttons.addButton(self.forgot_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        (self.password if self.name.text() else self.name).setFocus()
        self.recover_dialog: RecoverDialog | None = None

    def accept(self) -> None:
        if self.wait_left > 0:
            return
        name, password = self.name.text().strip(), self.password.text()
        if not name or not password:
            self.message.setText(self.tr("Enter your name and password."))
            return
        try:
            self.identity = self._attempt(name, password)
        except SignInError as exc:
            self.password.clear()
            self.password.setFocus()
            self._refused(str(exc), exc.wait_seconds)
            return
        except Exception as exc:  # a database that cannot be read: said, the dialog stays
            self.password.clear()
            self._refused(error_message(exc), None)
            return
        remember_name(self._settings, self.identity.name or name)
        self.password.clear()
        super().accept()

    def _refused(self, text: str, wait: int | None) -> None:
        self._base_message = text
        self.wait_left = max(0, int(wait or 0))
        if self.wait_left:
            self.sign_in_button.setEnabled(False)
            self._timer.start()
        self._show_wait()

    def _show_wait(self) -> None:
        text = self._base_message
        if self.wait_left:
            text += "\n" + self.tr("You can try again in %1 seconds.").replace("%1", str(self.wait_left))
        self.message.setText(text)

    def _tick(self) -> None:
        self.wait_left = max(0, self.wait_left - 1)
        if self.wait_left == 0:
            self._timer.stop()
            self.sign_in_button.setEnabled(True)
        self._show_wait()

    def forgot(self) -> None:
        if self._recover is None:
            return
        dialog = RecoverDialog(self._recover, name=self.name.text().strip(), database=self._database, parent=self)
        self.recover_dialog = dialog
        dialog.accepted.connect(lambda: self._recovered(dialog.name.text().strip()))
        dialog.open()

    def _recovered(self, name: str) -> None:
        self.name.setText(name)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("The password was replaced: sign in with the new password."))
        self.message.setStyleSheet("color: #006400;")
        self.password.setFocus()


class RecoverDialog(QDialog):
    """The administrator's way back: name, the printed recovery code, a new password twice; then the new
    recovery code is shown once (the old one no longer works)."""

    def __init__(
        self, recover: RecoverAttempt, *, name: str = "", database: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._recover = recover
        self._database = database
        self.new_code = ""
        self.setWindowTitle(self.tr("Recover the administrator's access"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        first = QWidget(self)
        first_layout = QVBoxLayout(first)
        intro = QLabel(
            self.tr("Only an administrator can recover access, with the recovery code printed at set-up."), first
        )
        intro.setWordWrap(True)
        first_layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(name, first)
        self.name.setObjectName("recover_name")
        self.code = QLineEdit(first)
        self.code.setObjectName("recovery_code_input")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        form.addRow(self.tr("Administrator"), self.name)
        form.addRow(self.tr("Recovery code"), self.code)
        first_layout.addLayout(form)
        self.fields = NewPasswordFields(first, name_of=self.name)
        first_layout.addWidget(self.fields)
        self.message = QLabel(first)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        first_layout.addWidget(self.message)
        self.pages.addWidget(first)
        self.panel = RecoveryCodePanel(self)
        self.pages.addWidget(self.panel)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        self.ok_button = self.buttons.button(standard.Ok)
        self.ok_button.setText(self.tr("Replace the password"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.panel.acknowledged.connect(self._acknowledged)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.pages.currentWidget() is self.panel:
            if self.panel.tick.isChecked():
                super().accept()
            return
        problem = self.fields.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            self.new_code = self._recover(self.name.text().strip(), self.code.text().strip(), self.fields.password())
        except Exception as exc:  # a wrong code or name, or a refusal: said, nothing changed
            self.message.setText(error_message(exc))
            return
        self.panel.show_code(self.new_code, database=self._database, name=self.name.text().strip())
        self.pages.setCurrentWidget(self.panel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(False)
        self.ok_button.setText(self.tr("Continue"))
        self.ok_button.setEnabled(False)

    def _acknowledged(self, ticked: bool) -> None:
        self.ok_button.setEnabled(ticked)

    def reject(self) -> None:
        if self.pages.currentWidget() is not self.panel:  # the new code must be acknowledged once shown
            super().reject()
