"""The vote table of a democratic evaluation: one row per household, typed like a paper tally sheet.

A meeting of twenty households is recorded in one sitting from the tally sheet, so the table is typed from
the keyboard alone: digits go into the current cell (the first digit replaces what was there), Tab and Enter
move on to the next cell and from 弃权 to the next household's 赞成, and Enter after the last household leaves
the table (to the Save button). No cell editors: the table itself takes the keys, so nothing is lost when the
user moves on without "committing". A row whose for + against + abstain exceeds those present is shown in red
and ``problem()`` says which, so that the form can refuse to save it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

MAX_DIGITS = 4
OVER_COLOUR = QColor("#b00020")
OVER_BACKGROUND = QColor("#fde7ea")
VISIBLE_ROWS = 20  # a village evaluates up to about twenty households at one meeting


class VotesTable(QTableWidget):
    """Votes for, against and abstaining, one row per household: many households recorded at once."""

    COL_HOUSEHOLD, COL_GROUP, COL_FOR, COL_AGAINST, COL_ABSTAIN, COL_TOTAL = range(6)
    VOTE_COLUMNS = (COL_FOR, COL_AGAINST, COL_ABSTAIN)
    totals_changed = Signal()

    def __init__(self, rows: Sequence[Sequence[str]], parent: QWidget | None = None) -> None:
        super().__init__(len(rows), 6, parent)
        self.present: int | None = None
        self._fresh = True  # the next digit replaces the cell (the cursor has just arrived)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Household head"),
                self.tr("Group"),
                self.tr("For"),
                self.tr("Against"),
                self.tr("Abstain"),
                self.tr("Total"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)  # Tab comes to keyPressEvent: the next vote cell, not the next widget
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._ids: list[str] = []
        for r, row in enumerate(rows):
            hid, label = row[0], row[1]
            group = row[2] if len(row) > 2 else ""
            self._ids.append(hid)
            self.setItem(r, self.COL_HOUSEHOLD, self._fixed(label, hid))
            self.setItem(r, self.COL_GROUP, self._fixed(group, group))
            for c in self.VOTE_COLUMNS:
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.setItem(r, c, item)
            total = QTableWidgetItem("")
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            total.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(r, self.COL_TOTAL, total)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COL_HOUSEHOLD, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("赞成") + 16)
        digits = metrics.horizontalAdvance("赞成赞") + 12
        for c in (*self.VOTE_COLUMNS, self.COL_TOTAL):
            self.setColumnWidth(c, digits)
        self.setColumnWidth(self.COL_GROUP, metrics.horizontalAdvance("第10村民小组") + 12)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        head = metrics.horizontalAdvance("欧阳秀英（5329990010010001）") + 16  # a head and a household number
        self.setMinimumWidth(head + sum(self.columnWidth(c) for c in range(1, 6)) + 4)
        self.setMinimumHeight(self.height_for(min(max(len(rows), 1), VISIBLE_ROWS)))
        self.currentCellChanged.connect(self._arrived)
        if rows:
            self.setCurrentCell(0, self.COL_FOR)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.item(row, column)
        assert item is not None  # every cell is filled in __init__
        return item

    def _fixed(self, text: str, data: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setToolTip(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def height_for(self, rows: int) -> int:
        """The height that shows ``rows`` rows and the header without scrolling."""
        return self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize() + 4

    # --- reading and writing --------------------------------------------------------------------------

    def household_ids(self) -> list[str]:
        return list(self._ids)

    def row_of(self, household_id: str) -> int:
        return self._ids.index(household_id)

    def cell_text(self, household_id: str, column: int) -> str:
        item = self.item(self.row_of(household_id), column)
        return item.text() if item is not None else ""

    def set_votes(self, household_id: str, votes: Sequence[int]) -> None:
        r = self.row_of(household_id)
        for column, value in zip(self.VOTE_COLUMNS, votes, strict=True):
            self._cell(r, column).setText(str(int(value)))
        self._update_total(r)

    def votes(self) -> dict[str, tuple[int, int, int]]:
        """The households (shown) with at least one number typed; an empty cell counts as 0."""
        out: dict[str, tuple[int, int, int]] = {}
        for r, hid in enumerate(self._ids):
            if self.isRowHidden(r):
                continue
            texts = [self._cell(r, c).text() for c in self.VOTE_COLUMNS]
            if any(texts):
                a, b, c = (int(t or 0) for t in texts)
                out[hid] = (a, b, c)
        return out

    def set_present(self, present: int | None) -> None:
        self.present = present
        for r in range(self.rowCount()):
            self._update_total(r)

    def show_only(self, household_ids: Iterable[str]) -> None:
        """Show the rows of the households chosen for the meeting (the form's list of households)."""
        wanted = set(household_ids)
        for r, hid in enumerate(self._ids):
            self.setRowHidden(r, hid not in wanted)
        current = self.currentRow()
        if current < 0 or self.isRowHidden(current):
            first = next((r for r in range(self.rowCount()) if not self.isRowHidden(r)), -1)
            if first >= 0:
                self.setCurrentCell(first, self.COL_FOR)
        self.totals_changed.emit()

    def over_rows(self) -> list[int]:
        """Shown rows whose votes add up to more than those present."""
        if self.present is None:
            return []
        return [r for r in range(self.rowCount()) if not self.isRowHidden(r) and self._total(r) > self.present]

    def problem(self) -> str:
        """Why the votes cannot be saved ("" when they can): each household whose total exceeds those present."""
        rows = self.over_rows()
        if not rows:
            return ""
        names = self.tr(", ").join(
            self.tr("%1 (%2 votes)")
            .replace("%1", self._cell(r, self.COL_HOUSEHOLD).text())
            .replace("%2", str(self._total(r)))
            for r in rows[:5]
        )
        more = self.tr(" and %1 more").replace("%1", str(len(rows) - 5)) if len(rows) > 5 else ""
        return (
            self.tr("For + against + abstain exceeds the %1 present for: %2%3. Correct the marked rows, then save.")
            .replace("%1", str(self.present))
            .replace("%2", names)
            .replace("%3", more)
        )

    def _total(self, r: int) -> int:
        return sum(int(self._cell(r, c).text() or 0) for c in self.VOTE_COLUMNS)

    def _update_total(self, r: int) -> None:
        texts = [self._cell(r, c).text() for c in self.VOTE_COLUMNS]
        total_item = self._cell(r, self.COL_TOTAL)
        total = self._total(r)
        total_item.setText(str(total) if any(texts) else "")
        over = self.present is not None and total > self.present
        for c in range(self.columnCount()):
            item = self._cell(r, c)
            item.setForeground(QBrush(OVER_COLOUR) if over else QBrush())
            item.setBackground(QBrush(OVER_BACKGROUND) if over else QBrush())
        total_item.setToolTip(
            self.tr("More votes than the %1 present").replace("%1", str(self.present)) if over else ""
        )
        self.totals_changed.emit()

    # --- typing ---------------------------------------------------------------------------------------

    def _arrived(self, *_args: object) -> None:
        self._fresh = True

    def _next_cell(self, r: int, c: int) -> tuple[int, int] | None:
        if c in self.VOTE_COLUMNS and c != self.COL_ABSTAIN:
            return r, c + 1
        for nr in range(r + 1, self.rowCount()):
            if not self.isRowHidden(nr):
                return nr, self.COL_FOR
        return None

    def _previous_cell(self, r: int, c: int) -> tuple[int, int] | None:
        if c in self.VOTE_COLUMNS and c != self.COL_FOR:
            return r, c - 1
        for nr in range(r - 1, -1, -1):
            if not self.isRowHidden(nr):
                return nr, self.COL_ABSTAIN
        return None

    def move_on(self, backwards: bool = False) -> None:
        r, c = self.currentRow(), self.currentColumn()
        target = self._previous_cell(r, c) if backwards else self._next_cell(r, c)
        if target is None:
            QWidget.focusNextPrevChild(self, not backwards)  # past the last household: the form's next widget
            return
        self.setCurrentCell(*target)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key, text = event.key(), event.text()
        r, c = self.currentRow(), self.currentColumn()
        item = self.item(r, c) if r >= 0 and c in self.VOTE_COLUMNS else None
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_on(backwards=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if key == Qt.Key.Key_Backtab:
            self.move_on(backwards=True)
            return
        if item is not None and len(text) == 1 and text.isdigit() and text.isascii():
            current = "" if self._fresh else item.text()
            if len(current) < MAX_DIGITS:
                item.setText(str(int(current + text)))
            self._fresh = False
            self._update_total(r)
            return
        if item is not None and key == Qt.Key.Key_Backspace:
            item.setText(item.text()[:-1])
            self._fresh = False
            self._update_total(r)
            return
        if item is not None and key == Qt.Key.Key_Delete:
            item.setText("")
            self._update_total(r)
            return
        super().keyPressEvent(event)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:  # noqa: N802
        """Arrow keys and clicks stay on the vote cells."""
        index = super().moveCursor(action, modifiers)
        if index.isValid() and index.column() not in self.VOTE_COLUMNS:
            column = self.COL_FOR if index.column() < self.COL_FOR else self.COL_ABSTAIN
            return self.model().index(index.row(), column)
        return index
