"""The one error type of the exchange services: a Chinese message for the person at the keyboard."""

from __future__ import annotations

from desktop_app.domain.errors import DomainError


class ExchangeError(DomainError):
    """A file that cannot be exported or read; ``str()`` is the Chinese message, never a traceback."""

    def __init__(self, message_zh: str, message_en: str = "", *, code: str = "exchange") -> None:
        super().__init__(code, message_zh, message_en)


class ExchangeCancelled(Exception):
    """The user cancelled: nothing was written (no file, no database change)."""
