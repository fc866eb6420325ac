"""Excel exchange in the app: the export dialog and the import dialog with its validation preview.

Both run their work through ``run_job`` (progress, cancel). Export writes to a temporary file renamed only
when complete, so cancelling leaves no file. Import first checks the whole file (nothing written) and shows
every problem in a table; the user picks all-or-nothing or "households without errors only", may save the
report as a workbook with the bad cells marked, then imports in one transaction that a cancel rolls back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database, Progress
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, run_job, show_error

if TYPE_CHECKING:  # the exchange package is loaded when a dialog opens, not with the main window's menus
    from desktop_app.services.exchange import ImportOutcome, ImportPlan


class ExportDialog(QDialog):
    """Choose an area and a file; the export runs as a job with progress and cancel."""

    def __init__(self, db: Database, area_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job[Any] | None = None
        self.result_path: Path | None = None
        self.setWindowTitle(self.tr("Export to Excel"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.area = QComboBox(self)
        self.area.addItem(self.tr("All data in this database"), None)
        indent = {"county": "", "township": "  ", "village": "    "}
        from desktop_app.services.exchange import exportable_areas

        for area, code, name, level in exportable_areas(db):
            self.area.addItem(f"{indent.get(level, '')}{name}（{code}）", area)
            if area == area_id:
                self.area.setCurrentIndex(self.area.count() - 1)
        form.addRow(self.tr("Area:"), self.area)
        self.layout_choice = QComboBox(self)  # the exchange workbook, or a national layout (docs/layouts.md)
        self.layout_choice.setObjectName("export_layout")
        self.layout_choice.addItem(self.tr("Exchange workbook (all tables, imports back)"), "exchange")
        from desktop_app.services.exchange import all_layouts

        for item in all_layouts():
            self.layout_choice.addItem(item.title, item.name)
        form.addRow(self.tr("Layout:"), self.layout_choice)
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow(self.tr("File:"), row)
        self.protect = QCheckBox(self.tr("Protect the workbook with a password"), self)
        self.protect.setObjectName("export_protect")
        self.password = QLineEdit(self)
        self.password.setObjectName("export_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("at least 6 characters; Excel, WPS and LibreOffice ask for it"))
        self.password.setEnabled(False)
        self.protect.toggled.connect(self.password.setEnabled)
        # a national layout goes to a bank or the county's system: those cannot open an encrypted file
        self.layout_choice.currentIndexChanged.connect(
            lambda _i: self.protect.setEnabled(self.layout_choice.currentData() == "exchange")
        )
        form.addRow("", self.protect)
        form.addRow(self.tr("Password:"), self.password)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def browse(self) -> None:
        from desktop_app.services.settings import export_folder

        start = self.path.text() or export_folder()  # the default export folder of the settings
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), start, "Excel (*.xlsx)")
        if name:
            self.path.setText(name if name.lower().endswith(".xlsx") else name + ".xlsx")

    def start(self) -> None:
        target = self.path.text().strip()
        if not target:
            self.status.setText(self.tr("Choose the file to write."))
            return
        if not target.lower().endswith(".xlsx"):
            target += ".xlsx"
        area_id = self.area.currentData()
        db = self.db
        layout_name = self.layout_choice.currentData()
        password = self.password.text() if self.protect.isChecked() and layout_name == "exchange" else None

        def work(progress: Progress) -> tuple[str, dict[str, int]]:
            from desktop_app.services.exchange import export_layout_to_file, export_to_file

            if layout_name != "exchange":
                result = export_layout_to_file(db, target, layout_name, area_id=area_id, progress=progress)
                return str(result.path), result.counts
            result = export_to_file(db, target, area_id=area_id, progress=progress, password=password)
            return str(result.path), result.counts

        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self.job = run_job(
            self,
            as_job(work),
            title=self.tr("Exporting"),
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )

    def _done(self, result: tuple[str, dict[str, int]]) -> None:
        path, counts = result
        self.result_path = Path(path)
        self.export_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))  # nothing left to cancel once the file is written
        if "rows" in counts:  # a national layout: one row per person (or household, or person-month)
            self.status.setText(
                self.tr("Exported %1 households in %2 rows to %3.")
                .replace("%1", str(counts["households"]))
                .replace("%2", str(counts["rows"]))
                .replace("%3", path)
            )
            return
        self.status.setText(
            self.tr("Exported %1 households and %2 members to %3.")
            .replace("%1", str(counts["households"]))
            .replace("%2", str(counts["members"]))
            .replace("%3", path)
        )

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.status.setText("")
        show_error(self, self.tr("Export to Excel"), exc)

    def reject(self) -> None:
        _stop_job_before_closing(self.job)
        super().reject()

    def _cancelled(self) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Export cancelled: no file was written."))


class ImportDialog(QDialog):
    """Check a file, show every problem, then import all-or-nothing or only the households without errors."""

    COLUMNS = 5

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job[Any] | None = None
        self.plan: ImportPlan | None = None
        self.outcome: ImportOutcome | None = None
        self.path: Path | None = None
        self.workbook_password: str | None = None  # asked when the chosen workbook is password-protected
        self.areas_message = ""  # the areas a roster names that the database lacks (created once confirmed)
        self.areas_question: QMessageBox | None = None
        self.setWindowTitle(self.tr("Import from Excel"))
        self.resize(860, 560)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("No file chosen."), self)
        choose = QPushButton(self.tr("Choose file…"), self)
        choose.clicked.connect(self.choose)
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]
        )
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((90, 50, 120, 160)):
            self.table.setColumnWidth(column, width)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.all_or_nothing = QRadioButton(self.tr("All or nothing: import only when the file has no errors"), self)
        self.partial = QRadioButton(self.tr("Import the households without errors, skip the others"), self)
        self.all_or_nothing.setChecked(True)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.all_or_nothing)
        self.mode.addButton(self.partial)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = buttons.addButton(self.tr("Save report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save_report)
        self.import_button.clicked.connect(self.start_import)
        buttons.rejected.connect(self.reject)
        self.save_button.setEnabled(False)
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.all_or_nothing)
        layout.addWidget(self.partial)
        layout.addWidget(buttons)

    # --- checking -----------------------------------------------------------------------------------
    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import from Excel"), "", self.tr("Spreadsheets (*.xlsx *.xls *.csv)")
        )
        if name:
            self.check_file(name)

    def check_file(self, path: str | Path) -> Job[Any]:
        """Read and validate ``path`` in the background; the preview fills in when done."""
        self.path = Path(path)
        from desktop_app.services.exchange import is_protected

        self.workbook_password = None
        if is_protected(self.path):
            typed, ok = QInputDialog.getText(
                self,
                self.tr("Password-protected workbook"),
                self.tr("%1 is protected with a password. Password:").replace("%1", self.path.name),
                QLineEdit.EchoMode.Password,
            )
            self.workbook_password = typed if ok else None
        self.file_label.setText(str(self.path))
        self.summary.setText(self.tr("Checking the file…"))
        self.table.setRowCount(0)
        self.import_button.setEnabled(False)
        self.save_button.setEnabled(False)
        db, target, password = self.db, self.path, self.workbook_password

        def work(progress: Progress) -> ImportPlan:
            from desktop_app.services.exchange import check_file

            # checked as if the areas were agreed to: the preview shows the file's other problems, and
            # areas_to_create() the areas the import asks about (services.areas.planning)
            return check_file(db, target, progress=progress, password=password, create_areas=True)

        self.job = run_job(
            self,
            as_job(work),
            title=self.tr("Checking"),
            on_done=self._checked,
            on_error=self._failed,
            on_cancel=self._idle,
        )
        return self.job

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        problems = plan.report.sorted()
        self.table.setRowCount(len(problems))
        for r, p in enumerate(problems):
            for c, value in enumerate((p.sheet, "" if p.row is None else str(p.row), p.column, p.value, p.message)):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setToolTip(value)
                if c == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if problems:
            for column in range(4):  # the message column keeps stretching to the dialog's width
                self.table.resizeColumnToContents(column)
        kind = self.tr("exchange workbook") if plan.format == "exchange" else self.tr("county roster")
        text = (
            self.tr("%1: %2 households read, %3 problems.")
            .replace("%1", kind)
            .replace("%2", str(plan.household_count()))
            .replace("%3", str(len(problems)))
        )
        if problems and plan.report.blocking:
            text += " " + self.tr("Some problems concern the whole file: it cannot be imported until they are fixed.")
        elif problems:
            text += " " + self.tr("%1 households have errors.").replace("%1", str(len(plan.report.bad_households())))
        self.areas_message = plan.areas_to_create()
        if self.areas_message:
            text += " " + self.tr("The import will ask before it creates the areas the database lacks: %1").replace(
                "%1", self.areas_message
            )
        self.summary.setText(text)
        self.save_button.setEnabled(bool(problems))
        self.import_button.setEnabled(not plan.report.blocking)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        show_error(self, self.tr("Import from Excel"), exc)

    def _idle(self) -> None:
        self.summary.setText("")
        self.import_button.setEnabled(self.plan is not None and not self.plan.report.blocking)

    def save_report(self) -> None:
        if self.plan is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), "", "Excel (*.xlsx)")
        if name:
            self.write_report(name)

    def write_report(self, name: str | Path) -> None:
        from desktop_app.services.exchange import save_report_workbook

        if self.plan is None:
            return
        try:
            save_report_workbook(self.plan.report.problems, self.plan.book, name)
        except Exception as exc:  # noqa: BLE001 - shown to the user as one message
            show_error(self, self.tr("Save report"), exc)

    # --- importing ----------------------------------------------------------------------------------
    def start_import(self) -> Job[Any] | QMessageBox | None:
        if self.path is None:
            return None
        partial = self.partial.isChecked()
        if self.plan is not None and self.plan.report.problems and not partial:
            self.summary.setText(
                self.tr("The file has errors, so nothing is imported. Fix them, or choose to skip those households.")
            )
            return None
        if self.areas_message:
            return self.confirm_areas(partial)
        return self.run_import(partial, create_areas=False)

    def confirm_areas(self, partial: bool) -> QMessageBox:
        """Ask (non-modal) whether to create the missing areas; only Yes imports, with them."""
        text = self.areas_message + "\n\n" + self.tr("Create these areas and import the file?")
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("New areas"), text, buttons, self)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda b: self.run_import(partial, create_areas=True) if b is yes else None)
        self.areas_question = box
        box.open()
        return box

    def run_import(self, partial: bool, *, create_areas: bool) -> Job[Any] | None:
        if self.path is None:
            return None
        db, target, password = self.db, self.path, self.workbook_password

        def work(progress: Progress) -> ImportOutcome:
            from desktop_app.services.exchange import import_files

            # the file is read and checked again against the data as it is now, in the import's unit of work
            run = import_files(
                db, [target], partial=partial, progress=progress, password=password, create_areas=create_areas
            )
            return run.outcomes[0]

        self.import_button.setEnabled(False)
        self.job = run_job(
            self,
            as_job(work),
            title=self.tr("Importing"),
            on_done=self._imported,
            on_error=self._failed,
            on_cancel=self._undone,
        )
        return self.job

    def _imported(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        if not outcome.applied:
            self.summary.setText(self.tr("Nothing was imported: the file has errors."))
            return
        h, m = outcome.households, outcome.members
        text = (
            self.tr("Imported. Households: %1 added, %2 updated, %3 unchanged. Members: %4 added, %5 updated.")
            .replace("%1", str(h["added"]))
            .replace("%2", str(h["updated"]))
            .replace("%3", str(h["unchanged"]))
            .replace("%4", str(m["added"]))
            .replace("%5", str(m["updated"]))
        )
        if outcome.cases:  # a national layout's monitoring columns
            c = outcome.cases
            text += " " + self.tr("Monitoring cases: %1 added, %2 updated.").replace("%1", str(c["added"])).replace(
                "%2", str(c["updated"])
            )
        if outcome.skipped_households:
            text += " " + self.tr("Skipped %1 households with errors.").replace("%1", str(outcome.skipped_households))
        if outcome.relinked:
            text += " " + self.tr(
                "%1 households matched by the head's ID (their number in the file differs; the number here is kept)."
            ).replace("%1", str(len(outcome.relinked)))
        if outcome.conflicts:
            text += " " + self.tr("%1 conflicts wait for your decision (Exchange → Resolve conflicts).").replace(
                "%1", str(outcome.conflicts)
            )
        self.summary.setText(text)

    def reject(self) -> None:
        _stop_job_before_closing(self.job)
        super().reject()

    def _undone(self) -> None:
        self.summary.setText(self.tr("Import cancelled: the database was not changed."))
        self.import_button.setEnabled(True)


def _stop_job_before_closing(job: Job[Any] | None) -> None:
    """Closing a dialog whose job still runs cancels the job and waits for it (an import rolls back), so no
    job outlives the dialog it reports to."""
    if job is not None and not job.done:
        job.cancel()
        job.wait(120000)


def _run_and_delete(dialog: QDialog) -> None:
    """Show modally, then free the dialog: a closed import dialog kept its whole checked workbook (the plan)
    as a hidden child of the main window until the app closed."""
    try:
        dialog.exec()
    finally:
        _stop_job_before_closing(getattr(dialog, "job", None))
        dialog.deleteLater()


def open_export_dialog(parent: QWidget | None, db: Database, *, area_id: str | None) -> None:
    _run_and_delete(ExportDialog(db, area_id, parent))


def open_import_dialog(parent: QWidget | None, db: Database) -> None:
    _run_and_delete(ImportDialog(db, parent))
