"""The second process of an import (see ``sheet_process``): reads one sheet and answers on standard output.

Kept apart from ``sheet_process`` (the first process's side, which ``workbook_in`` uses to start it) because
it runs ``workbook_in.parse_elsewhere``: one module for each direction, so that neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.services.exchange import workbook_in
from desktop_app.services.exchange.helper_process import Send, serve


def worker_main() -> None:
    """The second process: read the job from standard input, parse, answer on standard output."""

    def run(job: Any, send: Send, stopped: Callable[[], bool]) -> None:
        kind, payload = workbook_in.parse_elsewhere(job, lambda read: send("read", read), stopped)
        send(kind, payload)

    serve(run, "sheet")
