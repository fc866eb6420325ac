"""How the national system's person sheets write their values (MONITORING.md §10), both ways, without I/O.

A national layout (``resources/layouts/*.json``) gives each column a *format*: ``text``, ``id`` (a resident
ID kept as text), ``int``, ``year`` (a year, read also from YYYYMM or YYYYMMDD), ``yyyymm`` and ``yyyymmdd``
(dates as digits), ``yuan`` (fen in the database, yuan in the cell), ``yesno`` (是/否), ``code`` (one code
list label) and ``codes`` (several labels joined by commas, "其他,技能培训"). The code-list lookups are passed
in (the domain reads no data files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime

from desktop_app.domain.money import format_yuan, parse_yuan

FORMATS = ("text", "id", "int", "year", "yyyymm", "yyyymmdd", "yuan", "yesno", "code", "codes")
_DIGITS = re.compile(r"^\d+$")
_SPLIT = re.compile(r"[,，、;；/\s]+")
_YES = {"是", "1", "y", "yes", "true", "有", "√"}
_NO = {"否", "0", "n", "no", "false", "无", "×"}


class LayoutValueError(ValueError):
    """A cell that does not fit its column's format; ``str(exc)`` is the Chinese reason."""


def _ascii(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text).strip()


def _digits(value: object) -> str:
    """A date cell as its digits: 202403, "2024-03", "2024.03.05", 20240305.0, a real date."""
    if isinstance(value, datetime):
        return value.strftime("%Y%m%d")
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _ascii(str(value))
    parts = [p for p in re.split(r"[-./年月日]", text) if p]
    if len(parts) > 1:
        return parts[0] + "".join(p.zfill(2) for p in parts[1:])
    return text


def read_yyyymm(value: object) -> date:
    """YYYYMM (also YYYY-MM, YYYY.MM, YYYY年MM月, or a full date) → the first day of that month."""
    text = _digits(value)
    if not _DIGITS.match(text) or len(text) not in (6, 8):
        raise LayoutValueError(f"应为年月（YYYYMM，如 202403），实际为“{value}”")
    try:
        return date(int(text[:4]), int(text[4:6]), 1)
    except ValueError as exc:
        raise LayoutValueError(f"年月无效：“{value}”") from exc


def read_yyyymmdd(value: object) -> date:
    """YYYYMMDD (also YYYY-MM-DD, a real date) → the date."""
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = _digits(value)
    if not _DIGITS.match(text) or len(text) != 8:
        raise LayoutValueError(f"应为日期（YYYYMMDD，如 19800305），实际为“{value}”")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise LayoutValueError(f"日期无效：“{value}”") from exc


def read_year(value: object) -> int:
    """A year: 2016, "2016", 201605 or 20160512 (the year of a YYYYMM or YYYYMMDD cell)."""
    text = _digits(value)
    if not _DIGITS.match(text) or len(text) not in (4, 6, 8) or not 1900 <= int(text[:4]) <= 2100:
        raise LayoutValueError(f"应为年份（如 2016 或 201605），实际为“{value}”")
    return int(text[:4])


def read_yesno(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _ascii(str(value)).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise LayoutValueError(f"应填“是”或“否”，实际为“{value}”")


def read_yuan(value: object) -> int:
    """Yuan as the sheet has it (8050, "8,050.00", "8050元") → fen."""
    try:
        return parse_yuan(value if isinstance(value, str | int | float) else str(value))
    except Exception as exc:  # DomainError: a Chinese message of its own, said here with the format
        raise LayoutValueError(f"金额无效：“{value}”") from exc


def split_labels(value: object) -> list[str]:
    """The items of a comma-joined multi-select cell ("其他,技能培训", "其他，技能培训", "其他、技能培训")."""
    return [p for p in _SPLIT.split(str(value).strip()) if p]


def read_codes(value: object, lookup: Callable[[str], str | None]) -> list[str]:
    """The codes of a multi-select cell; ``lookup`` maps a label or a code to the code (None: unknown)."""
    codes: list[str] = []
    for part in split_labels(value):
        code = lookup(part)
        if code is None:
            raise LayoutValueError(f"“{part}”不在代码表中")
        if code not in codes:
            codes.append(code)
    return codes


def yyyymm(value: date | None) -> str:
    return "" if value is None else f"{value.year:04d}{value.month:02d}"


def yyyymmdd(value: date | None) -> str:
    return "" if value is None else f"{value.year:04d}{value.month:02d}{value.day:02d}"


def yesno(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def yuan(fen: int | None) -> str:
    """Fen as yuan text with two decimals and no grouping (a bank's import reads it as a number)."""
    return "" if fen is None else format_yuan(fen, grouping=False)


def joined(labels: Iterable[str]) -> str:
    """Multi-select labels as the national sheets join them: with ASCII commas, no spaces."""
    return ",".join(label for label in labels if label)


def write_value(fmt: str, value: object, label: Callable[[str], str]) -> str:
    """One cell's text in ``fmt``; ``label`` turns a code into its label (for ``code`` and ``codes``)."""
    if value is None or value == "":
        return ""
    if fmt == "yyyymm":
        if isinstance(value, int):  # a month stored as YYYYMM
            return f"{value:06d}"
        return yyyymm(value if isinstance(value, date) else None)
    if fmt == "yyyymmdd":
        return yyyymmdd(value if isinstance(value, date) else None)
    if fmt == "yesno":
        return yesno(bool(value))
    if fmt == "yuan":
        return yuan(int(value))  # type: ignore[call-overload]  # fen, an int
    if fmt == "code":
        return label(str(value))
    if fmt == "codes":
        items = value if isinstance(value, list | tuple) else split_labels(value)
        return joined(label(str(code)) for code in items)
    return str(value)
