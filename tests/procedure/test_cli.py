"""``fupin procedure`` on a real database file."""

from __future__ import annotations

import json
from datetime import date

from desktop_app.cli import main
from desktop_app.services import open_database
from desktop_app.services.procedure import steps as proc
from tests.procedure.helpers import make_household, make_village


def test_show_timeline_check_and_rules(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    db = open_database(path, operator="王队长", device_id="t")
    with db.transaction() as s:
        vid = make_village(s)
        hid = make_household(s, vid, "5329990010010001", "张富贵", seq=1)
        proc.create_application(s, hid, on_date=date(2024, 3, 1), today=date(2024, 3, 1))
        proc.complete_survey(s, hid, on_date=date(2024, 3, 2), today=date(2024, 3, 2))
    db.close()

    assert main(["--db", str(path), "procedure", "show", "5329990010010001", "--today", "2024-03-03"]) == 0
    out = capsys.readouterr().out
    assert "当前环节：入户调查" in out and "2024-03-01  王队长" in out and "民主评议" in out

    assert main(["--db", str(path), "procedure", "timeline", "--village", "532999001001", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert [(e["on_date"], e["step"], e["actor"], e["outcome"]) for e in events] == [
        ("2024-03-01", "application", "王队长", "applied"),
        ("2024-03-02", "survey", "王队长", "eligible"),
    ]

    assert main(["--db", str(path), "procedure", "check"]) == 0
    assert "全部符合规则" in capsys.readouterr().out

    assert main(["--db", str(path), "procedure", "rules", "--set", "announcement_min_days=10"]) == 0
    assert "公示最少天数（announcement_min_days）：10" in capsys.readouterr().out
    assert main(["--db", str(path), "procedure", "rules", "--set", "announcement_min_days=0"]) == 2
    assert "announcement_min_days" in capsys.readouterr().err

    assert main(["--db", str(path), "procedure", "show", "nope"]) == 2
    assert "找不到户编号" in capsys.readouterr().err


def test_a_script_can_take_a_household_through_identification(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    db = open_database(path, operator="脚本", device_id="t")
    with db.transaction() as s:
        vid = make_village(s)
        make_household(s, vid, "5329990010010001", "张富贵", seq=1)
    db.close()
    h = "5329990010010001"

    def do(action: str, day: str, *extra: str) -> int:
        return main(["--db", str(path), "--operator", "脚本", "procedure", "do", h, action, "--today", day, *extra])

    assert do("application", "2024-03-01") == 0
    assert do("survey", "2024-03-02", "--set", "surveyors=王队长") == 0
    assert "符合识别条件" in capsys.readouterr().out
    assert (
        do(
            "evaluation",
            "2024-03-03",
            "--set",
            "chair=李书记",
            "--set",
            "attendees_expected=25",
            "--set",
            "attendees_present=20",
            "--votes",
            "15,3,2",
        )
        == 0
    )
    assert do("village_announcement_start", "2024-03-04") == 0
    assert do("village_announcement_end", "2024-03-11") == 2  # the period runs through 03-11
    assert "公示" in capsys.readouterr().err
    assert do("village_announcement_end", "2024-03-12") == 0
    assert do("township_review", "2024-03-13", "--set", "decision=rejected") == 2
    assert "理由" in capsys.readouterr().err
    assert do("township_review", "2024-03-13") == 0
    assert do("township_announcement_start", "2024-03-14") == 0
    assert do("township_announcement_end", "2024-03-22") == 0
    assert do("county_approval", "2024-03-23") == 0
    assert do("county_notice", "2024-03-24") == 0
    capsys.readouterr()
    assert main(["--db", str(path), "procedure", "show", h, "--json", "--today", "2024-03-25"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["stage"] == "registered" and all(s["done"] and s["actor"] for s in shown["steps"])
    assert main(["--db", str(path), "procedure", "check"]) == 0
