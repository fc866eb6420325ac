"""The card's monitoring tab: the household's monitoring cases (newest first) beside its identification procedure.

Each case shows its term (监测对象 / 防止返贫致贫对象 by the year found), step, category, dates, deadline and
days left, risks and contact, and the case's timeline (one row per step, as the engine logged it); beside it
the household's help measures and help-check findings (``help_measures_panel``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import label
from desktop_app.services import Changes, Database, subscribe
from desktop_app.services.monitoring import CaseDetail, household_cases
from desktop_app.ui.help_measures_panel import HelpMeasuresPanel
from desktop_app.ui.i18n import current_language
from desktop_app.ui.models.monitoring import days_text
from desktop_app.ui.monitoring_actions import Today, action_text, today_of


def _lang() -> str:
    return "en" if current_language() == "en" else "zh"


class CardMonitoringPanel(QWidget):
    """The monitoring cases of one household; they follow every committed change of the household."""

    changesArrived = Signal(object)  # a committed change, handed to the GUI thread

    def __init__(
        self,
        db: Database,
        household_id: str,
        parent: QWidget | None = None,
        *,
        today: Today = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.household_id = household_id
        self._today = today
        self.cases: list[CaseDetail] = []
        splitter = QSplitter(Qt.Orientation.Horizontal)  # the case on the left, its help measures on the right
        QHBoxLayout(self).addWidget(splitter)
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        self.none_label = QLabel(self.tr("This household has no monitoring case."))
        layout.addWidget(self.none_label)
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(lambda _i: self._show_case())
        layout.addWidget(self.chooser)
        self.facts_layout = facts = QFormLayout()
        self.facts: dict[str, QLabel] = {}
        for key, text in (
            ("term", "Term"),
            ("stage", "Step"),
            ("category", "Category"),
            ("source", "Source"),
            ("found", "Found"),
            ("deadline", "Deadline"),
            ("included", "Included"),
            ("risks", "Risks"),
            ("contact", "Contact"),
            ("income", "Income judged"),
            ("guards", "Removal guards"),
        ):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.facts[key] = value
            facts.addRow(self.tr(text), value)
        layout.addLayout(facts)
        self.timeline = QTableWidget(0, 5)
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Step"), self.tr("Outcome"), self.tr("By"), self.tr("Reason")]
        )
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.timeline, 1)
        splitter.addWidget(left)
        self.help_panel = HelpMeasuresPanel(db, household_id, self, today=today)
        splitter.addWidget(self.help_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.reload()
        unsubscribe = subscribe(db, self.changesArrived.emit)  # a step recorded on the monitoring tab shows here
        self.changesArrived.connect(self.apply_changes)
        self.destroyed.connect(lambda *_: unsubscribe())

    @Slot(object)
    def apply_changes(self, changes: Changes) -> None:
        if changes.everything or self.household_id in changes.households:
            self.reload()

    def today(self) -> date:
        return today_of(self._today)

    def reload(self) -> None:
        keep = self.chooser.currentIndex()
        self.cases = list(household_cases(self._db, self.household_id, today=self.today()))
        self.chooser.blockSignals(True)
        self.chooser.clear()
        lang = _lang()
        for case in self.cases:
            self.chooser.addItem(
                self.tr("Round %1, found %2: %3")
                .replace("%1", str(case.round))
                .replace("%2", case.found.isoformat())
                .replace("%3", label("monitor_stage", case.stage, lang))
            )
        self.chooser.setCurrentIndex(keep if 0 <= keep < len(self.cases) else 0)
        self.chooser.blockSignals(False)
        self.none_label.setVisible(not self.cases)
        self.chooser.setVisible(len(self.cases) > 1)
        self._show_case()
        self.help_panel.reload(self.cases[0].village_code if self.cases else None)

    @staticmethod
    def _risk(case: CaseDetail, code: str, lang: str) -> str:
        """因自然灾害（洪涝灾害）, 其他（房屋漏雨）: a risk with its sub-item or remark."""
        text = label("monitor_risk", code, lang)
        extra = (
            label("disaster_sub", case.disaster_sub, lang) if code == "04" else case.risk_note if code == "99" else ""
        )
        return f"{text}（{extra}）" if extra else text

    def _income(self, case: CaseDetail) -> str:
        """The year's per-capita income the home check judged, beside that year's monitoring line."""
        if case.income_year is None or case.per_capita_fen is None:
            return ""
        text = (
            self.tr("%1: %2 yuan per person")
            .replace("%1", str(case.income_year))
            .replace("%2", f"{case.per_capita_fen / 100:,.2f}")
        )
        if case.line_fen is not None:
            text += self.tr(" (line %1 yuan)").replace("%1", f"{case.line_fen / 100:,.2f}")
        return text

    def _show_case(self) -> None:
        index = self.chooser.currentIndex()
        case = self.cases[index] if 0 <= index < len(self.cases) else None
        lang = _lang()
        if case is None:
            for value in self.facts.values():
                value.setText("")
            self.timeline.setRowCount(0)
            return
        deadline = case.deadline.isoformat() if case.deadline else ""
        left = days_text(case, lang)
        self.facts["term"].setText(case.term_zh)
        self.facts["stage"].setText(label("monitor_stage", case.stage, lang))
        self.facts["category"].setText(label("monitor_category", case.category, lang))
        self.facts["source"].setText(label("monitor_source", case.source, lang))
        self.facts["found"].setText(case.found.isoformat())
        self.facts["deadline"].setText(f"{deadline}（{left}）" if left else deadline)
        self.facts["deadline"].setStyleSheet("color: #b00020;" if case.overdue else "")
        self.facts["included"].setText(case.included.isoformat() if case.included else "")
        self.facts["risks"].setText("、".join(self._risk(case, code, lang) for code in case.risks))
        self.facts["contact"].setText(case.contact_name)
        self.facts["income"].setText(self._income(case))
        failures = "；".join(message for _code, message in case.guard_failures)
        if failures and case.guards_overridden:
            failures += self.tr(" (set aside in writing)")
        self.facts["guards"].setText(failures)
        for key in ("income", "guards"):  # shown when the case has them
            self.facts_layout.setRowVisible(self.facts[key], bool(self.facts[key].text()))
        events = list(case.events)
        self.timeline.setRowCount(len(events))
        for row, event in enumerate(events):
            cells = (
                event.on_date.isoformat() if event.on_date else "",
                action_text(event.step),
                label("outcome", event.outcome, lang) if event.outcome else "",
                event.actor,
                event.reason,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.timeline.setItem(row, col, item)


__all__ = ["CardMonitoringPanel"]
