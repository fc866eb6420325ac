"""``fupin monitor measures|help-check|warnings`` on a real database file: exit codes, text and JSON."""

from __future__ import annotations

import json
from datetime import date

from desktop_app.cli import main
from desktop_app.services import open_database
from tests.monitor_help.helpers import add_case, add_income, add_line, make_household, make_village

H = "5329990010010001"


def _county(path) -> None:
    db = open_database(path, operator="王队长", device_id="t")
    with db.transaction() as s:
        vid = make_village(s)
        hid = make_household(s, vid, H, "张富贵", seq=1)
        add_case(s, hid, found=date(2025, 1, 2), included=date(2025, 1, 15), risks=("01",))
        other = make_household(s, vid, "5329990010010002", "李有田", seq=2)
        add_line(s, 2025, 8000)
        add_income(s, other, 2025, 8500)
    db.close()


def test_measures_add_and_list_with_labels_and_refusals(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    _county(path)
    base = ["--db", str(path), "--operator", "王队长", "monitor", "measures"]
    assert main([*base, "add", H, "--year", "2025", "--category", "健康帮扶", "--value", "3", "--amount", "1200"]) == 0
    assert "已登记：2025年 健康帮扶：医疗救助" in capsys.readouterr().out
    assert (
        main([*base, "add", H, "--year", "2025", "--category", "就业帮扶", "--value", "技能培训", "--value", "2"]) == 0
    )
    capsys.readouterr()
    assert main([*base, "list", H, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["category_label"], r["value_labels"], r["development"]) for r in rows] == [
        ("健康帮扶", ["医疗救助"], False),
        ("就业帮扶", ["技能培训", "劳务输出"], True),
    ]
    assert rows[0]["amount_fen"] == 120000
    assert main([*base, "list", H]) == 0
    assert "就业帮扶：技能培训、劳务输出（开发式）" in capsys.readouterr().out
    assert main([*base, "add", H, "--year", "2025", "--category", "100A99", "--value", "1"]) == 2
    assert "帮扶措施类别无效" in capsys.readouterr().err
    assert main([*base, "list", "nope"]) == 2
    assert "找不到户编号" in capsys.readouterr().err


def test_help_check_and_warnings_exit_1_when_they_list_something(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    _county(path)
    base = ["--db", str(path), "monitor"]
    assert main([*base, "help-check", "--today", "2025-03-01", "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(f["household"], f["rule"]) for f in found] == [(H, "no_measure"), (H, "risk_unmatched")]
    assert main([*base, "help-check", "--today", "2025-02-01"]) == 0
    assert "帮扶措施检查全部通过" in capsys.readouterr().out

    assert main([*base, "warnings", "--year", "2025", "--today", "2025-11-01", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(w["household"], w["kind"]) for w in out["income_warnings"]] == [("5329990010010002", "band")]
    assert [(v["household"], v["reasons"]) for v in out["must_visit"]] == [("5329990010010002", ["low_income"])]
    assert main([*base, "warnings", "--village", "532999001009", "--year", "2025", "--today", "2025-11-01"]) == 0
    assert "收入预警（0 户）" in capsys.readouterr().out
