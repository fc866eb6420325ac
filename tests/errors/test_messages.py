"""The one error path: what a person reads for each kind of failure, with IDs and phones masked."""

from __future__ import annotations

import csv
import errno
import io
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy.exc
from xlsxwriter.exceptions import FileCreateError

from desktop_app.cli import main
from desktop_app.domain.idnumber import make_id
from desktop_app.errors import CliError, describe, mask_sensitive
from desktop_app.services import DatabaseBusy
from desktop_app.services.areas.registry import area_code_problem


def test_ids_and_phones_are_masked_inside_any_text() -> None:
    resident = make_id("532999", date(1967, 10, 2), 819)
    old = "532999671002819"
    text = f"值：{resident}；旧证：{old}；电话 13812345678；户编号 5329990010010001；村 532999001001"
    masked = mask_sensitive(text)
    assert resident not in masked and f"{resident[:6]}********{resident[-4:]}" in masked
    assert old not in masked and "532999******819" in masked
    assert "13812345678" not in masked and "138****5678" in masked
    assert "5329990010010001" in masked and "532999001001" in masked  # household numbers, area codes stay
    assert resident not in mask_sensitive(f"ID{resident}abc")


def test_every_message_of_the_mapper_is_masked_and_one_line() -> None:
    resident = make_id("532999", date(1980, 1, 1), 12)
    error = describe(ValueError(f"第一行\n{resident}\n" + "x" * 5000))
    assert resident not in error.text and "\n" not in error.text and len(error.text) < 700
    assert describe(CliError(f"找不到户“{resident}”")).text == f"找不到户“{resident[:6]}********{resident[-4:]}”"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, ("磁盘已满", "腾出")),
        (errno.EROFS, ("只读", "可写的文件夹")),
        (errno.EACCES, ("没有权限", "管理员")),
        (errno.ENOENT, ("不存在", "创建")),
    ],
)
def test_file_errors_say_what_to_do(tmp_path: Path, code: int, words: tuple[str, ...]) -> None:
    target = tmp_path / "missing" / "导出.xlsx"
    for exc in (OSError(code, "raw", str(target)), FileCreateError(OSError(code, "raw", str(target)))):
        error = describe(exc)
        assert error.exit_code == 2
        assert all(word in error.text for word in words), error.text
        assert "raw" not in error.text and "Errno" not in error.text


def test_database_failures_are_exit_3_in_words() -> None:
    full = sqlalchemy.exc.OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert describe(full).exit_code == 3 and "磁盘已满" in describe(full).text
    locked = sqlite3.OperationalError("database is locked")
    assert describe(locked).exit_code == 3 and "另一个程序" in describe(locked).text
    lost = sqlalchemy.exc.OperationalError(
        "SELECT 1", {}, Exception("server closed the connection unexpectedly"), connection_invalidated=True
    )
    assert describe(lost).exit_code == 3 and "连接已断开" in describe(lost).text
    busy = DatabaseBusy("另一个程序正在写入数据库，等了 1800 秒仍未写完")
    assert describe(busy).exit_code == 3


def test_damaged_or_mixed_files_are_bad_input() -> None:
    mixed = "\ufeff编号".encode() + "张三".encode("gbk")
    try:
        mixed.decode("utf-8")
    except UnicodeDecodeError as exc:
        assert "编码" in describe(exc).text and describe(exc).exit_code == 2
    try:
        list(csv.reader(io.StringIO('"' + "x" * 200_000)))
    except csv.Error as exc:
        assert "引号" in describe(exc).text and describe(exc).exit_code == 2
    for exc in (zipfile.BadZipFile("File is not a zip file"), NotImplementedError("zip file version 14.4")):
        assert "不是 Excel 工作簿或已损坏" in describe(exc).text and describe(exc).exit_code == 2
    assert describe(KeyboardInterrupt()).exit_code == 130


def test_unexpected_errors_never_show_a_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["--db", str(tmp_path / "x.sqlite"), "import", str(tmp_path / "没有.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("错误：") and "Traceback" not in err


def test_print_card_never_echoes_a_resident_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    resident = make_id("532999", date(1990, 5, 6), 77)
    code = main(
        ["--db", str(tmp_path / "x.sqlite"), "print", "card", "--household", resident, "--out", str(tmp_path / "c.pdf")]
    )
    err = capsys.readouterr().err
    assert code == 2 and "找不到户" in err and resident not in err and resident[-4:] in err


@pytest.mark.parametrize(
    ("code", "level", "ok"),
    [
        ("532999001001", "行政村", True),
        ("532999001001001", "村民小组", True),
        ("532999000000", "county", True),
        ("+1+1", "行政村", False),
        ("５３２９９９００１００１", "行政村", False),  # full-width digits
        ("532999001001\n", "village", True),  # surrounding blanks are trimmed as in every cell …
        ("53299900100", "乡镇", False),
        ("532999001001", "村民小组", False),
        ("532999001001", "省", False),  # … and the level must be one of the four
    ],
)
def test_area_codes_are_statistical_codes(code: str, level: str, ok: bool) -> None:
    assert (area_code_problem(code, level) is None) is ok


def test_an_area_sheet_with_a_malformed_code_is_refused(
    demo_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    book = load_workbook(demo_workbook)
    sheet = book["地区"]
    headers = [cell.value for cell in sheet[1]]
    row = [None] * len(headers)
    row[headers.index("代码")] = "+1+1"
    row[headers.index("名称")] = "加一村"
    row[headers.index("级别")] = "行政村"
    sheet.append(row)
    bad = tmp_path / "坏代码.xlsx"
    book.save(bad)
    db = tmp_path / "fupin.sqlite"
    code = main(["--db", str(db), "import", str(bad)])
    out = capsys.readouterr().out
    assert code == 2 and "12 位数字" in out and "+1+1" in out and "没有任何改动" in out, out
    main(["--db", str(db), "stats"])
    assert "户数：0" in capsys.readouterr().out
