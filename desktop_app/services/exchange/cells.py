"""Turning field values into cells and cells back into field values, the same way for every sheet.

Reading is strict and explains itself: a cell that cannot become the field's value yields a Chinese
message instead of a guess. The canonical text of a value (:func:`canon`) is what the row check hashes, so a
row that went through a spreadsheet program unchanged hashes the same as when it was written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop_app import catalog
from desktop_app.domain import idnumber
from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import fen_to_decimal, parse_yuan
from desktop_app.services.exchange import columns as C
from desktop_app.storage.audit import as_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SPLIT_LABELS = re.compile(r"[、,，;；/\s]+")
_INT_TEXT = re.compile(r"^[+-]?\d+(\.0*)?$")


class CellError(ValueError):
    """A cell whose content cannot be read as the column's value; the message is for the user."""


QUOTE_CHARS = 40  # the most of a value a message or a problem line quotes
_LONG_DIGITS = re.compile(r"\d{11,}[\dXx]?")  # resident IDs, phones, bank accounts


def _mask_digits(match: re.Match[str]) -> str:
    digits = match.group(0)
    if len(digits) == 18:
        return idnumber.mask(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def quoted(value: Any) -> str:
    """A value as a message may quote it: short, long digit runs (IDs, phones, accounts) masked, and a value
    that looks like a swallowed file (an unbalanced quote in a CSV) summarised instead of printed."""
    text = value if isinstance(value, str) else cell_text(value)
    lines = text.count("\n") + 1
    if lines > 2 or len(text) > 200:
        return f"一个单元格中有 {len(text):,} 个字符、{lines:,} 行，可能是引号不配对"
    text = _LONG_DIGITS.sub(_mask_digits, text.replace("\r", " ").replace("\n", " "))
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _to_ascii(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def cell_text(value: Any) -> str:
    """Any cell as text the way a person sees it: 13800000000.0 → '13800000000', dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(SPACES))


# What a text cell loses at its ends on import: spaces only. Control characters (a tab, a carriage return, a
# line feed at the start of a phone or an account) are kept exactly, so that the app's own export comes back
# unchanged; identifiers (household numbers, record ids) lose every kind of white space, which is never part
# of them.
SPACES = " \u3000\u00a0"
_IDENTIFIERS = frozenset({"number", "@household_number", "id", "device_id", "@hash", "household_id", "cadre_id"})


def keytext_strip(col: C.Col) -> str | None:
    """The characters ``str.strip`` takes off a KEYTEXT cell of ``col`` (None: all white space)."""
    return None if col.field in _IDENTIFIERS else SPACES


def read_cell(col: C.Col, value: Any) -> Any:
    """The field value of one cell (``None`` for blank); raises CellError with a Chinese message."""
    kind = col.kind
    if is_blank(value):
        if col.required:
            raise CellError(f"必填项“{col.header}”为空")
        return None
    if kind == C.TEXT:
        return value if isinstance(value, str) else cell_text(value)
    if kind == C.KEYTEXT:
        return cell_text(value).strip(keytext_strip(col))
    if kind == C.IDNUM:
        return read_idnumber(value)
    if kind == C.CODE:
        return read_code(col.codelist or "", value, col.header)
    if kind == C.LABELLED:
        text = cell_text(value).strip()
        return catalog.parse_label(col.codelist or "", text) or text
    if kind == C.CODES:
        parts = [p for p in _SPLIT_LABELS.split(cell_text(value)) if p]
        return ",".join(read_code(col.codelist or "", p, col.header) for p in parts)
    if kind == C.BOOL:
        return read_bool(value, col.header)
    if kind == C.INT:
        return read_int(value, col.header)
    if kind == C.MONEY:
        try:
            return parse_yuan(value if isinstance(value, str | float | int) else cell_text(value))
        except DomainError as exc:
            raise CellError(f"“{col.header}”金额无效：{quoted(value)}") from exc
    if kind == C.DECIMAL:
        return read_decimal(value, col.header)
    if kind == C.DATE:
        return read_date(value, col.header)
    if kind == C.JSON:
        try:
            data = json.loads(cell_text(value))
        except ValueError as exc:
            raise CellError(f"“{col.header}”不是有效的数据：{quoted(value)}") from exc
        if not isinstance(data, dict):
            raise CellError(f"“{col.header}”不是有效的数据：{quoted(value)}")
        return data
    if kind == C.JSONLIST:
        try:
            items = json.loads(cell_text(value))
        except ValueError as exc:
            raise CellError(f"“{col.header}”不是有效的数据：{quoted(value)}") from exc
        if not isinstance(items, list):
            raise CellError(f"“{col.header}”不是有效的数据：{quoted(value)}")
        return items
    if kind == C.STAMP:
        try:
            return datetime.fromisoformat(cell_text(value).strip())
        except ValueError as exc:
            raise CellError(f"“{col.header}”时间格式无效：{quoted(value)}") from exc
    raise AssertionError(kind)


def read_idnumber(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError("身份证号码已被 Excel 转成数字，后几位已丢失，请按文本格式重新录入")
    result = idnumber.check(str(value))
    if not result.valid:
        raise CellError(f"身份证号码 {idnumber.mask(idnumber.normalize(str(value)))} 无效：{result.reason}")
    return str(result.normalized)


def read_code(list_id: str, value: Any, header: str) -> str:
    code_list = catalog.codelists()[list_id]
    text = cell_text(value)
    code = code_list.lookup(text)
    if code is None:
        allowed = "、".join(item.zh for item in code_list)
        if len(allowed) > 80:
            allowed = allowed[:80] + "…"
        raise CellError(f"“{header}”的值“{quoted(text)}”不在代码表中（可选：{allowed}）")
    return code


_TRUE = {"是", "1", "y", "yes", "true", "有", "√", "已落实", "在册"}
_FALSE = {"否", "0", "n", "no", "false", "无", "×", "未落实"}


def read_bool(value: Any, header: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _to_ascii(cell_text(value)).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"“{header}”应填“是”或“否”，实际为“{quoted(value)}”")


def read_int(value: Any, header: str) -> int:
    if isinstance(value, bool):
        raise CellError(f"“{header}”应为整数，实际为“{quoted(value)}”")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"“{header}”应为整数，实际为“{quoted(value)}”")
    text = _to_ascii(cell_text(value)).strip()
    if _INT_TEXT.match(text):
        return int(text.split(".")[0])
    raise CellError(f"“{header}”应为整数，实际为“{quoted(value)}”")


def read_decimal(value: Any, header: str) -> Decimal:
    try:
        if isinstance(value, float):
            number = Decimal(repr(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            number = Decimal(_to_ascii(cell_text(value)).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise CellError(f"“{header}”应为数字，实际为“{quoted(value)}”") from exc
    if not number.is_finite() or number < 0:
        raise CellError(f"“{header}”应为非负数，实际为“{quoted(value)}”")
    return number.quantize(Decimal("0.01"))


_DATE_TEXT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def read_date(value: Any, header: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _to_ascii(cell_text(value)).strip()
    match = _DATE_TEXT.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    elif re.fullmatch(r"\d{8}", text):
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    raise CellError(f"“{header}”不是有效日期（如 2019-03-01）：{quoted(value)}")


# the same text as json.dumps(value, ensure_ascii=False, sort_keys=True), without building an encoder per call
CANON_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def canon(value: Any) -> str:
    """The text a value contributes to the row check: None and "" are the same, JSON sorted."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    of_type = CANON_OF_TYPE.get(type(value))
    if of_type is not None:
        return of_type(value)  # type: ignore[no-any-return]  # each entry maps its type to a str function
    if isinstance(value, dict | list):
        return CANON_JSON.encode(value) if value else ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return as_text(value) or ""


def _bool_text(value: bool) -> str:
    return "1" if value else "0"


# ``canon`` of the commonest exact types, looked up instead of tested one by one (a county file has millions)
CANON_OF_TYPE: dict[type, Any] = {int: str, bool: _bool_text, date: date.isoformat, datetime: datetime.isoformat}


def row_hash(values: Sequence[Any]) -> str:
    of_type = CANON_OF_TYPE.get
    text = "\x1f".join([v if type(v) is str else "" if v is None else (of_type(type(v)) or canon)(v) for v in values])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def money_cell(fen: int | None) -> float | None:
    return None if fen is None else float(fen_to_decimal(fen))


def fast_reader(col: C.Col) -> Any:
    """``read_cell`` for one column, with the common cell types handled without the general path."""
    kind = col.kind
    required = col.required

    def general(value: Any) -> Any:
        if not required and (value == "" or value is None):
            return None
        return read_cell(col, value)

    if kind == C.TEXT:

        def text(value: Any) -> Any:
            if type(value) is str and value:
                return value
            return general(value)

        return text
    if kind == C.KEYTEXT:
        strip = keytext_strip(col)

        def keytext(value: Any) -> Any:
            if type(value) is str:
                stripped = value.strip(strip)
                if stripped:
                    return stripped
            return general(value)

        return keytext
    if kind in (C.CODE, C.BOOL):
        if kind == C.CODE:
            code_list = catalog.codelists()[col.codelist or ""]
            table: dict[str, Any] = {item.zh: item.code for item in code_list}
        else:
            table = {"是": True, "否": False}

        def coded(value: Any) -> Any:
            if type(value) is str:
                found = table.get(value)
                if found is not None:
                    return found
            return general(value)

        return coded
    if kind == C.IDNUM:
        today = date.today()

        def resident_id(value: Any) -> Any:
            if type(value) is str and idnumber.is_normal_valid(value, today):
                return value  # what read_idnumber returns for it: the number, already in its normal form
            return general(value)

        return resident_id
    if kind == C.JSON:
        loads = json.loads

        def details(value: Any) -> Any:
            if type(value) is str and value.startswith("{"):
                try:
                    data = loads(value)
                except ValueError:
                    data = None
                if type(data) is dict:
                    return data
            return general(value)

        return details
    if kind == C.INT:

        def integer(value: Any) -> Any:
            if type(value) is float and value.is_integer():
                return int(value)
            return general(value)

        return integer
    if kind == C.DATE:

        def day(value: Any) -> Any:
            if type(value) is date:
                return value
            return general(value)

        return day
    if kind == C.STAMP:

        def stamp(value: Any) -> Any:
            if type(value) is str:
                stripped = value.strip()
                if stripped:
                    try:
                        return datetime.fromisoformat(stripped)
                    except ValueError:
                        pass  # the general path explains the problem
            return general(value)

        return stamp
    if kind == C.MONEY:

        def money(value: Any) -> Any:
            if type(value) is float:
                if value.is_integer():
                    return int(value) * 100
                return parse_yuan(value)
            return general(value)

        return money
    return general


REMEMBERED = 4096  # distinct values remembered per column (codes, dates, yes/no repeat; names do not)


def remembered(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``read`` remembering what it made of each distinct cell value (a county sheet repeats 性别, 民族, codes,
    dates and yes/no thousands of times): the same value gives the same answer or the same error. Keyed by
    type and value, so that 1, 1.0 and True stay apart. For readers whose answers are immutable."""
    seen: dict[tuple[type, Any], tuple[bool, Any]] = {}

    def remembering(value: Any) -> Any:
        key = (value.__class__, value)
        hit = seen.get(key)
        if hit is not None:
            if hit[0]:
                return hit[1]
            raise CellError(hit[1])
        try:
            out = read(value)
        except CellError as exc:
            if len(seen) < REMEMBERED:
                seen[key] = (False, str(exc))
            raise
        if len(seen) < REMEMBERED:
            seen[key] = (True, out)
        return out

    return remembering
