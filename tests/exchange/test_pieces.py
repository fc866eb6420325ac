"""Large sheets are read in pieces and the parsed rows spilled to disk: same values as a whole-sheet read,
and a full temporary disk is a clear error that changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine as pc
from sqlalchemy import func, select

from desktop_app.services.exchange import safety, xlsx_pieces
from desktop_app.services.exchange.reader import read_book
from desktop_app.storage.models import ChangeLog, Household
from tests.exchange.conftest import export, make_demo

ROOT = Path(__file__).resolve().parents[2]


def trimmed(row: list[Any]) -> list[Any]:
    """A row without its trailing blanks (a piece is as wide as its own widest row)."""
    while row and row[-1] == "":
        row = row[:-1]
    return row


def whole_sheet(path: Path, name: str) -> list[tuple[int, list[Any]]]:
    """Every row of the sheet as calamine reads it whole, placed at its spreadsheet row."""
    data = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)
    r0, c0 = data.start or (0, 0)
    return [(r0 + i, trimmed([""] * c0 + row)) for i, row in enumerate(data.to_python(skip_empty_area=True))]


def pieces(path: Path, name: str) -> list[tuple[int, list[Any]]]:
    entries = safety.scan_zip(path).entries
    reader = xlsx_pieces.PieceReader(path, entries)
    try:
        return [(r, trimmed(row)) for r, row in reader.rows(name)]
    finally:
        reader.close()


def awkward_workbook(path: Path) -> Path:
    """Shared strings, dates, numbers, booleans, blanks, data starting at C3, merged cells, long text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "成员"
    sheet["C3"] = "姓名"
    sheet["D3"] = "出生日期"
    sheet["E3"] = "年收入"
    sheet["F3"] = "在册"
    for n in range(4, 404):
        sheet.cell(n, 3, f"张{n % 17}")  # repeated strings: the shared-string table is used
        sheet.cell(n, 4, dt.date(1950, 1, 1) + dt.timedelta(days=n * 37))
        sheet.cell(n, 5, n * 1.25 if n % 5 else None)
        sheet.cell(n, 6, n % 3 == 0)
        if n % 50 == 0:
            sheet.cell(n, 7, "说明" * 200)
    sheet.merge_cells("C410:D411")
    sheet["C410"] = "合并"
    book.save(path)
    return path


def test_pieces_give_exactly_what_a_whole_sheet_read_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = awkward_workbook(tmp_path / "awkward.xlsx")
    monkeypatch.setattr(xlsx_pieces, "PIECE_BYTES", 0)  # every piece is forced down to one chunk of rows
    monkeypatch.setattr(xlsx_pieces, "CHUNK", 700)
    expected = whole_sheet(path, "成员")
    got = pieces(path, "成员")
    assert len(expected) > 400 and got == expected
    assert got[0] == (2, ["", "", "姓名", "出生日期", "年收入", "在册"])
    assert any(isinstance(row[3], dt.date) for _r, row in got[1:])
    # the scan reports the merged range where calamine would (the pieces do not carry the sheet's tail)
    assert safety.scan_zip(path).sheets["成员"].merged == {(409, 2, 410, 3)}
    book = read_book(path)
    assert book.find("成员").merged == [(409, 2, 410, 3)]
    book.close()


