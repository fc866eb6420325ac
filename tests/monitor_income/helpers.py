"""A village with households on real SQLite files, for the monitoring-income tests."""

from __future__ import annotations

from typing import Any

from desktop_app.services.unit_of_work import writing
from tests.procedure.helpers import make_household, make_village

VILLAGE = "532999001001"


def village_with(db: Any, *households: tuple[str, str, int, int]) -> tuple[str, list[str]]:
    """A village and households (number, head, per-capita yuan, size); their ids."""
    with writing(db, "test.setup") as work:
        vid = make_village(work.session, VILLAGE)
        ids = [
            make_household(work.session, vid, number, head, per_capita_yuan=pc, size=size, seq=i)
            for i, (number, head, pc, size) in enumerate(households)
        ]
    return vid, ids
