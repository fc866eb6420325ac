"""The largest sheet of a workbook read by a second process (sheet_process): the same report and the same data
as reading it here; a worker that fails in any way changes nothing but the time; cancel stops it and leaves no
temporary file behind."""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import text

from desktop_app.services import Cancelled, open_database
from desktop_app.services.exchange import reader_process, sheet_process, workbook_in
from desktop_app.services.exchange.importer import apply_plan, read_file
from desktop_app.services.exchange.reader import read_book
from desktop_app.services.exchange.spill import RowSpill
from tests.exchange.conftest import export, make_demo

EVENTS = "识别程序记录"


def _column(sheet: Any, header: str) -> int:
    return [c.value for c in sheet[1]].index(header) + 1


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A demo export, and a copy with mistakes in the event sheet (read by the worker) and the member sheet."""
    folder = tmp_path_factory.mktemp("sheet-process")
    demo = make_demo(folder / "demo.sqlite", households=30)
    good = export(demo, folder / "good.xlsx")
    demo.close()
    book = openpyxl.load_workbook(good)
    events, members = book[EVENTS], book["成员"]
    events.cell(row=3, column=_column(events, "日期")).value = None  # a required date left blank
    events.cell(row=5, column=_column(events, "户编号")).value = "5329990019999"  # no such household
    events.cell(row=7, column=_column(events, "日期")).value = "=TODAY()"  # a formula
    events.row_dimensions[9].hidden = True  # a hidden row with data
    members.cell(row=4, column=_column(members, "证件号码")).value = "53299919800101123"  # 17 digits
    cadres = book["帮扶干部"]  # a sheet after the event sheet: its problems come after the worker's
    cadres.cell(row=2, column=_column(cadres, "姓名")).value = None
    bad = folder / "bad.xlsx"
    book.save(bad)
    book = openpyxl.load_workbook(good)
    households = book["户"]
    households.cell(row=3, column=_column(households, "家庭人口数")).value = 9  # size against the member rows
    households.cell(row=4, column=_column(households, "村民小组")).value = "第九十九组"  # no such group
    households.cell(row=5, column=_column(households, "行政村代码")).value = "532999999999"  # no such village
    households_bad = folder / "households-bad.xlsx"
    book.save(households_bad)
    return {"good": good, "bad": bad, "households-bad": households_bad}


class Watch:
    """The second processes started during a test and what they answered (observed, not replaced)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started: list[sheet_process.SheetProcess] = []
        self.outcomes: list[Any] = []
        start, wait = sheet_process.start, sheet_process.SheetProcess.wait

        def watched_start(*args: Any) -> Any:
            helper = start(*args)
            if helper is not None:
                self.started.append(helper)
            return helper

        def watched_wait(helper: Any, waiting: Any) -> Any:
            outcome = wait(helper, waiting)
            self.outcomes.append(outcome)
            return outcome

        monkeypatch.setenv(reader_process.ENVIRONMENT, "0")  # observed here: the read stays in this process
        monkeypatch.setattr(sheet_process, "start", watched_start)
        monkeypatch.setattr(sheet_process.SheetProcess, "wait", watched_wait)


def _problems(plan: Any) -> list[tuple[Any, ...]]:
    return [(p.sheet, p.row, p.column, p.value, p.message, p.household) for p in plan.report.problems]


def _import(tmp_path: Path, workbook: Path, name: str, progress: Any = None) -> tuple[list[Any], dict[str, Any]]:
    """The problems of reading ``workbook`` into an empty database and, when it has none, what it wrote."""
    db = open_database(tmp_path / f"{name}.sqlite", device_id="county")
    try:
        with db.transaction() as session:
            plan = read_file(session, workbook, progress=progress)
            if plan.ok:
                apply_plan(session, plan)
        data = {}
        with db.session() as session:
            for table in ("household", "member", "measure", "procedure_event"):
                rows = session.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings().all()
                data[table] = [{k: v for k, v in row.items() if not k.endswith("_at")} for row in rows]
        return _problems(plan), data
    finally:
        db.close()


