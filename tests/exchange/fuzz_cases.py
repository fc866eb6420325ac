"""Broken and hostile files for the import, generated from a few good ones with a fixed seed.

Used by tests/exchange/test_fuzz.py (a few hundred cases) and bench/bench_fuzz.py (10,000). Each case is a
path and whether it is "dangerous" (it once aborted the process, filled the memory or blocked: those are
also run as a separate ``fupin import`` process in the test).
"""

from __future__ import annotations

import os
import random
import re
import socket
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")  # a full resident ID in any output


@dataclass
class Case:
    name: str
    path: Path
    dangerous: bool = False


def _entries(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _zip(out: Path, entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out


def _sheet_names(entries: list[tuple[str, bytes]]) -> list[str]:
    return [name for name, _ in entries if name.startswith("xl/worksheets/") and name.endswith(".xml")]


_BOMB_ENTITIES = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 9))
    + b"]>"
)
_HIDDEN_COLS = b'<cols><col min="2" max="3" hidden="1"/></cols>'
_INJECTIONS = ["=1+1", "+1+1", "-2", "@SUM(A1)", "\r13800000000", "=cmd|'/C calc'!A0"]
_EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def _sheet_mutations(rng: random.Random) -> list[tuple[str, Callable[[bytes], bytes]]]:
    def before_end(extra: bytes) -> Callable[[bytes], bytes]:
        return lambda xml: xml.replace(b"</sheetData>", extra + b"</sheetData>", 1)

    def after_data(extra: bytes) -> Callable[[bytes], bytes]:
        return lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + extra, 1)

    def dimension(ref: bytes) -> Callable[[bytes], bytes]:
        def apply(xml: bytes) -> bytes:
            if b"<dimension" in xml:
                return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', xml, count=1)
            return xml.replace(b"<sheetData", b'<dimension ref="' + ref + b'"/><sheetData', 1)

        return apply

    def hide_row(xml: bytes) -> bytes:
        rows = [m.start() for m in re.finditer(rb"<row ", xml)]
        if len(rows) < 2:
            return xml
        at = rng.choice(rows[1:]) + 5
        return xml[:at] + b'hidden="1" ' + xml[at:]

    def formula(xml: bytes) -> bytes:
        values = [m.start() for m in re.finditer(rb"<v>", xml)]
        if not values:
            return xml
        at = rng.choice(values)
        return xml[:at] + rng.choice([b"<f>SUM(1,2)</f>", b'<f>HYPERLINK("http://x","y")</f>', b"<f>A1</f>"]) + xml[at:]

    def entity(prefix: bytes) -> Callable[[bytes], bytes]:
        def apply(xml: bytes) -> bytes:
            body = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
            return prefix + body.replace(b"<v>", b"<v>&lol8;" if b"lol" in prefix else b"<v>&e;", 1)

        return apply

    def flip(xml: bytes) -> bytes:
        data = bytearray(xml)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)

    def cut(xml: bytes) -> bytes:
        return xml[: rng.randrange(len(xml))]

    return [
        ("cell-XFD1048576", before_end(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
        ("cell-A99999999999", before_end(b'<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>')),
        ("cell-A1048576", before_end(b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>')),
        ("cell-ZZZZ1", before_end(b'<row r="2"><c r="ZZZZ2"><v>1</v></c></row>')),
        ("dimension-huge", dimension(b"A1:XFD1048576")),
        ("dimension-bad", dimension(b"A1:ZZZZZZ999999999999")),
        ("merged", after_data(b'<mergeCells count="1"><mergeCell ref="A2:C5"/></mergeCells>')),
        ("merged-huge", after_data(b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')),
        ("hidden-row", hide_row),
        ("hidden-col", lambda xml: xml.replace(b"<sheetData", _HIDDEN_COLS + b"<sheetData", 1)),
        ("formula", formula),
        ("billion-laughs", entity(_BOMB_ENTITIES)),
        ("external-entity", entity(_EXTERNAL)),
        ("flip", flip),
        ("cut", cut),
        ("empty", lambda xml: b""),
        ("not-xml", lambda xml: b"\x00\xff" * 100),
        ("no-sheetdata", lambda xml: re.sub(rb"<sheetData.*</sheetData>", b"", xml, flags=re.S)),
        ("row-without-numbers", lambda xml: re.sub(rb' r="[A-Z]*\d+"', b"", xml)),
        ("inline-strings", lambda xml: xml.replace(b'<v>', b'<is><t>=cmd|"/C calc"!A0</t></is><v>', 3)),
    ]  # fmt: skip


def _zip_mutation(rng: random.Random, base: Path, out: Path, turn: int) -> tuple[str, Path, bool]:
    """One whole-container case made from ``base`` (the kinds in turn)."""
    entries = _entries(base)
    names = [name for name, _ in entries]
    kind = ["drop", "duplicate-entry", "too-many-entries", "zip-bomb", "vba", "stored", "version-14.4",
            "method-99", "encrypted", "byte-flips", "truncated"][turn % 11]  # fmt: skip
    target = out / f"{kind}.xlsx"
    if kind == "drop":
        drop = rng.choice(names)
        return "drop-" + drop.replace("/", "_"), _zip(target, [e for e in entries if e[0] != drop]), False
    if kind == "duplicate-entry":
        return kind, _zip(target, entries + [entries[-1]]), False
    if kind == "too-many-entries":
        return kind, _zip(target, entries + [(f"xl/media/x{i}.bin", b"x") for i in range(2100)]), False
    if kind == "zip-bomb":
        return kind, _zip(target, entries + [("xl/media/bomb.bin", b"\0" * (60 << 20))]), True
    if kind == "vba":
        return kind, _zip(target, entries + [("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")]), False
    if kind == "stored":
        return kind, _zip(target, entries, zipfile.ZIP_STORED), False
    patches = {"version-14.4": _patch_version, "method-99": _patch_method, "encrypted": _patch_flag}
    if kind in patches:
        target.write_bytes(patches[kind](base.read_bytes()))
        return kind, target, False
    raw = bytearray(base.read_bytes())
    if kind == "byte-flips":
        for _ in range(rng.randint(1, 30)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    else:
        raw = raw[: rng.randrange(30, len(raw))]
    target.write_bytes(bytes(raw))
    return kind, target, False


def _patch_headers(data: bytes, offsets: tuple[int, int], fmt: str, value: int) -> bytes:
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", offsets[0]), (b"PK\x01\x02", offsets[1])):
        for m in re.finditer(re.escape(signature), data):
            struct.pack_into(fmt, out, m.start() + offset, value)
    return bytes(out)


def _patch_version(data: bytes) -> bytes:
    return _patch_headers(data, (4, 6), "<H", 144)


def _patch_method(data: bytes) -> bytes:
    return _patch_headers(data, (8, 10), "<H", 99)


def _patch_flag(data: bytes) -> bytes:
    return _patch_headers(data, (6, 8), "<H", 1)


ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "big5", "shift_jis", "cp1252", "latin-1",
             "utf-32", "euc-kr"]  # fmt: skip
DELIMITERS = [",", "\t", ";", "|", " ", ":"]


def _csv_case(rng: random.Random, grid: list[list[str]], out: Path) -> tuple[str, bytes]:
    rows = [list(r) for r in grid]
    kind = rng.choice(["plain", "stray-quote", "bom-gbk", "long-field", "nul", "newlines", "injection", "ragged"])
    delimiter = rng.choice(DELIMITERS)
    encoding = rng.choice(ENCODINGS)
    if kind == "injection":
        for row in rows[1:]:
            row[rng.randrange(len(row))] = rng.choice(
                ["=1+1", "+1+1", "-2", "@SUM(A1)", "\r13800000000", "=cmd|'/C calc'!A0"]
            )
    if kind == "ragged":
        rows = [row[: rng.randrange(1, len(row) + 1)] for row in rows]
    text = "\r\n".join(delimiter.join(cell for cell in row) for row in rows)
    if kind == "stray-quote":
        lines = text.split("\r\n")
        at = rng.randrange(1, len(lines))
        cells = lines[at].split(delimiter)
        cells[rng.randrange(len(cells))] = '"' + cells[rng.randrange(len(cells))]
        lines[at] = delimiter.join(cells)
        text = "\r\n".join(lines)
    if kind == "long-field":
        text += "\r\n" + delimiter.join(["张三", "x" * 140_000])
    if kind == "newlines":
        text = text.replace("\r\n", rng.choice(["\n", "\r", "\n\r"]))
    data = text.encode(encoding, errors="replace")
    if kind == "bom-gbk":
        data = b"\xef\xbb\xbf" + text.encode("gbk", errors="replace")
    if kind == "nul":
        at = rng.randrange(len(data))
        data = data[:at] + b"\x00" * rng.randint(1, 5000) + data[at:]
    return f"csv-{kind}-{encoding}-{ord(delimiter)}", data


def generate(base: dict[str, Path], out: Path, count: int, seed: int = 18) -> Iterator[Case]:
    """``count`` cases (about; every kind in turn) made from the good files in ``base``: "exchange" and
    "roster" (.xlsx), "xls" (a legacy workbook), "csv" (a roster, UTF-8)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    grid = [line.split(",") for line in base["csv"].read_text(encoding="utf-8").splitlines()]
    mutations = _sheet_mutations(rng)
    made = 0
    for number in range(count):
        folder = out / f"{number:05d}"
        folder.mkdir(exist_ok=True)
        kind = number % 8
        if kind in (0, 1):  # one sheet (or the workbook part, or the shared strings) of a workbook mutated
            source = base["exchange" if kind == 0 else "roster"]
            entries = _entries(source)
            label, mutate = mutations[(number // 8) % len(mutations)] if rng.random() < 0.7 else rng.choice(mutations)
            parts = _sheet_names(entries)
            if rng.random() < 0.15:
                parts = [n for n, _ in entries if n in ("xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml")]
            target_part = rng.choice(parts)
            changed = [(n, mutate(d) if n == target_part else d) for n, d in entries]
            path = _zip(folder / f"{label}.xlsx", changed)
            yield Case(
                f"{'exchange' if kind == 0 else 'roster'}:{label}:{target_part}",
                path,
                label.startswith(("cell", "dimension")),
            )
        elif kind == 2:
            label, path, dangerous = _zip_mutation(rng, base[rng.choice(["exchange", "roster"])], folder, number // 8)
            yield Case(f"zip:{label}", path, dangerous)
        elif kind in (3, 4):
            label, data = _csv_case(rng, grid, folder)
            path = folder / rng.choice(["roster.csv", "roster.txt", "花名册 (1).csv"])
            path.write_bytes(data)
            yield Case(label, path)
        elif kind == 5:  # a damaged .xls
            raw = bytearray(base["xls"].read_bytes())
            how = rng.choice(["flip", "flip", "cut", "zero-run"])
            if how == "flip":
                for _ in range(rng.randint(1, 40)):
                    raw[rng.randrange(512, len(raw))] = rng.randrange(256)
            elif how == "cut":
                raw = raw[: rng.randrange(8, len(raw))]
            else:
                at = rng.randrange(512, len(raw) - 64)
                raw[at : at + 64] = b"\xff" * 64
            path = folder / "roster.xls"
            path.write_bytes(bytes(raw))
            yield Case(f"xls:{how}", path, True)
        elif kind == 6:
            yield _foreign(rng, folder, number // 8)
        else:
            yield _special(rng, folder, number // 8)
        made += 1


def _foreign(rng: random.Random, folder: Path, turn: int) -> Case:
    """A file that is not what its name says."""
    options: list[tuple[str, bytes]] = [
        ("image.xlsx", b"\x89PNG\r\n\x1a\n" + os.urandom(2000)),
        ("doc.csv", b"%PDF-1.4\n" + os.urandom(3000)),
        ("random.xls", os.urandom(rng.randint(1, 5000))),
        ("random.xlsx", b"PK\x03\x04" + os.urandom(rng.randint(0, 3000))),
        ("ole.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000)),
        ("empty.xlsx", b""),
        ("empty.csv", b""),
        ("macro.xlsm", b"PK\x03\x04"),
        ("binary.xlsb", b"PK\x03\x04"),
        ("text.ods", "姓名,证件号码\n".encode()),
        ("huge-rows.csv", b"a,b\n" * 1_000_002),
    ]
    name, data = options[turn % len(options)]
    if name == "random.xls" or name == "random.xlsx":
        name = name.replace("random", f"random{rng.randrange(1000)}")
    path = folder / name
    path.write_bytes(data)
    if name == "text.ods":
        _zip(path, [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")])
    return Case(f"foreign:{name}", path, name == "huge-rows.csv")


def _special(rng: random.Random, folder: Path, turn: int) -> Case:
    """Paths that are no regular file: a folder, a FIFO, a socket, links to devices, missing files."""
    kind = ["folder", "fifo", "socket", "dev-zero", "dev-urandom", "dev-null", "broken-link", "missing", "loop"][
        turn % 9
    ]
    path = folder / f"{kind}.csv"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
        except OSError:  # path too long for a socket: a FIFO instead
            os.mkfifo(path)
        finally:
            server.close()
    elif kind in ("dev-zero", "dev-urandom", "dev-null"):
        path = folder / f"{kind}.xlsx"
        path.symlink_to("/dev/" + kind[4:])
    elif kind == "broken-link":
        path.symlink_to(folder / "nowhere.csv")
    elif kind == "loop":
        path.symlink_to(path)
    return Case(f"special:{kind}", path, kind in ("fifo", "dev-zero", "dev-urandom"))
