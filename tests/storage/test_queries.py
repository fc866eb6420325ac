"""The shared query pieces of storage/queries.py on a real database: tombstones stay out, lookups by number."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.services.demo.households import generate_demo
from desktop_app.storage.models import Household
from desktop_app.storage.queries import chunks, household_by_number, live, live_rows, table_of


def test_live_filters_and_the_typed_table_agree_on_a_real_database(sqlite_db):
    with sqlite_db.transaction() as session:
        generate_demo(session, households=12, villages=1, seed=2)
        first = session.execute(select(Household).order_by(Household.number).limit(1)).scalar_one()
        first.deleted = True
        number = first.number
    table = table_of(Household)
    assert table.name == "household" and "search_text" in table.c
    with sqlite_db.read() as session:
        orm = session.execute(select(func.count()).select_from(Household).where(live(Household))).scalar_one()
        core = session.execute(select(func.count()).select_from(table).where(live_rows(table))).scalar_one()
        assert orm == core == 11
        assert household_by_number(session, number) is None  # a tombstone is not found
        other = session.execute(select(Household.number).where(live(Household)).limit(1)).scalar_one()
        found = household_by_number(session, f"  {other} ")
        assert found is not None and found.number == other
        assert household_by_number(session, found.id) is not None
        assert household_by_number(session, found.id, or_id=False) is None
        assert household_by_number(session, "   ") is None


def test_chunks_cover_every_item_once_in_order():
    assert list(chunks(list(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []
