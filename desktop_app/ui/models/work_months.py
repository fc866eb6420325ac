"""A village's month of migrant-work monitoring as an editable Qt table model: one row per worker.

Each cell is typed as text and read at once: 是/否 for worked, a day of the month (``5``) or a date for start and
end, a channel or an industry by its label or its code, amounts in yuan. A cell that cannot be read is refused
(``setData`` returns False and ``refused`` carries the reason): nothing changes. Every accepted edit is a
command on the model's undo stack, so unsaved edits can be undone and redone; ``entries()`` gives the edited
rows to save in one unit of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoCommand, QUndoStack

from desktop_app import catalog
from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.domain.work_months import WorkEntry, month_bounds
from desktop_app.services.assistance import WorkRow
from desktop_app.ui.card_widgets import ui_lang

_Index = QModelIndex | QPersistentModelIndex
COLUMNS: tuple[str, ...] = ("number", "head", "name", "worked", "start", "end", "place", "channel", "industry")
COLUMNS += ("employer", "wage", "transport")
EDITABLE = frozenset(COLUMNS[3:])
HEADERS = {
    "number": "Household",
    "head": "Head",
    "name": "Member",
    "worked": "Worked",
    "start": "From",
    "end": "To",
    "place": "County of work",
    "channel": "Channel",
    "industry": "Industry",
    "employer": "Employer",
    "wage": "Wage (yuan)",
    "transport": "Transport subsidy (yuan)",
}
_YES = {"是", "1", "y", "yes", "务工", "√", "有"}
_NO = {"否", "0", "n", "no", "未务工", "x", "×", "无"}
_DIRTY = QColor("#fff4c2")


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkMonthsModel", text)


@dataclass(frozen=True)
class Cells:
    """One row's values as they stand (typed or saved)."""

    worked: bool | None  # None: nothing recorded or typed yet
    started_on: date | None
    ended_on: date | None
    place: str
    channel: str | None
    industry: str | None
    employer: str
    wage_fen: int
    transport_fen: int


def _cells(r: WorkRow) -> Cells:
    return Cells(
        r.worked if r.saved else None,
        r.started_on,
        r.ended_on,
        r.place,
        r.channel,
        r.industry,
        r.employer,
        r.wage_fen,
        r.transport_subsidy_fen,
    )


class CellRefused(ValueError):
    """A typed cell that cannot be read; the message says why, in the UI language."""


class _Edit(QUndoCommand):
    def __init__(self, model: WorkMonthsModel, row: int, before: Cells, after: Cells, text: str) -> None:
        super().__init__(text)
        self._model, self._row, self._before, self._after = model, row, before, after

    def redo(self) -> None:
        self._model.put(self._row, self._after)

    def undo(self) -> None:
        self._model.put(self._row, self._before)


