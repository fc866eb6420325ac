"""One dialog for every step's form: the fields come from ``forms/steps/*.json``, not from Python.

The caller gives the choices the data cannot know (households on a list, open objections, members) and a
``submit(values)`` callback that runs the use case in one transaction. A refused form keeps the dialog open
with the Chinese reason above the buttons, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services.procedure import MAX_LOOK_NOTE, FieldSpec, FormSpec, look_groups, require
from desktop_app.ui.i18n import current_language
from desktop_app.ui.votes_table import VotesTable


def ui_language() -> str:
    """The UI language installed last ("zh_CN" or "en"): the forms' labels follow it."""
    return current_language()


def _lang() -> str:
    return "en" if ui_language() == "en" else "zh"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class StepFormDialog(QDialog):
    """A step's form. ``choices[key]`` lists (id, label) for households/household/objection/member/votes fields.

    A votes field's choices may carry a third element, the household's group. ``votes_present`` is the number
    present that the votes are checked against when the form itself has no 实到人数 field (recording votes on
    an existing meeting); with such a field the check follows what is typed there.
    """

    def __init__(
        self,
        spec: FormSpec,
        *,
        today: date,
        submit: Callable[[dict[str, Any]], Any],
        choices: Mapping[str, Sequence[tuple[str, ...]]] | None = None,
        defaults: Mapping[str, Any] | None = None,
        hidden: Sequence[str] = (),
        title: str = "",
        votes_present: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.today = today
        self._submit = submit
        self._hidden = set(hidden)
        self.result_value: Any = None
        lang = _lang()
        self.setWindowTitle(title or spec.title(lang))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if spec.help_zh and lang == "zh":
            helper = QLabel(spec.help_zh)
            helper.setWordWrap(True)
            layout.addWidget(helper)
        form = QFormLayout()
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        layout.addLayout(columns, 1)
        self.widgets: dict[str, QWidget] = {}
        defaults = dict(defaults or {})
        shown = [f for f in spec.fields if f.key not in self._hidden]
        for field in spec.fields:
            widget = self._make(field, (choices or {}).get(field.key, ()), defaults.get(field.key, field.default))
            self.widgets[field.key] = widget
            if field.key in self._hidden:
                widget.hide()
                continue
            label = field.label(lang) + (" *" if field.required else "")
            if isinstance(widget, VotesTable) and len(shown) > 1:
                columns.addWidget(self._beside(label, widget), 1)  # the whole list beside the meeting's data
            else:
                form.addRow(label, widget)
        self._bind_votes(votes_present)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # --- widgets ------------------------------------------------------------------------------------

    def _beside(self, label: str, table: VotesTable) -> QGroupBox:
        box = QGroupBox(label, self)
        inner = QVBoxLayout(box)
        inner.addWidget(table, 1)
        return box

    def votes_table(self) -> VotesTable | None:
        return next((w for w in self.widgets.values() if isinstance(w, VotesTable)), None)

    def _bind_votes(self, present: int | None) -> None:
        """The vote table follows the households chosen and is checked against the number present."""
        table = self.votes_table()
        if table is None:
            return
        chosen = next((w for w in self.widgets.values() if isinstance(w, _HouseholdList)), None)
        if chosen is not None:
            chosen.list.itemChanged.connect(lambda _item: table.show_only(chosen.checked()))
            table.show_only(chosen.checked())
        spin = self.widgets.get("attendees_present")
        if isinstance(spin, QSpinBox):
            spin.valueChanged.connect(table.set_present)
            table.set_present(spin.value())
        else:
            table.set_present(present)
        table.totals_changed.connect(self._votes_changed)

    def _votes_changed(self) -> None:
        table = self.votes_table()
        if table is not None and not table.problem() and self.error_label.isVisible():
            self.error_label.hide()  # the marked rows were corrected

    def _make(self, field: FieldSpec, choices: Sequence[tuple[str, ...]], default: Any) -> QWidget:
        kind = field.type
        if kind == "text":
            edit = QLineEdit()
            if isinstance(default, str) and default not in ("today", "head"):
                edit.setText(default)
            if field.hint_zh and _lang() == "zh":
                edit.setPlaceholderText(field.hint_zh)
            return edit
        if kind == "multiline":
            text = QPlainTextEdit()
            text.setMaximumHeight(80)
            if isinstance(default, str):
                text.setPlainText(default)
            return text
        if kind == "date":
            edit_date = QDateEdit()
            edit_date.setCalendarPopup(True)
            edit_date.setDisplayFormat("yyyy-MM-dd")
            edit_date.setDate(to_qdate(default if isinstance(default, date) else self.today))
            return edit_date
        if kind == "int":
            spin = QSpinBox()
            spin.setRange(field.min if field.min is not None else 0, field.max if field.max is not None else 99999)
            if isinstance(default, int):
                spin.setValue(default)
            return spin
        if kind == "bool":
            box = QCheckBox()
            box.setChecked(bool(default))
            return box
        if kind == "choice":
            combo = QComboBox()
            for option in field.options:
                combo.addItem(option.label(_lang()), option.code)
            if default is not None:
                combo.setCurrentIndex(max(0, combo.findData(default)))
            return combo
        if kind in ("household", "objection", "member"):
            combo = QComboBox()
            if not field.required:
                combo.addItem("", None)
            for value, label in choices:
                combo.addItem(label, value)
            if default is not None:
                combo.setCurrentIndex(max(0, combo.findData(default)))
            return combo
        if kind == "households":
            return _HouseholdList(choices, default, self)
        if kind == "votes":
            table = VotesTable(choices, self)
            if isinstance(default, Mapping):
                for hid, votes in default.items():
                    if hid in table.household_ids():
                        table.set_votes(hid, votes)
            return table
        if kind == "looks":
            return _LooksEditor(field, default, self)
        raise ValueError(kind)

    def value(self, key: str) -> Any:
        field = self.spec.field(key)
        widget = self.widgets[key]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, QDateEdit):
            return from_qdate(widget.date())
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, _HouseholdList):
            return widget.checked()
        if isinstance(widget, VotesTable):
            return widget.votes()
        if isinstance(widget, _LooksEditor):
            return widget.notes()
        raise ValueError(field.type)

    def values(self) -> dict[str, Any]:
        return {field.key: self.value(field.key) for field in self.spec.fields}

    def set_value(self, key: str, value: Any) -> None:
        """Fill a field programmatically (tests, defaults computed after opening)."""
        widget = self.widgets[key]
        if isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QDateEdit):
            widget.setDate(to_qdate(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        elif isinstance(widget, _HouseholdList):
            widget.set_checked(value)
        elif isinstance(widget, VotesTable):
            for hid, votes in dict(value).items():
                widget.set_votes(hid, votes)
        elif isinstance(widget, _LooksEditor):
            widget.set_notes(value)

    # --- submitting ---------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def try_submit(self) -> bool:
        values = self.values()
        table = self.votes_table()
        if table is not None and not table.isHidden() and table.problem():
            self.show_error(table.problem())
            return False
        try:
            require(self.spec, values)
            self.result_value = self._submit(values)
        except DomainError as exc:
            self.show_error(exc.message_zh if _lang() == "zh" else exc.message_en)
            return False
        self.accept()
        return True


class _LooksEditor(QWidget):
    """One line per item of the field's "look" checklists (五看, 四看 …): what the team saw there."""

    def __init__(self, field: FieldSpec, default: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        for title, items in look_groups(field, _lang()):
            box = QGroupBox(title, self)
            rows = QFormLayout(box)
            rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long item texts above full-width notes
            for key, label in items:
                edit = QLineEdit(box)
                edit.setMaxLength(MAX_LOOK_NOTE)
                edit.setObjectName(key)
                rows.addRow(label, edit)
                self.edits[key] = edit
            layout.addWidget(box)
        if isinstance(default, Mapping):
            self.set_notes(default)

    def notes(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.edits.items() if edit.text().strip()}

    def set_notes(self, notes: Mapping[str, Any]) -> None:
        for key, edit in self.edits.items():
            edit.setText(str(notes.get(key) or ""))


class _HouseholdList(QWidget):
    """A checkable list of households, with "select all"."""

    def __init__(self, choices: Sequence[tuple[str, ...]], default: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        wanted = set(default or ()) if isinstance(default, list | tuple | set) else None
        for hid, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, hid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = wanted is None or hid in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        row = QHBoxLayout()
        self.count_label = QLabel()
        all_button = QPushButton(self.tr("Select all"))
        none_button = QPushButton(self.tr("Select none"))
        all_button.clicked.connect(lambda: self._set_all(True))
        none_button.clicked.connect(lambda: self._set_all(False))
        row.addWidget(self.count_label)
        row.addStretch(1)
        row.addWidget(all_button)
        row.addWidget(none_button)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.list.itemChanged.connect(self._update_count)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n household(s) chosen", "", len(self.checked())))

    def _set_all(self, on: bool) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_checked(self, ids: Sequence[str]) -> None:
        wanted = set(ids)
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
