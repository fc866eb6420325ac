"""The household card editor: one dialog with a tab per section of the card (DOMAIN.md §5).

The dialog edits a plain :class:`HouseholdForm`; nothing is written until Save (Ctrl+S), which goes through
``services.households.save_card`` (so every save lands in the change log). Unsaved edits show as "*"
in the title and a label; closing asks; Ctrl+Z undoes the last edit (inside a text field, the field's own
undo), and "Revert all" returns to the saved card. Problems are shown where they are typed and listed
beside the member table, with a link to the other household when a resident ID is already on its card.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services import households as hh
from desktop_app.services.households import FieldError, HouseholdForm
from desktop_app.ui import card_monitoring  # the monitoring tab (防返贫监测)
from desktop_app.ui.card_assist import MOVES_CADRE, MOVES_INCOME, CardAssistPanel  # 帮扶台账
from desktop_app.ui.card_basic import BasicTab, LivingTab
from desktop_app.ui.card_cadre import CadreTab, HistoryTab, MeasuresTab
from desktop_app.ui.card_checklists import ChecklistTab
from desktop_app.ui.card_income import INCOME_EDITS, CausesTab, GuaranteesTab, IncomeTab
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.conflicts_dialog import open_conflicts_dialog
from desktop_app.ui.member_table import MemberTableView
from desktop_app.ui.models.members import COL, MemberTableModel
from desktop_app.ui.procedure_panel import ProcedurePanel

UNDO_LIMIT = 200


class MembersTab(QWidget):
    """The member table with its buttons, the live ID hint and the list of problems."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = MemberTableModel(self)
        self.view = MemberTableView(self)
        self.view.setModel(self.model)
        self.model.edited.connect(self.edited)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add member (Ctrl+N)"), self)
        self.remove_button = QPushButton(self.tr("Remove member (Del)"), self)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.id_hint = QLabel(self)
        self.id_hint.setObjectName("id_hint")
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.id_hint)
        layout.addWidget(self.problems)
        self.fields = {"members": self.view}

    def load(self, form: HouseholdForm) -> None:
        self.model.set_members(copy.deepcopy(form.members))

    def store(self, form: HouseholdForm) -> None:
        form.members = copy.deepcopy(self.model.members())


