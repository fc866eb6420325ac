"""The one error type of the exchange services (a Chinese message for the person at the keyboard) and the
exchange's use of the one progress contract (services.progress)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.domain.errors import DomainError
from desktop_app.services.progress import Cancelled, Progress, tick

# what the exchange's inner steps accept: the contract's Progress, or a plain callback (returning False cancels)
Reporter = Progress | Callable[[int, int, str], Any]

STEPS = 1000  # progress is reported in thousandths (byte counts of a county file overflow a Qt progress bar)

__all__ = ["STEPS", "Cancelled", "ExchangeCancelled", "ExchangeError", "Progress", "Reporter", "tick"]


class ExchangeError(DomainError):
    """A file that cannot be exported or read; ``str()`` is the Chinese message, never a traceback."""

    def __init__(self, message_zh: str, message_en: str = "", *, code: str = "exchange") -> None:
        super().__init__(code, message_zh, message_en)


class ExchangeCancelled(Cancelled):
    """The exchange's own way of saying :class:`Cancelled` (a worker process was told to stop, or said it
    stopped); callers catch :class:`Cancelled`: nothing was written (no file, no database change)."""
