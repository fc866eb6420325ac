"""Card tabs "income" (with the per-capita net income against the year's line), "two no-worries, three
guarantees" and "poverty causes"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import catalog
from desktop_app.domain.eligibility import GUARANTEE_LABELS, GUARANTEES, Assessment
from desktop_app.domain.money import format_yuan
from desktop_app.services import Database
from desktop_app.services.households import HouseholdForm
from desktop_app.ui.card_widgets import CodeCombo, MoneyEdit, TriStateCombo, YearSpin, code_label, ui_lang
from desktop_app.ui.income_sheet_panel import IncomeSheetPanel

INCOME_EDITS = (
    "income_wage_fen",
    "income_business_fen",
    "income_property_fen",
    "income_transfer_fen",
    "production_costs_fen",
    "medical_expense_fen",
    "disaster_loss_fen",
)


class IncomeTab(QWidget):
    """Every income category in yuan; the computed per-capita net income is shown live against the line."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worksheet: IncomeSheetPanel | None = None
        self._columns = QHBoxLayout(self)
        left = QWidget(self)
        self._columns.addWidget(left)
        outer = QVBoxLayout(left)
        outer.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("Household income of the year (yuan)"), self)
        layout = QFormLayout(box)
        self.income_year = YearSpin(self)
        self.income_year.edited.connect(self.edited)
        layout.addRow(self.tr("Income year"), self.income_year)
        labels = {
            "income_wage_fen": self.tr("Wage income"),
            "income_business_fen": self.tr("Production and business income"),
            "income_property_fen": self.tr("Property income"),
            "income_transfer_fen": self.tr("Transfer income (subsidies, pensions, allowances)"),
            "production_costs_fen": self.tr("Production costs"),
            "medical_expense_fen": self.tr("Medical expense"),
            "disaster_loss_fen": self.tr("Disaster loss"),
        }
        self.edits: dict[str, MoneyEdit] = {}
        for name in INCOME_EDITS:
            edit = MoneyEdit(self)
            edit.setObjectName(name)
            edit.edited.connect(self.edited)
            self.edits[name] = edit
            layout.addRow(labels[name], edit)
        outer.addWidget(box)
        result = QGroupBox(self.tr("Per-capita net income against the poverty line"), self)
        grid = QFormLayout(result)
        self.size_label = QLabel(self)
        self.net_total = QLabel(self)
        self.per_capita = QLabel(self)
        self.per_capita.setObjectName("per_capita")
        self.line = QLabel(self)
        self.line.setObjectName("line")
        self.margin = QLabel(self)
        self.margin.setObjectName("margin")
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        grid.addRow(self.tr("Members on the card"), self.size_label)
        grid.addRow(self.tr("Net income (yuan)"), self.net_total)
        grid.addRow(self.tr("Per-capita net income (yuan)"), self.per_capita)
        grid.addRow(self.tr("Poverty line (yuan)"), self.line)
        grid.addRow(self.tr("Margin (yuan)"), self.margin)
        grid.addRow(self.tr("Assessment"), self.reasons)
        outer.addWidget(result)
        outer.addStretch(1)
        self.fields = {"income_year": self.income_year, **self.edits}

    def attach_worksheet(self, db: Database, household_id: str, year: int | None) -> IncomeSheetPanel:
        """The yearly worksheet beside the card's income (a saved card only: the record needs its household)."""
        box = QGroupBox(self.tr("Yearly income worksheet"), self)
        layout = QVBoxLayout(box)
        self.worksheet = IncomeSheetPanel(db, household_id, year, box)
        layout.addWidget(self.worksheet)
        self._columns.addWidget(box, 1)
        return self.worksheet

    def load(self, form: HouseholdForm) -> None:
        self.income_year.set_year(form.income_year)
        for name, edit in self.edits.items():
            edit.set_fen(getattr(form, name))

    def store(self, form: HouseholdForm) -> None:
        form.income_year = self.income_year.year()
        for name, edit in self.edits.items():
            setattr(form, name, edit.fen())

    def show_assessment(self, form: HouseholdForm, assessment: Assessment | None) -> None:
        size = len(form.active_members())
        self.size_label.setText(str(size))
        self.net_total.setText(format_yuan(form.income().net_total()))
        if assessment is None:
            self.per_capita.setText("—")
            self.line.setText("—")
            self.margin.setText("—")
            self.reasons.setText(self.tr("Enter the members and the income year to compute the per-capita income."))
            return
        self.per_capita.setText(format_yuan(assessment.per_capita_fen))
        line = assessment.line
        if line is None:
            self.line.setText(self.tr("No line entered for %1").replace("%1", str(form.income_year)))
            self.margin.setText("—")
        else:
            standard = code_label("standard", line.standard)
            self.line.setText(f"{format_yuan(line.amount_fen)}（{line.year} {standard}）")
            margin = assessment.margin_fen or 0
            sign = "+" if margin >= 0 else ""
            colour = "#b00020" if assessment.below_line else ("#a06000" if assessment.marginal else "#006400")
            self.margin.setText(f"<span style='color:{colour}'>{sign}{format_yuan(margin)}</span>")
        lang = ui_lang()
        shown = [r for r in assessment.reasons if r.kind in ("income", "marginal", "missing")]
        self.reasons.setText("\n".join(r.en if lang == "en" else r.zh for r in shown))


