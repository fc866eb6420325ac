"""Reading a batch column by column gives the import exactly what reading it cell by cell gave: the same
values, the same bad cells with the same messages in the same order, the same row checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app import catalog
from desktop_app.domain import idnumber
from desktop_app.services.exchange import cells, column_cells
from desktop_app.services.exchange import columns as C

SHEETS = (C.HOUSEHOLDS, C.MEMBERS, C.MEASURES, C.EVENTS)
COLUMNS = [col for spec in SHEETS for col in spec.columns if not col.derived]
GOOD_ID = idnumber.make_id("522601", dt.date(1980, 5, 17), 123)


def _pool(col: C.Col) -> list[Any]:
    """Cells a county file may hold in this column: right ones, blanks, wrong types, wrong texts."""
    pool: list[Any] = ["", None, " ", "  x ", "错", "1", 1.0, 2.5, 0.0, -0.0, 3, True, False]
    pool += [dt.date(2020, 3, 1), dt.datetime(2020, 3, 1, 8, 30), "2020-03-01", "20200301", "2020-02-30"]
    pool += [GOOD_ID, GOOD_ID.lower()[:-1] + "x", GOOD_ID[:-1] + "0", "１２３", 5.22601198005171e17]
    pool += ['{"a": 1}', "[1, 2]", "{bad", "2026-12-01T08:00:00+00:00", "是", "否"]
    if col.kind in (C.CODE, C.CODES):
        pool += [item.zh for item in catalog.codelists()[col.codelist or ""]][:6]
    return pool


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[C.Col], list[list[Any]]]:
    cols = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=5))
    pools = [_pool(col) for col in cols]
    rows = draw(st.integers(1, 40))
    raws = []
    for _ in range(rows):
        width = draw(st.integers(len(cols) - 1 if len(cols) > 1 else 1, len(cols)))  # a short row now and then
        raws.append([draw(st.sampled_from(pool)) for pool in pools[:width]])
    return cols, raws


def _cell_by_cell(cols: list[C.Col], raws: list[list[Any]]) -> tuple[list[list[Any]], list[tuple[int, int, str]]]:
    readers = [cells.fast_reader(col) for col in cols]
    rows, bad = [], []
    for position, raw in enumerate(raws):
        row: list[Any] = []
        for slot, read in enumerate(readers):
            value = raw[slot] if slot < len(raw) else None
            try:
                row.append(read(value))
            except cells.CellError as exc:
                row.append(None)
                bad.append((position, slot, str(exc)))
        rows.append([*row, None])
    return rows, bad


@settings(max_examples=300, deadline=None)
@given(batches())
def test_a_batch_read_by_columns_equals_the_same_batch_read_cell_by_cell(
    batch: tuple[list[C.Col], list[list[Any]]],
) -> None:
    cols, raws = batch
    readers = [(slot, column_cells.ColumnReader(col)) for slot, col in enumerate(cols)]
    rows, bad = column_cells.read_batch(readers, raws, len(cols), [None])
    expected_rows, expected_bad = _cell_by_cell(cols, raws)
    assert [(p, s, str(e)) for p, s, _v, e in bad] == expected_bad
    good = {p for p, _s, _m in expected_bad}
    for position, (row, expected) in enumerate(zip(rows, expected_rows, strict=True)):
        if position not in good:
            assert row == expected and [type(v) for v in row] == [type(v) for v in expected]
    slots = [*range(len(cols)), None]  # a hashed field missing from the file counts as blank
    hashed = [[*row[: len(cols)], None] for row in expected_rows]
    assert column_cells.row_hashes(rows, slots) == [cells.row_hash(values) for values in hashed]


def test_a_county_column_of_ids_is_checked_and_a_wrong_one_is_named() -> None:
    col = next(c for c in C.MEMBERS.columns if c.kind == C.IDNUM)
    wrong = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")
    raws = [[GOOD_ID]] * 50 + [[wrong]] + [[GOOD_ID.replace("X", "x")]]
    rows, bad = column_cells.read_batch([(0, column_cells.ColumnReader(col))], raws, 1, [])
    assert [row[0] for row in rows[:50]] == [GOOD_ID] * 50
    assert [(p, str(e)) for p, _s, _v, e in bad] == [(50, f"身份证号码 {idnumber.mask(wrong)} 无效：" + str(
        idnumber.check(wrong).reason))]  # fmt: skip
    assert rows[50][0] is None
