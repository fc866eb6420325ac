"""The post ledger's forms: a new post of the village, and a holder's month worked. Each one saves through its
use case when accepted; a refusal (the rule named) stays on the form with nothing saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import catalog
from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import parse_yuan
from desktop_app.services import Database
from desktop_app.services.assistance import PostInput, add_post, record_post_month
from desktop_app.ui.card_widgets import ui_lang


def code_combo(kind: str, parent: QWidget, *, empty: bool = False) -> QComboBox:
    """A combo of a code list's labels (in the UI language), the code as each item's data."""
    combo = QComboBox(parent)
    if empty:
        combo.addItem("", None)
    for item in catalog.codelists()[kind]:
        combo.addItem(item.label(ui_lang()), item.code)
    return combo


def date_edit(parent: QWidget, day: date | None = None, *, optional: bool = False) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if optional:
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setSpecialValueText(" ")
    value = day or (None if optional else date.today())
    edit.setDate(QDate(value.year, value.month, value.day) if value else edit.minimumDate())
    return edit


def date_of(edit: QDateEdit) -> date | None:
    if edit.specialValueText() and edit.date() == edit.minimumDate():
        return None
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class _Form(QDialog):
    """A form whose OK runs ``submit`` and stays open with the reason when it is refused."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("form_message")
        self.message.setWordWrap(True)
        self.layout_.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        self.saved_id = ""

    def submit(self) -> str:
        raise NotImplementedError

    def _ok(self) -> None:
        try:
            self.saved_id = self.submit()
        except DomainError as exc:
            self.message.setText(exc.message(ui_lang()))
            return
        self.accept()


class PostDialog(_Form):
    """A new public-welfare post of the village."""

    def __init__(self, db: Database, village_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New public-welfare post"))
        self._db, self._village_id = db, village_id
        self.name = QLineEdit(self)
        self.type = code_combo("post_type", self)
        self.tier = code_combo("post_tier", self)
        self.tier.setCurrentIndex(self.tier.count() - 1)
        self.funding = code_combo("post_funding", self)
        self.subsidy = QLineEdit(self)
        self.subsidy.setObjectName("post_subsidy")
        self.places = QSpinBox(self)
        self.places.setRange(1, 999)
        self.start = date_edit(self, optional=True)
        self.end = date_edit(self, optional=True)
        self.vacancy = date_edit(self, optional=True)
        for label, widget in (
            (self.tr("Name (default: the type)"), self.name),
            (self.tr("Type"), self.type),
            (self.tr("Tier"), self.tier),
            (self.tr("Funding"), self.funding),
            (self.tr("Monthly subsidy (yuan)"), self.subsidy),
            (self.tr("Places"), self.places),
            (self.tr("From"), self.start),
            (self.tr("To"), self.end),
            (self.tr("Vacancy notice"), self.vacancy),
        ):
            self.form.addRow(label, widget)

    def submit(self) -> str:
        data = PostInput(
            village_id=self._village_id,
            type=str(self.type.currentData()),
            tier=str(self.tier.currentData()),
            funding=str(self.funding.currentData()),
            monthly_subsidy_fen=parse_yuan(self.subsidy.text().strip() or "0"),
            places=self.places.value(),
            name=self.name.text(),
            started_on=date_of(self.start),
            ended_on=date_of(self.end),
            vacancy_on=date_of(self.vacancy),
        )
        return add_post(self._db, data)


class MonthDialog(_Form):
    """A holder's month worked: days, attendance, assessment and the subsidy paid."""

    def __init__(self, db: Database, holder_id: str, subsidy_fen: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Month worked"))
        self._db, self._holder_id = db, holder_id
        self.month = QDateEdit(self)
        self.month.setDisplayFormat("yyyy-MM")
        today = date.today()
        self.month.setDate(QDate(today.year, today.month, 1))
        self.days = QSpinBox(self)
        self.days.setRange(0, 31)
        self.attendance = QCheckBox(self.tr("Attendance in order"), self)
        self.attendance.setChecked(True)
        self.assessment = code_combo("post_assessment", self, empty=True)
        self.subsidy = QLineEdit(f"{subsidy_fen // 100}.{subsidy_fen % 100:02d}", self)
        self.subsidy.setObjectName("month_subsidy")
        for label, widget in (
            (self.tr("Month"), self.month),
            (self.tr("Days worked"), self.days),
            ("", self.attendance),
            (self.tr("Assessment"), self.assessment),
            (self.tr("Subsidy (yuan)"), self.subsidy),
        ):
            self.form.addRow(label, widget)

    def submit(self) -> str:
        d = self.month.date()
        return record_post_month(
            self._db,
            self._holder_id,
            d.year() * 100 + d.month(),
            self.days.value(),
            self.attendance.isChecked(),
            self.assessment.currentData(),
            parse_yuan(self.subsidy.text().strip() or "0"),
        )
