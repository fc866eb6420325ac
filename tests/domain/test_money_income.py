from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.errors import DomainError
from desktop_app.domain.income import Income, per_capita_net
from desktop_app.domain.money import fen_to_decimal, format_yuan, parse_yuan


@pytest.mark.parametrize(
    ("raw", "fen"),
    [
        ("2,736.5", 273650),
        ("2736.50元", 273650),
        ("￥2736", 273600),
        ("¥ 2,736.00 元", 273600),
        ("２７３６．５", 273650),
        ("２，７３６", 273600),
        (" 0 ", 0),
        ("-12", -1200),
        (".5", 50),
        ("3.", 300),
        ("2736.505", 273651),  # half-up, not banker's
        ("2736.504", 273650),
        ("-0.005", -1),
        (2736, 273600),
        (Decimal("2736.5"), 273650),
        (Decimal("0.125"), 13),
        (2736.5, 273650),
        (0.1, 10),
    ],
)
def test_parse_yuan(raw: str | int | Decimal, fen: int) -> None:
    assert parse_yuan(raw) == fen


@pytest.mark.parametrize(
    "raw", ["", "元", "abc", "12a", "1.2.3", "NaN", "nan", "Infinity", "1e5", "--1", "1-", Decimal("NaN"), float("nan")]
)
def test_parse_yuan_rejects_garbage(raw: str | Decimal | float) -> None:
    with pytest.raises(DomainError) as info:
        parse_yuan(raw)
    assert info.value.code == "bad_money"
    assert str(info.value).startswith("金额无效")


def test_parse_yuan_rejects_bool() -> None:
    with pytest.raises(DomainError):
        parse_yuan(True)


@pytest.mark.parametrize(
    ("fen", "text", "plain"),
    [
        (273650, "2,736.50", "2736.50"),
        (0, "0.00", "0.00"),
        (5, "0.05", "0.05"),
        (-1200, "-12.00", "-12.00"),
        (-5, "-0.05", "-0.05"),
        (123456789, "1,234,567.89", "1234567.89"),
    ],
)
def test_format_yuan(fen: int, text: str, plain: str) -> None:
    assert format_yuan(fen) == text
    assert format_yuan(fen, grouping=False) == plain


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_then_parse_round_trips(fen: int) -> None:
    assert parse_yuan(format_yuan(fen)) == fen
    assert fen_to_decimal(fen) * 100 == fen


def test_fen_to_decimal() -> None:
    assert fen_to_decimal(273650) == Decimal("2736.50")
    assert str(fen_to_decimal(273650)) == "2736.50"
    assert str(fen_to_decimal(-5)) == "-0.05"


def test_net_total_subtracts_costs_once() -> None:
    income = Income(wage=500_000, business=300_000, property=10_000, transfer=90_000, costs=200_000)
    assert income.net_total() == 700_000
    assert Income().net_total() == 0


@pytest.mark.parametrize(
    ("net", "size", "expected"),
    [
        (1000, 3, 333),  # 333.33
        (1001, 2, 501),  # 500.5 rounds up
        (2000, 3, 667),  # 666.67
        (-1001, 2, -501),  # half away from zero
        (840_000, 4, 210_000),
    ],
)
def test_per_capita_rounding(net: int, size: int, expected: int) -> None:
    assert per_capita_net(Income(wage=net), size) == expected


@pytest.mark.parametrize("size", [0, -1])
def test_per_capita_rejects_empty_household(size: int) -> None:
    with pytest.raises(DomainError) as info:
        per_capita_net(Income(wage=100), size)
    assert info.value.code == "bad_household_size"
    assert info.value.message_en and info.value.message_zh != info.value.message_en
