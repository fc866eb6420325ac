"""The national sheets' value formats (domain.layout_values), both ways."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain import layout_values as LV

LOOKUP = {"其他": "9", "技能培训": "1", "劳务输出": "2", "1": "1", "2": "2", "9": "9"}.get


@pytest.mark.parametrize(
    "cell",
    ["202403", 202403, 202403.0, "2024-03", "2024.3", "2024年3月", "２０２４０３", "20240315", date(2024, 3, 15)],
)
def test_a_month_is_read_however_a_county_writes_it(cell: object) -> None:
    assert LV.read_yyyymm(cell) == date(2024, 3, 1)


@pytest.mark.parametrize("cell", ["19800305", 19800305, "1980-03-05", "1980/3/5", datetime(1980, 3, 5, 0, 0)])
def test_a_day_is_read_from_yyyymmdd_and_the_usual_variants(cell: object) -> None:
    assert LV.read_yyyymmdd(cell) == date(1980, 3, 5)


@pytest.mark.parametrize("cell", ["2024", "202413", "2024-13", "abc", "20240230", "2024031"])
def test_bad_months_and_days_say_what_was_expected(cell: str) -> None:
    with pytest.raises(LV.LayoutValueError, match="YYYY|无效"):
        LV.read_yyyymm(cell) if len(cell) != 8 else LV.read_yyyymmdd(cell)


def test_a_year_is_read_from_yyyy_yyyymm_or_yyyymmdd() -> None:
    assert [LV.read_year(v) for v in ("2016", 201605, "20160512", 2016.0)] == [2016] * 4
    with pytest.raises(LV.LayoutValueError, match="年份"):
        LV.read_year("16")


def test_yes_no_and_yuan() -> None:
    assert [LV.read_yesno(v) for v in ("是", "否", "1", "0", "Ｙ", True)] == [True, False, True, False, True, True]
    with pytest.raises(LV.LayoutValueError, match="是.*否"):
        LV.read_yesno("不详")
    assert [LV.read_yuan(v) for v in ("8,050.00", 8050, 8050.5, "8050元")] == [805000, 805000, 805050, 805000]
    with pytest.raises(LV.LayoutValueError, match="金额"):
        LV.read_yuan("八千")


def test_comma_joined_multi_selects_both_ways() -> None:
    assert LV.read_codes("其他,技能培训", LOOKUP) == ["9", "1"]
    assert LV.read_codes("其他，技能培训、其他", LOOKUP) == ["9", "1"]  # full-width commas, a repeat
    with pytest.raises(LV.LayoutValueError, match="“种花”不在代码表中"):
        LV.read_codes("其他,种花", LOOKUP)
    labels = {"9": "其他", "1": "技能培训"}
    assert LV.write_value("codes", ["9", "1"], labels.__getitem__) == "其他,技能培训"


def test_values_are_written_as_the_national_sheets_have_them() -> None:
    def label(code: str) -> str:
        return {"01": "户主"}.get(code, code)

    assert LV.write_value("yyyymm", date(2022, 3, 8), label) == "202203"
    assert LV.write_value("yyyymm", 202609, label) == "202609"
    assert LV.write_value("yyyymmdd", date(1970, 1, 2), label) == "19700102"
    assert LV.write_value("yesno", False, label) == "否"
    assert LV.write_value("yuan", 805050, label) == "8050.50"
    assert LV.write_value("code", "01", label) == "户主"
    assert LV.write_value("year", 2016, label) == "2016"
    assert LV.write_value("id", None, label) == ""