class WorkMonthsModel(QAbstractTableModel):
    refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[WorkRow] = []
        self.saved: list[Cells] = []
        self.current: list[Cells] = []
        self.month = 0
        self.undo_stack = QUndoStack(self)

    def set_rows(self, month: int, rows: Sequence[WorkRow]) -> None:
        self.beginResetModel()
        self.month = month
        self.rows = list(rows)
        self.saved = [_cells(r) for r in rows]
        self.current = list(self.saved)
        self.undo_stack.clear()
        self.endResetModel()

    # --- Qt's model interface -------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _tr(HEADERS[COLUMNS[section]])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if COLUMNS[index.column()] in EDITABLE else base

    def text(self, row: int, column: str) -> str:
        r, c = self.rows[row], self.current[row]
        lang = ui_lang()
        fixed = {"number": r.number, "head": r.head_name, "name": r.name}
        if column in fixed:
            return fixed[column]
        if column == "worked":
            return "" if c.worked is None else (_tr("yes") if c.worked else _tr("no"))
        if column in ("start", "end"):
            day = c.started_on if column == "start" else c.ended_on
            return day.isoformat() if day else ""
        if column in ("channel", "industry"):
            code = c.channel if column == "channel" else c.industry
            return catalog.label(f"work_{column}", code, lang)
        if column in ("wage", "transport"):
            fen = c.wage_fen if column == "wage" else c.transport_fen
            return format_yuan(fen, grouping=False) if fen else ""
        return c.place if column == "place" else c.employer

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(COLUMNS):
            return None
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_dirty(index.row()) and column in EDITABLE:
            return QBrush(_DIRTY)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("wage", "transport"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].member_id
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or COLUMNS[index.column()] not in EDITABLE:
            return False
        row, column = index.row(), COLUMNS[index.column()]
        before = self.current[row]
        try:
            after = self.parse(before, column, str(value if value is not None else ""))
        except CellRefused as exc:
            who = self.rows[row].name
            self.refused.emit(
                _tr("%1, %2: %3").replace("%1", who).replace("%2", _tr(HEADERS[column])).replace("%3", str(exc))
            )
            return False
        if after != before:
            self.undo_stack.push(_Edit(self, row, before, after, f"{self.rows[row].name} {_tr(HEADERS[column])}"))
        return True

    # --- reading a typed cell -----------------------------------------------------------------------------
    def _day(self, text: str) -> date | None:
        if not text:
            return None
        first, last = month_bounds(self.month)
        if text.isdigit():  # the day of the month
            if not 1 <= int(text) <= last.day:
                raise CellRefused(_tr("the date is not in this month"))
            return first.replace(day=int(text))
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise CellRefused(_tr("not a date (type the day of the month, or YYYY-MM-DD)")) from exc
        if not first <= day <= last:
            raise CellRefused(_tr("the date is not in this month"))
        return day

    def _code(self, kind: str, text: str) -> str | None:
        if not text:
            return None
        found = catalog.parse_label(kind, text)
        if found is None:
            raise CellRefused(_tr("no such code or label: %1").replace("%1", text))
        return found

    def _fen(self, text: str) -> int:
        if not text:
            return 0
        try:
            fen = parse_yuan(text)
        except DomainError as exc:
            raise CellRefused(_tr("not an amount in yuan")) from exc
        if fen < 0:
            raise CellRefused(_tr("an amount cannot be negative"))
        return fen

    def parse(self, c: Cells, column: str, raw: str) -> Cells:
        """The row's values after typing ``raw`` into ``column`` (raises CellRefused)."""
        text = raw.strip()
        if column == "worked":
            low = text.lower()
            if low not in _YES | _NO | {""}:
                raise CellRefused(_tr("type 是 or 否 (1 or 0)"))
            if low in _NO:
                return replace(c, worked=False, started_on=None, ended_on=None, wage_fen=0)
            return replace(c, worked=True if low else None)
        if column == "place":
            return replace(c, place=text)
        if column == "employer":
            return replace(c, employer=text)
        if column == "transport":
            return replace(c, transport_fen=self._fen(text))
        changed = {
            "start": lambda: replace(c, started_on=self._day(text)),
            "end": lambda: replace(c, ended_on=self._day(text)),
            "channel": lambda: replace(c, channel=self._code("work_channel", text)),
            "industry": lambda: replace(c, industry=self._code("work_industry", text)),
            "wage": lambda: replace(c, wage_fen=self._fen(text)),
        }[column]()
        # typing what only a worker has marks the row as worked
        return replace(changed, worked=True) if text and changed.worked is not True else changed

    # --- the edits ----------------------------------------------------------------------------------------
    def put(self, row: int, cells: Cells) -> None:
        self.current[row] = cells
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def is_dirty(self, row: int) -> bool:
        return self.current[row] != self.saved[row]

    def dirty_count(self) -> int:
        return sum(1 for i in range(len(self.rows)) if self.is_dirty(i))

    def entries(self) -> list[WorkEntry]:
        """The edited rows as entries to save (a row typed back to its saved values is not one)."""
        out = []
        for i, r in enumerate(self.rows):
            if not self.is_dirty(i):
                continue
            c = self.current[i]
            out.append(
                WorkEntry(
                    member_id=r.member_id,
                    worked=bool(c.worked),
                    started_on=c.started_on,
                    ended_on=c.ended_on,
                    place=c.place,
                    channel=c.channel,
                    industry=c.industry,
                    employer=c.employer,
                    wage_fen=c.wage_fen,
                    transport_subsidy_fen=c.transport_fen,
                    note=r.note,
                )
            )
        return out


__all__ = ["COLUMNS", "EDITABLE", "HEADERS", "CellRefused", "WorkMonthsModel"]
