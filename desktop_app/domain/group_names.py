"""Village-group names written however a county writes them: 一组 = 1组 = 第一组 = 第1村民小组 = 一社 = 01组.

Pure text rules, no files: the county's aliases (``resources/codelists/group_aliases.json`` and the county's
own ``group_aliases.local.json``, read by :mod:`desktop_app.catalog`) are passed in as a mapping.

:func:`group_number` reads the number of a numbered group (Chinese numerals, Arabic or full-width digits,
with or without 第, any of the usual suffixes); :func:`group_key` is what two names must share to be the same
group: ``"#3"`` for the third group however written, else the name without spaces and in half-width form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

# Longest first: 村民小组 before 小组 before 组.
DEFAULT_SUFFIXES: tuple[str, ...] = ("村民小组", "村民组", "生产队", "小组", "组", "社", "队")

_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3}
_DIGITS |= {"四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8}
_DIGITS |= {"九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}
_SPACES = re.compile(r"[\s\u3000]+")
_NUMERAL = "".join(_DIGITS) + "".join(_UNITS)
_PATTERN = re.compile(rf"第?([0-9]+|[{_NUMERAL}]+)")


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral (一 … 九百九十九, 十二, 二十, 一〇五 digit by digit), None if it is not one."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):  # digit by digit: 一〇 = 10, 二五 = 25
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit, last_unit = 0, None, 1000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # 二三十 is not a numeral
            digit = _DIGITS[ch] if _DIGITS[ch] != 0 else None
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None  # 十十, 十百
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def clean(name: str) -> str:
    """The name in half-width form (full-width digits and letters), without any spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(name or "")))


def group_number(name: str, suffixes: Iterable[str] = DEFAULT_SUFFIXES) -> int | None:
    """The number of a numbered village group (第1村民小组 → 1, 十二社 → 12, ０３组 → 3), None for a named one.

    A bare number ("3", "三") counts too: a roster's 村民小组 column often holds just that.
    """
    text = clean(name)
    for suffix in sorted(suffixes, key=len, reverse=True):
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    match = _PATTERN.fullmatch(text)
    if match is None:
        return None
    body = match.group(1)
    value = int(body) if body.isdigit() else chinese_number(body)
    return value if value is not None and value > 0 else None


def group_key(name: str, aliases: Mapping[str, str] | None = None, suffixes: Iterable[str] = DEFAULT_SUFFIXES) -> str:
    """What two names of the same group share: ``"#<number>"`` for a numbered group, else the cleaned name.

    ``aliases`` (alias → canonical name, from the county's files) is applied first, to the cleaned name.
    """
    text = clean(name)
    if aliases:
        cleaned = {clean(k): v for k, v in aliases.items()}
        text = clean(cleaned.get(text, text))
    number = group_number(text, suffixes)
    return f"#{number}" if number is not None else text


def same_group(a: str, b: str, aliases: Mapping[str, str] | None = None) -> bool:
    """Whether two written names name the same group."""
    return group_key(a, aliases) == group_key(b, aliases)


def canonical_group_name(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """The name the app gives a new group: 第N村民小组 for a numbered one (as the welcome dialog names them),
    else the name as written (cleaned of spaces)."""
    key = group_key(name, aliases)
    return f"第{key[1:]}村民小组" if key.startswith("#") else clean(name)
