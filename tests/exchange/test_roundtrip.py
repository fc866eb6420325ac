"""Export → (spreadsheet program) → import: nothing lost, nothing changed that the clerk did not change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine as pc
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.services import Database, open_database
from desktop_app.services.exchange import columns as C
from desktop_app.storage.models import ChangeLog, Household, Measure, Member
from tests.exchange.conftest import export, soffice_convert


def sheets(path: Path) -> dict[str, list[list[Any]]]:
    book = pc.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names if name != C.METADATA_SHEET}


def run_import(
    capsys: pytest.CaptureFixture[str], db: Database, *files: Path, extra: tuple[str, ...] = ()
) -> tuple[int, Any]:
    code = main(["--db", db.url, "import", "--json", *extra, *map(str, files)])
    return code, json.loads(capsys.readouterr().out)


def log_count(db: Database) -> int:
    with db.session() as session:
        return session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()


def _col(ws: Any, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def test_demo_export_import_into_empty_database_export_again_is_identical(
    demo_db: Database,
    demo_xlsx: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Into an empty SQLite file and an empty PostgreSQL database alike; the sheets read in pieces of 4 KB,
    the parsed rows spilled in batches of 7 and merged in chunks of 5 records, as a county file would be."""
    from desktop_app.services.exchange import importer, spill, xlsx_pieces

    monkeypatch.setattr(importer, "RECORDS_PER_CHUNK", 5)
    monkeypatch.setattr(spill, "BATCH", 7)
    monkeypatch.setattr(xlsx_pieces, "PIECE_BYTES", 4096)
    monkeypatch.setenv("FUPIN_READER_PROCESS", "0")  # the patched readers run in this process
    fresh = open_database(db_url, operator="县扶贫办", device_id="county-pc")
    try:
        code, out = run_import(capsys, fresh, demo_xlsx)
        assert code == 0, out
        with demo_db.session() as session:
            n = session.execute(select(func.count()).select_from(Household)).scalar_one()
        assert out["households"] == {"added": n, "updated": 0, "unchanged": 0}
        assert out["errors"] == [] and out["conflicts"] == 0
        again = export(fresh, tmp_path / "again.xlsx")
        assert sheets(again) == sheets(demo_xlsx)
        assert main(["--db", fresh.url, "check"]) == 0
    finally:
        fresh.close()


