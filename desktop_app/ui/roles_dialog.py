"""Manage → Roles and permissions: the county's role table, actions (rows, grouped) × roles (checkboxes).

A tick is saved at once through ``set_permission`` (recorded in the audit chain); for a role without
``roles.edit`` the grid is read-only and says so. A refused edit is shown with the services' text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database, allowed
from desktop_app.ui.jobs import error_message
from desktop_app.ui.models.accounts import PermissionTableModel


class RolesDialog(QDialog):
    """The grid of the role table; ``model.editable`` follows the signed-in role's ``roles.edit``."""

    def __init__(self, db: Database, *, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refusal: QMessageBox | None = None
        self.setWindowTitle(self.tr("Roles and permissions"))
        self.resize(980, 620)
        layout = QVBoxLayout(self)
        editable = allowed(db, "roles.edit")
        self.note = QLabel(self)
        self.note.setObjectName("roles_note")
        self.note.setWordWrap(True)
        if editable:
            self.note.setText(
                self.tr("Tick what each role may do. Every change is saved at once and recorded in the audit log.")
            )
        else:
            self.note.setText(self.tr("Read only: only a role allowed to edit the role table can change it."))
        layout.addWidget(self.note)
        self.model = PermissionTableModel(db, editable=editable, lang=lang, parent=self)
        self.model.refused.connect(self._refused)
        self.table = QTableView(self)
        self.table.setObjectName("roles_table")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(self.tr("Close"), self)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)

    def _refused(self, exc: BaseException) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.windowTitle(), error_message(exc), QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.refusal = box
        box.open()
