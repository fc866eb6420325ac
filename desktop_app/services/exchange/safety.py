"""What a file must pass before any spreadsheet library parses it.

A workbook is a zip of XML written by someone else. Before reading we check: that ``defusedxml`` is installed
(openpyxl guards against entity-expansion attacks only with it), what the file really is (by its first
bytes, not its name), that it carries no macros, and that its zip is not a bomb: a bounded number of
entries, each one's *actually decompressed* size counted against a cap (declared sizes can lie) and its
compression ratio checked. The sheet XML is scanned in the same pass for formulas, hidden rows and columns
and merged cells, which calamine does not report, so the check costs no extra read.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.services.exchange.errors import ExchangeError

MAX_ENTRIES = 2_000
MAX_TOTAL_BYTES = 8_000_000_000  # uncompressed, all entries together: a county workbook with its procedure
# history is about 2 GB (read in pieces, so memory does not grow with it); the ratio check catches bombs early
MAX_RATIO = 400  # uncompressed / compressed for one entry larger than RATIO_FLOOR
RATIO_FLOOR = 1_000_000
CHUNK = 1 << 20
MAX_FILE_BYTES = 2_000_000_000  # on disk: a county workbook is about 220 MB zipped
MAX_ROWS, MAX_COLS = 1_048_576, 16_384  # Excel's own limits: a reference beyond them is a forged file
DENSE_FLOOR = 2_000_000  # cells: a sheet's dense range up to this size is always read
MIN_BYTES_PER_CELL = 0.25  # beyond the floor, sheet XML per cell of the range (real sheets: 3 to 40 bytes)
FULL_REF_BYTES = 4 << 20  # sheet XML in which every cell reference is checked (beyond: sampled per chunk)

XLSX, XLS, CSV, ODS = "xlsx", "xls", "csv", "ods"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def require_defusedxml() -> None:
    """Refuse to read workbooks when the XML hardening is missing (openpyxl then parses without it)."""
    try:
        import defusedxml  # type: ignore[import-untyped]  # noqa: F401  # no type information shipped
        import openpyxl.xml  # type: ignore[import-untyped]  # openpyxl ships no type information
    except ImportError as exc:
        raise ExchangeError(
            "缺少安全组件 defusedxml，为防止恶意文件，已拒绝读取 Excel 文件。请重新安装程序。",
            "defusedxml is not installed; refusing to read workbooks",
            code="no_defusedxml",
        ) from exc
    if not getattr(openpyxl.xml, "DEFUSEDXML", False):
        raise ExchangeError(
            "openpyxl 未启用 defusedxml 防护，已拒绝读取 Excel 文件。",
            "openpyxl does not use defusedxml",
            code="no_defusedxml",
        )


def check_path(path: Path) -> int:
    """Refuse what is not a regular file of a sane size before anything opens it (a FIFO would block the
    reader, a device never ends); returns the size."""
    try:
        info = os.stat(path)  # follows links: a link to a device is a device
    except FileNotFoundError as exc:
        raise ExchangeError(f"文件不存在：{path}", f"file not found: {path}", code="not_found") from exc
    except OSError as exc:
        raise ExchangeError(f"无法读取文件 {path}：{exc.strerror or exc}", f"cannot read {path}", code="io") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ExchangeError(f"{path} 是文件夹，不是表格文件。", "a folder", code="not_spreadsheet")
    if not stat.S_ISREG(info.st_mode):
        raise ExchangeError(
            f"{path} 不是普通文件（设备、管道或套接字），拒绝读取。", "not a regular file", code="not_spreadsheet"
        )
    if info.st_size > MAX_FILE_BYTES:
        raise ExchangeError(
            f"{path.name} 大小超过 {MAX_FILE_BYTES // 1_000_000:,} MB，超出可导入的上限，拒绝导入。",
            "file too large",
            code="too_large",
        )
    return info.st_size


def sniff(path: Path) -> str:
    """The file's real format from its first bytes; refuses what we do not read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise ExchangeError(f"文件不存在：{path}", f"file not found: {path}", code="not_found") from exc
    except OSError as exc:
        raise ExchangeError(f"无法读取文件 {path}：{exc.strerror or exc}", f"cannot read {path}", code="io") from exc
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam", ".xlsb"):
        raise ExchangeError(
            f"{path.name} 是启用宏或二进制格式的工作簿，出于安全原因不予导入；请另存为 .xlsx 后再导入。",
            "macro-enabled or binary workbooks are refused",
            code="macro",
        )
    if not head:
        raise ExchangeError(f"{path.name} 是空文件。", "empty file", code="not_spreadsheet")
    if head.startswith(_ZIP):
        return XLSX
    if head == _OLE:
        return XLS
    if suffix in (".csv", ".txt"):
        return CSV
    if suffix in (".xlsx", ".xls", ".ods"):
        raise ExchangeError(
            f"{path.name} 不是有效的 Excel 文件（文件已损坏或扩展名不符）。", "not a valid workbook", code="broken"
        )
    raise ExchangeError(
        f"{path.name} 不是可导入的表格文件（支持 .xlsx、.xls、.csv）。", "not a spreadsheet", code="not_spreadsheet"
    )


