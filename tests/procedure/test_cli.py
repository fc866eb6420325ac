"""``fupin procedure`` on a real database file."""

from __future__ import annotations

import json
from datetime import date

from desktop_app.cli import main
from desktop_app.services import procedure as proc
from desktop_app.storage.database import open_database
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
    assert "announcement_min_days = 10" in capsys.readouterr().out
    assert main(["--db", str(path), "procedure", "rules", "--set", "announcement_min_days=0"]) == 2
    assert "announcement_min_days" in capsys.readouterr().err

    assert main(["--db", str(path), "procedure", "show", "nope"]) == 2
    assert "找不到户编号" in capsys.readouterr().err
