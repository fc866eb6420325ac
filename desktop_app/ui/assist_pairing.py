"""Pairing screens (结对帮扶, issue 16 part A).

- :class:`PairingPage` (the main window's 帮扶台账 tab, one village): the coverage check's findings (households
  without a pairing cadre, monitored households without a contact, cadres over their rank's limit), the
  village's households with their cadre and contact (结对… pairs the selected one), and the cadres roster
  (新增干部… / 修改干部…).
- :class:`CardPairingSection` (the card's 帮扶台账 tab): the household's current pairing cadre and monitoring
  contact, the history of its pairings, and 更换帮扶责任人… / 设置监测联系人… / 结束结对….
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.services.assistance import (
    CadreInput,
    CadreRow,
    PairingRow,
    add_cadre,
    cadre_list,
    coverage_check,
    end_pairing,
    household_pairings,
    pair,
    update_cadre,
    village_pairings,
)
from desktop_app.services.permissions import allowed
from desktop_app.ui.assist_base import CardSection, VillagePage
from desktop_app.ui.assist_pairing_dialogs import (
    ID_ROLE,
    CadreDialog,
    EndPairingDialog,
    PairDialog,
    RowsModel,
    iso,
    open_dialog,
)

__all__ = ["CardPairingSection", "PairingPage", "table_of"]


def table_of(model: RowsModel, parent: QWidget) -> QTableView:
    """A read-only list chosen a row at a time, columns fitted to their text."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def selected_id(table: QTableView) -> str | None:
    rows = table.selectionModel().selectedRows()
    return None if not rows else str(rows[0].data(ID_ROLE))


