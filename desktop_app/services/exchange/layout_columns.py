"""Which columns of a sheet in a national layout are read, and how (shared by the import and the reader process).

:func:`column_plan` turns a recognised layout's columns into the county roster's field table and cell readers
(pure: no database); :func:`read_ahead` runs in the reader process and reads the sheet in one pass, its first
rows whole (to recognise it again) and every row cut to the columns the plan reads — the other columns of a
177-column county sheet never leave the reader process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain import layout_values as LV
from desktop_app.services.exchange import cells, layout_cases, layout_work
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import layouts as L
from desktop_app.services.exchange.reader import Book
from desktop_app.services.exchange.rosters import FieldTable
from desktop_app.services.merge import stored_columns

_AREA_FIELDS = {"county": "@county", "township": "@township", "village": "@village", "group": "@group"}
_KINDS = {"id": C.IDNUM, "int": C.INT, "yuan": C.MONEY, "yesno": C.BOOL}
_SILENT = {"@seq"}
# the links (from the area columns) and the per-capita income the app computes from the income fields
_NOT_FROM_FILES = ("village_id", "group_id", "per_capita_income_fen")  # read past without a mention: a row number


@dataclass
class ColumnPlan:
    """How the columns of a recognised sheet are read: the roster field table, column → field, the cell
    readers of the layout formats, the headers not imported, and the columns read (the others never leave
    the reader process)."""

    table: FieldTable = field(default_factory=dict)
    headers: dict[int, str] = field(default_factory=dict)
    readers: dict[str, Any] = field(default_factory=dict)
    not_imported: list[str] = field(default_factory=list)

    @property
    def kept(self) -> tuple[int, ...]:
        return tuple(sorted(self.headers))


def column_plan(found: L.Recognised) -> ColumnPlan:
    """The columns of ``found`` that are read, each as a roster field (pure: the reader process cuts the rows
    to the same columns while it reads the file)."""
    plan = ColumnPlan()
    member_cols, household_cols = stored_columns("member"), stored_columns("household")
    for c, col in sorted(found.columns.items()):
        fld, target = _target(col, member_cols, household_cols)
        if fld is None and (case_field := layout_cases.column_field(col, plan.table)) is not None:
            fld, target = case_field, "m"  # kept with each row, taken per household by layout_cases.collect
        elif fld is None and (work_field := layout_work.column_field(col, found.layout.rows)) is not None:
            fld, target = work_field, ""  # checked by the roster parse, taken per row by layout_work.collect
        if fld is None or fld in plan.table:  # not stored here, or a second column of a stored field: read past
            if col.source not in _SILENT and col.header not in plan.not_imported:
                plan.not_imported.append(col.header)
            if col.source in _SILENT or col.format in ("text", "id") or fld in plan.table:
                continue
            fld, target = f"@unstored{c}", ""  # still checked: a value that cannot be mapped is reported
        kind = C.KEYTEXT if col.format == "text" else _KINDS.get(col.format, C.TEXT)
        plan.table[fld] = ((col.header,), kind, None, target)
        plan.headers[c] = fld
        special = _reader(col)
        if special is not None:
            plan.readers[fld] = special
    return plan


SHARED_TEXTS = 2048  # distinct texts per column shared as one object each (beyond: names, IDs — kept as read)


def read_ahead(book: Book) -> None:
    """In the reader process: the first visible sheet in a national layout, read in one pass — its first
    rows whole (to recognise it again), every row cut to the columns that are read (``book.ahead``)."""
    for sheet in book.sheets:
        if not sheet.visible or sheet.rows is not None:
            continue
        rows: list[list[Any]] = []
        kept: tuple[int, ...] | None = None
        width, shared = 0, list[dict[str, str]]()
        head: list[list[Any]] = []
        stream = book.stream(sheet)
        try:
            for r, row in stream:
                if kept is None:
                    if r < L.HEADER_SEARCH_ROWS:
                        head.extend([] for _ in range(r - len(head)))
                        head.append(row)
                        continue
                    found = L.recognise(head)
                    if found is None:
                        break
                    kept = column_plan(found).kept
                    rows = [[line[c] if c < len(line) else "" for c in kept] for line in head]
                    width, shared = len(kept), [{} for _ in kept]
                rows.extend([] for _ in range(r - len(rows)))
                cut = [row[c] if c < len(row) else "" for c in kept]
                for i in range(width):  # one object per distinct text of a column: a county sheet repeats
                    value = cut[i]  # 男, 汉族, 户主, 是 … 100,000 times (memory here, in the answer and after)
                    if value.__class__ is str:
                        texts = shared[i]
                        if len(texts) < SHARED_TEXTS:
                            cut[i] = texts.setdefault(value, value)
                        else:
                            cut[i] = texts.get(value, value)
                rows.append(cut)
        finally:
            stream.close()  # type: ignore[attr-defined]  # a generator: its piece reader stops at once
        if kept is None:  # ten rows or fewer: recognised from what there is
            found = L.recognise(head)
            if found is None:
                continue
            kept = column_plan(found).kept
            rows = [[line[c] if c < len(line) else "" for c in kept] for line in head]
        book.ahead[sheet.name] = (head, kept, rows)
        return


def _target(col: L.LayoutColumn, member_cols: dict[str, Any], household_cols: dict[str, Any]) -> tuple[str | None, str]:
    """The roster field a layout column fills and whether it is a member ("m") or household ("h") field."""
    if not col.imported:
        return None, ""
    scope, name = col.scope, col.field
    if scope == "area" and name in _AREA_FIELDS:
        return _AREA_FIELDS[name], ""
    if scope == "household" and name == "number":
        return "@number", ""
    if col.source == "@person_number":  # 人编号: a person without an ID in the file is matched by it
        return "@person_number", "m"
    if scope == "member" and name in member_cols and name not in ("household_id", "active", "sort_order"):
        return name, "m"
    if scope == "household" and name in household_cols and name not in _NOT_FROM_FILES:
        return name, "h"
    return None, ""


def _reader(col: L.LayoutColumn) -> Callable[[Any], Any] | None:
    """A cell reader for the layout formats the roster's own readers do not know (None: theirs)."""
    header, fmt, codelist = col.header, col.format, col.codelist or ""
    if fmt == "code":

        def code(value: Any) -> Any:
            if cells.is_blank(value):
                return None
            text = cells.cell_text(value).strip()
            found = L.code_of(codelist, text)
            if found is None:
                raise cells.CellError(f"“{header}”的值“{cells.quoted(text)}”不在代码表中")
            return found

        return code
    if fmt == "codes":

        def codes(value: Any) -> Any:
            if cells.is_blank(value):
                return None
            try:
                return ",".join(LV.read_codes(cells.cell_text(value), lambda t: L.code_of(codelist, t)))
            except LV.LayoutValueError as exc:
                raise cells.CellError(f"“{header}”：{exc}") from exc

        return codes
    parse = {"year": LV.read_year, "yyyymm": LV.read_yyyymm, "yyyymmdd": LV.read_yyyymmdd}.get(fmt)
    if parse is None:
        return None

    def dated(value: Any) -> Any:
        if cells.is_blank(value):
            return None
        try:
            return parse(value)
        except LV.LayoutValueError as exc:
            raise cells.CellError(f"“{header}”{exc}") from exc

    return dated
