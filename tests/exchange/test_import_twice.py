"""Importing the same file twice changes nothing the second time: not a value, not a change-log row, not a
snapshot. Compared as a dump of every table. Rows typed into the workbook (no record id) included."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.domain.idnumber import make_id
from desktop_app.services import Database, open_database
from desktop_app.services.exchange.importer import apply_plan, read_file
from tests.exchange.conftest import export
from tests.exchange.roster_data import roster_people, table, write_xlsx
from tests.storage.table_dump import changed_tables, dump_tables

NEW_NUMBER = "5329990010019901"


def _headers(ws: Any) -> list[Any]:
    return [c.value for c in ws[1]]


def _col(ws: Any, header: str) -> int:
    return _headers(ws).index(header) + 1


def _append(ws: Any, values: dict[str, Any]) -> None:
    """A row typed by a clerk: only the visible columns filled in, the hidden ones (record id…) left empty."""
    row = ws.max_row + 1
    for header, value in values.items():
        cell = ws.cell(row=row, column=_col(ws, header), value=value)
        if isinstance(value, str):
            cell.number_format = "@"


def _first_household(book: Any) -> tuple[int, str, int]:
    hs = book["户"]
    number = hs.cell(row=2, column=_col(hs, "户编号")).value
    size = int(hs.cell(row=2, column=_col(hs, "家庭人口数")).value)
    return 2, number, size


def with_new_member(src: Path, out: Path) -> Path:
    book = openpyxl.load_workbook(src)
    row, number, size = _first_household(book)
    hs = book["户"]
    hs.cell(row=row, column=_col(hs, "家庭人口数")).value = size + 1
    person = make_id("532999", dt.date(2015, 3, 4), 771)
    _append(book["成员"], {"户编号": number, "姓名": "新成员", "证件号码": person, "与户主关系": "之子", "性别": "男",
                         "出生日期": dt.date(2015, 3, 4), "民族": "汉族", "是否在册": "是"})  # fmt: skip
    book.save(out)
    return out


def with_new_measure(src: Path, out: Path) -> Path:
    book = openpyxl.load_workbook(src)
    _row, number, _size = _first_household(book)
    _append(book["帮扶措施"], {"户编号": number, "年度": 2020, "措施类型": "产业扶持", "措施内容": "发放鸡苗 50 只",
                           "金额（元）": 750, "开始日期": dt.date(2020, 4, 1), "是否落实": "是"})  # fmt: skip
    _append(book["帮扶措施"], {"户编号": number, "年度": 2020, "措施类型": "产业扶持", "措施内容": "发放鸡苗 50 只",
                           "金额（元）": 750, "开始日期": dt.date(2020, 4, 1), "是否落实": "是"})  # fmt: skip
    book.save(out)
    return out


def with_new_household(src: Path, out: Path) -> Path:
    book = openpyxl.load_workbook(src)
    hs = book["户"]
    code = hs.cell(row=2, column=_col(hs, "行政村代码")).value
    _append(hs, {"户编号": NEW_NUMBER, "行政村代码": code, "户主姓名": "王新户", "家庭人口数": 2,
                 "贫困户属性": "一般贫困户", "联系电话": "13800001111"})  # fmt: skip
    ms = book["成员"]
    _append(ms, {"户编号": NEW_NUMBER, "姓名": "王新户", "证件号码": make_id("532999", dt.date(1975, 1, 2), 881),
                 "与户主关系": "户主", "性别": "男", "是否在册": "是"})  # fmt: skip
    _append(ms, {"户编号": NEW_NUMBER, "姓名": "李新妻", "证件号码": make_id("532999", dt.date(1977, 6, 5), 882),
                 "与户主关系": "配偶", "性别": "女", "是否在册": "是"})  # fmt: skip
    _append(book["帮扶措施"], {"户编号": NEW_NUMBER, "年度": 2021, "措施类型": "产业扶持", "措施内容": "种植补贴",
                           "金额（元）": 300})  # fmt: skip
    book.save(out)
    return out


def with_bad_row_elsewhere(src: Path, out: Path) -> Path:
    """A new member in the first household, and an unknown code in the last: for --partial."""
    with_new_member(src, out)
    book = openpyxl.load_workbook(out)
    hs = book["户"]
    hs.cell(row=hs.max_row, column=_col(hs, "贫困户属性")).value = "火星户"
    book.save(out)
    return out


def roster_file(db: Database, out: Path) -> Path:
    people = roster_people(db, households=3)
    people[0]["education"] = "大专及以上"  # differs from ours: a conflict the first time
    newcomer = dict(people[-1])
    newcomer.update(number=NEW_NUMBER, head="新户主", name="新户主", id=make_id("532999", dt.date(1970, 5, 1), 901),
                    relation="户主", size=1)  # fmt: skip
    people.append(newcomer)
    return write_xlsx(table(people, "standard"), out)


BUILDERS = {
    "new_member": with_new_member,
    "new_measure": with_new_measure,
    "new_household": with_new_household,
}


def copy_of(db: Database, path: Path, device: str) -> Database:
    """Another laptop that started from a copy of ``db``'s file."""
    shutil.copyfile(db.engine.url.database or "", path)
    return open_database(path, operator="测试员", device_id=device)


