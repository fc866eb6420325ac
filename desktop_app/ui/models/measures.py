"""The assistance plan of a card (一户一策) as a Qt table model over ``MeasureForm`` rows.

One column per declared measure field (``domain.fields.MEASURE_FIELDS``), headed by its label in the UI
language; a new field of a measure shows up here without an edit. Each kind is typed and shown its way:
amounts in yuan, dates as YYYY-MM-DD, codes and yes/no by their labels.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop_app.domain import fields
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.services.households import MeasureForm
from desktop_app.ui.card_widgets import code_label, ui_lang

_Index = QModelIndex | QPersistentModelIndex
MEASURE_COLUMNS: tuple[fields.FieldSpec, ...] = fields.MEASURE_FIELDS


def column_of(name: str) -> int:
    return next(i for i, spec in enumerate(MEASURE_COLUMNS) if spec.name == name)


def codelist_of(spec: fields.FieldSpec) -> str | None:
    """The code list a cell's choices come from (yes/no for a yes/no field)."""
    return "yes_no" if spec.kind == fields.BOOL else spec.codelist


class MeasureModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[MeasureForm] = []

    def set_measures(self, rows: list[MeasureForm]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MEASURE_COLUMNS)

    def header(self, spec: fields.FieldSpec) -> str:
        """The field's label with what typing it needs: the unit of money, the form of a date, a required mark."""
        lang = ui_lang()
        text = spec.label(lang)
        if lang == "en":
            text = text[:1].upper() + text[1:]
        if spec.kind == fields.MONEY:
            text += self.tr(" (yuan)")
        elif spec.kind == fields.DATE:
            text += self.tr(" (YYYY-MM-DD)")
        return text + (" *" if spec.required else "")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not 0 <= section < len(MEASURE_COLUMNS):
            return None
        return self.header(MEASURE_COLUMNS[section])

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        spec = MEASURE_COLUMNS[index.column()]
        value = getattr(self.rows[index.row()], spec.name)
        edit = role == Qt.ItemDataRole.EditRole
        if spec.kind == fields.CODE and spec.codelist:
            return (value or "") if edit else code_label(spec.codelist, value)
        if spec.kind == fields.BOOL:
            code = "1" if value else "0"
            return code if edit else code_label("yes_no", code)
        if spec.kind == fields.MONEY:
            return format_yuan(value, grouping=not edit)
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        spec = MEASURE_COLUMNS[index.column()]
        row = self.rows[index.row()]
        text = "" if value is None else str(value).strip()
        try:
            if spec.kind == fields.INT:
                new: Any = int(text) if text else None
            elif spec.kind == fields.MONEY:
                new = parse_yuan(text) if text else 0
            elif spec.kind == fields.DATE:
                new = date.fromisoformat(text) if text else None
            elif spec.kind == fields.BOOL:
                new = text == "1"
            elif spec.kind == fields.CODE:
                new = text or None
            else:
                new = text
        except ValueError:
            return False  # not a number or date: the cell keeps its value
        if getattr(row, spec.name) == new:
            return False
        setattr(row, spec.name, new)
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def add(self) -> int:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(MeasureForm(year=date.today().year))
        self.endInsertRows()
        self.edited.emit()
        return len(self.rows) - 1

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self.rows.pop(row)
        self.endRemoveRows()
        self.edited.emit()


__all__ = ["MEASURE_COLUMNS", "MeasureModel", "codelist_of", "column_of"]
