"""The one progress-and-cancel contract of every long use case (import, export, merge, demo data, printing).

A long use case takes ``progress: Progress | None``. It calls ``progress(done, total, text)`` now and then;
that call raises :class:`Cancelled` once the person at the keyboard has pressed Cancel, so the use case
stops where it is and its unit of work rolls back (nothing written, no file left behind). Front ends build
the object: the app's background jobs from their progress dialog (``ui.jobs``), the CLI from a line on the
terminal and Ctrl+C.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Cancelled(Exception):
    """The user cancelled a long use case: nothing was written (no file, no database change)."""


class Progress:
    """Tell how far a long use case has come; raises :class:`Cancelled` when asked to stop.

    ``report(done, total, text)`` shows it (a callback returning ``False`` also cancels);
    ``cancelled()`` says whether the user asked to stop.
    """

    def __init__(
        self,
        report: Callable[[int, int, str], Any] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self._report = report
        self._cancelled = cancelled

    def __call__(self, done: int, total: int, text: str = "") -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()
        if self._report is not None and self._report(done, total, text) is False:
            raise Cancelled()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop (for loops that report rarely)."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()

    def part(self, start: int, end: int, total: int) -> Progress:
        """A progress for one stage that fills ``start``..``end`` of ``total`` of this one."""

        def report(done: int, of: int, text: str) -> None:
            self(start + (end - start) * done // max(1, of), total, text)

        return Progress(report, self._cancelled)


def tick(progress: Progress | Callable[[int, int, str], Any] | None, done: int, total: int, text: str = "") -> None:
    """Report to ``progress`` if there is one (a plain callback returning ``False`` cancels too)."""
    if progress is None:
        return
    if isinstance(progress, Progress):
        progress(done, total, text)
    elif progress(done, total, text) is False:
        raise Cancelled()
