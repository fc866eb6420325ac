"""Tables that break across pages quickly and cleanly.

``PagedTable`` holds all rows with their heights computed once (long text wrapped to its column, never
clipped), and when the frame runs out of room it cuts off exactly the rows that fit as a plain reportlab
``Table`` with the header row on top. Every page therefore starts with the header, and the work per page
does not grow with the length of the list: one reportlab Table of thousands of rows re-measures the rest of
the table at every page break, which makes long lists quadratic (FACTS.md: 10,000 rows 8.9 s as one table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.reports.fonts import MAIN_FONT, is_plain, markup, plain, wrap_plain
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

HEADER_BG = colors.Color(0.88, 0.88, 0.88)
SHADE_BG = colors.Color(0.95, 0.95, 0.95)
GRID = colors.Color(0.25, 0.25, 0.25)
PAD_X = 3.0
PAD_Y = 2.5
MAX_CELL_LINES = 30  # a row must fit on a page; longer text is cut with a visible note


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # points
    align: str = "LEFT"  # LEFT, CENTER, RIGHT


_ALIGN = {"LEFT": TA_LEFT, "CENTER": TA_CENTER, "RIGHT": TA_RIGHT}


class PagedTable(Flowable):
    """A table of many rows with its header repeated on every page.

    ``marks`` gives a row's look: "group" draws a heavier line above it (a new household starts),
    "shade" a light background, "total" both. With ``span_cols`` the first columns of a group (a household's
    own cells) are merged over its rows, and repeated at the top of the next page when a group breaks.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Any]],
        *,
        font_size: float = 9,
        header_size: float | None = None,
        marks: Sequence[str] | None = None,
        span_cols: int = 0,
        _prepared: tuple[list[Any], list[list[Any]], list[float], float, list[int]] | None = None,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self.font_size = font_size
        self.header_size = header_size or font_size
        self.leading = round(font_size * 1.3, 2)
        self.marks = list(marks) if marks is not None else [""] * len(rows)
        self.span_cols = span_cols
        if _prepared is None:
            header = [self._cell(c.title, c, self.header_size, center=True) for c in self.columns]
            header_h = self._row_height(header, self.header_size)
            cells = [[self._cell(v, c, font_size) for v, c in zip(row, self.columns, strict=False)] for row in rows]
            heights = [self._row_height(row, font_size) for row in cells]
            self._header, self._cells, self._heights, self._header_h = header, cells, heights, header_h
            heads, head = [], 0
            for index, mark in enumerate(self.marks):
                head = index if mark in ("group", "total") or index == 0 else head
                heads.append(head)
            self._heads = heads  # index (in self._cells) of each row's group head
            self._head_cells = {h: cells[h][:span_cols] for h in set(heads)} if span_cols else {}
        else:
            self._header, self._cells, self._heights, self._header_h, self._heads = _prepared
            self._head_cells = {}
        self.width = sum(c.width for c in self.columns)

    # -- cell preparation -------------------------------------------------------------------------------
    def _style(self, size: float, align: str) -> ParagraphStyle:
        return ParagraphStyle(
            f"cell{size}{align}",
            wordWrap="CJK",
            fontName=MAIN_FONT,
            fontSize=size,
            leading=round(size * 1.3, 2),
            alignment=_ALIGN[align],
        )

    def _cell(self, value: Any, column: Column, size: float, center: bool = False) -> Any:
        text = "" if value is None else str(value)
        inner = column.width - 2 * PAD_X
        if not is_plain(text):
            paragraph = Paragraph(markup(text), self._style(size, "CENTER" if center else column.align))
            paragraph.wrap(inner, 10_000)
            if paragraph.height <= MAX_CELL_LINES * size * 1.3:
                return paragraph
            text = plain(text)  # far too long for one row: shorten it below, with placeholders for rare characters
        lines = wrap_plain(text, inner, size)
        if len(lines) > MAX_CELL_LINES:  # a row taller than a page cannot be printed at all
            lines = [*lines[: MAX_CELL_LINES - 1], "…（过长，余下从略）"]
        return "\n".join(lines)

    def _row_height(self, cells: Sequence[Any], size: float) -> float:
        leading = round(size * 1.3, 2)
        best = leading
        for cell in cells:
            if isinstance(cell, Paragraph):
                best = max(best, cell.height)
            elif cell:
                best = max(best, (cell.count("\n") + 1) * leading)
        return best + 2 * PAD_Y

    # -- drawing ----------------------------------------------------------------------------------------
    def _groups(self, start: int, stop: int) -> list[tuple[int, int]]:
        """(first, last) row index pairs of the groups on rows start..stop-1 (each row alone without spans)."""
        if not self.span_cols:
            return [(i, i) for i in range(start, stop)]
        out = []
        first = start
        while first < stop:
            last = first
            while last + 1 < stop and self._heads[last + 1] == self._heads[first]:
                last += 1
            out.append((first, last))
            first = last + 1
        return out

    def _draw_rows(self, canvas: Any, start: int, stop: int, height: float) -> None:
        """Draw the header and rows start..stop-1 straight onto the canvas: one text object per page.

        Building a reportlab Table per page and letting it style every cell costs several times more for
        registers of thousands of rows; this draws the same grid, backgrounds, merged cells and text.
        """
        xs = [0.0]
        for column in self.columns:
            xs.append(xs[-1] + column.width)
        width = xs[-1]
        tops: list[float] = []
        y = height - self._header_h
        for i in range(start, stop):
            tops.append(y)
            y -= self._heights[i]
        canvas.saveState()
        canvas.setFillColor(HEADER_BG)
        canvas.rect(0, height - self._header_h, width, self._header_h, stroke=0, fill=1)
        canvas.setFillColor(SHADE_BG)
        for i in range(start, stop):
            if self.marks[i] in ("shade", "total"):
                canvas.rect(0, tops[i - start] - self._heights[i], width, self._heights[i], stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        text = canvas.beginText()
        paragraphs: list[tuple[Paragraph, float, float]] = []

        def put(value: Any, col: int, top: float, box_h: float, size: float, align: str) -> None:
            x, w = xs[col], self.columns[col].width
            if isinstance(value, Paragraph):
                paragraphs.append((value, x + PAD_X, top - box_h / 2 - value.height / 2))
                return
            if not value:
                return
            leading = round(size * 1.3, 2)
            lines = value.split("\n")
            base = top - box_h + (box_h + len(lines) * leading) / 2 - size
            for line in lines:
                if align == "LEFT":
                    tx = x + PAD_X
                else:
                    line_w = pdfmetrics.stringWidth(line, MAIN_FONT, size)
                    tx = x + (w - line_w) / 2 if align == "CENTER" else x + w - PAD_X - line_w
                text.setTextOrigin(tx, base)
                text.textOut(line)
                base -= leading

        text.setFont(MAIN_FONT, self.header_size)
        for col, value in enumerate(self._header):
            put(value, col, height, self._header_h, self.header_size, "CENTER")
        text.setFont(MAIN_FONT, self.font_size)
        groups = self._groups(start, stop)
        for first, last in groups:
            head = self._heads[first]
            own = self._head_cells.get(head) if self.span_cols and head < first else None
            group_h = sum(self._heights[first : last + 1])
            for i in range(first, last + 1):
                row = self._cells[i]
                top = tops[i - start]
                for col, value in enumerate(row):
                    if col < self.span_cols:
                        if i == first:
                            put(own[col] if own else value, col, top, group_h, self.font_size, self.columns[col].align)
                        continue
                    put(value, col, top, self._heights[i], self.font_size, self.columns[col].align)
        canvas.drawText(text)
        for paragraph, px, py in paragraphs:
            paragraph.drawOn(canvas, px, py)

        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        bottom = tops[-1] - self._heights[stop - 1] if tops else height - self._header_h
        canvas.rect(0, bottom, width, height - bottom, stroke=1, fill=0)
        for x in xs[1:-1]:
            canvas.line(x, bottom, x, height)
        canvas.line(0, height - self._header_h, width, height - self._header_h)
        group_starts = {first for first, _ in groups}
        heavy = []
        for i in range(start + 1, stop):
            y = tops[i - start]
            if i in group_starts:
                if self.marks[i] in ("group", "total"):
                    heavy.append(y)
                canvas.line(0, y, width, y)
            else:
                canvas.line(xs[self.span_cols], y, width, y)
        if heavy:
            canvas.setLineWidth(1.2)
            canvas.setStrokeColor(colors.black)
            for y in heavy:
                canvas.line(0, y, width, y)
        canvas.restoreState()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return self.width, self._header_h + sum(self._heights)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        used = self._header_h
        fit = 0
        for height in self._heights:
            if used + height > availHeight:
                break
            used += height
            fit += 1
        if fit == 0:
            return []  # not even one row: the frame moves on to the next page
        if fit == len(self._heights):
            return [self]
        first = _PageSlice(self, 0, fit)
        heads = [h - fit for h in self._heads[fit:]]  # may be negative: a group that began before this cut
        rest = PagedTable(
            self.columns,
            [],
            font_size=self.font_size,
            header_size=self.header_size,
            marks=self.marks[fit:],
            span_cols=self.span_cols,
            _prepared=(self._header, self._cells[fit:], self._heights[fit:], self._header_h, heads),
        )
        rest._head_cells = {h - fit: self._head_cells[h] for h in set(self._heads[fit:])} if self.span_cols else {}
        return [first, rest]

    def draw(self) -> None:
        self._draw_rows(self.canv, 0, len(self._cells), self._header_h + sum(self._heights))


class _PageSlice(Flowable):
    """The rows of a PagedTable that fit on one page, with the header on top."""

    def __init__(self, owner: PagedTable, start: int, stop: int) -> None:
        super().__init__()
        self.owner, self.start, self.stop = owner, start, stop
        self.width = owner.width
        self.height = owner._header_h + sum(owner._heights[start:stop])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return self.width, self.height

    def draw(self) -> None:
        self.owner._draw_rows(self.canv, self.start, self.stop, self.height)


def grid_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    font_size: float = 9.5,
    label_cols: Sequence[int] = (),
    extra: Sequence[tuple[Any, ...]] = (),
    row_height: float | None = None,
) -> Table:
    """A small form-like table (label, value, label, value …) whose text wraps; label columns are shaded."""
    label_style = ParagraphStyle(
        "kvlabel", fontName=MAIN_FONT, fontSize=font_size, leading=font_size * 1.3, wordWrap="CJK"
    )
    value_style = ParagraphStyle("kvvalue", parent=label_style)
    data = []
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
            else:
                style = label_style if index in label_cols else value_style
                cells.append(Paragraph(markup("" if value is None else str(value)), style))
        data.append(cells)
    table = Table(data, colWidths=list(widths), rowHeights=[row_height] * len(data) if row_height else None)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), MAIN_FONT, font_size, font_size * 1.3),  # else the table sets Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X + 1),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y + 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 1),
    ]
    for col in label_cols:
        style.append(("BACKGROUND", (col, 0), (col, -1), HEADER_BG))
    # a value merged over a label column is a value: not shaded
    style.extend(("BACKGROUND", cmd[1], cmd[2], colors.white) for cmd in extra if cmd[0] == "SPAN")
    style.extend(extra)
    table.setStyle(TableStyle(style))
    return table
