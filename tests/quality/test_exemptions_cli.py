"""The exemption list (an exempted finding is not reported; .xlsx round trip; a broken file changes nothing and
names its row) and ``fupin quality`` on the database and on a file before import."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.cli import main
from desktop_app.domain.idnumber import make_id
from desktop_app.services.quality import (
    HEADERS,
    ExemptionFileError,
    check_database,
    exempt,
    export_exemptions,
    import_exemptions,
    list_exemptions,
)
from tests.quality.helpers import TODAY, number_of


def _pairs(findings: list[Any]) -> set[tuple[str, str]]:
    return {(f.rule_id, f.household_number) for f in findings}


def _book(path: Path, rows: list[list[Any]], *, title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_exempted_finding_is_not_reported_but_can_be_listed(county: tuple[Any, dict[str, str]]) -> None:
    db, ids = county
    number = number_of("Q06", True)
    assert ("Q06", number) in _pairs(check_database(db, today=TODAY))
    exempt(db, rule_id="Q06", household_id=ids[number], reason="备注已在纸质档案中", today=TODAY)
    assert ("Q06", number) not in _pairs(check_database(db, today=TODAY))
    listed = [f for f in check_database(db, today=TODAY, include_exempt=True) if f.rule_id == "Q06"]
    assert [(f.household_number, f.exempted) for f in listed] == [(number, True)]
    row = next(r for r in list_exemptions(db) if r.rule_id == "Q06")
    assert row.approved_by == "质检员" and row.approved_on == TODAY  # the signed-in operator approves


def test_exemptions_round_trip_through_xlsx(county: tuple[Any, dict[str, str]], tmp_path: Path) -> None:
    db, _ids = county
    q07, q16 = number_of("Q07", True), number_of("Q16", True)
    county_file = _book(
        tmp_path / "县级豁免清单.xlsx",
        [
            ["规则编号", "户编号", "原因", "批准人", "批准日期"],
            ["Q07", q07, "灾害子项待省级系统补录", "县乡村振兴局李明", date(2026, 11, 3)],
            ["Q16", q16, "医保一站式结算无自付", "县乡村振兴局李明", "2026-11-04"],
        ],
        title="某县疑点豁免清单（2026年11月）",
    )
    assert import_exemptions(db, str(county_file)) == (2, 0)
    assert not {("Q07", q07), ("Q16", q16)} & _pairs(check_database(db, today=TODAY))
    assert import_exemptions(db, str(county_file)) == (0, 2)  # the same file again: updated, not doubled

    out = tmp_path / "导出.xlsx"
    count = export_exemptions(db, out)
    sheet = load_workbook(out).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == HEADERS and len(rows) == count + 1
    by_rule = {r[0]: r for r in rows[1:]}
    assert by_rule["Q07"][2] == q07 and isinstance(by_rule["Q07"][2], str)
    assert by_rule["Q07"][1] == "和平村" and by_rule["Q16"][4] == "医保一站式结算无自付"
    # the export imports back unchanged
    before = list_exemptions(db)
    assert import_exemptions(db, str(out)) == (0, count)
    assert list_exemptions(db) == before


def test_a_broken_exemption_file_changes_nothing_and_names_the_row(
    county: tuple[Any, dict[str, str]], tmp_path: Path
) -> None:
    db, _ids = county
    before = list_exemptions(db)
    broken = _book(
        tmp_path / "坏.xlsx",
        [
            ["规则编号", "户编号", "原因", "批准人", "批准日期"],
            ["Q10", number_of("Q10", True), "教育资助在学校端", "县教育局", "2026-11-05"],
            ["Q99", number_of("Q11", True), "原因", "县局", "2026-11-05"],
            ["Q12", "0000000000000000", "", "县局", "明天"],
        ],
    )
    with pytest.raises(ExemptionFileError) as raised:
        import_exemptions(db, str(broken))
    text = raised.value.message_zh
    assert "第3行：没有这条质量规则“Q99”" in text
    assert "第4行" in text and "没有户编号为“0000000000000000”的户" in text and "原因为空" in text
    assert "批准日期无效" in text and "未写入任何记录" in text
    assert list_exemptions(db) == before  # the good row 2 was not written either
    missing = tmp_path / "缺列.csv"
    missing.write_text("规则编号,户编号,原因\nQ10,1,x\n", encoding="utf-8")
    with pytest.raises(ExemptionFileError, match="缺少列：批准人、批准日期"):
        import_exemptions(db, str(missing))


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def _db_path(db: Any) -> str:
    return str(db.engine.url.database)


def test_fupin_quality_check_json(county: tuple[Any, dict[str, str]]) -> None:
    db, _ids = county
    code, text = _cli("--db", _db_path(db), "quality", "check", "--json", "--today", "2026-12-01")
    assert code == 1
    data = json.loads(text)
    assert data["today"] == "2026-12-01"
    first = data["findings"][0]
    assert set(first) >= {"village_name", "household_number", "head_name", "rule_id", "message", "field", "fix"}
    assert ("Q18", number_of("Q18", True)) in {(f["rule_id"], f["household_number"]) for f in data["findings"]}
    assert not re.search(r"\d{17}[\dXx]", text)
    code, text = _cli("--db", _db_path(db), "quality", "check", "--rule", "Q07", "--include-exempt", "--json")
    assert all(f["rule_id"] == "Q07" for f in json.loads(text)["findings"])
    code, text = _cli("--db", _db_path(db), "quality", "rules", "--json")
    assert code == 0 and [r["id"] for r in json.loads(text)][:2] == ["Q01", "Q02"]
    code, text = _cli("--db", _db_path(db), "quality", "check", "--village", "和平村", "--today", "2026-12-01")
    assert code == 1 and "疑点检查（2026-12-01）" in text and "字段：" in text and "修改：" in text


def test_fupin_quality_exemptions_export_and_import_csv(county: tuple[Any, dict[str, str]], tmp_path: Path) -> None:
    db, _ids = county
    out = tmp_path / "豁免.csv"
    code, text = _cli("--db", _db_path(db), "quality", "exemptions", "export", "--out", str(out))
    assert code == 0 and "已导出豁免清单" in text
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(HEADERS)
    code, text = _cli("--db", _db_path(db), "quality", "exemptions", "import", str(out), "--json")
    assert code == 0 and json.loads(text)["new"] == 0


def test_checking_a_file_before_import_leaves_the_database_alone(
    county: tuple[Any, dict[str, str]], tmp_path: Path
) -> None:
    db, _ids = county
    roster = _book(
        tmp_path / "花名册.xlsx",
        [
            [
                "县",
                "乡镇",
                "行政村",
                "户编号",
                "户主姓名",
                "姓名",
                "证件号码",
                "性别",
                "与户主关系",
                "在校生状况",
                "劳动技能",
            ],
            [
                "示范县",
                "右所镇",
                "和平村",
                "5329990010019901",
                "何大山",
                "何大山",
                make_id("532999", date(1980, 2, 2), 11),
                "男",
                "户主",
                "非在校生",
                "普通劳动力",
            ],
            [
                "示范县",
                "右所镇",
                "和平村",
                "5329990010019901",
                "何大山",
                "何小川",
                make_id("532999", date(2003, 4, 4), 13),
                "男",
                "之子",
                "小学",
                "无劳动力",
            ],
        ],
    )
    path = _db_path(db)
    count_before = sqlite3.connect(path).execute("SELECT count(*) FROM household").fetchone()[0]
    code, text = _cli("--db", path, "quality", "check", "--file", str(roster), "--json", "--today", "2026-12-01")
    data = json.loads(text)
    assert data["import_problems"] == [], data["import_problems"]
    assert [(f["rule_id"], f["household_number"]) for f in data["findings"]] == [("Q15", "5329990010019901")]
    assert "何小川（532999********" in data["findings"][0]["message"]
    assert sqlite3.connect(path).execute("SELECT count(*) FROM household").fetchone()[0] == count_before


def test_an_exemption_travels_with_a_merge(county: tuple[Any, dict[str, str]], tmp_path: Path) -> None:
    """An exemption entered on a second laptop arrives with the merge; the finding is then not reported here."""
    from desktop_app.services import open_database
    from desktop_app.services.merge import merge_database

    db, ids = county
    laptop = tmp_path / "laptop.sqlite"
    source = sqlite3.connect(_db_path(db))
    target = sqlite3.connect(laptop)
    source.backup(target)
    source.close()
    target.close()
    other = open_database(laptop, operator="乡镇干部", device_id="laptop-b")
    q11 = number_of("Q11", True)
    exempt(other, rule_id="Q11", household_id=ids[q11], reason="供水工程已立项", today=date(2026, 11, 20))
    other.close()
    assert ("Q11", q11) in _pairs(check_database(db, today=TODAY))
    result = merge_database(db, laptop)
    assert result.conflicts == 0
    assert ("Q11", q11) not in _pairs(check_database(db, today=TODAY))
    row = next(r for r in list_exemptions(db) if r.rule_id == "Q11")
    assert (row.approved_by, row.reason) == ("乡镇干部", "供水工程已立项")
