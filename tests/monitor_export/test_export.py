"""``export_cases`` and ``fupin monitor export``: the workbook read back with openpyxl, and after LibreOffice
re-saved it; labels instead of codes, the term by each case's year, nothing private."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop_app.cli import main
from desktop_app.domain.errors import DomainError
from desktop_app.services.monitoring import export_cases
from desktop_app.services.progress import Cancelled, Progress
from desktop_app.storage.models_accounts import AuditEntry
from tests.exchange.conftest import soffice_convert
from tests.monitor_cases.helpers import number
from tests.monitor_export.conftest import CONTACT_PHONE, REMOVED_ON, TODAY, VILLAGE

HEADER = [
    "对象称谓", "户编号", "户主", "行政村", "监测类别", "步骤", "线索来源", "发现日期", "办结期限", "剩余天数",
    "是否超期", "纳入日期", "风险类型", "帮扶联系人", "风险消除方式", "风险消除日期",
]  # fmt: skip
LONG_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def sheet_rows(path: Path) -> list[list[str]]:
    book = load_workbook(path, read_only=True)
    rows = [["" if v is None else str(v) for v in row] for row in book.active.iter_rows(values_only=True)]
    book.close()
    return rows


def by_number(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    return {r[1]: dict(zip(HEADER, r, strict=False)) for r in rows[2:]}


def check_content(rows: list[list[str]]) -> None:
    assert rows[0][0].endswith(" 防止返贫监测对象名单（导出日期 2026-03-20）")
    assert rows[1][: len(HEADER)] == HEADER
    cases = by_number(rows)
    old, new = cases[number(1)], cases[number(2)]
    assert old["对象称谓"] == "监测对象" and new["对象称谓"] == "防止返贫致贫对象"
    assert old["户主"] == "户主1" and old["监测类别"] == "边缘易致贫户" and old["线索来源"] == "干部排查走访"
    assert old["发现日期"] == "2025-03-03" and old["纳入日期"] == "2025-03-09" and old["帮扶联系人"] == "王干部"
    assert old["风险类型"] == "因病" and old["是否超期"] == "否"
    assert new["风险类型"] == "因病、因自然灾害" and new["线索来源"] == "农户自主申报"
    assert new["办结期限"] == "2026-03-25" and new["剩余天数"] == "5" and new["纳入日期"] == ""
    assert new["步骤"] == "线索登记" and new["监测类别"] == ""
    gone = cases[number(3)]
    assert gone["对象称谓"] == "监测对象" and gone["步骤"] == "风险已消除"
    assert gone["风险消除方式"] == "帮扶消除" and gone["风险消除日期"] == REMOVED_ON.isoformat()
    assert old["风险消除方式"] == "" and old["风险消除日期"] == ""
    text = "\n".join("\t".join(r) for r in rows)
    assert not LONG_ID.search(text), "a resident ID reached the sheet"
    assert not PHONE.search(text) and CONTACT_PHONE not in text, "a phone reached the sheet"


def test_the_export_shows_labels_and_each_cases_term_and_nothing_private(two_cases, tmp_path) -> None:
    _path, db = two_cases
    out = tmp_path / "名单.xlsx"
    result = export_cases(db, out, village_code=VILLAGE, today=TODAY)
    assert result.path == out and result.counts == {"cases": 3}
    rows = sheet_rows(out)
    check_content(rows)
    assert rows[0][0] == f"{result.area} 防止返贫监测对象名单（导出日期 2026-03-20）"
    assert list(tmp_path.glob(".*tmp.xlsx")) == []
    with db.transaction() as s:
        events = [(e.details, e.records) for e in s.query(AuditEntry).filter(AuditEntry.action == "monitoring.export")]
    assert len(events) == 1 and "名单.xlsx" in events[0][0] and '"cases": 3' in events[0][0]
    assert CONTACT_PHONE not in str(events) and "户主1" not in str(events)


def test_libreoffice_resaves_the_export_and_it_still_reads_the_same(two_cases, tmp_path) -> None:
    _path, db = two_cases
    out = export_cases(db, tmp_path / "名单.xlsx", today=TODAY).path
    resaved = soffice_convert(out, "xlsx", tmp_path / "lo")
    check_content(sheet_rows(resaved))


def test_a_folder_that_does_not_exist_gives_a_chinese_error_and_no_file(two_cases, tmp_path) -> None:
    _path, db = two_cases
    target = tmp_path / "没有这个文件夹" / "名单.xlsx"
    with pytest.raises(DomainError) as caught:
        export_cases(db, target, today=TODAY)
    assert "没有留下不完整的文件" in str(caught.value.args[0]) or "没有留下不完整的文件" in caught.value.zh
    assert not target.parent.exists()
    assert list(tmp_path.rglob("*.xlsx")) == []


def test_a_cancelled_export_leaves_no_file_and_records_nothing(two_cases, tmp_path) -> None:
    _path, db = two_cases
    seen: list[tuple[int, int]] = []
    stop = Progress(lambda done, total, _text: seen.append((done, total)), lambda: bool(seen))
    with pytest.raises(Cancelled):
        export_cases(db, tmp_path / "名单.xlsx", today=TODAY, progress=stop)
    assert seen == [(0, 3)]  # the first row reported, then the cancel asked
    stop2 = Progress(None, lambda: True)
    with pytest.raises(Cancelled):
        export_cases(db, tmp_path / "名单.xlsx", today=TODAY, progress=stop2)
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".*.xlsx")) == []
    with db.transaction() as s:
        assert s.query(AuditEntry).filter(AuditEntry.action == "monitoring.export").count() == 0


def cli(path: Path, *argv: str) -> int:
    return main(["--db", str(path), "--operator", "王队长", "monitor", "export", *argv])


def test_the_cli_writes_the_file_and_refuses_bad_input_with_exit_2(two_cases, tmp_path, capsys: Any) -> None:
    path, db = two_cases
    db.close()
    out = tmp_path / "cli.xlsx"
    assert cli(path, "--out", str(out), "--village", VILLAGE, "--today", "2026-03-20") == 0
    assert "3 条监测记录" in capsys.readouterr().out
    check_content(sheet_rows(out))
    missing = tmp_path / "nowhere" / "x.xlsx"
    assert cli(path, "--out", str(missing), "--today", "2026-03-20") == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "没有留下不完整的文件" in err and not missing.exists()
    assert cli(path, "--out", str(tmp_path / "x.csv")) == 2
    assert ".xlsx" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()
    assert cli(path, "--out", str(tmp_path / "y.xlsx"), "--village", "999") == 2
    assert "找不到行政村：999" in capsys.readouterr().err and not (tmp_path / "y.xlsx").exists()
