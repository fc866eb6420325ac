"""The forms of the loan ledger: a new loan (or a renewal), a repayment, an extension (展期).

Each form calls its use case when the cadre presses OK; a refusal (a product rule named, a bad amount, a second
extension) keeps the form open with the Chinese reason under the fields, and nothing is written. ``saved``
carries what the use case returned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
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

from desktop_app.domain.errors import DomainError
from desktop_app.domain.loans import add_months
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.services import Database
from desktop_app.services.assistance import (
    LoanInput,
    LoanRow,
    add_loan,
    borrowers,
    extend,
    loan_products,
    renew,
    repay,
)
from desktop_app.ui.card_widgets import CodeCombo, ui_lang
from desktop_app.ui.procedure_forms import from_qdate, to_qdate


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _fen(text: str, *, optional: bool = False) -> int | None:
    if optional and not text.strip():
        return None
    return parse_yuan(text.strip() or "0")


class _Form(QDialog):
    """A form with an error line and OK / Cancel; ``_save()`` does the writing and may raise DomainError."""

    saved = Signal(object)

    def _finish(self, layout: QVBoxLayout) -> None:
        self.error = QLabel()
        self.error.setObjectName("loan_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #aa0000")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _save(self) -> Any:
        raise NotImplementedError

    def submit(self) -> bool:
        """Save; True when written (the form closes), False with the reason shown."""
        try:
            result = self._save()
        except DomainError as exc:
            self.error.setText(exc.message(ui_lang()))
            return False
        self.error.clear()
        self.saved.emit(result)
        self.accept()
        return True


class LoanDialog(_Form):
    """A new loan of a household, or (``renewing``) the renewal of a loan: borrower, product, terms."""

    def __init__(
        self, db: Database, household_id: str, *, renewing: LoanRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.household_id, self.renewing = db, household_id, renewing
        self.setWindowTitle(self.tr("Renew a loan") if renewing else self.tr("Add a loan"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.borrower = QComboBox()
        self.borrower.setObjectName("loan_borrower")
        for person in borrowers(db, household_id):
            shown = f"{person.name}（{person.relation_label}）" if person.relation_label else person.name
            self.borrower.addItem(shown, person.member_id)
        if renewing is not None and renewing.member_id:
            self.borrower.setCurrentIndex(max(self.borrower.findData(renewing.member_id), 0))
        form.addRow(self.tr("Borrower"), self.borrower)
        self.product = QComboBox()
        self.product.addItem(self.tr("By the drawdown date"), "")
        for product in loan_products(db):
            self.product.addItem(f"{product.name}（{product.period_zh}）", product.key)
        form.addRow(self.tr("Product"), self.product)
        self.drawn = _date_edit(date.today())
        form.addRow(self.tr("Drawn on"), self.drawn)
        self.amount = QLineEdit(format_yuan(renewing.balance_fen, grouping=False) if renewing else "")
        self.amount.setObjectName("loan_amount")
        form.addRow(self.tr("Amount (yuan)"), self.amount)
        self.term = QSpinBox()
        self.term.setRange(1, 120)
        self.term.setValue(renewing.term_months if renewing else 36)
        self.term.setSuffix(self.tr(" months"))
        form.addRow(self.tr("Term"), self.term)
        self.rate = QLineEdit(renewing.rate if renewing else "")
        self.rate.setPlaceholderText(self.tr("Annual percent, e.g. 4.35 (empty: the product's highest)"))
        form.addRow(self.tr("Rate (%)"), self.rate)
        self.rating = CodeCombo("credit_rating")
        form.addRow(self.tr("Credit rating"), self.rating)
        self.line = QLineEdit()
        form.addRow(self.tr("Credit line (yuan)"), self.line)
        self.contract = QLineEdit()
        self.contract.setObjectName("loan_contract")
        form.addRow(self.tr("Contract number"), self.contract)
        self.bank = QLineEdit(renewing.bank if renewing else "")
        form.addRow(self.tr("Bank"), self.bank)
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(self.tr("For production only, e.g. raising cattle"))
        form.addRow(self.tr("Purpose"), self.purpose)
        self.industry = QLineEdit()
        form.addRow(self.tr("Industry"), self.industry)
        self.note = QLineEdit()
        form.addRow(self.tr("Note"), self.note)
        layout.addLayout(form)
        self._finish(layout)

    def loan_input(self) -> LoanInput:
        return LoanInput(
            household_id=self.household_id,
            member_id=self.borrower.currentData(),
            amount_fen=_fen(self.amount.text()) or 0,
            drawn_on=from_qdate(self.drawn.date()),
            contract_no=self.contract.text(),
            bank=self.bank.text(),
            product=self.product.currentData() or "",
            credit_rating=self.rating.code(),
            credit_line_fen=_fen(self.line.text(), optional=True),
            term_months=self.term.value(),
            rate=self.rate.text(),
            purpose=self.purpose.text(),
            industry=self.industry.text(),
            note=self.note.text(),
        )

    def _save(self) -> str:
        data = self.loan_input()
        if self.renewing is not None:
            return renew(self.db, self.renewing.loan_id, data)
        return add_loan(self.db, data)


class RepaymentDialog(_Form):
    """A repayment on one loan: date, principal and interest in yuan, note."""

    def __init__(self, db: Database, loan: LoanRow, *, interest_fen: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.loan = db, loan
        self.setWindowTitle(self.tr("Record a repayment"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Contract %1, balance %2 yuan")
                .replace("%1", loan.contract)
                .replace("%2", format_yuan(loan.balance_fen))
            )
        )
        form = QFormLayout()
        self.paid_on = _date_edit(date.today())
        form.addRow(self.tr("Paid on"), self.paid_on)
        self.principal = QLineEdit("0")
        self.principal.setObjectName("repay_principal")
        form.addRow(self.tr("Principal (yuan)"), self.principal)
        self.interest = QLineEdit(format_yuan(interest_fen, grouping=False))
        self.interest.setObjectName("repay_interest")
        form.addRow(self.tr("Interest (yuan)"), self.interest)
        self.note = QLineEdit()
        form.addRow(self.tr("Note"), self.note)
        layout.addLayout(form)
        self._finish(layout)

    def _save(self) -> str:
        principal, interest = _fen(self.principal.text()) or 0, _fen(self.interest.text()) or 0
        return repay(self.db, self.loan.loan_id, from_qdate(self.paid_on.date()), principal, interest, self.note.text())


class ExtensionDialog(_Form):
    """An extension (展期): the new due date and the reason; granted once per loan."""

    def __init__(
        self, db: Database, loan: LoanRow, *, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.loan, self.today = db, loan, today
        self.setWindowTitle(self.tr("Extend a loan"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Contract %1, due %2")
                .replace("%1", loan.contract)
                .replace("%2", loan.due_on.isoformat() if loan.due_on else "")
            )
        )
        form = QFormLayout()
        self.new_due = _date_edit(add_months(loan.due_on or date.today(), 6))
        form.addRow(self.tr("New due date"), self.new_due)
        self.reason = QLineEdit()
        self.reason.setObjectName("extension_reason")
        self.reason.setPlaceholderText(self.tr("A reason beyond the borrower's control, e.g. a flood"))
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        self._finish(layout)

    def _save(self) -> None:
        extend(self.db, self.loan.loan_id, from_qdate(self.new_due.date()), self.reason.text(), on=self.today())


__all__ = ["ExtensionDialog", "LoanDialog", "RepaymentDialog"]
