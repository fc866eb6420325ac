"""The monitoring tab (防止返贫监测): a village's monitoring cases by step, with days left to the deadline.

Overdue cases are red and say "已超期 N 天", warned ones amber with "剩 N 天". Filters narrow the list (step,
category, overdue only, name or number). The buttons are the engine's actions for the selected case today:
an allowed one opens the step's form (the generic ``StepFormDialog``), a refused one says why in a message
box and writes nothing. "新增线索" opens a case. The tab follows committed changes (``services.subscribe``).
Below the list, the village's monitoring batches (evaluation meetings, notices) — ``MonitorBatchesPanel``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import codelists
from desktop_app.domain.errors import DomainError
from desktop_app.services import Changes, Database, subscribe
from desktop_app.services.areas import area_tree
from desktop_app.services.households import HouseholdFilter, list_first_page
from desktop_app.services.monitoring import (
    NewHousehold,
    actions_allowed,
    case_list,
    do_action,
    monitor_rules,
    monitor_step_form,
    open_clue,
    term_for,
)
from desktop_app.ui.account_actions import refusal_text
from desktop_app.ui.card_editor import HouseholdCardDialog
from desktop_app.ui.help_check_dialog import HelpCheckDialog
from desktop_app.ui.i18n import current_language
from desktop_app.ui.jobs import Job
from desktop_app.ui.models.monitoring import CaseFilter, CaseLike, MonitoringCaseModel
from desktop_app.ui.monitoring_actions import Today, action_text, form_defaults, today_of
from desktop_app.ui.monitoring_batches import MonitorBatchesPanel
from desktop_app.ui.monitoring_clue import ClueInput, NewClueDialog
from desktop_app.ui.procedure_forms import StepFormDialog


def _lang() -> str:
    return "en" if current_language() == "en" else "zh"


class MonitoringView(QWidget):
    """The selected village's monitoring cases; ``set_village`` chooses it, ``today`` may be injected for tests."""

    changed = Signal()
    changesArrived = Signal(object)  # a committed change, handed to the GUI thread

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: Today = None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.village_id: str | None = None
        self.village_code: str | None = None
        self.village_name = ""
        self.current_dialog: StepFormDialog | NewClueDialog | None = None
        self.current_window: QDialog | None = None  # the warning lists or the alert import
        self.current_message: QMessageBox | None = None
        self.export_job: Job[Any] | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("Choose a village in the tree to see its monitored households."))
        top.addWidget(self.title, 1)
        self.clue_button = QPushButton(self.tr("New clue…"))
        self.clue_button.setObjectName("monitor_new_clue")
        self.clue_button.clicked.connect(lambda _c=False: self.open_new_clue())
        top.addWidget(self.clue_button)
        self.warnings_button = QPushButton(self.tr("Warning lists…"))  # 预警名单 (ui/monitoring_warnings.py)
        self.warnings_button.setObjectName("monitor_warnings")
        self.warnings_button.clicked.connect(lambda _c=False: self.open_warnings())
        top.addWidget(self.warnings_button)
        self.alerts_button = QPushButton(self.tr("Import department alerts…"))  # ui/monitoring_alerts.py
        self.alerts_button.setObjectName("monitor_alerts")
        self.alerts_button.clicked.connect(lambda _c=False: self.open_alerts())
        top.addWidget(self.alerts_button)
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setObjectName("monitor_print")
        self.print_menu = QMenu(self.print_button)
        self.print_button.setMenu(self.print_menu)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        top.addWidget(self.print_button)
        self.export_button = QPushButton(self.tr("Export…"))  # 导出…: the list as .xlsx (ui/monitoring_export.py)
        self.export_button.setObjectName("monitor_export")
        self.export_button.clicked.connect(lambda _c=False: self.export_list())
        top.addWidget(self.export_button)
        self.help_check_button = QPushButton(self.tr("Help check"))  # 帮扶核查: the village's help findings
        self.help_check_button.clicked.connect(lambda _c=False: self.open_help_check())
        top.addWidget(self.help_check_button)
        layout.addLayout(top)

        bar = QHBoxLayout()
        self.stage_filter = QComboBox()
        self.stage_filter.addItem(self.tr("All steps"), "")
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("All categories"), "")
        for combo, list_id in ((self.stage_filter, "monitor_stage"), (self.category_filter, "monitor_category")):
            for item in codelists()[list_id].items:
                combo.addItem(item.label(_lang()), item.code)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.overdue_only.toggled.connect(lambda _on: self.apply_filter())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Head's name or household number"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for widget in (self.stage_filter, self.category_filter, self.overdue_only):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)

        self.model = MonitoringCaseModel(self)
        self.table = QTableView()
        self.table.setObjectName("monitor_cases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(MonitoringCaseModel.SAMPLES):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the engine's order first
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_actions())
        self.table.doubleClicked.connect(lambda _index: self.open_card())
        self.current_card: HouseholdCardDialog | None = None

        self.term = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.actions_box = QWidget()
        self.actions_layout = QHBoxLayout(self.actions_box)
        self.actions_layout.setContentsMargins(0, 0, 0, 0)
        self.actions_layout.addWidget(QLabel(self.tr("Steps for the selected household:")))
        self.buttons: dict[str, QPushButton] = {}  # the steps allowed today
        self.refused: dict[str, str] = {}  # the other steps, with why they cannot start now
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("Other steps"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.more_menu.setToolTipsVisible(True)
        self.more_button.setMenu(self.more_menu)
        self.actions_layout.addStretch(1)
        self.actions_layout.addWidget(self.more_button)
        self.batches = MonitorBatchesPanel(db, self, today=self.today)
        self.batches.changed.connect(self._changed_here)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.term)
        lower_layout.addWidget(self.actions_box)
        lower_layout.addWidget(self.message)
        lower_layout.addWidget(self.batches, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self._unsubscribe: Callable[[], None] = subscribe(db, self.changesArrived.emit)
        self.changesArrived.connect(self.apply_changes)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self._show_actions()

    # --- data ---------------------------------------------------------------------------------------

    def today(self) -> date:
        return today_of(self._today)

    def set_today(self, today: Today) -> None:
        self._today = today
        self.reload()

    def set_village(self, village_id: str | None) -> None:
        self.village_id = village_id
        self.village_code = None
        name = ""
        if village_id is not None:
            for root in area_tree(self._db):
                node = next((n for n in root.walk() if n.id == village_id), None)
                if node is not None:
                    self.village_code, name = node.code, node.name
                    self.village_name = name
                    break
        zh, en = term_for(self.today().year, monitor_rules(self._db))  # 监测对象 / 防止返贫致贫对象 by the year
        self.title.setText(
            self.tr("%1 – %2 list").replace("%1", name).replace("%2", en if _lang() == "en" else zh)
            if village_id
            else self.tr("Choose a village in the tree to see its monitored households.")
        )
        self.batches.set_village(village_id)
        self.reload()

    @Slot(object)
    def apply_changes(self, changes: Changes) -> None:
        """Someone else (a card, a batch, an import) changed data: show the cases as they are now."""
        if self.village_id is not None and (changes.everything or changes.households or changes.entities):
            self.reload()

    def reload(self) -> None:
        keep = self.selected_case_id()
        rows: list[CaseLike] = []
        if self.village_code is not None:
            rows = list(case_list(self._db, village_code=self.village_code, today=self.today()))
        self.model.set_rows(rows)
        if keep:
            self.select_case(keep)
        self._show_actions()

    def apply_filter(self) -> None:
        keep = self.selected_case_id()
        self.model.set_filter(
            CaseFilter(
                stage=str(self.stage_filter.currentData() or ""),
                category=str(self.category_filter.currentData() or ""),
                overdue_only=self.overdue_only.isChecked(),
                text=self.search.text(),
            )
        )
        if keep:
            self.select_case(keep)
        self._show_actions()

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def selected(self) -> CaseLike | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def selected_case_id(self) -> str | None:
        case = self.selected()
        return case.case_id if case else None

    # --- actions ------------------------------------------------------------------------------------

    def _show_actions(self) -> None:
        """Buttons for the steps the engine allows today; the others in "Other steps" with why they cannot start."""
        self.clue_button.setEnabled(self.village_code is not None)
        self.warnings_button.setEnabled(self.village_code is not None)
        why_not_export = refusal_text(self._db, "monitoring.export")
        self.export_button.setEnabled(self.village_code is not None and why_not_export is None)
        self.export_button.setToolTip(why_not_export or "")
        why = refusal_text(self._db, "monitoring.alerts_import")  # county administrators only (role table)
        self.alerts_button.setEnabled(why is None)
        self.alerts_button.setToolTip(why or "")
        for button in self.buttons.values():
            self.actions_layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self.more_menu.clear()
        self.refused = {}
        case = self.selected()
        self.term.setText(f"{case.head_name}（{case.term_zh}）" if case else "")
        self.actions_box.setVisible(case is not None)
        if case is None:
            return
        for action, why_not in actions_allowed(self._db, case.case_id, today=self.today()):
            if why_not:
                entry = self.more_menu.addAction(action_text(action))
                entry.setToolTip(why_not)
                entry.triggered.connect(lambda _c=False, a=action, w=why_not: self.open_action(a, w))
                self.refused[action] = why_not
                continue
            button = QPushButton(action_text(action))
            button.setObjectName(f"monitor_{action}")
            button.clicked.connect(lambda _c=False, a=action: self.open_action(a))
            self.actions_layout.insertWidget(1 + len(self.buttons), button)
            self.buttons[action] = button
        self.more_button.setEnabled(bool(self.refused))

    def refuse(self, title: str, reason: str) -> QMessageBox:
        """A non-blocking message box with the Chinese reason (kept for tests in ``current_message``)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, reason, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "current_message", None))
        self.current_message = box
        box.open()
        return box

    def open_action(self, action: str, why_not: str | None = None) -> StepFormDialog | None:
        """Open ``action``'s form for the selected case, or say why it cannot be done today."""
        case = self.selected()
        if case is None:
            return None
        if why_not:
            self.refuse(action_text(action), why_not)
            return None
        today, household = self.today(), case.household_id
        try:
            spec = monitor_step_form(self._db, case.case_id, action, today=today)
        except DomainError as exc:
            self.refuse(action_text(action), exc.message_zh if _lang() == "zh" else exc.message_en)
            return None

        def submit(values: dict[str, Any]) -> Any:
            return do_action(self._db, household, action, values, today=today)

        defaults = form_defaults(self._db, case.case_id, action, today=today)
        dialog = StepFormDialog(
            spec, today=today, submit=submit, defaults=defaults, title=action_text(action), parent=self
        )
        scan = dialog.widgets.get("scan")  # the signed consent's scan: a file chosen from the computer
        if isinstance(scan, QLineEdit):
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon)
            browse = scan.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            browse.setToolTip(self.tr("Choose the scanned file…"))
            browse.triggered.connect(lambda _c=False: self._choose_scan(scan))
        dialog.accepted.connect(lambda: self._done(self.tr("Saved.")))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _choose_scan(self, target: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the scanned file…"), "", self.tr("Scans (*.pdf *.jpg *.jpeg *.png)")
        )
        if path:
            target.setText(path)

    def print_documents(self) -> list[tuple[str, str, bool]]:
        """(kind, menu text, whether it can be printed now): the selected household's forms, the village's lists."""
        case = self.selected()
        return [
            ("consent", self.tr("Consent and authorisation form (selected household)"), case is not None),
            ("collection-form", self.tr("Information collection form (selected household)"), case is not None),
            ("check-form", self.tr("Home check form (selected household)"), case is not None),
            ("monitor-minutes", self.tr("Evaluation minutes (village)"), self.village_id is not None),
            ("monitor-notice", self.tr("Village notice (village)"), self.village_id is not None),
            ("monitor-announcement", self.tr("Announcement (village)"), self.village_id is not None),
            ("removal-notice", self.tr("Risk-removal notice (village)"), self.village_id is not None),
        ]

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        for kind, text, enabled in self.print_documents():
            action = self.print_menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _c=False, k=kind: self.print_document(k))

    def print_document(self, kind: str) -> None:
        """The print preview of one document: a household form of the selected case, or the village's list."""
        from desktop_app.ui.print_preview import open_print_dialog  # loaded on first print: QtPdf, reportlab

        case = self.selected()
        if kind in ("consent", "collection-form", "check-form"):
            if case is not None:
                open_print_dialog(self, self._db, kind=kind, household_id=case.household_id)
        elif self.village_id is not None:
            open_print_dialog(self, self._db, kind=kind, village_id=self.village_id)

    def export_list(self) -> Job[Any] | None:
        """导出…: the village's cases as .xlsx, each with its year's term; the message line says where."""
        from desktop_app.ui.monitoring_export import start_export

        self.export_job = start_export(
            self,
            self._db,
            village_code=self.village_code,
            village_name=self.village_name,
            today=self.today(),
            say=self.message.setText,
        )
        return self.export_job

    def open_card(self) -> HouseholdCardDialog | None:
        """The selected case's household card, opened on its monitoring tab (a double-click on the row)."""
        case = self.selected()
        if case is None:
            return None
        dialog = HouseholdCardDialog(self._db, case.household_id, parent=self)
        dialog.saved.connect(lambda _hid: self._changed_here())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "current_card", None))
        if dialog.monitoring_panel is not None:
            dialog.tabs.setCurrentWidget(dialog.monitoring_panel)
        self.current_card = dialog
        dialog.open()
        return dialog

    def open_help_check(self) -> HelpCheckDialog | None:
        if self.village_code is None:
            return None
        dialog = HelpCheckDialog(self._db, self.village_code, today=self.today(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_warnings(self) -> QDialog | None:
        """预警名单 of the selected village; its "登记线索…" opens the new-clue dialog below."""
        from desktop_app.ui.monitoring_warnings import CADRE_VISIT, WarningsDialog

        if self.village_code is None:
            return None
        dialog = WarningsDialog(
            self._db,
            self.village_code,
            self.village_name,
            today=self.today(),
            open_clue=lambda hid, label: self.open_new_clue((hid, label), source=CADRE_VISIT),
            parent=self,
        )
        return self._open_window(dialog)

    def open_alerts(self) -> QDialog | None:
        """导入部门预警名单: the new clues appear in the list once imported."""
        from desktop_app.ui.monitoring_alerts import AlertImportDialog

        dialog = AlertImportDialog(self._db, today=self.today(), parent=self)
        dialog.imported.connect(lambda _report: self._changed_here())
        return self._open_window(dialog)

    def _open_window(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "current_window", None))
        self.current_window = dialog
        dialog.show()
        return dialog

    def open_new_clue(
        self, household: tuple[str, str] | None = None, *, source: str | None = None
    ) -> NewClueDialog | None:
        """The new-clue dialog; ``household`` (id, label) and ``source`` pre-fill it (from the warning lists)."""
        if self.village_id is None or self.village_code is None:
            return None
        page = list_first_page(self._db, HouseholdFilter(village_ids=(self.village_id,)), limit=2000)
        households = [(r.id, f"{r.head_name}  {r.number}") for r in page.rows]
        if household is not None and household[0] not in {hid for hid, _label in households}:
            households.append(household)
        today, village_code = self.today(), self.village_code

        def submit(clue: ClueInput) -> Any:
            new = None
            if clue.household_id is None:
                new = NewHousehold(
                    village_code=village_code, head_name=clue.head_name, head_id_number=clue.head_id_number
                )
            return open_clue(
                self._db,
                clue.household_id or "",
                source=clue.source,
                found=clue.found,
                risks=clue.risks,
                today=today,
                disaster_sub=clue.disaster_sub,
                risk_note=clue.risk_note,
                note=clue.note,
                new_household=new,
            )

        dialog = NewClueDialog(households, today=today, submit=submit, parent=self)
        if household is not None:
            dialog.household.setCurrentIndex(dialog.household.findData(household[0]))
        if source is not None:
            dialog.source.setCurrentIndex(dialog.source.findData(source))
        dialog.accepted.connect(lambda: self._clue_done(dialog))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _clue_done(self, dialog: NewClueDialog) -> None:
        self._done(self.tr("Clue recorded: the case is open."))
        case_id = getattr(dialog.result_value, "case_id", None)
        if case_id:
            self.select_case(str(case_id))

    def _done(self, text: str) -> None:
        self.current_dialog = None
        self.message.setText(text)
        self._changed_here()

    def _changed_here(self) -> None:
        self.reload()
        self.changed.emit()


def swap_tab(tabs: QTabWidget, old: QWidget, new: QWidget) -> None:
    """Put ``new`` where ``old`` was (same place, same title) and let ``old`` go: a tab after a database switch."""
    index = tabs.indexOf(old)
    title = tabs.tabText(index)
    tabs.removeTab(index)
    old.deleteLater()
    tabs.insertTab(index, new, title)


__all__ = ["MonitoringView", "swap_tab"]