class GuaranteesTab(QWidget):
    """两不愁三保障: yes, no or not checked for each, with a note."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Guarantee"), self), 0, 0)
        grid.addWidget(QLabel(self.tr("Met"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Note"), self), 0, 2)
        self.values: dict[str, TriStateCombo] = {}
        self.notes: dict[str, QLineEdit] = {}
        lang = ui_lang()
        for row, name in enumerate(GUARANTEES, start=1):
            zh, en = GUARANTEE_LABELS[name]
            grid.addWidget(QLabel(en if lang == "en" else zh, self), row, 0)
            combo = TriStateCombo(self)
            combo.setObjectName(f"guarantee_{name}")
            combo.edited.connect(self.edited)
            note = QLineEdit(self)
            note.textEdited.connect(lambda _t: self.edited.emit())
            grid.addWidget(combo, row, 1)
            grid.addWidget(note, row, 2)
            self.values[name] = combo
            self.notes[name] = note
        grid.setColumnStretch(2, 1)
        outer.addLayout(grid)
        outer.addStretch(1)
        self.fields: dict[str, QWidget] = {}

    def load(self, form: HouseholdForm) -> None:
        for name in GUARANTEES:
            self.values[name].set_value(form.guarantees.get(name))
            self.notes[name].setText(form.guarantee_notes.get(name, ""))

    def store(self, form: HouseholdForm) -> None:
        form.guarantees = {name: self.values[name].value() for name in GUARANTEES}
        form.guarantee_notes = {name: self.notes[name].text() for name in GUARANTEES if self.notes[name].text()}


class CausesTab(QWidget):
    """The main poverty cause and any others, all from the cause code list."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.main_cause = CodeCombo("cause", parent=self)
        self.main_cause.edited.connect(self._main_changed)
        self.others = QListWidget(self)
        lang = ui_lang()
        for item in catalog.codelists()["cause"]:
            entry = QListWidgetItem(item.label(lang), self.others)
            entry.setData(Qt.ItemDataRole.UserRole, item.code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
        self._loading = False
        self.others.itemChanged.connect(lambda _i: None if self._loading else self.edited.emit())
        layout.addRow(self.tr("Main poverty cause"), self.main_cause)
        layout.addRow(self.tr("Other causes"), self.others)
        self.fields = {"main_cause": self.main_cause, "other_causes": self.others}

    def _main_changed(self) -> None:
        self._loading = True
        try:  # the main cause is not repeated among the others
            for i in range(self.others.count()):
                entry = self.others.item(i)
                is_main = entry.data(Qt.ItemDataRole.UserRole) == self.main_cause.code()
                entry.setFlags(
                    entry.flags() & ~Qt.ItemFlag.ItemIsEnabled if is_main else entry.flags() | Qt.ItemFlag.ItemIsEnabled
                )
                if is_main:
                    entry.setCheckState(Qt.CheckState.Unchecked)
        finally:
            self._loading = False
        self.edited.emit()

    def load(self, form: HouseholdForm) -> None:
        self._loading = True
        try:
            self.main_cause.set_code(form.main_cause)
            for i in range(self.others.count()):
                entry = self.others.item(i)
                code = entry.data(Qt.ItemDataRole.UserRole)
                entry.setCheckState(Qt.CheckState.Checked if code in form.other_causes else Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def store(self, form: HouseholdForm) -> None:
        form.main_cause = self.main_cause.code()
        form.other_causes = [
            self.others.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.others.count())
            if self.others.item(i).checkState() == Qt.CheckState.Checked
        ]
