"""Post subsidies and work wages roll into the household's income record of the year (收入情况).

The ledgers own four wage lines: ``wage_post_department`` / ``wage_post_township`` / ``wage_post_village``
(the subsidies of the months worked in posts of that tier) and ``wage_work`` (the wages of the months marked
as worked in the monthly migrant-work monitoring). Months are calendar months of the year.

A line belongs to the ledger while its note is the ledger's own note with the figure it wrote
(``由务工月监测汇总：1234.56 元``): then the roll-up writes the new sum. A line a person typed (another note,
or a figure that no longer matches the note) is left as it is and reported in ``kept``, as is an empty line,
which the ledger takes. Transport subsidies are not wages and stay out. The record is written through the
monitoring package's worksheet writer, so the totals, the per-capita figure and the card follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.assistance import yuan
from desktop_app.domain.income_sheet import line_defs
from desktop_app.services.monitoring import income_for, write_income_sheet
from desktop_app.storage.models_assist import Post, PostHolder, PostMonth, WorkMonth
from desktop_app.storage.queries import live

TIER_LINES = {"1": "wage_post_department", "2": "wage_post_township", "3": "wage_post_village"}
WORK_LINE = "wage_work"
POST_NOTE = "由公益岗位台账汇总："
WORK_NOTE = "由务工月监测汇总："
_COLUMN_EXTRAS = {
    "insurance_claim": "insurance_claim_fen",
    "out_of_pocket": "out_of_pocket_fen",
    "medical_expense": "medical_expense_fen",
    "disaster_loss": "disaster_loss_fen",
}
_GROUP_TOTALS = {"A": "wage_fen", "B": "business_fen", "C": "property_fen", "D": "transfer_fen", "E": "costs_fen"}


@dataclass(frozen=True)
class RollUp:
    """What the ledgers sum to for one household and year, and the lines a person's figure kept."""

    household_id: str
    year: int
    sums: dict[str, int]  # line key -> fen
    kept: tuple[str, ...]  # line keys left as a person typed them
    written: bool  # the record was written


def ledger_note(line: str, fen: int) -> str:
    return f"{WORK_NOTE if line == WORK_LINE else POST_NOTE}{yuan(fen)} 元"


def ledger_sums(session: Session, household_id: str, year: int) -> dict[str, int]:
    """The four wage lines' sums of the ledgers for ``household_id`` and ``year`` (fen)."""
    lo, hi = year * 100 + 1, year * 100 + 12
    sums = dict.fromkeys([*TIER_LINES.values(), WORK_LINE], 0)
    posts = session.exec(
        select(Post.tier, func.sum(PostMonth.subsidy_fen))
        .join(PostHolder, col(PostHolder.id) == col(PostMonth.holder_id))
        .join(Post, col(Post.id) == col(PostHolder.post_id))
        .where(col(PostMonth.household_id) == household_id, col(PostMonth.month).between(lo, hi), live(PostMonth))
        .group_by(col(Post.tier))
    ).all()
    for tier, fen in posts:
        if tier in TIER_LINES:
            sums[TIER_LINES[tier]] += int(fen or 0)
    work = session.exec(
        select(func.sum(WorkMonth.wage_fen)).where(
            col(WorkMonth.household_id) == household_id,
            col(WorkMonth.month).between(lo, hi),
            col(WorkMonth.worked).is_(True),
            live(WorkMonth),
        )
    ).one()
    sums[WORK_LINE] = int(work or 0)
    return sums


def _owned(entry: dict[str, object] | None, line: str) -> bool:
    if entry is None:
        return True
    fen = int(str(entry.get("fen", 0) or 0))
    return fen == 0 or str(entry.get("note", "")) == ledger_note(line, fen)


def roll_wages(session: Session, household_id: str, year: int) -> RollUp:
    """Write the ledgers' wage sums into the household's record of ``year`` (inside the caller's unit of work).

    No record is made for a year the ledgers have nothing for; a record made here counts the members who
    lived in the household during the year's window, like a new worksheet."""
    sums = ledger_sums(session, household_id, year)
    record = income_for(session, household_id, year)
    if record is None and not any(sums.values()):
        return RollUp(household_id, year, sums, (), False)
    values: dict[str, object] = {}
    if record is not None:
        values = {k: dict(v) for k, v in record.lines.items()}
        if not values:  # a record of group totals only (the card, migration 0008): keep them as "other" lines
            values = _totals_as_lines(record)
    kept = tuple(line for line in sums if not _owned(_as_entry(values.get(line)), line))
    changed = False
    for line, fen in sums.items():
        if line in kept:
            continue
        wanted = {"fen": fen, "note": ledger_note(line, fen)} if fen else None
        if _as_entry(values.get(line)) != wanted and not (wanted is None and line not in values):
            changed = True
        if wanted is None:
            values.pop(line, None)
        else:
            values[line] = wanted
    if not changed:
        return RollUp(household_id, year, sums, kept, False)
    members = list(record.member_ids) if record is not None and record.member_ids else None
    write_income_sheet(session, household_id, year, values, members=members, note=None)
    return RollUp(household_id, year, sums, kept, True)


def _as_entry(raw: object) -> dict[str, object] | None:
    if not isinstance(raw, dict):
        return None
    return {"fen": int(str(raw.get("fen", 0) or 0)), "note": str(raw.get("note", "") or "")}


def _totals_as_lines(record: object) -> dict[str, object]:
    lines, _extras = line_defs(catalog.income_lines())
    other = {d.group: d.key for d in lines if d.key.endswith("_other")}
    values: dict[str, object] = {}
    for group, column in _GROUP_TOTALS.items():
        fen = int(getattr(record, column, 0) or 0)
        if fen and group in other:
            values[other[group]] = {"fen": fen, "note": "原合计（无明细）"}
    for key, column in _COLUMN_EXTRAS.items():
        fen = int(getattr(record, column, 0) or 0)
        if fen:
            values[key] = {"fen": fen, "note": ""}
    return values
