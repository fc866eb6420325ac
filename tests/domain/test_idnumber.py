from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.errors import DomainError
from desktop_app.domain.idnumber import (
    check,
    check_digit,
    is_normal_valid,
    is_valid,
    make_id,
    mask,
    normalize,
    upgrade_15,
)

TODAY = date(2024, 6, 30)
# Written out from GB 11643-1999 rather than taken from the code under test.
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARS = "10X98765432"
PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54]
PROVINCES += [61, 62, 63, 64, 65, 71, 81, 82]

VALID = "532931198702031238"  # worked by hand below
VALID_X = "11010519491231002X"  # the example printed in the standard


def reference_check_digit(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def test_hand_worked_check_digit() -> None:
    # 5·7+3·9+2·10+9·5+3·8+1·4+1·2+9·1+8·6+7·3+0·7+2·9+0·10+3·5+1·8+2·4+3·2 = 290; 290 mod 11 = 4 -> "8"
    assert check_digit("53293119870203123") == "8"
    assert check_digit("11010519491231002") == "X"
    assert is_valid(VALID, today=TODAY)
    assert is_valid(VALID_X, today=TODAY)


regions = st.builds(
    lambda prov, rest: f"{prov}{rest:04d}", st.sampled_from(PROVINCES), st.integers(min_value=0, max_value=9999)
)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
seqs = st.integers(min_value=0, max_value=999)


@settings(max_examples=300, deadline=None)
@given(region=regions, birth=births, seq=seqs)
def test_generated_numbers_are_valid_and_decode(region: str, birth: date, seq: int) -> None:
    number = make_id(region, birth, seq)
    assert len(number) == 18
    assert number[17] == reference_check_digit(number[:17])
    result = check(number, today=TODAY)
    assert result.valid, result.reason
    assert result.normalized == number
    assert result.reason_code is None and result.reason is None
    assert result.birth_date == birth
    assert result.sex == ("1" if seq % 2 else "2")
    # the same number as cadres type it
    spaced = f" {number[:6]} {number[6:14]}\u3000{number[14:].lower()} "
    assert check(spaced, today=TODAY).normalized == number


@pytest.mark.parametrize(
    "number", [VALID, VALID_X, make_id("440106", date(2000, 2, 29), 1), make_id("650102", date(1960, 12, 31), 7)]
)
def test_every_single_substitution_is_detected(number: str) -> None:
    assert is_valid(number, today=TODAY)
    tried = 0
    for pos in range(17):
        for digit in "0123456789":
            if digit == number[pos]:
                continue
            wrong = number[:pos] + digit + number[pos + 1 :]
            assert not is_valid(wrong, today=TODAY), wrong
            tried += 1
    for char in "0123456789X":
        if char != number[17]:
            wrong = number[:17] + char
            result = check(wrong, today=TODAY)
            assert not result.valid
            assert result.reason_code == "bad_check_digit"
            assert result.reason == f"校验码错误：请逐位核对号码（如前17位无误，最后一位应为 {number[17]}）"
            tried += 1
    assert tried == 17 * 9 + 10


@settings(max_examples=200, deadline=None)
@given(region=regions, birth=births, seq=seqs)
def test_every_adjacent_transposition_is_detected(region: str, birth: date, seq: int) -> None:
    number = make_id(region, birth, seq)
    for pos in range(17):
        a, b = number[pos], number[pos + 1]
        if a != b:
            swapped = number[:pos] + b + a + number[pos + 2 :]
            assert not is_valid(swapped, today=TODAY), (number, swapped)


def test_normalize() -> None:
    assert normalize("５３２９３１１９８７０２０３１２３８") == VALID
    assert normalize(" 5329 3119\t8702\u30000312 38\n") == VALID
    assert normalize("11010519491231002x") == VALID_X
    assert normalize("１１０１０５１９４９１２３１００２ｘ") == VALID_X
    assert check("５３２９３１１９８７０２０３１２３８", today=TODAY).valid


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("", "empty", "未填写"),
        ("  \u3000 ", "empty", "未填写"),
        ("53293119870203123", "bad_length", "长度应为18位，实际为17位"),
        ("5329311987020312381", "bad_length", "长度应为18位，实际为19位"),
        ("53293119870230123X", "bad_birth_date", "出生日期无效：19870230"),
        ("532931189912311234", "bad_birth_date", "出生日期无效：18991231"),
        ("532931198713011234", "bad_birth_date", "出生日期无效：19871301"),
        ("53293119870203123A", "bad_chars", None),
        ("5329311987X2031238", "bad_chars", None),
        ("99293119870203123X", "bad_region", None),
        ("002931198702031238", "bad_region", None),
        ("5.32931E+17", "rounded", None),
        ("5.32931198702031E+17", "rounded", None),
        ("532931198702031000.0", "rounded", None),
    ],
)
def test_rejections_say_why(raw: str, code: str, message: str | None) -> None:
    result = check(raw, today=TODAY)
    assert not result.valid
    assert result.reason_code == code
    assert result.reason and result.reason_en
    if message is not None:
        assert result.reason == message
    assert result.sex is None and result.birth_date is None


