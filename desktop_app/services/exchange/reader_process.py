"""Every imported file is read by a separate reader process, so that no file can take the app or the CLI down.

The readers run native code on untrusted bytes: python-calamine allocates a sheet's whole dense range (one
cell at ``XFD1048576`` asks for 512 GB and Rust aborts the process), a damaged ``.xls`` can grow without
bound, and a CSV of a million rows takes minutes. Here the whole read — safety scan, calamine, the checks of
every row, the spill of the parsed rows, and the second sheet process of a county workbook — happens in a
child process with a memory limit (``RLIMIT_AS`` on Linux and macOS, a watchdog on the working set on
Windows) and a wall-time limit. What comes back is the parsed workbook (rows of the small sheets, the facts
the cross-sheet checks need, the problems) and the spill files, which this process adopts. Whatever
happens to the child — killed, out of memory, timed out, an exception, garbage on its pipe — becomes one
Chinese ``ExchangeError`` and nothing is written.

The child stays running between files (starting Python with the readers costs about a second) and is
started again after a failure, after a large file (its memory goes back to the system) and when the
environment settings it was started with change. Its temporary files (pieces, spills) go into one folder
per job, ``fupin-work-<pid>-…`` in the temporary folder, removed when the job ends; folders whose owner
process is gone (a kill -9) are removed at the next import.

``FUPIN_READER_PROCESS=0`` reads in this process instead (tests that patch the readers' internals);
``FUPIN_READER_MEMORY_MB`` and ``FUPIN_READER_SECONDS`` change the limits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desktop_app.services.exchange import reader_limits
from desktop_app.services.exchange.errors import Cancelled, ExchangeCancelled, ExchangeError, Reporter, tick
from desktop_app.services.exchange.helper_process import worker_command

log = logging.getLogger(__name__)

ENVIRONMENT = "FUPIN_READER_PROCESS"
MEMORY_ENV = "FUPIN_READER_MEMORY_MB"
SECONDS_ENV = "FUPIN_READER_SECONDS"
WORKER_FLAG = "--reader-worker"  # the packaged program's argument for worker_main (installers/fupin_main.py)
DEFAULT_MEMORY_MB = 3072  # address space per reader process (a county workbook's read peaks near 800 MB)
BASE_SECONDS = 120.0  # wall time for any file, plus SECONDS_PER_MB of its size
SECONDS_PER_MB = 10.0
KEEP_AFTER_BYTES = 20 << 20  # a worker that read a larger file ends after it (its memory goes back)
FOLDER_PREFIX = "fupin-work-"
# the settings a running worker was started with: a change starts a new one
_SETTINGS = ("FUPIN_IMPORT_PROCESSES", "FUPIN_IMPORT_WORKER_SHEET", "FUPIN_IMPORT_MIN_SHEET_MB", MEMORY_ENV)


def isolated() -> bool:
    return os.environ.get(ENVIRONMENT, "").strip().lower() not in ("0", "no", "off")


def memory_limit() -> int:
    try:
        mb = int(os.environ.get(MEMORY_ENV, "") or DEFAULT_MEMORY_MB)
    except ValueError:
        mb = DEFAULT_MEMORY_MB
    return max(64, mb) << 20


def time_limit(size: int) -> float:
    try:
        return float(os.environ[SECONDS_ENV])
    except (KeyError, ValueError):
        return BASE_SECONDS + SECONDS_PER_MB * size / 1e6


# --- work folders -----------------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]  # windll: Windows only
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def clean_stale(base: str | None = None) -> int:
    """Remove the work folders of processes that are gone (killed during a read); returns how many."""
    base = base or tempfile.gettempdir()
    removed = 0
    try:
        names = os.listdir(base)
    except OSError:
        return 0
    for name in names:
        if not name.startswith(FOLDER_PREFIX):
            continue
        try:
            pid = int(name[len(FOLDER_PREFIX) :].split("-", 1)[0])
        except ValueError:
            continue
        if _alive(pid):
            continue
        shutil.rmtree(os.path.join(base, name), ignore_errors=True)
        removed += 1
    return removed


def new_folder() -> str:
    """A fresh work folder of this process for one read (pieces, spills)."""
    return tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")


def remove_folder(folder: str) -> None:
    """The job's folder; files still open (adopted spills on Windows) stay until the next clean."""
    shutil.rmtree(folder, ignore_errors=True)