def test_the_second_process_gives_the_same_report_and_the_same_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbooks: dict[str, Path]
) -> None:
    watch = Watch(monkeypatch)
    monkeypatch.setenv(sheet_process.ENVIRONMENT, "1")
    here_bad, _ = _import(tmp_path, workbooks["bad"], "here-bad")
    here_good, here_data = _import(tmp_path, workbooks["good"], "here-good")
    assert watch.started == []
    monkeypatch.setenv(sheet_process.ENVIRONMENT, "always")
    there_bad, _ = _import(tmp_path, workbooks["bad"], "there-bad")
    there_good, there_data = _import(tmp_path, workbooks["good"], "there-good")
    assert [h.job.sheet.name for h in watch.started] == [EVENTS, EVENTS]
    assert all(outcome is not None for outcome in watch.outcomes)  # the worker answered both times

    assert there_bad == here_bad  # the same problems, in the same order
    messages = {(sheet, row, column): message for sheet, row, column, _v, message, _h in there_bad}
    assert "必填项“日期”为空" in messages[(EVENTS, 3, "日期")]
    assert "公式" in messages[(EVENTS, 7, "日期")]
    assert any(sheet == EVENTS and row == 9 and "隐藏" in message for sheet, row, _c, _v, message, _h in there_bad)
    assert any(sheet == EVENTS and row == 5 for sheet, row, *_rest in there_bad)  # the unknown household
    assert ("成员", 4, "证件号码") in messages
    sheets = [sheet for sheet, *_rest in there_bad]
    assert sheets.index("成员") < sheets.index(EVENTS) < sheets.index("帮扶干部")
    assert here_good == there_good == []
    assert len(there_data["procedure_event"]) > 100
    assert there_data == here_data


@pytest.mark.parametrize("sheet", ["户", "成员", "帮扶措施", EVENTS])
def test_every_sheet_read_by_the_second_process_gives_the_same_report_and_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbooks: dict[str, Path], sheet: str
) -> None:
    """Run as the app does (the reader process, which starts the sheet worker): the 户 sheet read there keeps
    its villages, groups, cadres and sizes; the 成员 sheet its members per household."""
    monkeypatch.setenv(sheet_process.ENVIRONMENT, "1")
    expected = {name: _import(tmp_path, path, f"here-{name}") for name, path in workbooks.items()}
    monkeypatch.setenv(sheet_process.ENVIRONMENT, "always")
    monkeypatch.setenv(sheet_process.SHEET_ENVIRONMENT, sheet)
    for name, path in workbooks.items():
        problems, data = _import(tmp_path, path, f"there-{name}")
        assert (problems, data) == expected[name], name
    problems = {(p[0], p[1], p[2]): p[4] for p in expected["households-bad"][0]}
    assert "家庭人口数为 9" in problems[("户", 3, "家庭人口数")]
    assert problems[("户", 4, "村民小组")] == "该行政村下没有这个村民小组"
    assert problems[("户", 5, "行政村代码")] == "行政村代码不存在"
    good = expected["good"][1]
    assert all(row["group_id"] for row in good["household"])  # the groups were linked, not cleared
    assert len(good["member"]) > 60


