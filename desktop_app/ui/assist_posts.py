"""Public-welfare post screens (公益岗位).

- :class:`PostsPage`: the village's posts with their places filled; the chosen post's applicants and holders
  through the selection (apply → check → notice → contract → leave, or reject), each step on a date, with a
  written override and who decided when a rule refuses; a holder's months worked; the check of the posts held.
- :class:`CardPostsSection`: the household's applications and posts and the months of the chosen one.

Every refusal is shown as the use case words it (the rule named); nothing is written then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services.assistance import (
    HolderRow,
    apply_for_post,
    household_posts,
    post_holders,
    post_list,
    post_months,
    post_step,
    posts_check,
    village_people,
)
from desktop_app.services.permissions import refusal
from desktop_app.ui.assist_base import CardSection, VillagePage
from desktop_app.ui.assist_post_forms import MonthDialog, PostDialog, date_edit, date_of
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.models.posts import RowsModel, holders_model, months_model, posts_model

STEPS = ("check", "notice", "contract", "leave", "reject")


def _table(parent: QWidget, model: RowsModel[Any], name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _chosen(view: QTableView, model: RowsModel[Any]) -> Any:
    index = view.currentIndex()
    return model.row_at(index.row()) if index.isValid() else None


class PostsPage(VillagePage):
    """The village's post ledger."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.posts = posts_model(self)
        self.holders = holders_model(self)
        self.months = months_model(self)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.add_button = QPushButton(self.tr("New post…"), self)
        top.addWidget(QLabel(self.tr("Posts of the village"), self), 1)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        split = QSplitter(self)
        self.posts_view = _table(split, self.posts, "posts_table")
        self.holders_view = _table(split, self.holders, "holders_table")
        layout.addWidget(split, 1)
        layout.addWidget(self._steps_box())
        lower = QHBoxLayout()
        self.months_view = _table(self, self.months, "post_months")
        lower.addWidget(self.months_view, 1)
        self.findings = QListWidget(self)
        self.findings.setObjectName("post_findings")
        lower.addWidget(self.findings, 1)
        layout.addLayout(lower)
        self.message = QLabel(self)
        self.message.setObjectName("posts_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.new_post)
        self.posts_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_holders())
        self.holders_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_months())

    def _steps_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selection"), self)
        rows = QVBoxLayout(box)
        first = QHBoxLayout()
        first.addWidget(QLabel(self.tr("Date"), box))
        self.on = date_edit(box)
        first.addWidget(self.on)
        self.person = QComboBox(box)
        self.person.setObjectName("post_person")
        self.person.setMinimumContentsLength(12)
        first.addWidget(self.person, 1)
        self.apply_button = QPushButton(self.tr("Apply"), box)
        self.apply_button.clicked.connect(self.apply)
        first.addWidget(self.apply_button)
        rows.addLayout(first)
        second = QHBoxLayout()
        labels = {
            "check": self.tr("Check"),
            "notice": self.tr("Start notice"),
            "contract": self.tr("Contract"),
            "leave": self.tr("Leave"),
            "reject": self.tr("Reject"),
        }
        self.step_buttons: dict[str, QPushButton] = {}
        for step in STEPS:
            button = QPushButton(labels[step], box)
            button.setObjectName(f"step_{step}")
            button.clicked.connect(self._stepper(step))
            second.addWidget(button)
            self.step_buttons[step] = button
        self.month_button = QPushButton(self.tr("Month worked…"), box)
        self.month_button.clicked.connect(self.record_month)
        second.addWidget(self.month_button)
        rows.addLayout(second)
        third = QHBoxLayout()
        self.override = QLineEdit(box)
        self.override.setObjectName("post_override")
        self.override.setPlaceholderText(self.tr("Written override when a rule refuses"))
        self.decided_by = QLineEdit(box)
        self.decided_by.setObjectName("post_decided_by")
        self.decided_by.setPlaceholderText(self.tr("Decided by"))
        self.reason = QLineEdit(box)
        self.reason.setObjectName("post_reason")
        self.reason.setPlaceholderText(self.tr("Reason (leaving, rejection)"))
        for widget in (self.override, self.decided_by, self.reason):
            third.addWidget(widget, 1)
        rows.addLayout(third)
        return box

    # --- reading ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        chosen = _chosen(self.posts_view, self.posts)
        rows = post_list(self.db, self.village_id) if self.village_id else []
        self.posts.set_rows(rows)
        ids = [r.id for r in rows]
        if ids:
            self.posts_view.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        self.person.clear()
        for p in village_people(self.db, self.village_id) if self.village_id else []:
            self.person.addItem(f"{p.number} {p.name}", p.member_id)
        self._show_holders()
        self._show_findings()
        self._follow_rights()

    def _follow_rights(self) -> None:
        """Buttons follow the role table; a refused one says who may (its tooltip)."""
        buttons = [(self.add_button, "assist.post_add"), (self.apply_button, "assist.post_apply")]
        buttons += [(b, "assist.post_step") for b in self.step_buttons.values()]
        buttons.append((self.month_button, "assist.post_month"))
        answers = {action: refusal(self.db, action) for action in {action for _button, action in buttons}}
        for button, action in buttons:
            refused = answers[action]
            button.setEnabled(refused is None and self.village_id is not None)
            button.setToolTip("" if refused is None else refused[0] if ui_lang() == "zh" else refused[1])

    def _show_holders(self) -> None:
        post = _chosen(self.posts_view, self.posts)
        kept = _chosen(self.holders_view, self.holders)
        rows = post_holders(self.db, post.id) if post is not None else []
        self.holders.set_rows(rows)
        ids = [r.id for r in rows]
        if kept is not None and kept.id in ids:
            self.holders_view.selectRow(ids.index(kept.id))
        self._show_months()

    def _show_months(self) -> None:
        holder: HolderRow | None = _chosen(self.holders_view, self.holders)
        self.months.set_rows(post_months(self.db, holder.id) if holder is not None else [])

    def _show_findings(self) -> None:
        self.findings.clear()
        if self.village_id is None:
            return
        found = posts_check(self.db, self.village_id)
        for f in found:
            self.findings.addItem(f"{f.number} {f.person} {f.post}：{f.message}")
        if not found:
            self.findings.addItem(self.tr("Every holder meets the rules."))

    # --- writing ------------------------------------------------------------------------------------------
    def _do(self, action: Callable[[], object], done: str) -> bool:
        try:
            action()
        except DomainError as exc:
            self.message.setText(exc.message(ui_lang()))
            return False
        self.message.setText(done)
        self.refresh()
        self.changed.emit()
        return True

    def new_post(self) -> None:
        if self.village_id is None:
            return
        dialog = PostDialog(self.db, self.village_id, self)
        if dialog.exec():
            self.message.setText(self.tr("Post added."))
            self.refresh()
            self.changed.emit()

    def apply(self) -> None:
        post = _chosen(self.posts_view, self.posts)
        member = self.person.currentData()
        if post is None or member is None:
            self.message.setText(self.tr("Choose a post and a person first."))
            return
        day = date_of(self.on) or date.today()
        self._do(lambda: apply_for_post(self.db, post.id, str(member), day), self.tr("Application recorded."))

    def _stepper(self, step: str) -> Callable[[], object]:
        return lambda: self.step(step)

    def step(self, step: str) -> bool:
        holder = _chosen(self.holders_view, self.holders)
        if holder is None:
            self.message.setText(self.tr("Choose an applicant or holder first."))
            return False
        day = date_of(self.on) or date.today()
        override, who, reason = self.override.text(), self.decided_by.text(), self.reason.text()
        ok = self._do(
            lambda: post_step(self.db, holder.id, step, day, override=override, decided_by=who, reason=reason),
            self.tr("Done: %1").replace("%1", self.step_buttons[step].text()),
        )
        if ok:
            for field in (self.override, self.decided_by, self.reason):
                field.clear()
        return ok

    def record_month(self) -> None:
        holder = _chosen(self.holders_view, self.holders)
        post = _chosen(self.posts_view, self.posts)
        if holder is None or post is None:
            self.message.setText(self.tr("Choose a holder first."))
            return
        dialog = MonthDialog(self.db, holder.id, post.monthly_subsidy_fen, self)
        if dialog.exec():
            self.message.setText(self.tr("Month recorded."))
            self._show_holders()
            self.changed.emit()


class CardPostsSection(CardSection):
    """The household's applications and posts, and the months of the chosen one."""

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(db, household_id, parent)
        self.holders = holders_model(self)
        self.months = months_model(self)
        layout = QVBoxLayout(self)
        self.holders_view = _table(self, self.holders, "card_posts")
        self.months_view = _table(self, self.months, "card_post_months")
        layout.addWidget(self.holders_view, 2)
        layout.addWidget(self.months_view, 1)
        self.empty = QLabel(self.tr("No member of this household has applied for a public-welfare post."), self)
        layout.addWidget(self.empty)
        self.holders_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_months())

    def refresh(self) -> None:
        super().refresh()
        rows = household_posts(self.db, self.household_id)
        self.holders.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.holders_view.selectRow(0)
        self._show_months()

    def _show_months(self) -> None:
        holder = _chosen(self.holders_view, self.holders)
        self.months.set_rows(post_months(self.db, holder.id) if holder is not None else [])
