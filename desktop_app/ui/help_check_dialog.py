"""帮扶核查: the village's help-check findings (household, rule, message) from the monitoring tab; a
double-click (or Enter) opens the household's card on its monitoring tab, where the measures are added."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.services.monitoring import HelpFinding, help_check
from desktop_app.ui.card_editor import HouseholdCardDialog
from desktop_app.ui.help_measures_panel import finding_text, rows_table


class HelpCheckDialog(QDialog):
    """The findings of ``help_check`` for one village (or township code prefix) on ``today``."""

    def __init__(self, db: Database, village_code: str, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.village_code = village_code
        self.today = today
        self.current_card: HouseholdCardDialog | None = None
        self.setWindowTitle(self.tr("Help check"))
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Household no."), self.tr("Head"), self.tr("Rule"), self.tr("Finding")]
        )
        rows_table(self.table)
        self.table.setWordWrap(True)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_card(row))
        open_key = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        open_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        open_key.activated.connect(lambda: self.open_card(self.table.currentRow()))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.findings: list[HelpFinding] = []
        self.reload()

    def rule_text(self, rule: str) -> str:
        return {
            "no_measure": self.tr("No help measure"),
            "risk_unmatched": self.tr("Risk without a matching measure"),
            "no_development": self.tr("No development measure"),
        }.get(rule, rule)

    def reload(self) -> None:
        self.findings = help_check(self._db, village_code=self.village_code, today=self.today)
        self.table.setRowCount(len(self.findings))
        for row, finding in enumerate(self.findings):
            cells = (finding.household_number, finding.head_name, self.rule_text(finding.rule), finding_text(finding))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        households = len({f.household_id for f in self.findings})
        self.summary.setText(
            self.tr("%1 finding(s) in %2 household(s); double-click one to open the card.")
            .replace("%1", str(len(self.findings)))
            .replace("%2", str(households))
            if self.findings
            else self.tr("No findings: every included household has the help measures the rules ask for.")
        )

    def open_card(self, row: int) -> HouseholdCardDialog | None:
        """The household's card on its monitoring tab; the list is read again when the card closes."""
        if not 0 <= row < len(self.findings):
            return None
        card = HouseholdCardDialog(self._db, self.findings[row].household_id, parent=self)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.finished.connect(lambda _r: self._card_closed())
        if card.monitoring_panel is not None:
            card.tabs.setCurrentWidget(card.monitoring_panel)
        self.current_card = card
        card.open()
        return card

    def _card_closed(self) -> None:
        self.current_card = None
        self.reload()


__all__ = ["HelpCheckDialog"]