def test_the_worker_is_used_for_a_chosen_sheet_and_a_size_threshold(
    monkeypatch: pytest.MonkeyPatch, workbooks: dict[str, Path]
) -> None:
    book = read_book(workbooks["good"])
    tables = {"户": "household", "成员": "member", EVENTS: "procedure_event"}
    try:
        monkeypatch.setenv(sheet_process.ENVIRONMENT, "")
        monkeypatch.setenv(sheet_process.SIZE_ENVIRONMENT, "100")
        assert sheet_process.start(book, tables) is None  # far below 100 MB
        monkeypatch.setenv(sheet_process.SIZE_ENVIRONMENT, "0")
        monkeypatch.setenv(sheet_process.SHEET_ENVIRONMENT, "member")
        helper = sheet_process.start(book, tables)
        assert helper is not None and helper.job.sheet.name == "成员"
        helper.close()
    finally:
        book.close()


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-c", "import sys; sys.exit(3)"],  # dies at once
        [sys.executable, "-c", "print('hello'); import time; time.sleep(0.5)"],  # answers garbage
        [sys.executable, "-c", "import sys, pickle; sys.stdout.buffer.write(pickle.dumps(('done', 42)))"],
        ["/nonexistent/fupin-worker"],  # cannot be started at all
    ],
    ids=["dies", "garbage", "wrong-answer", "missing"],
)
def test_a_failing_worker_leaves_the_sheet_to_this_process(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    workbooks: dict[str, Path],
    command: list[str],
) -> None:
    monkeypatch.setenv(sheet_process.ENVIRONMENT, "1")
    expected, expected_data = _import(tmp_path, workbooks["good"], "here")
    expected_bad, _ = _import(tmp_path, workbooks["bad"], "here-bad")
    monkeypatch.setenv(sheet_process.ENVIRONMENT, "always")
    monkeypatch.setenv(reader_process.ENVIRONMENT, "0")  # the patched command is used in this process
    monkeypatch.setattr(sheet_process, "_worker_command", lambda: command)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with caplog.at_level(logging.WARNING, logger=sheet_process.__name__):
        problems, data = _import(tmp_path, workbooks["good"], "there")
        bad, _ = _import(tmp_path, workbooks["bad"], "there-bad")
    assert "sheet worker" in caplog.text  # the failure is logged (it never reaches the person importing)
    assert (problems, data) == (expected, expected_data)
    assert bad == expected_bad
    assert list(scratch.iterdir()) == []


def test_cancel_while_the_worker_reads_stops_it_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbooks: dict[str, Path]
) -> None:
    watch = Watch(monkeypatch)
    monkeypatch.setenv(sheet_process.ENVIRONMENT, "always")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    texts: list[str] = []

    def progress(_done: int, _total: int, message: str) -> bool:
        texts.append(message)
        return EVENTS not in message  # cancel once this process waits for the worker's sheet

    with pytest.raises(Cancelled):
        _import(tmp_path, workbooks["good"], "cancelled", progress)
    assert any(EVENTS in t for t in texts)
    [helper] = watch.started
    assert helper._process.poll() == 0  # it stopped by itself (a killed worker would show a signal)
    assert list(scratch.iterdir()) == []
    db = open_database(tmp_path / "cancelled.sqlite")
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM procedure_event")).scalar_one() == 0
    db.close()


def test_a_worker_told_to_stop_removes_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbooks: dict[str, Path]
) -> None:
    """The worker's own function, run here: asked to stop at its first progress report, it answers "failed"
    and removes the spill and piece files it had written."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(workbook_in, "ROWS_PER_TICK", 50)
    book = read_book(workbooks["good"])
    spill_path = scratch / "worker.spill"
    spill_path.touch()
    job = sheet_process.Job(str(book.path), book.entries, book.find(EVENTS), "procedure_event", str(spill_path),
                            str(scratch))  # fmt: skip
    book.close()
    reads: list[int] = []
    try:
        answer = workbook_in.parse_elsewhere(job, reads.append, lambda: True)
    finally:
        monkeypatch.setattr(tempfile, "tempdir", None)
    assert answer == ("failed", "ExchangeCancelled")
    assert reads and reads[0] > 0  # it had started reading
    assert list(scratch.iterdir()) == []


def test_a_spill_written_by_one_process_is_adopted_by_another(tmp_path: Path) -> None:
    path = tmp_path / "rows.spill"
    written = RowSpill({"a": 0}, str(path))
    rows = [(n, f"户{n % 7}", n % 2 == 0, False, [n, "张三"]) for n in range(12_345)]
    for row in rows:
        written.append(row)
    written.finish()
    adopted = RowSpill.adopt(str(path), {"a": 0}, len(rows))
    if sys.platform != "win32":
        assert not path.exists()  # the name is gone at once: nothing left behind after a crash
    assert len(adopted) == len(rows)
    assert [row for batch in adopted.batches() for row in batch] == rows
    assert [row for batch in adopted.batches() for row in batch] == rows  # read twice (preview, then apply)
    adopted.close()
    assert not path.exists()
