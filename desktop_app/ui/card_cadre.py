"""Card tabs "pairing cadre", "assistance measures" and "history"."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import catalog
from desktop_app.domain import labels
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.services.households.forms import CadreForm, Choice, HouseholdForm, MeasureForm
from desktop_app.services.households.history import HistoryEntry
from desktop_app.ui.card_widgets import code_label, ui_lang

_Index = QModelIndex | QPersistentModelIndex


class CadreTab(QWidget):
    """Choose a pairing cadre on file, or enter a new one (saved with the card)."""

    edited = Signal()
    search_requested = Signal(str)  # the card looks cadres up by name in the database

    def __init__(self, cadres: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.existing = QRadioButton(self.tr("Choose a cadre on file"), self)
        self.new = QRadioButton(self.tr("Enter a new cadre"), self)
        self.find = QLineEdit(self)
        self.find.setObjectName("find_cadre")
        self.find.setPlaceholderText(self.tr("Find a cadre of the county by name"))
        self.find.textEdited.connect(self.search_requested)
        self.cadre = QComboBox(self)
        self.cadre.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cadre.setMinimumContentsLength(30)
        self.set_cadres(cadres)
        self.name = QLineEdit(self)
        self.unit = QLineEdit(self)
        self.phone = QLineEdit(self)
        layout.addRow(self.existing)
        layout.addRow(self.tr("Find"), self.find)
        layout.addRow(self.tr("Pairing cadre"), self.cadre)
        layout.addRow(self.new)
        layout.addRow(self.tr("Name *"), self.name)
        layout.addRow(self.tr("Unit"), self.unit)
        layout.addRow(self.tr("Phone"), self.phone)
        self.existing.setChecked(True)
        self.existing.toggled.connect(self._mode_changed)
        self.cadre.activated.connect(lambda _i: self.edited.emit())
        for edit in (self.name, self.unit, self.phone):
            edit.textEdited.connect(lambda _t: self.edited.emit())
        self._mode_changed()
        self.fields = {"cadre_id": self.cadre, "new_cadre": self.name}

    def set_cadres(self, cadres: list[Choice], keep: str | None = None) -> None:
        """The cadres offered (the village's, or those found by name); ``keep`` stays chosen."""
        self.cadre.clear()
        self.cadre.addItem(self.tr("(none)"), "")
        for choice in cadres:
            self.cadre.addItem(f"{choice.label}  {choice.detail}".strip(), choice.id)
        if keep:
            self.cadre.setCurrentIndex(max(self.cadre.findData(keep), 0))

    def _mode_changed(self) -> None:
        new = self.new.isChecked()
        self.cadre.setEnabled(not new)
        self.find.setEnabled(not new)
        for edit in (self.name, self.unit, self.phone):
            edit.setEnabled(new)
        self.edited.emit()

    def load(self, form: HouseholdForm) -> None:
        self.blockSignals(True)
        try:
            self.cadre.setCurrentIndex(max(self.cadre.findData(form.cadre_id or ""), 0))
            new = form.new_cadre
            self.new.setChecked(new is not None)
            self.existing.setChecked(new is None)
            self.name.setText(new.name if new else "")
            self.unit.setText(new.unit if new else "")
            self.phone.setText(new.phone if new else "")
            self._mode_changed()
        finally:
            self.blockSignals(False)

    def store(self, form: HouseholdForm) -> None:
        if self.new.isChecked():
            form.new_cadre = CadreForm(self.name.text().strip(), self.unit.text().strip(), self.phone.text().strip())
        else:
            form.new_cadre = None
            form.cadre_id = self.cadre.currentData() or None


MEASURE_COLUMNS = (
    "year",
    "type",
    "content",
    "amount_fen",
    "funds_source",
    "start_date",
    "end_date",
    "result",
    "delivered",
)


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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return (
            self.tr("Year *"),
            self.tr("Measure type *"),
            self.tr("Content"),
            self.tr("Amount (yuan)"),
            self.tr("Funds source"),
            self.tr("Start (YYYY-MM-DD)"),
            self.tr("End (YYYY-MM-DD)"),
            self.tr("Result"),
            self.tr("Delivered"),
        )[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        name = MEASURE_COLUMNS[index.column()]
        value = getattr(self.rows[index.row()], name)
        if name == "type":
            return (value or "") if role == Qt.ItemDataRole.EditRole else code_label("measure_type", value)
        if name == "delivered":
            return (
                ("1" if value else "0")
                if role == Qt.ItemDataRole.EditRole
                else code_label("yes_no", "1" if value else "0")
            )
        if name == "amount_fen":
            return format_yuan(value, grouping=role == Qt.ItemDataRole.DisplayRole)
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name = MEASURE_COLUMNS[index.column()]
        row = self.rows[index.row()]
        text = "" if value is None else str(value).strip()
        try:
            if name == "year":
                new: Any = int(text) if text else None
            elif name == "amount_fen":
                new = parse_yuan(text) if text else 0
            elif name in ("start_date", "end_date"):
                new = date.fromisoformat(text) if text else None
            elif name == "delivered":
                new = text == "1"
            elif name == "type":
                new = text or None
            else:
                new = text
        except ValueError:
            return False  # not a number or date: the cell keeps its value
        if getattr(row, name) == new:
            return False
        setattr(row, name, new)
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


class _MeasureDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        name = MEASURE_COLUMNS[index.column()]
        if name not in ("type", "delivered"):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        lang = ui_lang()
        for item in catalog.codelists()["measure_type" if name == "type" else "yes_no"]:
            combo.addItem(item.label(lang), item.code)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole) or ""), 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class MeasuresTab(QWidget):
    """The assistance plan: one row per measure (一户一策)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = MeasureModel(self)
        self.model.edited.connect(self.edited)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(_MeasureDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add measure"), self)
        self.remove_button = QPushButton(self.tr("Remove measure"), self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.fields = {"measure_type": self.view, "measure_year": self.view, "measure_amount": self.view}

    def _add(self) -> None:
        row = self.model.add()
        index = self.model.index(row, MEASURE_COLUMNS.index("type"))
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def load(self, form: HouseholdForm) -> None:
        self.model.set_measures([MeasureForm(**vars(m)) for m in form.measures])

    def store(self, form: HouseholdForm) -> None:
        form.measures = [MeasureForm(**vars(m)) for m in self.model.rows]


class HistoryTab(QWidget):
    """The change log of this household: when, who, what, old → new."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = QStandardItemModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        layout.addWidget(self.view)
        self.fields: dict[str, QWidget] = {}

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Record"), self.tr("Field"), self.tr("Old"), self.tr("New")]
        )
        lang = "en" if ui_lang() == "en" else "zh"
        en = lang == "en"
        for entry in entries:
            entity = labels.label("history_entity", entry.entity, lang)
            changed = not (entry.action == "create" or not entry.field)
            if not changed:
                field = labels.label("history_action", entry.action, lang)
            else:
                field = entry.field_label_en if en else entry.field_label_zh
            old, new = (entry.old_en, entry.new_en) if en else (entry.old_zh, entry.new_zh)
            if changed:  # an empty side of a change must read as empty, not as a missing cell
                old, new = old or labels.empty(lang), new or labels.empty(lang)
            cells = [
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                entry.operator,
                f"{entity} {entry.record_label}".strip(),
                field,
                old,
                new,
            ]
            self.model.appendRow([QStandardItem(text) for text in cells])
        self.view.resizeColumnsToContents()

    def load(self, form: HouseholdForm) -> None:  # the history is read from the database, not the form
        pass

    def store(self, form: HouseholdForm) -> None:
        pass
