"""Passwords in the app: the "new password twice" fields with the policy shown while typing, and the dialog
that changes one's own password (forced after an administrator set it: it cannot be skipped).

The policy is the accounts package's (``password_problem``): this module only shows its answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.services.accounts import change_password, password_problem
from desktop_app.ui.jobs import error_message

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #006400;"


def password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class NewPasswordFields(QWidget):
    """New password and its repetition; ``problem(name)`` is the reason it cannot be used, or None."""

    def __init__(
        self, parent: QWidget | None = None, *, name_of: QLineEdit | None = None, form: QFormLayout | None = None
    ) -> None:
        """``form``: add the rows to that form (aligned with its other fields) instead of one of its own."""
        super().__init__(parent)
        self._name_of = name_of
        self.name = ""
        if form is None:
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
        else:
            self.setVisible(False)  # an empty holder: the fields live in the caller's form
        owner = parent if parent is not None else self
        self.first = password_edit(owner, "new_password")
        self.second = password_edit(owner, "new_password_again")
        form.addRow(self.tr("New password"), self.first)
        form.addRow(self.tr("New password again"), self.second)
        self.hint = QLabel(owner)
        self.hint.setObjectName("password_hint")
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.first.textChanged.connect(self.update_hint)
        self.second.textChanged.connect(self.update_hint)
        if name_of is not None:
            name_of.textChanged.connect(self.update_hint)
        self.update_hint()

    def _name(self) -> str:
        return self._name_of.text().strip() if self._name_of is not None else self.name

    def problem(self) -> str | None:
        found = password_problem(self.first.text(), self._name())
        if found:
            return found
        if self.first.text() != self.second.text():
            return self.tr("The two passwords differ.")
        return None

    def update_hint(self) -> None:
        if not self.first.text():
            self.hint.setText(self.tr("At least 8 characters, not your name; a phrase is easier to remember."))
            self.hint.setStyleSheet("")
            return
        found = self.problem()
        if found is None:
            self.hint.setText(self.tr("The password can be used."))
            self.hint.setStyleSheet(OK_STYLE)
        else:
            self.hint.setText(found)
            self.hint.setStyleSheet(ERROR_STYLE)

    def password(self) -> str:
        return self.first.text()


class ChangePasswordDialog(QDialog):
    """Change one's own password. ``forced``: after sign-in with a password the administrator set; there is no
    way out but a new password (no Cancel, Esc and the close button do nothing)."""

    def __init__(self, db: Database, *, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.forced = forced
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        if forced:
            intro = QLabel(
                self.tr("Your password was set by the administrator. Choose your own password before you go on."),
                self,
            )
            intro.setObjectName("forced_intro")
            intro.setWordWrap(True)
            layout.addWidget(intro)
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        form = QFormLayout()
        self.old = password_edit(self, "old_password")
        form.addRow(self.tr("Current password"), self.old)
        layout.addLayout(form)
        self.fields = NewPasswordFields(self)
        self.fields.name = db.identity.name
        layout.addWidget(self.fields)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok if forced else standard.Ok | standard.Cancel, self)
        self.ok_button = self.buttons.button(standard.Ok)
        self.ok_button.setText(self.tr("Change password"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        problem = self.fields.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            change_password(self._db, self.old.text(), self.fields.password())
        except Exception as exc:  # a wrong current password or a refusal: said, nothing changed
            self.message.setText(error_message(exc))
            self.old.selectAll()
            self.old.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        if not self.forced:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.forced and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.forced and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)
