"""Village-group names however a county writes them (domain.group_names): examples and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.group_names import (
    canonical_group_name,
    chinese_number,
    group_key,
    group_number,
    same_group,
)

DIGITS = "零一二三四五六七八九"


def zh(n: int) -> str:
    """How a cadre writes 1–99 in Chinese: 一, 十, 十二, 二十, 九十九."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


@pytest.mark.parametrize(
    "written", ["一组", "1组", "第一组", "第1村民小组", "一社", "01组", "１组", "第 1 组", "壹组", "1", "一小组"]
)
def test_the_first_group_however_it_is_written(written: str) -> None:
    assert group_number(written) == 1
    assert same_group(written, "第1村民小组")


@pytest.mark.parametrize(
    ("text", "value"), [("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("一百零五", 105), ("一〇", 10)]
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["十十", "二三十", "组", "", "百十百"])
def test_not_numerals(text: str) -> None:
    assert chinese_number(text) is None


def test_named_groups_match_by_name_only() -> None:
    assert group_number("大坪组") is None
    assert group_key("大 坪组") == group_key("大坪组") == "大坪组"
    assert not same_group("大坪组", "第1村民小组")
    assert not same_group("一组", "二组")


def test_county_aliases_are_data() -> None:
    aliases = {"上寨": "第3村民小组"}
    assert same_group("上寨", "三组", aliases)
    assert not same_group("上寨", "三组")
    assert canonical_group_name("上寨", aliases) == "第3村民小组"
    assert canonical_group_name("五社") == "第5村民小组"


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["{a}组", "第{z}组", "第{a}村民小组", "{z}社", "{p}组",
                                                                 "{w}组", "第{z}村民小组", "{z}"]))  # fmt: skip
def test_every_writing_of_a_number_gives_that_number(n: int, pattern: str) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    written = pattern.format(a=n, z=zh(n), p=f"{n:02d}", w=full_width)
    assert group_number(written) == n
    assert group_key(written) == f"#{n}"


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99))
def test_different_numbers_never_match(a: int, b: int) -> None:
    assert same_group(f"{zh(a)}组", f"第{b}村民小组") == (a == b)
