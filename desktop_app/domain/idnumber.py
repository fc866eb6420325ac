"""Resident ID numbers (公民身份号码, GB 11643-1999).

The ID number is the only reliable key for a person across county spreadsheets, so every import and
every form runs through :func:`check`. It reports *why* a number is wrong in words a cadre can act on
("the last digit should be 7") instead of a bare yes/no, and it recognises the numbers Excel has already
turned into floats: their last digits are lost and must be typed again, never "repaired".
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.errors import DomainError

# Weight of position i is 2**(17 - i) mod 11; the check character makes the weighted sum ≡ 1 (mod 11).
_WEIGHTS: tuple[int, ...] = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
# Province-level codes (GB/T 2260); a finer list would go stale with every county merger.
PROVINCE_CODES: frozenset[str] = frozenset(
    [str(n) for n in (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55))]
    + [str(n) for n in range(61, 66)]
    + ["71", "81", "82"]
)
EARLIEST_BIRTH = date(1900, 1, 1)

_WHITESPACE = re.compile(r"\s+", re.UNICODE)
_BODY18 = re.compile(r"^\d{17}[\dX]$")


@dataclass(frozen=True)
class IdCheck:
    input: str
    valid: bool
    normalized: str | None
    reason_code: str | None
    reason: str | None  # reads after the field name ("身份证号码" + reason): never repeat the name in it
    reason_en: str | None
    sex: str | None = None
    birth_date: date | None = None


def normalize(raw: str) -> str:
    """Undo what typing and copying do to a number: spaces, full-width characters, a lowercase x."""
    chars: list[str] = []
    for ch in raw:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
            ch = chr(code - 0xFEE0)
        chars.append(ch)
    return _WHITESPACE.sub("", "".join(chars)).upper()


def check_digit(first17: str) -> str:
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise DomainError("bad_length", f"需要17位数字，实际为：{first17}", f"17 digits needed, got: {first17}")
    total = sum(map(operator.mul, map(int, first17), _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def upgrade_15(id15: str) -> str:
    """Legacy numbers (issued before 1999) have a two-digit year, all in the 1900s, and no check digit."""
    id15 = normalize(id15)
    if len(id15) != 15 or not id15.isascii() or not id15.isdigit():
        raise DomainError("bad_length", f"不是15位旧身份证号码：{id15}", f"not a 15-digit legacy ID number: {id15}")
    first17 = id15[:6] + "19" + id15[6:]
    return first17 + check_digit(first17)


def make_id(region6: str, birth: date, seq3: int) -> str:
    if len(region6) != 6 or not region6.isascii() or not region6.isdigit():
        raise DomainError("bad_region", f"地址码应为6位数字：{region6}", f"region code must be 6 digits: {region6}")
    if not 0 <= seq3 <= 999:
        raise DomainError("bad_seq", f"顺序码应在 0–999 之间：{seq3}", f"sequence must be 0-999: {seq3}")
    first17 = f"{region6}{birth:%Y%m%d}{seq3:03d}"
    return first17 + check_digit(first17)


def mask(id_number: str) -> str:
    """Public notices show enough to tell people apart, never enough to reuse the number."""
    if len(id_number) != 18:
        return "*" * len(id_number)
    return id_number[:6] + "*" * 8 + id_number[-4:]


def _fail(raw: str, code: str, zh: str, en: str, normalized: str | None = None) -> IdCheck:
    return IdCheck(input=raw, valid=False, normalized=normalized, reason_code=code, reason=zh, reason_en=en)


def _parse_birth(yyyymmdd: str) -> date | None:
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def _check_date(raw: str, yyyymmdd: str, today: date, normalized: str | None) -> IdCheck | date:
    birth = _parse_birth(yyyymmdd)
    if birth is None or birth < EARLIEST_BIRTH:
        return _fail(raw, "bad_birth_date", f"出生日期无效：{yyyymmdd}", f"invalid birth date: {yyyymmdd}", normalized)
    if birth > today:
        return _fail(
            raw,
            "future_birth_date",
            f"出生日期晚于今天：{yyyymmdd}",
            f"birth date is in the future: {yyyymmdd}",
            normalized,
        )
    return birth


def check(raw: str, *, today: date | None = None) -> IdCheck:
    today = today or date.today()
    text = normalize(raw or "")
    if not text:
        return _fail(raw, "empty", "未填写", "ID number is empty")
    if "E+" in text or "." in text:
        return _fail(
            raw,
            "rounded",
            "已被 Excel 转成数字，后几位已丢失，请按文本格式重新录入",
            "the ID number was turned into a number by Excel and its last digits are lost; re-enter it as text",
        )
    if not text.isascii() or not re.fullmatch(r"\d+X?", text) or (len(text) == 15 and text.endswith("X")):
        return _fail(
            raw,
            "bad_chars",
            "含有无效字符：只能是数字，最后一位可以是 X",
            "invalid characters: digits only, the last one may be X",
        )
    if len(text) not in (15, 18):
        return _fail(
            raw, "bad_length", f"长度应为18位，实际为{len(text)}位", f"must be 18 characters long, got {len(text)}"
        )
    if text[:2] not in PROVINCE_CODES:
        return _fail(
            raw,
            "bad_region",
            f"地址码无效：前两位 {text[:2]} 不是省级行政区划代码",
            f"invalid region code: {text[:2]} is not a province-level code",
        )
    if len(text) == 15:
        upgraded = upgrade_15(text)
        birth_or_fail = _check_date(raw, upgraded[6:14], today, None)
        if isinstance(birth_or_fail, IdCheck):
            return birth_or_fail
        return _valid(raw, upgraded, birth_or_fail)
    birth_or_fail = _check_date(raw, text[6:14], today, text)
    if isinstance(birth_or_fail, IdCheck):
        return birth_or_fail
    expected = check_digit(text[:17])
    if text[17] != expected:
        return _fail(
            raw,
            "bad_check_digit",
            f"校验码错误：请逐位核对号码（如前17位无误，最后一位应为 {expected}）",
            f"check digit mismatch: verify every digit (if the first 17 are right, the last should be {expected})",
            text,
        )
    return _valid(raw, text, birth_or_fail)


def _valid(raw: str, id18: str, birth: date) -> IdCheck:
    sex = "1" if int(id18[16]) % 2 == 1 else "2"
    return IdCheck(
        input=raw, valid=True, normalized=id18, reason_code=None, reason=None, reason_en=None, sex=sex, birth_date=birth
    )


def is_normal_valid(text: str, today: date) -> bool:
    """True when ``text`` is an 18-character number exactly as :func:`check` normalises it and :func:`check`
    finds it valid: the quick path of a county sheet's ID column (any other text: ask :func:`check`)."""
    if len(text) != 18 or not text.isascii() or _BODY18.fullmatch(text) is None or text[:2] not in PROVINCE_CODES:
        return False
    birth = _parse_birth(text[6:14])
    if birth is None or birth < EARLIEST_BIRTH or birth > today:
        return False
    return text[17] == check_digit(text[:17])


def is_valid(raw: str, *, today: date | None = None) -> bool:
    return check(raw, today=today).valid
