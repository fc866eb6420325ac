"""Reading an exchange workbook (ours, possibly edited and re-saved by Excel, WPS or LibreOffice) into records.

Columns are found by their header, so a county clerk may reorder or add columns. Each row's hidden check
(``行校验``) tells whether it was edited since export: an unchanged row goes to the merge as the exact
state it was exported from; an edited row as a new state derived from that version, made by the workbook.
Rows added in the spreadsheet (no record id) are matched by their natural key (typed_rows): new records
the first time, the same records on every later import.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.services.exchange import cells, column_cells, safety, sheet_process, typed_rows
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import columns_assist as CA
from desktop_app.services.exchange.errors import STEPS, ExchangeCancelled, Reporter, tick
from desktop_app.services.exchange.event_details import Composer
from desktop_app.services.exchange.reader import Book, SheetData
from desktop_app.services.exchange.spill import RowSpill
from desktop_app.services.exchange.structure import StreamFacts, check_structure
from desktop_app.services.exchange.validation import Problem, Report, shown_value
from desktop_app.storage.bulk import no_cycle_collection
from desktop_app.storage.types import new_uuid


class Values:
    """A row's parsed values by field, stored as a list against the sheet's shared field index.

    A county file holds hundreds of thousands of rows: a list per row instead of a dict per row keeps the
    parsed workbook at a fraction of the memory. Fields set later (resolved ids) go to a small overflow."""

    __slots__ = ("_index", "_data", "_extra")

    def __init__(self, index: dict[str, int], data: list[Any]) -> None:
        self._index = index
        self._data = data
        self._extra: dict[str, Any] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        i = self._index.get(key)
        if i is not None:
            return self._data[i]
        return self._extra.get(key, default) if self._extra else default

    def __getitem__(self, key: str) -> Any:
        i = self._index.get(key)
        if i is not None:
            return self._data[i]
        if self._extra and key in self._extra:
            return self._extra[key]
        raise KeyError(key)

    def __setitem__(self, key: str, value: Any) -> None:
        i = self._index.get(key)
        if i is not None:
            self._data[i] = value
        else:
            if self._extra is None:
                self._extra = {}
            self._extra[key] = value

    def __contains__(self, key: object) -> bool:
        return key in self._index or bool(self._extra and key in self._extra)


@dataclass(slots=True)
class Row:
    number: int  # spreadsheet row (1-based)
    values: Any  # Values (or a dict): field -> parsed value (only columns present in the file)
    household: str  # household number the row belongs to
    edited: bool = False
    new: bool = False


@dataclass(slots=True)
class HouseholdFact:
    """What the cross-sheet checks and the link resolution need of one household row."""

    row: int  # spreadsheet row
    key: str  # the household number as the other sheets refer to it
    number: str
    id: str
    size: int | None
    village_code: str
    group_name: str | None
    cadre_name: str | None
    cadre_id: str | None


@dataclass
class Facts:
    """Collected while the big sheets are parsed (their rows go to a spill file)."""

    households: list[HouseholdFact] = field(default_factory=list)
    members: list[tuple[int, str, str | None, bool]] = field(default_factory=list)  # row, household, ID, active
    member_ids: set[str] = field(default_factory=set)
    children: dict[str, set[str]] = field(default_factory=dict)  # table -> household numbers referenced


@dataclass
class ParsedWorkbook:
    metadata: dict[str, str]
    rows: dict[str, list[Row]] = field(default_factory=dict)  # small tables (areas, cadres, tombstones)
    spills: dict[str, RowSpill] = field(default_factory=dict)  # households, members, measures, events
    present: dict[str, set[str]] = field(default_factory=dict)  # fields present per table
    facts: Facts = field(default_factory=Facts)
    links: dict[int, dict[str, Any]] = field(default_factory=dict)  # household row -> resolved village/group/cadre
    household_ids: dict[str, str] = field(default_factory=dict)  # household number -> record id

    def count(self, table: str) -> int:
        spill = self.spills.get(table)
        return len(spill) if spill is not None else len(self.rows.get(table, []))

    def close(self) -> None:
        for spill in self.spills.values():
            spill.close()


def is_exchange_workbook(book: Book) -> bool:
    meta = book.sheet(C.METADATA_SHEET)
    return bool(meta and meta.rows and len(meta.rows[0]) > 1 and str(meta.rows[0][1]).strip() == C.FORMAT_NAME)


def read_metadata(sheet: SheetData) -> dict[str, str]:
    out = {}
    for row in sheet.rows or []:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            out[row[0].strip()] = cells.cell_text(row[1])
    return out


ROWS_PER_TICK = 4096
PARSE_SHARE = 900  # of STEPS: reading and checking the sheets; the cross-sheet checks take the rest


def parse_workbook(book: Book, report: Report, progress: Reporter | None = None) -> ParsedWorkbook:
    """Every sheet read and checked; ``progress`` hears of it every ROWS_PER_TICK rows (and may cancel).

    The largest data sheet of a county workbook is read by a second process meanwhile (sheet_process)."""
    meta_sheet = book.sheet(C.METADATA_SHEET)
    parsed = ParsedWorkbook(metadata=read_metadata(meta_sheet) if meta_sheet else {})
    version_problem = format_version_problem(parsed.metadata.get("格式版本", ""))
    if version_problem is not None:
        report.add(Problem(C.METADATA_SHEET, 2, "格式版本", parsed.metadata.get("格式版本", ""), version_problem))
    specs = (*C.DATA_SHEETS, *CA.LEDGER_SHEETS, C.TOMBSTONES)
    helper = sheet_process.start(book, {s.name: s.table for s in C.DATA_SHEETS if s.table in CARD_TABLES})
    elsewhere = helper.job.sheet.name if helper is not None else None
    book.read_elsewhere = helper.bytes_read if helper is not None else None
    book.expect([spec.name for spec in specs if spec.name != elsewhere])
    try:
        at = 0
        for number, spec in enumerate(specs):
            sheet = book.find(spec.name)
            if spec.name == elsewhere:
                at = len(report.problems)  # its problems go here, in sheet order
                continue
            if sheet is None:
                if spec in (C.HOUSEHOLDS, C.MEMBERS):
                    report.add(Problem(spec.name, None, "", "", f"缺少工作表“{spec.name}”"))
                if spec.table not in SPILLED:
                    parsed.rows[spec.table] = []
                parsed.present[spec.table] = set()
                continue
            _parse_sheet(book, sheet, spec, parsed, report, _ticker(book, progress, spec.name, number, len(specs)))
        if helper is not None:
            _take_over(book, helper, parsed, report, at, _ticker(book, progress, helper.job.sheet.name, 0, 1))
    finally:
        book.read_elsewhere = None
        if helper is not None:
            helper.close()
    return parsed


def format_version(metadata: dict[str, str]) -> int:
    """The workbook's format version (the current one when the 说明 sheet does not say)."""
    text = metadata.get("格式版本", "").strip()
    try:
        return int(float(text)) if text else C.FORMAT_VERSION
    except ValueError:
        return C.FORMAT_VERSION


