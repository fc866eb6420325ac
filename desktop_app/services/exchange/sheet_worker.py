"""The second process of an import (see ``sheet_process``): reads one sheet and answers on standard output.

Kept apart from ``sheet_process`` (the first process's side, which ``workbook_in`` uses to start it) because
it runs ``workbook_in.parse_elsewhere``: one module for each direction, so that neither imports the other.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from typing import Any

from desktop_app.services.exchange import workbook_in


def worker_main() -> None:
    """The second process: read the job from standard input, parse, answer on standard output."""
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

    threading.Thread(target=watch, name="fupin-sheet-stop", daemon=True).start()

    def send(kind: str, payload: Any) -> None:
        pickle.dump((kind, payload), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        kind, payload = workbook_in.parse_elsewhere(job, lambda read: send("read", read), stop.is_set)
        send(kind, payload)
    except OSError:
        pass  # nobody listens any more
    finally:
        with contextlib.suppress(OSError):
            out.close()
