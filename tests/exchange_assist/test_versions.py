"""Format versions: a version-1 workbook (written by the exporter before the ledgers, kept as a file) still
imports exactly, twice changes nothing; a workbook of a newer version is refused clearly, nothing written.

``data/v1_village.xlsx`` was written on 2 Dec 2026 by the version-1 exporter (commit b28e85c) from a demo
database of three households (device laptop-v1); ``data/v1_village.json`` holds that database's rows as
text (id, version, device and every business column), as ``ledgers.dump`` reads them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import python_calamine as pc

from desktop_app.services import Database, open_database
from desktop_app.services.exchange import check_file
from desktop_app.services.exchange import columns as C
from tests.exchange_assist.conftest import import_one
from tests.exchange_assist.ledgers import dump
from tests.storage.table_dump import changed_tables, dump_tables

DATA = Path(__file__).parent / "data"
V1_TABLES = ("area", "cadre", "household", "member", "measure", "procedure_event")


def test_the_fixture_is_a_version_1_workbook_without_ledgers() -> None:
    book = pc.CalamineWorkbook.from_path(str(DATA / "v1_village.xlsx"))
    meta = dict(book.get_sheet_by_name(C.METADATA_SHEET).to_python()[:15])
    assert meta["格式版本"] == 1
    assert "小额信贷" not in book.sheet_names and "职级" not in book.get_sheet_by_name("帮扶干部").to_python()[0]


def test_a_version_1_workbook_imports_exactly_and_twice_changes_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite", operator="测试员", device_id="laptop-new")
    try:
        outcome = import_one(db, DATA / "v1_village.xlsx")
        assert outcome.applied, [p.line() for p in outcome.errors]
        assert outcome.households["added"] == 3 and outcome.members["added"] == 10 and not outcome.ledgers
        expected = json.loads((DATA / "v1_village.json").read_text(encoding="utf-8"))
        got = dump(db, V1_TABLES)
        for table in V1_TABLES:
            rows = [{k: v for k, v in r.items() if k != "deleted"} for r in got[table]]
            assert rows == expected[table], table
        everything = dump_tables(db)
        again = import_one(db, DATA / "v1_village.xlsx")
        assert again.applied and again.households["unchanged"] == 3 and again.conflicts == 0
        assert changed_tables(everything, dump_tables(db)) == []
    finally:
        db.close()


def test_a_version_1_rows_check_covers_its_own_columns(tmp_path: Path) -> None:
    """The 帮扶干部 sheet of version 1 lacks the columns added in version 2: its rows are still unchanged
    rows (no edit is invented), and a real edit of a version-1 column is still seen."""
    db = open_database(tmp_path / "new.sqlite", operator="测试员", device_id="laptop-new")
    try:
        plan = check_file(db, DATA / "v1_village.xlsx")
        assert plan.parsed is not None and plan.ok
        assert [row.edited for row in plan.parsed.rows["cadre"]] == [False]
        edited = tmp_path / "v1_edited.xlsx"
        book = openpyxl.load_workbook(DATA / "v1_village.xlsx")
        cadres = book["帮扶干部"]
        head = [c.value for c in cadres[1]]
        cadres.cell(row=2, column=head.index("联系电话") + 1).value = "13800009999"
        book.save(edited)
        plan = check_file(db, edited)
        assert plan.parsed is not None and [row.edited for row in plan.parsed.rows["cadre"]] == [True]
    finally:
        db.close()


def test_a_newer_format_version_is_refused_clearly_and_nothing_is_written(ledger_xlsx: Path, tmp_path: Path,
                                                                         ledger_db: Database) -> None:  # fmt: skip
    newer = tmp_path / "newer.xlsx"
    shutil.copy(ledger_xlsx, newer)
    book = openpyxl.load_workbook(newer)
    meta = book[C.METADATA_SHEET]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(row=r, column=1).value == "格式版本")
    meta.cell(row=row, column=2).value = C.FORMAT_VERSION + 1
    book.save(newer)
    db = open_database(tmp_path / "empty.sqlite", operator="测试员", device_id="x")
    try:
        before = dump_tables(db)
        outcome = import_one(db, newer)
        assert not outcome.applied
        problem = next(p for p in outcome.errors if p.column == "格式版本")
        assert f"比本程序能读取的（{C.FORMAT_VERSION}）新" in problem.message and "升级程序" in problem.message
        assert changed_tables(before, dump_tables(db)) == []
    finally:
        db.close()
