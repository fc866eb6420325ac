"""Dialogs for the household actions of the 户 menu and the list's context menu: remove a card made by
mistake, move a household, split off members, merge two households (the use cases of services.households).

Each dialog asks for what the action needs and a reason, runs the use case in one transaction and stays
open with the refusal in red when the service says no; on success ``result_text`` says what happened and
``household_id`` is the household to select afterwards (the new one after a split).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services import households as ha
from desktop_app.ui.card_widgets import ui_lang

CONTEXT = "HouseholdActions"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _lang() -> str:
    return ui_lang()


class HouseholdActionDialog(QDialog):
    """The frame every action shares: a heading, the action's own fields, a reason, an error line, buttons."""

    title = "Household action"
    ok_text = "OK"

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.household_id = household_id
        self.result_text = ""
        self.facts = ha.action_facts(db, household_id)
        self.setWindowTitle(_tr(self.title))
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{self.facts.label}</b>　{self.facts.place}")
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.build()
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.form.addRow(_tr("Reason (required, kept in the history)"), self.reason)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr(self.ok_text))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(560, max(360, self.sizeHint().width())))

    def build(self) -> None:
        """Add the action's own fields to ``self.form``."""

    def run(self) -> str:
        """Run the action's use case (one unit of work); returns what happened, in words."""
        raise NotImplementedError

    def submit(self) -> None:
        try:
            self.result_text = self.run()
        except DomainError as exc:
            self.error.setText(exc.message(_lang()))
            return
        self.accept()


