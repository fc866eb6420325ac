"""The one error type of the exchange services: a Chinese message for the person at the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.domain.errors import DomainError

Progress = Callable[[int, int, str], Any]
STEPS = 1000  # progress is reported in thousandths (byte counts of a county file overflow a Qt progress bar)


class ExchangeError(DomainError):
    """A file that cannot be exported or read; ``str()`` is the Chinese message, never a traceback."""

    def __init__(self, message_zh: str, message_en: str = "", *, code: str = "exchange") -> None:
        super().__init__(code, message_zh, message_en)


class ExchangeCancelled(Exception):
    """The user cancelled: nothing was written (no file, no database change)."""


def tick(progress: Progress | None, done: int, total: int, text: str) -> None:
    """Report progress; a callback returning False (or raising) cancels."""
    if progress is not None and progress(done, total, text) is False:
        raise ExchangeCancelled()
