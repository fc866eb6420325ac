"""The exchange's helper processes, both sides of their one protocol (the import's sheet worker, sheet_process
and sheet_worker; the export's part writer, export_part).

The first process starts this same Python (or the packaged program with the helper's flag), sends the job
pickled on the helper's standard input and listens in a thread for pickled ``(kind, payload)`` messages on
its standard output: progress counts, then one result (``done``, ``failed`` …). Closing the helper's standard
input tells it to stop. Whatever happens to the helper — it dies, is killed, sends garbage — ends as the
result ``("died", …)``: the first process then does the work itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

# How long a helper told to stop may take to tidy up before it is killed: it answers at its next progress
# report, which on a loaded two-core laptop can be many seconds away while it is still starting (seen: > 10 s).
STOP_SECONDS = 30.0

Send = Callable[[str, Any], None]


def worker_command(module: str, flag: str) -> list[str]:
    """The command that runs ``module.worker_main``: the packaged program with ``flag``, else this Python with
    this process's module path (a venv, PYTHONPATH, the Windows launcher's pkgs folder)."""
    if getattr(sys, "frozen", False):  # the packaged program: its entry script runs worker_main
        return [sys.executable, flag]
    paths = [p for p in sys.path if p]
    code = f"import sys; sys.path[:0] = {paths!r}; from {module} import worker_main; worker_main()"
    return [sys.executable, "-c", code]


class HelperProcess:
    """A helper running ``job``; ``progress`` is the last count it reported in messages of ``progress_kind``;
    ``leftover`` is a file it writes, removed by :meth:`close` when nobody took it."""

    def __init__(self, job: Any, command: list[str], *, progress_kind: str, leftover: str, name: str) -> None:
        self.job = job
        self.progress = 0
        self._progress_kind = progress_kind
        self._leftover = leftover
        self._result: tuple[str, Any] | None = None
        self._finished = threading.Event()
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashing up
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, creationflags=flags)
        assert self._process.stdin is not None and self._process.stdout is not None
        try:
            pickle.dump(job, self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._process.stdin.flush()
        except OSError:
            self._result = ("failed", "job not sent")
            self._finished.set()
        else:
            threading.Thread(
                target=self._listen, args=(self._process.stdout,), name=f"fupin-{name}-listener", daemon=True
            ).start()

    def _listen(self, stream: IO[bytes]) -> None:
        """Run in a thread: the helper's messages, until its result or its end."""
        try:
            while True:
                kind, payload = pickle.load(stream)
                if kind == self._progress_kind:
                    self.progress = payload
                else:
                    self._result = (kind, payload)
                    return
        except Exception as exc:  # noqa: BLE001 - the helper ended without a result (crash, kill, garbage)
            self._result = ("died", type(exc).__name__)
        finally:
            self._finished.set()

    def result(self, waiting: Callable[[], None]) -> tuple[str, Any]:
        """The helper's result; ``waiting`` is called about ten times a second meanwhile (progress; it may
        raise to cancel)."""
        while not self._finished.wait(0.1):
            waiting()
        return self._result or ("died", None)

    def close(self) -> None:
        """Stop the helper if it still runs, then remove what it left behind."""
        process = self._process
        with contextlib.suppress(OSError):
            assert process.stdin is not None
            process.stdin.close()  # the helper's signal to stop
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        with contextlib.suppress(OSError):
            os.unlink(self._leftover)  # still there when it was not adopted


def serve(run: Callable[[Any, Send, Callable[[], bool]], None], name: str) -> None:
    """The helper's side: read the job from standard input, ``run(job, send, stopped)``, where ``stopped()``
    turns True once the first process closes the pipe (cancelled, or gone)."""
    # file descriptors, not sys.stdin/sys.stdout: under pythonw.exe (the Windows app) those may be None
    if sys.platform == "win32":
        import msvcrt

        for fd in (0, 1):
            msvcrt.setmode(fd, os.O_BINARY)  # pickles, not text: no newline translation
    out = os.fdopen(os.dup(1), "wb")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # stray prints go nowhere instead of garbling the answers
    os.close(quiet)
    job = pickle.load(os.fdopen(0, "rb", closefd=False))  # the first process sends nothing after it
    stop = threading.Event()

    def watch() -> None:
        # unbuffered: a thread blocked in a buffered read would hold its lock while the interpreter exits
        with contextlib.suppress(OSError):
            while os.read(0, 4096):
                pass  # returns b"" when the first process closes the pipe: cancelled, or gone
        stop.set()

    threading.Thread(target=watch, name=f"fupin-{name}-stop", daemon=True).start()

    def send(kind: str, payload: Any) -> None:
        pickle.dump((kind, payload), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        run(job, send, stop.is_set)
    except OSError:
        pass  # nobody listens any more
    finally:
        with contextlib.suppress(OSError):
            out.close()
