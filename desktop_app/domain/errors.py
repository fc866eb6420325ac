"""Errors raised by the domain rules.

Every error carries a stable ``code`` so that services and the UI can react to it (highlight a cell,
count import failures) without parsing text, plus the message in both UI languages. ``str()`` gives the
Chinese message because that is what cadres read in logs and import reports.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the work was broken by the input, not a bug in the program."""

    def __init__(self, code: str, message_zh: str, message_en: str = "") -> None:
        super().__init__(message_zh)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en or message_zh

    def __str__(self) -> str:
        return self.message_zh

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message_zh={self.message_zh!r})"
