"""文件 → 从备份恢复…: the backups of this database with their time, reason and counts; the chosen one is
checked, the current data backed up, then the files swapped (a background job); the window then reopens
the database on the restored data (``MainWindow.switch_database``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database, Progress
from desktop_app.services.backups import (
    BackupFile,
    RestoreResult,
    backup_folder,
    check_backup,
    list_backups,
    reason_label,
    restore_backup,
)
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, error_message, run_job

COLUMNS = ("Time", "Reason", "Households", "Members", "Size (MB)", "File")


class RestoreDialog(QDialog):
    """Lists the backups, confirms, restores as a job; ``restored`` is emitted with the result."""

    restored = Signal(object)

    def __init__(
        self, db: Database, parent: QWidget | None = None, on_restored: Callable[[], Any] | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.on_restored = on_restored
        self.job: Job[Any] | None = None
        self.confirm_box: QMessageBox | None = None
        self.outcome: RestoreResult | None = None
        self.backups: list[BackupFile] = []
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setObjectName("restore_dialog")
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        self.where = QLabel(self)
        layout.addWidget(self.where)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("restore_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.other_button = buttons.addButton(self.tr("Other file…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = buttons.addButton(self.tr("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._other_file)
        self.restore_button.clicked.connect(lambda: self.ask(self.selected()))
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        self.backups = list_backups(self.db, include_damaged=True)
        self.where.setText(self.tr("Backups in %1 (newest first):").replace("%1", str(backup_folder(self.db).path)))
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            cells = (
                f"{b.created:%Y-%m-%d %H:%M:%S}",
                reason_label(b.reason) if b.valid else self.tr("%1 (damaged)").replace("%1", reason_label(b.reason)),
                str(b.households),
                str(b.members),
                f"{b.size / 1e6:.1f}",
                b.path.name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not b.valid:  # listed so that the user sees it, but it cannot be chosen
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setToolTip(b.problem)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if not self.backups:
            self.status.setText(self.tr("There is no backup of this database in this folder."))

    def selected(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and self.job is None)

    def _other_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup file"), "", self.tr("Fupin Desk backup (fupin-*.sqlite);;All files (*)")
        )
        if path:
            self.ask(check_backup(self.db, Path(path)))

    def ask(self, backup: BackupFile | None) -> QMessageBox | None:
        """Check the chosen backup, then ask before replacing the current data."""
        if backup is None:
            return None
        checked = check_backup(self.db, backup.path)
        if not checked.valid:
            self.status.setText(
                self.tr("This backup cannot be restored: %1. Nothing was changed.").replace("%1", checked.problem)
            )
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore from a backup"),
            self.tr(
                "Replace the current data by the backup of %1 (%2 households)? The current data is backed up first."
            )
            .replace("%1", f"{checked.created:%Y-%m-%d %H:%M}")
            .replace("%2", str(checked.households)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: (
                self.restore(checked) if box.standardButton(button) == QMessageBox.StandardButton.Yes else None
            )
        )
        self.confirm_box = box
        box.open()
        return box

    def restore(self, backup: BackupFile) -> Job[Any]:
        db = self.db

        def work(progress: Progress) -> RestoreResult:
            return restore_backup(db, backup.path, progress=progress)

        self.restore_button.setEnabled(False)
        self.status.setText(self.tr("Restoring…"))
        self.job = run_job(
            self, as_job(work), title=self.tr("Restoring"), on_done=self._done, on_error=self._failed, cancellable=False
        )
        return self.job

    def _done(self, result: RestoreResult) -> None:
        self.job = None
        self.outcome = result
        self.status.setText(result.message)
        self.restored.emit(result)
        if self.on_restored is not None:
            self.on_restored()
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.status.setText(error_message(exc))
        self._selection_changed()
