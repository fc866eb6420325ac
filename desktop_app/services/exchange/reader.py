"""Reading any supported file into plain rows: .xlsx and .ods (after the safety scan), legacy .xls, CSV.

python-calamine does the reading (ten times faster than openpyxl here, and it reads .xls); its values are
used as they come (floats for numbers, ``date`` for dates, "" for blanks) and normalised per column by
``cells.read_cell``. Formulas are never evaluated: calamine returns the value cached in the file and the
safety scan reports where formulas were, so they are refused as errors. Every library failure becomes one
ExchangeError with a Chinese message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain import text_encoding
from desktop_app.domain.errors import DomainError
from desktop_app.services.exchange import safety
from desktop_app.services.exchange.errors import ExchangeError


@dataclass
class SheetData:
    name: str
    rows: list[list[Any]] | None  # rows[0] is spreadsheet row 1 (offsets applied); None until loaded
    visible: bool = True
    formulas: list[tuple[int, int]] = field(default_factory=list)  # 0-based (row, column)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    extent: tuple[int, int] = (0, 0)  # rows, columns of its range as the safety scan saw it (.xlsx)


@dataclass
class Book:
    """A file's sheets. Workbook sheets are loaded one at a time on demand and can be released again,
    so that a county workbook is never in memory all at once."""

    path: Path
    kind: str  # xlsx, xls, ods, csv
    sheets: list[SheetData]
    encoding: str | None = None  # CSV only
    entries: dict[str, str] = field(default_factory=dict)  # xlsx: sheet name → zip entry, read in pieces
    read_elsewhere: Any = None  # () -> sheet XML bytes of this file read by another process (progress)
    # read by the reader process (reader_process): its sheets load there too, through this function
    # (path, sheet name) -> rows, or None when the sheet is not there
    remote: Callable[[Path, str], list[list[Any]] | None] | None = None
    # sheet name -> (its first rows whole, the columns kept, every row cut to them): a sheet in a national
    # layout, read ahead by the reader process in the same pass as the file (layout_import.read_ahead)
    ahead: dict[str, tuple[list[list[Any]], tuple[int, ...], list[list[Any]]]] = field(default_factory=dict)
    _handle: Any = None
    _pieces: Any = None

    def sheet(self, name: str) -> SheetData | None:
        found = next((s for s in self.sheets if s.name == name), None)
        if found is not None and found.rows is None:
            self._load(found)
        return found

    def find(self, name: str) -> SheetData | None:
        """The sheet named ``name`` without loading its rows."""
        return next((s for s in self.sheets if s.name == name), None)

    def stream(self, sheet: SheetData) -> Iterator[tuple[int, list[Any]]]:
        """(0-based row index, cells) of each row, without holding the whole sheet as Python lists.

        ``sheet.merged`` is filled once the first row has been produced."""
        if sheet.rows is not None:
            yield from enumerate(sheet.rows)
            return
        if self.kind == safety.XLSX and sheet.name in self.entries:
            yield from self._stream_pieces(sheet)
            return
        import python_calamine as pc

        try:
            if self._handle is None:
                self._handle = pc.CalamineWorkbook.from_path(str(self.path))
            data = self._handle.get_sheet_by_name(sheet.name)
            r0, c0 = data.start or (0, 0)
            sheet.merged = [(a[0], a[1], b[0], b[1]) for a, b in (data.merged_cell_ranges or [])]
            rows = data.iter_rows()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - calamine's errors (even a Rust panic) become one message
            raise _calamine_error(self.path, exc) from exc
        pad = [""] * c0
        for i, row in enumerate(rows):  # iter_rows starts at row 0 (padded) but at the first used column
            yield i, (pad + row if c0 else row)

    def expect(self, names: list[str]) -> None:
        """The sheets about to be streamed, in order (an .xlsx prepares the next one in the background)."""
        if self.kind == safety.XLSX and self.entries:
            self._piece_reader().expect(names)

    def _piece_reader(self) -> Any:
        from desktop_app.services.exchange.xlsx_pieces import PieceReader

        if self._pieces is None:
            self._pieces = PieceReader(self.path, self.entries)
        return self._pieces

    def _stream_pieces(self, sheet: SheetData) -> Iterator[tuple[int, list[Any]]]:
        """An .xlsx sheet piece by piece (xlsx_pieces): a county sheet never sits in memory whole. Merged
        ranges come from the safety scan."""
        try:
            yield from self._piece_reader().rows(sheet.name)
        except (KeyboardInterrupt, SystemExit, GeneratorExit, ExchangeError):
            raise
        except BaseException as exc:  # noqa: BLE001 - zip, XML and calamine errors (even a Rust panic) alike
            raise _calamine_error(self.path, exc) from exc

    def bytes_read(self) -> int:
        """Sheet XML bytes read so far (xlsx read in pieces only)."""
        return self._pieces.consumed if self._pieces is not None else 0

    def read_fraction(self) -> float | None:
        """How much of the sheet XML has been read, here and elsewhere (xlsx read in pieces only)."""
        if self._pieces is None or not self._pieces.total_bytes:
            return None
        elsewhere = self.read_elsewhere() if self.read_elsewhere is not None else 0
        fraction: float = (self._pieces.consumed + elsewhere) / self._pieces.total_bytes
        return min(1.0, fraction)

    def loaded(self, sheet: SheetData) -> SheetData:
        if sheet.rows is None:
            self._load(sheet)
        return sheet

    def release(self, sheet: SheetData) -> None:
        if self.kind != safety.CSV:
            sheet.rows = None

    def close(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except Exception:  # noqa: BLE001 - closing a reader that already failed
                pass
            self._handle = None
        if self._pieces is not None:
            self._pieces.close()
            self._pieces = None

    def _load(self, sheet: SheetData) -> None:
        if self.remote is not None:  # never read in this process: the reader process loads it (a crash is a message)
            rows = self.remote(self.path, sheet.name)
            if rows is None:
                raise ExchangeError(f"{self.path.name} 的工作表“{sheet.name}”无法读取。", "sheet not found")
            sheet.rows = rows
            return
        import python_calamine as pc

        try:
            if self._handle is None:
                self._handle = pc.CalamineWorkbook.from_path(str(self.path))
            data = self._handle.get_sheet_by_name(sheet.name)
            rows = data.to_python(skip_empty_area=False)
            r0, c0 = data.start or (0, 0)
            sheet.merged = [(a[0], a[1], b[0], b[1]) for a, b in (data.merged_cell_ranges or [])]
            del data
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - calamine's errors (even a Rust panic) become one message
            raise _calamine_error(self.path, exc) from exc
        if c0:
            rows = [[""] * c0 + row for row in rows]
        if r0:
            rows = [[] for _ in range(r0)] + rows
        sheet.rows = rows


MAX_CSV_BYTES = 500_000_000
MAX_CSV_ROWS = 1_000_000  # a county roster has about 360,000 people
MAX_CSV_FIELD = 131_072  # characters in one cell (csv's own default limit)


def read_book(path: str | Path) -> Book:
    """Open the file after the safety checks; workbook sheets load on demand (``Book.sheet``)."""
    path = Path(path)
    safety.check_path(path)
    kind = safety.sniff(path)
    if kind == safety.CSV:
        return _read_csv(path)
    marks: dict[str, safety.SheetMarks] = {}
    if kind == safety.XLSX:
        safety.require_defusedxml()
        scan = safety.scan_zip(path)
        kind = scan.kind
        marks = scan.sheets
    book = _open_calamine(path, kind, marks)
    if kind == safety.XLSX:
        book.entries = scan.entries
    return book


def _calamine_error(path: Path, exc: BaseException) -> ExchangeError:
    name = type(exc).__name__
    if "Password" in name:
        return ExchangeError(f"{path.name} 已加密（设有打开密码），请去掉密码后再导入。", "encrypted", code="encrypted")
    return ExchangeError(
        f"{path.name} 已损坏或不是受支持的表格文件，无法读取。", f"cannot read workbook: {name}", code="broken"
    )


def _open_calamine(path: Path, kind: str, marks: dict[str, safety.SheetMarks]) -> Book:
    import python_calamine as pc

    try:
        handle = pc.CalamineWorkbook.from_path(str(path))
        metas = list(handle.sheets_metadata)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine's errors (zip, XML, password, a panic) become one message
        raise _calamine_error(path, exc) from exc
    sheets = []
    for meta in metas:
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue
        mark = marks.get(meta.name, safety.SheetMarks())
        sheets.append(
            SheetData(
                name=meta.name,
                rows=None,
                visible=meta.visible == pc.SheetVisibleEnum.Visible,
                formulas=mark.formulas,
                hidden_rows=mark.hidden_rows,
                hidden_cols=mark.hidden_cols,
                merged=sorted(mark.merged),
                extent=(mark.rows, mark.cols),
            )
        )
    return Book(path=path, kind=kind, sheets=sheets, _handle=handle)


def decode_text(data: bytes) -> tuple[str, str]:
    """CSV text and its encoding (domain.text_encoding), its refusal as the exchange's error."""
    try:
        return text_encoding.decode_text(data)
    except DomainError as exc:
        raise ExchangeError(exc.message_zh, exc.message_en, code="encoding") from exc


