"""Draw docs/images/architecture.svg: the layers, the packages in each, and the arrows allowed between them.

Run: ``python docs/architecture_svg.py`` (standard library only). The picture follows the import-linter
contracts of pyproject.toml; change both together.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent / "images" / "architecture.svg"
WIDTH = 980
BOX_H = 34
GAP = 12

# (layer title, colour, [boxes]); a box is (label, note)
LAYERS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "front ends",
        "#e3f2fd",
        [("cli.py", "→ commands"), ("commands/", "→ ui (gui)"), ("ui/", "windows; ui/models/")],
    ),
    (
        "services/",
        "#e8f5e9",
        [
            ("workspace", "open: unlock, audit hook, sign-in"),
            ("printing · demo · integrity · audit", "may use any package below"),
            ("accounts", "sign-in, role table, masking"),
            ("encryption · monitoring", "SQLCipher keyring; monitoring since 2021"),
            ("exchange", "Excel import/export"),
            ("procedure · merge", ""),
            ("households", "cards, list queries, actions"),
            ("backups", "verified copies, rotation, restore"),
            ("settings · areas", "county settings, area tree"),
            ("unit_of_work · progress", "writing / reading / record, Changes, Progress"),
            ("permissions", "require / allowed (checker from accounts)"),
        ],
    ),
    ("shared", "#fff8e1", [("errors.py", "one Chinese line + exit code")]),
    (
        "storage/",
        "#fce4ec",
        [("storage/", "tables, Database, cipher, backup files, migrations, change log, bulk inserts, queries")],
    ),
    (
        "base",
        "#f3e5f5",
        [("config · catalog · crash", ""), ("assets", "package files")],
    ),
    ("domain/", "#eceff1", [("domain/", "pure rules: IDs, money, eligibility, steps (no Qt, SQL or files)")]),
]


def _box(x: float, y: float, w: float, label: str, note: str, fill: str) -> str:
    text = f'<text x="{x + 10}" y="{y + 21}" font-size="14" font-weight="bold">{escape(label)}</text>'
    if note:
        text += (
            f'<text x="{x + w - 10}" y="{y + 21}" font-size="11" text-anchor="end" fill="#555">{escape(note)}</text>'
        )
    return f'<rect x="{x}" y="{y}" width="{w}" height="{BOX_H}" rx="6" fill="{fill}" stroke="#607d8b"/>{text}'


def _arrow(x: float, y1: float, y2: float) -> str:
    return (
        f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2 - 6}" stroke="#37474f" stroke-width="2" marker-end="url(#head)"/>'
    )


def draw() -> str:
    parts: list[str] = []
    y = 50.0
    left = 200.0
    inner = WIDTH - left - 30
    layer_bottoms: list[tuple[float, float]] = []
    for title, colour, boxes in LAYERS:
        top = y
        if title == "services/":
            # the capability packages as a stack: each may import the ones below it only
            for label, note in boxes:
                parts.append(_box(left + 20, y + 8, inner - 40, label, note, "#ffffff"))
                y += BOX_H + 6
            height = y - top + 8
        else:
            w = (inner - GAP * (len(boxes) - 1) - 40) / len(boxes)
            for i, (label, note) in enumerate(boxes):
                parts.append(_box(left + 20 + i * (w + GAP), y + 8, w, label, note, "#ffffff"))
            height = BOX_H + 16
            y += height
        parts.insert(
            0,
            f'<rect x="{left}" y="{top}" width="{inner}" height="{height}" rx="10" fill="{colour}" stroke="#90a4ae"/>'
            f'<text x="{left - 12}" y="{top + height / 2 + 5}" font-size="13" text-anchor="end">{escape(title)}</text>',
        )
        layer_bottoms.append((top, top + height))
        y = top + height + 30
    for (_, bottom), (next_top, _) in zip(layer_bottoms, layer_bottoms[1:], strict=False):
        parts.append(_arrow(left + inner / 2, bottom, next_top))
    notes = [
        "Arrows: may import. Every layer may also import any layer further down; nothing imports upwards.",
        "Forbidden: storage → services/ui/commands/cli; ui, commands, cli → storage, SQLAlchemy, SQLModel;",
        "services → ui, commands, cli, PySide6; domain → SQLAlchemy, SQLModel, PySide6, reportlab, openpyxl.",
        "No import cycle anywhere, imports inside functions included (lint-imports, tests/test_architecture.py).",
    ]
    parts.append(
        f'<text x="{left - 12}" y="{layer_bottoms[1][0] + 40}" font-size="11" text-anchor="end" fill="#555">'
        "use cases, one</text>"
        f'<text x="{left - 12}" y="{layer_bottoms[1][0] + 55}" font-size="11" text-anchor="end" fill="#555">'
        "package per capability</text>"
    )
    for i, line in enumerate(notes):
        parts.append(f'<text x="30" y="{y + 4 + i * 18}" font-size="12" fill="#37474f">{escape(line)}</text>')
    height = y + 4 + len(notes) * 18 + 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="Noto Sans, WenQuanYi Micro Hei, sans-serif">'
        '<defs><marker id="head" markerWidth="10" markerHeight="10" refX="5" refY="5" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#37474f"/></marker></defs>'
        '<rect width="100%" height="100%" fill="#ffffff"/>'
        '<text x="30" y="30" font-size="18" font-weight="bold">Fupin Desk: layers and allowed imports</text>'
        + "".join(parts)
        + "</svg>\n"
    )


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(draw(), encoding="utf-8")
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
