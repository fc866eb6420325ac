"""Reading a batch of rows column by column: the same values and the same problems as ``cells.fast_reader``
cell by cell, with the loop in C wherever a column allows it.

A county sheet holds millions of cells and most columns repeat a few values (codes, yes/no, dates, amounts)
or are plain texts. Reading a column of a batch, each distinct value is read once and the column mapped
through the answers (``map`` over a dict), a column of non-empty texts is taken as it is, and any other
column is mapped through its reader; only a column with a bad cell is read again cell by cell, to name each
bad cell. The row check (``cells.row_hash``) is computed the same way: each hashed column turned into its
canonical texts at once, the texts of a row joined in C.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from desktop_app.services.exchange import cells
from desktop_app.services.exchange import columns as C

Reader = Callable[[Any], Any]
# a bad cell of a batch: (row position in the batch, reader position, the cell's value, the error)
BadCell = tuple[int, int, Any, cells.CellError]

# kinds whose readers give immutable values, so that one answer may stand for every equal cell
_SHAREABLE = frozenset(
    {C.TEXT, C.KEYTEXT, C.IDNUM, C.CODE, C.CODES, C.LABELLED, C.BOOL, C.INT, C.MONEY, C.DECIMAL, C.DATE, C.STAMP}
)
_NUMBERS = frozenset({bool, int, float})  # equal across types (1 == 1.0 == True): never one answer for them
_STR = frozenset({str})
_NONE = type(None)


class ColumnReader:
    """One column's reader for whole batches (``read``), built from ``cells.fast_reader(col)``."""

    __slots__ = ("one", "kind", "shareable", "strip")

    def __init__(self, col: C.Col) -> None:
        self.one: Reader = cells.fast_reader(col)
        self.kind = col.kind
        self.shareable = col.kind in _SHAREABLE
        self.strip = cells.keytext_strip(col) if col.kind == C.KEYTEXT else None

    def read(self, values: Sequence[Any]) -> list[Any] | None:
        """The column's values, or None when a cell is bad (``read_cells`` then names each)."""
        types = set(map(type, values))
        if types == _STR:
            if self.kind == C.TEXT and "" not in values:
                return list(values)  # what the text reader returns for a non-empty text: the text
            if self.kind == C.KEYTEXT:
                stripped = list(map(str.strip, values, itertools.repeat(self.strip)))
                if "" not in stripped:
                    return stripped
        if self.shareable and len(types & _NUMBERS) <= 1:
            distinct = set(values)
            if 2 * len(distinct) <= len(values):
                answers: dict[Any, Any] = {}
                one = self.one
                try:
                    for value in distinct:
                        answers[value] = one(value)
                except cells.CellError:
                    return None
                return list(map(answers.__getitem__, values))
        try:
            return list(map(self.one, values))
        except cells.CellError:
            return None

    def read_cells(self, values: Sequence[Any], slot: int, bad: list[BadCell]) -> list[Any]:
        """Cell by cell: the good values, None for a bad cell, each bad cell added to ``bad``."""
        one = self.one
        out: list[Any] = []
        for position, value in enumerate(values):
            try:
                out.append(one(value))
            except cells.CellError as exc:
                out.append(None)
                bad.append((position, slot, value, exc))
        return out


def read_batch(
    readers: Sequence[tuple[int, ColumnReader]], raws: Sequence[list[Any]], width: int, tail: list[Any]
) -> tuple[list[list[Any]], list[BadCell]]:
    """The parsed rows of ``raws`` (each a list: the readers' values in order, then ``tail``'s slots) and the
    bad cells, in row order and column order within a row, as the cell-by-cell loop found them.

    ``readers`` pairs each spreadsheet column index with its reader; ``width`` is one more than the largest
    index (shorter rows are padded with None, as a missing cell reads)."""
    padded = [raw if len(raw) >= width else raw + [None] * (width - len(raw)) for raw in raws]
    bad: list[BadCell] = []
    columns: list[list[Any]] = []
    for slot, (index, reader) in enumerate(readers):
        values = list(map(operator.itemgetter(index), padded))
        out = reader.read(values)
        if out is None:
            out = reader.read_cells(values, slot, bad)
        columns.append(out)
    if columns:
        rows = [[*values, *tail] for values in zip(*columns, strict=True)]
    else:
        rows = [tail.copy() for _ in padded]
    bad.sort(key=operator.itemgetter(0, 1))
    return rows, bad


# types whose equal values have the same canonical text (True == 1 and both are "1"), so that a column of
# them may be turned into texts by its distinct values; not floats (-0.0 == 0.0, "-0" and "0")
_CANON_BY_VALUE = frozenset({str, bool, int, date, _NONE})


def canon_column(values: list[Any]) -> list[str] | Sequence[str]:
    """``cells.canon`` of each value, a whole column at a time where its type allows."""
    types = set(map(type, values))
    if types == _STR:
        return values
    if len(types) == 1:
        of_type = cells.CANON_OF_TYPE.get(next(iter(types)))
        if of_type is not None:
            return list(map(of_type, values))
        if _NONE in types:
            return [""] * len(values)
    canon = cells.canon
    if types <= _CANON_BY_VALUE:
        distinct = set(values)
        if 2 * len(distinct) <= len(values):
            texts = {value: canon(value) for value in distinct}
            return list(map(texts.__getitem__, values))
    return [v if type(v) is str else "" if v is None else canon(v) for v in values]


def row_hashes(rows: Sequence[list[Any]], slots: Sequence[int | None]) -> list[str]:
    """``cells.row_hash`` of each row's values at ``slots`` (None: a field missing from the file, blank)."""
    if not slots:
        return [hashlib.sha1(b"").hexdigest()[:16]] * len(rows)
    blank = [""] * len(rows)
    texts = [canon_column(list(map(operator.itemgetter(s), rows))) if s is not None else blank for s in slots]
    sha1 = hashlib.sha1
    return [sha1(text.encode("utf-8")).hexdigest()[:16] for text in map("\x1f".join, zip(*texts, strict=True))]