class HouseholdCardDialog(QDialog):
    """Create or edit one household's card."""

    saved = Signal(str)

    def __init__(
        self,
        db: Database,
        household_id: str | None,
        *,
        village_id: str | None = None,
        group_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.opened_cards: list[HouseholdCardDialog] = []
        card = hh.open_card(db, household_id, village_id=village_id, group_id=group_id)
        self._lines = card.lines
        self._checklists = card.checklists  # the county's 五不录/六优先 (settings)
        self._base = card.form
        self._errors: list[FieldError] = []
        self._build(card.groups, card.cadres)
        self._load(card.form)
        self.history.show_entries(card.history)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(150)
        self._check_timer.timeout.connect(self.run_checks)
        self.run_checks()
        self._fit_to_screen(1100, 680)  # 680 + title bar fits a 1366×768 laptop above its taskbar

    def _fit_to_screen(self, width: int, height: int) -> None:
        """Open at a comfortable size, but never taller or wider than the screen (1366×768 laptops)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            frame = 40  # title bar and borders drawn by the window manager
            width = min(width, room.width() - 16)
            height = min(height, room.height() - frame)
        hint = self.minimumSizeHint()
        self.resize(max(width, hint.width()), max(height, hint.height()))

    # --- building --------------------------------------------------------------------------------------
    def _build(self, groups: list[hh.Choice], cadres: list[hh.Choice]) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.unsaved_label = QLabel(self.tr("Unsaved changes"), self)
        self.unsaved_label.setObjectName("unsaved")
        self.unsaved_label.setStyleSheet("color: #b00020; font-weight: bold")
        top.addWidget(self.heading, 1)
        top.addWidget(self.unsaved_label)
        outer.addLayout(top)
        self.conflict_bar = QWidget(self)
        bar = QHBoxLayout(self.conflict_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        warning = QLabel(self.tr("This card has merge conflicts that a person must decide."), self.conflict_bar)
        warning.setStyleSheet("color: #a06000; font-weight: bold")
        self.resolve_button = QPushButton(self.tr("Resolve conflicts…"), self.conflict_bar)
        self.resolve_button.setAutoDefault(False)
        self.resolve_button.clicked.connect(self.resolve_conflicts)
        bar.addWidget(warning, 1)
        bar.addWidget(self.resolve_button)
        self.conflict_bar.setVisible(False)
        outer.addWidget(self.conflict_bar)
        self.tabs = QTabWidget(self)
        self.basic = BasicTab(groups, self)
        self.members = MembersTab(self)
        self.living = LivingTab(self)
        self.income = IncomeTab(self)
        self.guarantees = GuaranteesTab(self)
        self.causes = CausesTab(self)
        self.checklists = ChecklistTab(self, checklists=self._checklists)
        self.cadre = CadreTab(cadres, self)
        self.cadre.search_requested.connect(self._find_cadres)
        self.measures = MeasuresTab(self)
        self.history = HistoryTab(self)
        self.sections: list[Any] = [
            self.basic,
            self.members,
            self.living,
            self.income,
            self.guarantees,
            self.causes,
            self.checklists,
            self.cadre,
            self.measures,
        ]
        titles = [
            self.tr("Basic information"),
            self.tr("Members"),
            self.tr("Production and living conditions"),
            self.tr("Income"),
            self.tr("Two no-worries, three guarantees"),
            self.tr("Poverty causes"),
            self.tr("Checklists"),
            self.tr("Pairing cadre"),
            self.tr("Assistance measures"),
        ]
        for section, title in zip(self.sections, titles, strict=True):
            self.tabs.addTab(section, title)
            section.edited.connect(self._on_edited)
        self.tabs.addTab(self.history, self.tr("History"))
        self.procedure_panel: QWidget | None = None
        self.monitoring_panel: QWidget | None = None
        self.assist_panel: CardAssistPanel | None = None
        outer.addWidget(self.tabs, 1)
        self.status_line = QLabel(self)
        self.status_line.setObjectName("status_line")
        self.status_line.setWordWrap(True)
        outer.addWidget(self.status_line)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print card…"), self)
        self.revert_button = QPushButton(self.tr("Revert all unsaved changes"), self)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.print_button, self.revert_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        for button in (self.revert_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        self.print_button.clicked.connect(self.print_card)
        self.revert_button.clicked.connect(self.revert_all)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.members.add_button.clicked.connect(self.add_member)
        self.members.remove_button.clicked.connect(lambda: self.remove_member(self.members.view.currentIndex().row()))
        self.members.view.insert_requested.connect(self.add_member)
        self.members.view.remove_requested.connect(self.remove_member)
        self.members.view.id_text_edited.connect(self._show_id_hint)
        self.members.view.enable_reveal(self._db)  # "Show full resident ID" (accounts: recorded, per role)
        self.members.model.id_checked.connect(self._id_committed)
        self.members.problems.linkActivated.connect(self._link)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.add_member)
        QShortcut(QKeySequence.StandardKey.Undo, self).activated.connect(self.undo)

    def _ensure_procedure_tab(self) -> None:
        if self.income.worksheet is None and self._base.id:  # the yearly worksheet needs a saved card
            sheet = self.income.attach_worksheet(self._db, self._base.id, self._base.income_year)
            sheet.saved.connect(self._worksheet_saved)
        if self.procedure_panel is not None or not self._base.id:
            return
        panel = ProcedurePanel(self._db, self._base.id, self)
        self.procedure_panel = panel
        self.tabs.insertTab(self.tabs.indexOf(self.history), panel, self.tr("Identification procedure"))
        panel.changed.connect(self._procedure_changed)
        self.monitoring_panel = card_monitoring.CardMonitoringPanel(self._db, self._base.id, self)
        self.tabs.insertTab(self.tabs.indexOf(self.history), self.monitoring_panel, self.tr("Monitoring"))
        self.assist_panel = CardAssistPanel(self._db, self._base.id, self)  # reads nothing until shown
        self.tabs.insertTab(self.tabs.indexOf(self.history), self.assist_panel, self.tr("Assistance ledgers"))
        self.assist_panel.ledger_changed.connect(self._assist_changed)

    # --- form in and out -------------------------------------------------------------------------------
    def collect(self) -> HouseholdForm:
        """The card as it stands on screen."""
        form = copy.deepcopy(self._base)
        for section in self.sections:
            section.store(form)
        return form

    def _load(self, form: HouseholdForm) -> None:
        self._base = form
        for section in self.sections:
            section.load(form)
        self._saved = self.collect()
        self._last = copy.deepcopy(self._saved)
        self._undo: list[HouseholdForm] = []
        self._ensure_procedure_tab()
        self.conflict_bar.setVisible(bool(form.conflict and form.id))
        self._refresh(self._saved)

    def _restore(self, form: HouseholdForm) -> None:
        """Show an earlier state of the unsaved card (undo), keeping the saved state to compare with."""
        for section in self.sections:
            section.load(form)
        self._last = copy.deepcopy(form)
        self._refresh(form)
        self._check_timer.start()

    @property
    def dirty(self) -> bool:
        return self.collect() != self._saved

    def _say(self, text: str, colour: str = "") -> None:
        """The footer line: the outcome of the last action (saved, reverted, refused), never older news."""
        self.status_line.setText(text)
        self.status_line.setStyleSheet(f"color: {colour}" if colour else "")

    def _on_edited(self) -> None:
        self._say("")  # "已保存", "已撤销" and refusals describe the card before this edit
        form = self.collect()
        if form != self._last:
            self._undo.append(self._last)
            del self._undo[:-UNDO_LIMIT]
            self._last = copy.deepcopy(form)
        self._refresh(form)
        self._check_timer.start()

    def _refresh(self, form: HouseholdForm) -> None:
        dirty = form != self._saved
        head = next((m.name for m in form.active_members() if m.relation == hh.HEAD and m.name), "")
        if form.id:
            title = self.tr("Household card %1 %2").replace("%1", form.number).replace("%2", head)
        else:
            title = self.tr("New household card %1 %2").replace("%1", form.number).replace("%2", head)
        self.setWindowTitle(title.strip() + "[*]")
        self.setWindowModified(dirty)
        self.heading.setText(f"<b>{title.strip()}</b>　{form.village_name}")
        self.unsaved_label.setVisible(dirty)
        self.revert_button.setEnabled(dirty)
        self.print_button.setEnabled(form.id is not None and not dirty)  # the printout shows the saved card
        self.print_button.setToolTip(self.tr("Save the card before printing it") if dirty else "")
        assessment = hh.assess_form(form, self._lines, self._checklists)
        self.income.show_assessment(form, assessment)
        self.checklists.show_assessment(form, assessment)

    # --- checks ----------------------------------------------------------------------------------------
    def run_checks(self) -> list[FieldError]:
        """Validate the card as it stands and mark every problem (runs shortly after each edit)."""
        self._check_timer.stop()
        form = self.collect()
        errors = hh.check_card(self._db, form)
        self._show_errors(errors)
        return errors

    def _show_errors(self, errors: list[FieldError]) -> None:
        self._errors = errors
        self.members.model.set_errors(errors)
        lang = ui_lang()
        lines = []
        for error in errors:
            text = error.message(lang)
            if error.other_household_id:
                link = self.tr("Open that household's card")
                text += f' <a href="household:{error.other_household_id}">{link}</a>'
            lines.append(f"<span style='color:#b00020'>• {text}</span>")
        self.members.problems.setText("<br>".join(lines))

    def _show_id_hint(self, text: str) -> None:
        result = hh.check_member_id(text) if text.strip() else None
        if result is None:
            self.members.id_hint.setText("")
        elif result.valid:
            self.members.id_hint.setText(self.tr("Resident ID is valid"))
            self.members.id_hint.setStyleSheet("color: #006400")
        else:
            reason = result.reason_en if ui_lang() == "en" else result.reason
            self.members.id_hint.setText(self.tr("Resident ID is invalid: %1").replace("%1", reason or ""))
            self.members.id_hint.setStyleSheet("color: #b00020")

    def _id_committed(self, row: int, result: Any) -> None:
        self._show_id_hint(self.members.model.members()[row].id_number)
        errors = self.run_checks()
        mine = [e for e in errors if e.member == row and e.field == "id_number"]
        if mine:
            self._say(mine[0].message(ui_lang()), "#b00020")
        elif result is not None and result.valid:
            self._say("")

    def _link(self, href: str) -> None:
        if href.startswith("household:"):
            self.open_household(href.split(":", 1)[1])

    def open_household(self, household_id: str) -> HouseholdCardDialog:
        """Open another household's card (the one that already holds a resident ID)."""
        dialog = HouseholdCardDialog(self._db, household_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.opened_cards.append(dialog)
        dialog.show()
        return dialog

    def _focus_error(self, error: FieldError) -> None:
        if error.member is not None:
            self.tabs.setCurrentWidget(self.members)
            column = COL.get(error.field, COL["name"])
            index = self.members.model.index(error.member, column)
            self.members.view.setCurrentIndex(index)
            self.members.view.setFocus()
            return
        for section in self.sections:
            widget = section.fields.get(error.field)
            if widget is not None:
                self.tabs.setCurrentWidget(section)
                widget.setFocus()
                return

    # --- actions ---------------------------------------------------------------------------------------
    def add_member(self) -> None:
        self.tabs.setCurrentWidget(self.members)
        row = self.members.model.insert_member()
        index = self.members.model.index(row, COL["name"])
        self.members.view.setCurrentIndex(index)
        self.members.view.setFocus()
        self.members.view.edit(index)

    def remove_member(self, row: int) -> None:
        members = self.members.model.members()
        if not 0 <= row < len(members):
            return
        name = members[row].name or self.tr("(no name)")
        answer = QMessageBox.question(
            self,
            self.tr("Remove member"),
            self.tr("Remove %1 from this card? The member stays in the history.").replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.members.model.remove_member(row)

    def undo(self) -> None:
        """Undo the last unsaved edit of a table cell or a choice (text fields undo by themselves)."""
        if not self._undo:
            self._say(self.tr("Nothing to undo"))
            return
        self._restore(self._undo.pop())

    def revert_all(self) -> None:
        self._load(self._saved if self._base.id is None else self._reload())
        self.run_checks()
        self._say(self.tr("Unsaved changes were reverted"))

    def _reload(self) -> HouseholdForm:
        return hh.load_card(self._db, self._base.id or "")

    def save(self) -> bool:
        self._commit_open_editor()
        form = self.collect()
        try:
            household_id = hh.save_card(self._db, form)
        except hh.HouseholdInvalid as exc:
            self._show_errors(exc.errors)
            self._say(exc.message(ui_lang()), "#b00020")
            self._focus_error(exc.errors[0])
            return False
        except DomainError as exc:
            self._say(exc.message(ui_lang()), "#b00020")
            return False
        card = hh.open_card(self._db, household_id)
        fresh = card.form
        self.cadre.set_cadres(card.cadres)
        self._load(fresh)
        self.history.show_entries(card.history)
        self.run_checks()
        self._say(self.tr("Saved"), "#006400")
        self.saved.emit(household_id)
        return True

    def _commit_open_editor(self) -> None:
        """A cell still being typed in counts as typed."""
        view = self.members.view
        if view.state() == MemberTableView.State.EditingState:
            editor = view.indexWidget(view.currentIndex())
            if editor is not None:
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def resolve_conflicts(self) -> None:
        if not self._base.id:
            return
        open_conflicts_dialog(self, self._db, household_id=self._base.id)
        fresh = self._reload()
        if not self.dirty:
            self._load(fresh)
        else:
            self._base.conflict = self._saved.conflict = fresh.conflict
            self.conflict_bar.setVisible(fresh.conflict)

    def _find_cadres(self, text: str) -> None:
        form = self.collect()
        if text.strip():
            found = hh.find_cadres(self._db, query=text, include=form.cadre_id, limit=100)
        else:
            found = hh.find_cadres(self._db, village_id=form.village_id, include=form.cadre_id)
        self.cadre.set_cadres(found, keep=form.cadre_id)

    def print_card(self) -> None:
        if self._base.id:
            from desktop_app.ui.print_preview import open_print_dialog  # loaded on first print: QtPdf, reportlab

            open_print_dialog(self, self._db, kind="card", household_id=self._base.id)

    def _procedure_changed(self) -> None:
        """The procedure moved the household on: show its new stage and status, keep the unsaved edits."""
        fresh = self._reload()
        self.history.show_entries(hh.card_history(self._db, fresh.id or ""))
        if not self.dirty:
            self._load(fresh)
            return
        for form in (self._base, self._saved, self._last):
            form.stage, form.status, form.exit_year = fresh.stage, fresh.status, fresh.exit_year
            form.known_member_ids, form.known_measure_ids = fresh.known_member_ids, fresh.known_measure_ids
        self.basic.show_procedure(fresh)
        if self.basic.identification_year.year() == self._saved.identification_year:  # not edited here
            for form in (self._base, self._saved, self._last):
                form.identification_year = fresh.identification_year
            self.basic.identification_year.set_year(fresh.identification_year)
        if fresh.members != self._saved.members:
            # The procedure added or removed members: its change wins over unsaved edits of the table.
            self._saved.members = copy.deepcopy(fresh.members)
            self._base.members = copy.deepcopy(fresh.members)
            self.members.load(fresh)
            self._on_edited()
            self._say(self.tr("The procedure changed the members; the member table was reloaded"))

    def _worksheet_saved(self, _year: int) -> None:
        """A saved worksheet of the card's income year moved the card's income: show it, keep other edits."""
        fresh = self._reload()
        if not self.dirty:
            self._load(fresh)
            return
        for form in (self._base, self._saved, self._last):
            for name in INCOME_EDITS:
                setattr(form, name, getattr(fresh, name))
        for name in INCOME_EDITS:
            self.income.edits[name].set_fen(getattr(fresh, name))
        self._on_edited()

    def _assist_changed(self, ledger: str) -> None:
        """A ledger of the 帮扶台账 tab moved the card: a new pairing cadre, wages rolled into the income."""
        if ledger in MOVES_INCOME and self.income.worksheet is not None:
            self.income.worksheet.show_year(self.income.worksheet.year.value())
            self._worksheet_saved(self.income.worksheet.year.value())
        if ledger in MOVES_CADRE:
            card = hh.open_card(self._db, self._base.id)
            self.cadre.set_cadres(card.cadres)
            if not self.dirty:
                self._load(card.form)
                return
            for form in (self._base, self._saved, self._last):  # the pairing wins over an unsaved cadre choice
                form.cadre_id, form.new_cadre = card.form.cadre_id, None
            self.cadre.load(self._last)

    # --- closing ---------------------------------------------------------------------------------------
    def ask_unsaved(self) -> QMessageBox.StandardButton:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("This card has unsaved changes. Save them before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Save"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def reject(self) -> None:
        if self.dirty:
            answer = self.ask_unsaved()
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.focusNextChild()  # Enter moves on to the next field, it never closes the card
            return
        super().keyPressEvent(event)
