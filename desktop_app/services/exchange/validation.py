"""The validation report: every problem found in a file, where it is and what to do, in plain Chinese.

Problems carry the sheet, the spreadsheet row (1-based, as the user sees it), the column header, the cell
value and a message; ``household`` groups them so that ``--partial`` can leave out whole households. The
report can be saved as a workbook: the file's sheets with each bad cell filled red and commented, after a
summary sheet listing every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain import idnumber
from desktop_app.services.exchange.cells import cell_text, quoted
from desktop_app.services.exchange.errors import ExchangeError


@dataclass
class Problem:
    sheet: str
    row: int | None  # spreadsheet row number (1-based); None for the whole sheet or file
    column: str  # header text ("" when not about one column)
    value: str
    message: str
    household: str | None = None  # key of the household the row belongs to; None blocks the whole file
    col_index: int | None = None  # 0-based, to mark the cell in the report workbook

    def to_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }

    def line(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += f" 第{self.row}行"
        if self.column:
            where += f" “{self.column}”列"
        value = f"（值：{self.value}）" if self.value and self.value not in self.message else ""
        return f"{where}：{self.message}{value}"


def shown_value(value: Any, *, is_id: bool = False) -> str:
    """A cell value as shown in a report; ID numbers are masked (reports get printed and mailed)."""
    text = cell_text(value)
    if is_id and text:
        normal = idnumber.normalize(text)
        if len(normal) == 18:
            return idnumber.mask(normal)
    return quoted(text)  # short, long digit runs masked, a swallowed file summarised


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def blocking(self) -> bool:
        """True when a problem concerns no single household (a missing sheet or column, a bad area)."""
        return any(p.household is None for p in self.problems)

    def bad_households(self) -> set[str]:
        return {p.household for p in self.problems if p.household is not None}

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.sheet, p.row or 0, p.col_index or 0))


def save_report_workbook(problems: list[Problem], books: Any, out: str | Path) -> Path:
    """Write the problem list and a copy of the file's sheets with every bad cell red and commented."""
    from openpyxl import Workbook  # type: ignore[import-untyped]  # openpyxl ships no type information
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]  # the same

    out = Path(out)
    book = Workbook()
    summary = book.active
    summary.title = "问题清单"
    summary.append(["工作表", "行", "列", "值", "问题"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    for p in sorted(problems, key=lambda p: (p.sheet, p.row or 0, p.col_index or 0)):
        summary.append([p.sheet, p.row, p.column, p.value, p.message])
    for letter, width in zip("ABCDE", (14, 8, 18, 24, 70), strict=True):
        summary.column_dimensions[letter].width = width
    red = PatternFill("solid", fgColor="FFC7CE")
    by_sheet: dict[str, list[Problem]] = {}
    for p in problems:
        by_sheet.setdefault(p.sheet, []).append(p)
    for book_ in books if isinstance(books, list) else [books]:
        for sheet in book_.sheets:
            if sheet.name in by_sheet:
                _marked_sheet(book, book_.loaded(sheet), by_sheet[sheet.name], red)
    try:
        book.save(out)
    except OSError as exc:
        raise ExchangeError(f"无法保存检查报告 {out}：{exc.strerror or exc}", "cannot save report") from exc
    return out


def _marked_sheet(book: Any, sheet: Any, problems: list[Problem], red: Any) -> None:
    from openpyxl.comments import Comment  # type: ignore[import-untyped]  # the same

    ws = book.create_sheet(_safe_title(sheet.name, book))
    for r, row in enumerate(sheet.rows or [], start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
                cell.quotePrefix = True
    for p in problems:
        if p.row is None:
            continue
        col = (p.col_index or 0) + 1
        cell = ws.cell(row=p.row, column=col)
        cell.fill = red
        note = p.message if cell.comment is None else f"{cell.comment.text}\n{p.message}"
        cell.comment = Comment(note, "Fupin Desk")
    ws.freeze_panes = "A2"


def _safe_title(name: str, book: Any) -> str:
    title = "".join(c for c in name if c not in "[]:*?/\\")[:28] or "工作表"
    base, n = title, 2
    while title in book.sheetnames:
        title = f"{base}{n}"
        n += 1
    return title
