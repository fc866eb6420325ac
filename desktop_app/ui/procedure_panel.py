"""The card's procedure tab: where the household stands, who signed each step and when, and what can be done now.

Only the actions the engine allows today are offered; each opens its form (``forms/steps``) and runs in one
transaction. Today's date can be injected (``today=``) so tests and training sessions control time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import label
from desktop_app.domain.errors import DomainError
from desktop_app.domain.procedure_rules import outcome_label, step_label
from desktop_app.services import Database
from desktop_app.services.monitoring import household_cases
from desktop_app.services.procedure import (
    Overview,
    describe_looks,
    household_overview,
    perform_step,
    step_form,
    withdraw_step,
)
from desktop_app.ui.procedure_forms import StepFormDialog, ui_language

DONE_COLOUR = QColor("#1b7f3b")
WAITING_COLOUR = QColor("#7a7a7a")

# action -> English source text of its button (translated in procedure_zh_CN.ts)
ACTION_TEXTS: dict[str, str] = {}


def _t(action: str, text: str) -> None:
    ACTION_TEXTS[action] = text


for _action, _text in (
    ("application", "Record application"),
    ("survey", "Complete household survey"),
    ("exclusion_override", "Override exclusion"),
    ("application_rejected", "Do not pursue"),
    ("evaluation", "Democratic evaluation"),
    ("village_announcement_start", "Start village announcement"),
    ("objection", "Record objection"),
    ("objection_resolution", "Resolve objection"),
    ("village_announcement_end", "Close village announcement"),
    ("township_review", "Township review"),
    ("township_announcement_start", "Start township announcement"),
    ("township_announcement_end", "Close township announcement"),
    ("county_approval", "County approval"),
    ("county_notice", "County notice"),
    ("exit_proposal", "Propose exit"),
    ("exit_verification", "Verify exit conditions"),
    ("exit_acknowledgement", "Household signs"),
    ("exit_announcement_start", "Start exit announcement"),
    ("exit_announcement_end", "Close exit announcement"),
    ("exit_notice", "Exit notice"),
    ("exit_withdrawal", "Withdraw exit"),
    ("removal", "Remove from register"),
    ("return_to_poverty", "Return to poverty"),
    ("member_join", "Member joins"),
    ("member_leave", "Member leaves"),
):
    _t(_action, _text)


class ProcedurePanel(QWidget):
    """Step indicator, legal actions and the household's procedure timeline."""

    changed = Signal()

    COL_STEP, COL_DATE, COL_ACTOR = range(3)

    def __init__(
        self,
        db: Database,
        household_id: str,
        parent: QWidget | None = None,
        *,
        today: date | Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.household_id = household_id
        self._today = today
        self.current_dialog: StepFormDialog | WithdrawStepDialog | None = None
        self.overview: Overview | None = None
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        layout.addWidget(self.header)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.monitoring = QLabel()  # the monitoring case beside the identification history
        self.monitoring.setObjectName("procedure_monitoring_case")
        self.monitoring.setWordWrap(True)
        layout.addWidget(self.monitoring)

        self.actions_box = QGroupBox(self.tr("What can be done now"))
        self.actions_layout = QGridLayout(self.actions_box)
        self.buttons: dict[str, QPushButton] = {}
        for index, (action, text) in enumerate(ACTION_TEXTS.items()):
            button = QPushButton(self.tr(text))
            button.setObjectName(f"action_{action}")
            button.clicked.connect(lambda _checked=False, a=action: self.open_action(a))
            self.buttons[action] = button
            self.actions_layout.addWidget(button, index // 4, index % 4)
        self.withdraw_button = QPushButton(self.tr("Withdraw last step…"))
        self.withdraw_button.setObjectName("action_correction")
        self.withdraw_button.clicked.connect(lambda _checked=False: self.open_withdraw())
        self.actions_layout.addWidget(self.withdraw_button, 98, 0, 1, 2)
        self.no_action = QLabel(self.tr("No procedure step is open for this household."))
        self.actions_layout.addWidget(self.no_action, 99, 0, 1, 4)
        layout.addWidget(self.actions_box)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.steps = QTableWidget(0, 3)
        self.steps.setHorizontalHeaderLabels([self.tr("Step"), self.tr("Date"), self.tr("Signed by")])
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.verticalHeader().setVisible(False)
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        splitter.addWidget(self.steps)
        self.timeline = QTableWidget(0, 5)
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Step"), self.tr("Outcome"), self.tr("By"), self.tr("Reason")]
        )
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        splitter.addWidget(self.timeline)
        layout.addWidget(splitter, 1)
        self.reload()

    # --- time and data ------------------------------------------------------------------------------

    def today(self) -> date:
        if callable(self._today):
            return self._today()
        return self._today or date.today()

    def set_today(self, today: date | Callable[[], date] | None) -> None:
        self._today = today
        self.reload()

    def reload(self) -> None:
        view = household_overview(self._db, self.household_id, today=self.today())
        self.overview = view
        self.header.setText(
            self.tr("%1  %2 — current step: %3")
            .replace("%1", view.number)
            .replace("%2", view.head_name)
            .replace("%3", view.stage_zh if self._zh() else view.stage_en)
        )
        notes = []
        if view.announcement_zh:
            notes.append(view.announcement_zh if self._zh() else view.announcement_en)
        if view.open_objections:
            notes.append(self.tr("%n objection(s) waiting to be resolved", "", len(view.open_objections)))
        if view.pending_exclusions:
            notes.append(self.tr("An exclusion applies: it needs a written override before the evaluation"))
        self.notice.setText("；".join(notes))
        self._show_monitoring()
        self._fill_steps(view)
        self._fill_timeline(view)
        allowed = {a for a, why in view.actions.items() if why is None}
        if view.stage != "removed":
            allowed |= {"member_join", "member_leave"}
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
            button.setToolTip((view.actions if self._zh() else view.actions_en).get(action) or "")
        self.no_action.setVisible(not (allowed - {"member_join", "member_leave"}))
        self._show_withdraw(view)

    def _show_monitoring(self) -> None:
        """One line on the household's newest monitoring case (the 防返贫监测 tab has the whole case)."""
        cases = household_cases(self._db, self.household_id, today=self.today())
        self.monitoring.setVisible(bool(cases))
        if not cases:
            return
        case = cases[0]
        lang = "zh" if self._zh() else "en"
        stage = label("monitor_stage", case.stage, lang)
        if case.category:
            stage += f"（{label('monitor_category', case.category, lang)}）"
        self.monitoring.setText(
            self.tr("Monitoring since 2021: %1, clue found %2 — see the Monitoring tab")
            .replace("%1", stage)
            .replace("%2", case.found.isoformat())
        )

    def _show_withdraw(self, view: Overview) -> None:
        """ "Withdraw last step" names the step it would take back, or says why it cannot (on hover)."""
        standing = [e for e in view.timeline if not e.withdrawn and e.step != "correction"]
        self.withdraw_button.setVisible(bool(standing))
        if not standing or view.state is None:
            return
        problem = view.withdraw_problem
        lang = "zh" if self._zh() else "en"
        last = standing[-1]
        self.withdraw_button.setEnabled(problem is None)
        if problem is None:
            self.withdraw_button.setToolTip(
                self.tr("Withdraw “%1” of %2, entered by mistake")
                .replace("%1", step_label(last.step, lang))
                .replace("%2", str(last.on_date))
            )
        else:
            self.withdraw_button.setToolTip(problem[0] if lang == "zh" else problem[1])

    def _fill_steps(self, view: Overview) -> None:
        self.steps.setRowCount(len(view.steps))
        for r, mark in enumerate(view.steps):
            label = mark.label_zh if self._zh() else mark.label_en
            cells = [("✓ " if mark.done else "○ ") + label, str(mark.on_date or ""), mark.actor]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setForeground(QBrush(DONE_COLOUR if mark.done else WAITING_COLOUR))
                if mark.outcome:
                    item.setToolTip(mark.outcome)
                self.steps.setItem(r, c, item)

    def _fill_timeline(self, view: Overview) -> None:
        lang = "zh" if self._zh() else "en"
        self.timeline.setRowCount(len(view.timeline))
        for r, e in enumerate(reversed(view.timeline)):
            outcome = outcome_label(e.outcome, lang)
            if e.withdrawn:
                outcome += self.tr(" (withdrawn)")
            cells = [str(e.on_date), step_label(e.step, lang), outcome, e.actor, e.reason]
            looked = "\n".join(describe_looks(e.data.get("looks"), lang))  # a survey's notes, on hover
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if looked:
                    item.setToolTip(looked)
                if e.withdrawn:
                    item.setForeground(QBrush(WAITING_COLOUR))
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.timeline.setItem(r, c, item)

    def _zh(self) -> bool:
        return ui_language() != "en"

    # --- actions ------------------------------------------------------------------------------------

    def open_action(self, action: str) -> StepFormDialog | None:
        """Open the form of ``action`` (non-modal); returns the dialog so tests can fill and submit it."""
        today = self.today()
        try:
            filled = step_form(self._db, self.household_id, action, today=today)  # the county's look checklist
        except DomainError as exc:
            self.message.setText(exc.message_zh if self._zh() else exc.message_en)
            return None

        def submit(values: dict[str, Any]) -> str:
            return perform_step(self._db, self.household_id, action, values, today=today)

        dialog = StepFormDialog(
            filled.spec,
            today=today,
            submit=submit,
            choices=filled.choices,
            defaults=filled.defaults,
            hidden=filled.hidden,
            title=self.tr(ACTION_TEXTS[action]),
            parent=self,
        )
        dialog.accepted.connect(lambda: self._done(dialog))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def open_withdraw(self) -> WithdrawStepDialog | None:
        """Ask for the reason, then withdraw the last step (non-modal; returns the dialog for tests)."""
        view = self.overview
        standing = [e for e in view.timeline if not e.withdrawn and e.step != "correction"] if view else []
        if not standing:
            return None
        last = standing[-1]
        step = step_label(last.step, "zh" if self._zh() else "en")
        dialog = WithdrawStepDialog(step, str(last.on_date), self._withdraw, self)
        dialog.accepted.connect(lambda: self._done(dialog))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _withdraw(self, reason: str) -> str:
        withdraw_step(self._db, self.household_id, reason=reason, today=self.today())
        return self.tr("The last step was withdrawn; the household is back where it was.")

    def _done(self, dialog: StepFormDialog | WithdrawStepDialog) -> None:
        self.message.setText(str(dialog.result_value or ""))
        self.current_dialog = None
        self.reload()
        self.changed.emit()


class WithdrawStepDialog(QDialog):
    """撤回上一步: names the step, asks why; a refusal is shown here and the dialog stays open."""

    def __init__(self, step: str, on_date: str, submit: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.result_value = ""
        self.setWindowTitle(self.tr("Withdraw last step"))
        layout = QVBoxLayout(self)
        question = QLabel(
            self.tr(
                "Withdraw “%1” of %2? It stays in the record, marked as withdrawn with your reason, "
                "and the household goes back to where it was before it."
            )
            .replace("%1", step)
            .replace("%2", on_date)
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        layout.addWidget(QLabel(self.tr("Reason (required)")))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        layout.addWidget(self.reason)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Withdraw"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        try:
            self.result_value = self._submit(self.reason.text())
        except DomainError as exc:
            self.error.setText(exc.message_en if ui_language() == "en" else exc.message_zh)
            return
        self.accept()


__all__ = ["ProcedurePanel", "WithdrawStepDialog"]
