"""新增线索: a clue of risk opens a monitoring case — for a household on file, or a new one (head's name and ID).

The risks are ticked from code list ``monitor_risk`` (1–5 of them); ticking 因自然灾害 asks for its sub-item,
ticking 其他 for a remark. The engine checks everything again; a refused clue keeps the dialog open with the
Chinese reason and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import codelists
from desktop_app.domain.errors import DomainError
from desktop_app.ui.i18n import current_language
from desktop_app.ui.procedure_forms import from_qdate, to_qdate


@dataclass(frozen=True)
class ClueInput:
    """What the cadre entered: an existing household (id) or a new one (head's name and ID number)."""

    household_id: str | None
    head_name: str
    head_id_number: str
    source: str
    found: date
    risks: tuple[str, ...]
    disaster_sub: str | None
    risk_note: str
    note: str


def _lang() -> str:
    return "en" if current_language() == "en" else "zh"


def _fill(combo: QComboBox, list_id: str) -> None:
    for item in codelists()[list_id].items:
        combo.addItem(item.label(_lang()), item.code)


class NewClueDialog(QDialog):
    """``households``: (id, label) of the village's households; ``submit`` runs the engine's ``open_clue``."""

    def __init__(
        self,
        households: list[tuple[str, str]],
        *,
        today: date,
        submit: Callable[[ClueInput], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New clue"))
        self.setMinimumWidth(520)
        self._submit = submit
        self.result_value: object = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.on_file = QRadioButton(self.tr("Household on file"))
        self.new_one = QRadioButton(self.tr("New household"))
        self.on_file.setChecked(bool(households))
        self.new_one.setChecked(not households)
        group = QButtonGroup(self)
        group.addButton(self.on_file)
        group.addButton(self.new_one)
        which = QHBoxLayout()
        which.addWidget(self.on_file)
        which.addWidget(self.new_one)
        form.addRow(self.tr("Household"), which)
        self.household = QComboBox()
        self.household.setEditable(True)
        self.household.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for hid, text in households:
            self.household.addItem(text, hid)
        form.addRow("", self.household)
        self.head_name = QLineEdit()
        self.head_id = QLineEdit()
        self.head_id.setMaxLength(18)
        form.addRow(self.tr("Head's name"), self.head_name)
        form.addRow(self.tr("Head's ID number"), self.head_id)

        self.source = QComboBox()
        _fill(self.source, "monitor_source")
        form.addRow(self.tr("Source") + " *", self.source)
        self.found = QDateEdit(to_qdate(today))
        self.found.setCalendarPopup(True)
        self.found.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Date found") + " *", self.found)
        self.risks = QListWidget()
        for item in codelists()["monitor_risk"].items:
            entry = QListWidgetItem(item.label(_lang()))
            entry.setData(Qt.ItemDataRole.UserRole, item.code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.risks.addItem(entry)
        self.risks.setMaximumHeight(150)
        form.addRow(self.tr("Risks (1–5)") + " *", self.risks)
        self.disaster_sub = QComboBox()
        _fill(self.disaster_sub, "disaster_sub")
        form.addRow(self.tr("Disaster type"), self.disaster_sub)
        self.risk_note = QLineEdit()
        form.addRow(self.tr("Other risk"), self.risk_note)
        self.note = QLineEdit()
        form.addRow(self.tr("Note"), self.note)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

        self.on_file.toggled.connect(self._update)
        self.risks.itemChanged.connect(lambda _item: self._update())
        self._update()

    def checked_risks(self) -> tuple[str, ...]:
        items = (self.risks.item(i) for i in range(self.risks.count()))
        return tuple(str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked)

    def set_risks(self, codes: tuple[str, ...]) -> None:
        for i in range(self.risks.count()):
            item = self.risks.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update(self) -> None:
        existing = self.on_file.isChecked()
        self.household.setEnabled(existing)
        self.head_name.setEnabled(not existing)
        self.head_id.setEnabled(not existing)
        risks = self.checked_risks()
        self.disaster_sub.setEnabled("04" in risks)
        self.risk_note.setEnabled("99" in risks)

    def value(self) -> ClueInput:
        existing = self.on_file.isChecked()
        risks = self.checked_risks()
        return ClueInput(
            household_id=str(self.household.currentData()) if existing and self.household.currentIndex() >= 0 else None,
            head_name="" if existing else self.head_name.text().strip(),
            head_id_number="" if existing else self.head_id.text().strip().upper(),
            source=str(self.source.currentData()),
            found=from_qdate(self.found.date()),
            risks=risks,
            disaster_sub=str(self.disaster_sub.currentData()) if "04" in risks else None,
            risk_note=self.risk_note.text().strip() if "99" in risks else "",
            note=self.note.text().strip(),
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def try_submit(self) -> bool:
        clue = self.value()
        if clue.household_id is None and not (clue.head_name and clue.head_id_number):
            self.show_error(self.tr("Choose a household of the village, or give the new head's name and ID number."))
            return False
        try:
            self.result_value = self._submit(clue)
        except DomainError as exc:
            self.show_error(exc.message_zh if _lang() == "zh" else exc.message_en)
            return False
        self.accept()
        return True


__all__ = ["ClueInput", "NewClueDialog"]
