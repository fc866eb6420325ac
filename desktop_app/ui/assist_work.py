"""Monthly migrant-work monitoring (务工月监测) screens.

- :class:`WorkMonthsPage`: the village's month as a grid, one row per working-age member, typed by keyboard
  only: typing starts editing a cell, Tab and Enter move to the next cell, a channel or industry is typed by its
  label or code, Ctrl+S saves the month in one unit of work, Ctrl+Z / Ctrl+Y undo and redo unsaved edits. A cell
  that cannot be read is refused with its reason and nothing changes; a month with a problem is not saved at all.
- :class:`CardWorkSection`: one household's recorded months of a year on its card.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.assistance import month_of, month_text
from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import format_yuan
from desktop_app.services import Database
from desktop_app.services.assistance import household_work, save_work_months, work_grid
from desktop_app.ui.assist_base import CardSection, VillagePage
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.models.work_months import COLUMNS, WorkMonthsModel

_Index = QModelIndex | QPersistentModelIndex
_FIRST_EDITABLE = COLUMNS.index("worked")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _MoveOnEnter(QStyledItemDelegate):
    """Enter in a cell's editor commits it and opens the next cell, as Tab does; ``finish`` commits the open
    editor (Ctrl+S while typing in a cell saves what was typed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open: QWidget | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        self._open = editor
        editor.destroyed.connect(self._forget)
        return editor

    def _forget(self) -> None:
        self._open = None

    def finish(self) -> None:
        editor, self._open = self._open, None
        if editor is not None and editor.isVisible():
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER:
            if isinstance(editor, QWidget):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(editor, event)


class WorkGrid(QTableView):
    """The month's table: any key starts editing, Enter on a cell not being edited moves to the next one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = _MoveOnEnter(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in _ENTER and self.state() != QAbstractItemView.State.EditingState:
            self.move_next()
            return
        super().keyPressEvent(event)

    def moveCursor(  # noqa: N802 (Qt's name)
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Tab skips the read-only columns (household, head, member) and wraps to the next row."""
        if action != QAbstractItemView.CursorAction.MoveNext:
            return super().moveCursor(action, modifiers)
        return self._next_index()

    def _next_index(self) -> QModelIndex:
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return current
        row, column = current.row(), current.column() + 1
        if column >= model.columnCount():
            row, column = row + 1, _FIRST_EDITABLE
        if row >= model.rowCount():
            return current
        return model.index(row, max(column, _FIRST_EDITABLE))

    def move_next(self) -> None:
        target = self._next_index()
        if target.isValid():
            self.setCurrentIndex(target)


class WorkMonthsPage(VillagePage):
    """The village's month grid; saves through ``services.assistance.save_work_months``."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month"), self))
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName("work_month")
        self.month_edit.setDisplayFormat("yyyy-MM")
        today = date.today()
        self.month_edit.setDate(QDate(today.year, today.month, 1))
        top.addWidget(self.month_edit)
        self.summary = QLabel(self)
        self.summary.setObjectName("work_summary")
        top.addWidget(self.summary, 1)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.save_button = QPushButton(self.tr("Save month (Ctrl+S)"), self)
        self.save_button.setObjectName("work_save")
        for button in (self.undo_button, self.save_button):
            button.setAutoDefault(False)
            top.addWidget(button)
        layout.addLayout(top)
        self.model = WorkMonthsModel(self)
        self.table = WorkGrid(self)
        self.table.setObjectName("work_grid")
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("work_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._month = month_of(today)
        self.model.refused.connect(self._refused)
        self.model.undo_stack.indexChanged.connect(self._show_summary)
        self.undo_button.clicked.connect(self.model.undo_stack.undo)
        self.save_button.clicked.connect(self.save)
        self.month_edit.dateChanged.connect(self._month_changed)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.Undo, self.model.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.model.undo_stack.redo),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    @property
    def month(self) -> int:
        return self._month

    def set_month(self, month: int) -> None:
        self.month_edit.setDate(QDate(month // 100, month % 100, 1))

    def _month_changed(self, day: QDate) -> None:
        wanted = day.year() * 100 + day.month()
        if wanted == self._month:
            return
        if self.model.dirty_count():
            self.month_edit.blockSignals(True)
            self.month_edit.setDate(QDate(self._month // 100, self._month % 100, 1))
            self.month_edit.blockSignals(False)
            self.message.setText(self.tr("Save or undo this month's edits before changing the month."))
            return
        self._month = wanted
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        if self.village_id is None:
            self.model.set_rows(self._month, [])
        else:
            self.model.set_rows(self._month, work_grid(self.db, self.village_id, self._month))
        self._show_summary()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, _FIRST_EDITABLE))

    def _show_summary(self) -> None:
        rows = self.model.rowCount()
        worked = sum(1 for c in self.model.current if c.worked)
        text = self.tr("%1: %2 workers, %3 worked, %4 unsaved edits")
        for key, value in (("%1", month_text(self._month)), ("%2", rows), ("%3", worked)):
            text = text.replace(key, str(value))
        self.summary.setText(text.replace("%4", str(self.model.dirty_count())))
        self.undo_button.setEnabled(self.model.undo_stack.canUndo())

    def _refused(self, message: str) -> None:
        self.message.setText(self.tr("Not accepted: %1").replace("%1", message))

    def save(self) -> None:
        """Save the month's edited rows in one unit of work (nothing saved while one row is wrong)."""
        self.table.delegate.finish()
        entries = self.model.entries()
        if not entries:
            self.message.setText(self.tr("Nothing to save."))
            return
        try:
            changed = save_work_months(self.db, self._month, entries)
        except DomainError as exc:
            self.message.setText(self.tr("Not saved: %1").replace("%1", exc.message(ui_lang())))
            return
        where = self.table.currentIndex()
        self.refresh()
        if where.isValid():
            self.table.setCurrentIndex(self.model.index(where.row(), where.column()))
        self.message.setText(
            self.tr("Saved %1 rows of %2.").replace("%1", str(changed)).replace("%2", month_text(self._month))
        )
        self.changed.emit()


class CardWorkSection(CardSection):
    """The household's months of migrant work in one year (read-only; the village page types them)."""

    HEADERS = ("Member", "Month", "Worked", "County of work", "Channel", "Industry", "Employer", "Wage (yuan)")

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(db, household_id, parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("work_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        top.addWidget(self.year)
        self.total = QLabel(self)
        self.total.setObjectName("work_total")
        top.addWidget(self.total, 1)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setObjectName("work_months")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.year.valueChanged.connect(lambda _y: self.refresh())

    def refresh(self) -> None:
        super().refresh()
        rows = household_work(self.db, self.household_id, self.year.value())
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            worked = self.tr("yes") if r.worked else self.tr("no")
            wage = format_yuan(r.wage_fen) if r.wage_fen else ""
            values = (r.name, month_text(r.month), worked, r.place, r.channel_label, r.industry_label, r.employer, wage)
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        total = sum(r.wage_fen for r in rows if r.worked)
        self.total.setText(self.tr("Wages of the year: %1 yuan").replace("%1", format_yuan(total)))
