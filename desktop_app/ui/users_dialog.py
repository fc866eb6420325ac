"""Manage → Users (county administrator): the accounts of this database; add one, reset a password,
disable or enable. Every refusal of the services (a name taken, a weak password, the last administrator,
a role that may not manage users) is shown in a message box with its text, and nothing changes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.services.accounts import ROLE_KEYS, add_user, reset_password, role_label, set_disabled
from desktop_app.services.areas import area_tree
from desktop_app.ui.jobs import error_message
from desktop_app.ui.models.accounts import UsersTableModel
from desktop_app.ui.password_dialog import ERROR_STYLE, NewPasswordFields


def _refused(parent: QWidget, title: str, exc: BaseException) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_message(exc), QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class AddUserDialog(QDialog):
    """Name, role, unit, the area the account is bound to, and the initial password (changed at first sign-in)."""

    added = Signal(str)  # the name of the account added

    def __init__(self, db: Database, *, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.refusal: QMessageBox | None = None
        self.setWindowTitle(self.tr("Add user"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("user_name")
        self.name.setMaxLength(40)
        self.role = QComboBox(self)
        self.role.setObjectName("user_role")
        label_lang = "en" if lang == "en" else "zh"
        for key in ROLE_KEYS:
            self.role.addItem(role_label(key, label_lang), key)
        self.unit = QLineEdit(self)
        self.unit.setObjectName("user_unit")
        self.unit.setMaxLength(60)
        self.area = QComboBox(self)
        self.area.setObjectName("user_area")
        self.area.addItem(self.tr("Whole database"), None)
        for root in area_tree(db):
            for node in root.walk():
                if node.level in ("county", "township", "village"):
                    self.area.addItem(f"{node.name}（{node.code}）", node.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Area"), self.area)
        self.passwords = NewPasswordFields(self, name_of=self.name, form=form)
        layout.addLayout(form)
        note = QLabel(self.tr("The user changes this password at the first sign-in."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        self.buttons.button(standard.Ok).setText(self.tr("Add user"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def choose_role(self, key: str) -> None:
        self.role.setCurrentIndex(self.role.findData(key))

    def choose_area(self, code: str | None) -> None:
        self.area.setCurrentIndex(max(0, self.area.findData(code)))

    def accept(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            add_user(
                self._db,
                " ".join(self.name.text().split()),
                str(self.role.currentData()),
                password=self.passwords.password(),
                unit=" ".join(self.unit.text().split()),
                area_code=self.area.currentData(),
            )
        except Exception as exc:  # the services' refusal: shown as it is, nothing added
            self.refusal = _refused(self, self.windowTitle(), exc)
            return
        self.added.emit(" ".join(self.name.text().split()))
        super().accept()


class ResetPasswordDialog(QDialog):
    """A new password for another user (they must change it at their next sign-in; a lock is lifted)."""

    def __init__(self, db: Database, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.user = name
        self.refusal: QMessageBox | None = None
        self.setWindowTitle(self.tr("Reset the password of %1").replace("%1", name))
        layout = QVBoxLayout(self)
        self.passwords = NewPasswordFields(self)
        self.passwords.name = name
        layout.addWidget(self.passwords)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        self.buttons.button(standard.Ok).setText(self.tr("Reset password"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            reset_password(self._db, self.user, self.passwords.password())
        except Exception as exc:
            self.refusal = _refused(self, self.windowTitle(), exc)
            return
        super().accept()


class UsersDialog(QDialog):
    """The table of accounts with Add, Reset password and Disable/Enable."""

    def __init__(self, db: Database, *, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self.refusal: QMessageBox | None = None
        self.child_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Users"))
        self.resize(900, 460)
        layout = QVBoxLayout(self)
        self.model = UsersTableModel(db, lang=lang, parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("users_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add user…"), self)
        self.reset_button = QPushButton(self.tr("Reset password…"), self)
        self.disable_button = QPushButton(self.tr("Disable"), self)
        for button in (self.add_button, self.reset_button, self.disable_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add)
        self.reset_button.clicked.connect(self.reset)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def select_user(self, name: str) -> bool:
        for row, account in enumerate(self.model.rows):
            if account.name == name:
                self.table.selectRow(row)
                return True
        return False

    def current_name(self) -> str | None:
        account = self.model.account(self.table.currentIndex().row())
        return account.name if account else None

    def _update_buttons(self) -> None:
        account = self.model.account(self.table.currentIndex().row())
        self.reset_button.setEnabled(account is not None)
        self.disable_button.setEnabled(account is not None)
        self.disable_button.setText(self.tr("Enable") if account and account.disabled else self.tr("Disable"))

    def _reload(self, keep: str | None) -> None:
        self.model.reload()
        self.table.resizeColumnsToContents()
        if keep:
            self.select_user(keep)
        self._update_buttons()

    def add(self) -> AddUserDialog:
        dialog = AddUserDialog(self._db, lang=self._lang, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._reload)
        self.child_dialog = dialog
        dialog.open()
        return dialog

    def reset(self) -> ResetPasswordDialog | None:
        name = self.current_name()
        if name is None:
            return None
        dialog = ResetPasswordDialog(self._db, name, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._reload(name))
        self.child_dialog = dialog
        dialog.open()
        return dialog

    def toggle_disabled(self) -> None:
        account = self.model.account(self.table.currentIndex().row())
        if account is None:
            return
        try:
            set_disabled(self._db, account.name, not account.disabled)
        except Exception as exc:  # e.g. the last administrator, or oneself
            self.refusal = _refused(self, self.windowTitle(), exc)
            return
        self._reload(account.name)
