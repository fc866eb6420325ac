"""Broken and hostile files through the real ``fupin import``: never an abort, a traceback, an exit code other
than 0 or 2, a database change on a rejected file or a full resident ID in the output.

A few hundred cases from tests/exchange/fuzz_cases.py with a fixed seed (byte flips, truncations, mutated zip
entries, cells at XFD1048576, entity attacks, zip bombs, CSV in a dozen encodings and delimiters, damaged
.xls, renamed non-workbooks, FIFOs, sockets and links to devices), each imported by ``desktop_app.cli.main``
in this process (the file itself is read by the reader process); the dangerous ones also as a separate
``fupin import`` process. bench/bench_fuzz.py runs 10,000.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.exchange.conftest import export, make_demo, soffice_convert
from tests.exchange.fuzz_cases import ID, Case, generate
from tests.exchange.roster_data import roster_people, table, write_csv, write_xlsx

CASES = 200
SUBPROCESS_CASES = 5
COMMAND = "import sys; from desktop_app.cli import main; sys.exit(main())"  # what the `fupin` script runs


def dump(path: Path) -> str:
    """Every table's rows, as a hash: equal means the database did not change."""
    connection = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fuzz-base")
    db = make_demo(folder / "demo.sqlite", households=6)
    files = {"exchange": export(db, folder / "exchange.xlsx"), "db": folder / "demo.sqlite"}
    grid = table(roster_people(db, households=4), "standard")
    db.close()
    files["roster"] = write_xlsx(grid, folder / "roster.xlsx")
    files["csv"] = write_csv(grid, folder / "roster.csv", "utf-8")
    files["xls"] = soffice_convert(files["roster"], "xls", folder / "xls")
    return files


def run_cli(db: Path, case: Case) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--db", str(db), "import", str(case.path)])
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue() + err.getvalue()


def check(case: Case, code: int, output: str, before: str, after: str) -> None:
    assert code in (0, 2), f"{case.name}: exit {code}: {output[-500:]}"
    assert "Traceback" not in output, f"{case.name}: {output[-2000:]}"
    assert not ID.search(output), f"{case.name}: a full ID in the output"
    if code == 2:
        assert after == before, f"{case.name}: rejected, yet the database changed"
    lines = [line for line in output.splitlines() if line.startswith("错误：")]
    assert len(lines) <= 1 and all(len(line) < 400 for line in lines), f"{case.name}: {output[-800:]}"


def test_hostile_files_never_crash_the_import(tmp_path: Path, bases: dict[str, Path]) -> None:
    started = time.monotonic()
    db = tmp_path / "target.sqlite"
    shutil.copy(bases["db"], db)
    before = dump(db)
    outcomes: Counter[str] = Counter()
    dangerous: list[Case] = []
    for case in generate(bases, tmp_path / "cases", CASES):
        code, output = run_cli(db, case)
        after = dump(db)
        check(case, code, output, before, after)
        outcomes["imported" if code == 0 else "rejected"] += 1
        if code == 0 and after != before:
            shutil.copy(bases["db"], db)  # imported: back to the same database for the next case
        if case.dangerous and len(dangerous) < SUBPROCESS_CASES:
            dangerous.append(case)
    assert outcomes["rejected"] > CASES // 2
    for case in dangerous:  # the real command line, as its own process
        result = subprocess.run(
            [sys.executable, "-c", COMMAND, "--db", str(db), "import", str(case.path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        check(case, result.returncode, result.stdout + result.stderr, before, dump(db))
        if result.returncode == 0:
            shutil.copy(bases["db"], db)
    print(f"{CASES} cases, {dict(outcomes)}, {time.monotonic() - started:.1f} s")


def test_a_reader_that_dies_is_one_chinese_line_and_nothing_is_written(
    tmp_path: Path, bases: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memory limit of the reader process taken down to what it cannot even start with: the import says
    so in one line, exit 2, and the database is as it was."""
    db = tmp_path / "target.sqlite"
    shutil.copy(bases["db"], db)
    before = dump(db)
    monkeypatch.setenv("FUPIN_READER_MEMORY_MB", "64")
    code, output = run_cli(db, Case("tiny-memory", bases["exchange"]))
    assert code == 2
    assert "读取程序异常中止" in output and "未导入任何数据" in output
    assert dump(db) == before
    monkeypatch.setenv("FUPIN_READER_MEMORY_MB", "3072")
    monkeypatch.setenv("FUPIN_READER_SECONDS", "0.01")
    code, output = run_cli(db, Case("no-time", bases["exchange"]))
    assert code == 2 and "秒仍未读完" in output
    assert dump(db) == before
