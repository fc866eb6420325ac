"""Money as integer fen (分).

Subsidies, incomes and poverty lines are compared against each other and summed over thousands of
households; a float would make "2,952.00 below 2,952.00" depend on rounding noise. Everything is stored
and computed in fen and only turned into yuan text at the edge.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop_app.domain.errors import DomainError

_FEN = Decimal("0.01")
# Decorations cadres type or spreadsheets add around an amount.
_NOISE = re.compile(r"[\s,，￥¥]|元|人民币|RMB|CNY", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _bad(value: object) -> DomainError:
    return DomainError("bad_money", f"金额无效：{value}", f"invalid amount: {value}")


def _to_ascii(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def _yuan_to_fen(amount: Decimal, original: object) -> int:
    if not amount.is_finite():
        raise _bad(original)
    return int((amount / _FEN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_yuan(value: str | int | float | Decimal) -> int:
    """Read an amount in yuan the way it arrives from a form or a county workbook."""
    if isinstance(value, bool):
        raise _bad(value)
    if isinstance(value, int):
        return value * 100
    if isinstance(value, float):
        # repr() is the shortest text that round-trips, so 2736.5 does not become 2736.4999...
        return _yuan_to_fen(Decimal(repr(value)) if value == value else Decimal("NaN"), value)
    if isinstance(value, Decimal):
        return _yuan_to_fen(value, value)
    if not isinstance(value, str):
        raise _bad(value)
    text = _NOISE.sub("", _to_ascii(value).replace("\u3000", " "))
    if not _NUMBER.match(text):
        raise _bad(value)
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already rules this out
        raise _bad(value) from exc
    return _yuan_to_fen(amount, value)


def format_yuan(fen: int, *, grouping: bool = True) -> str:
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), 100)
    whole = f"{yuan:,}" if grouping else str(yuan)
    return f"{sign}{whole}.{rest:02d}"


def fen_to_decimal(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(_FEN)