def test_future_birth_date_uses_injected_today() -> None:
    number = make_id("532931", date(2024, 7, 1), 5)
    assert check(number, today=date(2024, 7, 1)).valid
    result = check(number, today=date(2024, 6, 30))
    assert result.reason_code == "future_birth_date"
    assert "20240701" in (result.reason or "")


def test_upgrade_15_by_hand() -> None:
    # 6-digit region, "19" inserted before YYMMDD, 3-digit sequence, then the mod 11-2 check character.
    legacy = "532931870203123"
    first17 = "532931" + "19" + "870203" + "123"
    expected = first17 + reference_check_digit(first17)
    assert expected == VALID
    assert upgrade_15(legacy) == expected
    result = check(legacy, today=TODAY)
    assert result.valid and result.normalized == expected
    assert result.birth_date == date(1987, 2, 3) and result.sex == "1"


def test_15_digit_with_bad_date_is_rejected() -> None:
    assert check("532931870230123", today=TODAY).reason_code == "bad_birth_date"
    assert check("53293187020312X", today=TODAY).reason_code == "bad_chars"
    with pytest.raises(DomainError):
        upgrade_15("5329318702031")


def test_mask() -> None:
    assert mask(VALID) == "532931********1238"
    assert mask("532931870203123") == "*" * 15
    assert mask("") == ""


def test_make_id_rejects_bad_parts() -> None:
    with pytest.raises(DomainError):
        make_id("5329", date(1980, 1, 1), 1)
    with pytest.raises(DomainError):
        make_id("532931", date(1980, 1, 1), 1000)
    assert make_id("532931", date(1980, 1, 1), 0)[14:17] == "000"


def test_leap_days() -> None:
    assert check(make_id("440106", date(2000, 2, 29), 1), today=TODAY).birth_date == date(2000, 2, 29)
    first17 = "44010619000229001"  # 1900 was not a leap year
    assert check(first17 + reference_check_digit(first17), today=TODAY).reason_code == "bad_birth_date"


@given(
    st.text(alphabet="0123456789Xx ０１２３", min_size=17, max_size=19)
    | st.builds(
        lambda region, birth, seq, last: make_id(region, birth, seq)[:17] + last,
        st.sampled_from(["522601", "110101", "990101", "441302"]),
        st.dates(date(1890, 1, 1), date(2030, 12, 31)),
        st.integers(0, 999),
        st.sampled_from(list("0123456789X")),
    )
)
def test_the_quick_check_of_a_sheet_column_agrees_with_the_full_check(text: str) -> None:
    today = date(2026, 12, 1)
    full = check(text, today=today)
    assert is_normal_valid(text, today) == (full.valid and full.normalized == text)