def format_version_problem(text: str) -> str | None:
    """Why a workbook of format version ``text`` cannot be read (None: it can: this version or an older one)."""
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return f"交换文件的格式版本“{text}”无法识别，本程序读取格式版本 {C.READABLE_VERSIONS[0]}–{C.FORMAT_VERSION}"
    major = int(number)
    if major > C.FORMAT_VERSION:
        return f"交换文件的格式版本为 {major}，比本程序能读取的（{C.FORMAT_VERSION}）新：请先升级程序再导入"
    if major not in C.READABLE_VERSIONS:
        return f"交换文件的格式版本 {text} 不受支持，本程序读取格式版本 {C.READABLE_VERSIONS[0]}–{C.FORMAT_VERSION}"
    return None


def _take_over(
    book: Book, helper: sheet_process.SheetProcess, parsed: ParsedWorkbook, report: Report, at: int, ticker: Any
) -> None:
    """The sheet read by the second process: its outcome put where parsing it here would have put it, or
    the sheet read here when the second process failed."""
    job = helper.job
    spec = next(s for s in C.DATA_SHEETS if s.table == job.table)
    outcome = helper.wait(lambda: ticker(0) if ticker is not None else None)
    if outcome is not None and not isinstance(outcome.facts, Facts):
        outcome = None  # without its facts the sheet's households or members would be lost
    spill = None
    if outcome is not None:
        try:
            spill = RowSpill.adopt(job.spill_path, outcome.index, outcome.count)
        except OSError:
            outcome = None
    later = report.problems[at:]
    del report.problems[at:]
    if outcome is None or spill is None:
        book.read_elsewhere = None
        book.expect([spec.name])
        _parse_sheet(book, job.sheet, spec, parsed, report, ticker)
    else:
        report.problems.extend(outcome.problems)
        parsed.present[spec.table] = outcome.present
        parsed.facts.children.setdefault(spec.table, set()).update(outcome.children)
        facts = outcome.facts  # the households' and members' facts: checks and links need them all
        parsed.facts.households.extend(facts.households)
        parsed.facts.members.extend(facts.members)
        parsed.facts.member_ids |= facts.member_ids
        parsed.spills[spec.table] = spill
    report.problems.extend(later)


