"""Importing a national layout: its column map becomes the county roster's header → field map.

A sheet whose header row (anywhere in the first ten rows) matches a layout (services.exchange.layouts) is read
by the roster pipeline (rosters.parse_rows → roster_merge.apply_roster): the same merge, change log, idempotence and
area handling as every roster. This module only turns the layout's columns into roster fields and cell readers:

- ``area.*``, ``household.number``, ``member.<field>`` and ``household.<field>`` of a stored column are
  imported, each cell read in its layout format (domain.layout_values; labels or codes for coded columns);
- the monitoring columns (``case.*``, ``@case_removed``, ``removal.*``, ``measure.*``) are read with each
  row and written by layout_cases (the household's monitoring case and help measures);
- the ``work.*`` columns of a work-month sheet are written by layout_work (one work month per row);
- columns whose values are not stored (income record, derived ``@…`` values, ``"import":
  false``) are listed as 不导入的列 in the outcome; their cells are still checked against their format (a
  date that is not YYYYMM is reported), but nothing of them is written;
- a header in the header row that is not in the layout is a problem (row, header, why): nothing is written.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from desktop_app.services.exchange import layout_cases, layout_work, reader_process
from desktop_app.services.exchange import layouts as L
from desktop_app.services.exchange.errors import ExchangeError
from desktop_app.services.exchange.layout_columns import column_plan
from desktop_app.services.exchange.reader import Book, SheetData
from desktop_app.services.exchange.rosters import FIELDS, ParsedRoster, parse_rows
from desktop_app.services.exchange.validation import Problem, Report


def parse_book(session: Session, book: Book, report: Report, *, create_areas: bool = False) -> ParsedRoster | None:
    """The first visible sheet of ``book`` in a national layout, read as a roster; None: no such sheet.

    Only the sheet's first rows are read to recognise it, then only the columns that are read (a county
    sheet has 177 columns, most of them not ours): a large .xlsx is streamed in pieces by the reader process
    (in the same pass as the file itself, layout_columns.read_ahead) and never held whole."""
    for sheet in book.sheets:
        if not sheet.visible:
            continue
        if sheet.rows is not None:
            head = sheet.rows[: L.HEADER_SEARCH_ROWS]
        elif sheet.name in book.ahead:
            head = book.ahead[sheet.name][0]
        else:
            head = _part(book, sheet, None)
        found = L.recognise(head or [])
        if found is not None:
            return parse_layout(session, book, sheet, found, report, create_areas=create_areas)
    return None


def _part(book: Book, sheet: SheetData, columns: tuple[int, ...] | None) -> list[list[Any]]:
    head = 0 if columns is not None else L.HEADER_SEARCH_ROWS
    if sheet.rows is not None:
        return [[row[c] if c < len(row) else "" for c in columns] for row in sheet.rows] if columns else sheet.rows
    ahead = book.ahead.get(sheet.name)
    if ahead is not None and columns is not None and ahead[1] == columns:
        del book.ahead[sheet.name]  # handed over once: the rows are not kept twice
        return ahead[2]
    if book.remote is not None:  # read by the reader process, as every file of an import
        rows = reader_process.load_sheet_part(book.path, sheet.name, columns=columns, head=head)
        if rows is None:
            raise ExchangeError(f"{book.path.name} 的工作表“{sheet.name}”无法读取。", "sheet not found")
        return rows
    return reader_process.sheet_part(book, sheet, columns, head)


def parse_layout(
    session: Session, book: Book, sheet: SheetData, found: L.Recognised, report: Report, *, create_areas: bool = False
) -> ParsedRoster:
    """The households of ``sheet``, recognised as ``found.layout``, through the roster pipeline (which plans the
    areas the file names and the database lacks, and with ``create_areas`` creates them)."""
    item = found.layout
    plan = column_plan(found)
    table, headers, readers, not_imported = plan.table, plan.headers, plan.readers, plan.not_imported
    for c, text in found.unknown.items():
        report.add(
            Problem(sheet.name, found.header_row + 1, text, "",
                    f"该列不在版式“{item.title}”（{item.name}）中，无法导入；请删去该列，或在县级版式文件中登记它",
                    None, c)
        )  # fmt: skip
    if "name" not in table or "id_number" not in table:
        report.add(
            Problem(sheet.name, found.header_row + 1, "", "",
                    f"版式“{item.title}”缺少“姓名”或“证件号码”列，无法对应到人", None)
        )  # fmt: skip
        return ParsedRoster(sheet=sheet.name, headers=headers, layout=item.name, not_imported=not_imported)
    constants: dict[str, Any] = {}
    if item.rows == "household":  # each row is the household's head
        table.setdefault("relation", FIELDS["relation"])
        constants["relation"] = "01"
    kept = plan.kept
    compact = _compact(sheet, kept, _part(book, sheet, kept))
    first = len(report.problems)
    parsed = parse_rows(
        session,
        compact,
        found.header_row,
        {i: headers[c] for i, c in enumerate(kept)},
        report,
        fields=table,
        readers=readers,
        constants=constants,
        repeated_persons=item.rows == "work_month",
        create_areas=create_areas,
    )
    layout_cases.collect(session, parsed, report, {headers[c]: (i, found.columns[c]) for i, c in enumerate(kept)})
    layout_work.collect(parsed, compact, found.header_row, {i: headers[c] for i, c in enumerate(kept)}, table, readers,
                        report)  # fmt: skip
    for problem in report.problems[first:]:  # the cells as the file has them (the report workbook marks them)
        if problem.col_index is not None and problem.col_index < len(kept):
            problem.col_index = kept[problem.col_index]
    parsed.headers = {c: headers[c] for c in kept}
    parsed.layout, parsed.not_imported = item.name, not_imported
    return parsed


def _compact(sheet: SheetData, kept: tuple[int, ...], rows: list[list[Any]]) -> SheetData:
    """The sheet cut to the columns that are read, its structure marks (formulas, hidden, merged) with them."""
    index = {c: i for i, c in enumerate(kept)}
    merged = []
    for r0, c0, r1, c1 in sheet.merged:
        inside = [index[c] for c in kept if c0 <= c <= c1]
        if inside:
            merged.append((r0, inside[0], r1, inside[-1]))
    return SheetData(
        name=sheet.name,
        rows=rows,
        visible=sheet.visible,
        formulas=[(r, index[c]) for r, c in sheet.formulas if c in index],
        hidden_rows=set(sheet.hidden_rows),
        hidden_cols={index[c] for c in sheet.hidden_cols if c in index},
        merged=merged,
        extent=(sheet.extent[0], len(kept)),
    )
