"""Joining packages (xlsx_join): a sheet written elsewhere takes the place of an empty stand-in. The packages
are written here with xlsxwriter, the way the export's two processes write theirs, and read back with
openpyxl and LibreOffice."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter  # type: ignore[import-untyped]  # xlsxwriter ships no type information

from desktop_app.services.exchange.xlsx_join import replace_sheets, sheet_entries
from tests.exchange.conftest import soffice_convert

OPTIONS = {"constant_memory": True, "strings_to_numbers": False}
SOURCE = "='代码'!$A$1:$A$3"


def _formats(book: Any) -> dict[str, Any]:
    made = {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7"}),
        "text": book.add_format({"num_format": "@"}),
        "money": book.add_format({"num_format": "0.00"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
    }
    for fmt in made.values():
        fmt._get_xf_index()  # the same style numbers in both packages, as export_sheet.formats does
    return made


def _big_sheet(book: Any, fmt: dict[str, Any], rows: int) -> None:
    ws = book.add_worksheet("明细")
    ws.set_column(0, 0, 20, fmt["text"])
    ws.set_column(2, 2, 12, None, {"hidden": True})
    for c, header in enumerate(("姓名", "金额", "日期", "类别")):
        ws.write_string(0, c, header, fmt["header"])
    ws.data_validation(1, 3, 1000, 3, {"validate": "list", "source": SOURCE})
    ws.freeze_panes(1, 0)
    for r in range(1, rows + 1):
        ws.write_string(r, 0, f"0{r:05d}", fmt["text"])
        ws.write_number(r, 1, r * 1.5, fmt["money"])
        ws.write_datetime(r, 2, dt.date(2024, 1, 1) + dt.timedelta(days=r), fmt["date"])
        ws.write_string(r, 3, "乙", fmt["text"])
    ws.autofilter(0, 0, rows, 3)  # in the sheet's XML; the stand-in's gives the workbook's defined name


def _packages(tmp_path: Path, rows: int) -> tuple[Path, Path]:
    base, part = tmp_path / "base.xlsx", tmp_path / "part.xlsx"
    book = xlsxwriter.Workbook(str(base), OPTIONS)
    fmt = _formats(book)
    first = book.add_worksheet("户")
    first.write_string(0, 0, "户编号", fmt["header"])
    first.write_string(1, 0, "0001", fmt["text"])
    stand_in = book.add_worksheet("明细")  # the stand-in: the filter range is known from the other process
    stand_in.autofilter(0, 0, rows, 3)
    codes = book.add_worksheet("代码")
    for r, text in enumerate(("甲", "乙", "丙")):
        codes.write_string(r, 0, text, fmt["text"])
    codes.hide()
    book.add_worksheet("说明").write_string(0, 0, "说明", book.add_format({"italic": True}))
    book.define_name("代码列表", SOURCE)
    book.close()
    other = xlsxwriter.Workbook(str(part), OPTIONS)
    fmt = _formats(other)
    other.add_worksheet("_")  # stays the active sheet there
    _big_sheet(other, fmt, rows)
    other.close()
    return base, part


def test_the_joined_book_has_the_sheet_in_place_with_its_cells_styles_and_workbook_parts(tmp_path: Path) -> None:
    base, part = _packages(tmp_path, rows=3000)
    out = tmp_path / "joined.xlsx"
    replace_sheets(base, {"明细": (part, "明细")}, out)
    assert list(sheet_entries(out)) == ["户", "明细", "代码", "说明"]
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["户", "明细", "代码", "说明"]
    assert book["代码"].sheet_state == "hidden" and book["明细"].sheet_state == "visible"
    assert book.active.title == "户"
    ws = book["明细"]
    assert ws.max_row == 3001 and ws.freeze_panes == "A2"
    assert ws["A2"].value == "000001" and ws["A2"].number_format == "@"
    assert ws["B3001"].value == 4500 and ws["B3001"].number_format == "0.00"
    assert ws["C2"].value == dt.datetime(2024, 1, 2) and ws["C2"].number_format == "yyyy-mm-dd"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws.column_dimensions["C"].hidden
    assert ws.auto_filter.ref == "A1:D3001"
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == "'代码'!$A$1:$A$3"
    assert book.defined_names["代码列表"].attr_text == "'代码'!$A$1:$A$3"
    assert book["户"]["A2"].value == "0001" and book["说明"]["A1"].font.i
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None


def test_libreoffice_opens_the_joined_book(tmp_path: Path) -> None:
    base, part = _packages(tmp_path, rows=50)
    out = tmp_path / "joined.xlsx"
    replace_sheets(base, {"明细": (part, "明细")}, out)
    resaved = openpyxl.load_workbook(soffice_convert(out, "xlsx", tmp_path / "lo"))
    assert resaved.sheetnames == ["户", "明细", "代码", "说明"]
    assert resaved["代码"].sheet_state == "hidden"
    assert resaved["明细"]["A51"].value == "000050" and resaved["明细"]["D2"].value == "乙"
