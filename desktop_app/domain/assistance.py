"""What the assistance ledgers share (issue 16): the refusal that names its rule, deterministic record ids,
months as ``YYYYMM`` integers and yuan text for amounts in fen.

The ledgers' own rules live beside this module (``pairing``, ``funds``, ``loans``, ``posts``, ``work_months``);
their county values are data (``forms/*.json`` with the county's saved values on top).
"""

from __future__ import annotations

import uuid
from datetime import date

from desktop_app.domain.errors import DomainError

_IDS = uuid.UUID("6b1f6d1e-3c55-4d6f-9a55-16a55157a116")


class AssistError(DomainError):
    """A ledger entry a rule refuses. ``rule`` names the rule (its key in the county's rules file), and the
    message says it in words, so that a cadre knows which rule and a county can look it up."""

    def __init__(self, code: str, message_zh: str, message_en: str = "", *, rule: str = "") -> None:
        super().__init__(code, message_zh, message_en)
        self.rule = rule or code


def record_id(kind: str, *parts: object) -> str:
    """A deterministic id for a record that two laptops may create independently (one per key)."""
    return str(uuid.uuid5(_IDS, ":".join([kind, *(str(p) for p in parts)])))


def plan_id(household_id: str, year: int) -> str:
    return record_id("help_plan", household_id, year)


def work_month_id(member_id: str, month: int) -> str:
    return record_id("work_month", member_id, month)


def post_month_id(holder_id: str, month: int) -> str:
    return record_id("post_month", holder_id, month)


def month_of(day: date) -> int:
    return day.year * 100 + day.month


def month_text(month: int) -> str:
    """``202603`` → ``2026-03``."""
    return f"{month // 100:04d}-{month % 100:02d}"


def valid_month(month: int) -> bool:
    return 190001 <= month <= 299912 and 1 <= month % 100 <= 12


def yuan(fen: int) -> str:
    """Fen as yuan text with two decimals (``123456`` → ``"1234.56"``), the way the CLI's JSON writes money."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"
