"""Text survives export and import exactly, control characters included (the choice documented in
docs/exchange.md: kept, not refused): re-importing the app's own export changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.services import Database
from tests.exchange.conftest import export
from tests.storage.table_dump import changed_tables, dump_tables

ODD = {
    "phone": "\r13912345678",
    "bank_account": "\t6217000011112222333",
    "address": "\t村东头\r\n5 号\x01",
    "note": "\n第一行\r第二行\x7f",
}


def test_control_characters_come_back_unchanged(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_db.engine.url.database or ""
    con = sqlite3.connect(path)
    (number,) = con.execute("SELECT number FROM household ORDER BY number LIMIT 1").fetchone()
    sets = ", ".join(f"{k} = ?" for k in ODD)
    con.execute(f"UPDATE household SET {sets} WHERE number = ?", (*ODD.values(), number))
    con.execute(
        "UPDATE member SET phone = ?, name = ? WHERE rowid = (SELECT MIN(rowid) FROM member)", ("\r\n139", "\t王五")
    )
    con.commit()
    con.close()
    out = export(demo_db, tmp_path / "odd.xlsx")
    before = dump_tables(demo_db)
    code = main(["--db", demo_db.url, "import", "--json", str(out)])
    result = json.loads(capsys.readouterr().out)
    assert code == 0, result["errors"]
    assert result["households"]["updated"] == 0 and result["members"]["updated"] == 0
    assert changed_tables(before, dump_tables(demo_db)) == []


def test_spaces_around_typed_values_and_white_space_around_numbers_are_still_dropped(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(demo_xlsx)
    hs = book["户"]
    headers = [c.value for c in hs[1]]
    phone = headers.index("联系电话") + 1
    number_col = headers.index("户编号") + 1
    number = hs.cell(row=2, column=number_col).value
    hs.cell(row=2, column=phone).value = "  13700001111\u3000"
    hs.cell(row=2, column=number_col).value = f"{number}\n"
    edited = tmp_path / "spaces.xlsx"
    book.save(edited)
    code = main(["--db", demo_db.url, "import", "--json", str(edited)])
    result = json.loads(capsys.readouterr().out)
    assert code == 0, result["errors"]
    assert result["households"]["updated"] == 1 and result["households"]["added"] == 0
    con = sqlite3.connect(demo_db.engine.url.database or "")
    assert con.execute("SELECT phone FROM household WHERE number = ?", (number,)).fetchone() == ("13700001111",)
    con.close()
