"""The structure check of a sheet: formulas, merged cells, hidden rows and columns where data should be.

Shared by the exchange workbook (``workbook_in``, rows streamed past: :class:`StreamFacts`) and the county
rosters (``rosters``, rows in memory: :class:`RowsFacts`).
"""

from __future__ import annotations

from typing import Any

from desktop_app.services.exchange import cells
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange.reader import SheetData
from desktop_app.services.exchange.validation import Problem, Report, shown_value


class RowsFacts:
    """What the structure check needs to know about a sheet held in memory as rows."""

    def __init__(self, rows: list[list[Any]], hh_col: int | None) -> None:
        self.rows, self.hh_col = rows, hh_col

    def household_of(self, r: int) -> str | None:
        rows, c = self.rows, self.hh_col
        if c is None or r >= len(rows) or c >= len(rows[r]):
            return None
        return cells.cell_text(rows[r][c]).strip() or None

    def value_at(self, r: int, c: int) -> Any:
        return self.rows[r][c] if r < len(self.rows) and c < len(self.rows[r]) else ""

    def row_has_data(self, r: int) -> bool:
        return r < len(self.rows) and not all(cells.is_blank(v) for v in self.rows[r])

    def col_has_data(self, c: int) -> bool:
        return any(c < len(row) and not cells.is_blank(row[c]) for row in self.rows[1:])


class StreamFacts:
    """The same facts, collected while the rows stream past (only what the sheet's marks ask for)."""

    def __init__(self, sheet: SheetData, watch_cols: set[int]) -> None:
        self.want_values = set(sheet.formulas)
        self.want_rows = sheet.hidden_rows
        self.want_households = {r for r, _c in sheet.formulas} | sheet.hidden_rows | {m[0] for m in sheet.merged}
        self.watch_cols = watch_cols
        self.households: dict[int, str] = {}
        self.values: dict[tuple[int, int], Any] = {}
        self.rows_with_data: set[int] = set()
        self.cols_with_data: set[int] = set()

    def see(self, r: int, raw: list[Any], household: str) -> None:
        if household and r in self.want_households:
            self.households[r] = household
        if self.want_values:
            for c in range(len(raw)):
                if (r, c) in self.want_values:
                    self.values[(r, c)] = raw[c]
        if r in self.want_rows:
            self.rows_with_data.add(r)
        for c in self.watch_cols:
            if c < len(raw) and not cells.is_blank(raw[c]):
                self.cols_with_data.add(c)

    def household_of(self, r: int) -> str | None:
        return self.households.get(r)

    def value_at(self, r: int, c: int) -> Any:
        return self.values.get((r, c), "")

    def row_has_data(self, r: int) -> bool:
        return r in self.rows_with_data

    def col_has_data(self, c: int) -> bool:
        return c in self.cols_with_data


def check_structure(sheet: SheetData, spec: C.SheetSpec, colmap: dict[int, C.Col], report: Report, facts: Any) -> None:
    """Formulas, merged cells and hidden rows or data columns: all errors where data should be."""
    for r, c in sheet.formulas:
        col = colmap.get(c)
        report.add(
            Problem(
                spec.name,
                r + 1,
                col.header if col else "",
                shown_value(facts.value_at(r, c)),
                "单元格含有公式：公式不会被计算，请改为直接填写数值或文字",
                facts.household_of(r) if r > 0 else None,
                c,
            )
        )
    for r0, c0, r1, _c1 in sheet.merged:
        if r1 < 1 and r0 < 1:
            continue
        col = colmap.get(c0)
        report.add(
            Problem(
                spec.name,
                r0 + 1,
                col.header if col else "",
                "",
                f"存在合并单元格（至第{r1 + 1}行），合并单元格中的数据无法逐行导入，请取消合并并逐行填写",
                facts.household_of(r0) if r0 > 0 else None,
                c0,
            )
        )
    for r in sorted(sheet.hidden_rows):
        if r == 0 or not facts.row_has_data(r):
            continue
        report.add(
            Problem(
                spec.name, r + 1, "", "", "该行被隐藏但含有数据：请取消隐藏并核对后再导入", facts.household_of(r), 0
            )
        )
    for c in sorted(sheet.hidden_cols):
        col = colmap.get(c)
        if col is None or col.hidden:
            continue
        if facts.col_has_data(c):
            report.add(Problem(spec.name, 1, col.header, "", "该列被隐藏但含有数据：请取消隐藏并核对后再导入", None, c))
