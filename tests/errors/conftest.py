"""Real ``fupin`` processes against real SQLite files, small real disks (tmpfs) and read-only mounts."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

HOLDER = Path(__file__).with_name("hold_write.py")
DEMO_VILLAGE = "532999001001"


@dataclass
class Run:
    code: int
    out: str
    err: str


def fupin(db: Path | str, *args: str, env_dir: Path | None = None, timeout: float = 300) -> Run:
    """One real ``fupin --db DB ARGS`` process."""
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(env_dir),
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def popen_fupin(db: Path | str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(None),
    )


def _env(env_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if env_dir is not None:
        env["FUPIN_DATA_DIR"] = str(env_dir)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def assert_one_chinese_line(run: Run, code: int, *words: str) -> None:
    """Exit ``code``, one line ``错误：…`` naming the cause, no traceback, no Python type name."""
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert run.code == code, run.err
    assert len(lines) == 1 and lines[0].startswith("错误："), run.err
    assert "Traceback" not in run.err and "Error:" not in run.err and "Errno" not in run.err, run.err
    for word in words:
        assert word in lines[0], run.err


def dump(db: Path) -> list[str]:
    """Every table's rows, as SQL text: equal dumps mean an unchanged database."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database made by the real CLI once per session (copied by the tests that change it)."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.sqlite"
    run = fupin(db, "demo", "--households", "24", "--villages", "2", env_dir=folder)
    assert run.code == 0, run.err
    return db


@pytest.fixture(scope="session")
def demo_workbook(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database's exchange workbook: importing it into another database adds 24 households."""
    out = tmp_path_factory.mktemp("book") / "demo.xlsx"
    run = fupin(demo_db, "export", "--out", str(out), env_dir=demo_db.parent)
    assert run.code == 0, run.err
    return out


def copy_db(source: Path, target: Path) -> Path:
    con = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            con.backup(dst)
        finally:
            dst.close()
    finally:
        con.close()
    return target


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A real, small file system (tmpfs) at ``folder``; skipped loudly only where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    result = _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    if result.returncode != 0:
        message = (
            f"\n!!! full-disk / read-only tests SKIPPED: cannot mount a tmpfs ({result.stderr.strip()}); run as root\n"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        print(message, file=sys.stderr)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system of ``folder`` until only about ``leave`` bytes are free."""
    filler = folder / "filler.bin"
    with filler.open("ab", buffering=0) as handle:
        chunk = b"\0" * 4096
        try:
            while handle.write(chunk):
                pass
        except OSError:
            pass
    if leave:
        size = filler.stat().st_size
        os.truncate(filler, max(0, size - leave))


def remount_read_only(folder: Path) -> None:
    result = _mount("-o", "remount,ro", str(folder))
    assert result.returncode == 0, result.stderr


def remount_writable(folder: Path) -> None:
    result = _mount("-o", "remount,rw", str(folder))
    assert result.returncode == 0, result.stderr


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} - {"filler.bin"}


def copy_file(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target
