"""``HouseholdTableModel`` obeys Qt's model rules: loaded, searched, fetched further and refreshed in place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.services import households as hl
from desktop_app.services import writing
from desktop_app.services.areas import area_tree
from desktop_app.services.demo.households import generate_demo
from desktop_app.storage.models import Household
from desktop_app.ui.models import households as hm
from desktop_app.ui.models.households import HouseholdTableModel


@pytest.fixture
def demo_db(db):  # type: ignore[no-untyped-def]
    """On SQLite and on PostgreSQL: the row re-reads and the ranking of a moved row are SQL of both."""
    with db.transaction() as session:
        generate_demo(session, households=260, villages=2, seed=6)
    return db


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

    # a row whose sort value changed moves to its place (beginMoveRows, checked by the tester). One village
    # only: the tester fetches more rows inside its own modelReset handler, so a reset must leave none to fetch
    village = next(node for root in area_tree(demo_db) for node in root.walk() if node.level == "village")
    model.set_filter(hl.HouseholdFilter(village_ids=(village.id,)))
    assert 0 < model.total < 200 and not model.canFetchMore()
    model.sort(hm.COL_HEAD, Qt.SortOrder.AscendingOrder)
    first = model.household_id(0)
    with writing(demo_db, "household.save", first) as work:
        work.session.get(Household, first).head_name = "\u9f9a" * 3  # sorts after every demo name
    assert model.row_of(first) == model.rowCount() - 1
    heads = [model.index(r, hm.COL_HEAD).data(hm.SortValueRole) for r in range(model.rowCount())]
    assert heads == sorted(heads)

    model.set_filter(hl.HouseholdFilter(query=model.index(0, 1).data()[:1]))
    assert 0 < model.total < 260
