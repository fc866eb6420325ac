"""Two laptops that enter the same year merge: a line of the same region and year, a worksheet of the same
household and year, the shipped 2021 line of databases made apart (same id everywhere, no collision)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop_app.services import open_database
from desktop_app.services.merge import merge_database
from desktop_app.services.monitoring import income_sheet, list_lines, save_income_sheet, set_line
from tests.monitor_income.helpers import village_with


def test_the_same_year_entered_on_two_laptops_merges(tmp_path: Path) -> None:
    here_path, there_path = tmp_path / "here.sqlite", tmp_path / "there.sqlite"
    here = open_database(here_path, operator="甲", device_id="laptop-1")
    _, (hid,) = village_with(here, ("001", "张三", 2500, 3))
    here.close()
    shutil.copy(here_path, there_path)
    there = open_database(there_path, operator="乙", device_id="laptop-2")
    set_line(there, "全国", 2022, 650000, document="乙录入", entered_by="乙")
    save_income_sheet(there, hid, 2024, {"wage_work": "24000", "business_crops": "600"})
    there.close()
    here = open_database(here_path, operator="甲", device_id="laptop-1")
    try:
        set_line(here, "全国", 2022, 650000, document="甲录入", entered_by="甲")
        save_income_sheet(here, hid, 2024, {"wage_work": "24000", "costs_crops": "300"})
        merge_database(here, there_path)
        assert [(r.line.year, r.line.amount_fen) for r in list_lines(here)] == [(2022, 650000), (2021, 600000)]
        sheet = income_sheet(here, hid, 2024)
        assert {ln.key: ln.fen for ln in sheet.lines}["wage_work"] == 2_400_000
    finally:
        here.close()


def test_databases_made_apart_share_the_shipped_line(tmp_path: Path) -> None:
    a = open_database(tmp_path / "a.sqlite", operator="甲", device_id="a")
    b = open_database(tmp_path / "b.sqlite", operator="乙", device_id="b")
    try:
        assert list_lines(a)[0].id == list_lines(b)[0].id
    finally:
        a.close()
        b.close()
