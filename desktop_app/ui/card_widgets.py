"""Small input widgets of the household card: code-list combos, money and area fields, yes/no/unchecked.

Each widget only accepts what the field may hold (a code of its list, an amount with at most two decimals),
so mistakes are stopped where they are typed. All emit ``edited`` when the user changes them.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from desktop_app import catalog
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.ui.i18n import current_language

# Item data is never None: "" stands for "no value". PySide6 6.12 on Python 3.11 loses a reference to None
# whenever None passes through a QVariant (see desktop_app/ui/__init__.py), and an empty string also keeps
# findData() and currentData() unambiguous.
NO_VALUE = ""


def ui_lang() -> str:
    """ "zh" or "en": the language data labels (code lists) are shown in, following the UI language."""
    return "en" if current_language().lower().startswith("en") else "zh"


def code_label(list_id: str, code: str | None) -> str:
    return catalog.codelists()[list_id].label(code, ui_lang()) if code else ""


class CodeCombo(QComboBox):
    """Only the codes of one code list (and, unless required, an empty choice)."""

    edited = Signal()

    def __init__(self, list_id: str, *, required: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_id = list_id
        self.required = required
        lang = ui_lang()
        if not required:
            self.addItem("", NO_VALUE)
        for item in catalog.codelists()[list_id]:
            self.addItem(item.label(lang), item.code)
        self.activated.connect(lambda _i: self.edited.emit())

    def code(self) -> str | None:
        return self.currentData() or None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else (0 if not self.required else -1)
        if index < 0 and code:
            # A code the lists no longer hold stays visible (and is reported by validation), never silently lost.
            self.addItem(code, code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class TriStateCombo(QComboBox):
    """Yes / no / not checked, with yes and no worded by the yes_no code list."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("Not checked"), NO_VALUE)
        self.addItem(code_label("yes_no", "1"), "1")
        self.addItem(code_label("yes_no", "0"), "0")
        self.activated.connect(lambda _i: self.edited.emit())

    def value(self) -> bool | None:
        return {"1": True, "0": False}.get(self.currentData())

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])


_MONEY = QRegularExpression(r"^\d{0,3}(,?\d{3})*(\.\d{0,2})?$|^\d*(\.\d{0,2})?$")
_DECIMAL = QRegularExpression(r"^\d{0,8}(\.\d{0,2})?$")


class MoneyEdit(QLineEdit):
    """An amount in yuan (two decimals at most), kept as fen; empty means 0."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(_MONEY, self))
        self.setPlaceholderText("0.00")
        self.textEdited.connect(lambda _t: self.edited.emit())

    def fen(self) -> int:
        text = self.text().strip()
        if not text or text == ".":
            return 0
        try:
            return parse_yuan(text)
        except Exception:  # noqa: BLE001 - the validator already rules malformed text out
            return 0

    def set_fen(self, fen: int) -> None:
        self.setText(format_yuan(fen, grouping=False) if fen else "")


class DecimalEdit(QLineEdit):
    """An area or distance with two decimals; empty means not recorded."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(_DECIMAL, self))
        self.textEdited.connect(lambda _t: self.edited.emit())

    def value(self) -> Decimal | None:
        text = self.text().strip()
        if not text or text == ".":
            return None
        try:
            return Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:
            return None

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else format(Decimal(value).normalize(), "f"))


class YearSpin(QSpinBox):
    """A year, or nothing (shown as a dash at the bottom of the range)."""

    edited = Signal()
    NONE = 1999

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self.NONE, 2100)
        self.setSpecialValueText("—")
        self._user: bool = True
        self.valueChanged.connect(lambda _v: self.edited.emit() if self._user else None)

    def year(self) -> int | None:
        return None if self.value() == self.NONE else self.value()

    def set_year(self, year: int | None) -> None:
        self._user = False
        try:
            self.setValue(self.NONE if year is None else year)
        finally:
            self._user = True
