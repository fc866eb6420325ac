"""A village's batches (meetings, announcements, reviews, notices, look-back rounds) and what each waits for.

"公示还有 3 天结束", "2 条异议待处理": the list says what is missing; the buttons act on many households at
once (create a meeting and record everyone's votes, announce a list, record and resolve objections, close).
Loading the households a step may take runs as a background job (it replays every household's history).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.storage.database import Database

_Index = QModelIndex | QPersistentModelIndex
OPEN_COLOUR = QColor("#8a5a00")

# batch kind -> (English source text of the "new" action, form id, step that households must be able to take)
CREATE = {
    "evaluation": ("Democratic evaluation meeting…", "evaluation", "evaluation"),
    "village_announcement": ("Village announcement…", "announcement_start", "village_announcement_start"),
    "township_review": ("Township review…", "review", "township_review"),
    "township_announcement": ("Township announcement…", "announcement_start", "township_announcement_start"),
    "county_approval": ("County approval…", "review", "county_approval"),
    "county_notice": ("County notice…", "notice", "county_notice"),
    "exit_announcement": ("Exit announcement…", "announcement_start", "exit_announcement_start"),
    "exit_notice": ("Exit notice…", "notice", "exit_notice"),
    "lookback": ("Look-back round…", "lookback_open", ""),
}


class BatchTableModel(QAbstractTableModel):
    COL_NUMBER, COL_KIND, COL_PERIOD, COL_HOUSEHOLDS, COL_STATUS, COL_WAITING = range(6)
    BatchIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Number"),
            self.tr("Kind"),
            self.tr("Dates"),
            self.tr("Households"),
            self.tr("Status"),
            self.tr("Waiting for"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        b = self.rows[index.row()]
        if role == self.BatchIdRole:
            return b.id
        if role == Qt.ItemDataRole.ForegroundRole and b.status == "open":
            return QBrush(OPEN_COLOUR)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == self.COL_NUMBER:
            return b.number
        if col == self.COL_KIND:
            return b.kind_zh if _zh() else b.kind.replace("_", " ")
        if col == self.COL_PERIOD:
            return f"{b.start_date or ''} – {b.end_date or ''}" if b.end_date else str(b.start_date or "")
        if col == self.COL_HOUSEHOLDS:
            return b.households
        if col == self.COL_STATUS:
            return self.tr("open") if b.status == "open" else self.tr("closed")
        return b.waiting_zh if _zh() else b.waiting_en


def _zh() -> bool:
    from desktop_app.ui.procedure_forms import ui_language

    return ui_language() != "en"


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
        self.current_dialog: Any = None
        self.last_job: Any = None
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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(BatchTableModel.COL_WAITING, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
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
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.members = QTableWidget(0, 4)
        self.members.setHorizontalHeaderLabels(
            [self.tr("Household"), self.tr("Votes for/against/abstain"), self.tr("Result"), self.tr("Reason")]
        )
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.verticalHeader().setVisible(False)
        self.members.horizontalHeader().setStretchLastSection(True)
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
        from desktop_app.services.procedure_batches import village_batches
        from desktop_app.storage.models import Area

        if self.village_id is None:
            self.model.set_rows([])
            self.title.setText(self.tr("Choose a village in the tree to see its batches."))
            self._update_buttons()
            return
        keep = self.selected_batch_id()
        with self._db.session() as session:
            village = session.get(Area, self.village_id)
            rows = village_batches(session, self.village_id, today=self.today())
            name = village.name if village else ""
        self.title.setText(self.tr("Batches of %1").replace("%1", name))
        self.model.set_rows(rows)
        if keep:
            self.select_batch(keep)
        self._show_detail()

    def select_batch(self, batch_id: str) -> None:
        for r, b in enumerate(self.model.rows):
            if b.id == batch_id:
                self.table.selectRow(r)
                self.table.setCurrentIndex(self.model.index(r, 0))
                return

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def selected_batch_id(self) -> str | None:
        b = self.selected()
        return b.id if b else None

    def _show_detail(self) -> None:
        from desktop_app.services.procedure_batches import batch_households

        b = self.selected()
        rows: list[dict[str, Any]] = []
        if b is not None:
            with self._db.session() as session:
                rows = batch_households(session, b.id)
        self.members.setRowCount(len(rows))
        for r, row in enumerate(rows):
            votes = "/".join(str(v) for v in row["votes"]) if row["votes"] else ""
            cells = [f"{row['head_name']}（{row['number']}）", votes, str(row["result"]), str(row["reason"])]
            for c, text in enumerate(cells):
                self.members.setItem(r, c, QTableWidgetItem(text))
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
        self.buttons["resolve"].setEnabled(is_open and announcement and b.open_objections > 0)
        for key in ("confirm", "wrong", "missed"):
            self.buttons[key].setEnabled(is_open and kind == "lookback")
        self.buttons["close"].setEnabled(is_open and kind in ("evaluation", "lookback") or (is_open and announcement))

    # --- dialogs ------------------------------------------------------------------------------------

    def _open_form(
        self,
        form_id: str,
        submit: Callable[[dict[str, Any]], Any],
        *,
        choices: dict[str, Sequence[tuple[str, str]]] | None = None,
        defaults: dict[str, Any] | None = None,
        title: str = "",
    ) -> Any:
        from desktop_app.services.procedure_forms import form
        from desktop_app.ui.procedure_forms import StepFormDialog

        dialog = StepFormDialog(
            form(form_id),
            today=self.today(),
            submit=submit,
            choices=choices,
            defaults=defaults,
            title=title,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._done(dialog))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _done(self, dialog: Any) -> None:
        self.current_dialog = None
        self.message.setText(str(dialog.result_value or ""))
        self.reload()
        self.changed.emit()

    def _transaction(self, fn: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Any]:
        def submit(values: dict[str, Any]) -> Any:
            with self._db.transaction() as session:
                return fn(session, values)  # type: ignore[call-arg]

        return submit

    def create(self, kind: str) -> None:
        """Open the form for a new batch of ``kind`` once the households that may join are known."""
        from desktop_app.ui.jobs import run_job

        if self.village_id is None:
            return
        village_id, today = self.village_id, self.today()
        _text, form_id, step = CREATE[kind]
        db = self._db

        def load(_ctx: Any) -> list[tuple[str, str]]:
            from desktop_app.services.procedure_batches import households_ready_for

            if not step:
                return []
            with db.session() as session:
                return [
                    (hid, f"{head}（{number}）")
                    for hid, number, head in households_ready_for(session, village_id, step, today=today)
                ]

        def opened(ready: list[tuple[str, str]]) -> None:
            if step and not ready:
                self.message.setText(self.tr("No household of this village can take this step now."))
                return
            self._open_create_form(kind, form_id, ready, today)

        self.last_job = run_job(self, load, title=self.tr("Finding households"), on_done=opened)

    def _open_create_form(self, kind: str, form_id: str, ready: list[tuple[str, str]], today: date) -> None:
        from desktop_app.services import procedure_batches as pb
        from desktop_app.services import procedure_lookback as lb
        from desktop_app.services.print_data import place_of
        from desktop_app.services.procedure import load_rules
        from desktop_app.services.settings import print_defaults

        village_id = self.village_id
        assert village_id is not None
        with self._db.session() as session:
            days = load_rules(session).announcement_min_days
            village, township = _names(session, village_id)
            place, county = place_of(session, village_id), print_defaults(session)  # the county's settings
        level = "county" if form_id == "notice" else "township" if kind.startswith("township") else "village"
        defaults: dict[str, Any] = {
            "issuing_body": county.body(level, county=place.county, township=township, village=village),
            "reviewer": f"{township}人民政府" if kind == "township_review" else "县扶贫开发领导小组",
            "objection_phone": county.contact_phone,
            "objection_address": county.contact_place,
        }
        if form_id == "announcement_start":
            defaults.update(start=today, end=date.fromordinal(today.toordinal() + days))

        def submit(session: Any, v: dict[str, Any]) -> Any:
            chosen = v.get("households") or []
            if kind == "evaluation":
                batch = pb.create_evaluation(
                    session,
                    village_id,
                    chosen,
                    meeting_date=v["meeting_date"],
                    today=today,
                    place=v["place"],
                    chair=v["chair"],
                    recorder=v.get("recorder", ""),
                    attendees_expected=v.get("attendees_expected"),
                    attendees_present=v["attendees_present"],
                    attendees=[x for x in v.get("attendees", "").splitlines() if x.strip()],
                    guests=[x for x in v.get("guests", "").splitlines() if x.strip()],
                )
                votes = {h: vs for h, vs in (v.get("votes") or {}).items() if h in chosen and sum(vs) > 0}
                if votes:
                    pb.record_votes(session, batch, votes)
                return batch
            if form_id == "announcement_start":
                return pb.open_announcement(
                    session,
                    village_id,
                    kind.split("_", 1)[0],
                    chosen,
                    start=v["start"],
                    end=v["end"],
                    today=today,
                    issuing_body=v.get("issuing_body", ""),
                    objection_phone=v.get("objection_phone", ""),
                    objection_address=v.get("objection_address", ""),
                )
            if form_id == "review":
                decision = (v.get("decision") == "approved", v.get("reason", ""))
                return pb.review(
                    session,
                    village_id,
                    dict.fromkeys(chosen, decision),
                    level="township" if kind == "township_review" else "county",
                    reviewer=v.get("reviewer", ""),
                    on_date=v["on_date"],
                    today=today,
                )
            if form_id == "notice":
                return pb.issue_notice(
                    session,
                    village_id,
                    chosen,
                    kind="county" if kind == "county_notice" else "exit",
                    on_date=v["on_date"],
                    today=today,
                    issuing_body=v.get("issuing_body", ""),
                )
            return lb.open_lookback(session, village_id, start=v["start"], today=today, title=v.get("title", ""))

        choices = {"households": ready, "votes": ready}
        self._open_form(
            form_id,
            self._transaction(submit),
            choices=choices,
            defaults=defaults,
            title=self.tr(CREATE[kind][0]).rstrip("…"),
        )

    def open_monitoring(self) -> Any:
        """防返贫监测 of the village: households at risk, and re-entry into the procedure."""
        from desktop_app.ui.procedure_monitor import MonitoringDialog

        if self.village_id is None:
            return None
        dialog = MonitoringDialog(self._db, self.village_id, today=self._today, parent=self)
        dialog.changed.connect(self.changed)
        self.current_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "current_dialog", None))
        dialog.open()
        return dialog

    def batch_action(self, key: str) -> Any:
        """Act on the selected batch: votes, objections, look-back results, closing."""
        from desktop_app.services import procedure_batches as pb
        from desktop_app.services import procedure_lookback as lb

        b = self.selected()
        if b is None:
            return None
        today = self.today()
        with self._db.session() as session:
            members = pb.batch_households(session, b.id)
            objections = [
                (o.id, f"{o.raised_on} {o.raised_by}：{o.content[:30]}") for o in pb.open_objections(session, b.id)
            ]
            missed: list[tuple[str, str]] = []
            if key == "missed":
                missed = [
                    (h, f"{head}（{n}）")
                    for h, n, head in pb.households_ready_for(
                        session, b_village(session, b.id), "application", today=today
                    )
                ]
        pending = [
            (m["household_id"], f"{m['head_name']}（{m['number']}）") for m in members if m["result"] == "pending"
        ]
        bid = b.id
        if key == "votes":
            return self._open_form(
                "votes",
                self._transaction(lambda s, v: pb.record_votes(s, bid, v["votes"])),
                choices={"votes": pending},
                title=self.tr("Record votes"),
            )
        if key == "objection":
            return self._open_form(
                "objection",
                self._transaction(
                    lambda s, v: pb.raise_objection(
                        s,
                        bid,
                        v["household"],
                        raised_by=v["raised_by"],
                        raised_on=v["raised_on"],
                        content=v["content"],
                        contact=v.get("contact", ""),
                        today=today,
                    )
                ),
                choices={"household": pending},
                title=self.tr("Record objection"),
            )
        if key == "resolve":
            return self._open_form(
                "objection_resolution",
                self._transaction(
                    lambda s, v: pb.resolve_objection(
                        s,
                        v["objection"],
                        decision=v["decision"],
                        action=v.get("action") or "",
                        finding=v["finding"],
                        investigator=v["investigator"],
                        decided_by=v["decided_by"],
                        decided_on=v["decided_on"],
                        today=today,
                        objector_informed=bool(v.get("objector_informed")),
                    )
                ),
                choices={"objection": objections},
                title=self.tr("Resolve objection"),
            )
        if key == "confirm":
            return self._open_form(
                "lookback_confirm",
                self._transaction(lambda s, v: lb.confirm(s, bid, v["households"], on_date=v["on_date"], today=today)),
                choices={"households": pending},
                title=self.tr("Confirm households"),
            )
        if key == "wrong":
            return self._open_form(
                "lookback_wrong",
                self._transaction(
                    lambda s, v: lb.wrongly_included(
                        s,
                        bid,
                        v["household"],
                        reason=v["reason"],
                        decided_by=v["decided_by"],
                        on_date=v["on_date"],
                        today=today,
                    )
                ),
                choices={"household": pending},
                title=self.tr("Wrongly included…").rstrip("…"),
            )
        if key == "missed":
            return self._open_form(
                "lookback_missed",
                self._transaction(
                    lambda s, v: lb.add_missed(
                        s, bid, v["household"], reason=v["reason"], on_date=v["on_date"], today=today
                    )
                ),
                choices={"household": missed},
                title=self.tr("Add missed household…").rstrip("…"),
            )
        if b.kind == "evaluation":
            return self._open_form(
                "announcement_end",
                self._transaction(lambda s, v: _evaluation_summary(pb.close_evaluation(s, bid, today=today))),
                title=self.tr("Close batch"),
            )
        if b.kind == "lookback":
            return self._open_form(
                "lookback_close",
                self._transaction(
                    lambda s, v: lb.close_lookback(s, bid, on_date=v["on_date"], today=today).summary_zh()
                ),
                title=self.tr("Close batch"),
            )

        def close(s: Any, v: dict[str, Any]) -> str:
            done = pb.close_announcement(s, bid, on_date=v["on_date"], today=today)
            return f"公示已结束，{done} 户进入下一步。"

        return self._open_form("announcement_end", self._transaction(close), title=self.tr("Close batch"))


def _names(session: Any, village_id: str) -> tuple[str, str]:
    from desktop_app.storage.models import Area

    village = session.get(Area, village_id)
    township = session.get(Area, village.parent_id) if village is not None and village.parent_id else None
    return (village.name if village else "", township.name if township else "")


def b_village(session: Any, batch_id: str) -> str:
    from desktop_app.storage.models import Batch

    batch = session.get(Batch, batch_id)
    return str(batch.village_id)


def _evaluation_summary(results: dict[str, str]) -> str:
    passed = sum(1 for r in results.values() if r == "passed")
    return f"评议结束：{passed} 户通过，{len(results) - passed} 户未通过。"


__all__ = ["BatchTableModel", "BatchesView"]
