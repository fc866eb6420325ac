"""The household list model over a real database: Qt model rules, sorting and filters done in SQL."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from desktop_app import catalog
from desktop_app.services import households as hl
from desktop_app.services.areas import area_tree
from desktop_app.services.demo.households import generate_demo
from desktop_app.ui.models import households as hm
from desktop_app.ui.models.households import HouseholdTableModel


@pytest.fixture
def any_demo_db(db):
    """Demo data on SQLite and on PostgreSQL: the list queries must work on both."""
    with db.transaction() as session:
        generate_demo(session, households=60, villages=2, seed=5)
    return db


def test_model_passes_qt_model_tester_and_shows_labels(qtmodeltester, any_demo_db):
    model = HouseholdTableModel(any_demo_db, lang="zh_CN")
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.total == 60 and model.rowCount() == 60
    stage = model.index(0, hm.COL_STAGE).data()
    assert stage in {item.zh for item in catalog.codelists()["stage"]}
    income = model.index(0, hm.COL_INCOME).data()
    assert "." in income and income.replace(",", "").replace(".", "").isdigit()
    assert model.headerData(hm.COL_HEAD, Qt.Orientation.Horizontal) == "Head of household"  # source string


def _all_rows(model: HouseholdTableModel) -> list[list[object]]:
    while model.canFetchMore():
        model.fetchMore()
    return [
        [model.index(r, c).data(hm.SortValueRole) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


@pytest.mark.parametrize("column", range(len(hl.COLUMNS)))
def test_every_column_sorts_both_ways(demo_db, column):
    model = HouseholdTableModel(demo_db)
    model.reload()
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        rows = _all_rows(model)
        assert len(rows) == 120
        values = [row[column] for row in rows]
        if hl.COLUMNS[column] == "stage":
            rank = {item.code: i for i, item in enumerate(catalog.codelists()["stage"])}
            values = [rank[v] for v in values]
        present = [v for v in values if v not in (None, "")]
        expected = sorted(present, reverse=order == Qt.SortOrder.DescendingOrder)
        assert present == expected, hl.COLUMNS[column]


def test_rows_load_page_by_page(sqlite_db):
    with sqlite_db.transaction() as session:
        generate_demo(session, households=750, villages=3, seed=2)
    model = HouseholdTableModel(sqlite_db)
    model.reload()
    assert model.total == 750
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 700
    model.fetchMore()
    assert model.rowCount() == 750 and not model.canFetchMore()
    numbers = [model.index(r, hm.COL_NUMBER).data() for r in range(750)]
    assert numbers == sorted(numbers) and len(set(numbers)) == 750


@pytest.mark.parametrize(
    ("key", "column", "code"),
    [
        ("stage", "stage", "registered"),
        ("status", "status", "3"),
        ("attribute", "attribute", "2"),
        ("cause", "main_cause", "01"),
    ],
)
def test_code_filters_show_only_matching_households(demo_db, key, column, code):
    path = demo_db.engine.url.database
    with sqlite3.connect(path) as raw:
        expected = {row[0] for row in raw.execute(f"SELECT number FROM household WHERE {column} = ?", (code,))}
    assert expected, "the demo data should contain this code"
    model = HouseholdTableModel(demo_db)
    model.set_filter(hl.HouseholdFilter(**{key: code}))
    shown = {model.index(r, hm.COL_NUMBER).data() for r in range(model.rowCount())}
    assert shown == expected
    assert model.total == len(expected)


def test_area_tree_counts_match_households(demo_db):
    roots = area_tree(demo_db)
    county = roots[0]
    assert county.level == "county" and county.households == 120
    villages = [v for t in county.children for v in t.children]
    assert sum(v.households for v in villages) == 120
    for village in villages:
        assert sum(g.households for g in village.children) == village.households


def test_search_finds_names_pinyin_and_ids_on_both_databases(any_demo_db):
    from sqlalchemy import select

    from desktop_app.services.households.search import name_keys
    from desktop_app.storage.models import Household, Member

    with any_demo_db.session() as session:
        number, name, id_number = session.execute(
            select(Household.number, Member.name, Member.id_number)
            .join(Member, Member.household_id == Household.id)
            .where(Member.id_number.is_not(None))
            .order_by(Household.number)
            .limit(1)
        ).one()
    model = HouseholdTableModel(any_demo_db)
    for query in (
        name,
        name_keys(name)[1].upper(),
        id_number[-6:],
        number,
        f"{name} {id_number[:6]}",
        "１２３４５xyzq",
    ):
        model.set_filter(hl.HouseholdFilter(query=query))
        shown = {model.index(r, hm.COL_NUMBER).data() for r in range(model.rowCount())}
        assert (number in shown) == (query != "１２３４５xyzq"), query
        assert model.total == len(shown)
