"""Merging another computer's database in the app: choose its file, merge in the background, read the result.

The merge runs as a job (progress, Cancel: a cancelled merge changes nothing, services.merge writes it in
one unit of work). The result line says what came in; when the merge found conflicts, "Resolve
conflicts…" opens the conflicts dialog on them.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database, Progress
from desktop_app.services.merge import DatabaseMerge, merge_database
from desktop_app.ui.conflicts_dialog import open_conflicts_dialog
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, run_job, show_error


class MergeDialog(QDialog):
    """Choose another computer's database file and merge it into this one."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job[DatabaseMerge] | None = None
        self.merged: DatabaseMerge | None = None
        self.changed = False
        self.setWindowTitle(self.tr("Merge another computer's database"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "Brings the work done on another computer (a copy of its database file) into this database. "
                "Edits made on both computers to the same field become conflicts for you to decide."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("The other computer's database file (.sqlite)"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.conflicts_button = buttons.addButton(self.tr("Resolve conflicts…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.ActionRole)
        self.conflicts_button.setVisible(False)
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.merge_button.clicked.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Merge another computer's database"), "", self.tr("Databases (*.sqlite *.db);;All files (*)")
        )
        if name:
            self.path.setText(name)

    def start(self) -> Job[DatabaseMerge] | None:
        other = self.path.text().strip()
        if not other:
            self.status.setText(self.tr("Choose the other computer's database file."))
            return None
        db = self.db

        def work(progress: Progress) -> DatabaseMerge:
            return merge_database(db, other, progress=progress)

        self.merge_button.setEnabled(False)
        self.conflicts_button.setVisible(False)
        self.status.setText(self.tr("Merging…"))
        self.job = run_job(
            self,
            as_job(work),
            title=self.tr("Merging"),
            on_done=self._merged,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )
        return self.job

    def _merged(self, result: DatabaseMerge) -> None:
        self.merged = result
        self.changed = result.changed
        self.merge_button.setEnabled(True)
        households = result.counts.get("household")
        members = result.counts.get("member")
        text = (
            self.tr("Merged %1. Households: %2 added, %3 updated. Members: %4 added, %5 updated.")
            .replace("%1", result.source)
            .replace("%2", str(households.added if households else 0))
            .replace("%3", str(households.updated if households else 0))
            .replace("%4", str(members.added if members else 0))
            .replace("%5", str(members.updated if members else 0))
        )
        if result.conflicts:
            text += " " + self.tr("%1 conflicts wait for your decision.").replace("%1", str(result.conflicts))
        elif not result.changed:
            text = self.tr("Merged %1: nothing new, this database already has all of it.").replace("%1", result.source)
        self.status.setText(text)
        self.conflicts_button.setVisible(bool(result.conflicts))

    def _failed(self, exc: BaseException) -> None:
        self.merge_button.setEnabled(True)
        self.status.setText(self.tr("Nothing was merged: this database was not changed."))
        show_error(self, self.tr("Merge another computer's database"), exc)

    def _cancelled(self) -> None:
        self.merge_button.setEnabled(True)
        self.status.setText(self.tr("Merge cancelled: this database was not changed."))

    def show_conflicts(self) -> None:
        """Every open conflict, those this merge found among them, in the conflicts dialog."""
        open_conflicts_dialog(self, self.db)

    def reject(self) -> None:
        if self.job is not None and not self.job.done:  # closing cancels the merge and waits for its rollback
            self.job.cancel()
            self.job.wait(120000)
        super().reject()


def open_merge_dialog(parent: QWidget | None, db: Database) -> bool:
    """Show the merge dialog modally; True when the merge changed this database (the caller refreshes)."""
    dialog = MergeDialog(db, parent)
    try:
        dialog.exec()
        return dialog.changed
    finally:
        dialog.deleteLater()
