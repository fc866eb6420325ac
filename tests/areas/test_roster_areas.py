"""A roster imported into a database lacking its areas: listed in one message, created only with consent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.services.areas import import_area_list, list_areas
from desktop_app.services.exchange import check_file, import_files
from desktop_app.storage.models import Area, ChangeLog, Household, Member
from tests.areas.builders import VILLAGES, area_list_rows, roster_rows, write_xlsx


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Area)) or 0,
            s.scalar(select(func.count()).select_from(Household)) or 0,
            s.scalar(select(func.count()).select_from(Member)) or 0,
        )


def _placed(db: Database) -> dict[tuple[str, str], int]:
    """(village, group) -> households, as stored."""
    with db.session() as s:
        names = {a.id: a.name for a in s.scalars(select(Area))}
        found: dict[tuple[str, str], int] = {}
        for h in s.scalars(select(Household)):
            key = (names[h.village_id], names[h.group_id or ""])
            found[key] = found.get(key, 0) + 1
        return found


def test_without_consent_nothing_is_written_and_the_message_lists_the_areas(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows, _expected = roster_rows(30)
    path = write_xlsx(rows, tmp_path / "roster.xlsx")
    plan = check_file(sqlite_db, path)
    message = plan.areas_to_create()
    assert message.startswith("将新建 1 个县、1 个乡镇、3 个行政村、9 个村民小组：")
    assert "城关镇东风村" in message and "向阳村第3村民小组" in message
    consent = "。确认新建后再导入（命令行加 --create-areas；程序中在导入时确认）"
    assert [p.message for p in plan.report.problems] == [message + consent]
    assert main(["--db", sqlite_db.url, "import", str(path)]) == 2
    out = capsys.readouterr().out
    assert "将新建 1 个县、1 个乡镇、3 个行政村、9 个村民小组" in out and "没有任何改动" in out
    assert out.count("将新建") == 1  # one message, not one per household
    assert _counts(sqlite_db) == (0, 0, 0)


def test_five_writings_of_the_groups_import_into_an_empty_database(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """一组/1组/第一组/第1村民小组/一社: one group each; on SQLite and PostgreSQL."""
    rows, expected = roster_rows(30)
    path = write_xlsx(rows, tmp_path / "roster.xlsx")
    assert main(["--db", db.url, "import", "--json", "--create-areas", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["households"]["added"] == 30 and out["members"]["added"] == expected["members"]
    assert out["areas_created"] == {"county": 1, "township": 1, "village": 3, "group": 9}
    placed = _placed(db)
    assert placed == {(v, f"第{n}村民小组"): count for (v, n), count in expected["groups"].items()}
    areas = {r["name"]: r for r in list_areas(db) if r["level"] == "village"}
    assert sorted(areas) == sorted(name for name, _code in VILLAGES)
    assert all(r["provisional"] for r in list_areas(db) if r["level"] != "group")  # generated: to correct
    with db.session() as s:  # recorded like any edit, so another laptop's merge sees the new areas
        logged = s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.entity == "area"))
    assert logged == 14
    assert main(["--db", db.url, "import", "--json", str(path)]) == 0  # again: the groups now match
    again = json.loads(capsys.readouterr().out)
    assert again["households"]["unchanged"] == 30 and "areas_created" not in again


def test_codes_in_the_roster_are_used(sqlite_db: Database, tmp_path: Path) -> None:
    rows, _expected = roster_rows(12, with_codes=True)
    run = import_files(sqlite_db, [write_xlsx(rows, tmp_path / "coded.xlsx")], create_areas=True)
    assert run.applied, [p.line() for p in run.problems]
    listed = {(r["level"], r["code"]): r for r in list_areas(sqlite_db)}
    assert ("county", "532501000000") in listed and ("township", "532501100000") in listed
    assert ("village", "532501100201") in listed and ("group", "532501100201001") in listed
    assert not any(r["provisional"] for r in listed.values())
    with sqlite_db.session() as s:  # household numbers follow the village codes
        numbers = sorted(s.scalars(select(Household.number)))
    assert numbers[0] == "5325011002010001"


def test_groups_written_otherwise_match_the_countys_list(sqlite_db: Database, tmp_path: Path) -> None:
    """With the county's list imported first, 一组/1组/第一组/一社 all land in its 第1村民小组; only the
    third groups (not in the list) are new."""
    assert import_area_list(sqlite_db, write_xlsx(area_list_rows(), tmp_path / "codes.xlsx")).applied
    rows, expected = roster_rows(30)
    path = write_xlsx(rows, tmp_path / "roster.xlsx")
    assert check_file(sqlite_db, path).areas_to_create().startswith("将新建 3 个村民小组：村民小组 东风村第3村民小组")
    run = import_files(sqlite_db, [path], create_areas=True)
    assert run.applied
    placed = _placed(sqlite_db)
    assert placed == {(v, f"第{n}村民小组"): count for (v, n), count in expected["groups"].items()}
    third = [r for r in list_areas(sqlite_db) if r["name"] == "第3村民小组"]
    assert [r["code"] for r in third] == ["532501100201003", "532501100202003", "532501100203003"]
    assert not any(r["provisional"] for r in third)  # the village's code + the group's number


def test_the_countys_list_corrects_generated_codes(sqlite_db: Database, tmp_path: Path) -> None:
    rows, _expected = roster_rows(9)
    assert import_files(sqlite_db, [write_xlsx(rows, tmp_path / "roster.xlsx")], create_areas=True).applied
    before = _placed(sqlite_db)
    result = import_area_list(sqlite_db, write_xlsx(area_list_rows(), tmp_path / "codes.xlsx"))
    assert result.problems == []
    assert result.corrected >= 5  # county, township and the three villages get the county's codes
    villages = {r["name"]: r for r in list_areas(sqlite_db) if r["level"] == "village"}
    assert {n: (r["code"], r["provisional"]) for n, r in villages.items()} == {n: (c, False) for n, c in VILLAGES}
    assert _placed(sqlite_db) == before
