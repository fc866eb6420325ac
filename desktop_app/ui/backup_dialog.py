"""Backups in the app: 文件 → 备份设置… (folder, rotation counts, warning, "back up now"), the stale-backup
banner of the main window, and the automatic backups at the first start of a day and on close.

Everything goes through ``services.backups``: the dialog and the hooks only choose when and show the result.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database, Progress
from desktop_app.services.backups import (
    BackupResult,
    backup_settings,
    backup_status,
    create_backup,
    daily_backup_if_due,
    save_backup_settings,
)
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, error_message, run_job

log = logging.getLogger(__name__)

COUNT_KEYS = (
    ("backup.keep_daily", "Daily backups kept (days)"),
    ("backup.keep_weekly", "Weekly backups kept (weeks)"),
    ("backup.keep_monthly", "Monthly backups kept (months)"),
    ("backup.keep_before_days", "Backups before an import, merge or restore kept (days)"),
    ("backup.warn_days", "Warn when the newest backup is older than (days, 0: never)"),
)


class BackupDialog(QDialog):
    """The backup folder (a USB stick), the county's rotation and warning, and a backup made now."""

    backedUp = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job[Any] | None = None
        self.result_text = ""
        self.setWindowTitle(self.tr("Backup settings"))
        self.setObjectName("backup_dialog")
        values = backup_settings(db)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.folder = QLineEdit(values["backup_folder"], self)
        self.folder.setObjectName("backup_folder")
        self.folder.setPlaceholderText(self.tr("Empty: the backups folder beside the database file"))
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow(self.tr("Backup folder"), row)
        self.counts: dict[str, QSpinBox] = {}
        for key, label in COUNT_KEYS:
            spin = QSpinBox(self)
            spin.setRange(0, 999)
            spin.setValue(int(values[key]) if values[key].isdigit() else 0)
            spin.setObjectName(key)
            self.counts[key] = spin
            form.addRow(self.tr(label), spin)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self)
        self.backup_button = buttons.addButton(self.tr("Back up now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.setObjectName("backup_now")
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        layout.addWidget(buttons)
        self._show_newest()

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the backup folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _show_newest(self) -> None:
        status = backup_status(self.db)
        if status.newest is None:
            self.status.setText(
                self.tr("No backup of this database yet (folder: %1).").replace("%1", str(status.folder.path))
            )
        else:
            self.status.setText(
                self.tr("Newest backup: %1 (folder: %2).")
                .replace("%1", f"{status.newest.created:%Y-%m-%d %H:%M}")
                .replace("%2", str(status.folder.path))
            )

    def values(self) -> dict[str, str]:
        return {"backup_folder": self.folder.text().strip(), **{k: str(s.value()) for k, s in self.counts.items()}}

    def save(self) -> bool:
        try:
            save_backup_settings(self.db, self.values())
        except Exception as exc:  # a folder that does not exist, a refused role: said here, nothing stored
            self.status.setText(error_message(exc))
            return False
        self.status.setText(self.tr("Backup settings saved."))
        self.accept()
        return True

    def back_up_now(self) -> Job[Any]:
        db = self.db

        def work(progress: Progress) -> BackupResult:
            return create_backup(db, "manual", progress=progress)

        self.backup_button.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))
        self.job = run_job(self, as_job(work), title=self.tr("Backing up"), on_done=self._done, on_error=self._failed)
        return self.job

    def _done(self, result: BackupResult) -> None:
        self.backup_button.setEnabled(True)
        self.result_text = result.message
        self.status.setText(result.message)
        self.backedUp.emit()

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.result_text = error_message(exc)
        self.status.setText(self.result_text)


class BackupWarning(QWidget):
    """The main window's banner when the newest backup is older than the county allows, with 立即备份."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("backup_warning")
        self.label = QLabel(self)
        self.label.setObjectName("backup_warning_text")
        self.label.setStyleSheet("color: #b00020;")
        self.button = QPushButton(self.tr("Back up now"), self)
        self.button.setObjectName("backup_warning_button")
        self.button.clicked.connect(self.back_up_now)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.job: Job[Any] | None = None
        self.refresh()

    def set_database(self, db: Database) -> None:
        self.db = db
        self.refresh()

    def refresh(self) -> None:
        try:
            status = backup_status(self.db)
        except Exception:  # a server without a backup folder of its own, a closed database: no banner
            log.debug("backup status unavailable", exc_info=True)
            self.setVisible(False)
            return
        if self.db.sqlite_path is None or not status.stale:
            self.setVisible(False)
            return
        self.label.setText(self.tr("Back up soon: %1").replace("%1", status.message))
        self.setVisible(True)

    def back_up_now(self) -> Job[Any]:
        db = self.db

        def work(progress: Progress) -> BackupResult:
            return create_backup(db, "manual", progress=progress)

        self.button.setEnabled(False)
        self.job = run_job(self, as_job(work), title=self.tr("Backing up"), on_done=self._done, on_error=self._failed)
        return self.job

    def _done(self, result: BackupResult) -> None:
        self.button.setEnabled(True)
        self.refresh()
        self._tell(result.message)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self._tell(error_message(exc))

    def _tell(self, text: str) -> None:
        window = self.window()
        status_bar = getattr(window, "statusBar", None)
        if status_bar is not None:
            status_bar().showMessage(text, 15000)


def start_of_day(window: Any) -> Job[Any] | None:
    """The first start of a day backs the database up in the background (the app's start calls it)."""
    db: Database = window.db
    if db.sqlite_path is None:
        return None

    def work(_progress: Progress) -> BackupResult | None:
        return daily_backup_if_due(db)

    def done(result: BackupResult | None) -> None:
        if result is not None:
            window.statusBar().showMessage(result.message, 15000)
        refresh = getattr(getattr(window, "backup_warning", None), "refresh", None)
        if refresh is not None:
            refresh()

    def failed(exc: BaseException) -> None:
        window.statusBar().showMessage(error_message(exc), 30000)

    return run_job(
        window,
        as_job(work),
        title=QCoreApplication.translate("BackupWarning", "Backing up"),
        on_done=done,
        on_error=failed,
        show_after_ms=3000,
    )


def on_close(db: Database) -> str:
    """The backup when the app closes (after its window is gone); returns what happened, for the log."""
    if db.sqlite_path is None:
        return ""
    try:
        return create_backup(db, "close").message
    except Exception as exc:  # a full or unplugged disk must not stop the app from closing
        log.warning("backup on close failed: %s", error_message(exc))
        return error_message(exc)
