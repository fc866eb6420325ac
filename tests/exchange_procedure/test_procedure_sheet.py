"""The exchange workbook's procedure sheet (识别程序记录, format version 3): Chinese labels in the visible
columns with the codes in hidden columns, a step's details one readable column each instead of JSON, and
the workbook still coming back exactly (into a copy, into an empty database, after a LibreOffice re-save,
with a clerk's edits of a label and of a detail), while a version-2 workbook (``data/v2_village.xlsx``) still
imports.

``data/v2_village.xlsx`` was written on 3 Dec 2026 by the version-2 exporter (the code of main at commit
0f2dfd4, before this change) from a demo database of four households (generate_demo seed 7, one village,
device laptop-v2); ``data/v2_village.json`` holds that database's rows as text, as ``ledgers.dump`` reads them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine as pc
from sqlalchemy import select, update

from desktop_app.domain.labels import vocabulary
from desktop_app.services import Database, open_database
from desktop_app.services.exchange import check_file, import_files
from desktop_app.services.exchange import columns as C
from desktop_app.storage.models import ProcedureEvent
from tests.exchange.conftest import export, make_demo, soffice_convert
from tests.exchange_assist.ledgers import dump
from tests.storage.table_dump import changed_tables, dump_tables

DATA = Path(__file__).parent / "data"
SHEET = "识别程序记录"
CARD_TABLES = ("area", "cadre", "household", "member", "measure", "procedure_event")
# One event's details as rich as the steps write them: every kind of column, values that do not fit their
# column (blank text, None, edge spaces, a nested dict) and keys without a column.
RICH = {
    "how": "nominated",
    "applicant": "=HYPERLINK(1)",  # formula-looking text stays text
    "surveyors": "",  # blank text cannot be a cell: kept in 详细数据
    "present": 19,
    "expected": 22,
    "for": 18,
    "against": 0,
    "abstain": 1,
    "place": " 村委会会议室",  # edge space: kept in 详细数据, exactly
    "end": "2024-03-05",
    "action": "back_to_survey",
    "kind": "birth",
    "per_capita_fen": 412345,
    "line_fen": None,
    "guarantees": {"food": True, "housing": False},
    "seq": 7,
    "note": "说明\n第二行",
}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path, str]]:
    """A demo database with one rich event, and its exported workbook."""
    folder = tmp_path_factory.mktemp("procedure")
    db = make_demo(folder / "a.sqlite", households=6, villages=1)
    ev = ProcedureEvent.__table__  # type: ignore[attr-defined]
    with db.transaction() as session:
        rich_id = session.execute(select(ev.c.id).where(ev.c.step == "application").order_by(ev.c.id)).scalars().first()
        session.execute(update(ev).where(ev.c.id == rich_id).values(data=RICH))
    yield db, export(db, folder / "a.xlsx"), rich_id
    db.close()


def _header(ws: Any) -> list[Any]:
    return [c.value for c in ws[1]]


def _hidden_columns(ws: Any) -> set[int]:
    return {i for dim in ws.column_dimensions.values() if dim.hidden for i in range(dim.min, dim.max + 1)}


def _copy(db: Database, folder: Path, name: str) -> Database:
    """Another laptop with this database (SQLite's backup: the write-ahead log is part of it)."""
    target = folder / name
    src, dst = sqlite3.connect(db.engine.url.database or ""), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return open_database(target, operator="县扶贫办", device_id=f"pc-{name}")


def _events(db: Database) -> dict[str, tuple[Any, ...]]:
    ev = ProcedureEvent.__table__  # type: ignore[attr-defined]
    with db.session() as session:
        rows = session.execute(select(ev.c.id, ev.c.step, ev.c.outcome, ev.c.on_date, ev.c.data, ev.c.version))
        return {r.id: (r.step, r.outcome, r.on_date, r.data, r.version) for r in rows}


def test_the_sheet_shows_chinese_labels_and_readable_details_codes_hidden_no_json_no_formulas(
    source: tuple[Database, Path, str],
) -> None:
    db, xlsx, _rich = source
    book = openpyxl.load_workbook(xlsx)
    meta = {r[0]: r[1] for r in book[C.METADATA_SHEET].iter_rows(values_only=True) if r and r[0]}
    assert meta["格式版本"] == 3
    ws = book[SHEET]
    header = _header(ws)
    hidden = _hidden_columns(ws)
    for name in ("环节代码", "结果代码", "申请方式代码", "处理措施代码", "变动类型代码", "详细数据", "记录编号"):
        assert header.index(name) + 1 in hidden, f"{name} must be hidden"
    visible = [i for i, h in enumerate(header, start=1) if i not in hidden]
    visible_headers = [header[i - 1] for i in visible]
    assert visible_headers[:7] == ["户编号", "户主姓名", "环节", "日期", "经办人", "结果", "原因"]
    details = {"申请方式", "申请人", "实到人数", "应到人数", "赞成", "反对", "弃权", "地点", "公示截止"}
    assert details <= set(visible_headers)
    assert "详细情况" not in header and "详细数据" not in visible_headers
    step_labels = {zh for zh, _en in vocabulary("step").values()}
    outcome_labels = {zh for zh, _en in vocabulary("outcome").values()}
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(_events(db))
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", f"formula in {cell.coordinate}"
            if cell.column in visible and isinstance(cell.value, str):
                assert not cell.value.lstrip().startswith(("{", "[")), f"JSON in {cell.coordinate}: {cell.value}"
        values = {h: c.value for h, c in zip(header, row, strict=False)}
        assert values["环节"] in step_labels and values["环节代码"] in vocabulary("step")
        assert values["结果"] in outcome_labels and values["结果代码"] in vocabulary("outcome")
        assert values["环节"] == vocabulary("step")[values["环节代码"]][0]
    id_at = header.index("记录编号")
    by_code = {row[id_at].value: {h: c.value for h, c in zip(header, row, strict=False)} for row in rows}
    rich = by_code[source[2]]
    assert rich["申请方式"] == "村委会提名" and rich["申请方式代码"] == "nominated"
    assert rich["处理措施"] == "退回重新入户调查" and rich["变动类型"] == "出生"
    assert (rich["实到人数"], rich["应到人数"], rich["赞成"], rich["反对"], rich["弃权"]) == (19, 22, 18, 0, 1)
    assert rich["公示截止"] == datetime(2024, 3, 5) and rich["人均纯收入（元）"] == 4123.45
    assert rich["申请人"] == "=HYPERLINK(1)" and rich["说明"] == "说明\n第二行"
    assert rich["地点"] is None  # " 村委会会议室" does not survive a cell exactly: it stays in 详细数据
    assert json.loads(rich["详细数据"]) == {
        "surveyors": "",
        "place": " 村委会会议室",
        "line_fen": None,
        "guarantees": {"food": True, "housing": False},
        "seq": 7,
    }
    # an ordinary demo evaluation: its details are all in columns, only the sequence number stays hidden
    evaluation = next(v for v in by_code.values() if v["环节代码"] == "evaluation")
    assert isinstance(evaluation["赞成"], int) and evaluation["地点"]
    assert set(json.loads(evaluation["详细数据"])) == {"seq"}


def test_the_export_imported_into_a_copy_changes_nothing_and_into_an_empty_database_exactly(
    source: tuple[Database, Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The procedure sheet read by the second process (sheet_process), as a county workbook's is."""
    monkeypatch.setenv("FUPIN_IMPORT_PROCESSES", "always")
    monkeypatch.setenv("FUPIN_IMPORT_WORKER_SHEET", SHEET)
    db, xlsx, _rich = source
    copy = _copy(db, tmp_path, "copy.sqlite")
    try:
        before = dump_tables(copy)
        plan = check_file(copy, xlsx)
        assert plan.ok and plan.parsed is not None
        outcome = import_files(copy, [xlsx]).outcomes[0]
        assert outcome.applied and outcome.conflicts == 0, [p.line() for p in outcome.errors]
        assert changed_tables(before, dump_tables(copy)) == []
    finally:
        copy.close()
    empty = open_database(tmp_path / "empty.sqlite", operator="县扶贫办", device_id="county-pc")
    try:
        outcome = import_files(empty, [xlsx]).outcomes[0]
        assert outcome.applied, [p.line() for p in outcome.errors]
        assert _events(empty) == _events(db)
        again = export(empty, tmp_path / "again.xlsx")
        book_a, book_b = pc.CalamineWorkbook.from_path(str(xlsx)), pc.CalamineWorkbook.from_path(str(again))
        assert book_a.get_sheet_by_name(SHEET).to_python() == book_b.get_sheet_by_name(SHEET).to_python()
    finally:
        empty.close()


def test_edited_labels_and_details_are_read_and_merged_back(source: tuple[Database, Path, str], tmp_path: Path) -> None:
    """The clerk changes 申请方式 (a label), 赞成 (a detail) and 地点 (a detail kept in 详细数据 until now) of one
    row: only that event changes, by exactly those details; every other event is untouched."""
    db, xlsx, rich_id = source
    copy = _copy(db, tmp_path, "laptop.sqlite")
    edited = tmp_path / "edited.xlsx"
    book = openpyxl.load_workbook(xlsx)
    ws = book[SHEET]
    header = _header(ws)
    row = next(r for r in ws.iter_rows(min_row=2) if r[header.index("记录编号")].value == rich_id)
    row[header.index("申请方式")].value = "本人申请"
    row[header.index("赞成")].value = 17
    row[header.index("地点")].value = "村小学"
    book.save(edited)
    try:
        before = _events(copy)
        outcome = import_files(copy, [edited]).outcomes[0]
        assert outcome.applied and outcome.conflicts == 0, [p.line() for p in outcome.errors]
        after = _events(copy)
        assert {k for k in after if after[k] != before[k]} == {rich_id}
        expected = {**RICH, "how": "self", "for": 17, "place": "村小学"}
        assert after[rich_id][3] == expected and after[rich_id][4] == before[rich_id][4] + 1
    finally:
        copy.close()


@pytest.mark.parametrize("text", ["nominated", "nominated ", "村委会提名"])
def test_a_label_typed_as_its_code_or_its_label_reads_as_that_code(
    source: tuple[Database, Path, str], tmp_path: Path, text: str
) -> None:
    """A clerk (or a script) writes the code instead of the label, or a label with a trailing space: the same
    code, and a row whose value did not change is not an edit."""
    db, xlsx, rich_id = source
    book = openpyxl.load_workbook(xlsx)
    ws = book[SHEET]
    header = _header(ws)
    row = next(r for r in ws.iter_rows(min_row=2) if r[header.index("记录编号")].value == rich_id)
    row[header.index("申请方式")].value = text
    edited = tmp_path / "typed.xlsx"
    book.save(edited)
    plan = check_file(db, edited)
    assert plan.ok and plan.parsed is not None
    from desktop_app.services.exchange.workbook_in import spilled_rows

    rows = {r.values["id"]: r for r in spilled_rows(plan.parsed, "procedure_event")}
    assert rows[rich_id].values["data"] == RICH
    assert not rows[rich_id].edited  # the same code: the row check still matches, no new version
    plan.parsed.close()


def test_a_libreoffice_resave_imports_unchanged(source: tuple[Database, Path, str], tmp_path: Path) -> None:
    db, xlsx, _rich = source
    resaved = soffice_convert(xlsx, "xlsx", tmp_path / "lo")
    copy = _copy(db, tmp_path, "lo.sqlite")
    try:
        before = dump_tables(copy)
        outcome = import_files(copy, [resaved]).outcomes[0]
        assert outcome.applied and outcome.conflicts == 0, [p.line() for p in outcome.errors]
        assert changed_tables(before, dump_tables(copy)) == []
    finally:
        copy.close()


def test_a_version_2_workbook_with_the_json_column_still_imports_exactly_and_twice_changes_nothing(
    tmp_path: Path,
) -> None:
    book = openpyxl.load_workbook(DATA / "v2_village.xlsx", read_only=True)
    meta = {r[0]: r[1] for r in book[C.METADATA_SHEET].iter_rows(values_only=True) if r and r[0]}
    header = [c for c in next(book[SHEET].iter_rows(max_row=1, values_only=True))]
    book.close()
    assert meta["格式版本"] == 2 and "详细数据" in header and "详细情况" in header and "环节代码" not in header
    db = open_database(tmp_path / "new.sqlite", operator="测试员", device_id="laptop-new")
    try:
        outcome = import_files(db, [DATA / "v2_village.xlsx"]).outcomes[0]
        assert outcome.applied, [p.line() for p in outcome.errors]
        expected = json.loads((DATA / "v2_village.json").read_text(encoding="utf-8"))
        got = dump(db, CARD_TABLES)
        for table in CARD_TABLES:
            rows = [{k: v for k, v in r.items() if k != "deleted"} for r in got[table]]
            want = [{k: v for k, v in r.items() if k != "deleted"} for r in expected[table]]
            assert rows == want, table
        everything = dump_tables(db)
        again = import_files(db, [DATA / "v2_village.xlsx"]).outcomes[0]
        assert again.applied and again.households["unchanged"] == 4 and again.conflicts == 0
        assert changed_tables(everything, dump_tables(db)) == []
        plan = check_file(db, DATA / "v2_village.xlsx")
        assert plan.parsed is not None
        from desktop_app.services.exchange.workbook_in import spilled_rows

        assert not any(r.edited for r in spilled_rows(plan.parsed, "procedure_event"))  # its row checks hold
        plan.parsed.close()
    finally:
        db.close()


def test_a_typed_event_row_with_details_becomes_one_event(source: tuple[Database, Path, str], tmp_path: Path) -> None:
    """A row typed into the sheet (no record id) with its details in the columns: one new event whose details
    are those columns; imported again, nothing more."""
    db, xlsx, _rich = source
    book = openpyxl.load_workbook(xlsx)
    ws = book[SHEET]
    header = _header(ws)
    first = [c.value for c in next(ws.iter_rows(min_row=2))]
    typed = {h: None for h in header}
    typed.update({"户编号": first[0], "环节": "民主评议", "日期": date(2024, 5, 6), "结果": "通过",
                  "实到人数": 20, "赞成": 15, "地点": "村部"})  # fmt: skip
    ws.append([typed[h] for h in header])
    path = tmp_path / "typed_row.xlsx"
    book.save(path)
    copy = _copy(db, tmp_path, "typed.sqlite")
    try:
        before = _events(copy)
        outcome = import_files(copy, [path]).outcomes[0]
        assert outcome.applied, [p.line() for p in outcome.errors]
        after = _events(copy)
        new = [after[k] for k in set(after) - set(before)]
        assert len(new) == 1
        assert new[0][:3] == ("evaluation", "passed", date(2024, 5, 6))
        assert new[0][3] == {"present": 20, "for": 15, "place": "村部"}
        snapshot = dump_tables(copy)
        assert import_files(copy, [path]).outcomes[0].applied
        assert changed_tables(snapshot, dump_tables(copy)) == []
    finally:
        copy.close()
