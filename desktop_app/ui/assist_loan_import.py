"""导入银行还款流水: a bank's repayment statement, checked first, imported only when the cadre agrees.

The cadre chooses the file and presses 预检 (check): ``preview_statement`` runs as a background job and the
report lists every row — to be imported, imported before, repeated, unknown contract or ID (masked), invalid
with the reason — and nothing is written. 导入 (import) is enabled only after a check that found something to
import; it runs ``import_statement`` (one unit of work) and shows the same report. A file that cannot be read
shows the Chinese error and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.money import format_yuan
from desktop_app.services import Database
from desktop_app.services.assistance import StatementLine, StatementReport, import_statement, preview_statement
from desktop_app.ui.jobs import Job, JobContext, error_message, run_job, show_error


class StatementImportDialog(QDialog):
    """Check a statement, then import it; ``imported`` carries the report of the import."""

    imported = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.job: Job[StatementReport] | None = None
        self.checked: StatementReport | None = None  # the pre-flight of the file in the box
        self.report: StatementReport | None = None
        self.setWindowTitle(self.tr("Import a bank repayment statement"))
        self.resize(1000, 600)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("An .xlsx, .xls, .ods or .csv file with a contract or ID column"))
        self.path.textChanged.connect(lambda _t: self._forget())
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(lambda _c=False: self.choose())
        row.addWidget(QLabel(self.tr("File")))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Check the file first: every row is listed with what would become of it and nothing is written. "
                "Rows imported before are never added twice."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.summary = QLabel()
        self.summary.setObjectName("statement_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("statement_report")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Result"),
                self.tr("Row"),
                self.tr("Contract"),
                self.tr("ID number"),
                self.tr("Household number"),
                self.tr("Date"),
                self.tr("Principal / interest (yuan)"),
                self.tr("Message"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("statement_check")
        self.check_button.clicked.connect(lambda _c=False: self.check())
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("statement_import")
        self.import_button.clicked.connect(lambda _c=False: self.start())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (self.check_button, self.import_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._update()

    def _running(self) -> bool:
        return self.job is not None and not self.job.done

    def _update(self) -> None:
        has_file = bool(self.path.text().strip())
        self.check_button.setEnabled(has_file and not self._running())
        ready = self.checked is not None and bool(self.checked.added) and self.report is None
        self.import_button.setEnabled(ready and not self._running())

    def _forget(self) -> None:
        self.checked = self.report = None
        self._update()

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Bank repayment statement"), "", self.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv)")
        )
        if name:
            self.path.setText(name)

    def _run(self, write: bool) -> Job[StatementReport] | None:
        target = self.path.text().strip()
        if not target or self._running():
            return None
        db = self._db

        def work(ctx: JobContext) -> StatementReport:
            def progress(done: int, total: int, text: str) -> None:
                ctx.check_cancelled()
                ctx.progress(done, total, text)

            if write:
                return import_statement(db, target, progress=progress)
            return preview_statement(db, target, progress=progress)

        self.summary.setText(self.tr("Importing…") if write else self.tr("Checking…"))
        self.table.setRowCount(0)
        self.job = run_job(
            self,
            work,
            title=self.windowTitle(),
            on_done=self._done,
            on_error=self._failed,
            on_cancel=lambda: self.summary.setText(self.tr("Cancelled: nothing was imported.")),
        )
        self.job.finished.connect(self._update)
        self._update()
        return self.job

    def check(self, path: str | Path | None = None) -> Job[StatementReport] | None:
        """The pre-flight of ``path`` (or the chosen file); nothing is written."""
        if path is not None:
            self.path.setText(str(path))
        return self._run(write=False)

    def start(self) -> Job[StatementReport] | None:
        """Import the checked file (only after a check that found rows to import)."""
        if self.checked is None or not self.checked.added:
            return None
        return self._run(write=True)

    def _done(self, report: StatementReport) -> None:
        if report.written:
            self.report = report
        else:
            self.checked = report
        added = self.tr("Imported") if report.written else self.tr("To import")
        groups: tuple[tuple[str, tuple[StatementLine, ...]], ...] = (
            (added, report.added),
            (self.tr("Imported before"), report.already_there),
            (self.tr("Repeated"), report.duplicates),
            (self.tr("Not on file"), report.unknown),
            (self.tr("Invalid"), report.invalid),
        )
        rows = [
            (
                label,
                str(x.row),
                x.contract,
                x.id_masked,
                x.household,
                x.paid_on.isoformat() if x.paid_on else "",
                f"{format_yuan(x.principal_fen)} / {format_yuan(x.interest_fen)}",
                x.message,
            )
            for label, lines in groups
            for x in lines
        ]
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c in (1, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        for column in range(7):
            self.table.resizeColumnToContents(column)
        text = (
            self.tr("%1: %2 rows, %3 matched to a loan; %4 repayments imported.")
            if report.written
            else self.tr("%1: %2 rows, %3 matched to a loan; %4 repayments would be imported. Nothing written yet.")
        )
        self.summary.setText(
            text.replace("%1", report.file)
            .replace("%2", str(report.rows))
            .replace("%3", str(report.matched))
            .replace("%4", str(len(report.added)))
        )
        if report.written:
            self.imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("Nothing was imported: %1").replace("%1", error_message(exc)))
        show_error(self, self.windowTitle(), exc)


__all__ = ["StatementImportDialog"]