def parse_elsewhere(job: sheet_process.Job, report_read: Any, stopped: Any) -> tuple[str, Any]:
    """Run in the second process (sheet_process): one sheet read exactly as ``_parse_sheet`` reads it in the
    first, its rows spilled to ``job.spill_path``. Returns ("done", Outcome), or ("failed", why) after
    removing the spill file; ``report_read`` hears of the bytes read, ``stopped()`` true means stop."""
    tempfile.tempdir = job.tempdir
    spec = next(s for s in C.DATA_SHEETS if s.table == job.table)
    book = Book(path=Path(job.path), kind=safety.XLSX, sheets=[job.sheet], entries=job.entries)
    parsed = ParsedWorkbook(metadata={})
    report = Report()

    def ticker(_rows: int) -> None:
        report_read(book.bytes_read())
        if stopped():
            raise ExchangeCancelled()

    try:
        with no_cycle_collection():
            _parse_sheet(book, job.sheet, spec, parsed, report, ticker, spill_path=job.spill_path)
        spill = parsed.spills[spec.table]
        spill.finish()
        children = parsed.facts.children.get(spec.table, set())
        present = parsed.present[spec.table]
        facts = Facts(parsed.facts.households, parsed.facts.members, parsed.facts.member_ids)
        return "done", sheet_process.Outcome(report.problems, present, children, spill.index, len(spill), facts)
    except Exception as exc:  # noqa: BLE001 - whatever it was, the first process reads the sheet itself
        parsed.close()
        with contextlib.suppress(OSError):
            os.unlink(job.spill_path)
        return "failed", type(exc).__name__
    finally:
        book.close()


def _ticker(book: Book, progress: Reporter | None, name: str, number: int, count: int) -> Any:
    """Called with the rows read so far in a sheet: reports the share of the file read (by sheet XML bytes
    for .xlsx, by sheet otherwise)."""
    if progress is None:
        return None

    def report_rows(rows: int) -> None:
        fraction = book.read_fraction()
        if fraction is None:
            fraction = number / count
        tick(progress, int(PARSE_SHARE * fraction), STEPS, f"检查“{name}”表：已读 {rows:,} 行")

    return report_rows


_CHILD_TABLES = frozenset({"member", "measure", "procedure_event"})
# the ledger sheets whose rows belong to a household (the cross-sheet check looks their 户编号 up)
_LEDGER_CHILDREN = frozenset(
    s.table for s in CA.LEDGER_SHEETS if any(c.field == "@household_number" for c in s.columns)
)
CARD_TABLES = frozenset({"household", "member", "measure", "procedure_event"})  # the second process reads one
# every ledger sheet is spilled too: a county's work months and measures delivered run to a million rows
SPILLED = CARD_TABLES | frozenset(CA.LEDGER_TABLES)


