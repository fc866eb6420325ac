"""The export's rows written as XML straight into the sheet (export_sheet) and its second process (export_part,
FUPIN_EXPORT_PROCESSES=always): the same workbook as one process writes, which imports back unchanged; texts
that XML or Excel treat specially read back as typed; progress and cancel; nothing left behind."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import sys
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc

from desktop_app.services import Cancelled, Database
from desktop_app.services.demo.households import generate_demo
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange.export import export_workbook
from tests.exchange.conftest import export
from tests.exchange.test_roundtrip import run_import


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    out = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    out[C.METADATA_SHEET] = [r for r in out[C.METADATA_SHEET] if r[0] != "导出时间"]
    return out


def test_two_processes_write_the_same_workbook_as_one(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "1")
    (tmp_path / "one").mkdir()
    single = export(demo_db, tmp_path / "one" / "village.xlsx")
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "always")
    folder = tmp_path / "two"
    folder.mkdir()
    seen: list[tuple[int, int]] = []
    with demo_db.session() as session, caplog.at_level(logging.WARNING):
        result = export_workbook(
            session, folder / "village.xlsx", device_id=demo_db.device_id, operator=demo_db.operator,
            progress=lambda done, total, _text: seen.append((done, total)) or True,
        )  # fmt: skip
    assert not [r for r in caplog.records if "export worker" in r.getMessage()]  # the second process wrote it
    assert sorted(p.name for p in folder.iterdir()) == ["village.xlsx"]
    assert _cells(folder / "village.xlsx") == _cells(single)
    assert result.counts["events"] > 0 and seen[-1][0] == seen[-1][1]
    book = openpyxl.load_workbook(folder / "village.xlsx")
    events = book[C.EVENTS.name]
    assert events.auto_filter.ref is not None and events.auto_filter.ref.endswith(str(result.counts["events"] + 1))
    assert events.freeze_panes == "A2" and book.active.title == "户"
    assert book[C.CODELIST_SHEET].sheet_state == "hidden"


def test_a_workbook_written_by_two_processes_imports_back_unchanged(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "always")
    workbook = export(demo_db, tmp_path / "village.xlsx")
    code, out = run_import(capsys, demo_db, workbook)
    assert code == 0, out["errors"]
    assert out["households"]["updated"] == out["members"]["updated"] == 0 and out["conflicts"] == 0


def test_cancelling_while_the_second_process_writes_leaves_no_file(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "always")
    with demo_db.session() as session, pytest.raises(Cancelled):
        export_workbook(session, tmp_path / "village.xlsx", progress=lambda done, total, text: text != "识别程序记录")
    left = [p.name for p in tmp_path.iterdir() if p.is_file() and not p.name.startswith("demo.sqlite")]
    assert left == []  # no workbook, no part of one


TRICKY = ["A & B <c> \"d\" 'e'", "_x0041_ 不是 A", "<r>粗体</r>", "  前后空格  ", "尾部换行\n", "=1+1", "😀 表情"]


def test_texts_that_xml_or_excel_treat_specially_are_read_back_as_typed(demo_db: Database, tmp_path: Path) -> None:
    path = demo_db.engine.url.database or ""
    con = sqlite3.connect(path)
    numbers = [n for (n,) in con.execute("SELECT number FROM household ORDER BY number LIMIT ?", (len(TRICKY),))]
    for number, text in zip(numbers, TRICKY, strict=True):
        con.execute("UPDATE household SET note = ? WHERE number = ?", (text, number))
    con.commit()
    con.close()
    out = export(demo_db, tmp_path / "odd.xlsx")
    # calamine (what the import reads with) as Excel does: "_x005F_" stands for a literal "_"; openpyxl does not
    rows = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("户").to_python()
    notes = {row[0]: row[rows[0].index("备注")] for row in rows[1:]}
    assert [notes[n] for n in numbers] == TRICKY
    ws = openpyxl.load_workbook(out)["户"]
    assert [r[0].value for r in ws.iter_rows(min_row=2, max_row=3)] == numbers[:2] and ws["A2"].number_format == "@"


def test_the_second_process_reads_the_same_database_on_sqlite_and_postgresql(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with db.transaction() as session:
        generate_demo(session, households=8, villages=1, seed=3, device_id="test-device")
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "1")
    single = export(db, tmp_path / "one.xlsx")
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "always")
    with caplog.at_level(logging.WARNING):
        double = export(db, tmp_path / "two.xlsx")
    assert not [r for r in caplog.records if "export worker" in r.getMessage()]
    assert _cells(double) == _cells(single) and len(_cells(double)[C.EVENTS.name]) > 1


def _kill_children() -> int:
    """SIGKILL this process's own child processes (the export's second process): a crash, as the OS sees it."""
    killed = 0
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        try:  # a thread of this process (or a child) may end between listing and reading: skip it
            with open(f"/proc/{os.getpid()}/task/{task}/children") as handle:
                children = handle.read().split()
        except FileNotFoundError:
            continue
        for pid in children:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    if b"export_part" not in cmdline.read():
                        continue  # another helper of this test process (the import's reader process)
            except FileNotFoundError:
                continue
            os.kill(int(pid), signal.SIGKILL)
            killed += 1
    return killed


@pytest.mark.skipif(sys.platform != "linux", reason="finds the second process in /proc")
def test_a_killed_second_process_is_replaced_by_this_one_writing_the_sheet(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "1")
    single = export(demo_db, tmp_path / "one.xlsx")
    monkeypatch.setenv("FUPIN_EXPORT_PROCESSES", "always")
    killed: list[int] = []

    def progress(done: int, total: int, text: str) -> bool:
        if not killed:
            killed.append(_kill_children())
        return True

    folder = tmp_path / "two"
    folder.mkdir()
    with demo_db.session() as session, caplog.at_level(logging.WARNING):
        export_workbook(session, folder / "two.xlsx", device_id=demo_db.device_id, operator=demo_db.operator,
                        progress=progress)  # fmt: skip
    assert killed == [1]
    assert [r for r in caplog.records if "export worker" in r.getMessage()]  # it noticed, and wrote the sheet
    assert _cells(folder / "two.xlsx") == _cells(single)
    assert sorted(p.name for p in folder.iterdir()) == ["two.xlsx"]
