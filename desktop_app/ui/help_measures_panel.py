"""The help measures on the card's monitoring tab (帮扶措施): the household's findings of the help check above
its measures by year, with 添加/修改/删除.

The findings are ``help_check``'s for this household (e.g. 风险“因病”没有对应的帮扶措施（应有：健康帮扶）); they
go away once a matching measure is saved. Keyboard (the list focused): Insert adds, Enter (or a double-click)
edits the selected measure, Delete removes it after a confirmation.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import label
from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services.monitoring import (
    HelpFinding,
    HelpRow,
    add_help_measure,
    help_check,
    help_measures,
    remove_help_measure,
    update_help_measure,
)
from desktop_app.services.permissions import refusal
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.help_measure_dialog import HelpMeasureDialog, MeasureInput
from desktop_app.ui.models.help_measures import HelpMeasuresModel, values_text
from desktop_app.ui.monitoring_actions import Today, today_of


def rows_table(table: QAbstractItemView) -> None:
    """A read-only list chosen a whole row at a time, columns fitted to their text, the last one stretched."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if isinstance(table, QTableView):
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)


def finding_text(finding: HelpFinding) -> str:
    return finding.message if ui_lang() == "zh" else finding.message_en


class HelpMeasuresPanel(QWidget):
    """One household's help measures and help-check findings; ``village_code`` scopes the check."""

    def __init__(
        self,
        db: Database,
        household_id: str,
        parent: QWidget | None = None,
        *,
        today: Today = None,
        village_code: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.household_id = household_id
        self._today = today
        self.village_code = village_code
        self.findings: list[HelpFinding] = []
        self.current_dialog: HelpMeasureDialog | None = None
        self.current_message: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Help measures while monitored"))
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        self.findings_label.setStyleSheet("color: #b00020;")
        self.findings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.findings_label)
        self.model = HelpMeasuresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        rows_table(self.table)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for button, slot in (
            (self.add_button, self.open_add),
            (self.edit_button, self.open_edit),
            (self.remove_button, self.ask_remove),
        ):
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._keys = {
            Qt.Key.Key_Insert: self.add_button,
            Qt.Key.Key_Return: self.edit_button,
            Qt.Key.Key_Enter: self.edit_button,
            Qt.Key.Key_Delete: self.remove_button,
        }
        self._refusals: dict[QPushButton, tuple[str, str] | None] = {}
        self.table.doubleClicked.connect(lambda _index: self.edit_button.click())
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Insert adds, Enter edits, Delete removes (asking first) while the list has the focus."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            button = self._keys.get(Qt.Key(event.key()))
            if button is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                button.click()  # nothing when the button is disabled (no row chosen, or the role may not)
                return True
        return super().eventFilter(watched, event)

    def today(self) -> date:
        return today_of(self._today)

    def reload(self, village_code: str | None = None) -> None:
        """Read the measures and this household's findings again (the card's tab calls this on each change)."""
        if village_code is not None:
            self.village_code = village_code
        keep = self.selected()
        self._refusals = {
            self.add_button: refusal(self._db, "monitoring.measure_add"),
            self.edit_button: refusal(self._db, "monitoring.measure_update"),
            self.remove_button: refusal(self._db, "monitoring.measure_remove"),
        }
        self.model.set_rows(help_measures(self._db, self.household_id))
        if keep is not None:
            self.select_measure(keep.id)
        found = help_check(self._db, village_code=self.village_code, today=self.today()) if self.village_code else []
        self.findings = [f for f in found if f.household_id == self.household_id]
        self.findings_label.setText("\n".join(f"• {finding_text(f)}" for f in self.findings))
        self.findings_label.setVisible(bool(self.findings))
        self._enable()

    def _enable(self) -> None:
        """Edit and remove need a chosen measure; each button also needs the signed-in role's permission."""
        chosen = self.selected() is not None
        lang = ui_lang()
        for button, needs_row in ((self.add_button, False), (self.edit_button, True), (self.remove_button, True)):
            refused = self._refusals.get(button)
            button.setEnabled(refused is None and (chosen or not needs_row))
            button.setToolTip("" if refused is None else refused[0] if lang == "zh" else refused[1])

    def selected(self) -> HelpRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.measure(rows[0].row()) if rows else None

    def select_measure(self, measure_id: str) -> bool:
        for row, measure in enumerate(self.model.rows):
            if measure.id == measure_id:
                self.table.selectRow(row)
                return True
        return False

    def _open(self, dialog: HelpMeasureDialog) -> HelpMeasureDialog:
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "current_dialog", None))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def open_add(self) -> HelpMeasureDialog:
        def submit(entry: MeasureInput) -> Any:
            return add_help_measure(self._db, self.household_id, **entry.changes())

        return self._open(HelpMeasureDialog(submit, year=self.today().year, parent=self))

    def open_edit(self) -> HelpMeasureDialog | None:
        measure = self.selected()
        if measure is None:
            return None

        def submit(entry: MeasureInput) -> Any:
            return update_help_measure(self._db, measure.id, entry.changes())

        return self._open(HelpMeasureDialog(submit, year=measure.year, measure=measure, parent=self))

    def _saved(self, dialog: HelpMeasureDialog) -> None:
        self.reload()
        saved = dialog.result_value
        if isinstance(saved, HelpRow):
            self.select_measure(saved.id)

    def _box(self, icon: QMessageBox.Icon, text: str, buttons: QMessageBox.StandardButton) -> QMessageBox:
        """A non-blocking message box (kept in ``current_message`` for tests)."""
        box = QMessageBox(icon, self.tr("Help measures"), text, buttons, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "current_message", None))
        self.current_message = box
        box.open()
        return box

    def ask_remove(self) -> QMessageBox | None:
        """Ask before removing the selected measure; Yes removes it."""
        measure = self.selected()
        if measure is None:
            return None
        lang = ui_lang()
        category = label("help_category", measure.category, lang)
        what = f"{measure.year} {category}：{values_text(measure.category, measure.values, lang)}"
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        question = self.tr("Remove this help measure?\n%1").replace("%1", what)
        box = self._box(QMessageBox.Icon.Question, question, buttons)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self.remove(measure.id) if button is yes else None)
        return box

    def remove(self, measure_id: str) -> None:
        try:
            remove_help_measure(self._db, measure_id)
        except DomainError as exc:
            self.reload()
            self._box(QMessageBox.Icon.Warning, exc.message(ui_lang()), QMessageBox.StandardButton.Ok)
            return
        self.reload()


__all__ = ["HelpMeasuresPanel", "finding_text", "rows_table"]
