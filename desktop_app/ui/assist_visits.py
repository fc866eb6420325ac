"""Visits on the card's 帮扶台账 tab (走访记录, issue 16 part A): this year's visit count of each pairing
against the county's minimum, the household's visits newest first, and 登记走访… (date, cadre, what was
found, what was agreed, photos kept as the household's attachments by hash)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.services import Database
from desktop_app.services.assistance import (
    VisitInput,
    add_visit,
    cadre_list,
    household_pairings,
    household_visits,
    visit_tallies,
)
from desktop_app.services.permissions import allowed
from desktop_app.ui.assist_base import CardSection
from desktop_app.ui.assist_pairing import table_of
from desktop_app.ui.assist_pairing_dialogs import RowsModel, VisitDialog, open_dialog

__all__ = ["CardSection", "CardVisitsSection"]


class CardVisitsSection(CardSection):
    """The household's visits and this year's count against the minimum."""

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(db, household_id, parent)
        self.current_dialog: Any = None
        self.year = date.today().year
        layout = QVBoxLayout(self)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        self.model = RowsModel(
            [self.tr("Date"), self.tr("Cadre"), self.tr("Found"), self.tr("Agreed"), self.tr("Photos")], self
        )
        self.table = table_of(self.model, self)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Record a visit…"))
        self.add_button.clicked.connect(self.open_add)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        super().refresh()
        visits = household_visits(self.db, self.household_id)
        self.model.set_rows(
            [
                (v.visited_on.isoformat(), v.cadre, v.found, v.agreed, str(len(v.photos)) if v.photos else "")
                for v in visits
            ],
            [v.id for v in visits],
        )
        lines = []
        for t in visit_tallies(self.db, self.year, household_id=self.household_id):
            text = self.tr("%1 %2: %3 visits in %4, at least %5")
            text = text.replace("%1", t.role_label).replace("%2", t.cadre).replace("%3", str(t.visits))
            text = text.replace("%4", str(self.year)).replace("%5", str(t.minimum))
            lines.append(text + (self.tr(" — too few") if t.short else ""))
        self.count_label.setText("\n".join(lines) or self.tr("No pairing this year: no minimum of visits."))
        self.add_button.setEnabled(allowed(self.db, "assist.visit_add"))

    def open_add(self) -> VisitDialog:
        current = next(
            (p.cadre_id for p in household_pairings(self.db, self.household_id) if p.current and p.role == "1"), None
        )

        def save(visited: date, cadre_id: str | None, found: str, agreed: str, photos: list[str]) -> str:
            return add_visit(self.db, VisitInput(self.household_id, cadre_id, visited, found, agreed, tuple(photos)))

        return open_dialog(self, VisitDialog(save, cadre_list(self.db), current, parent=self))
