"""The yearly income worksheet (收入情况) on the card's income tab: one year at a time, the five national groups
with the county's sub-lines (amount and explanation), totals as you type, insurance claims and out-of-pocket
spending, the members the year counts. Saved through ``services.monitoring.save_income_sheet``, apart from
the card's own save (a record of the card's income year updates the card's income too)."""

from __future__ import annotations

from datetime import date

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
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.income_sheet import NOTE_MAX, Entry, LineDef, totals
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.services import Database
from desktop_app.services.monitoring import IncomeSheet, income_sheet, income_years, save_income_sheet
from desktop_app.ui.card_widgets import ui_lang


def _mark(group: str) -> str:
    """A group's mark as the form prints it: A–E in English, 一–五 on the Chinese form."""
    marks = dict(zip("ABCDE", "一二三四五", strict=True))
    return group if ui_lang() == "en" else marks.get(group, group)


class AmountEdit(QLineEdit):
    """An amount in yuan as typed: anything may be typed, a bad amount is marked and named when saving."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0.00")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.textEdited.connect(self._typed)

    def _typed(self, _text: str) -> None:
        self.setStyleSheet("" if self.fen() is not None else "background: #fde0e0")
        self.edited.emit()

    def fen(self) -> int | None:
        """The amount in fen; 0 when empty, None when it is not an amount (or negative)."""
        text = self.text().strip()
        if not text:
            return 0
        try:
            value = parse_yuan(text)
        except DomainError:
            return None
        return value if value >= 0 else None

    def set_fen(self, fen: int) -> None:
        self.setText(format_yuan(fen, grouping=False) if fen else "")
        self.setStyleSheet("")


class IncomeSheetPanel(QWidget):
    """The worksheet of the chosen year; ``saved`` tells the card editor that the card's income may have moved."""

    saved = Signal(int)

    def __init__(self, db: Database, household_id: str, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._household_id = household_id
        self._sheet: IncomeSheet | None = None
        self.amounts: dict[str, AmountEdit] = {}
        self.notes: dict[str, QLineEdit] = {}
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("sheet_year")
        self.year.setRange(2000, 2100)
        self.year.setKeyboardTracking(False)
        top.addWidget(self.year)
        self.years_label = QLabel(self)
        top.addWidget(self.years_label, 1)
        outer.addLayout(top)
        self.period = QLabel(self)
        self.period.setObjectName("sheet_period")
        outer.addWidget(self.period)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        self._body = QWidget(scroll)
        self._body_layout = QVBoxLayout(self._body)
        scroll.setWidget(self._body)
        outer.addWidget(scroll, 1)
        sums = QGroupBox(self.tr("Totals"), self)
        form = QFormLayout(sums)
        self.gross = QLabel(self)
        self.gross.setObjectName("sheet_gross")
        self.net = QLabel(self)
        self.net.setObjectName("sheet_net")
        self.per_capita = QLabel(self)
        self.per_capita.setObjectName("sheet_per_capita")
        self.group_totals = QLabel(self)
        self.group_totals.setObjectName("sheet_groups")
        self.group_totals.setWordWrap(True)
        form.addRow(self.tr("Groups (yuan)"), self.group_totals)
        form.addRow(self.tr("Gross income (yuan)"), self.gross)
        form.addRow(self.tr("Net income A+B+C+D−E (yuan)"), self.net)
        form.addRow(self.tr("Per-capita net income (yuan)"), self.per_capita)
        outer.addWidget(sums)
        bottom = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setObjectName("sheet_message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save this year's income"), self)
        self.save_button.setObjectName("sheet_save")
        self.save_button.setAutoDefault(False)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)
        self.members = QListWidget(self)
        self.members.setObjectName("sheet_members")
        self.save_button.clicked.connect(self.save)
        self.year.valueChanged.connect(self.show_year)
        years = income_years(db, household_id)
        first = year or (years[0] if years else date.today().year)
        self.year.blockSignals(True)
        self.year.setValue(first)
        self.year.blockSignals(False)
        self.show_year(first)

    # --- building the year's form -----------------------------------------------------------------------
    def _clear(self) -> None:
        while self._body_layout.count():
            item = self._body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.amounts.clear()
        self.notes.clear()

    def _line_rows(self, title: str, lines: tuple[tuple[str, str, int, str], ...]) -> QGroupBox:
        box = QGroupBox(title, self._body)
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("Item"), box), 0, 0)
        grid.addWidget(QLabel(self.tr("Amount (yuan)"), box), 0, 1)
        grid.addWidget(QLabel(self.tr("Explanation"), box), 0, 2)
        for row, (key, label, fen, note) in enumerate(lines, start=1):
            grid.addWidget(QLabel(label, box), row, 0)
            amount = AmountEdit(box)
            amount.setObjectName(f"amount_{key}")
            amount.set_fen(fen)
            amount.edited.connect(self._recompute)
            explanation = QLineEdit(note, box)
            explanation.setObjectName(f"note_{key}")
            explanation.setMaxLength(NOTE_MAX)
            grid.addWidget(amount, row, 1)
            grid.addWidget(explanation, row, 2)
            self.amounts[key] = amount
            self.notes[key] = explanation
        grid.setColumnStretch(2, 1)
        return box

    def show_year(self, year: int) -> None:
        """Show the worksheet of ``year`` (the saved record, or an empty sheet counting that year's members)."""
        try:
            sheet = income_sheet(self._db, self._household_id, year)
        except DomainError as exc:
            self.message.setText(exc.message(ui_lang()))
            return
        self._sheet = sheet
        lang = ui_lang()
        self._clear()
        for group, zh, en in sheet.groups:
            lines = tuple(
                (ln.key, ln.en if lang == "en" else ln.zh, ln.fen, ln.note) for ln in sheet.lines if ln.group == group
            )
            self._body_layout.addWidget(self._line_rows(f"{_mark(group)} {en if lang == 'en' else zh}", lines))
        extras = tuple((ln.key, ln.en if lang == "en" else ln.zh, ln.fen, ln.note) for ln in sheet.extras)
        self._body_layout.addWidget(self._line_rows(self.tr("Insurance claims and spending"), extras))
        self._body_layout.addWidget(self._members_box(sheet))
        years = income_years(self._db, self._household_id)
        self.years_label.setText(self.tr("Years on file: %1").replace("%1", "、".join(map(str, years)) or "—"))
        state = self.tr("saved") if sheet.saved else self.tr("not saved yet")
        self.period.setText(
            self.tr("Period %1 – %2 (%3)")
            .replace("%1", sheet.period_start.isoformat())
            .replace("%2", sheet.period_end.isoformat())
            .replace("%3", state)
        )
        self.message.setText("")
        self._recompute()

    def _members_box(self, sheet: IncomeSheet) -> QGroupBox:
        box = QGroupBox(self.tr("Members counted in this year"), self._body)
        layout = QVBoxLayout(box)
        self.members = QListWidget(box)
        self.members.setObjectName("sheet_members")
        counted = {m.id for m in sheet.members}
        for m in sheet.candidates:
            item = QListWidgetItem(m.name, self.members)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.id in counted else Qt.CheckState.Unchecked)
        self.members.itemChanged.connect(lambda _i: self._recompute())
        layout.addWidget(self.members)
        return box

    # --- totals and saving ------------------------------------------------------------------------------
    def counted_ids(self) -> list[str]:
        return [
            str(self.members.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.members.count())
            if self.members.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _recompute(self) -> None:
        if self._sheet is None:
            return
        defs = [LineDef(ln.key, ln.group, ln.zh, ln.en) for ln in self._sheet.lines]
        entries = {key: Entry(edit.fen() or 0) for key, edit in self.amounts.items()}
        sums = totals(defs, entries, len(self.counted_ids()))
        self.group_totals.setText("　".join(f"{_mark(g)} {format_yuan(fen)}" for g, fen in sums.groups.items()))
        self.gross.setText(format_yuan(sums.gross_fen))
        self.net.setText(format_yuan(sums.net_fen))
        self.per_capita.setText("—" if sums.per_capita_fen is None else format_yuan(sums.per_capita_fen))

    def values(self) -> dict[str, dict[str, str]]:
        """What was typed, as the use case takes it (yuan text and explanation of each line)."""
        return {
            key: {"yuan": edit.text().strip(), "note": self.notes[key].text()} for key, edit in self.amounts.items()
        }

    def save(self) -> bool:
        year = self.year.value()
        try:
            save_income_sheet(self._db, self._household_id, year, self.values(), members=self.counted_ids())
        except DomainError as exc:
            self.message.setStyleSheet("color: #b00020")
            self.message.setText(exc.message(ui_lang()))
            return False
        self.show_year(year)
        self.message.setStyleSheet("color: #006400")
        self.message.setText(self.tr("Saved the income of %1").replace("%1", str(year)))
        self.saved.emit(year)
        return True