def select_id(table: QTableView, record_id: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(ID_ROLE) == record_id:
            table.selectRow(row)
            return


class PairingPage(VillagePage):
    """Coverage findings, the village's pairings and the roster of one village."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.current_dialog: Any = None
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.findings_model = RowsModel([self.tr("Household / cadre"), self.tr("Name"), self.tr("Finding")], self)
        self.findings = table_of(self.findings_model, self)
        layout.addWidget(self._box(self.tr("Coverage check"), self.findings))
        self.households_model = RowsModel(
            [self.tr("Household"), self.tr("Head"), self.tr("Stage"), self.tr("Pairing cadre"), self.tr("Contact")],
            self,
        )
        self.households = table_of(self.households_model, self)
        self.pair_button = QPushButton(self.tr("Pair…"))
        self.pair_button.clicked.connect(self.open_pair)
        layout.addWidget(self._box(self.tr("Households and their cadres"), self.households, self.pair_button))
        self.roster_model = RowsModel(
            [self.tr("Cadre"), self.tr("Unit"), self.tr("Rank"), self.tr("Households"), self.tr("Limit")], self
        )
        self.roster = table_of(self.roster_model, self)
        self.add_button = QPushButton(self.tr("Add cadre…"))
        self.edit_button = QPushButton(self.tr("Edit cadre…"))
        self.add_button.clicked.connect(self.open_add_cadre)
        self.edit_button.clicked.connect(self.open_edit_cadre)
        layout.addWidget(self._box(self.tr("Cadres roster"), self.roster, self.add_button, self.edit_button))
        self.cadres: list[CadreRow] = []

    def _box(self, title: str, table: QTableView, *buttons: QPushButton) -> QGroupBox:
        box = QGroupBox(title, self)
        inner = QVBoxLayout(box)
        inner.addWidget(table)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            inner.addLayout(row)
        return box

    def refresh(self) -> None:
        super().refresh()
        chosen = {table: selected_id(table) for table in (self.households, self.roster)}
        self._read()
        for table, record_id in chosen.items():
            if record_id is not None:
                select_id(table, record_id)

    def _read(self) -> None:
        found = coverage_check(self.db, self.village_id)
        rows = [(r.number, r.head_name, r.reason) for r in found.uncovered]
        ids = [r.household_id for r in found.uncovered]
        over = self.tr("looks after %1 households, over the limit of %2")
        for o in found.over_limit:
            rows.append((o.cadre, o.rank, over.replace("%1", str(o.households)).replace("%2", str(o.limit))))
            ids.append(o.cadre_id)
        self.findings_model.set_rows(rows, ids)
        if found.ok:
            text = self.tr("Coverage check passed: all %1 households that must be covered are.")
        else:
            text = self.tr("%1 households must be covered: %2 findings, %3 cadres over their limit.")
        self.summary.setText(
            text.replace("%1", str(found.must_cover))
            .replace("%2", str(len(found.uncovered)))
            .replace("%3", str(len(found.over_limit)))
        )
        listed = village_pairings(self.db, self.village_id) if self.village_id else []
        self.households_model.set_rows(
            [(h.number, h.head_name, h.stage_label, h.cadre, h.contact) for h in listed],
            [h.household_id for h in listed],
        )
        self.cadres = cadre_list(self.db)
        self.roster_model.set_rows(
            [
                (c.name, c.unit, c.rank_label, str(c.households), "" if c.limit is None else str(c.limit))
                for c in self.cadres
            ],
            [c.id for c in self.cadres],
        )
        self.pair_button.setEnabled(allowed(self.db, "assist.pair") and bool(listed))
        self.add_button.setEnabled(allowed(self.db, "assist.cadre_add"))
        self.edit_button.setEnabled(allowed(self.db, "assist.cadre_update") and bool(self.cadres))

    def open_add_cadre(self) -> CadreDialog:
        return open_dialog(self, CadreDialog(lambda data: add_cadre(self.db, data), parent=self))

    def open_edit_cadre(self) -> CadreDialog | None:
        cadre_id = selected_id(self.roster)
        cadre = next((c for c in self.cadres if c.id == cadre_id), None)
        if cadre is None:
            return None

        def save(data: CadreInput) -> None:
            update_cadre(self.db, cadre.id, data)

        return open_dialog(self, CadreDialog(save, cadre, parent=self))

    def open_pair(self) -> PairDialog | None:
        household_id = selected_id(self.households)
        if household_id is None:
            return None
        row = self.households.selectionModel().selectedRows()[0].row()
        number, head = self.households_model.rows[row][:2]

        def save(cadre_id: str, role: str, started: date) -> str:
            return pair(self.db, household_id, cadre_id, role=role, started_on=started)

        return open_dialog(self, PairDialog(save, self.cadres, household=f"{number} {head}", parent=self))


class CardPairingSection(CardSection):
    """The household's pairing cadre and monitoring contact, with the history of its pairings."""

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(db, household_id, parent)
        self.current_dialog: Any = None
        self.pairings: list[PairingRow] = []
        layout = QVBoxLayout(self)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        layout.addWidget(self.current_label)
        self.model = RowsModel(
            [self.tr("Role"), self.tr("Cadre"), self.tr("Unit"), self.tr("From"), self.tr("Until"), self.tr("Note")],
            self,
        )
        self.table = table_of(self.model, self)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.change_button = QPushButton(self.tr("Change pairing cadre…"))
        self.contact_button = QPushButton(self.tr("Set monitoring contact…"))
        self.end_button = QPushButton(self.tr("End pairing…"))
        self.change_button.clicked.connect(lambda: self.open_pair("1"))
        self.contact_button.clicked.connect(lambda: self.open_pair("2"))
        self.end_button.clicked.connect(self.open_end)
        for button in (self.change_button, self.contact_button, self.end_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())

    def refresh(self) -> None:
        super().refresh()
        self.pairings = household_pairings(self.db, self.household_id)
        now = [p for p in self.pairings if p.current]
        cadre = "、".join(f"{p.cadre}（{p.unit}）" if p.unit else p.cadre for p in now if p.role == "1")
        contact = "、".join(p.cadre for p in now if p.role == "2")
        self.current_label.setText(
            self.tr("Pairing cadre: %1    Monitoring contact: %2")
            .replace("%1", cadre or self.tr("none"))
            .replace("%2", contact or self.tr("none"))
        )
        current, ended = self.tr("current"), self.tr("(on the card)")
        self.model.set_rows(
            [
                (
                    p.role_label,
                    p.cadre,
                    p.unit,
                    iso(p.started_on) or ended,
                    iso(p.ended_on) or current,
                    p.end_reason or p.note,
                )
                for p in self.pairings
            ],
            [p.id for p in self.pairings],
        )
        self._enable()

    def _enable(self) -> None:
        may_pair = allowed(self.db, "assist.pair")
        self.change_button.setEnabled(may_pair)
        self.contact_button.setEnabled(may_pair)
        chosen = self._chosen()
        self.end_button.setEnabled(allowed(self.db, "assist.pair_end") and chosen is not None and chosen.current)

    def _chosen(self) -> PairingRow | None:
        pairing_id = selected_id(self.table)
        return next((p for p in self.pairings if p.id == pairing_id), None)

    def open_pair(self, role: str) -> PairDialog:
        def save(cadre_id: str, chosen_role: str, started: date) -> str:
            return pair(self.db, self.household_id, cadre_id, role=chosen_role, started_on=started)

        cadres = [c for c in cadre_list(self.db) if c.ended_on is None or c.ended_on >= date.today()]
        return open_dialog(self, PairDialog(save, cadres, household=self._household_text(), role=role, parent=self))

    def _household_text(self) -> str:
        return self.window().windowTitle() or self.household_id

    def open_end(self) -> EndPairingDialog | None:
        chosen = self._chosen()
        if chosen is None or not chosen.current:
            return None

        def save(ended: date, reason: str) -> None:
            end_pairing(self.db, chosen.id, ended, reason)

        return open_dialog(self, EndPairingDialog(save, f"{chosen.role_label} {chosen.cadre}", parent=self))
