"""The export with its second process (export_part, FUPIN_EXPORT_PROCESSES=always): the same workbook as one
process writes, which imports back unchanged; progress and cancel; nothing left behind."""

from __future__ import annotations

import logging
from pathlib import Path

import openpyxl
import pytest

from desktop_app.services import Cancelled, Database
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
