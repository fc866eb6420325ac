"""Counts for the status bar, the `fupin stats` command and reports."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from desktop_app.services.unit_of_work import reading
from desktop_app.storage import queries
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member


def database_stats(session: Session) -> dict[str, Any]:
    """Households and members (not deleted; members still in the household), by village, stage and status."""
    live = queries.live(Household)
    households = session.execute(select(func.count()).select_from(Household).where(live)).scalar_one()
    members = session.execute(
        select(func.count())
        .select_from(Member)
        .join(Household, col(Household.id) == col(Member.household_id))
        .where(live, queries.live(Member), col(Member.active).is_(True))
    ).scalar_one()
    by_village_rows = session.execute(
        select(
            col(Area.code),
            col(Area.name),
            func.count(col(Household.id)),
            func.coalesce(func.sum(col(Household.size)), 0),
        )
        .join(Household, col(Household.village_id) == col(Area.id))
        .where(live)
        .group_by(col(Area.code), col(Area.name))
        .order_by(col(Area.code))
    ).all()
    by_stage = session.execute(
        select(col(Household.stage), func.count())
        .where(live)
        .group_by(col(Household.stage))
        .order_by(col(Household.stage))
    ).all()
    by_status = session.execute(
        select(col(Household.status), func.count())
        .where(live)
        .group_by(col(Household.status))
        .order_by(col(Household.status))
    ).all()
    return {
        "households": int(households),
        "members": int(members),
        "by_village": [
            {"code": code, "name": name, "households": int(n), "members": int(m)}
            for code, name, n, m in by_village_rows
        ],
        "by_stage": {stage: int(n) for stage, n in by_stage},
        "by_status": {status: int(n) for status, n in by_status},
    }


def stats_of(db: Database) -> dict[str, Any]:
    """:func:`database_stats` on one read snapshot (``fupin stats``)."""
    with reading(db) as session:
        return database_stats(session)