def test_rows_without_numbers_are_counted_across_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Row and cell references are optional in the file format; some writers leave them out."""
    source = awkward_workbook(tmp_path / "numbered.xlsx")
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bare, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'(<row|<c) r="[A-Z]*\d+"', rb"\1", data)
                data = re.sub(rb"<mergeCells.*?</mergeCells>", b"", data)
            new.writestr(info, data)
    monkeypatch.setattr(xlsx_pieces, "PIECE_BYTES", 0)
    monkeypatch.setenv("FUPIN_READER_PROCESS", "0")  # the patched readers run in this process
    monkeypatch.setattr(xlsx_pieces, "CHUNK", 900)
    expected = whole_sheet(bare, "成员")
    assert pieces(bare, "成员") == expected
    assert [r for r, _row in expected][:3] == [0, 1, 2]  # without references the rows start at the top


def full_disk_script(db: Path, workbook: Path, limit: int) -> str:
    return textwrap.dedent(
        f"""
        import resource, signal, sys
        from desktop_app.services.exchange import spill
        from desktop_app.cli import main
        from desktop_app.services.exchange import use_cases
        use_cases.back_up_first = lambda db, reason, **_: None  # its backup would hit the limit too
        spill.BATCH = 3
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails like a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        sys.exit(main(["--db", {str(db)!r}, "import", "--json", {str(workbook)!r}]))
        """
    )


def test_a_full_temporary_disk_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    """The process may write no file beyond 100 KB (the database's own files stay below that while it only
    reads): spilling the parsed rows of an 80-household workbook then fails as on a full disk."""
    demo_db = make_demo(tmp_path / "demo.sqlite", households=80)
    demo_xlsx = export(demo_db, tmp_path / "demo.xlsx")
    with demo_db.session() as session:
        before = (
            session.execute(select(func.count()).select_from(Household)).scalar_one(),
            session.execute(select(func.count()).select_from(ChangeLog)).scalar_one(),
        )
    target = tmp_path / "target.sqlite"
    make = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(target), "stats"], cwd=ROOT, capture_output=True, text=True
    )
    assert make.returncode == 0, make.stderr
    size_before = target.stat().st_size
    run = subprocess.run(
        [sys.executable, "-c", full_disk_script(target, demo_xlsx, 100_000)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0
    assert "临时文件失败" in run.stderr + run.stdout, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert target.stat().st_size == size_before
    check = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(target), "stats", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert json.loads(check.stdout)["households"] == 0, check.stdout
    with demo_db.session() as session:  # the source of the workbook is untouched too
        assert before == (
            session.execute(select(func.count()).select_from(Household)).scalar_one(),
            session.execute(select(func.count()).select_from(ChangeLog)).scalar_one(),
        )
    demo_db.close()


def test_a_sheet_cut_off_mid_row_is_one_clear_error_and_no_reader_thread_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member sheet whose XML stops in the middle (a copy interrupted, a bad disk): the pieces before the
    break are fine, the broken one fails in the helper thread, and the user gets the one Chinese line."""
    import threading

    from desktop_app.services import open_database
    from desktop_app.services.exchange.errors import ExchangeError
    from desktop_app.services.exchange.importer import read_file

    demo = make_demo(tmp_path / "demo.sqlite", households=40)
    good = export(demo, tmp_path / "good.xlsx")
    demo.close()
    broken = tmp_path / "broken.xlsx"
    members = safety.scan_zip(good).entries["成员"]
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == members:
                data = data[: len(data) * 2 // 3]
            new.writestr(info, data)
    monkeypatch.setattr(xlsx_pieces, "PIECE_BYTES", 0)
    monkeypatch.setenv("FUPIN_READER_PROCESS", "0")  # the patched readers run in this process
    monkeypatch.setattr(xlsx_pieces, "CHUNK", 2048)
    db = open_database(tmp_path / "target.sqlite")
    try:
        with pytest.raises(ExchangeError) as caught, db.session() as session:
            read_file(session, broken)
    finally:
        db.close()
    assert "broken.xlsx 已损坏" in str(caught.value)
    assert not [t for t in threading.enumerate() if t.name.startswith("fupin-xlsx") and t.is_alive()]


def test_no_temporary_file_is_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces and spilled rows live in the temporary folder only while the import runs."""
    import tempfile

    from desktop_app.services import open_database
    from desktop_app.services.exchange.importer import apply_plan, read_file

    demo = make_demo(tmp_path / "demo.sqlite", households=30)
    workbook = export(demo, tmp_path / "demo.xlsx")
    demo.close()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(xlsx_pieces, "PIECE_BYTES", 0)
    monkeypatch.setenv("FUPIN_READER_PROCESS", "0")  # the patched readers run in this process
    monkeypatch.setattr(xlsx_pieces, "CHUNK", 4096)
    db = open_database(tmp_path / "target.sqlite")
    try:
        with db.transaction() as session:
            plan = read_file(session, workbook)
            assert plan.ok
            assert apply_plan(session, plan).households["added"] == 30
    finally:
        db.close()
    assert list(scratch.iterdir()) == []
