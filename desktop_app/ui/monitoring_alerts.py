"""导入部门预警名单: a department's push list (.xlsx / .xls / .ods / .csv) becomes monitoring clues.

The cadre chooses the file and the date found (today by default); ``import_alerts`` runs as a background job
(progress with cancel) and the report lists every row: the new clues (head, number, department, reason, risks
as labels), and each row that made none — already monitored, repeated, invalid or unknown ID — with the ID
masked as the report gives it. Nothing is dropped silently. A file that cannot be read shows the Chinese error
and changes nothing (the import is one unit of work).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
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

from desktop_app.services import Database
from desktop_app.services.monitoring import AlertLine, AlertReport, import_alerts
from desktop_app.ui.jobs import Job, JobContext, error_message, run_job, show_error
from desktop_app.ui.procedure_forms import from_qdate, to_qdate


class AlertImportDialog(QDialog):
    """Choose a push list and a date found, import it, read the report. ``imported`` carries the report."""

    imported = Signal(object)

    def __init__(self, db: Database, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.today = today
        self.job: Job[AlertReport] | None = None
        self.report: AlertReport | None = None
        self.setWindowTitle(self.tr("Import a department alert list"))
        self.resize(1000, 600)  # fits a 1366×768 screen with the task bar
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("An .xlsx, .xls, .ods or .csv file with an ID column"))
        self.path.textChanged.connect(lambda _t: self._update())
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(lambda _c=False: self.choose())
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("File"), row)
        self.found = QDateEdit(to_qdate(today))
        self.found.setCalendarPopup(True)
        self.found.setDisplayFormat("yyyy-MM-dd")
        self.found.setMaximumDate(to_qdate(today))
        form.addRow(self.tr("Date found"), self.found)
        layout.addLayout(form)
        hint = QLabel(
            self.tr(
                "Each household found gets one clue (source: department alert). Households already monitored, "
                "repeated rows, invalid IDs and IDs of nobody on file are listed below; nothing is opened for them."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("alerts_summary")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("alerts_report")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Result"),
                self.tr("Row"),
                self.tr("Head"),
                self.tr("Household number"),
                self.tr("ID number"),
                self.tr("Department"),
                self.tr("Risks"),
                self.tr("Reason or message"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("alerts_import")
        self.import_button.clicked.connect(lambda _c=False: self.start())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._update()

    def _update(self) -> None:
        running = self.job is not None and not self.job.done
        self.import_button.setEnabled(bool(self.path.text().strip()) and not running)

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Department alert list"), "", self.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv)")
        )
        if name:
            self.path.setText(name)

    def start(self, path: str | Path | None = None) -> Job[AlertReport] | None:
        """Import ``path`` (or the chosen file) in the background; the report fills in when done."""
        if path is not None:
            self.path.setText(str(path))
        target = self.path.text().strip()
        if not target:
            return None
        db, found, today = self._db, from_qdate(self.found.date()), self.today

        def work(ctx: JobContext) -> AlertReport:
            def progress(done: int, total: int, text: str) -> None:
                ctx.check_cancelled()  # a cancel stops the import: the unit of work is rolled back
                ctx.progress(done, total, text)

            return import_alerts(db, target, found=found, today=today, progress=progress)

        self.summary.setText(self.tr("Importing…"))
        self.table.setRowCount(0)
        self.job = run_job(
            self,
            work,
            title=self.tr("Import a department alert list"),
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )
        self.job.finished.connect(self._update)
        self._update()
        return self.job

    # --- the report ---------------------------------------------------------------------------------
    def _done(self, report: AlertReport) -> None:
        self.report = report
        rows: list[tuple[str, ...]] = [
            (
                self.tr("New clue"),
                ", ".join(str(r) for r in c.rows),
                c.head_name,
                c.household_number,
                "",
                c.department,
                "、".join(c.risk_labels),
                c.reason,
            )
            for c in report.opened
        ]
        groups: tuple[tuple[str, tuple[AlertLine, ...]], ...] = (
            (self.tr("Already monitored"), report.already_monitored),
            (self.tr("Repeated"), report.duplicates),
            (self.tr("Invalid ID"), report.invalid),
            (self.tr("Not on file"), report.unknown),
        )
        for label, lines in groups:
            rows += [(label, str(x.row), "", x.household_number, x.id_masked, "", "", x.message) for x in lines]
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        for column in range(7):  # the reason or message stretches to the dialog's width
            self.table.resizeColumnToContents(column)
        self.summary.setText(
            self.tr(
                "%1: %2 rows read. %3 new clues, %4 already monitored, %5 repeated, %6 invalid IDs, %7 not on file."
            )
            .replace("%1", report.file)
            .replace("%2", str(report.rows))
            .replace("%3", str(len(report.opened)))
            .replace("%4", str(len(report.already_monitored)))
            .replace("%5", str(len(report.duplicates)))
            .replace("%6", str(len(report.invalid)))
            .replace("%7", str(len(report.unknown)))
        )
        self.imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("Nothing was imported: %1").replace("%1", error_message(exc)))
        show_error(self, self.tr("Import a department alert list"), exc)

    def _cancelled(self) -> None:
        self.summary.setText(self.tr("Cancelled: nothing was imported."))


__all__ = ["AlertImportDialog"]