def _read_csv(path: Path) -> Book:
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ExchangeError(f"{path.name} 超过 {MAX_CSV_BYTES // 1_000_000} MB，拒绝导入。", "CSV too large")
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"无法读取文件 {path}：{exc.strerror or exc}", "cannot read file", code="io") from exc
    if b"\x00" in data[:4096]:
        raise ExchangeError(f"{path.name} 不是文本格式的 CSV 文件。", "binary data in CSV", code="not_spreadsheet")
    lines = data.count(b"\n")
    if lines > MAX_CSV_ROWS:
        raise ExchangeError(
            f"{path.name} 有 {lines:,} 行，超过可导入的上限 {MAX_CSV_ROWS:,} 行；请按乡镇或村分成几个文件再导入。",
            "CSV has too many rows",
            code="too_large",
        )
    text, encoding = decode_text(data)
    del data
    try:
        sample = text[:20000]
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_CSV_FIELD)
    parser = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        rows: list[list[Any]] = [list(r) for r in parser]
    except csv.Error as exc:
        line = f"第 {parser.line_num:,} 行附近" if parser.line_num else ""
        if "field larger" in str(exc):
            message = (
                f"{path.name} {line}有一个单元格超过 {MAX_CSV_FIELD:,} 个字符，多半是引号不配对"
                '（某个值以 " 开头却没有结束的 "），后面的内容都被并进了这个单元格；请检查该处的引号后再导入。'
            )
        else:
            message = f"{path.name} 的 CSV 格式有误（{line or '文件中'}），请在 Excel 或 WPS 中打开检查后另存再导入。"
        raise ExchangeError(message, f"malformed CSV: {exc}", code="broken") from exc
    except ValueError as exc:  # a NUL byte further in
        raise ExchangeError(f"{path.name} 不是文本格式的 CSV 文件。", "binary data in CSV", code="broken") from exc
    return Book(path=path, kind=safety.CSV, sheets=[SheetData(name=path.stem, rows=rows)], encoding=encoding)