def _parse_sheet(
    book: Book,
    sheet: SheetData,
    spec: C.SheetSpec,
    parsed: ParsedWorkbook,
    report: Report,
    ticker: Any = None,
    spill_path: str | None = None,
) -> None:
    stream = book.stream(sheet)
    first = next(stream, None)
    header: list[Any] = first[1] if first is not None and first[0] == 0 else []
    pending = [first] if first is not None and first[0] != 0 else []
    by_header = {c.header: c for c in spec.columns}
    colmap: dict[int, C.Col] = {}
    for i, h in enumerate(header):
        col = by_header.get(cells.cell_text(h).strip())
        if col is not None and not col.derived and col not in colmap.values():
            colmap[i] = col
    found = {c.header for c in colmap.values()}
    for col in spec.columns:
        if col.header not in found and (col.required or col in C.KEY_COLUMNS):
            report.add(Problem(spec.name, 1, col.header, "", f"缺少必需的列“{col.header}”（隐藏列也不能删除）"))
    parsed.present[spec.table] = {c.field for c in colmap.values()}
    hh_field = "number" if spec is C.HOUSEHOLDS else "@household_number"
    hh_col = next((i for i, c in colmap.items() if c.field == hh_field), None)
    watch = {c for c in sheet.hidden_cols if c in colmap and not colmap[c].hidden}
    sheet_facts = StreamFacts(sheet, watch)
    hashed = [spec.columns[i].field for i in C.hashed_columns(spec, format_version(parsed.metadata))]
    is_id = {i for i, c in colmap.items() if c.kind == C.IDNUM}
    fields = [(i, col.field) for i, col in colmap.items()]
    index = {name: n for n, (_i, name) in enumerate(fields)}
    if "id" not in index:
        index["id"] = len(index)
    if spec is C.EVENTS and "data" not in index and any(f.startswith("@d:") for f in index):
        index["data"] = len(index)  # the hidden 详细数据 column deleted: the detail columns still fill it
        parsed.present[spec.table].add("data")
    composer = Composer(colmap, index) if spec is C.EVENTS else None
    if composer is not None and not composer.active:
        composer = None  # a workbook of format 1 or 2: its 详细数据 holds every detail
    children = _CHILD_TABLES | _LEDGER_CHILDREN
    if spec.table in children and "household_id" not in index:
        index["household_id"] = len(index)  # set for every row later: a slot, not a dict per row
    rows: list[Row] = []
    batch = _Batch(
        spec=spec,
        parsed=parsed,
        report=report,
        colmap=colmap,
        is_id=is_id,
        index=index,
        readers=[(i, column_cells.ColumnReader(col)) for i, col in colmap.items()],
        hashed=[index.get(f) for f in hashed],
        composer=composer,
        spill=RowSpill(index, spill_path) if spec.table in SPILLED else None,
        rows=rows,
        referenced=parsed.facts.children.setdefault(spec.table, set()) if spec.table in children else set(),
    )
    households: dict[str, str] = {}  # one string object per household number, shared by its rows
    watching = bool(sheet_facts.want_households or sheet_facts.want_values or sheet_facts.want_rows or watch)
    count = 0
    for r, raw in itertools.chain(pending, stream):
        count += 1
        if ticker is not None and not count % ROWS_PER_TICK:
            ticker(count)
        if not any(raw) and all(cells.is_blank(v) for v in raw):
            continue
        household = ""
        if hh_col is not None and hh_col < len(raw):
            cell = raw[hh_col]
            household = (cell if type(cell) is str else cells.cell_text(cell)).strip()
            household = households.setdefault(household, household)
        if watching:
            sheet_facts.see(r, raw, household)
        batch.add(r, raw, household)
    batch.finish()
    spill = batch.spill
    check_structure(sheet, spec, colmap, report, sheet_facts)
    if spill is not None:
        parsed.spills[spec.table] = spill
    else:
        parsed.rows[spec.table] = rows


BATCH_ROWS = 1024  # rows read column by column at a time (column_cells)


