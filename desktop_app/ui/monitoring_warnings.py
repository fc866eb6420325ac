"""预警名单: a village's early warnings, opened from the monitoring tab.

Two tabs: 收入预警 (households near or below the year's line and not monitored: head, number, per-capita income
of the latest record, the line and the band) and 八必访 (head, number, the reasons as labels, whether monitored
already), filtered by reason. "登记线索…" opens the monitoring tab's new-clue dialog for the selected household
with source 3 (干部排查走访); the lists follow once the clue is saved. Both lists are read as one background
job (progress with cancel), since a large village can take a moment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.services.monitoring import (
    VISIT_REASONS,
    IncomeWarning,
    MustVisit,
    income_warnings,
    list_lines,
    monitor_rules,
)
from desktop_app.services.monitoring import must_visit as must_visit_list
from desktop_app.ui.jobs import Job, JobContext, run_job, show_error
from desktop_app.ui.models.monitoring_warnings import IncomeWarningModel, MustVisitModel, reason_label

CADRE_VISIT = "3"  # monitor_source 3: 干部排查走访

# (household id, "head  number") → the new-clue dialog (or None when it cannot open)
OpenClue = Callable[[str, str], QDialog | None]


@dataclass(frozen=True)
class WarningLists:
    incomes: list[IncomeWarning]
    visits: list[MustVisit]
    factor: Decimal


def default_year(db: Database, village_code: str, today: date) -> int:
    """The latest year up to today's with a monitoring line for the village (today's year when none)."""
    years = [
        r.line.year for r in list_lines(db) if village_code.startswith(r.region_code) and r.line.year <= today.year
    ]
    return max(years, default=today.year)


def _table(model: IncomeWarningModel | MustVisitModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    width = table.fontMetrics().horizontalAdvance("5329990010010001") + 24
    for column in range(model.columnCount()):
        table.setColumnWidth(column, width if column != 0 else width * 2 // 3)
    return table


class WarningsDialog(QDialog):
    """The warnings of one village (``village_code``) as of ``today``; ``open_clue`` registers a clue."""

    reloaded = Signal()

    def __init__(
        self,
        db: Database,
        village_code: str,
        village_name: str,
        *,
        today: date,
        open_clue: OpenClue,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.village_code = village_code
        self.today = today
        self._open_clue = open_clue
        self.job: Job[WarningLists] | None = None
        self.current_clue: QDialog | None = None
        self.setWindowTitle(self.tr("Warning lists – %1").replace("%1", village_name))
        self.resize(1000, 580)  # fits a 1366×768 screen with the task bar
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Income year")))
        self.year = QSpinBox()
        self.year.setRange(2021, max(2021, today.year))
        self.year.setValue(default_year(db, village_code, today))
        self.year.valueChanged.connect(lambda _y: self.reload())
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Reason")))
        self.reason = QComboBox()
        self.reason.addItem(self.tr("All reasons"), "")
        for code in VISIT_REASONS:
            self.reason.addItem(reason_label(code), code)
        self.reason.currentIndexChanged.connect(lambda _i: self._filter())
        top.addWidget(self.reason)
        top.addStretch(1)
        self.clue_button = QPushButton(self.tr("Register clue…"))
        self.clue_button.setObjectName("warnings_register_clue")
        self.clue_button.clicked.connect(lambda _c=False: self.register_clue())
        top.addWidget(self.clue_button)
        layout.addLayout(top)

        self.income_model = IncomeWarningModel(self)
        self.visit_model = MustVisitModel(self)
        self.income_table = _table(self.income_model, "warnings_income")
        self.visit_table = _table(self.visit_model, "warnings_visits")
        self.visit_table.setColumnWidth(2, 420)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.income_table, self.tr("Income warnings"))
        self.tabs.addTab(self.visit_table, self.tr("Must-visit (八必访)"))
        self.tabs.currentChanged.connect(lambda _i: self._update())
        layout.addWidget(self.tabs, 1)
        for table in (self.income_table, self.visit_table):
            table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self._update()
        self.reload()

    # --- data ---------------------------------------------------------------------------------------
    def reload(self) -> Job[WarningLists]:
        """Read both lists in the background (progress with cancel); the tables fill in when done."""
        db, code, year, today = self._db, self.village_code, self.year.value(), self.today
        self.status.setText(self.tr("Reading the warning lists…"))

        def load(ctx: JobContext) -> WarningLists:
            ctx.progress(0, 2, "收入预警")
            factor = monitor_rules(db).warning_band_factor
            incomes = income_warnings(db, village_code=code, year=year)
            ctx.check_cancelled()
            ctx.progress(1, 2, "八必访")
            visits = must_visit_list(db, village_code=code, today=today)
            ctx.progress(2, 2, "")
            return WarningLists(incomes, visits, Decimal(factor))

        self.job = run_job(
            self,
            load,
            title=self.tr("Warning lists"),
            on_done=self._loaded,
            on_error=self._failed,
            on_cancel=self._idle,
        )
        return self.job

    def _loaded(self, lists: WarningLists) -> None:
        self.income_model.set_rows(lists.incomes, lists.factor)
        self.visit_model.set_rows(lists.visits)
        self.tabs.setTabText(0, self.tr("Income warnings (%1)").replace("%1", str(len(lists.incomes))))
        self.tabs.setTabText(1, self.tr("Must-visit (八必访) (%1)").replace("%1", str(len(lists.visits))))
        self.status.setText(
            self.tr(
                "%1 households near or below the line of %2 and not monitored; %3 households with a must-visit reason."
            )
            .replace("%1", str(len(lists.incomes)))
            .replace("%2", str(self.year.value()))
            .replace("%3", str(len(lists.visits)))
        )
        self._update()
        self.reloaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        show_error(self, self.tr("Warning lists"), exc)

    def _idle(self) -> None:
        self.status.setText("")

    def _filter(self) -> None:
        self.visit_model.set_reason(str(self.reason.currentData() or ""))
        self.tabs.setCurrentIndex(1)
        self._update()

    # --- the selected household ---------------------------------------------------------------------
    def selected(self) -> IncomeWarning | MustVisit | None:
        income = self.tabs.currentIndex() == 0
        table = self.income_table if income else self.visit_table
        model: IncomeWarningModel | MustVisitModel = self.income_model if income else self.visit_model
        index = table.currentIndex()
        return model.rows[index.row()] if index.isValid() and index.row() < len(model.rows) else None

    def _update(self) -> None:
        row = self.selected()
        monitored = isinstance(row, MustVisit) and row.monitored
        self.clue_button.setEnabled(row is not None and not monitored)
        self.clue_button.setToolTip(self.tr("Already monitored: the household has an open case.") if monitored else "")

    def select_household(self, number: str) -> bool:
        """Select the household of number ``number`` in the current tab (for tests and the screenshots)."""
        income = self.tabs.currentIndex() == 0
        table = self.income_table if income else self.visit_table
        model: IncomeWarningModel | MustVisitModel = self.income_model if income else self.visit_model
        for r, row in enumerate(model.rows):
            if row.household_number == number:
                table.selectRow(r)
                table.setCurrentIndex(model.index(r, 0))
                return True
        return False

    def register_clue(self) -> QDialog | None:
        """The new-clue dialog for the selected household, source 3; the lists are read again once it is saved."""
        row = self.selected()
        if row is None or (isinstance(row, MustVisit) and row.monitored):
            return None
        dialog = self._open_clue(row.household_id, f"{row.head_name}  {row.household_number}")
        if dialog is not None:
            dialog.accepted.connect(self.reload)
            self.current_clue = dialog
        return dialog


__all__ = ["CADRE_VISIT", "WarningLists", "WarningsDialog"]
