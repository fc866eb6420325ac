"""The list and the tree refresh the rows a committed unit of work changed, not the whole model.

A save through the use-case layer (``services.writing``) tells every subscribed screen which households
changed; at county size (100,000 households) the visible row shows the new value while the selection,
the scroll position and the model itself (no ``modelReset``) stay as they were.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop_app import catalog
from desktop_app.services import open_database, writing
from desktop_app.services.demo.households import generate_demo
from desktop_app.services.households import records
from desktop_app.storage.models import Household
from desktop_app.ui.models import households as hm

COUNTY = 100_000


def _clone_households(path: Path, count: int) -> None:
    """``count`` more households in the first demo household's village, written by SQLite itself (~1 s)."""
    columns = [c.name for c in Household.__table__.columns]
    values = {
        "id": "lower(hex(randomblob(16)))",
        "number": "printf('9%015d', n)",  # after every demo number (area codes start below 9)
        "search_text": "'clone ' || n",
    }
    select_list = ", ".join(values.get(c, f"t.{c}") for c in columns)
    with sqlite3.connect(path) as con:
        template = con.execute("SELECT id FROM household ORDER BY number LIMIT 1").fetchone()[0]
        con.execute(
            f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {count}) "
            f"INSERT INTO household ({', '.join(columns)}) SELECT {select_list} FROM seq, household t WHERE t.id = ?",
            (template,),
        )


@pytest.fixture(scope="module")
def county_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("county") / "county.sqlite"
    db = open_database(path, operator="测试员", device_id="test-device")
    with db.transaction() as session:
        generate_demo(session, households=30, villages=1, seed=4)
    db.close()
    _clone_households(path, COUNTY - 30)
    return path


@pytest.fixture
def county_db(county_file: Path):  # type: ignore[no-untyped-def]
    db = open_database(county_file, operator="测试员", device_id="test-device")
    yield db
    db.close()


def _other_cause(current: str | None) -> tuple[str, str]:
    """A main cause different from ``current``: (code, the label the list shows)."""
    for item in catalog.codelists()["cause"].items:
        if item.code != current:
            return item.code, item.zh
    raise AssertionError("the cause code list has one entry")


def _save_cause(db, household_id: str, code: str) -> None:  # type: ignore[no-untyped-def]
    """Save the card with another main cause, the way the card editor's save use case does."""
    with writing(db, "household.save", household_id) as work:
        form = records.load_household(work.session, household_id)
        form.main_cause = code
        records.save_household(work.session, form)


def _count_resets(model) -> list[int]:  # type: ignore[no-untyped-def]
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    return resets


def _select(window, row: int) -> None:  # type: ignore[no-untyped-def]
    index = window.model.index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    window.table.selectionModel().setCurrentIndex(index, flags)


@pytest.mark.slow
def test_saving_a_card_at_county_size_refreshes_its_row_and_keeps_scroll_and_selection(county_db, make_window, qtbot):
    window = make_window(county_db)
    model = window.model
    assert model.total == COUNTY
    window.resize(1200, 500)
    row = 20
    _select(window, row)
    bar = window.table.verticalScrollBar()
    bar.setValue(12)
    qtbot.wait(10)
    scroll, loaded = bar.value(), model.rowCount()
    assert scroll == 12 and loaded >= 200
    household_id = model.household_id(row)
    assert household_id is not None
    code, label = _other_cause(model.index(row, hm.COL_CAUSE).data(hm.SortValueRole))
    resets = _count_resets(model)
    tree_resets = _count_resets(window.tree.model())
    count_before = window.tree.count_of(window.tree.current_area_id() or "")

    _save_cause(county_db, household_id, code)

    qtbot.waitUntil(lambda: model.index(row, hm.COL_CAUSE).data() == label, timeout=5000)
    assert resets == [] and tree_resets == []
    assert model.household_id(window.table.currentIndex().row()) == household_id
    assert window.table.currentIndex().row() == row
    assert window.table.selectionModel().isRowSelected(row)
    assert bar.value() == scroll
    assert model.rowCount() == loaded and model.total == COUNTY
    assert window.tree.count_of(window.tree.current_area_id() or "") == count_before


def test_a_change_committed_by_a_background_thread_reaches_the_list(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    model = window.model
    household_id = model.household_id(3)
    assert household_id is not None
    code, label = _other_cause(model.index(3, hm.COL_CAUSE).data(hm.SortValueRole))
    resets = _count_resets(model)
    worker = threading.Thread(target=_save_cause, args=(demo_db, household_id, code))
    worker.start()
    worker.join()
    # the listener ran on the worker thread; the model re-reads the row on its own thread, when events run
    qtbot.waitUntil(lambda: model.index(3, hm.COL_CAUSE).data() == label, timeout=5000)
    assert resets == [] and model.household_id(3) == household_id


def test_a_removed_household_leaves_the_list_and_comes_back_at_its_place(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    model = window.model
    total = model.total
    _select(window, 10)
    household_id = model.household_id(5)
    selected = window.current_household_id()
    resets = _count_resets(model)
    area_counts = {key: window.tree.count_of(key) for key in window.tree._nodes}

    with writing(demo_db, "household.remove", household_id) as work:
        work.session.get(Household, household_id).deleted = True
    qtbot.waitUntil(lambda: model.row_of(household_id) < 0)
    assert model.total == total - 1 and model.rowCount() == total - 1
    assert window.current_household_id() == selected  # the selection followed its row up by one
    county = next(iter(window.tree._nodes))
    assert window.tree.count_of(county) == area_counts[county] - 1

    with writing(demo_db, "household.restore", household_id) as work:
        work.session.get(Household, household_id).deleted = False
    qtbot.waitUntil(lambda: model.row_of(household_id) == 5)
    assert resets == [] and model.total == total
    assert window.current_household_id() == selected
    numbers = [model.index(r, hm.COL_NUMBER).data() for r in range(model.rowCount())]
    assert numbers == sorted(numbers)
    assert window.tree.count_of(county) == area_counts[county]


def test_a_row_whose_sort_value_changed_moves_to_its_place(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    model = window.model
    window.table.sortByColumn(hm.COL_CAUSE, Qt.SortOrder.AscendingOrder)
    household_id = model.household_id(0)
    code = max(item.code for item in catalog.codelists()["cause"].items)
    _select(window, 0)
    resets = _count_resets(model)
    _save_cause(demo_db, household_id, code)
    qtbot.waitUntil(lambda: model.row_of(household_id) > 0)
    assert resets == []
    causes = [model.index(r, hm.COL_CAUSE).data(hm.SortValueRole) or "" for r in range(model.rowCount())]
    assert causes == sorted(causes)
    assert window.current_household_id() == household_id  # the selection moved with the row


def test_a_bulk_change_reloads_the_whole_list(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    resets = _count_resets(window.model)
    with writing(demo_db, "exchange.import") as work:  # a bulk writer declares that it changed too much to list
        work.touch(everything=True)
    qtbot.waitUntil(lambda: resets == [1])
    assert window.model.total == 120