def cli_import(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    code = main(["--db", db.url, "import", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("case", sorted(BUILDERS))
def test_typed_rows_imported_twice_through_the_cli_change_nothing_the_second_time(
    case: str, demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BUILDERS[case](demo_xlsx, tmp_path / f"{case}.xlsx")
    code, out = cli_import(demo_db, capsys, str(path))
    assert code == 0, out["errors"]
    first = dump_tables(demo_db)
    for _ in range(2):
        code, out = cli_import(demo_db, capsys, str(path))
        assert code == 0, out["errors"]
        assert out["households"]["added"] == out["members"]["added"] == 0
        assert out["households"]["updated"] == out["members"]["updated"] == 0
        assert changed_tables(first, dump_tables(demo_db)) == []
    assert main(["--db", demo_db.url, "check"]) == 0


def test_every_table_is_in_the_dump(demo_db: Database) -> None:
    tables = dump_tables(demo_db)
    assert {"household", "member", "measure", "procedure_event", "change_log", "sync_state", "merge_conflict"} <= set(
        tables
    )
    assert tables["change_log"] and tables["member"]


def test_partial_import_twice_changes_nothing_the_second_time(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_bad_row_elsewhere(demo_xlsx, tmp_path / "partial.xlsx")
    code, out = cli_import(demo_db, capsys, "--partial", str(path))
    assert code == 0 and out["members"]["added"] == 1 and out["errors"]
    first = dump_tables(demo_db)
    code, out = cli_import(demo_db, capsys, "--partial", str(path))
    assert code == 0 and out["members"]["added"] == 0 and out["members"]["updated"] == 0
    assert changed_tables(first, dump_tables(demo_db)) == []


def test_the_same_file_named_twice_in_one_command_is_applied_once(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_new_member(demo_xlsx, tmp_path / "member.xlsx")
    other = with_new_household(demo_xlsx, tmp_path / "household.xlsx")
    once = copy_of(demo_db, tmp_path / "once.sqlite", "laptop-c")
    try:
        code, out = cli_import(once, capsys, str(path), str(other))
        assert code == 0
        code, out = cli_import(demo_db, capsys, str(path), str(other), str(path), str(other))
        assert code == 0, [o["errors"] for o in out]
        assert [o["members"]["added"] for o in out] == [1, 2, 0, 0]
        assert [o["households"]["added"] for o in out] == [0, 1, 0, 0]
        assert [o["households"]["updated"] + o["members"]["updated"] for o in out[2:]] == [0, 0]
        with demo_db.session() as session, once.session() as other_session:
            from sqlalchemy import select

            from desktop_app.storage.models import Member

            ids = set(session.execute(select(Member.id, Member.id_number)).all())
            assert ids == set(other_session.execute(select(Member.id, Member.id_number)).all())
    finally:
        once.close()


@pytest.mark.parametrize("case", sorted(BUILDERS))
def test_typed_rows_imported_twice_through_the_service_and_on_two_laptops_get_the_same_ids(
    case: str, demo_db: Database, demo_xlsx: Path, tmp_path: Path
) -> None:
    """The service path (read_file + apply_plan) as the app's import dialog uses it; a second laptop
    copied from the same database imports the same county file and creates the same records."""
    path = BUILDERS[case](demo_xlsx, tmp_path / f"{case}.xlsx")
    laptop_b = copy_of(demo_db, tmp_path / "b.sqlite", "laptop-b")
    try:
        dumps = []
        for db in (demo_db, laptop_b, demo_db, laptop_b):
            with db.transaction() as session:
                outcome = apply_plan(session, read_file(session, path))
            assert outcome.applied, outcome.errors
            dumps.append(dump_tables(db))
        assert changed_tables(dumps[0], dumps[2]) == [] and changed_tables(dumps[1], dumps[3]) == []
        for name in ("household", "member", "measure"):
            assert {r[0] for r in dumps[0][name]} == {r[0] for r in dumps[1][name]}, name
    finally:
        laptop_b.close()


def test_the_apps_own_export_after_typed_rows_imports_cleanly_and_changes_nothing(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_new_household(demo_xlsx, tmp_path / "household.xlsx")
    for _ in range(3):
        assert cli_import(demo_db, capsys, str(path))[0] == 0
    again = export(demo_db, tmp_path / "again.xlsx")
    before = dump_tables(demo_db)
    code, out = cli_import(demo_db, capsys, str(again))
    assert code == 0, out["errors"]
    assert out["households"]["updated"] == out["members"]["updated"] == 0
    assert changed_tables(before, dump_tables(demo_db)) == []


def test_a_roster_imported_twice_changes_nothing_the_second_time(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = roster_file(demo_db, tmp_path / "county.xlsx")
    code, out = cli_import(demo_db, capsys, str(path))
    assert code == 0, out["errors"]
    assert out["households"]["added"] == 1 and out["conflicts"] == 1
    first = dump_tables(demo_db)
    for _ in range(2):
        code, out = cli_import(demo_db, capsys, str(path))
        assert code == 0, out["errors"]
        assert changed_tables(first, dump_tables(demo_db)) == []
