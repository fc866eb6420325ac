"""The fonts every document uses: the shipped WenQuanYi Micro Hei, embedded, plus a per-character fallback.

reportlab has no automatic font fallback, and WenQuanYi Micro Hei lacks almost all of CJK Extension A (rare
characters that do occur in people's names). So text is checked character by character: what the main font
cannot draw is drawn with the shipped Droid Sans Fallback (all 6,582 Extension A characters; a sans face like
the main font, so every machine prints the same) or, when that is missing, a fallback font found on the
system (SimSun on Windows). A character no font has (Extension B and beyond) is printed as a visible code
point such as 〔U+20000〕 that a clerk can complete by hand, never as an empty box.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.assets import FALLBACK_FONT_FILE, MAIN_FONT_FILE, AssetNotFound, asset_path

MAIN_FONT = "FupinSans"
FALLBACK_FONT = "FupinFallback"

NO_FALLBACK = "none"  # FUPIN_FALLBACK_FONT=none: no fallback font at all (rare characters as 〔U+XXXX〕)

# System candidates for rare characters after the shipped file, first found wins; FUPIN_FALLBACK_FONT (a
# TrueType file) comes before all of them.
FALLBACK_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
)


@dataclass(frozen=True)
class FontSet:
    main: str
    main_glyphs: frozenset[int]
    fallback: str | None
    fallback_glyphs: frozenset[int]
    fallback_path: str | None


def _fallback_candidates() -> list[tuple[str, int]]:
    override = os.environ.get("FUPIN_FALLBACK_FONT", "").strip()
    if override.lower() == NO_FALLBACK:
        return []
    found = [(override, 0)] if override else []
    try:
        found.append((str(asset_path(*FALLBACK_FONT_FILE)), 0))
    except AssetNotFound:
        pass  # a trimmed installation: the system's fonts, else placeholders
    return found + list(FALLBACK_CANDIDATES)


@lru_cache(maxsize=1)
def fonts() -> FontSet:
    """Register the fonts once per process and return what each can draw."""
    path = asset_path(*MAIN_FONT_FILE)
    main = TTFont(MAIN_FONT, str(path), subfontIndex=0)
    pdfmetrics.registerFont(main)
    # There is no bold face: <b> in a paragraph maps back to the same font instead of failing.
    pdfmetrics.registerFontFamily(MAIN_FONT, normal=MAIN_FONT, bold=MAIN_FONT, italic=MAIN_FONT, boldItalic=MAIN_FONT)
    main_glyphs = frozenset(main.face.charToGlyph)
    for candidate, index in _fallback_candidates():
        if not Path(candidate).is_file():
            continue
        try:
            fallback = TTFont(FALLBACK_FONT, candidate, subfontIndex=index)
        except Exception:  # noqa: BLE001 - a CFF or broken font: try the next one
            continue
        pdfmetrics.registerFont(fallback)
        pdfmetrics.registerFontFamily(
            FALLBACK_FONT, normal=FALLBACK_FONT, bold=FALLBACK_FONT, italic=FALLBACK_FONT, boldItalic=FALLBACK_FONT
        )
        return FontSet(MAIN_FONT, main_glyphs, FALLBACK_FONT, frozenset(fallback.face.charToGlyph), candidate)
    return FontSet(MAIN_FONT, main_glyphs, None, frozenset(), None)


def _drawable(code: int, glyphs: frozenset[int]) -> bool:
    return code in glyphs or code < 0x20


def placeholder(ch: str) -> str:
    return f"〔U+{ord(ch):04X}〕"


def is_plain(text: str) -> bool:
    """True when the main font draws every character (the common, fast case)."""
    glyphs = fonts().main_glyphs
    return all(_drawable(ord(ch), glyphs) for ch in text)


def runs(text: str) -> list[tuple[str, str]]:
    """Split text into (font name, text) runs; characters no font has become placeholders in the main font."""
    fs = fonts()
    out: list[tuple[str, str]] = []
    for ch in text:
        code = ord(ch)
        if _drawable(code, fs.main_glyphs):
            font, piece = fs.main, ch
        elif fs.fallback and code in fs.fallback_glyphs:
            font, piece = fs.fallback, ch
        else:
            font, piece = fs.main, placeholder(ch)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + piece)
        else:
            out.append((font, piece))
    return out


def markup(text: str) -> str:
    """Paragraph markup for text: XML-escaped, with fallback-font runs for characters the main font lacks."""
    if is_plain(text):
        return escape(text)
    parts = []
    for font, piece in runs(text):
        parts.append(escape(piece) if font == MAIN_FONT else f'<font name="{font}">{escape(piece)}</font>')
    return "".join(parts)


def plain(text: str) -> str:
    """Text for places that cannot switch fonts: characters the main font lacks become placeholders."""
    if is_plain(text):
        return text
    return "".join(piece if font == MAIN_FONT else placeholder(piece) for font, piece in runs(text))


def string_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text))


def draw_string(
    canvas: object, x: float, y: float, text: str, size: float, align: str = "left", mode: int | None = None
) -> None:
    """Draw one line on a canvas, switching fonts per run (headers, footers, titles)."""
    pieces = runs(text)
    width = sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in pieces)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    for font, piece in pieces:
        canvas.setFont(font, size)  # type: ignore[attr-defined]
        canvas.drawString(x, y, piece, mode=mode)  # type: ignore[attr-defined]
        x += pdfmetrics.stringWidth(piece, font, size)


_NO_LINE_START = set("，。、；：！？）》」』】〕”’,.;:!?)%")


def wrap_plain(text: str, width: float, size: float, font: str = MAIN_FONT) -> list[str]:
    """Break text (drawable by the main font) into lines no wider than width, at any CJK character.

    Runs of ASCII letters and digits stay together where they fit, and closing punctuation never starts a
    line. Much faster than a Paragraph, which matters for registers of thousands of rows.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if pdfmetrics.stringWidth(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        line = ""
        line_w = 0.0
        i = 0
        n = len(paragraph)
        while i < n:
            j = i + 1
            if paragraph[i].isascii() and paragraph[i].isalnum():
                while j < n and paragraph[j].isascii() and paragraph[j].isalnum():
                    j += 1
            token = paragraph[i:j]
            token_w = pdfmetrics.stringWidth(token, font, size)
            if line and line_w + token_w > width and token[0] not in _NO_LINE_START:
                lines.append(line)
                line, line_w = "", 0.0
            if token_w > width and len(token) > 1:  # a long number: break it by character
                for ch in token:
                    ch_w = pdfmetrics.stringWidth(ch, font, size)
                    if line and line_w + ch_w > width:
                        lines.append(line)
                        line, line_w = "", 0.0
                    line += ch
                    line_w += ch_w
            else:
                line += token
                line_w += token_w
            i = j
        lines.append(line)
    return lines
