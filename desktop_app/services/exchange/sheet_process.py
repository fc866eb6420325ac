"""The largest sheet of a county workbook read and checked by a second process, beside the other sheets.

Reading a county workbook is mostly Python work (every cell checked, every row's check hash, the spill) with
calamine in one helper thread: one process keeps about one core busy. The procedure-event sheet alone holds
62% of a county file's rows. On a machine with two or more cores it is read by a second process while this
one reads the other sheets; the two take about as long, so reading takes about half the time.

The second process is this same Python (or the packaged program, ``--sheet-worker``) running
``sheet_worker.worker_main``. It receives the job on its standard input, runs the very same function on the sheet
(``workbook_in.parse_elsewhere``), writes the rows to a named spill file that this process adopts
(``RowSpill.adopt``) and sends back, on its standard output, how far it has read (for the progress bar)
and then its problems, fields present and facts. It is only a helper: if it cannot be started, dies, is
killed or sends no result, this process reads the sheet itself, so the result never depends on it (a
problem of the file itself is found again here and reported as usual). Closing its standard input (cancel,
or this process ending in any way) makes it stop and remove its temporary files.

``FUPIN_IMPORT_PROCESSES=1`` keeps everything in one process (``always`` uses a second process for any
workbook read in pieces, whatever its size: for tests and the installers' smoke test);
``FUPIN_IMPORT_MIN_SHEET_MB`` changes the size from which it is used and ``FUPIN_IMPORT_WORKER_SHEET``
(a sheet name or table) makes it read that sheet instead of the largest. The outcome carries the sheet's
household and member facts too: the 户 or 成员 sheet read there is checked and linked exactly as here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.services.exchange.helper_process import HelperProcess, worker_command

log = logging.getLogger(__name__)

MIN_SHEET_BYTES = 64 << 20  # sheet XML: smaller sheets are read here (starting the process costs ~1 s)
ENVIRONMENT = "FUPIN_IMPORT_PROCESSES"
SHEET_ENVIRONMENT = "FUPIN_IMPORT_WORKER_SHEET"  # the sheet (name or table) the second process reads
SIZE_ENVIRONMENT = "FUPIN_IMPORT_MIN_SHEET_MB"  # the sheet XML size from which it is used (default 64)
WORKER_FLAG = "--sheet-worker"  # the packaged program's argument for worker_main (installers/fupin_main.py)
WORKER_MODULE = "desktop_app.services.exchange.sheet_worker"  # runs the sheet in the second process


@dataclass
class Job:
    """What the second process needs (all of it picklable)."""

    path: str
    entries: dict[str, str]  # every sheet's zip entry (the pieces stand in empty sheets for the others)
    sheet: Any  # reader.SheetData of the sheet, with the safety scan's marks
    table: str
    spill_path: str
    tempdir: str


@dataclass
class Outcome:
    """What parsing the sheet here would have left in the report and the parsed workbook."""

    problems: list[Any]
    present: set[str]
    children: set[str]
    index: dict[str, int]
    count: int
    facts: Any = None  # workbook_in.Facts of the sheet: household and member facts (checks, links, sizes)


class SheetProcess(HelperProcess):
    """A sheet being read by a second process (helper_process: its progress is the sheet XML bytes read)."""

    def __init__(self, job: Job) -> None:
        super().__init__(job, _worker_command(), progress_kind="read", leftover=job.spill_path, name="sheet")

    def bytes_read(self) -> int:
        """Sheet XML bytes the second process has read so far."""
        return self.progress

    def wait(self, waiting: Callable[[], None]) -> Outcome | None:
        """The second process's outcome, or None when it failed in any way. ``waiting`` is called about ten
        times a second meanwhile (progress; it may raise to cancel)."""
        kind, payload = self.result(waiting)
        if kind != "done" or not isinstance(payload, Outcome):
            log.warning("sheet worker: %s (%s); the sheet is read here", kind, payload)
            return None
        return payload


def _min_sheet_bytes() -> int:
    try:
        return int(float(os.environ[SIZE_ENVIRONMENT]) * (1 << 20))
    except (KeyError, ValueError):
        return MIN_SHEET_BYTES


def _worker_command() -> list[str]:
    return worker_command(WORKER_MODULE, WORKER_FLAG)


def start(book: Any, tables: dict[str, str]) -> SheetProcess | None:
    """A second process reading the largest of ``tables`` (sheet name → table) of an .xlsx read in pieces,
    or None when that is not worth it or not possible here."""
    setting = os.environ.get(ENVIRONMENT, "").strip().lower()
    if setting in ("0", "1", "no", "off") or (os.cpu_count() or 1) < 2 or not book.entries:
        return None
    try:
        with zipfile.ZipFile(book.path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (OSError, zipfile.BadZipFile):
        return None
    candidates = [(sizes.get(book.entries[name], 0), name) for name in tables if name in book.entries]
    chosen = os.environ.get(SHEET_ENVIRONMENT, "").strip()  # tests: every sheet through the second process
    if chosen:
        candidates = [(size, name) for size, name in candidates if chosen in (name, tables[name])]
    if not candidates:
        return None
    size, name = max(candidates)
    sheet = book.find(name)
    if sheet is None or (size < _min_sheet_bytes() and setting != "always"):
        return None
    fd, spill_path = tempfile.mkstemp(prefix="fupin-import-", suffix=".spill")
    os.close(fd)
    job = Job(str(book.path), dict(book.entries), sheet, tables[name], spill_path, tempfile.gettempdir())
    try:
        return SheetProcess(job)
    except Exception as exc:  # noqa: BLE001 - no second process here (a locked-down machine): read it here
        log.warning("sheet worker not started: %s", type(exc).__name__)
        with contextlib.suppress(OSError):
            os.unlink(spill_path)
        return None
