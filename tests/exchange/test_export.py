"""The exchange workbook as a county clerk sees it in Excel: text IDs, real dates, drop-downs, frozen header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.services import Cancelled, Database, Progress
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import export_to_file
from desktop_app.services.exchange.export import export_workbook
from desktop_app.storage.models import Area, Household, Member


def _col(ws: object, header: str) -> int:
    headers = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]  # type: ignore[attr-defined]
    return headers.index(header) + 1


def test_workbook_layout_ids_as_text_dates_as_dates_dropdowns_frozen_header(demo_db: Database, demo_xlsx: Path) -> None:
    book = openpyxl.load_workbook(demo_xlsx)
    assert book.sheetnames[:4] == ["户", "成员", "帮扶措施", "识别程序记录"]
    assert book[C.CODELIST_SHEET].sheet_state == "hidden"
    members = book["成员"]
    assert members.freeze_panes == "A2"
    id_cell = members.cell(row=2, column=_col(members, "证件号码"))
    assert isinstance(id_cell.value, str) and len(id_cell.value) == 18
    assert id_cell.number_format == "@"
    birth = members.cell(row=2, column=_col(members, "出生日期"))
    assert isinstance(birth.value, dt.datetime) and birth.is_date
    households = book["户"]
    number = households.cell(row=2, column=_col(households, "户编号"))
    assert isinstance(number.value, str) and number.number_format == "@"
    phone = households.cell(row=2, column=_col(households, "联系电话"))
    assert isinstance(phone.value, str) and phone.number_format == "@"
    # The merge keys travel hidden; the visible columns are sized.
    key = _col(households, "记录编号")
    letter = openpyxl.utils.get_column_letter(key)
    assert households.column_dimensions[letter].hidden
    assert households.column_dimensions["A"].width >= 15
    # Coded columns offer the code list's labels as a drop-down.
    sources = {next(iter(dv.sqref.ranges)).min_col: dv.formula1 for dv in members.data_validations.dataValidation}
    sex = sources[_col(members, "性别")]
    assert C.CODELIST_SHEET in sex
    column_letter = sex.split("!")[1].replace("$", "")[0]
    labels = [c.value for c in book[C.CODELIST_SHEET][column_letter] if c.value]
    assert "男" in labels and "女" in labels
    assert members.cell(row=2, column=_col(members, "性别")).value in ("男", "女")
    meta = {row[0]: row[1] for row in book[C.METADATA_SHEET].iter_rows(values_only=True) if row[0]}
    with demo_db.session() as session:
        n_households = session.execute(select(func.count()).select_from(Household)).scalar_one()
        n_members = session.execute(select(func.count()).select_from(Member)).scalar_one()
    assert meta["格式"] == C.FORMAT_NAME and meta["户数"] == n_households and meta["人数"] == n_members
    assert meta["导出设备"] == "laptop-a"


def test_formula_like_text_is_written_as_text(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.transaction() as session:
        household = session.execute(select(Household).order_by(Household.number)).scalars().first()
        household.note = '=HYPERLINK("http://evil","x")'
        household.address = "+1+1"
    out = export_workbook_file(demo_db, tmp_path / "inj.xlsx")
    book = openpyxl.load_workbook(out)
    ws = book["户"]
    note = ws.cell(row=2, column=_col(ws, "备注"))
    assert note.data_type == "s" and note.value == '=HYPERLINK("http://evil","x")'
    assert note.quotePrefix
    address = ws.cell(row=2, column=_col(ws, "家庭住址"))
    assert address.data_type == "s" and address.value == "+1+1"


def export_workbook_file(db: Database, out: Path) -> Path:
    with db.session() as session:
        export_workbook(session, out, device_id=db.device_id)
    return out


def test_village_export_holds_only_that_village(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_db.session() as session:
        village = session.execute(select(Area).where(Area.level == "village").order_by(Area.code)).scalars().first()
        expected = session.execute(
            select(func.count()).select_from(Household).where(Household.village_id == village.id)
        ).scalar_one()
    out = tmp_path / "one.xlsx"
    assert main(["--db", demo_db.url, "export", "--out", str(out), "--village", village.name]) == 0
    assert f"{expected} 户" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out)["户"]
    codes = {row[1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert codes == {village.code}


def test_unknown_area_is_one_line_error(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", demo_db.url, "export", "--out", str(tmp_path / "x.xlsx"), "--township", "不存在乡"]) == 2
    err = capsys.readouterr().err
    assert "找不到乡镇：不存在乡" in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


def test_cancel_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        export_to_file(demo_db, out, progress=Progress(lambda done, total, text: False))
    assert list(tmp_path.glob("*.xlsx")) == []
    pressed: list[int] = []

    def cancelled() -> bool:  # the Cancel button pressed once the export has started writing
        return bool(pressed)

    with pytest.raises(Cancelled):
        export_to_file(demo_db, out, progress=Progress(lambda done, total, text: pressed.append(done), cancelled))
    assert pressed and list(tmp_path.glob("*.xlsx")) == []