@dataclass
class _Batch:
    """The rows of a sheet gathered and read a batch at a time: the cells column by column, then each row's
    problems, details, row check, facts and spill, in sheet order."""

    spec: C.SheetSpec
    parsed: ParsedWorkbook
    report: Report
    colmap: dict[int, C.Col]
    is_id: set[int]
    index: dict[str, int]
    readers: list[tuple[int, column_cells.ColumnReader]]
    hashed: list[int | None]  # the slot of each field of the row check (None: not in the file)
    composer: Composer | None
    spill: RowSpill | None
    rows: list[Row]
    referenced: set[str]
    pending: list[tuple[int, list[Any], str]] = field(default_factory=list)
    width: int = 0  # one more than the largest column index read (shorter rows are padded)

    def __post_init__(self) -> None:
        self.width = max((i for i, _r in self.readers), default=-1) + 1

    def add(self, r: int, raw: list[Any], household: str) -> None:
        self.pending.append((r, raw, household))
        if len(self.pending) >= BATCH_ROWS:
            self.finish()

    def finish(self) -> None:
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        spec, report, colmap, index = self.spec, self.report, self.colmap, self.index
        tail: list[Any] = [None] * (len(index) + 1 - len(self.readers))  # + the row check's blank
        datas, bad = column_cells.read_batch(self.readers, [raw for _r, raw, _h in pending], self.width, tail)
        no_household = spec is C.AREAS or spec is C.CADRES
        id_slot = index["id"]
        number_slot = index.get("number") if spec is C.HOUSEHOLDS else None
        hash_slot = index.get("@hash")
        composer = self.composer
        problems = iter(bad)
        problem = next(problems, None)
        states: list[tuple[bool, bool]] = []
        checked: list[int] = []  # positions of the rows with an id: their row check is compared
        for position, ((r, raw, household), data) in enumerate(zip(pending, datas, strict=True)):
            while problem is not None and problem[0] == position:
                i = self.readers[problem[1]][0]
                report.add(
                    Problem(
                        spec.name,
                        r + 1,
                        colmap[i].header,
                        shown_value(problem[2], is_id=i in self.is_id),
                        str(problem[3]),
                        None if no_household else household or None,
                        i,
                    )
                )
                problem = next(problems, None)
            if composer is not None:
                composer.resolve(raw, data)
                composer.compose(data)
            # A row with a bad cell still belongs to its household (sizes, duplicates); its household is never
            # written, since every problem blocks its household (or the whole file).
            if not data[id_slot]:
                # a typed household is known by its number (typed_rows); the other typed rows get their ids
                # when they are merged, once their household's id is known
                data[id_slot] = (
                    typed_rows.household_id(data[number_slot] or "") if number_slot is not None else new_uuid()
                )
                states.append((True, True))
            else:
                states.append((False, False))
                checked.append(position)
        if checked:
            hashes = column_cells.row_hashes([datas[p] for p in checked], self.hashed)
            for position, digest in zip(checked, hashes, strict=True):
                data = datas[position]
                states[position] = (digest != (data[hash_slot] if hash_slot is not None else None), False)
                if hash_slot is not None:
                    data[hash_slot] = None  # not needed any more: memory for the next rows
        for (r, _raw, household), data, (edited, new) in zip(pending, datas, states, strict=True):
            self._keep(r, "" if no_household else household, data, edited, new)

    def _keep(self, r: int, household: str, data: list[Any], edited: bool, new: bool) -> None:
        spec, index = self.spec, self.index
        if self.spill is None:
            self.rows.append(Row(number=r + 1, values=Values(index, data), household=household, edited=edited, new=new))
            return
        facts = self.parsed.facts
        if spec is C.HOUSEHOLDS:
            values = Values(index, data)
            facts.households.append(
                HouseholdFact(
                    row=r + 1,
                    key=household,
                    number=values.get("number") or "",
                    id=data[index["id"]],
                    size=values.get("size"),
                    village_code=values.get("@village_code") or "",
                    group_name=values.get("@group_name"),
                    cadre_name=values.get("@cadre_name"),
                    cadre_id=values.get("cadre_id"),
                )
            )
        elif spec is C.MEMBERS:
            values = Values(index, data)
            facts.members.append((r + 1, household, values.get("id_number"), values.get("active", True) is not False))
            facts.member_ids.add(data[index["id"]])
            self.referenced.add(household)
        else:
            self.referenced.add(household)
        self.spill.append((r + 1, household, edited, new, data))


def spilled_rows(parsed: ParsedWorkbook, table: str) -> Iterator[Row]:
    """The rows of a spilled sheet read back, in sheet order."""
    spill = parsed.spills.get(table)
    if spill is None:
        return
    index = spill.index
    for batch in spill.batches():
        for number, household, edited, new, data in batch:
            yield Row(number=number, values=Values(index, data), household=household, edited=edited, new=new)


def stamp_of(path_mtime: float) -> datetime:
    return datetime.fromtimestamp(path_mtime, UTC)
