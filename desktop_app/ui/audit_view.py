"""管理 → 审计日志: the audit chain's entries with filters, verification and export.

Listing and verifying run as background jobs (verifying a county database reads every change-log row); the
export asks for a file and is recorded as an entry of its own (``audit.export``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.services.audit import EntryView, Filters, VerifyReport, export_entries, list_entries, verify
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, JobContext, run_job, show_error
from desktop_app.ui.models.audit import AuditTableModel

LIMIT = 2000


class AuditDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.job: Job[list[EntryView]] | None = None
        self.verify_job: Job[VerifyReport] | None = None
        self.report: VerifyReport | None = None
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("User"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("Action (e.g. household.save)"))
        self.household = QLineEdit()
        self.household.setPlaceholderText(self.tr("Household number"))
        self.use_dates = QCheckBox(self.tr("Dates"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.apply_button = QPushButton(self.tr("Filter"))
        self.apply_button.clicked.connect(self.reload)
        for line in (self.user, self.action, self.household):
            line.returnPressed.connect(self.reload)
        for widget in (self.user, self.action, self.household, self.use_dates, self.since, self.until):
            filters.addWidget(widget)
        filters.addWidget(self.apply_button)
        layout.addLayout(filters)
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(AuditTableModel.COL_WHAT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.summary = QLabel(self.tr("Loading…"))
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self.verdict)
        buttons = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("Verify the chain"))
        self.verify_button.clicked.connect(self.start_verify)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    def filters(self) -> Filters:
        since = until = None
        if self.use_dates.isChecked():
            since, until = self.since.date().toPython(), self.until.date().toPython()
        assert since is None or isinstance(since, date)
        assert until is None or isinstance(until, date)
        return Filters(
            user=self.user.text().strip() or None,
            action=self.action.text().strip() or None,
            household=self.household.text().strip() or None,
            since=since,
            until=until,
        )

    def reload(self) -> None:
        db, chosen = self._db, self.filters()

        def load(_ctx: JobContext) -> list[EntryView]:
            return list_entries(
                db,
                user=chosen.user,
                action=chosen.action,
                household=chosen.household,
                since=chosen.since,
                until=chosen.until,
                limit=LIMIT,
            )

        self.summary.setText(self.tr("Loading…"))
        self.job = run_job(self, load, title=self.tr("Audit log"), on_done=self._show, on_error=self._failed)

    def _show(self, rows: list[EntryView]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("%n entries", "", len(rows)))

    def _failed(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self.summary.setText("")
        show_error(self, self.tr("Audit log"), exc)

    def start_verify(self) -> None:
        db = self._db
        self.verify_button.setEnabled(False)
        self.verdict.setText(self.tr("Verifying…"))

        self.verify_job = run_job(
            self,
            as_job(lambda progress: verify(db, progress=progress)),
            title=self.tr("Verify the chain"),
            on_done=self._verified,
            on_error=self._verify_failed,
            on_cancel=self._verify_cancelled,
        )

    def _verified(self, report: VerifyReport) -> None:
        self.report = report
        self.verify_button.setEnabled(True)
        color = "#1b5e20" if report.ok else "#b71c1c"
        self.verdict.setStyleSheet(f"color: {color}")
        self.verdict.setText("\n".join(report.lines()))

    def _verify_cancelled(self) -> None:
        self.verify_button.setEnabled(True)
        self.verdict.setText("")

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verdict.setText("")
        show_error(self, self.tr("Verify the chain"), exc)

    def export(self, path: str | None = None) -> int | None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export the audit log"), "审计日志.xlsx", self.tr("Excel workbook (*.xlsx)")
            )
        if not path:
            return None
        try:
            count = export_entries(self._db, path, self.filters())
        except Exception as exc:  # noqa: BLE001 — shown to the person (Chinese), nothing was written
            show_error(self, self.tr("Export the audit log"), exc)
            return None
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("Exported %n entries.", "", count))
        self.reload()
        return count


def open_audit_dialog(parent: QWidget | None, db: Database) -> AuditDialog:
    dialog = AuditDialog(db, parent)
    dialog.open()
    return dialog
