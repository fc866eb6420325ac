"""The monitoring list as an Excel workbook (``fupin monitor export``, the tab's 导出… button).

One sheet: a title row "<area> 防止返贫监测对象名单（导出日期 …）", a header row and one row per case of
``case_list``. Each row names its own term by the year the case was found (监测对象 before the county's
``terminology_from_year``, 防止返贫致贫对象 from it), every code is written as its code-list label, dates as
YYYY-MM-DD text, and nothing private is written: no resident ID, no phone (not even the contact person's),
no income. The file is written under a temporary name and renamed when complete (the exchange's writer
options and failure handling): a failure or a cancel leaves no file behind.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app import catalog
from desktop_app.services import permissions
from desktop_app.services.exchange import ExchangeError, ExportResult
from desktop_app.services.exchange.cells import cell_text
from desktop_app.services.exchange.export import discard_unfinished, find_area, write_failed
from desktop_app.services.monitoring.listing import CaseRow
from desktop_app.services.monitoring.use_cases import case_list
from desktop_app.services.progress import Progress
from desktop_app.services.unit_of_work import reading, record
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area
from desktop_app.storage.queries import live_rows, table_of

EXPORT_ACTION = "monitoring.export"
SHEET = "监测对象名单"
HEADER = (
    "对象称谓",
    "户编号",
    "户主",
    "行政村",
    "监测类别",
    "步骤",
    "线索来源",
    "发现日期",
    "办结期限",
    "剩余天数",
    "是否超期",
    "纳入日期",
    "风险类型",
    "帮扶联系人",
    "风险消除方式",
    "风险消除日期",
)
WIDTHS = (16, 18, 10, 12, 14, 14, 14, 12, 12, 9, 9, 12, 24, 10, 12, 12)


def case_cells(row: CaseRow) -> list[str]:
    """One case as the sheet shows it: labels, ISO dates, 是/否; no ID, phone or income."""
    return [
        row.term_zh,
        row.household_number,
        row.head_name,
        row.village_name,
        catalog.label("monitor_category", row.category) if row.category else "",
        catalog.label("monitor_stage", row.stage),
        catalog.label("monitor_source", row.source) if row.source else "",
        cell_text(row.found),
        cell_text(row.deadline),
        "" if row.days_left is None else str(row.days_left),
        "是" if row.overdue else "否",
        cell_text(row.included),
        "、".join(catalog.label("monitor_risk", code) for code in row.risks),
        row.contact_name,
        catalog.label("removal_method", row.removal_method) if row.removal_method else "",
        cell_text(row.removed),
    ]


def _area(db: Database, village: str | None) -> tuple[str | None, str]:
    """(village code, its name) for a village given by code or name (an unknown one is refused, as the
    exchange export does), else (None, the county's name)."""
    with reading(db) as session:
        if village:
            _id, code, name = find_area(session, village, "village")
            return code, name
        a = table_of(Area).c
        county = session.execute(
            select(a.name).where(a.level == "county", live_rows(table_of(Area))).order_by(a.code)
        ).first()
        return None, str(county[0]) if county else "全部"


def export_cases(
    db: Database,
    path: str | Path,
    *,
    village_code: str | None = None,
    today: date,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the monitoring list (one village by code or name, or all) to ``path`` (.xlsx) and record
    ``monitoring.export`` (file name, area, row count — never a name or an ID). A bad path or suffix raises a
    Chinese error and leaves no file; ``progress`` may cancel (``Cancelled``), also leaving no file."""
    started = time.perf_counter()
    permissions.require(db, EXPORT_ACTION)
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise ExchangeError("导出文件的扩展名必须是 .xlsx", "the export file must end in .xlsx")
    code, area = _area(db, village_code)
    rows = case_list(db, village_code=code, today=today)
    _write(out, f"{area} 防止返贫监测对象名单（导出日期 {today.isoformat()}）", rows, progress)
    record(db, EXPORT_ACTION, None, kind="monitoring", file=out.name, area=area, rows={"cases": len(rows)})
    return ExportResult(path=out, area=area, counts={"cases": len(rows)}, seconds=time.perf_counter() - started)


def _write(out: Path, title: str, rows: Sequence[CaseRow], progress: Progress | None) -> None:
    import xlsxwriter  # type: ignore[import-untyped]  # xlsxwriter ships no type information
    from xlsxwriter.exceptions import XlsxWriterException  # type: ignore[import-untyped]  # the same

    tmp = out.with_name(f".{out.stem}.{uuid.uuid4().hex[:8]}.tmp.xlsx")
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    book: Any = None
    try:
        book = xlsxwriter.Workbook(str(tmp), options)
        sheet = book.add_worksheet(SHEET)
        sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for c, (name, width) in enumerate(zip(HEADER, WIDTHS, strict=True)):
            sheet.write_string(1, c, name, bold)
            sheet.set_column(c, c, width)
        for r, row in enumerate(rows, start=2):
            if progress is not None and r % 200 == 2:  # the first row, then every 200: a cancel stops here
                progress(r - 2, len(rows), "正在写入监测对象名单")
            for c, text in enumerate(case_cells(row)):
                sheet.write_string(r, c, text)  # text cells only: nothing is read as a number or a formula
        if progress is not None:
            progress(len(rows), len(rows), "正在保存监测对象名单")  # a cancel now still leaves no file
        sheet.freeze_panes(2, 0)
        book.close()
        os.replace(tmp, out)
    except (OSError, XlsxWriterException) as exc:  # missing or read-only folder, no space, no permission
        discard_unfinished(book, tmp)
        raise write_failed(out, exc) from exc
    except BaseException:  # a cancel (Cancelled) or anything else: no file is left either
        discard_unfinished(book, tmp)
        raise
