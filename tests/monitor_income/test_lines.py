"""Monitoring lines as data: the shipped national 2021 line, set/list/delete, prefix lookup, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.errors import DomainError
from desktop_app.services import open_database
from desktop_app.services.monitoring import delete_line, line_for, list_lines, set_line
from desktop_app.services.unit_of_work import reading
from tests.monitor_income.helpers import village_with

DOC_2021 = "中央农办等《关于健全防止返贫动态监测和帮扶机制的指导意见》(2021)"


def test_a_new_database_has_only_the_national_2021_line(db) -> None:
    rows = list_lines(db)
    assert [(r.region_code, r.line.year, r.line.amount_fen, r.line.document) for r in rows] == [
        ("", 2021, 600000, DOC_2021)
    ]
    assert rows[0].region_name == "全国"


def test_a_deleted_seed_line_is_not_brought_back_on_reopen(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite"
    db = open_database(path, operator="县管理员", device_id="d1")
    delete_line(db, "全国", 2021)
    db.close()
    db = open_database(path, operator="县管理员", device_id="d1")
    assert list_lines(db) == []
    db.close()


def test_the_most_specific_line_of_the_year_wins(db) -> None:
    village_with(db, ("001", "张三", 5000, 3))
    set_line(db, "national", 2023, 650000, document="全国", entered_by="王")
    set_line(db, "532999000000", 2023, 805000, document="云南某县", entered_by="王")
    set_line(db, "53", 2024, 870000, document="云南省", entered_by="王")
    with reading(db) as s:
        assert line_for(s, region_code="532999001001", year=2023).amount_fen == 805000
        assert line_for(s, region_code="110101001001", year=2023).amount_fen == 650000
        assert line_for(s, region_code="532999001001", year=2024).amount_fen == 870000
        assert line_for(s, region_code="110101001001", year=2024) is None
        assert line_for(s, region_code="532999001001", year=2021).amount_fen == 600000
    names = {(r.region_code, r.line.year): r.region_name for r in list_lines(db)}
    assert names[("532999", 2023)] == "示范县"
    assert names[("53", 2024)] == "省级（53）"


def test_changing_a_line_keeps_one_row_per_region_and_year(db) -> None:
    set_line(db, "全国", 2022, 650000, entered_by="甲")
    set_line(db, "全国", 2022, 660000, document="更正", entered_by="乙")
    rows = [r for r in list_lines(db) if r.line.year == 2022]
    assert [(r.line.amount_fen, r.line.document, r.line.entered_by) for r in rows] == [(660000, "更正", "乙")]


def test_the_multiple_method_computes_and_checks_the_amount(db) -> None:
    village_with(db, ("001", "张三", 5000, 3))
    row = set_line(
        db,
        "532999",
        2024,
        None,
        method="multiple",
        base_name="农村低保标准",
        base_amount_fen=978000,
        factor="2",
        entered_by="王",
    )
    assert row.line.amount_fen == 1956000 and row.line.factor == "2" and row.line.base_name == "农村低保标准"
    with pytest.raises(DomainError, match="不一致"):
        set_line(
            db,
            "532999",
            2025,
            1900000,
            method="multiple",
            base_name="农村低保标准",
            base_amount_fen=978000,
            factor="2",
            entered_by="王",
        )
    with pytest.raises(DomainError, match="倍数"):
        set_line(
            db,
            "532999",
            2025,
            None,
            method="multiple",
            base_name="低保",
            base_amount_fen=978000,
            factor="两倍",
            entered_by="王",
        )
    assert [r.line.year for r in list_lines(db)] == [2024, 2021]


@pytest.mark.parametrize(
    ("region", "year", "amount", "message"),
    [
        ("999999", 2023, 700000, "没有区划代码"),
        ("53x", 2023, 700000, "统计用区划代码"),
        ("全国", 2019, 700000, "2021 年及以后"),
        ("全国", 2023, 0, "大于 0"),
        ("全国", 2023, None, "大于 0"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_written(db, region, year, amount, message) -> None:
    with pytest.raises(DomainError, match=message):
        set_line(db, region, year, amount, entered_by="王")
    assert [r.line.year for r in list_lines(db)] == [2021]


def test_deleting_a_missing_line_says_so(db) -> None:
    with pytest.raises(DomainError, match="没有 全国 2030 年"):
        delete_line(db, "national", 2030)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_sets_and_lists_lines_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "c.sqlite")
    code, out, _ = run(
        capsys,
        "--db",
        path,
        "--operator",
        "县扶贫办李",
        "monitor",
        "lines",
        "set",
        "全国",
        "2022",
        "6500",
        "--doc",
        "某省通知",
    )
    assert code == 0 and "6500.00" in out
    code, out, _ = run(
        capsys,
        "--db",
        path,
        "monitor",
        "lines",
        "set",
        "national",
        "2023",
        "--method",
        "multiple",
        "--base-name",
        "农村低保标准",
        "--base-amount",
        "4025",
        "--factor",
        "2",
    )
    assert code == 0 and "8050.00" in out
    code, out, _ = run(capsys, "--db", path, "monitor", "lines", "list", "--json")
    rows = json.loads(out)
    assert [(r["year"], r["amount_yuan"], r["method"]) for r in rows] == [
        (2023, "8050.00", "multiple"),
        (2022, "6500.00", "fixed"),
        (2021, "6000.00", "fixed"),
    ]
    assert rows[1]["entered_by"] == "县扶贫办李" and rows[1]["document"] == "某省通知"
    assert rows[0]["base_amount_yuan"] == "4025.00" and rows[0]["region"] == "national"
    code, _, err = run(capsys, "--db", path, "monitor", "lines", "set", "全国", "2024", "abc")
    assert code == 2 and "金额" in err
    code, _, err = run(capsys, "--db", path, "monitor", "lines", "set", "530000", "2024", "8700")
    assert code == 2 and "没有区划代码" in err
    code, out, _ = run(capsys, "--db", path, "monitor", "lines", "delete", "全国", "2022")
    assert code == 0
    code, out, _ = run(capsys, "--db", path, "monitor", "lines", "list")
    assert "2022" not in out and "8050.00" in out


def test_a_file_of_this_schema_without_the_2021_line_gets_it_on_open(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "g.sqlite"
    open_database(path, operator="县管理员", device_id="d1").close()
    con = sqlite3.connect(path)
    con.execute("DELETE FROM monitoring_line")  # as a file made by the groundwork, before the line was shipped
    con.commit()
    con.close()
    db = open_database(path, operator="县管理员", device_id="d1")
    assert [(r.region_code, r.line.year, r.line.amount_fen) for r in list_lines(db)] == [("", 2021, 600000)]
    db.close()


def test_the_home_check_judges_with_the_worksheet_and_the_regions_line(db) -> None:
    from datetime import date

    from desktop_app.services.monitoring import case_detail, do_action, open_clue, save_income_sheet

    _, (hid,) = village_with(db, ("001", "张三", 5000, 3))
    set_line(db, "53", 2025, 860000, document="某省2025年监测范围", entered_by="王")
    save_income_sheet(db, hid, 2025, {"wage_work": "21000", "transfer_pension": "3000"})
    day = date(2026, 3, 2)
    case = open_clue(db, hid, source="3", found=day, risks=["01"], today=day)
    values = {"date": day, "checkers": "张三,李四", "category": "2", "findings": "因病支出大"}
    do_action(db, hid, "home_check", values, today=day)
    (check,) = [e for e in case_detail(db, case.case_id, today=day).events if e.step == "home_check"]
    assert (check.data["income_year"], check.data["per_capita_fen"]) == (2025, 800_000)
    assert (check.data["line_fen"], check.data["line_region"], check.data["line_document"]) == (
        860000,
        "53",
        "某省2025年监测范围",
    )