@dataclass
class SheetMarks:
    """What the sheet XML says that calamine does not: 0-based (row, column) positions."""

    formulas: list[tuple[int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    merged: set[tuple[int, int, int, int]] = field(default_factory=set)  # r0, c0, r1, c1 inclusive
    rows: int = 0  # the largest row and column numbers (1-based) of its <dimension> and the references seen
    cols: int = 0
    xml_bytes: int = 0

    def see(self, row: int, col: int) -> None:
        if row > self.rows:
            self.rows = row
        if col > self.cols:
            self.cols = col


@dataclass
class ZipScan:
    kind: str  # xlsx or ods
    sheets: dict[str, SheetMarks]  # by sheet name
    entries: dict[str, str] = field(default_factory=dict)  # sheet name → zip entry of its XML (xlsx)


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_CELL_WITH_FORMULA = re.compile(
    rb"<(?:\w+:)?c r=\"([A-Z]+)(\d+)\"[^>]*>(?:(?!</(?:\w+:)?c>|<(?:\w+:)?c ).)*?<(?:\w+:)?f[ >/]", re.S
)
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row [^>]*?hidden=\"(?:1|true)\"[^>]*>")
_ROW_NUMBER = re.compile(rb" r=\"(\d+)\"")
_HIDDEN_COL = re.compile(rb"<(?:\w+:)?col [^>]*?hidden=\"(?:1|true)\"[^>]*>")
_COL_RANGE = re.compile(rb" min=\"(\d+)\"[^>]*? max=\"(\d+)\"|max=\"(\d+)\"[^>]*? min=\"(\d+)\"")
_MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_SHEET_ENTRY = re.compile(r"^xl/worksheets/(sheet\d+)\.xml$")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?ref=\"([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?\"")
_REF = re.compile(rb' r="([A-Z]{0,8})(\d{1,15})"')


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def scan_zip(path: Path) -> ZipScan:
    """Check the zip container and scan the sheet XML; raises ExchangeError for anything unsafe."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExchangeError(
            f"{path.name} 已损坏，无法打开（不是完整的 Excel 文件）。", "broken zip", code="broken"
        ) from exc
    except NotImplementedError as exc:  # "zip file version 14.4", an unknown compression method
        raise ExchangeError(
            f"{path.name} 已损坏或使用了不受支持的压缩方式，无法读取。", f"unsupported zip: {exc}", code="broken"
        ) from exc
    try:
        with archive:
            return _scan(archive, path)
    except (ExchangeError, MemoryError):  # out of memory is the reader process's message, not a broken file
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile's refusals (e.g. "zip file version 14.4") are one message
        if out_of_memory(exc):
            raise MemoryError(str(exc)) from exc
        raise ExchangeError(
            f"{path.name} 已损坏或使用了不受支持的压缩方式，无法读取。",
            f"broken zip: {type(exc).__name__}",
            code="broken",
        ) from exc


def _declared(infos: list[zipfile.ZipInfo], path: Path) -> None:
    """The sizes the zip declares, before anything is decompressed (the actual sizes are counted later)."""
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise ExchangeError(
            f"{path.name} 声明的解压后大小超过 {MAX_TOTAL_BYTES // 1_000_000} MB，疑似“压缩炸弹”，拒绝导入。",
            "declared uncompressed size over the limit",
            code="zip_bomb",
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExchangeError(
                f"{path.name} 的压缩比异常（{info.filename}），疑似“压缩炸弹”，拒绝导入。",
                "declared compression ratio over the limit",
                code="zip_bomb",
            )


def check_extent(name: str, mark: SheetMarks, path: Path) -> None:
    """A sheet whose range goes beyond Excel's limits, or is far larger than its data: calamine would
    allocate the whole range (one cell at XFD1048576 is 17 billion cells)."""
    rows, cols = mark.rows, mark.cols
    where = f"{_letters(cols)}{rows}" if rows and cols else str(rows or cols)
    if rows > MAX_ROWS or cols > MAX_COLS:
        raise ExchangeError(
            f"{path.name} 的工作表“{name}”引用了超出 Excel 上限的单元格（{where[:24]}），"
            "文件已损坏或被篡改，拒绝导入。",
            "cell reference beyond the sheet limits",
            code="broken",
        )
    cells = rows * cols
    if cells > DENSE_FLOOR and cells * MIN_BYTES_PER_CELL > mark.xml_bytes:
        raise ExchangeError(
            f"{path.name} 的工作表“{name}”的单元格范围（至 {where}，共 {cells:,} 格）远大于其中的数据，"
            "可能已损坏或被篡改；请在 Excel 中删除多余的行和列、另存后再导入。",
            "sheet range far larger than its data",
            code="broken",
        )


def _letters(col: int) -> str:
    out = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _scan(archive: zipfile.ZipFile, path: Path) -> ZipScan:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ExchangeError(
            f"{path.name} 内含 {len(infos)} 个部件，超过安全上限，拒绝导入。",
            "too many zip entries",
            code="zip_bomb",
        )
    _declared(infos, path)
    names = {info.filename for info in infos}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ExchangeError(
            f"{path.name} 含有宏（VBA 代码），出于安全原因不予导入；请另存为不含宏的 .xlsx 后再导入。",
            "workbook contains macros",
            code="macro",
        )
    if "mimetype" in names and "content.xml" in names:
        kind = ODS
    elif "xl/workbook.xml" in names:
        kind = XLSX
    else:
        raise ExchangeError(
            f"{path.name} 不是 Excel 工作簿（压缩包内缺少工作簿内容）。", "not a workbook", code="broken"
        )
    sheet_files = _sheet_names(archive) if kind == XLSX else {}
    total = 0
    marks: dict[str, SheetMarks] = {}
    for info in infos:
        if info.is_dir():
            continue
        sheet = sheet_files.get(info.filename)
        mark = SheetMarks() if sheet else None
        total = _read_entry(archive, info, total, path, mark)
        if sheet and mark is not None:
            check_extent(sheet, mark, path)
            marks[sheet] = mark
    if kind == XLSX and "[Content_Types].xml" in names:
        types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in types:
            raise ExchangeError(
                f"{path.name} 是启用宏的工作簿，出于安全原因不予导入。", "macro-enabled workbook", code="macro"
            )
    return ZipScan(kind=kind, sheets=marks, entries={name: entry for entry, name in sheet_files.items()})


def _read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, path: Path, mark: SheetMarks | None
) -> int:
    size = 0
    tail = b""
    precise = False
    seen: set[tuple[int, int]] = set()
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                total += len(chunk)
                if total > MAX_TOTAL_BYTES:
                    raise ExchangeError(
                        f"{path.name} 解压后超过 {MAX_TOTAL_BYTES // 1_000_000} MB，疑似“压缩炸弹”，拒绝导入。",
                        "uncompressed size over the limit",
                        code="zip_bomb",
                    )
                if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                    raise ExchangeError(
                        f"{path.name} 的压缩比异常（{info.filename}），疑似“压缩炸弹”，拒绝导入。",
                        "compression ratio over the limit",
                        code="zip_bomb",
                    )
                if mark is not None:
                    _extent(chunk, tail, mark, size)
                    # Most chunks hold none of the markers: test them in place (no copies). A chunk that does
                    # is examined together with the previous one, so a tag split at the boundary is whole.
                    if precise or _suspect(tail[-32:] + chunk[:32]) or _suspect(chunk):
                        _mark(tail + chunk, mark, seen)
                        # Shared formulas' other cells are bare <f .../> tags: after a master, look closely.
                        precise = precise or bool(mark.formulas)
                    tail = chunk
    except ExchangeError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ExchangeError(
            f"{path.name} 已损坏，无法读取（{info.filename}）。", "broken zip entry", code="broken"
        ) from exc
    return total


def _extent(chunk: bytes, tail: bytes, mark: SheetMarks, size: int) -> None:
    """The sheet's range: its <dimension>, and every cell and row reference of a small sheet (in a large one
    the last reference of each chunk: checking them all would cost seconds at county size)."""
    mark.xml_bytes = size
    if not tail:
        found = _DIMENSION.search(chunk, 0, 65536)
        if found is not None:
            first_col, first_row, last_col, last_row = found.groups()
            col, row = (last_col, last_row) if found.group(3) is not None else (first_col, first_row)
            mark.see(int(row or 0), _col_index(col) + 1 if col else 0)
    if size <= FULL_REF_BYTES:
        data = tail[-24:] + chunk if tail else chunk
        for m in _REF.finditer(data):
            letters, digits = m.groups()
            mark.see(int(digits), _col_index(letters) + 1 if letters else 0)
        return
    at = chunk.rfind(b' r="')
    if at >= 0:
        last = _REF.match(chunk, at)
        if last is not None:
            letters, digits = last.groups()
            mark.see(int(digits), _col_index(letters) + 1 if letters else 0)


def _suspect(data: bytes) -> bool:
    """Could this chunk hold a formula, a hidden row or column or a merged range? Every formula's master
    tag ends with "/f>" (``</f>``, ``</x:f>``); three substring tests, each at memory speed."""
    return b"/f>" in data or b'hidden="' in data or b"mergeCell" in data


def _mark(data: bytes, mark: SheetMarks, seen: set[tuple[int, int]]) -> None:
    # Cheap substring tests first (memchr speed); the regular expressions run only on chunks that need them.
    if (b"<f" in data or b":f>" in data or b":f " in data) and _FORMULA.search(data):
        for m in _CELL_WITH_FORMULA.finditer(data):
            pos = (int(m.group(2)) - 1, _col_index(m.group(1)))
            if pos not in seen:
                seen.add(pos)
                mark.formulas.append(pos)
    if b'hidden="1"' in data or b'hidden="true"' in data:
        for m in _HIDDEN_ROW.finditer(data):
            number = _ROW_NUMBER.search(m.group(0))
            if number:
                mark.hidden_rows.add(int(number.group(1)) - 1)
        for m in _HIDDEN_COL.finditer(data):
            found = _COL_RANGE.search(m.group(0))
            if found:
                lo, hi = (found.group(1), found.group(2)) if found.group(1) else (found.group(4), found.group(3))
                if int(hi) - int(lo) < 16384:
                    mark.hidden_cols.update(range(int(lo) - 1, int(hi)))
    if b"mergeCell" in data:
        for m in _MERGED.finditer(data):
            r0, c0 = int(m.group(2)) - 1, _col_index(m.group(1))
            r1, c1 = (int(m.group(4)) - 1, _col_index(m.group(3))) if m.group(3) else (r0, c0)
            mark.merged.add((r0, c0, r1, c1))


def out_of_memory(exc: BaseException) -> bool:
    """An allocation failure reported as a zlib or expat error: the reader's memory limit, not a broken file."""
    text = str(exc)
    return (isinstance(exc, zlib.error) and "Error -4 " in text) or "out of memory" in text


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Zip entry name → sheet name, from workbook.xml and its relationships (defusedxml parses them)."""
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    except MemoryError:
        raise  # out of memory is not a broken file (the reader process says so)
    except Exception as exc:  # noqa: BLE001 - defusedxml's refusals and parse errors alike
        if out_of_memory(exc):
            raise MemoryError(str(exc)) from exc
        raise ExchangeError(
            "工作簿结构无效或含有不安全的 XML，拒绝导入。", "unsafe or broken workbook XML", code="broken"
        ) from exc
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        targets[rel.get("Id")] = target
    out = {}
    rel_attr = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet"):
            target = targets.get(sheet.get(rel_attr))
            if target:
                out[target] = sheet.get("name", "")
    return out
