"""The reader process and the reader's own refusals: each hostile input is one Chinese line, nothing more."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from desktop_app.services import open_database
from desktop_app.services.exchange import reader_process
from desktop_app.services.exchange.errors import ExchangeError
from desktop_app.services.exchange.importer import read_file
from desktop_app.services.exchange.validation import shown_value
from tests.exchange.fuzz_cases import _patch_version


def _read(tmp_path: Path, path: Path) -> ExchangeError:
    db = open_database(tmp_path / "target.sqlite")
    try:
        with pytest.raises(ExchangeError) as caught, db.session() as session:
            read_file(session, path)
    finally:
        db.close()
    return caught.value


def _with_sheet_xml(source: Path, out: Path, change: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", change + b"</sheetData>", 1)
            new.writestr(info.filename, data)
    return out


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        (b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "远大于其中的数据"),
        (b'<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>', "超出 Excel 上限"),
        (b'<row r="1048576"><c r="AN1048576"><v>1</v></c></row>', "远大于其中的数据"),
    ],
    ids=["XFD1048576", "A99999999999", "AN1048576"],
)
def test_a_far_cell_is_refused_before_any_dense_read(tmp_path: Path, demo_xlsx: Path, cell: bytes, words: str) -> None:
    error = _read(tmp_path, _with_sheet_xml(demo_xlsx, tmp_path / "far.xlsx", cell))
    assert words in str(error) and "\n" not in str(error)


def test_reader_errors_are_one_chinese_line(tmp_path: Path, demo_xlsx: Path) -> None:
    versioned = tmp_path / "version.xlsx"
    versioned.write_bytes(_patch_version(demo_xlsx.read_bytes()))
    assert "已损坏或使用了不受支持的压缩方式" in str(_read(tmp_path, versioned))
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(b"\xef\xbb\xbf" + "姓名,证件号码\n张三,1\n".encode() + "李四,2\n".encode("gbk"))
    message = str(_read(tmp_path, mixed))
    assert "编码混杂" in message and "第 3 行" in message
    long = tmp_path / "long.csv"
    long.write_text("姓名,证件号码\n张三," + "1" * 140_000 + "\n", encoding="utf-8")
    assert "引号不配对" in str(_read(tmp_path, long))


def test_special_files_are_refused_before_opening(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # opening it would block forever
    assert "不是普通文件" in str(_read(tmp_path, fifo))
    link = tmp_path / "zero.xlsx"
    link.symlink_to("/dev/zero")
    assert "不是普通文件" in str(_read(tmp_path, link))
    assert "是文件夹" in str(_read(tmp_path, tmp_path))


def test_a_value_that_swallowed_the_file_is_summarised_and_ids_are_masked() -> None:
    swallowed = "\n".join(f"王{n},53299919800101{n:04d},13800001234,高血压" for n in range(102))
    shown = shown_value(swallowed)
    assert shown.startswith("一个单元格中有") and "102 行" in shown and "引号不配对" in shown
    assert shown_value("张三 532999198001011234 13800001234") == "张三 532999********1234 138****1234"
    assert len(shown_value("很长" * 100)) <= 41


def test_work_folders_of_dead_processes_are_removed_by_the_next_import(
    tmp_path: Path, demo_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = scratch / f"{reader_process.FOLDER_PREFIX}{gone.pid}-abc"
    stale.mkdir()
    (stale / "fupin-piece-x.xlsx").write_bytes(b"x" * 1000)
    mine = scratch / f"{reader_process.FOLDER_PREFIX}{os.getppid()}-def"  # a live process's folder stays
    mine.mkdir()
    db = open_database(tmp_path / "target.sqlite")
    try:
        with db.session() as session:
            assert read_file(session, demo_xlsx).ok
    finally:
        db.close()
    assert sorted(p.name for p in scratch.iterdir()) == [mine.name]  # and the read's own folder is gone


def test_after_a_large_file_the_answer_comes_through_a_file_once_the_reader_has_ended(
    tmp_path: Path, demo_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A county workbook's answer (every household's and member's facts) is never in two processes at once:
    the reader process writes it to its work folder and ends, and this process reads it then."""
    db = open_database(tmp_path / "target.sqlite")
    try:
        with db.session() as session:
            through_pipe = read_file(session, demo_xlsx)
        monkeypatch.setattr(reader_process, "KEEP_AFTER_BYTES", 0)  # the demo workbook counts as large
        ended: list[int | None] = []  # how the reader process stood when this process let it go
        stop = reader_process._Worker.stop
        monkeypatch.setattr(
            reader_process._Worker, "stop", lambda self: (ended.append(self.process.poll()), stop(self))
        )
        scratch = tmp_path / "scratch"
        scratch.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(scratch))
        with db.session() as session:
            through_file = read_file(session, demo_xlsx)
    finally:
        db.close()
    assert through_file.ok and through_file.household_count() == through_pipe.household_count() > 0
    assert through_file.parsed is not None and through_pipe.parsed is not None
    assert through_file.parsed.facts.member_ids == through_pipe.parsed.facts.member_ids
    assert reader_process._worker is None and ended == [0]  # it had ended by itself, before its answer was read
    assert list(scratch.iterdir()) == []  # its work folder, answer file included, is gone
