"""``HouseholdTableModel`` obeys Qt's model rules: loaded, searched, fetched further and refreshed in place."""

from __future__ import annotations

import pytest

from desktop_app.services import households as hl
from desktop_app.services import writing
from desktop_app.services.demo.households import generate_demo
from desktop_app.storage.models import Household
from desktop_app.ui.models.households import HouseholdTableModel


@pytest.fixture
def demo_db(sqlite_db):  # type: ignore[no-untyped-def]
    with sqlite_db.transaction() as session:
        generate_demo(session, households=260, villages=2, seed=6)
    return sqlite_db


def test_the_household_model_passes_the_model_tester_through_its_life(qtmodeltester, demo_db):
    model = HouseholdTableModel(demo_db, lang="zh_CN")
    model.reload()
    assert model.rowCount() == 200 and model.canFetchMore()
    # The tester stays connected: every later insert, removal, data change and reset is checked too.
    qtmodeltester.check(model, force_py=True)  # it fetches the rest itself
    assert model.rowCount() == 260 and not model.canFetchMore()

    # rows removed and inserted by change notifications, with the tester's own signal checks running
    gone = model.household_id(7)
    with writing(demo_db, "household.remove", gone) as work:
        work.session.get(Household, gone).deleted = True
    assert model.row_of(gone) < 0 and model.rowCount() == 259
    with writing(demo_db, "household.restore", gone) as work:
        work.session.get(Household, gone).deleted = False
    assert model.row_of(gone) == 7 and model.total == 260

    model.set_filter(hl.HouseholdFilter(query=model.index(0, 1).data()[:1]))
    assert 0 < model.total < 260
