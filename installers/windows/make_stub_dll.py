"""Write a tiny 64-bit Windows DLL for the wine smoke test only. It is NEVER shipped in the installer.

Debian 12's wine lacks a few things a real Windows 10/11 has (installers/windows/smoke_wine.sh uses these):
- ``icuuc.dll`` (Windows' own ICU): Qt >= 6.10 imports ``ucnv_*`` from it; every export of the stub
  returns 0 (Qt only calls them when a legacy text codec is asked for);
- ``bcryptprimitives.dll!ProcessPrng`` (Rust's random source, used by pydantic-core and python-calamine):
  the stub forwards it to ``advapi32.SystemFunction036`` (RtlGenRandom: same arguments, TRUE on success).

    python make_stub_dll.py OUT.dll NAME [NAME ...]       each NAME returns 0
    python make_stub_dll.py OUT.dll NAME=dll.Function      NAME is forwarded to dll.Function
    python make_stub_dll.py --imports PE_FILE DLL          print what PE_FILE imports from DLL

The file is a minimal PE32+ image: headers and one section holding ``xor eax, eax; ret`` and the export
directory (forwarders are strings inside the export directory, as the PE format defines them).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

FILE_ALIGN = 0x200
SECTION_ALIGN = 0x1000
SECTION_RVA = 0x1000
IMAGE_BASE = 0x6F_F000_0000


def _align(value: int, to: int) -> int:
    return (value + to - 1) // to * to


def build_dll(dll_name: str, exports: dict[str, str | None]) -> bytes:
    """``exports`` maps an export name to a forwarder ("dll.Function") or None (returns 0)."""
    code = b"\x31\xc0\xc3".ljust(16, b"\xcc")  # xor eax, eax; ret
    names = sorted(exports, key=lambda n: n.encode("ascii"))  # the name table must be sorted
    count = len(names)
    export_rva = SECTION_RVA + len(code)
    eat_rva = export_rva + 40
    npt_rva = eat_rva + 4 * count
    ord_rva = npt_rva + 4 * count
    strings = bytearray()
    strings_rva = ord_rva + 2 * count

    def add_string(text: str) -> int:
        rva = strings_rva + len(strings)
        strings.extend(text.encode("ascii") + b"\0")
        return rva

    name_rva = add_string(dll_name)
    name_rvas, func_rvas = [], []
    for name in names:
        name_rvas.append(add_string(name))
    for name in names:
        target = exports[name]
        func_rvas.append(add_string(target) if target else SECTION_RVA)
    export_dir = struct.pack("<IIHHIIIIIII", 0, 0, 0, 0, name_rva, 1, count, count, eat_rva, npt_rva, ord_rva)
    body = (
        export_dir
        + struct.pack(f"<{count}I", *func_rvas)
        + struct.pack(f"<{count}I", *name_rvas)
        + struct.pack(f"<{count}H", *range(count))
        + bytes(strings)
    )
    section = code + body
    export_size = len(body)
    raw_size = _align(len(section), FILE_ALIGN)
    image_size = SECTION_RVA + _align(len(section), SECTION_ALIGN)

    dos = b"MZ" + b"\0" * 58 + struct.pack("<I", 0x40)
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x2022)  # AMD64; executable, large-address, DLL
    data_dirs = [(export_rva, export_size)] + [(0, 0)] * 15
    optional = struct.pack(
        "<HBBIIIIIQIIHHHHHHIIIIHHQQQQII",
        0x20B,  # PE32+
        14,
        0,
        raw_size,  # SizeOfCode
        0,
        0,
        0,  # AddressOfEntryPoint: none
        SECTION_RVA,  # BaseOfCode
        IMAGE_BASE,
        SECTION_ALIGN,
        FILE_ALIGN,
        6,
        0,
        0,
        0,
        6,
        0,
        0,
        image_size,
        FILE_ALIGN,  # SizeOfHeaders
        0,
        3,  # console subsystem
        0x0100,  # NX compatible
        0x100000,
        0x1000,
        0x100000,
        0x1000,
        0,
        16,
    ) + b"".join(struct.pack("<II", rva, size) for rva, size in data_dirs)
    section_header = struct.pack(
        "<8sIIIIIIHHI", b".text", len(section), SECTION_RVA, raw_size, FILE_ALIGN, 0, 0, 0, 0, 0x60000060
    )
    headers = (dos + b"PE\0\0" + coff + optional + section_header).ljust(FILE_ALIGN, b"\0")
    return headers + section.ljust(raw_size, b"\0")


def imported_names(pe: bytes, dll: str) -> list[str]:
    """The functions a PE32+ file imports by name from ``dll`` (case-insensitive)."""
    pe_off = struct.unpack_from("<I", pe, 0x3C)[0]
    sections_count, opt_size = struct.unpack_from("<H12xH", pe, pe_off + 6)
    opt = pe_off + 24
    import_rva = struct.unpack_from("<I", pe, opt + 112 + 8)[0]  # data directory 1 of a PE32+ header
    sections = [struct.unpack_from("<8xIIII", pe, opt + opt_size + 40 * i) for i in range(sections_count)]

    def offset(rva: int) -> int:
        for vsize, vaddr, raw_size, raw_ptr in sections:
            if vaddr <= rva < vaddr + max(vsize, raw_size):
                return raw_ptr + rva - vaddr
        raise ValueError(f"RVA {rva:#x} is in no section")

    def c_string(rva: int) -> str:
        start = offset(rva)
        return pe[start : pe.index(b"\0", start)].decode("ascii")

    names: list[str] = []
    desc = offset(import_rva)
    while True:
        lookup, _, _, name_rva, first_thunk = struct.unpack_from("<IIIII", pe, desc)
        if name_rva == 0:
            return names
        if c_string(name_rva).lower() == dll.lower():
            thunk = offset(lookup or first_thunk)
            while (entry := struct.unpack_from("<Q", pe, thunk)[0]) != 0:
                if not entry >> 63:  # imported by name, not by ordinal
                    names.append(c_string((entry & 0x7FFFFFFF) + 2))
                thunk += 8
        desc += 20


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--imports":
        print("\n".join(imported_names(Path(argv[1]).read_bytes(), argv[2])))
        return 0
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    exports: dict[str, str | None] = {}
    for spec in argv[1:]:
        name, _, target = spec.partition("=")
        exports[name] = target or None
    out.write_bytes(build_dll(out.name, exports))
    print(f"wrote {out} ({len(exports)} exports, test-only stub)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