def test_libreoffice_round_trip_changes_nothing(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resaved = soffice_convert(demo_xlsx, "xlsx", tmp_path / "lo")
    before = log_count(demo_db)
    code, out = run_import(capsys, demo_db, resaved)
    assert code == 0, out["errors"]
    assert out["households"]["added"] == out["households"]["updated"] == 0
    assert out["members"]["added"] == out["members"]["updated"] == 0 and out["conflicts"] == 0
    assert log_count(demo_db) == before


def test_clerk_edits_are_applied_exactly_and_twice_changes_nothing(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(demo_xlsx)
    hs, ms = book["户"], book["成员"]
    number = hs.cell(row=2, column=1).value
    hs.cell(row=2, column=_col(hs, "联系电话")).value = "13912345678"
    member_row = next(r for r in range(2, ms.max_row + 1) if ms.cell(row=r, column=1).value == number)
    ms.cell(row=member_row, column=_col(ms, "文化程度")).value = "大专及以上"
    member_name = ms.cell(row=member_row, column=_col(ms, "姓名")).value
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    resaved = soffice_convert(edited, "xlsx", tmp_path / "lo")  # and through LibreOffice for good measure
    code, out = run_import(capsys, demo_db, resaved)
    assert code == 0, out["errors"]
    assert out["households"]["updated"] == 1 and out["members"]["updated"] == 1 and out["conflicts"] == 0
    assert out["households"]["added"] == out["members"]["added"] == 0
    with demo_db.session() as session:
        household = session.execute(select(Household).where(Household.number == number)).scalar_one()
        assert household.phone == "13912345678"
        member = session.execute(
            select(Member).where(Member.household_id == household.id, Member.name == member_name)
        ).scalar_one()
        assert member.education == "5"
        fields = set(session.execute(select(ChangeLog.field).where(ChangeLog.entity_id == member.id)).scalars())
        assert "education" in fields
    before = log_count(demo_db)
    code, out = run_import(capsys, demo_db, resaved)
    assert code == 0 and out["households"]["updated"] == 0 and out["members"]["updated"] == 0
    assert log_count(demo_db) == before


INJECTIONS = ["=1+1", "+86 138", "-2+3", "@SUM(A1:A2)", "\t=cmd|' /C calc'!A0", "\r=1", '=HYPERLINK("http://x","y")']


def test_injection_strings_in_every_text_field_come_back_as_text(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text_fields = {
        Household: ["address", "bank_name", "livestock", "note"],
        Member: ["left_reason"],
        Measure: ["content", "funds_source", "result"],
    }
    keytext = {Household: ["head_name", "phone", "bank_account"], Member: ["name", "phone"]}
    with demo_db.transaction() as session:
        household = session.execute(select(Household).order_by(Household.number)).scalars().first()
        member = session.execute(select(Member).where(Member.household_id == household.id)).scalars().first()
        measure = session.execute(select(Measure)).scalars().first()
        objects = {Household: household, Member: member, Measure: measure}
        expected: dict[tuple[Any, str], str] = {}
        for model, names in text_fields.items():
            for i, name in enumerate(names):
                value = INJECTIONS[i % len(INJECTIONS)]
                setattr(objects[model], name, value)
                expected[(model, name)] = value
        for model, names in keytext.items():
            for i, name in enumerate(names):
                value = ["=1+1", "+8613800000000", "-5", "@x"][i % 4]
                setattr(objects[model], name, value)
                expected[(model, name)] = value
        ids = {model: obj.id for model, obj in objects.items()}
    if household.head_name != member.name:
        pass
    out_file = export(demo_db, tmp_path / "inj.xlsx")
    resaved = soffice_convert(out_file, "xlsx", tmp_path / "lo")
    fresh = open_database(tmp_path / "other.sqlite", device_id="other")
    try:
        code, out = run_import(capsys, fresh, resaved)
        assert code == 0, out["errors"]
        with fresh.session() as session:
            for (model, name), value in expected.items():
                got = getattr(session.get(model, ids[model]), name)
                assert got == value, (model.__name__, name)
    finally:
        fresh.close()


def test_any_error_rejects_the_file_and_partial_imports_whole_clean_households(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(demo_xlsx)
    hs, ms = book["户"], book["成员"]
    bad_number = hs.cell(row=3, column=1).value
    good_number = hs.cell(row=2, column=1).value
    hs.cell(row=2, column=_col(hs, "备注")).value = "已核实"
    hs.cell(row=3, column=_col(hs, "备注")).value = "也改了"
    row = next(r for r in range(2, ms.max_row + 1) if ms.cell(row=r, column=1).value == bad_number)
    ms.cell(row=row, column=_col(ms, "民族")).value = "火星族"
    edited = tmp_path / "bad.xlsx"
    book.save(edited)
    before = log_count(demo_db)
    code, out = run_import(capsys, demo_db, edited)
    assert code == 2
    assert out["errors"] == [
        {"sheet": "成员", "row": row, "column": "民族", "value": "火星族", "message": out["errors"][0]["message"]}
    ]
    assert "不在代码表中" in out["errors"][0]["message"]
    assert log_count(demo_db) == before
    code, out = run_import(capsys, demo_db, edited, extra=("--partial",))
    assert code == 0 and out["households"]["updated"] == 1
    with demo_db.session() as session:
        notes = dict(session.execute(select(Household.number, Household.note)).all())
    assert notes[good_number] == "已核实" and notes[bad_number] != "也改了"
