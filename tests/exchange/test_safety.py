"""Hostile or broken files are refused with one clear Chinese message; the database is never touched."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.services.exchange import safety
from desktop_app.services.exchange.errors import ExchangeError
from desktop_app.services.exchange.reader import read_book
from desktop_app.storage.models import ChangeLog


def _log_count(db: Database) -> int:
    with db.session() as session:
        return session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()


def _import_error(db: Database, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = _log_count(db)
    code = main(["--db", db.url, "import", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err and err.startswith("错误：") and err.count("\n") == 1
    assert _log_count(db) == before
    return err


def test_zip_bomb_is_refused_by_bytes_actually_read(
    demo_db: Database,
    demo_xlsx: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(demo_xlsx) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/media/padding.bin", b"\0" * 30_000_000)  # 30 MB of zeros: ratio ~1000
    err = _import_error(demo_db, bomb, capsys)
    assert "压缩炸弹" in err
    # The total cap counts bytes actually decompressed, whatever the headers claim.
    monkeypatch.setattr(safety, "MAX_TOTAL_BYTES", 100_000)
    with pytest.raises(ExchangeError, match="压缩炸弹"):
        read_book(demo_xlsx)


def test_too_many_entries(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(safety.MAX_ENTRIES + 1):
            z.writestr(f"x/{i}", "")
    with pytest.raises(ExchangeError, match="安全上限"):
        read_book(path)


def test_macro_workbooks_are_refused(demo_db: Database, demo_xlsx: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    xlsm = tmp_path / "macro.xlsm"
    xlsm.write_bytes(demo_xlsx.read_bytes())
    assert "宏" in _import_error(demo_db, xlsm, capsys)
    disguised = tmp_path / "disguised.xlsx"
    with zipfile.ZipFile(demo_xlsx) as src, zipfile.ZipFile(disguised, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/vbaProject.bin", b"VBA")
    assert "宏" in _import_error(demo_db, disguised, capsys)


def test_broken_and_foreign_files(demo_db: Database, demo_xlsx: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(demo_xlsx.read_bytes()[: demo_xlsx.stat().st_size // 2])
    assert "损坏" in _import_error(demo_db, truncated, capsys)
    fake = tmp_path / "photo.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert "不是有效的 Excel 文件" in _import_error(demo_db, fake, capsys)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert "不是可导入的表格文件" in _import_error(demo_db, pdf, capsys)
    ole = tmp_path / "garbage.xls"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "损坏" in _import_error(demo_db, ole, capsys)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "空文件" in _import_error(demo_db, empty, capsys)
    missing = tmp_path / "nowhere.xlsx"
    assert "不存在" in _import_error(demo_db, missing, capsys)
    # With --json the refusal is a JSON result as well.
    assert main(["--db", demo_db.url, "import", "--json", str(truncated)]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["households"] == {"added": 0, "updated": 0, "unchanged": 0} and "损坏" in out["errors"][0]["message"]


def test_billion_laughs_in_workbook_xml_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "laughs.xlsx"
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>&lol2;</sheets></workbook>'
    )
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", lol)
        z.writestr("xl/_rels/workbook.xml.rels", "<Relationships/>")
    with pytest.raises(ExchangeError, match="不安全"):
        read_book(evil)


def test_reader_refuses_to_run_without_defusedxml(demo_xlsx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(ExchangeError, match="defusedxml"):
        read_book(demo_xlsx)


def test_formulas_are_reported_not_evaluated(demo_db: Database, demo_xlsx: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    book = openpyxl.load_workbook(demo_xlsx)
    ws = book["户"]
    ws["F2"] = "=1+2"  # 家庭人口数 as a formula
    edited = tmp_path / "formula.xlsx"
    book.save(edited)
    before = _log_count(demo_db)
    assert main(["--db", demo_db.url, "import", "--json", str(edited)]) == 2
    out = json.loads(capsys.readouterr().out)
    assert any(e["row"] == 2 and e["column"] == "家庭人口数" and "公式" in e["message"] for e in out["errors"])
    assert _log_count(demo_db) == before


def test_scan_finds_shared_formulas_and_hidden_rows_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safety, "CHUNK", 512)  # many chunk boundaries
    rows = []
    for r in range(1, 200):
        cells = f'<c r="A{r}"><v>{r}</v></c>'
        if r == 50:
            cells += '<c r="B50"><f t="shared" ref="B50:B60" si="0">A50*2</f><v>100</v></c>'
        elif 50 < r <= 60:
            cells += f'<c r="B{r}"><f t="shared" si="0"/><v>{r * 2}</v></c>'
        hidden = ' hidden="1"' if r == 120 else ""
        rows.append(f'<row r="{r}"{hidden}>{cells}</row>')
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(rows)
        + "</sheetData></worksheet>"
    )
    book = (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="户" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/></Relationships>'
    )
    path = tmp_path / "shared.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    marks = safety.scan_zip(path).sheets["户"]
    assert sorted(marks.formulas) == [(r - 1, 1) for r in range(50, 61)]
    assert marks.hidden_rows == {119}
