"""Reading a large .xlsx sheet in pieces, so that memory stays bounded at county size.

python-calamine reads a sheet whole: for the member sheet of a county workbook (356,000 rows × 31 columns)
that alone is close to 1 GB. Here the sheet's XML is decompressed as a stream and cut at row boundaries
into pieces of about ``PIECE_BYTES``; each piece becomes a small in-memory workbook (the original
workbook, styles and shared strings, with this one sheet reduced to the piece) that calamine reads as
usual. Values, types, dates (by style, 1900 or 1904) and shared strings are therefore read by calamine
exactly as before; only one piece is in memory at a time. The sheet's tail (merged cells, validations)
goes with the last piece, so calamine reports the merged ranges there.

Rows keep their spreadsheet numbers: a piece whose rows carry ``r="…"`` is placed by calamine itself; rows
without numbers (allowed, rare) are counted across pieces.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from desktop_app.services.exchange.spill import disk_error

PIECE_BYTES = 16 << 20  # uncompressed sheet XML per piece (about 20,000 member rows)
CHUNK = 8 << 20  # read from the zip in large steps: each step is a moment the helper thread needs the GIL

_SHEET_DATA = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b[^>]*?(/?)>")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*/>")
_ROW_OPEN = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)


class PieceReader:
    """Pieces of one workbook's sheets; every piece is read by calamine from memory."""

    def __init__(self, path: Path, entries: dict[str, str]) -> None:
        self.path = path
        self.entries = entries  # sheet name → zip entry name
        self._archive = zipfile.ZipFile(path)
        self._common: dict[str, bytes] = {}
        self._order: list[str] = []
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[Any] | None = None  # the helper thread's next prepared item
        self._items: Iterator[tuple[str, Any, bool, int]] = iter(())
        self._next_sheet: str | None = None
        self._leftovers: list[str] = []  # piece files that could not be deleted at once
        sizes = {info.filename: info.file_size for info in self._archive.infolist()}
        self.total_bytes = sum(sizes.get(entry, 0) for entry in entries.values())  # declared: for progress only
        self.consumed = 0  # sheet XML bytes read so far, all sheets
        for info in self._archive.infolist():
            name = info.filename
            if info.is_dir() or name in entries.values() or not name.endswith((".xml", ".rels")):
                continue
            self._common[name] = self._archive.read(info)
        # calamine parses the shared strings again for every piece: with a large table, fewer larger pieces
        strings = sum(len(v) for k, v in self._common.items() if k.lower().endswith("sharedstrings.xml"))
        self.piece_bytes = max(PIECE_BYTES, 2 * strings)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._archive.close()
        leftovers, self._leftovers = self._leftovers, []
        for name in leftovers:
            with contextlib.suppress(OSError):
                os.unlink(name)

    def expect(self, sheets: list[str]) -> None:
        """The order in which the sheets will be read: the first piece of the next sheet is then prepared
        while the last piece of the current one is being handed out."""
        self._order = [name for name in sheets if name in self.entries]

    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """(0-based row, cells) of every row of ``sheet``, in order.

        The next piece is decompressed and parsed by calamine in a helper thread (zlib and calamine work
        without the GIL) while the rows of the current one are handed out: reading overlaps with the
        caller's checks. At most two pieces are in memory."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fupin-xlsx")
        if self._pending is None or self._next_sheet != sheet:
            if self._pending is not None:
                self._pending.cancel()
                self._pending = None
            later = self._order[self._order.index(sheet) + 1 :] if sheet in self._order else []
            self._items = self._prepared([sheet, *later])
            self._pending = self._pool.submit(next, self._items, None)
        counted = 0  # rows up to the end of the previous piece (for rows that carry no number)
        while True:
            pending = self._pending
            assert pending is not None
            ready = pending.result()  # an error of the helper thread is raised here
            self._pending = self._pool.submit(next, self._items, None) if ready is not None else None
            if ready is None or ready[1] is None:  # the end of all sheets, or of this one
                self._next_sheet = ready[0] if ready is not None else None
                return
            _sheet, data, numbered, upto = ready
            start = data.start
            if start is not None:
                r0, c0 = start
                if not numbered:
                    r0 += counted
                pad = [""] * c0
                # to_python starts at the piece's first cell (iter_rows would start at row 0 every time)
                for i, row in enumerate(data.to_python(skip_empty_area=True)):
                    yield r0 + i, (pad + row if c0 else row)
            counted = upto if numbered else counted + upto

    def _prepared(self, sheets: list[str]) -> Iterator[tuple[str, Any, bool, int]]:
        """Run in the helper thread: each piece of each sheet read by calamine, then (next sheet, None, …)
        at the end of a sheet."""
        for number, sheet in enumerate(sheets):
            entry = self.entries[sheet]
            for xml, numbered, upto in self._pieces(entry):
                yield sheet, self._read_piece(sheet, entry, xml), numbered, upto
            following = sheets[number + 1] if number + 1 < len(sheets) else ""
            yield following, None, True, 0

    def _read_piece(self, sheet: str, entry: str, xml: bytes) -> Any:
        """The piece as a small workbook in a temporary file, read by calamine (from a path calamine reads
        without holding the GIL; from memory it would wait on the main thread for every read)."""
        import python_calamine as pc

        fd, name = tempfile.mkstemp(prefix="fupin-piece-", suffix=".xlsx")
        try:
            try:
                with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as out:
                    for part, content in self._common.items():
                        out.writestr(part, content)
                    for other in self.entries.values():
                        out.writestr(other, xml if other == entry else _EMPTY_SHEET)
            except OSError as exc:
                raise disk_error(exc) from exc
            del xml
            book = pc.CalamineWorkbook.from_path(name)
            try:
                return book.get_sheet_by_name(sheet)
            finally:
                book.close()
        finally:
            self._remove(name)

    def _remove(self, name: str) -> None:
        """Delete a piece's file; one still open (Windows refuses to delete those) is retried on close."""
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass
        except OSError:
            self._leftovers.append(name)

    def _pieces(self, entry: str) -> Iterator[tuple[bytes, bool, int]]:
        """(piece XML, *_placement of its rows)."""
        with self._archive.open(entry) as handle:
            buffer = b""
            head = None
            close, opener = b"</row>", b"<row "
            while head is None:
                chunk = handle.read(CHUNK)
                buffer += chunk
                self.consumed += len(chunk)
                found = _SHEET_DATA.search(buffer)
                if found is not None:
                    head = _DIMENSION.sub(b"", buffer[: found.start()]) + found.group(0).replace(b"/>", b">")
                    prefix = found.group(1)
                    close = b"</" + prefix + b"row>"
                    opener = b"<" + prefix + b"row "
                    end_tag = b"</" + prefix + b"sheetData></" + prefix + b"worksheet>"
                    if found.group(2):  # <sheetData/>: no rows at all
                        yield head + end_tag, True, 0
                        return
                    buffer = buffer[found.end() :]
                elif not chunk:
                    yield buffer, True, 0  # no sheetData: let calamine judge the XML
                    return
            parts = [buffer]
            size = len(buffer)
            want = self.piece_bytes
            done = False
            while not done:
                while size < want:
                    chunk = handle.read(CHUNK)
                    if not chunk:
                        done = True
                        break
                    parts.append(chunk)
                    size += len(chunk)
                    self.consumed += len(chunk)
                buffer = b"".join(parts)
                if done:
                    yield head + buffer, *_placement(buffer, opener)
                    return
                cut = buffer.rfind(close)
                if cut < 0:  # one row larger than a piece: read on
                    parts, size, want = [buffer], len(buffer), len(buffer) + CHUNK
                    continue
                want = self.piece_bytes
                cut += len(close)
                body = buffer[:cut]
                parts = [buffer[cut:]]
                size = len(parts[0])
                del buffer
                yield head + body + end_tag, *_placement(body, opener)


def _placement(body: bytes, opener: bytes) -> tuple[bool, int]:
    """Whether the piece's rows carry numbers, and the number of rows up to its end: the last row's number
    when they do, else how many row elements it holds."""
    first = _ROW_OPEN.search(body)
    if first is None:
        return True, 0
    if b" r=" not in first.group(1):
        return False, len(_ROW_OPEN.findall(body))
    last = _ROW_OPEN.match(body, body.rfind(opener))  # "<" is escaped in text: this is the last row tag
    number = _ROW_NUMBER.search(last.group(1)) if last is not None else None
    return True, int(number.group(1)) if number else 0
