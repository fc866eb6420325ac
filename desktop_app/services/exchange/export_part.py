"""The export's second process: the procedure-event sheet written beside the other sheets (issue 19).

Writing the exchange workbook is Python work (every cell converted, every row's check hash) plus xlsxwriter's
own, one core's worth. The procedure-event sheet (识别程序记录) holds about half of a county workbook's XML;
on a machine with two or more cores a second process writes it, as a small package of its own, while this one
writes every other sheet and an empty stand-in of it; ``xlsx_join`` then swaps the stand-in for the second
process's sheet. The second process opens its own session on the same database (SQLite allows readers side by
side; PostgreSQL the same URL) and writes with the same formats in the same order (``export_sheet``).

It is this same Python (or the packaged program, ``--export-worker``) running ``worker_main``: it gets the job
on its standard input and answers on its standard output with the rows written so far (progress) and then
its row counts. It is only a helper: if it cannot start, fails or dies, this process writes the sheet itself
into the stand-in, so the workbook never depends on it. Closing its standard input (cancel, or this process
ending) makes it stop and remove its file.

Small exports (under ``MIN_ROWS`` rows, a village) stay in one process: starting the second costs about a
second. ``FUPIN_EXPORT_PROCESSES=1`` keeps every export in one process, ``always`` uses the second process
whatever the size (tests); ``FUPIN_EXPORT_MIN_ROWS`` changes the threshold. An encrypted database file or one
only in memory is written in one process (the second could not open it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlmodel import Session

from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange.export_sheet import (
    LINKED,
    WORKBOOK_OPTIONS,
    SheetWriter,
    code_list_ranges,
    formats,
    write_linked,
)
from desktop_app.services.exchange.helper_process import HelperProcess, Send, serve, worker_command
from desktop_app.storage.database import make_engine

log = logging.getLogger(__name__)

MIN_ROWS = 20_000  # rows of the four data sheets together below which one process writes everything
ENVIRONMENT = "FUPIN_EXPORT_PROCESSES"
ROWS_ENVIRONMENT = "FUPIN_EXPORT_MIN_ROWS"
WORKER_FLAG = "--export-worker"  # the packaged program's argument for worker_main (installers/fupin_main.py)
PART_TABLES = (C.EVENTS.table,)  # the sheets the second process writes
STOP_SECONDS = 30.0
SQLITE_PREFIX = "sqlite-read-only:"  # a SQLite file's path in Job.url


class _Stopped(Exception):
    """The first process closed the pipe: stop writing."""


@dataclass
class Job:
    """What the second process needs (all of it picklable)."""

    url: str
    villages: list[str] | None
    mask_ids: bool
    part_path: str
    tables: tuple[str, ...] = PART_TABLES


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)


def database_url(session: Session) -> str | None:
    """The URL a second process can open the session's database with, or None (in memory, encrypted); for a
    SQLite file, ``SQLITE_PREFIX`` and its path (see ``_engine``)."""
    engine = session.get_bind().engine
    url = engine.url
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        if not path or path == ":memory:" or path.startswith("file:") or url.query or not os.path.isfile(path):
            return None
        # An encrypted file's engine has SQLCipher's module (storage.cipher). The file itself is not opened
        # to look: closing any handle on it would drop this process's SQLite locks (POSIX), and the second
        # process, closing last, would then remove the WAL under this one's feet.
        if getattr(engine.dialect, "dbapi", None) not in (sqlite3, sqlite3.dbapi2):
            return None
        return SQLITE_PREFIX + str(Path(path).resolve())
    elif url.get_backend_name() != "postgresql":
        return None
    return url.render_as_string(hide_password=False)


def _min_rows() -> int:
    try:
        return int(os.environ[ROWS_ENVIRONMENT])
    except (KeyError, ValueError):
        return MIN_ROWS


def start(
    session: Session, villages: list[str] | None, rows: int, part_path: str, *, mask_ids: bool
) -> PartProcess | None:
    """A second process writing ``PART_TABLES`` into ``part_path``, or None when not worth it or not possible."""
    setting = os.environ.get(ENVIRONMENT, "").strip().lower()
    if setting in ("0", "1", "no", "off") or (os.cpu_count() or 1) < 2:
        return None
    if rows < _min_rows() and setting != "always":
        return None
    url = database_url(session)
    if url is None:
        return None
    try:
        return PartProcess(Job(url, villages, mask_ids, part_path))
    except Exception as exc:  # noqa: BLE001 - no second process here (a locked-down machine): written here
        log.warning("export worker not started: %s", type(exc).__name__)
        return None


class PartProcess(HelperProcess):
    """The sheets of ``Job.tables`` being written by a second process (helper_process: its progress is the
    rows written)."""

    def __init__(self, job: Job) -> None:
        super().__init__(
            job, worker_command(__name__, WORKER_FLAG), progress_kind="rows", leftover=job.part_path, name="export"
        )

    def rows_written(self) -> int:
        """Rows the second process has written so far (for the progress bar)."""
        return self.progress

    def wait(self, waiting: Callable[[], None]) -> Result | None:
        """The row counts, or None when the second process failed in any way (then write the sheets here).
        ``waiting`` is called about ten times a second meanwhile (progress; it may raise to cancel)."""
        kind, payload = self.result(waiting)
        if kind != "done" or not isinstance(payload, Result):
            log.warning("export worker: %s (%s); its sheets are written here", kind, payload)
            return None
        return payload


def _engine(url: str) -> Engine:
    """The second process's engine. A SQLite file is opened read-only: a connection that closes last checkpoints
    the write-ahead log and deletes it, and it would think itself the last whenever the first process has
    lost its POSIX locks on the file (they go when any handle on the file is closed in that process, e.g. a
    quick ``sqlite3.connect`` of a check); the first process's connection then reads a database whose log
    is gone ("database disk image is malformed", seen in a test). A read-only connection never checkpoints."""
    if not url.startswith(SQLITE_PREFIX):
        return make_engine(url)
    uri = Path(url[len(SQLITE_PREFIX) :]).as_uri() + "?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))


def write_part(job: Job, rows: Callable[[int], None], stopped: Callable[[], bool]) -> Result:
    """Write the job's sheets into a package of their own (after a first, empty sheet, which stays the
    active one there); ``rows(n)`` reports progress. Raises ``_Stopped`` when ``stopped()``."""
    import xlsxwriter  # type: ignore[import-untyped]  # xlsxwriter ships no type information

    engine = _engine(job.url)
    book = xlsxwriter.Workbook(job.part_path, WORKBOOK_OPTIONS)
    done = 0

    def step(n: int, _name: str) -> None:
        nonlocal done
        done += n
        if stopped():
            raise _Stopped
        rows(done)

    try:
        fmt = formats(book)
        lists = code_list_ranges()
        book.add_worksheet("_")
        result = Result()
        with Session(engine) as session:
            for table in job.tables:
                w = SheetWriter(book, LINKED[table][0], fmt, lists)
                write_linked(session, w, table, job.villages, step, mask_ids=job.mask_ids)
                result.counts[table] = w.finish()
        book.close()
        return result
    except BaseException:
        with contextlib.suppress(Exception):
            book.close()
        with contextlib.suppress(OSError):
            os.unlink(job.part_path)
        raise
    finally:
        engine.dispose()


def worker_main() -> None:
    """The second process: read the job from standard input, write, answer on standard output."""

    def run(job: Any, send: Send, stopped: Callable[[], bool]) -> None:
        try:
            result = write_part(job, lambda n: send("rows", n), stopped)
        except _Stopped:
            return
        except Exception as exc:  # noqa: BLE001 - told to the first process, which writes the sheets itself
            send("failed", f"{type(exc).__name__}: {exc}")
            return
        send("done", result)

    serve(run, "export")