class RemoveCardDialog(HouseholdActionDialog):
    title = "Remove household card"
    ok_text = "Remove card"

    def build(self) -> None:
        note = QLabel(
            _tr(
                "Only for a card created by mistake (a duplicate or a test). The card stays in the archive as "
                "removed; a household with procedure steps cannot be removed."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)

    def run(self) -> str:
        ha.remove_household(self._db, self.household_id, reason=self.reason.text())
        return _tr("The card of %1 was removed.").replace("%1", self.facts.label)


class MoveHouseholdDialog(HouseholdActionDialog):
    title = "Move household"
    ok_text = "Move"

    def build(self) -> None:
        self.village = QComboBox()
        self.village.setObjectName("village")
        for village_id, name in self.facts.villages:
            self.village.addItem(name, village_id)
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.form.addRow(_tr("Village"), self.village)
        self.form.addRow(_tr("Village group"), self.group)
        self.village.currentIndexChanged.connect(lambda _i: self._fill_groups())
        self.village.setCurrentIndex(max(0, self.village.findData(self.facts.village_id)))
        self._fill_groups()

    def _fill_groups(self) -> None:
        self.group.clear()
        self.group.addItem(_tr("(no group)"), "")
        for group_id, name in self.facts.groups.get(self.village.currentData() or "", []):
            self.group.addItem(name, group_id)
        if self.village.currentData() == self.facts.village_id:
            self.group.setCurrentIndex(max(0, self.group.findData(self.facts.group_id or "")))

    def choose(self, village: str, group: str | None) -> None:
        """Pick the target by name (tests and keyboard users alike)."""
        self.village.setCurrentIndex(self.village.findText(village))
        self.group.setCurrentIndex(self.group.findText(group) if group else 0)

    def run(self) -> str:
        number = ha.move_household(
            self._db,
            self.household_id,
            village_id=self.village.currentData(),
            group_id=self.group.currentData() or None,
            reason=self.reason.text(),
        )
        target = self.village.currentText() + (self.group.currentText() if self.group.currentData() else "")
        return _tr("Moved to %1 (household number %2).").replace("%1", target).replace("%2", number)


class SplitHouseholdDialog(HouseholdActionDialog):
    title = "Split household"
    ok_text = "Split"

    def build(self) -> None:
        self.members = QListWidget()
        self.members.setObjectName("members")
        for member_id, name, relation in self.facts.members:
            item = QListWidgetItem(f"{name}（{relation}）" if relation else name)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members.addItem(item)
        self.members.setMaximumHeight(8 * self.fontMetrics().height() + 12)
        self.new_head = QComboBox()
        self.new_head.setObjectName("new_head")
        self.remaining_head = QComboBox()
        self.remaining_head.setObjectName("remaining_head")
        self.remaining_label = QLabel(_tr("New head of this household"))
        self.form.addRow(_tr("Members who form the new household"), self.members)
        self.form.addRow(_tr("Head of the new household"), self.new_head)
        self.form.addRow(self.remaining_label, self.remaining_head)
        self.members.itemChanged.connect(lambda _item: self._update())
        self._update()

    def checked(self) -> list[str]:
        items = (self.members.item(r) for r in range(self.members.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def check(self, *names: str) -> None:
        for r in range(self.members.count()):
            item = self.members.item(r)
            member_name = next(n for i, n, _rel in self.facts.members if i == item.data(Qt.ItemDataRole.UserRole))
            item.setCheckState(Qt.CheckState.Checked if member_name in names else Qt.CheckState.Unchecked)

    def _update(self) -> None:
        leaving = set(self.checked())
        for combo, wanted in ((self.new_head, True), (self.remaining_head, False)):
            keep = combo.currentData()
            combo.clear()
            for member_id, name, _relation in self.facts.members:
                if (member_id in leaving) == wanted:
                    combo.addItem(name, member_id)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
        head_leaves = bool(leaving & {self.facts.head_member_id})
        self.remaining_head.setVisible(head_leaves)
        self.remaining_label.setVisible(head_leaves)

    def run(self) -> str:
        result = ha.split_household(
            self._db,
            self.household_id,
            member_ids=self.checked(),
            new_head_id=self.new_head.currentData() or "",
            reason=self.reason.text(),
            remaining_head_id=self.remaining_head.currentData() if self.remaining_head.isVisible() else None,
        )
        self.household_id = result.household_id
        return (
            _tr("%1 now form household %2; check their relations on its card.")
            .replace("%1", "、".join(n for i, n, _r in self.facts.members if i in self.checked()))
            .replace("%2", result.number)
        )


class MergeHouseholdsDialog(HouseholdActionDialog):
    title = "Merge households"
    ok_text = "Merge"

    def build(self) -> None:
        self.other = QComboBox()
        self.other.setObjectName("other")
        self.other.setEditable(True)  # typing a number or a name finds the household in a long village list
        self.other.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for other_id, label in self.facts.neighbours:
            self.other.addItem(label, other_id)
        self.other.setCurrentIndex(-1)
        note = QLabel(
            _tr(
                "The members of the chosen household join this one; its card is then kept as merged, with its "
                "own procedure history."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(_tr("Household to merge into this one"), self.other)
        self.form.addRow(note)

    def run(self) -> str:
        index = self.other.findText(self.other.currentText())
        other_id = self.other.itemData(index) if index >= 0 else None
        if not other_id:
            raise DomainError("choose_household", "请选择要并入本户的户", "choose the household to merge")
        ha.merge_households(self._db, self.household_id, other_id, reason=self.reason.text())
        return _tr("%1 was merged into %2.").replace("%1", self.other.currentText()).replace("%2", self.facts.label)


DIALOGS: dict[str, type[HouseholdActionDialog]] = {
    "remove": RemoveCardDialog,
    "move": MoveHouseholdDialog,
    "split": SplitHouseholdDialog,
    "merge": MergeHouseholdsDialog,
}
# the menu texts (English sources, translated in the HouseholdActions context)
MENU_TEXTS = {
    "move": "Move household…",
    "split": "Split household…",
    "merge": "Merge another household into this one…",
    "remove": "Remove household card…",
}


def menu_text(action: str) -> str:
    return _tr(MENU_TEXTS[action])


def open_household_action(parent: QWidget, db: Database, household_id: str, action: str) -> Any:
    """Open the dialog of ``action`` (non-modal); returns it so the caller can listen to ``accepted``."""
    try:
        dialog = DIALOGS[action](db, household_id, parent)
    except DomainError as exc:
        QMessageBox.information(parent, _tr(DIALOGS[action].title), exc.message(_lang()))
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


__all__ = ["DIALOGS", "MENU_TEXTS", "menu_text", "open_household_action"]