# --- the job and its answer ---------------------------------------------------------------------------------


@dataclass
class Job:
    kind: str  # "file": read and parse a whole file; "sheet": load one sheet's rows (report workbook, rosters)
    path: str
    folder: str
    sheet: str = ""
    columns: tuple[int, ...] | None = None  # "sheet": only these columns of each row, in this order
    head: int = 0  # "sheet": only the first rows (0: all)
    seconds: float = 0.0  # CPU seconds this job may use (the child's own bound, should this process vanish)
    last: bool = False  # the reader process ends after this job: its answer goes through a file (see run)


class _Ended(ExchangeError):
    """The reader process failed (not the file's refusal): it is not used again."""


def _broken(path: Path, why: str) -> ExchangeError:
    return _Ended(
        f"读取 {path.name} 时读取程序异常中止（{why}）：文件可能已损坏、过大或含有异常的单元格范围，"
        "未导入任何数据。请在 Excel 中打开检查，另存为新的 .xlsx 后再试。",
        f"the reader process failed: {why}",
        code="broken",
    )


class _Worker:
    """One reader process and the thread that reads its answers."""

    def __init__(self) -> None:
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        env = dict(os.environ)
        env["FUPIN_READER_LIMIT"] = str(memory_limit())
        env.pop(ENVIRONMENT, None)
        self.settings = tuple(os.environ.get(name) for name in _SETTINGS)
        self.process = subprocess.Popen(
            _worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a Rust abort message must not reach the person at the keyboard
            creationflags=flags,
            env=env,
        )
        self.messages: queue.Queue[tuple[Any, ...]] = queue.Queue()
        assert self.process.stdout is not None
        threading.Thread(target=self._listen, args=(self.process.stdout,), name="fupin-reader", daemon=True).start()

    def _listen(self, stream: IO[bytes]) -> None:
        try:
            while True:
                message = pickle.load(stream)
                if not isinstance(message, tuple) or not message:
                    raise ValueError("not a message")
                self.messages.put(message)
        except Exception as exc:  # noqa: BLE001 - the worker ended (crash, kill, garbage)
            self.messages.put(("died", type(exc).__name__))

    def send(self, job: Job) -> None:
        assert self.process.stdin is not None
        pickle.dump(job, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(10)
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()

    def how_it_ended(self) -> str:
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            return "无响应"
        if code in (-9, 137) or code == -24:
            return "内存或时间超出上限，已被终止"
        if code in (-6, 134, 3221226505, -1073740791):
            return "内存不足"
        return f"退出代码 {code}"


_lock = threading.Lock()
_worker: _Worker | None = None


def run(job: Job, progress: Reporter | None = None) -> Any:
    """Run ``job`` in the reader process; its answer, or ExchangeError / ExchangeCancelled."""
    global _worker
    path = Path(job.path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    limit = time_limit(size)
    job.seconds = limit
    # After a large file the reader process ends (its memory goes back to the system). Its answer (the facts
    # of every household and member of a county) then goes through a file in the job's folder, read here
    # once the reader process has ended: the two copies of it are never in memory at the same time.
    job.last = size > KEEP_AFTER_BYTES
    with _lock:
        worker = _worker
        _worker = None
        if worker is not None and (
            worker.process.poll() is not None or worker.settings != tuple(os.environ.get(n) for n in _SETTINGS)
        ):
            worker.stop()
            worker = None
        try:
            if worker is None:
                worker = _Worker()
            worker.send(job)
        except OSError as exc:
            if worker is not None:
                worker.stop()
            raise ExchangeError(
                f"无法启动读取程序（{exc.strerror or exc}），未导入任何数据。", "cannot start the reader process"
            ) from exc
        keep = False
        try:
            answer = _wait(worker, path, limit, progress)
            keep = size <= KEEP_AFTER_BYTES
            return answer
        except ExchangeError as exc:
            keep = size <= KEEP_AFTER_BYTES and not isinstance(exc, _Ended)  # a refusal: the worker is fine
            raise
        finally:
            if keep:
                _worker = worker
            else:
                worker.stop()


def _wait(worker: _Worker, path: Path, limit: float, progress: Reporter | None) -> Any:
    deadline = time.monotonic() + limit
    memory = memory_limit()
    while True:
        try:
            message = worker.messages.get(timeout=0.1)
        except queue.Empty:
            if time.monotonic() > deadline:
                raise _broken(path, f"超过 {int(limit)} 秒仍未读完") from None
            if sys.platform == "win32" and reader_limits.working_set(worker.process.pid) > memory:
                raise _broken(path, f"内存超过 {memory >> 20} MB") from None
            continue
        kind = message[0]
        if kind == "progress":
            _, done, total, text = message
            tick(progress, done, total, text)
        elif kind == "done":
            return message[1]
        elif kind == "done-file":
            return _answer_file(worker, path, message[1])
        elif kind == "error":
            _, code, zh, en = message
            raise ExchangeError(zh, en, code=code)
        elif kind == "cancelled":
            raise ExchangeCancelled()
        elif kind == "failed":
            log.warning("reader process: %s", message[1])
            raise _broken(path, "读取时出错")
        else:  # died
            raise _broken(path, worker.how_it_ended())


def _answer_file(worker: _Worker, path: Path, name: Any) -> Any:
    """The answer the reader process left in a file of the job's folder, read once that process has ended."""
    try:
        worker.process.wait(30)
    except subprocess.TimeoutExpired:
        worker.stop()
    try:
        with open(str(name), "rb") as handle:
            return pickle.load(handle)
    except Exception as exc:  # noqa: BLE001 - a missing or damaged answer is the reader's failure
        raise _broken(path, "应答无效") from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(str(name))


def _worker_command() -> list[str]:
    return worker_command(__name__, WORKER_FLAG)


# --- the reader process ---------------------------------------------------------------------------------------


def _load_readers() -> None:
    """The reading code loaded before the address-space limit: the limit bounds reading a file, and an import
    failing under it would be taken for a missing module (defusedxml) instead of a file too large."""
    import python_calamine  # noqa: F401

    from desktop_app.services.exchange import reader, safety, spill, workbook_in  # noqa: F401

    with contextlib.suppress(ImportError):
        import defusedxml.ElementTree  # type: ignore[import-untyped]  # noqa: F401  # no type information shipped

    with contextlib.suppress(ExchangeError):  # missing: each job says so
        safety.require_defusedxml()


def worker_main() -> None:
    """The reader process: jobs from standard input, answers (pickled tuples) on standard output."""
    if sys.platform == "win32":
        import msvcrt

        for fd in (0, 1):
            msvcrt.setmode(fd, os.O_BINARY)
    out = os.fdopen(os.dup(1), "wb")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # stray prints go nowhere instead of garbling the answers
    os.close(quiet)
    _load_readers()
    global _starved
    _starved = reader_limits.limit_self()
    source = os.fdopen(0, "rb", closefd=False)

    def send(*message: Any) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    while True:
        try:
            job = pickle.load(source)
        except Exception:  # noqa: BLE001 - the first process closed the pipe (or is gone)
            return
        try:
            reader_limits.limit_cpu(job.seconds)
            answer = _do(job, send)
            if job.last:  # the first process reads the answer from a file once this process has ended
                name = os.path.join(job.folder, "answer.pickle")
                with open(name, "wb") as handle:
                    pickle.dump(answer, handle, protocol=pickle.HIGHEST_PROTOCOL)
                send("done-file", name)
                return
            send("done", answer)
        except Cancelled:
            send("cancelled")
        except ExchangeError as exc:
            send("error", exc.code, exc.message_zh, exc.message_en)
        except MemoryError:
            send("error", "broken", str(_broken(Path(job.path), "内存不足")), "out of memory")
            return
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                return
            send("failed", type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - any reader failure is one message over there
            send("failed", type(exc).__name__)


_starved = False  # the memory limit is below what this reader process already uses


def _do(job: Job, send: Callable[..., None]) -> Any:
    if _starved:
        raise MemoryError("memory limit below the reader's own size")
    from desktop_app.services.exchange import reader, spill

    tempfile.tempdir = job.folder
    spill.NAMED_FOLDER = job.folder
    if job.kind == "sheet":
        book = reader.read_book(job.path)
        try:
            found = book.find(job.sheet)
            if found is None:
                return None
            if job.columns is not None or job.head:
                return sheet_part(book, found, job.columns, job.head)
            book.loaded(found)
            return found.rows
        finally:
            book.close()
    result = read_here(job.path, _throttled(send))
    if result.parsed is not None:  # the rows stay in named files, for the first process to adopt
        for table, rows in result.parsed.spills.items():
            rows.finish()
            result.spills[table] = (rows.path or "", rows.index, len(rows))
        result.parsed.spills = {}
    return result


def _throttled(send: Callable[..., None]) -> Reporter:
    last = [-1]

    def progress(done: int, total: int, text: str) -> None:
        if done != last[0]:
            last[0] = done
            send("progress", done, total, text)

    return progress


@dataclass
class Read:
    """A file as read by the reader process: its sheets (rows of those already loaded), the parsed exchange
    workbook (None for a roster), and the problems found so far."""

    book: Any
    parsed: Any
    problems: list[Any]
    spills: dict[str, tuple[str, dict[str, int], int]]  # table -> named spill file, field index, rows


def read_here(path: str, progress: Reporter | None) -> Read:
    """Read and parse ``path`` in this process (the reader process, or the first with isolation off)."""
    from desktop_app.services.exchange import workbook_in
    from desktop_app.services.exchange.reader import read_book
    from desktop_app.services.exchange.validation import Report
    from desktop_app.storage.bulk import no_cycle_collection

    book = read_book(path)
    report = Report()
    parsed = None
    try:
        if workbook_in.is_exchange_workbook(book):
            with no_cycle_collection():
                parsed = workbook_in.parse_workbook(book, report, progress)
        else:  # a sheet in a national layout is read here in the same pass, cut to the columns it needs
            from desktop_app.services.exchange.layout_columns import read_ahead

            read_ahead(book)
    except BaseException:
        if parsed is not None:
            parsed.close()
        raise
    finally:
        book.close()
    return Read(book=book, parsed=parsed, problems=report.problems, spills={})


def read_file_isolated(path: str | Path, progress: Reporter | None = None) -> Read:
    """The file read in the reader process (or here when isolation is off); spills adopted here."""
    from desktop_app.services.exchange import safety
    from desktop_app.services.exchange.spill import RowSpill

    path = Path(path)
    safety.check_path(path)
    if not isolated():
        return read_here(str(path), progress)
    clean_stale()
    folder = new_folder()
    try:
        result = run(Job("file", str(path), folder), progress)
        if not isinstance(result, Read):
            raise _broken(path, "应答无效")
        if result.parsed is not None:
            for table, (name, index, count) in result.spills.items():
                result.parsed.spills[table] = RowSpill.adopt(name, index, count)
        result.book.remote = load_sheet
        return result
    finally:
        remove_folder(folder)


def load_sheet(path: Path, name: str) -> list[list[Any]] | None:
    """One sheet's rows read by the reader process (for a book read there)."""
    folder = new_folder()
    try:
        rows = run(Job("sheet", str(path), folder, sheet=name))
        return rows if isinstance(rows, list) else None
    finally:
        remove_folder(folder)


def sheet_part(book: Any, sheet: Any, columns: tuple[int, ...] | None, head: int) -> list[list[Any]]:
    """The rows of ``sheet`` streamed (an .xlsx in pieces: never whole in memory), each cut to ``columns``,
    only the first ``head`` rows when given; rows keep their spreadsheet positions (gaps are empty rows)."""
    rows: list[list[Any]] = []
    for r, row in book.stream(sheet):
        if head and r >= head:
            break
        while len(rows) < r:
            rows.append([])
        rows.append(row if columns is None else [row[c] if c < len(row) else "" for c in columns])
    return rows


def load_sheet_part(
    path: Path, name: str, *, columns: tuple[int, ...] | None = None, head: int = 0
) -> list[list[Any]] | None:
    """Part of one sheet (some columns, or the first rows) read by the reader process (national layouts:
    a 177-column county sheet is carried back with only the columns that are read)."""
    folder = new_folder()
    try:
        rows = run(Job("sheet", str(path), folder, sheet=name, columns=columns, head=head))
        return rows if isinstance(rows, list) else None
    finally:
        remove_folder(folder)
