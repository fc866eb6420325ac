"""The procedure sheet's details and codes as columns (format version 3), both ways.

A step's details (``ProcedureEvent.data``) are written one readable column per detail (columns.EVENT_DETAILS),
and each labelled value (环节, 结果, 申请方式 …) has its code in a hidden column beside it. Export splits:
a value goes to its column only when reading that cell gives the very same value back (type included),
anything else stays in the hidden 详细数据 cell as before, so import puts the same dict together again. The row
check covers that dict whole (and the step and outcome codes), as in format 2: an untouched row still
matches, and the check costs what it did. Import resolves each label against its hidden code first: a
label that still reads as the code's label means that code (two codes may share a label); an edited label is
read as a label. A workbook of format 1 or 2 has neither the new columns nor the codes: its 详细数据 holds
all the details, and nothing here changes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desktop_app import catalog
from desktop_app.domain.labels import vocabulary
from desktop_app.services.exchange import cells
from desktop_app.services.exchange import columns as C

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _text(value: Any) -> bool:
    return type(value) is str and value != "" and value == value.strip(cells.SPACES)


def _integer(value: Any) -> bool:
    return type(value) is int and -(10**15) < value < 10**15


def _fen(value: Any) -> bool:
    return type(value) is int and -(10**13) < value < 10**13


def _code(value: Any) -> bool:
    return type(value) is str and value != "" and value == value.strip()


def _day(value: Any) -> bool:
    if type(value) is not str or not _ISO_DAY.match(value):
        return False
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


_FITS: Mapping[str, Callable[[Any], bool]] = {
    "text": _text,
    "int": _integer,
    "money": _fen,
    "code": _code,
    "date": _day,
}


def _labels_of(vocab: str) -> dict[str, str]:
    return {code: catalog.label(vocab, code) for code in vocabulary(vocab)}


class Splitter:
    """Export: fills a row's detail and code slots from the event's step, outcome and details."""

    def __init__(self, fields: list[str]) -> None:
        at = {name: i for i, name in enumerate(fields)}
        self.data_at = at["data"]
        self.pairs = [(at[label], at[code]) for label, code, _v in C.EVENT_CODE_PAIRS if label[0] != "@"]
        self.details: dict[str, tuple[int, Callable[[Any], bool], bool, int | None]] = {}
        for key, kind in C.EVENT_DETAILS:
            field = C.detail_field(key)
            code_at = at.get(C.code_field(field)) if kind == "code" else None
            self.details[key] = (at[field], _FITS[kind], kind == "date", code_at)

    def __call__(self, values: list[Any]) -> dict[str, Any] | None:
        """Fills the slots; ``values[data_at]`` keeps the whole details (what the row check covers) and the
        return value is what the hidden 详细数据 cell gets: the details without a column of their own."""
        for label_at, code_at in self.pairs:
            values[code_at] = values[label_at]
        data = values[self.data_at]
        if not data:
            return None
        rest: dict[str, Any] | None = None
        details = self.details
        for key, value in data.items():
            slot = details.get(key)
            if slot is not None and slot[1](value):
                values[slot[0]] = date.fromisoformat(value) if slot[2] else value
                if slot[3] is not None:
                    values[slot[3]] = value
            else:
                if rest is None:
                    rest = {}
                rest[key] = value
        return rest


class Composer:
    """Import: the codes taken from the hidden columns, then the details put back into the one ``data`` value,
    both before the row check (which covers ``data`` whole, as the export's did). Built per sheet from the
    columns the file has."""

    def __init__(self, colmap: Mapping[int, C.Col], index: dict[str, int]) -> None:
        raw_of = {col.field: i for i, col in colmap.items()}
        self.pairs: list[tuple[int, int, int, dict[str, str]]] = []
        for label, code, vocab in C.EVENT_CODE_PAIRS:
            if label in raw_of and code in index and label in index:
                self.pairs.append((raw_of[label], index[label], index[code], _labels_of(vocab)))
        kinds = dict(C.EVENT_DETAILS)
        self.details = [
            (index[C.detail_field(key)], key, kinds[key] == "date")
            for key, _kind in C.EVENT_DETAILS
            if C.detail_field(key) in index
        ]
        self.data_at = index.get("data")
        self.codes = [index[code] for _l, code, _v in C.EVENT_CODE_PAIRS if code in index]

    @property
    def active(self) -> bool:
        return bool(self.pairs or self.details)

    def resolve(self, raw: list[Any], data: list[Any]) -> None:
        """A label still as exported means the hidden code (exactly that code, whatever else shares the label)."""
        width = len(raw)
        for raw_at, label_at, code_at, labels in self.pairs:
            code = data[code_at]
            if not code:
                continue
            cell = raw[raw_at] if raw_at < width else None
            text = cell.strip() if type(cell) is str else cells.cell_text(cell).strip()
            if labels.get(code, code) == text:
                data[label_at] = code

    def compose(self, data: list[Any]) -> None:
        """The detail columns put back into ``data`` (their slots and the codes' emptied: the row is spilled)."""
        for at in self.codes:
            data[at] = None
        if self.data_at is None:
            return
        extra: dict[str, Any] | None = None
        for at, key, is_day in self.details:
            value = data[at]
            if value is not None:
                if extra is None:
                    extra = {}
                extra[key] = value.isoformat() if is_day else value
                data[at] = None
        if extra:
            base = data[self.data_at]
            data[self.data_at] = {**base, **extra} if base else extra
