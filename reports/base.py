"""The base every printed document builds on (after pretix's reportlab invoice renderer).

A renderer owns the page (size, orientation, margins), the embedded CJK font, the named paragraph styles,
the running header ("内部资料" on internal documents) and the footer "第 X 页 共 Y 页"; a document subclass
only builds its story from plain data. Renderers import nothing from the database: the services assemble
the data (``desktop_app.services.printing.render``) and tests can check it separately from the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.reports.fonts import MAIN_FONT, draw_string, fonts, markup
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

# The progress contract of the use cases (``desktop_app.services.progress.Progress``), seen from below the
# services layer: called with (pages laid out, 0 = total not known yet, ""); it raises to stop the layout.
PageProgress = Callable[[int, int, str], object]


def zh_date(value: date | None, blank: str = "    年  月  日") -> str:
    """A date as Chinese documents write it: 2019年5月6日."""
    if value is None:
        return blank
    return f"{value.year}年{value.month}月{value.day}日"


def stylesheet() -> StyleSheet1:
    """The named paragraph styles of every document."""
    fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("body", fontName=MAIN_FONT, fontSize=11, leading=18, alignment=TA_JUSTIFY, wordWrap="CJK")
    sheet.add(base)
    sheet.add(ParagraphStyle("body_indent", parent=base, firstLineIndent=22))
    sheet.add(ParagraphStyle("title", parent=base, fontSize=17, leading=24, alignment=TA_CENTER, spaceAfter=4))
    sheet.add(ParagraphStyle("subtitle", parent=base, fontSize=11.5, leading=16, alignment=TA_CENTER, spaceAfter=6))
    sheet.add(ParagraphStyle("section", parent=base, fontSize=12.5, leading=18, spaceBefore=8, spaceAfter=4))
    sheet.add(ParagraphStyle("small", parent=base, fontSize=9, leading=13, alignment=TA_LEFT))
    sheet.add(ParagraphStyle("right", parent=base, alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("center", parent=base, alignment=TA_CENTER))
    return sheet


class SealBlock(Flowable):
    """Issuing body and date at the bottom right, with a marked round space where the seal is pressed."""

    def __init__(self, issuer: str, on: date | None, *, width: float, size: float = 12) -> None:
        super().__init__()
        self.issuer = issuer
        self.on = on
        self.size = size
        self.block_width = width
        self.diameter = 42 * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.diameter + 4 * mm

    def draw(self) -> None:
        canvas = self.canv
        right = self.width - 6 * mm
        center_x = right - self.block_width / 2
        center_y = self.diameter / 2 + 2 * mm
        canvas.saveState()
        canvas.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.6)
        canvas.circle(center_x, center_y, self.diameter / 2, stroke=1, fill=0)
        canvas.setFillColor(colors.Color(0.6, 0.6, 0.6))
        draw_string(canvas, center_x, center_y - self.diameter / 2 + 3 * mm, "（盖章）", 8, "center")
        canvas.setFillColor(colors.black)
        draw_string(canvas, center_x, center_y + 3 * mm, self.issuer, self.size, "center")
        draw_string(canvas, center_x, center_y - self.size - 2 * mm, zh_date(self.on), self.size, "center")
        canvas.restoreState()


class TitleBlock(Flowable):
    """The document title, drawn a little heavier than body text (the font has no bold face)."""

    def __init__(self, text: str, *, size: float = 18) -> None:
        super().__init__()
        self.text = text
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        from desktop_app.reports.fonts import string_width

        self.width = availWidth
        self._lines = [self.text]
        if string_width(self.text, self.size) > availWidth:  # long titles break near the middle
            cut = len(self.text) // 2
            self._lines = [self.text[:cut], self.text[cut:]]
        self.height = len(self._lines) * self.size * 1.45 + 4
        return availWidth, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.35)
        y = self.height - self.size - 2
        for line in self._lines:
            draw_string(canvas, self.width / 2, y, line, self.size, "center", mode=2)  # fill + stroke: faux bold
            y -= self.size * 1.45
        canvas.restoreState()


def _numbered_canvas(renderer: BaseRenderer) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps each page until the end so that every footer can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                renderer.draw_page_frame(self, self._pageNumber, total)
                super().showPage()
            renderer.page_count = total
            super().save()

    return NumberedCanvas


class BaseRenderer:
    """One printed document. Subclasses set the page and the running header and implement ``story``."""

    orientation = "portrait"
    margins = (18 * mm, 18 * mm, 20 * mm, 18 * mm)  # left, right, top, bottom
    internal = False  # internal documents say "内部资料" on every page
    header_text = ""

    def __init__(self) -> None:
        fonts()
        self.styles = stylesheet()
        self.page_count = 0

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.orientation == "landscape" else A4

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.margins[0] - self.margins[1]

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------------------------------
    def para(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(markup(text), self.styles[style])

    def title(self, text: str, subtitle: str = "") -> list[Flowable]:
        out: list[Flowable] = [TitleBlock(text)]
        if subtitle:
            out.append(self.para(subtitle, "subtitle"))
        out.append(Spacer(1, 3 * mm))
        return out

    def seal(self, issuer: str, on: date | None) -> SealBlock:
        return SealBlock(issuer, on, width=70 * mm)

    def signature_line(self, *labels: str) -> Paragraph:
        gap = "&nbsp;" * 22
        parts = [f"{markup(label)}：<u>{gap}</u>" for label in labels]
        return Paragraph(("&nbsp;" * 6).join(parts), self.styles["body"])

    # -- page frame -------------------------------------------------------------------------------------
    def draw_page_frame(self, canvas: Canvas, number: int, total: int) -> None:
        width, height = self.pagesize
        left, right, top, bottom = self.margins
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
        header_y = height - top + 6 * mm
        if self.header_text:
            draw_string(canvas, left, header_y, self.header_text, 8.5)
        if self.internal:
            canvas.setFillColor(colors.Color(0.7, 0, 0))
            canvas.setStrokeColor(colors.Color(0.7, 0, 0))
            canvas.setLineWidth(0.8)
            box_w = 19 * mm
            canvas.rect(width - right - box_w, header_y - 1.8 * mm, box_w, 6.2 * mm, stroke=1, fill=0)
            draw_string(canvas, width - right - box_w / 2, header_y, "内部资料", 10, "center")
        canvas.setStrokeColor(colors.Color(0.5, 0.5, 0.5))
        canvas.setLineWidth(0.4)
        canvas.line(left, header_y - 2.8 * mm, width - right, header_y - 2.8 * mm)
        canvas.setFillColor(colors.black)
        draw_string(canvas, width / 2, bottom - 9 * mm, f"第 {number} 页 共 {total} 页", 9, "center")
        canvas.restoreState()

    # -- output -----------------------------------------------------------------------------------------
    def render(self, out: BinaryIO | str | Path, *, progress: PageProgress | None = None) -> int:
        """Write the PDF to a file object or path; returns the number of pages.

        ``progress`` is told after each page is laid out; whatever it raises (``Cancelled``) stops the layout.
        """
        left, right, top, bottom = self.margins
        width, height = self.pagesize
        doc = BaseDocTemplate(
            out if not isinstance(out, Path) else str(out),
            pagesize=self.pagesize,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=self.header_text or "Fupin Desk",
            author="Fupin Desk",
            creator="Fupin Desk",
            initialFontName=MAIN_FONT,  # else every page names a Helvetica that is not embedded
        )
        frame = Frame(left, bottom, width - left - right, height - top - bottom, id="body", showBoundary=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        if progress is not None:
            report = progress
            doc.afterPage = lambda: report(doc.page, 0, "")  # type: ignore[method-assign]  # reportlab's hook
        doc.build(self.story(), canvasmaker=_numbered_canvas(self))
        return self.page_count

    def to_bytes(self, *, progress: PageProgress | None = None) -> bytes:
        buffer = io.BytesIO()
        self.render(buffer, progress=progress)
        return buffer.getvalue()
