"""The form of one help measure (添加/修改帮扶措施): year, one of the 14 national categories, the category's own
values as tick boxes (the boxes change with the category), start and end, amount in yuan and a note.

A refused save (no value ticked, a bad amount or date, the end before the start) keeps the dialog open with the
Chinese reason (the service's, or the form's own for text it cannot read) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import codelists
from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.services.monitoring import HelpRow
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.models.help_measures import header_text


@dataclass(frozen=True)
class MeasureInput:
    """What the form says, ready for ``add_help_measure`` / ``update_help_measure``."""

    year: int
    category: str
    values: tuple[str, ...]
    started_on: date | None
    ended_on: date | None
    amount_fen: int
    note: str

    def changes(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "category": self.category,
            "values": list(self.values),
            "started_on": self.started_on,
            "ended_on": self.ended_on,
            "amount_fen": self.amount_fen,
            "note": self.note,
        }


class HelpMeasureDialog(QDialog):
    """Add (``measure`` None) or change one measure; ``submit`` writes it and may raise ``DomainError``."""

    def __init__(
        self,
        submit: Callable[[MeasureInput], Any],
        *,
        year: int,
        measure: HelpRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.result_value: Any = None
        self.setWindowTitle(self.tr("Edit help measure") if measure else self.tr("Add help measure"))
        lang = ui_lang()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(measure.year if measure else year)
        form.addRow(header_text("year"), self.year)
        self.category = QComboBox()
        for item in codelists()["help_category"]:
            self.category.addItem(item.label(lang), item.code)
        form.addRow(self.tr("Category"), self.category)
        layout.addLayout(form)
        self.values_box = QGroupBox(self.tr("Measures (tick one or more)"))
        self.values_grid = QGridLayout(self.values_box)
        self.boxes: dict[str, QCheckBox] = {}
        layout.addWidget(self.values_box)
        more = QFormLayout()
        self.started = QLineEdit(measure.started_on.isoformat() if measure and measure.started_on else "")
        self.ended = QLineEdit(measure.ended_on.isoformat() if measure and measure.ended_on else "")
        for edit in (self.started, self.ended):
            edit.setPlaceholderText("YYYY-MM-DD")
        self.amount = QLineEdit(format_yuan(measure.amount_fen, grouping=False) if measure else "")
        self.amount.setPlaceholderText("0.00")
        self.note = QLineEdit(measure.note if measure else "")
        more.addRow(header_text("start"), self.started)
        more.addRow(header_text("end"), self.ended)
        more.addRow(header_text("amount"), self.amount)
        more.addRow(header_text("note"), self.note)
        layout.addLayout(more)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.category.currentIndexChanged.connect(lambda _i: self._fill_values(()))
        if measure is not None:
            self.category.setCurrentIndex(max(self.category.findData(measure.category), 0))
        self._fill_values(measure.values if measure else ())

    def _fill_values(self, ticked: Sequence[str]) -> None:
        """The tick boxes of the chosen category's own list (two columns)."""
        for box in self.boxes.values():
            self.values_grid.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        lang = ui_lang()
        for n, item in enumerate(codelists()[f"help_{self.category.currentData()}"]):
            box = QCheckBox(item.label(lang))
            box.setChecked(item.code in ticked)
            self.values_grid.addWidget(box, n // 2, n % 2)
            self.boxes[item.code] = box

    def set_category(self, code: str) -> None:
        self.category.setCurrentIndex(self.category.findData(code))

    def tick(self, *codes: str) -> None:
        for code in codes:
            self.boxes[code].setChecked(True)

    def _date(self, edit: QLineEdit) -> date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise DomainError(
                "bad_date", f"日期无效：{text}（格式为 YYYY-MM-DD）", f"invalid date: {text} (use YYYY-MM-DD)"
            ) from None

    def entered(self) -> MeasureInput:
        """The form's values; text it cannot read raises ``DomainError`` with a Chinese reason."""
        amount = self.amount.text().strip()
        return MeasureInput(
            year=self.year.value(),
            category=str(self.category.currentData()),
            values=tuple(code for code, box in self.boxes.items() if box.isChecked()),
            started_on=self._date(self.started),
            ended_on=self._date(self.ended),
            amount_fen=parse_yuan(amount) if amount else 0,
            note=self.note.text().strip(),
        )

    def accept(self) -> None:
        try:
            self.result_value = self._submit(self.entered())
        except DomainError as exc:
            self.error.setText(exc.message(ui_lang()))
            self.error.show()
            return
        super().accept()


__all__ = ["HelpMeasureDialog", "MeasureInput"]
