"""``fupin cadres|pairing|visits`` on a real database file: exit codes, Chinese text and the check's JSON."""

from __future__ import annotations

import json
from datetime import date

from desktop_app.cli import main
from desktop_app.storage.models_monitoring import MonitoringCase
from tests.assist_pairing.helpers import add_case, county

H1, H2, H3 = "5329990010010001", "5329990010010002", "5329990010010003"


def _county(path) -> None:
    db, _vid, (_h1, _h2, h3) = county(path, stages=("registered", "registered", "applied"))
    with db.transaction() as s:
        case = add_case(s, h3, found=date(2025, 1, 2), included=date(2025, 1, 20))
        s.get(MonitoringCase, case).contact_name = ""
    db.close()


def test_roster_pairing_and_the_coverage_check_from_the_command_line(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    _county(path)
    base = ["--db", str(path), "--operator", "王队长"]
    assert main([*base, "cadres", "add", "张三", "--rank", "一般干部", "--sex", "男", "--unit", "县农业农村局"]) == 0
    assert "已新增帮扶干部：张三" in capsys.readouterr().out
    assert main([*base, "cadres", "add", "李四", "--rank", "驻村工作队员", "--to", "2030-12-31"]) == 0
    assert main([*base, "cadres", "add", "王五", "--rank", "处长"]) == 2
    assert "帮扶干部职级无效：处长" in capsys.readouterr().err

    assert main([*base, "pairing", "check", "--on", "2025-03-01", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {"uncovered": [H1, H2, H3], "over_limit": []}

    assert main([*base, "pairing", "set", H1, "张三", "--from", "2025-01-01"]) == 0
    assert "已结对：5329990010010001 的帮扶责任人为张三（自 2025-01-01 起）" in capsys.readouterr().out
    assert main([*base, "pairing", "set", H2, "张三", "--from", "2025-01-01"]) == 0
    assert main([*base, "pairing", "set", H3, "李四", "--role", "contact", "--from", "2025-02-01"]) == 0
    capsys.readouterr()
    assert main([*base, "pairing", "check", "--village", "和平村", "--on", "2025-03-01", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "uncovered": [],
        "over_limit": [{"cadre": "张三", "rank": "一般干部", "households": 2, "limit": 1}],
    }
    assert main([*base, "pairing", "check", "--on", "2025-03-01"]) == 1
    assert "张三（县农业农村局，一般干部）帮扶 2 户，超过上限 1 户" in capsys.readouterr().out

    assert main([*base, "pairing", "set", H2, "李四", "--from", "2025-03-01"]) == 0
    capsys.readouterr()
    assert main([*base, "pairing", "check", "--village", "532999001001", "--on", "2025-03-02", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"uncovered": [], "over_limit": []}
    assert main([*base, "pairing", "list", "--household", H2]) == 0
    out = capsys.readouterr().out
    assert "帮扶责任人  李四    2025-03-01 至 今  当前" in out
    assert "帮扶责任人  张三  县农业农村局  2025-01-01 至 2025-02-28  重新结对" in out
    assert main([*base, "pairing", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["household"], r["cadre"], r["contact"]) for r in listed] == [
        (H1, "张三", ""),
        (H2, "李四", ""),
        (H3, "", "李四"),
    ]

    assert main([*base, "pairing", "end", H1, "--on", "2025-04-30", "--reason", "干部调离"]) == 0
    assert "已结束：5329990010010001 与张三的帮扶责任人结对（2025-04-30，干部调离）" in capsys.readouterr().out
    assert main([*base, "pairing", "end", H1, "--reason", "再次"]) == 2
    assert "当前没有帮扶责任人" in capsys.readouterr().err
    assert main([*base, "pairing", "check", "--on", "2025-05-01", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["uncovered"] == [H1]
    assert main([*base, "pairing", "set", H1, "赵六"]) == 2
    assert "名册中没有帮扶干部：赵六" in capsys.readouterr().err


def test_rules_visits_and_the_visit_check_from_the_command_line(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    _county(path)
    base = ["--db", str(path)]
    assert main([*base, "cadres", "add", "张三", "--rank", "4", "--from", "2020-01-01"]) == 0
    assert main([*base, "pairing", "set", H1, "张三", "--from", "2024-01-01"]) == 0
    capsys.readouterr()
    assert main([*base, "pairing", "rules", "--set", "visits_per_year=-2"]) == 2
    assert "结对帮扶规则 pairing_rules.visits_per_year 无效" in capsys.readouterr().err
    assert main([*base, "pairing", "rules", "--set", "visits_per_year=2"]) == 0
    assert "visits_per_year：2" in capsys.readouterr().out
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"photo bytes")
    assert main([*base, "visits", "add", H1, "--date", "2025-03-01", "--found", "屋顶漏雨", "--photo", str(photo)]) == 0
    assert "已登记走访：5329990010010001（2025-03-01，照片 1 张）" in capsys.readouterr().out
    assert main([*base, "visits", "check", "--year", "2025", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {"household": H1, "cadre": "张三", "role": "1", "visits": 1, "minimum": 2}
    ]
    assert main([*base, "visits", "add", H1, "--date", "2025-06-01", "--found", "已修缮", "--cadre", "张三"]) == 0
    capsys.readouterr()
    assert main([*base, "visits", "check", "--year", "2025"]) == 0
    assert "2025 年走访次数全部达到要求" in capsys.readouterr().out
    assert main([*base, "visits", "list", H1]) == 0
    out = capsys.readouterr().out
    assert "2025-03-01  张三  发现：屋顶漏雨（照片 1 张）" in out and "共 2 次走访" in out
    assert main([*base, "visits", "add", H1, "--found", " "]) == 2
    assert "请填写走访发现的情况" in capsys.readouterr().err
