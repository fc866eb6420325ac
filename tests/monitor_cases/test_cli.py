"""``fupin monitor list|clue|do|show|check|rules`` on a real database file."""

from __future__ import annotations

import json
from datetime import date

from desktop_app.cli import main
from desktop_app.services import open_database
from desktop_app.storage.models_monitoring import MonitoringEvent
from tests.monitor_cases.helpers import make_db, number

KEYS = {"household", "category", "step", "found", "included", "deadline", "days_left", "overdue", "risks"}


def test_a_script_walks_a_clue_to_inclusion_and_lists_it(tmp_path, capsys) -> None:
    path = tmp_path / "m.sqlite"
    make_db(path).close()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 consent")
    h = number(1)

    def run(*argv: str) -> int:
        return main(["--db", str(path), "--operator", "王队长", "monitor", *argv])

    def do(action: str, day: str, *pairs: str) -> int:
        sets = [x for p in pairs for x in ("--set", p)]
        return run("do", h, action, "--today", day, *sets)

    assert (
        run(
            "clue",
            h,
            "--source",
            "农户自主申报",
            "--found",
            "2025-03-03",
            "--risk",
            "因病",
            "--risk",
            "05",
            "--today",
            "2025-03-03",
        )
        == 0
    )
    assert "纳入时限 2025-03-18" in capsys.readouterr().out
    assert run("clue", h, "--source", "3", "--found", "2025-03-03", "--risk", "01", "--today", "2025-03-03") == 2
    assert "已有进行中的监测程序" in capsys.readouterr().err

    assert do("home_check", "2025-03-04", "date=2025-03-04", "checkers=张三", "category=2", "findings=x") == 2
    assert "至少 2 人" in capsys.readouterr().err
    assert (
        do(
            "home_check",
            "2025-03-04",
            "date=2025-03-04",
            "checkers=张三,李四",
            "category=边缘易致贫户",
            "findings=住院花费大",
        )
        == 0
    )
    assert do("consent", "2025-03-04", "date=2025-03-04", "signed_by=户主1", "fingerprint=yes", f"scan={scan}") == 0
    assert do("comparison", "2025-03-05", "date=2025-03-05", "result=passed") == 0
    assert (
        do(
            "evaluation",
            "2025-03-05",
            "date=2025-03-05",
            "place=村委会",
            "chair=李书记",
            "present=10",
            "for=9",
            "against=1",
            "abstain=0",
        )
        == 0
    )
    assert do("notice_start", "2025-03-06", "date=2025-03-06", "end=2025-03-08") == 2  # shorter than 5 days
    assert "公示期不足" in capsys.readouterr().err
    assert do("notice_start", "2025-03-06", "date=2025-03-06", "end=2025-03-11") == 0
    capsys.readouterr()

    assert run("list", "--today", "2025-03-16", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert set(row) == KEYS
    assert row == {
        "household": h,
        "category": "2",
        "step": "noticing",
        "found": "2025-03-03",
        "included": None,
        "deadline": "2025-03-18",
        "days_left": 2,
        "overdue": False,
        "risks": ["01", "05"],
    }
    assert run("list", "--today", "2025-03-16") == 0
    out = capsys.readouterr().out
    assert "村内公示中" in out and "边缘易致贫户" in out and "因病、因意外事故" in out and "（临期）" in out
    assert run("list", "--overdue", "--today", "2025-03-19", "--json") == 0
    assert [r["household"] for r in json.loads(capsys.readouterr().out)] == [h]

    assert do("notice_end", "2025-03-12", "date=2025-03-12") == 0
    assert do("township_review", "2025-03-12", "date=2025-03-12", "outcome=approved") == 0
    assert do("county_approval", "2025-03-13", "date=2025-03-13", "outcome=approved") == 0
    assert (
        do(
            "announcement",
            "2025-03-14",
            "date=2025-03-14",
            "category=2",
            "contact_name=王干部",
            "contact_phone=13800000000",
        )
        == 0
    )
    capsys.readouterr()
    assert run("show", h, "--today", "2025-03-20") == 0
    out = capsys.readouterr().out
    assert "已纳入监测" in out and "2025-03-04  承诺授权" in out and "王队长" in out
    assert run("show", h, "--json") == 0
    [case] = json.loads(capsys.readouterr().out)
    assert case["step"] == "included" and case["events"][0]["step"] == "clue"
    assert run("check") == 0
    assert "全部符合程序" in capsys.readouterr().out

    # a history broken behind the engine's back (an import, a bad merge) is found: exit 1
    db = open_database(path, operator="x", device_id="t")
    with db.transaction() as s:
        consent = s.query(MonitoringEvent).filter(MonitoringEvent.step == "consent").one()
        consent.deleted = True
    db.close()
    assert run("check", "--json") == 1
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)}
    assert "missing_consent" in codes


def test_rules_are_shown_and_changed_with_chinese_names(tmp_path, capsys) -> None:
    path = tmp_path / "m.sqlite"
    make_db(path).close()
    assert (
        main(
            [
                "--db",
                str(path),
                "monitor",
                "rules",
                "--set",
                "deadline_days=20",
                "--set",
                "deadline_working_days=yes",
                "--set",
                "holidays=2025-10-01,2025-10-02",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "纳入时限（天）（deadline_days）：20" in out and "时限按工作日计算（deadline_working_days）：是" in out
    assert main(["--db", str(path), "monitor", "rules", "--set", "min_checkers=zero"]) == 2
    assert "入户核实最少人数" in capsys.readouterr().err
    assert main(["--db", str(path), "monitor", "rules"]) == 0
    assert "（deadline_days）：20" in capsys.readouterr().out


def test_a_clue_for_a_household_not_on_file_and_an_unknown_step(tmp_path, capsys) -> None:
    from desktop_app.domain.idnumber import make_id

    path = tmp_path / "m.sqlite"
    make_db(path, households=1).close()
    person = make_id("532999", date(1975, 6, 1), 3)
    base = ["--db", str(path), "--operator", "王队长", "monitor"]
    clue = ["clue", "new", "--source", "4", "--found", "2025-04-01", "--risk", "02", "--today", "2025-04-02"]
    assert main([*base, *clue]) == 2
    assert "--village" in capsys.readouterr().err
    assert (
        main(
            [
                *base,
                *clue,
                "--village",
                "532999001001",
                "--head",
                "新户主",
                "--id-number",
                person,
                "--department",
                "县残联",
            ]
        )
        == 0
    )
    assert "5329990010010002 新户主" in capsys.readouterr().out
    assert main([*base, "do", "5329990010010002", "flyaway", "--today", "2025-04-02"]) == 2
    assert "未知的监测步骤" in capsys.readouterr().err
    assert main([*base, "do", "5329990010010002", "home_check", "--set", "colour=red"]) == 2
    assert "没有这些项：colour" in capsys.readouterr().err
    assert main([*base, "show", "5329990010010001"]) == 0
    assert "没有监测记录" in capsys.readouterr().out
    assert main([*base, "show", "5329990010010002", "--json"]) == 0
    shown = capsys.readouterr().out
    assert '"step": "clue"' in shown and "县残联" in shown and person not in shown  # no resident ID shown
