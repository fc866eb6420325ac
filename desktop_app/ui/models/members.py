"""The members of a household as a Qt table model over ``MemberForm`` rows (the card's member table).

Typing a resident ID fills sex and birth date from it; an invalid ID turns its cell red with the reason
(in the tooltip, and in the card's problem list). Sex and birth date are read from the ID, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain import fields, idnumber
from desktop_app.services.households import FieldError, MemberForm
from desktop_app.ui.card_widgets import NO_VALUE, code_label, ui_lang

_Index = QModelIndex | QPersistentModelIndex
INVALID_BRUSH = QBrush(QColor("#f8d0d0"))
DERIVED_BRUSH = QBrush(QColor("#eeeeee"))
_DECLARED = fields.by_name("member")


@dataclass(frozen=True)
class Column:
    field: str
    kind: str  # text, id, code, bool, months, derived
    list_id: str | None = None
    required: bool = False


def _column(name: str, kind: str, *, required: bool = False) -> Column:
    """A column of a declared member field (domain.fields): its code list comes from the declaration."""
    spec = _DECLARED[name]
    list_id = "yes_no" if spec.kind == fields.BOOL else spec.codelist
    return Column(name, kind, list_id, required)


COLUMNS: tuple[Column, ...] = (
    _column("name", "text", required=True),
    _column("id_number", "id", required=True),
    _column("relation", "code", required=True),
    _column("sex", "derived"),
    _column("birth_date", "derived"),
    _column("ethnicity", "code"),
    _column("education", "code"),
    _column("school_status", "code"),
    _column("health", "code"),
    _column("disability_grade", "code"),
    _column("labour", "code"),
    _column("work_status", "code"),
    _column("months_away", "months"),
    _column("medical_insurance", "bool"),
    _column("serious_illness_insurance", "bool"),
    _column("pension_insurance", "bool"),
    _column("subsistence_allowance", "bool"),
    _column("is_public_official", "bool", required=True),  # never blank: yes or no
    _column("phone", "text"),
    _column("active", "derived"),  # members leave through the procedure (date and reason)
)
COL = {column.field: i for i, column in enumerate(COLUMNS)}


def _bool_code(value: bool | None) -> str | None:
    return None if value is None else ("1" if value else "0")


class MemberTableModel(QAbstractTableModel):
    """Rows are ``MemberForm`` objects owned by the model; the card copies them in and out."""

    edited = Signal()
    id_checked = Signal(int, object)  # row, IdCheck: after an ID cell was committed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberForm] = []
        self._errors: dict[tuple[int, str], str] = {}

    def _headers(self) -> dict[str, str]:
        return {
            "name": self.tr("Name *"),
            "id_number": self.tr("Resident ID *"),
            "relation": self.tr("Relation to head *"),
            "sex": self.tr("Sex"),
            "birth_date": self.tr("Birth date"),
            "ethnicity": self.tr("Ethnicity"),
            "education": self.tr("Education"),
            "school_status": self.tr("In school"),
            "health": self.tr("Health"),
            "disability_grade": self.tr("Disability grade"),
            "labour": self.tr("Labour ability"),
            "work_status": self.tr("Work status"),
            "months_away": self.tr("Months away"),
            "medical_insurance": self.tr("Medical insurance"),
            "serious_illness_insurance": self.tr("Serious-illness insurance"),
            "pension_insurance": self.tr("Pension insurance"),
            "subsistence_allowance": self.tr("Subsistence allowance"),
            "is_public_official": self.tr("Public official"),
            "phone": self.tr("Phone"),
            "active": self.tr("On the card"),
        }

    # --- content -------------------------------------------------------------------------------------
    def members(self) -> list[MemberForm]:
        return self._rows

    def set_members(self, members: list[MemberForm]) -> None:
        self.beginResetModel()
        self._rows = members
        self._errors = {}
        self.endResetModel()

    def set_errors(self, errors: list[FieldError]) -> None:
        """Problems found by the card's validation (e.g. an ID used in another household)."""
        fresh = {(e.member, e.field): e.message(ui_lang()) for e in errors if e.member is not None}
        if fresh != self._errors:
            self._errors = fresh
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def insert_member(self, row: int | None = None) -> int:
        row = len(self._rows) if row is None else row
        self.beginInsertRows(QModelIndex(), row, row)
        # The first member is the head; later ones start with the head's ethnicity (a family usually shares it).
        first = self._rows[0] if self._rows else None
        self._rows.insert(
            row, MemberForm(relation=None if first else "01", ethnicity=first.ethnicity if first else None)
        )
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_member(self, row: int) -> MemberForm:
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self._rows.pop(row)
        self.endRemoveRows()
        self._errors = {}
        self.edited.emit()
        return removed

    # --- Qt model --------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers()[COLUMNS[section].field]
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = COLUMNS[index.column()]
        masked = column.kind == "id" and "*" in (self._rows[index.row()].id_number or "")
        if column.kind != "derived" and not masked:  # a masked ID (the role sees it so) is never edited
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def id_check(self, row: int) -> idnumber.IdCheck | None:
        text = self._rows[row].id_number
        return idnumber.check(text) if text else None

    def problem(self, row: int, field: str) -> str | None:
        """Why this cell is marked red, if it is."""
        if field == "id_number":
            result = self.id_check(row)
            if result is not None and not result.valid:
                return (result.reason_en if ui_lang() == "en" else result.reason) or ""
        return self._errors.get((row, field))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        member = self._rows[index.row()]
        value = getattr(member, column.field)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.field == "active":
                return code_label("yes_no", _bool_code(value))
            if column.kind in ("code", "derived") and column.list_id:
                return code_label(column.list_id, value)
            if column.kind == "bool":
                return code_label("yes_no", _bool_code(value))
            if column.field == "birth_date":
                return value.isoformat() if value else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            if column.kind == "bool":
                return _bool_code(value) or NO_VALUE
            if column.kind == "months":
                return value or 0
            return value if value is not None else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.problem(index.row(), column.field):
                return INVALID_BRUSH
            if column.kind == "derived":
                return DERIVED_BRUSH
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problem(index.row(), column.field)
        if role == Qt.ItemDataRole.ForegroundRole and not member.active:
            return QBrush(QColor("#888888"))
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        row = index.row()
        member = self._rows[row]
        if column.kind == "derived":
            return False
        if column.kind == "bool":
            new: Any = None if value in (None, "") else value in ("1", True)
            if column.required and new is None:
                new = False
        elif column.kind == "months":
            new = int(value) if value not in (None, "") else None
        elif column.kind == "code":
            new = value or None
        else:
            new = str(value).strip()
        if getattr(member, column.field) == new:
            return False
        setattr(member, column.field, new)
        first, last = index.column(), index.column()
        if column.kind == "id":
            result = idnumber.check(new) if new else None
            member.sex = result.sex if result and result.valid else None
            member.birth_date = result.birth_date if result and result.valid else None
            first, last = min(first, COL["sex"]), max(last, COL["birth_date"])
            self._errors.pop((row, "id_number"), None)
        self._errors.pop((row, column.field), None)
        self.dataChanged.emit(self.index(row, first), self.index(row, last))
        self.edited.emit()
        if column.kind == "id":
            self.id_checked.emit(row, result)
        return True
