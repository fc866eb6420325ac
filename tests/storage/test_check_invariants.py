"""`fupin check` on databases broken with direct SQL: every broken invariant named in Chinese, IDs masked,
exit code 1; a sound database exit code 0."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services.demo.households import generate_demo
from desktop_app.storage.database import open_database


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "sound.sqlite"
    db = open_database(path, operator="测试员", device_id="laptop-a")
    with db.transaction() as session:
        generate_demo(session, households=8, villages=2, seed=3, device_id="laptop-a")
    db.close()
    return path


def _first(con: sqlite3.Connection, sql: str) -> tuple:  # type: ignore[type-arg]
    row = con.execute(sql).fetchone()
    assert row is not None, sql
    return tuple(row)


def dup_in_household(con: sqlite3.Connection) -> str:
    hid, id_number = _first(con, "SELECT household_id, id_number FROM member WHERE relation = '01' LIMIT 1")
    other = _first(con, f"SELECT id FROM member WHERE household_id = '{hid}' AND relation != '01' LIMIT 1")[0]
    con.execute("UPDATE member SET id_number = ? WHERE id = ?", (id_number, other))
    return id_number


def on_two_cards(con: sqlite3.Connection) -> str:
    hid, id_number = _first(con, "SELECT household_id, id_number FROM member WHERE relation = '01' LIMIT 1")
    other = _first(con, f"SELECT id FROM member WHERE household_id != '{hid}' AND relation != '01' LIMIT 1")[0]
    con.execute("UPDATE member SET id_number = ? WHERE id = ?", (id_number, other))
    return id_number


def member_of_missing_household(con: sqlite3.Connection) -> str:
    con.execute("UPDATE member SET household_id = 'no-such-household' WHERE rowid = (SELECT MIN(rowid) FROM member)")
    return "no-such-household"


def member_of_deleted_household(con: sqlite3.Connection) -> str:
    (number,) = _first(con, "SELECT number FROM household ORDER BY number LIMIT 1")
    con.execute("UPDATE household SET deleted = 1 WHERE number = ?", (number,))
    return number


def size_wrong(con: sqlite3.Connection) -> str:
    (number,) = _first(con, "SELECT number FROM household ORDER BY number LIMIT 1")
    con.execute("UPDATE household SET size = size + 3 WHERE number = ?", (number,))
    return number


def village_deleted(con: sqlite3.Connection) -> str:
    (vid, name) = _first(con, "SELECT id, name FROM area WHERE level = 'village' ORDER BY code LIMIT 1")
    con.execute("UPDATE area SET deleted = 1 WHERE id = ?", (vid,))
    return name


def village_missing(con: sqlite3.Connection) -> str:
    (number,) = _first(con, "SELECT number FROM household ORDER BY number LIMIT 1")
    con.execute("UPDATE household SET village_id = 'gone-village' WHERE number = ?", (number,))
    return number


def group_missing(con: sqlite3.Connection) -> str:
    (number,) = _first(con, "SELECT number FROM household WHERE group_id IS NOT NULL ORDER BY number LIMIT 1")
    con.execute("UPDATE household SET group_id = 'gone-group' WHERE number = ?", (number,))
    return number


def events_of_missing_household(con: sqlite3.Connection) -> str:
    (hid,) = _first(con, "SELECT household_id FROM procedure_event LIMIT 1")
    con.execute("UPDATE procedure_event SET household_id = 'lost-household' WHERE household_id = ?", (hid,))
    return "lost-household"


def measure_of_deleted_household(con: sqlite3.Connection) -> str:
    (hid, number) = _first(
        con, "SELECT h.id, h.number FROM household h JOIN measure m ON m.household_id = h.id ORDER BY h.number LIMIT 1"
    )
    con.execute("UPDATE household SET deleted = 1 WHERE id = ?", (hid,))
    con.execute("UPDATE member SET deleted = 1 WHERE household_id = ?", (hid,))
    con.execute("UPDATE procedure_event SET deleted = 1 WHERE household_id = ?", (hid,))
    return number


CASES: dict[str, tuple[Callable[[sqlite3.Connection], str], str]] = {
    "dup_in_household": (dup_in_household, "登记了 2 次"),
    "on_two_cards": (on_two_cards, "同时登记在多户"),
    "member_of_missing_household": (member_of_missing_household, "成员所属的户"),
    "member_of_deleted_household": (member_of_deleted_household, "条成员仍未删除"),
    "size_wrong": (size_wrong, "与在册成员"),
    "village_deleted": (village_deleted, "已删除"),
    "village_missing": (village_missing, "所在的行政村"),
    "group_missing": (group_missing, "所在的村民小组"),
    "events_of_missing_household": (events_of_missing_household, "条识别程序记录所属的户"),
    "measure_of_deleted_household": (measure_of_deleted_household, "条帮扶措施仍未删除"),
}


def test_a_sound_database_is_clean(sound: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(sound), "check"]) == 0
    out = capsys.readouterr().out
    assert "未发现问题" in out and "同一户中没有重复的身份证号" in out
    assert not any(ch.isascii() and ch.isalpha() for line in out.splitlines() for ch in line.split("（")[0])


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_broken_invariant_is_reported_in_chinese(
    case: str, sound: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(sound.read_bytes())
    breaker, expected = CASES[case]
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    detail = breaker(con)
    con.commit()
    con.close()
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith("  - ")]
    assert problems, out
    assert any(expected in line for line in problems), out
    if len(detail) == 18 and detail[:17].isdigit():  # a resident ID: masked, never whole
        assert detail not in out and detail[:6] in out
    else:  # the household number, the village's name or the missing record id
        assert any(detail in line for line in problems), out
    for line in problems:  # Chinese lines, not raw table names or exception text
        assert not line.strip("- ").isascii()
        assert not any(word in line.replace(detail, "") for word in ("household", "member", "procedure", "Error"))
