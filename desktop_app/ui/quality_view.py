"""数据质量检查: the county's suspect-data rules over the database, findings listed per household with the rule,
the field and what to fix (filter by village and rule). A double-click opens the household's card; "豁免…"
accepts the selected finding with a reason (approved by the signed-in user); the exemption list is imported
and exported as .xlsx / .csv. The check runs as a background job with progress and cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database, Progress
from desktop_app.services.quality import (
    QualityFinding,
    check_database,
    exempt,
    export_exemptions,
    import_exemptions,
    quality_rules,
)
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, run_job, show_error
from desktop_app.ui.models.quality import COL_FIX, COL_MESSAGE, QualityFindingModel

# household id → the card dialog (or None when it cannot open)
OpenCard = Callable[[str], QDialog | None]


def _default_open_card(db: Database, parent: QWidget) -> OpenCard:
    def open_card(household_id: str) -> QDialog | None:
        from desktop_app.ui.card_editor import HouseholdCardDialog

        card = HouseholdCardDialog(db, household_id, parent=parent)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.open()
        return card

    return open_card


class QualityDialog(QDialog):
    """The findings on ``today`` (rules in force in its year); ``open_card`` opens a household's card."""

    reloaded = Signal()

    def __init__(
        self,
        db: Database,
        *,
        today: date,
        open_card: OpenCard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.today = today
        self._open_card = open_card or _default_open_card(db, self)
        self.job: Job[list[QualityFinding]] | None = None
        self.current_card: QDialog | None = None
        self.setWindowTitle(self.tr("Data-quality check"))
        self.resize(1200, 620)  # fits a 1366×768 screen with the task bar
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Village")))
        self.village = QComboBox()
        self.village.setObjectName("quality_village")
        self.village.addItem(self.tr("All villages"), "")
        self.village.currentIndexChanged.connect(lambda _i: self._filter())
        top.addWidget(self.village)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Rule")))
        self.rule = QComboBox()
        self.rule.setObjectName("quality_rule")
        self.rule.addItem(self.tr("All rules"), "")
        for r in quality_rules(db):
            if r.applies(today.year):
                self.rule.addItem(f"{r.id} {r.message}", r.id)
        self.rule.setMaximumWidth(360)
        self.rule.currentIndexChanged.connect(lambda _i: self._filter())
        top.addWidget(self.rule)
        self.include_exempt = QCheckBox(self.tr("Show exempted"))
        self.include_exempt.toggled.connect(lambda _c: self.reload())
        top.addWidget(self.include_exempt)
        top.addStretch(1)
        self.check_button = QPushButton(self.tr("Check again"))
        self.check_button.clicked.connect(lambda _c=False: self.reload())
        top.addWidget(self.check_button)
        layout.addLayout(top)

        self.model = QualityFindingModel(self)
        self.table = QTableView()
        self.table.setObjectName("quality_findings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((90, 150, 70, 50, 430, 130)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self.open_card(index.row()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        layout.addWidget(self.table, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        bottom = QHBoxLayout()
        self.exempt_button = QPushButton(self.tr("Exempt…"))
        self.exempt_button.setObjectName("quality_exempt")
        self.exempt_button.clicked.connect(lambda _c=False: self.exempt_selected())
        bottom.addWidget(self.exempt_button)
        import_button = QPushButton(self.tr("Import exemption list…"))
        import_button.clicked.connect(lambda _c=False: self.import_exemptions_file())
        bottom.addWidget(import_button)
        export_button = QPushButton(self.tr("Export exemption list…"))
        export_button.clicked.connect(lambda _c=False: self.export_exemptions_file())
        bottom.addWidget(export_button)
        bottom.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self._update()
        self.reload()

    # --- data ---------------------------------------------------------------------------------------
    def reload(self) -> Job[list[QualityFinding]]:
        """Run the rules in the background (progress with cancel); the table fills in when done."""
        db, today, include = self._db, self.today, self.include_exempt.isChecked()
        self.status.setText(self.tr("Running the data-quality rules…"))

        def load(progress: Progress) -> list[QualityFinding]:
            return check_database(db, today=today, include_exempt=include, progress=progress)

        self.job = run_job(
            self,
            as_job(load),
            title=self.tr("Data-quality check"),
            on_done=self._loaded,
            on_error=self._failed,
            on_cancel=lambda: self.status.setText(""),
        )
        return self.job

    def _loaded(self, findings: list[QualityFinding]) -> None:
        chosen = str(self.village.currentData() or "")
        villages = sorted({f.village_name for f in findings} | ({chosen} if chosen else set()))
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), "")
        for name in villages:
            self.village.addItem(name, name)
        self.village.setCurrentIndex(max(0, self.village.findData(chosen)))
        self.village.blockSignals(False)
        self.model.set_rows(findings)
        self._filter()
        self.reloaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, self.tr("Data-quality check"), exc)

    def _filter(self) -> None:
        self.model.set_filter(village=str(self.village.currentData() or ""), rule=str(self.rule.currentData() or ""))
        shown = self.model.rows
        self.status.setText(
            self.tr("%1 finding(s) in %2 household(s). Double-click a finding to open the household's card.")
            .replace("%1", str(len(shown)))
            .replace("%2", str(len({f.household_id for f in shown})))
            if shown
            else self.tr("No findings.")
        )
        self.table.setColumnWidth(COL_MESSAGE, 430)
        self.table.setColumnWidth(COL_FIX, 260)
        self._update()

    # --- the selected finding -----------------------------------------------------------------------
    def selected(self) -> QualityFinding | None:
        index = self.table.currentIndex()
        return self.model.finding_at(index.row()) if index.isValid() else None

    def _update(self) -> None:
        row = self.selected()
        self.exempt_button.setEnabled(row is not None and not row.exempted)

    def select_finding(self, rule_id: str, household_number: str) -> bool:
        for r, f in enumerate(self.model.rows):
            if f.rule_id == rule_id and f.household_number == household_number:
                self.table.selectRow(r)
                self.table.setCurrentIndex(self.model.index(r, 0))
                return True
        return False

    def open_card(self, row: int) -> QDialog | None:
        finding = self.model.finding_at(row)
        if finding is None:
            return None
        card = self._open_card(finding.household_id)
        if card is not None:
            card.finished.connect(lambda _r: self.reload())
            self.current_card = card
        return card

    def exempt_selected(self, reason: str | None = None) -> bool:
        """Exempt the selected finding; ``reason`` is asked for when not given. The list is read again."""
        finding = self.selected()
        if finding is None or finding.exempted:
            return False
        if reason is None:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Exempt a finding"),
                self.tr("Reason for accepting [%1] of %2 %3:")
                .replace("%1", finding.rule_id)
                .replace("%2", finding.household_number)
                .replace("%3", finding.head_name),
            )
            if not ok:
                return False
            reason = text
        try:
            exempt(
                self._db, rule_id=finding.rule_id, household_id=finding.household_id, reason=reason, today=self.today
            )
        except Exception as exc:  # refused (no reason, no permission): say why, nothing written
            show_error(self, self.tr("Exempt a finding"), exc)
            return False
        self.reload()
        return True

    def import_exemptions_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _f = QFileDialog.getOpenFileName(
                self, self.tr("Import exemption list"), "", self.tr("Exemption list (*.xlsx *.csv)")
            )
            if not path:
                return False
        try:
            new, updated = import_exemptions(self._db, path)
        except Exception as exc:  # a wrong row: every one named, nothing written
            show_error(self, self.tr("Import exemption list"), exc)
            return False
        QMessageBox.information(
            self,
            self.tr("Import exemption list"),
            self.tr("%1 new, %2 updated.").replace("%1", str(new)).replace("%2", str(updated)),
        )
        self.reload()
        return True

    def export_exemptions_file(self, path: str | None = None) -> int | None:
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, self.tr("Export exemption list"), "疑点豁免清单.xlsx", self.tr("Exemption list (*.xlsx *.csv)")
            )
            if not path:
                return None
        try:
            return export_exemptions(self._db, path)
        except Exception as exc:
            show_error(self, self.tr("Export exemption list"), exc)
            return None


__all__ = ["QualityDialog"]
