"""The forms of part B (issue 16): a measure delivered (the monitoring tab's measure form with the delivery fields
added: content, beneficiary, fund, project, status, result, photos), a payment to a household, an allocation to
a village and a new fund source.

Every form calls ``submit`` with what it says; a refusal (the service's Chinese reason, naming its rule) keeps the
form open with the reason shown and nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import codelists
from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import parse_yuan
from desktop_app.services.assistance import (
    AllocationInput,
    DeliveryInput,
    DeliveryRow,
    DisbursementInput,
    FundInput,
    FundRow,
    ProjectRow,
)
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.help_measure_dialog import HelpMeasureDialog, MeasureInput


def combo(items: Sequence[tuple[str, Any]], *, blank: str | None = None) -> QComboBox:
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for text, data in items:
        box.addItem(text, data)
    return box


def code_combo(list_id: str, *, blank: str | None = None) -> QComboBox:
    lang = ui_lang()
    return combo([(item.label(lang), item.code) for item in codelists()[list_id]], blank=blank)


def choose(box: QComboBox, data: Any) -> None:
    box.setCurrentIndex(max(box.findData(data), 0))


def _amount(edit: QLineEdit) -> int:
    text = edit.text().strip()
    return parse_yuan(text) if text else 0


class PhotoList(QWidget):
    """Photos for evidence: those kept already (by hash) and files added now (stored when the form is saved)."""

    def __init__(self, kept: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kept = list(kept)
        self.files: list[str] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.add_button = QPushButton(self.tr("Add photo…"))
        self.add_button.clicked.connect(self.choose)
        row.addWidget(self.summary, 1)
        row.addWidget(self.add_button)
        self._show()

    def choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Photos"), "", self.tr("Images (*.jpg *.jpeg *.png)"))
        for name in names:
            self.add_file(name)

    def add_file(self, path: str) -> None:
        if path not in self.files:
            self.files.append(path)
        self._show()

    def evidence(self) -> list[str]:
        return [*self.kept, *self.files]

    def _show(self) -> None:
        self.summary.setText(self.tr("%1 photo(s)").replace("%1", str(len(self.kept) + len(self.files))))


class DeliveryDialog(HelpMeasureDialog):
    """Add (``delivery`` None) or change a measure delivered; ``submit`` gets a ``DeliveryInput``."""

    def __init__(
        self,
        submit: Callable[[DeliveryInput], Any],
        *,
        year: int,
        funds: Sequence[FundRow],
        projects: Sequence[ProjectRow],
        delivery: DeliveryRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lambda entry: submit(self.delivery(entry)), year=year, parent=parent)
        self.setWindowTitle(self.tr("Edit measure delivered") if delivery else self.tr("Add measure delivered"))
        form = QFormLayout()
        self.content = QLineEdit(delivery.content if delivery else "")
        self.member = QLineEdit(delivery.member if delivery else "")
        self.member.setPlaceholderText(self.tr("name of a member"))
        self.fund = combo([(f"{f.year} {f.name}", f.id) for f in funds], blank=self.tr("(none)"))
        self.project = combo([(p.name, p.id) for p in projects], blank=self.tr("(none)"))
        self.status = code_combo("measure_status")
        choose(self.status, delivery.status if delivery else "2")
        self.result_edit = QLineEdit(delivery.result if delivery else "")
        self.photos = PhotoList(delivery.evidence if delivery else ())
        for text, widget in (
            (self.tr("Content"), self.content),
            (self.tr("Beneficiary"), self.member),
            (self.tr("Fund"), self.fund),
            (self.tr("Project"), self.project),
            (self.tr("Status"), self.status),
            (self.tr("Result"), self.result_edit),
            (self.tr("Photos"), self.photos),
        ):
            form.addRow(text, widget)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(outer.count() - 2, form)  # before the error line and the buttons
        if delivery is not None:
            self.year.setValue(delivery.year)
            self.set_category(delivery.category)
            self.tick(*delivery.values)
            self.started.setText(delivery.started_on.isoformat() if delivery.started_on else "")
            self.ended.setText(delivery.ended_on.isoformat() if delivery.ended_on else "")
            self.amount.setText(f"{delivery.amount_fen / 100:.2f}")
            choose(self.fund, delivery.fund_id)
            choose(self.project, delivery.project_id)

    def delivery(self, entry: MeasureInput) -> DeliveryInput:
        return DeliveryInput(
            year=entry.year,
            category=entry.category,
            values=entry.values,
            content=self.content.text(),
            member_id=self.member.text().strip() or None,
            amount_fen=entry.amount_fen,
            fund_id=self.fund.currentData(),
            project_id=self.project.currentData(),
            started_on=entry.started_on,
            ended_on=entry.ended_on,
            status=str(self.status.currentData()),
            result=self.result_edit.text(),
            evidence=self.photos.evidence(),
            note=entry.note,
        )


class FormDialog(QDialog):
    """A form with rows, a red line for the refusal and OK/Cancel; ``entered()`` builds what ``submit`` gets."""

    def __init__(self, title: str, submit: Callable[[Any], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def entered(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self._submit(self.entered())
        except DomainError as exc:
            self.error.setText(exc.message(ui_lang()))
            self.error.show()
            return
        super().accept()


def _day_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _year_spin(year: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(2014, 2100)
    spin.setValue(year)
    return spin


class PayDialog(FormDialog):
    """A payment from a fund to a household (for one of its measures when ``measure_id`` is given)."""

    def __init__(
        self,
        submit: Callable[[DisbursementInput], Any],
        *,
        funds: Sequence[FundRow],
        today: date,
        household: str = "",
        measure_id: str | None = None,
        fund_id: str | None = None,
        amount_fen: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Pay to a household"), submit, parent)
        self.measure_id = measure_id
        self.household = QLineEdit(household)
        self.household.setPlaceholderText(self.tr("household number"))
        self.household.setReadOnly(bool(household))
        self.fund = combo([(f"{f.year} {f.name}", f.id) for f in funds], blank=self.tr("(choose)"))
        choose(self.fund, fund_id)
        self.amount = QLineEdit(f"{amount_fen / 100:.2f}" if amount_fen else "")
        self.amount.setPlaceholderText("0.00")
        self.paid_on = _day_edit(today)
        self.payee = QLineEdit()
        self.payee.setPlaceholderText(self.tr("name of a member"))
        self.photos = PhotoList()
        self.note = QLineEdit()
        for text, widget in (
            (self.tr("Household"), self.household),
            (self.tr("Fund"), self.fund),
            (self.tr("Amount (yuan)"), self.amount),
            (self.tr("Paid on"), self.paid_on),
            (self.tr("Payee"), self.payee),
            (self.tr("Photos"), self.photos),
            (self.tr("Note"), self.note),
        ):
            self.form.addRow(text, widget)

    def entered(self) -> DisbursementInput:
        return DisbursementInput(
            household_id=self.household.text().strip(),
            fund_id=self.fund.currentData(),
            amount_fen=_amount(self.amount),
            paid_on=self.paid_on.date().toPython(),  # type: ignore[arg-type]  # QDate.toPython gives a date
            measure_id=self.measure_id,
            payee_member_id=self.payee.text().strip() or None,
            evidence=self.photos.evidence(),
            note=self.note.text(),
        )


class AllocateDialog(FormDialog):
    """Money of a fund (and project) allocated to the village for a year."""

    def __init__(
        self,
        submit: Callable[[AllocationInput], Any],
        *,
        village_id: str,
        funds: Sequence[FundRow],
        projects: Sequence[ProjectRow],
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Allocate to the village"), submit, parent)
        self.village_id = village_id
        self.fund = combo([(f"{f.year} {f.name}", f.id) for f in funds], blank=self.tr("(choose)"))
        self.project = combo([(p.name, p.id) for p in projects], blank=self.tr("(none)"))
        self.year = _year_spin(year)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("0.00")
        self.document = QLineEdit()
        for text, widget in (
            (self.tr("Fund"), self.fund),
            (self.tr("Project"), self.project),
            (self.tr("Year"), self.year),
            (self.tr("Amount (yuan)"), self.amount),
            (self.tr("Document"), self.document),
        ):
            self.form.addRow(text, widget)

    def entered(self) -> AllocationInput:
        return AllocationInput(
            fund_id=self.fund.currentData() or "",
            village_id=self.village_id,
            amount_fen=_amount(self.amount),
            year=self.year.value(),
            project_id=self.project.currentData(),
            document=self.document.text(),
        )


class FundDialog(FormDialog):
    """A new fund source of a year."""

    def __init__(self, submit: Callable[[FundInput], Any], *, year: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New fund source"), submit, parent)
        self.name = QLineEdit()
        self.year = _year_spin(year)
        self.level = code_combo("fund_level", blank=self.tr("(none)"))
        self.document = QLineEdit()
        for text, widget in (
            (self.tr("Name"), self.name),
            (self.tr("Year"), self.year),
            (self.tr("Level"), self.level),
            (self.tr("Document"), self.document),
        ):
            self.form.addRow(text, widget)

    def entered(self) -> FundInput:
        return FundInput(self.name.text(), self.year.value(), self.level.currentData() or "", self.document.text())


__all__ = ["AllocateDialog", "DeliveryDialog", "FundDialog", "PayDialog", "PhotoList"]
