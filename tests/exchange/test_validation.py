"""An edited exchange workbook with mistakes: every problem is listed, the database stays as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.storage.models import ChangeLog


def _col(ws: Any, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def _rows_of(ws: Any, number: str) -> list[int]:
    return [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == number]


def test_every_error_kind_in_an_edited_workbook(demo_db: Database, demo_xlsx: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    book = openpyxl.load_workbook(demo_xlsx)
    hs, ms = book["户"], book["成员"]
    numbers = [hs.cell(row=r, column=1).value for r in range(2, 8)]
    id_col, name_col = _col(ms, "证件号码"), _col(ms, "姓名")
    bad_id_row = _rows_of(ms, numbers[0])[0]
    ms.cell(row=bad_id_row, column=id_col).value = "53299919800101123"  # 17 digits
    rounded_row = _rows_of(ms, numbers[1])[0]
    ms.cell(row=rounded_row, column=id_col).value = 5.32999198001011e17  # what Excel made of it
    missing_row = _rows_of(ms, numbers[2])[0]
    ms.cell(row=missing_row, column=name_col).value = None
    hs.cell(row=5, column=_col(hs, "家庭人口数")).value = 9  # household numbers[3]
    twin_source = _rows_of(ms, numbers[4])[0]
    twin_target = _rows_of(ms, numbers[5])[0]
    ms.cell(row=twin_target, column=id_col).value = ms.cell(row=twin_source, column=id_col).value
    hs.cell(row=2, column=_col(hs, "贫困户属性")).value = "富裕户"
    ms.merge_cells(
        start_row=bad_id_row, start_column=_col(ms, "民族"), end_row=bad_id_row + 1, end_column=_col(ms, "民族")
    )
    ms.row_dimensions[ms.max_row].hidden = True
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    with demo_db.session() as session:
        before = session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()
    report = tmp_path / "report.xlsx"
    code = main(["--db", demo_db.url, "import", "--json", "--report", str(report), str(edited)])
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert code == 2
    by = {(e["sheet"], e["row"], e["column"]): e["message"] for e in errors}
    assert "长度应为18位" in by[("成员", bad_id_row, "证件号码")]
    assert "转成数字" in by[("成员", rounded_row, "证件号码")]
    assert "必填项“姓名”为空" in by[("成员", missing_row, "姓名")]
    assert "家庭人口数为 9" in by[("户", 5, "家庭人口数")]
    assert "同一人出现在两户" in by[("成员", twin_target, "证件号码")]
    assert "同一人出现在两户" in by[("成员", twin_source, "证件号码")]
    assert "不在代码表中" in by[("户", 2, "贫困户属性")]
    assert "合并单元格" in by[("成员", bad_id_row, "民族")]
    assert any("被隐藏" in e["message"] and e["row"] == ms.max_row for e in errors)
    with demo_db.session() as session:
        assert session.execute(select(func.count()).select_from(ChangeLog)).scalar_one() == before
    # The saved report lists every problem and marks the bad cells red with a comment.
    saved = openpyxl.load_workbook(report)
    assert saved.sheetnames[0] == "问题清单" and saved["问题清单"].max_row == len(errors) + 1
    cell = saved["户"].cell(row=2, column=_col(hs, "贫困户属性"))
    assert cell.fill.fgColor.rgb.endswith("FFC7CE") and "不在代码表中" in cell.comment.text
