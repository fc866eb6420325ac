"""The command line as county IT staff use it: real processes or main(), real databases."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.cli import main
from desktop_app.domain.idnumber import make_id


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_through_the_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == f"fupin {__version__}"


def test_id_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    good = make_id("532930", date(1987, 3, 15), 123)
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    code, out, _ = run(capsys, "id-check", good, bad_check, "５３２９３０１９８７０２３００１２３", "--json")
    results = json.loads(out)
    assert code == 1
    assert [r["valid"] for r in results] == [True, False, False]
    assert results[0] == {
        "input": good,
        "valid": True,
        "normalized": good,
        "reason": None,
        "sex": "male",
        "birth_date": "1987-03-15",
    }
    assert "校验码" in results[1]["reason"]
    assert "出生日期" in results[2]["reason"]
    assert set(results[1]) == {"input", "valid", "normalized", "reason", "sex", "birth_date"}


def test_id_check_all_valid_exits_zero_and_normalises(capsys: pytest.CaptureFixture[str]) -> None:
    good = make_id("110105", date(2001, 12, 31), 8)  # even sequence: female
    spaced = f" {good[:6]} {good[6:14]} {good[14:].lower()} "
    code, out, _ = run(capsys, "id-check", spaced, "--json")
    assert code == 0
    (result,) = json.loads(out)
    assert result["normalized"] == good and result["sex"] == "female" and result["birth_date"] == "2001-12-31"


def test_demo_stats_check_on_sqlite_and_postgresql(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_url, "demo", "--households", "300", "--villages", "3", "--seed", "7")
    assert code == 0 and "300 户" in out
    code, out, _ = run(capsys, "--db", db_url, "stats", "--json")
    stats = json.loads(out)
    assert code == 0
    assert stats["households"] == 300
    assert stats["members"] == sum(v["members"] for v in stats["by_village"]) > 300
    assert [v["households"] for v in stats["by_village"]] == [100, 100, 100]
    assert sum(stats["by_stage"].values()) == 300 and sum(stats["by_status"].values()) == 300
    code, out, _ = run(capsys, "--db", db_url, "check")
    assert code == 0 and "未发现问题" in out
    code, _, err = run(capsys, "--db", db_url, "demo", "--households", "10")
    assert code == 2 and "已存在" in err  # a second demo county is refused, nothing added
    code, out, _ = run(capsys, "--db", db_url, "stats", "--json")
    assert json.loads(out)["households"] == 300


def test_check_reports_one_person_on_two_cards_without_printing_the_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dup.sqlite"
    assert run(capsys, "--db", str(path), "demo", "--households", "20")[0] == 0
    con = sqlite3.connect(path)
    (id_number, household_id) = con.execute(
        "SELECT id_number, household_id FROM member ORDER BY household_id LIMIT 1"
    ).fetchone()
    con.execute(
        "UPDATE member SET id_number = ? WHERE household_id != ? AND relation = '01' "
        "AND household_id = (SELECT household_id FROM member WHERE household_id != ? LIMIT 1)",
        (id_number, household_id, household_id),
    )
    con.commit()
    con.close()
    code, out, _ = run(capsys, "--db", str(path), "check")
    assert code == 1
    assert "同时登记在多户" in out
    assert id_number not in out and id_number[:6] in out


def test_stats_text_uses_chinese_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.sqlite"
    run(capsys, "--db", str(path), "demo", "--households", "200")
    code, out, _ = run(capsys, "--db", str(path), "stats")
    assert code == 0 and "已建档立卡" in out and "未脱贫" in out and "户数：200" in out


def test_bad_database_gives_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("这不是数据库" * 100, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(not_a_db), "stats")
    assert code == 3
    assert err.startswith("错误：") and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_demo_rejects_nonsense_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite"), "demo", "--households", "0")
    assert code == 2 and "正整数" in err
