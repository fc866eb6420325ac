"""Which assistance ledger to print: the household, the village, the post and the year a selection names;
and how the ledgers' dates are written in their tables (``dot_date``, ``period_text``).

``printing.render`` turns what the user typed into rows (``find_household``, ``find_village``) and asks here for
the rest; a refusal is an :class:`AssistPrintError` with a Chinese message saying what to name instead.
Everything here reads; nothing writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain.documents import ASSIST_HOUSEHOLD_KINDS, PRINT_KIND_LABELS
from desktop_app.domain.errors import DomainError
from desktop_app.storage.models import Household
from desktop_app.storage.models_assist import Post
from desktop_app.storage.queries import live

FIRST_YEAR, LAST_YEAR = 2014, 2100  # the ledgers' years: from the first registration on


class AssistPrintError(DomainError):
    """Nothing to print, or a selection that names nothing printable; the message says why in Chinese."""

    def __init__(self, message_zh: str, message_en: str = "") -> None:
        super().__init__("print_selection", message_zh, message_en)


@dataclass(frozen=True)
class AssistChoice:
    village_id: str | None
    household_id: str | None = None
    year: int | None = None
    post_id: str | None = None

    def extra(self) -> dict[str, Any]:
        """The selection's fields beyond village and household (``Selection(**…)``)."""
        return {"year": self.year, "post_id": self.post_id}


def label_of(kind: str) -> str:
    return PRINT_KIND_LABELS[kind][0]


def dot_date(value: date | None) -> str:
    """A date in a ledger's narrow column: 2026.03.10."""
    return f"{value:%Y.%m.%d}" if value else ""


def period_text(start: date | None, end: date | None) -> str:
    """From–to in a ledger's column: 2026.03.01–10.01 within a year, 2026.03.01–2027.02.28 across years."""
    if start and end and start != end:
        return f"{start:%Y.%m.%d}–{end:%m.%d}" if start.year == end.year else f"{dot_date(start)}–{dot_date(end)}"
    return dot_date(start or end)


def find_post(session: Session, text: str, village_id: str | None) -> Post:
    """A post by id, or by name (within the village when one is named); several of that name are refused."""
    text = text.strip()
    query = select(Post).where(or_(col(Post.id) == text, col(Post.name) == text), live(Post))
    if village_id:
        query = query.where(col(Post.village_id) == village_id)
    found: list[Post] = list(session.execute(query).scalars())
    if not found and village_id:  # a post without a name is shown by its type (保洁员)
        unnamed = select(Post).where(col(Post.village_id) == village_id, col(Post.name) == "", live(Post))
        found = [p for p in session.execute(unnamed).scalars() if catalog.label("post_type", p.type) == text]
    by_id = [p for p in found if p.id == text]
    if by_id:
        return by_id[0]
    if not found:
        where = "该村" if village_id else ""
        raise AssistPrintError(f"{where}找不到公益岗位“{text}”；请给出岗位 ID 或岗位名称。", f"no post {text!r}")
    if len(found) > 1:
        ids = "、".join(sorted(p.id for p in found))
        raise AssistPrintError(f"有 {len(found)} 个公益岗位名为“{text}”（ID：{ids}），请改用岗位 ID 或指定行政村。")
    return found[0]


def resolve_assist(
    session: Session,
    kind: str,
    *,
    village_id: str | None,
    household: Household | None,
    year: int | None,
    post: str | None,
) -> AssistChoice:
    """Check an assistance ledger's selection: ``village_id`` is the village named (or the database's only one)."""
    label = label_of(kind)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise AssistPrintError(
            f"年度“{year}”不对：请给出 {FIRST_YEAR}–{LAST_YEAR} 之间的四位年份。", f"bad year {year}"
        )
    if kind in ASSIST_HOUSEHOLD_KINDS:
        if household is None:
            raise AssistPrintError(f"打印{label}需要指定户（户编号或 ID）。", f"{kind} needs a household")
        return AssistChoice(household.village_id, household.id, year)
    village_id = village_id or (household.village_id if household else None)
    if post:
        found = find_post(session, post, village_id)
        return AssistChoice(found.village_id, None, year, found.id)
    if village_id is None:
        raise AssistPrintError(f"打印{label}需要指定行政村（代码或名称）。", f"{kind} needs a village")
    return AssistChoice(village_id, None, year)
