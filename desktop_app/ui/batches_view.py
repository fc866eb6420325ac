"""A village's batches (meetings, announcements, reviews, notices, look-back rounds) and what each waits for.

"公示还有 3 天结束", "2 条异议待处理": the list says what is missing; the buttons act on many households at
once (create a meeting and record everyone's votes, announce a list, record and resolve objections, close).
Loading the households a step may take runs as a background job (it replays every household's history).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import BATCH_KINDS
from desktop_app.services import Database
from desktop_app.services.procedure import (
    BatchSummary,
    Closed,
    batch_action_form,
    batch_entries,
    create_batch,
    form,
    households_ready,
    new_batch_defaults,
    run_batch_action,
    village_batch_list,
)
from desktop_app.ui.batches_forms import CREATE
from desktop_app.ui.batches_model import BatchMembersTable, setup_batch_table
from desktop_app.ui.jobs import Job, JobContext, run_job
from desktop_app.ui.models.batches import BatchTableModel
from desktop_app.ui.procedure_forms import StepFormDialog
from desktop_app.ui.procedure_monitor import MonitoringDialog

# document kind (``fupin print``) -> English source text of its entry in the tab's print menu
PRINTABLE = {
    "announcement": "Announcement list…",
    "exit-announcement": "Exit announcement list…",
    "minutes": "Evaluation minutes…",
    "objections": "Objection record…",
    "notice": "Notice…",
}


def documents_of(batch_kind: str) -> list[str]:
    """The documents a batch of ``batch_kind`` prints (the printing service's table, read the other way)."""
    return [doc for doc in PRINTABLE if batch_kind in BATCH_KINDS.get(doc, ())]


class BatchesView(QWidget):
    """The village's batches; ``set_village`` chooses the village, ``today`` may be injected for tests."""

    changed = Signal()

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: date | Callable[[], date] | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.village_id: str | None = None
        self.current_dialog: StepFormDialog | MonitoringDialog | None = None
        self.last_job: Job[list[tuple[str, str, str]]] | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("Choose a village in the tree to see its batches."))
        top.addWidget(self.title, 1)
        self.new_button = QToolButton()
        self.new_button.setText(self.tr("New batch"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.new_button)
        self.create_actions: dict[str, QAction] = {}
        for kind, (text, _form, _step) in CREATE.items():
            action = menu.addAction(self.tr(text))
            action.triggered.connect(lambda _c=False, k=kind: self.create(k))
            self.create_actions[kind] = action
        self.new_button.setMenu(menu)
        top.addWidget(self.new_button)
        self.monitor_button = QPushButton(self.tr("Monitoring list…"))
        self.monitor_button.clicked.connect(self.open_monitoring)
        top.addWidget(self.monitor_button)
        layout.addLayout(top)

        self.model = BatchTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_batch_table(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text in (
            ("votes", "Record votes"),
            ("objection", "Record objection"),
            ("resolve", "Resolve objection"),
            ("confirm", "Confirm households"),
            ("wrong", "Wrongly included…"),
            ("missed", "Add missed household…"),
            ("close", "Close batch"),
        ):
            button = QPushButton(self.tr(text))
            button.clicked.connect(lambda _c=False, k=key: self.batch_action(k))
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.print_button = QToolButton()
        self.print_button.setText(self.tr("Print"))
        self.print_button.setToolTip(self.tr("Print the documents of the selected batch"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_actions: dict[str, QAction] = {}
        for doc, text in PRINTABLE.items():
            action = print_menu.addAction(self.tr(text))
            action.triggered.connect(lambda _c=False, d=doc: self.print_batch(d))
            self.print_actions[doc] = action
        self.print_button.setMenu(print_menu)
        actions.addWidget(self.print_button)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.members = BatchMembersTable()
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.message)
        detail_layout.addWidget(self.members)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # --- data ---------------------------------------------------------------------------------------

    def today(self) -> date:
        if callable(self._today):
            return self._today()
        return self._today or date.today()

    def set_today(self, today: date | Callable[[], date] | None) -> None:
        self._today = today
        self.reload()

    def set_village(self, village_id: str | None) -> None:
        self.village_id = village_id
        self.reload()

    def reload(self) -> None:
        if self.village_id is None:
            self.model.set_rows([])
            self.title.setText(self.tr("Choose a village in the tree to see its batches."))
            self._show_detail()
            return
        keep = self.selected_batch_id()
        listed = village_batch_list(self._db, self.village_id, today=self.today())
        self.title.setText(self.tr("Batches of %1").replace("%1", listed.village_name))
        self.model.set_rows(listed.batches)
        if keep:
            self.select_batch(keep)
        self._show_detail()

    def select_batch(self, batch_id: str) -> None:
        for r, b in enumerate(self.model.rows):
            if b.id == batch_id:
                self.table.selectRow(r)
                self.table.setCurrentIndex(self.model.index(r, 0))
                return

    def selected(self) -> BatchSummary | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def selected_batch_id(self) -> str | None:
        b = self.selected()
        return b.id if b else None

    def _show_detail(self) -> None:
        b = self.selected()
        rows = batch_entries(self._db, b.id) if b is not None else []
        self.members.set_rows(rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        b = self.selected()
        is_open = b is not None and b.status == "open"
        kind = b.kind if b else ""
        announcement = kind.endswith("announcement")
        self.new_button.setEnabled(self.village_id is not None)
        self.monitor_button.setEnabled(self.village_id is not None)
        self.buttons["votes"].setEnabled(is_open and kind == "evaluation")
        self.buttons["objection"].setEnabled(is_open and announcement)
        self.buttons["resolve"].setEnabled(is_open and announcement and b is not None and b.open_objections > 0)
        for key in ("confirm", "wrong", "missed"):
            self.buttons[key].setEnabled(is_open and kind == "lookback")
        self.buttons["close"].setEnabled(is_open and kind in ("evaluation", "lookback") or (is_open and announcement))
        documents = documents_of(kind) if b is not None else []
        for doc, action in self.print_actions.items():
            action.setVisible(doc in documents)
        self.print_button.setEnabled(bool(documents))

    # --- printing -----------------------------------------------------------------------------------

    def print_batch(self, document: str) -> None:
        """Preview (then print or save) one of the selected batch's documents."""
        b = self.selected()
        if b is None or document not in documents_of(b.kind):
            return
        from desktop_app.ui.print_preview import open_print_dialog  # loaded on first print: QtPdf, reportlab

        open_print_dialog(self, self._db, kind=document, village_id=self.village_id, batch_id=b.id)

    # --- dialogs ------------------------------------------------------------------------------------

    def _open_form(
        self,
        form_id: str,
        submit: Callable[[dict[str, Any]], Any],
        *,
        choices: Mapping[str, Sequence[tuple[str, ...]]] | None = None,
        defaults: dict[str, Any] | None = None,
        title: str = "",
        votes_present: int | None = None,
    ) -> StepFormDialog:
        dialog = StepFormDialog(
            form(form_id),
            today=self.today(),
            submit=submit,
            choices=choices,
            defaults=defaults,
            title=title,
            votes_present=votes_present,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._done(dialog))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def summary(self, result: Any) -> str:
        """What the user reads after a form was saved (closing a batch says how it ended)."""
        if not isinstance(result, Closed):
            return self.tr("Saved.")
        n = result.counts
        if result.what == "evaluation":
            return (
                self.tr("Evaluation closed: %1 household(s) passed, %2 did not pass.")
                .replace("%1", str(n["passed"]))
                .replace("%2", str(n["failed"]))
            )
        if result.what == "lookback":
            return (
                self.tr("Look-back closed: %1 checked, %2 confirmed, %3 wrongly included, %4 missed and added.")
                .replace("%1", str(n["checked"]))
                .replace("%2", str(n["confirmed"]))
                .replace("%3", str(n["wrong"]))
                .replace("%4", str(n["missed"]))
            )
        return self.tr("Announcement closed: %1 household(s) move on to the next step.").replace(
            "%1", str(n["moved_on"])
        )

    def _done(self, dialog: StepFormDialog) -> None:
        self.current_dialog = None
        self.message.setText(self.summary(dialog.result_value))
        self.reload()
        self.changed.emit()

    def create(self, kind: str) -> None:  # type: ignore[override]  # the tab's "new batch", not QWidget.create
        """Open the form for a new batch of ``kind`` once the households that may join are known."""
        if self.village_id is None:
            return
        village_id, today = self.village_id, self.today()
        _text, form_id, step = CREATE[kind]
        db = self._db

        def load(_ctx: JobContext) -> list[tuple[str, str, str]]:
            return households_ready(db, village_id, step, today=today) if step else []

        def opened(ready: list[tuple[str, str, str]]) -> None:
            if step and not ready:
                self.message.setText(self.tr("No household of this village can take this step now."))
                return
            self._open_create_form(kind, form_id, ready, today)

        self.last_job = run_job(self, load, title=self.tr("Finding households"), on_done=opened)

    def _open_create_form(self, kind: str, form_id: str, ready: list[tuple[str, str, str]], today: date) -> None:
        village_id = self.village_id
        assert village_id is not None
        defaults = new_batch_defaults(self._db, kind, village_id, today=today)

        def submit(values: dict[str, Any]) -> str:
            return create_batch(self._db, kind, village_id, values, today=today)

        self._open_form(
            form_id,
            submit,
            choices={"households": [r[:2] for r in ready], "votes": ready},
            defaults=defaults,
            title=self.tr(CREATE[kind][0]).rstrip("…"),
        )

    def open_monitoring(self) -> MonitoringDialog | None:
        """防返贫监测 of the village: households at risk, and re-entry into the procedure."""
        if self.village_id is None:
            return None
        dialog = MonitoringDialog(self._db, self.village_id, today=self._today, parent=self)
        dialog.changed.connect(self.changed)
        self.current_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "current_dialog", None))
        dialog.open()
        return dialog

    def batch_action(self, key: str) -> StepFormDialog | None:
        """Act on the selected batch: votes, objections, look-back results, closing."""
        b = self.selected()
        if b is None:
            return None
        today, batch_id = self.today(), b.id
        filled = batch_action_form(self._db, key, batch_id, today=today)
        titles = {
            "votes": self.tr("Record votes"),
            "objection": self.tr("Record objection"),
            "resolve": self.tr("Resolve objection"),
            "confirm": self.tr("Confirm households"),
            "wrong": self.tr("Wrongly included…").rstrip("…"),
            "missed": self.tr("Add missed household…").rstrip("…"),
        }

        def submit(values: dict[str, Any]) -> Any:
            return run_batch_action(self._db, key, batch_id, values, today=today)

        return self._open_form(
            filled.form_id,
            submit,
            choices=filled.choices,
            defaults=filled.defaults,
            title=titles.get(key, self.tr("Close batch")),
            votes_present=filled.votes_present,
        )


__all__ = ["CREATE", "BatchTableModel", "BatchesView", "documents_of"]
