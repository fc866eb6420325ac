"""Joining two .xlsx packages: a worksheet written by another process put in place of one of the base's.

The export writes its largest sheet in a second process (``export_part``) while this one writes the others
and an empty stand-in of that sheet, with the same name, columns, drop-downs and filter range, so that the
base package's workbook.xml, relationships, content types, defined names and document properties already
describe the joined book. Joining only swaps worksheet entries: each entry is copied as it is stored
(compressed bytes, CRC and sizes unchanged) in chunks, never decompressed nor held whole, so the join
costs about a file copy. Both processes create the same formats in the same order (``export_sheet``),
so the style numbers (``s="N"``) in the swapped sheet mean the same in the base's styles.xml; xlsxwriter's
constant-memory mode writes strings inline, so a sheet refers to no shared-strings table.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20
_LIMIT = 0xFFFFFFFF
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def sheet_entries(path: str | Path) -> dict[str, str]:
    """Sheet name → its zip entry (xl/worksheets/sheetN.xml), read from workbook.xml and its relationships
    (small parts: read whole)."""
    with zipfile.ZipFile(path) as archive:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {rid: target for rid, target in _REL.findall(rels)}
    targets.update({rid: target for target, rid in _REL_REVERSED.findall(rels)})
    out = {}
    for name, rid in _SHEET.findall(book):
        target = _unescape(targets[rid])
        out[_unescape(name)] = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return out


def _data_start(handle: BinaryIO, info: zipfile.ZipInfo) -> int:
    handle.seek(info.header_offset)
    header = handle.read(30)
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    return int(info.header_offset) + 30 + int(name_len) + int(extra_len)


def replace_sheets(base: str | Path, parts: dict[str, tuple[str | Path, str]], out: str | Path) -> None:
    """Write ``out``: the package ``base`` with each sheet named in ``parts`` (sheet name → (package, sheet
    name there)) replaced by that sheet of the other package. Everything else of ``base`` stays as it is."""
    entries = sheet_entries(base)
    swap: dict[str, tuple[Path, zipfile.ZipInfo]] = {}
    for name, (package, other) in parts.items():
        with zipfile.ZipFile(package) as archive:
            swap[entries[name]] = (Path(package), archive.getinfo(sheet_entries(package)[other]))
    with zipfile.ZipFile(base) as archive:
        infos = archive.infolist()
    central: list[bytes] = []
    with open(base, "rb") as source, open(out, "wb") as target:
        handles: dict[Path, BinaryIO] = {Path(base): source}
        try:
            for info in infos:
                package, piece = swap.get(info.filename, (Path(base), info))
                if package not in handles:
                    handles[package] = open(package, "rb")  # noqa: SIM115 - closed in the finally below
                central.append(_copy(handles[package], piece, info.filename, target))
        finally:
            for package, handle in handles.items():
                if package != Path(base):
                    handle.close()
        start = target.tell()
        for record in central:
            target.write(record)
        size = target.tell() - start
        if len(central) > 0xFFFF or start > _LIMIT or size > _LIMIT:
            raise zipfile.LargeZipFile("the joined workbook needs ZIP64")
        target.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))


def _copy(source: BinaryIO, info: zipfile.ZipInfo, name: str, target: BinaryIO) -> bytes:
    """Copy one entry's stored bytes to ``target`` under ``name``; its central-directory record."""
    if max(info.compress_size, info.file_size, target.tell()) >= _LIMIT:
        raise zipfile.LargeZipFile("the joined workbook needs ZIP64")
    offset = target.tell()
    raw_name = name.encode("utf-8")
    flags = 0x800 if any(ord(c) > 127 for c in name) else 0  # UTF-8 names; no data descriptor: sizes known
    year, month, day, hour, minute, second = info.date_time
    dos_time = hour << 11 | minute << 5 | second // 2
    dos_date = (year - 1980) << 9 | month << 5 | day
    fields = (20, flags, info.compress_type, dos_time, dos_date, info.CRC, info.compress_size, info.file_size)
    target.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, len(raw_name), 0) + raw_name)
    source.seek(_data_start(source, info))
    left = info.compress_size
    while left:
        chunk = source.read(min(_CHUNK, left))
        if not chunk:
            raise zipfile.BadZipFile(f"{info.filename} is cut short")
        target.write(chunk)
        left -= len(chunk)
    return (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            info.create_system << 8 | info.create_version,
            *fields,
            len(raw_name),
            0,
            0,
            0,
            0,
            info.external_attr,
            offset,
        )
        + raw_name
    )
