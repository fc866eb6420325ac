"""`fupin export`: the exchange workbook of a village, a township or the whole database.

Written with xlsxwriter in constant-memory mode: it streams rows to disk (tens of MB at county size) and is
about 1.5× faster than openpyxl's write-only mode on this machine, and it writes data validation, hidden
sheets, frozen headers and the quote-prefix style natively. Every text cell is a string cell with the text
number format "@" (so re-typing it in Excel or LibreOffice keeps it text); text that a spreadsheet would
read as a formula (starting with = + - @, a tab or CR) also gets the quote-prefix style. The file appears
only when complete: it is written beside the target under a temporary name and renamed at the end, so a
cancel or a crash never leaves half a workbook. The data rows go into xlsxwriter's row files as XML written
by ``export_sheet.SheetWriter``; a large export has its procedure sheet written by a second process
(``export_part``), swapped in by ``xlsx_join`` (docs/exchange.md, *Performance*).
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import aliased
from sqlmodel import Session

from desktop_app import __version__, catalog
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import columns_assist as CA
from desktop_app.services.exchange import export_assist, export_part, xlsx_join
from desktop_app.services.exchange.errors import Cancelled, ExchangeError, Reporter, tick
from desktop_app.services.exchange.export_sheet import (
    LINKED,
    WORKBOOK_OPTIONS,
    SheetWriter,
    code_list_ranges,
    formats,
    stream,
    used_lists,
    write_linked,
)
from desktop_app.storage.models import Area, Cadre, Household, Measure, Member, ProcedureEvent
from desktop_app.storage.queries import live_rows, table_of


@dataclass
class ExportResult:
    path: Path
    area: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def ledger_rows(self) -> int:
        """The rows of the assistance ledgers' sheets (format version 2), all sheets together."""
        return sum(self.counts.get(table, 0) for table in CA.LEDGER_TABLES)


def find_area(session: Session, text: str, level: str) -> tuple[str, str, str]:
    """An area of ``level`` by code or exact name: (id, code, name). Ambiguous names are refused."""
    a = table_of(Area).c
    rows = session.execute(
        select(a.id, a.code, a.name).where(a.level == level, live_rows(table_of(Area)), a.code == text.strip())
    ).all()
    if not rows:
        rows = session.execute(
            select(a.id, a.code, a.name).where(a.level == level, live_rows(table_of(Area)), a.name == text.strip())
        ).all()
    word = C.AREA_LEVEL_LABELS.get(level, level)
    if not rows:
        raise ExchangeError(f"找不到{word}：{text}", f"no {level} named or coded {text}")
    if len(rows) > 1:
        codes = "、".join(f"{r.name}（{r.code}）" for r in rows)
        raise ExchangeError(f"{word}名称“{text}”不唯一：{codes}；请改用代码。", f"ambiguous {level} name {text}")
    row = rows[0]
    return row.id, row.code, row.name


def list_areas(session: Session) -> list[tuple[str, str, str, str]]:
    """(id, code, name, level) of the county, townships and villages, in code order (for the export dialog)."""
    a = table_of(Area).c
    rows = session.execute(
        select(a.id, a.code, a.name, a.level)
        .where(live_rows(table_of(Area)), a.level.in_(("county", "township", "village")))
        .order_by(a.code)
    ).all()
    return [(r.id, r.code, r.name, r.level) for r in rows]


def villages_under(session: Session, area_id: str | None) -> tuple[list[str] | None, str]:
    """The village ids in scope (None = everything) and a description of the scope."""
    if area_id is None:
        return None, "全部"
    a = table_of(Area).c
    row = session.execute(select(a.id, a.code, a.name, a.level).where(a.id == area_id)).first()
    if row is None:
        raise ExchangeError("要导出的地区不存在。", "area not found")
    frontier, villages = [row.id], []
    if row.level == "village":
        villages = [row.id]
    while frontier and row.level != "village":
        children = session.execute(select(a.id, a.level).where(a.parent_id.in_(frontier))).all()
        villages += [c.id for c in children if c.level == "village"]
        frontier = [c.id for c in children if c.level != "village" and c.level != "group"]
    return villages, f"{row.name}（{row.code}）"


def _code_list_sheet(book: Any, fmt: dict[str, Any]) -> None:
    """The hidden sheet of code-list labels that the drop-downs point at (see export_sheet.code_list_ranges)."""
    ws = book.add_worksheet(C.CODELIST_SHEET)
    lists = catalog.codelists()
    used = [lists[list_id] for list_id in used_lists()]
    # Constant-memory mode writes row after row: lay the lists out as a grid first.
    depth = max(len(code_list) for code_list in used)
    for i, code_list in enumerate(used):
        ws.set_column(i, i, 16)
        ws.write_string(0, i, code_list.zh, fmt["header"])
    for r in range(depth):
        for i, code_list in enumerate(used):
            if r < len(code_list):
                ws.write_string(r + 1, i, code_list.items[r].zh, fmt["text"])
    ws.hide()


def _sync(row: Any) -> list[Any]:
    return [row.id, row.version, row.device_id, row.updated_at, None]


def export_workbook(
    session: Session,
    out: str | Path,
    *,
    area_id: str | None = None,
    device_id: str = "",
    operator: str = "",
    progress: Reporter | None = None,
    mask_ids: bool = False,
) -> ExportResult:
    """Write the exchange workbook for ``area_id`` (a county, township or village; None = all) to ``out``.

    ``mask_ids`` writes every member's resident ID masked (``domain.idnumber.mask``), for a role that may not
    see full IDs; such a workbook is for reading, and importing it is refused (an ID with ``*`` is invalid).

    ``progress(done, total, text)`` is called now and then; returning False (or raising) cancels, and then no
    file is left behind.
    """
    import xlsxwriter  # type: ignore[import-untyped]  # xlsxwriter ships no type information
    from xlsxwriter.exceptions import XlsxWriterException  # type: ignore[import-untyped]  # the same

    started = time.perf_counter()
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ExchangeError("导出文件的扩展名必须是 .xlsx", "the export file must end in .xlsx")
    villages, scope = villages_under(session, area_id)
    tmp = out.with_name(f".{out.stem}.{uuid.uuid4().hex[:8]}.tmp.xlsx")
    try:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
    except OSError as exc:
        raise write_failed(out, exc) from exc
    parts: list[export_part.PartProcess] = []  # the second process, when one writes a sheet (export_part)
    joined = tmp.with_name(f"{tmp.stem}.joined.xlsx")
    try:
        counts, swapped = _write_all(session, book, villages, progress, parts, mask_ids=mask_ids)
        _metadata_sheet(book, scope, area_id, device_id, operator, counts)
        book.close()
        if swapped:
            part = parts[0].job.part_path
            xlsx_join.replace_sheets(tmp, {name: (part, name) for name in swapped}, joined)
            os.replace(joined, out)
            tmp.unlink()
        else:
            os.replace(tmp, out)
    except Cancelled:
        discard_unfinished(book, tmp)
        raise
    except ExchangeError:
        discard_unfinished(book, tmp)
        raise
    except (OSError, XlsxWriterException) as exc:  # no space, read-only or missing folder, no permission
        discard_unfinished(book, tmp)
        raise write_failed(out, exc) from exc
    except BaseException:
        discard_unfinished(book, tmp)
        raise
    finally:
        for process in parts:
            process.close()
        with contextlib.suppress(OSError):  # a read-only folder refuses even the unlink of a missing file
            joined.unlink(missing_ok=True)
    return ExportResult(path=out, area=scope, counts=counts, seconds=time.perf_counter() - started)


def write_failed(out: Path, exc: BaseException) -> ExchangeError:
    """The export file could not be written: say why and what to do; nothing is left behind (also used by the
    monitoring list export, services/monitoring/export.py)."""
    from desktop_app.errors import file_error_text

    cause = exc if isinstance(exc, OSError) else next((a for a in exc.args if isinstance(a, OSError)), None)
    if cause is None and isinstance(exc.__context__, OSError):
        cause = exc.__context__
    text = file_error_text(cause, out, writing=True) if cause is not None else f"无法写入文件 {out}：{exc}"
    return ExchangeError(text + "没有留下不完整的文件。", f"cannot write {out}: {exc}")


def discard_unfinished(book: Any, tmp: Path) -> None:
    """Close an unfinished xlsxwriter book and remove its temporary file (the monitoring export uses it too)."""
    try:
        book.close()
    except Exception:  # noqa: BLE001 - the file is being thrown away anyway
        pass
    try:
        tmp.unlink(missing_ok=True)
    except OSError:  # a read-only folder never had the file; anything else must not hide the first error
        pass


def _write_all(
    session: Session,
    book: Any,
    villages: list[str] | None,
    progress: Reporter | None,
    parts: list[export_part.PartProcess],
    *,
    mask_ids: bool = False,
) -> tuple[dict[str, int], list[str]]:
    """Every sheet but the metadata; the counts, and the sheets a second process wrote (stand-ins here)."""
    h, m, me, ev = (table_of(t) for t in (Household, Member, Measure, ProcedureEvent))
    a, cd = table_of(Area), table_of(Cadre)
    vil, grp = aliased(a), aliased(a)

    def in_scope(col: Any) -> Any:
        return col.in_(villages) if villages is not None else True

    totals = {}
    for name, table in (("households", h), ("members", m), ("measures", me), ("events", ev)):
        q = select(func.count()).select_from(table)
        if table is not h:
            q = q.join(h, h.c.id == table.c.household_id)
        totals[name] = session.execute(q.where(in_scope(h.c.village_id), live_rows(h))).scalar_one()
    total = sum(totals.values()) or 1
    done = 0
    fmt = formats(book)  # before the second process starts: it fixes the same style numbers
    part_path = str(Path(book.filename).with_suffix(".part.xlsx"))
    part = export_part.start(session, villages, sum(totals.values()), part_path, mask_ids=mask_ids)
    if part is not None:
        parts.append(part)

    def step(n: int, text: str) -> None:
        nonlocal done
        done += n
        tick(progress, done + (part.rows_written() if part is not None else 0), total, text)

    # The code-list sheet is written last (data sheets come first in the book) but referenced from the start.
    lists = code_list_ranges()
    counts: dict[str, int] = {}

    def writer(spec: C.SheetSpec) -> SheetWriter:
        return SheetWriter(book, spec, fmt, lists)

    hw = writer(C.HOUSEHOLDS)
    household_cols = [h.c[c.field] for c in C.HOUSEHOLDS.columns if not c.field.startswith("@") and c.field in h.c]
    stmt = (
        select(
            *household_cols,
            vil.c.code.label("v_code"),
            vil.c.name.label("v_name"),
            grp.c.code.label("g_code"),
            grp.c.name.label("g_name"),
            cd.c.name.label("c_name"),
        )
        .select_from(h)
        .join(vil, vil.c.id == h.c.village_id)
        .outerjoin(grp, grp.c.id == h.c.group_id)
        .outerjoin(cd, cd.c.id == h.c.cadre_id)
        .where(live_rows(h), in_scope(h.c.village_id))
        .order_by(h.c.number)
    )
    pseudo = {"@village_code": "v_code", "@village_name": "v_name", "@group_name": "g_name", "@group_code": "g_code"}
    pseudo["@cadre_name"] = "c_name"
    hfields = [pseudo.get(c.field, c.field) for c in C.HOUSEHOLDS.columns]
    n = 0
    for row in stream(session, stmt):
        mapping = row._mapping
        hw.write([mapping[f] if f != "@hash" else None for f in hfields])
        n += 1
        if n % 2000 == 0:
            step(2000, "户")
    step(n % 2000, "户")
    counts["households"] = hw.finish()

    stand_ins: dict[str, SheetWriter] = {}
    for table_name, (spec, _model, _order) in LINKED.items():
        w = writer(spec)
        if part is not None and table_name in part.job.tables:
            stand_ins[table_name] = w  # written by the second process; an empty stand-in here
            continue
        write_linked(session, w, table_name, villages, step, mask_ids=mask_ids)
        counts[spec.table] = w.finish()

    ledgers = export_assist.write_ledgers(session, writer, villages, lambda name: step(0, name))

    # Cadres of the exported households and of their pairings and visits (all cadres for a whole-database export).
    w = writer(C.CADRES)
    ccols = [cd.c[c.field] for c in C.CADRES.columns if not c.field.startswith("@")]
    stmt = select(*ccols).where(live_rows(cd))
    if villages is not None:
        used = select(h.c.cadre_id).where(in_scope(h.c.village_id), live_rows(h))
        named = [cd.c.id.in_(q) for q in export_assist.cadre_references(villages)]
        stmt = stmt.where(or_(cd.c.id.in_(used), *named))
    for row in session.execute(stmt.order_by(cd.c.name, cd.c.id)):
        w.write([row._mapping[c.field] if c.field != "@hash" else None for c in C.CADRES.columns])
    counts["cadre"] = w.finish()

    w = writer(C.AREAS)
    for row in _areas(session, villages):
        w.write(row)
    counts["area"] = w.finish()

    w = writer(C.TOMBSTONES)
    for row in _tombstones(session, villages):
        w.write(row)
    for row in export_assist.ledger_tombstones(session, villages):
        w.write(row)
    counts["tombstone"] = w.finish()
    w.ws.hide()
    _code_list_sheet(book, fmt)
    swapped = _join_part(session, part, stand_ins, counts, villages, step, mask_ids=mask_ids)
    counts = {"households": counts["households"], "members": counts["member"], "measures": counts["measure"],
              "events": counts["procedure_event"], "cadres": counts["cadre"], "areas": counts["area"],
              "tombstones": counts["tombstone"], **ledgers}  # fmt: skip
    return counts, swapped


def _join_part(
    session: Session,
    part: export_part.PartProcess | None,
    stand_ins: dict[str, SheetWriter],
    counts: dict[str, int],
    villages: list[str] | None,
    step: Callable[[int, str], None],
    *,
    mask_ids: bool,
) -> list[str]:
    """Wait for the second process; its sheets' stand-ins get their row counts (the filter range), or, when it
    failed, their rows written here after all. The names of the sheets to take from its package."""
    if part is None:
        return []
    result = part.wait(lambda: step(0, "识别程序记录"))
    for table_name, w in stand_ins.items():
        if result is None:
            write_linked(session, w, table_name, villages, step, mask_ids=mask_ids)
        else:
            step(0, w.spec.name)  # its rows are counted in already (rows_written)
            w.row = result.counts[table_name] + 1
        counts[table_name] = w.finish()
    return [] if result is None else [w.spec.name for w in stand_ins.values()]


def _areas(session: Session, villages: list[str] | None) -> Iterable[list[Any]]:
    a = table_of(Area)
    parent = aliased(a)
    stmt = (
        select(
            a.c.code,
            a.c.name,
            a.c.level,
            parent.c.code.label("p_code"),
            *(a.c[k] for k in ("id", "version", "device_id", "created_at", "updated_at")),
            a.c.parent_id,
        )  # fmt: skip
        .select_from(a)
        .outerjoin(parent, parent.c.id == a.c.parent_id)
        .where(live_rows(a))
        .order_by(a.c.code)
    )
    rows = session.execute(stmt).all()
    if villages is not None:
        by_id = {r.id: r for r in rows}
        keep: set[str] = set()
        for vid in villages:
            node = by_id.get(vid)
            while node is not None and node.id not in keep:
                keep.add(node.id)
                node = by_id.get(node.parent_id) if node.parent_id else None
        village_set = set(villages)
        keep |= {r.id for r in rows if r.level == "group" and r.parent_id in village_set}
        rows = [r for r in rows if r.id in keep]
    for r in rows:
        yield [r.code, r.name, C.AREA_LEVEL_LABELS.get(r.level, r.level), r.p_code, *_sync(r)]


def _tombstones(session: Session, villages: list[str] | None) -> Iterable[list[Any]]:
    h = table_of(Household)
    scope = h.c.village_id.in_(villages) if villages is not None else true()
    sync = ("id", "version", "device_id", "created_at", "updated_at")
    rows = session.execute(
        select(*(h.c[k] for k in sync), h.c.id.label("hid")).where(h.c.deleted.is_(True), scope).order_by(h.c.id)
    ).all()
    for r in rows:
        yield ["household", r.hid, *_sync(r)]
    for model in (Member, Measure, ProcedureEvent):
        t = table_of(model)
        stmt = (
            select(*(t.c[k] for k in sync), t.c.household_id)
            .join(h, h.c.id == t.c.household_id)
            .where(t.c.deleted.is_(True), and_(live_rows(h), scope))
            .order_by(t.c.id)
        )
        for r in session.execute(stmt):
            yield [model.__tablename__, r.household_id, *_sync(r)]


def _metadata_sheet(
    book: Any, scope: str, area_id: str | None, device_id: str, operator: str, counts: dict[str, int]
) -> None:
    ws = book.add_worksheet(C.METADATA_SHEET)
    bold = book.add_format({"bold": True, "font_name": "宋体", "font_size": 10})
    text = book.add_format({"num_format": "@", "font_name": "宋体", "font_size": 10})
    rows: list[tuple[str, Any]] = [
        ("格式", C.FORMAT_NAME),
        ("格式版本", C.FORMAT_VERSION),
        ("程序版本", __version__),
        ("导出设备", device_id),
        ("导出人", operator),
        ("导出范围", scope),
        ("导出范围编号", area_id or ""),
        ("导出时间", datetime.now(UTC).isoformat(timespec="seconds")),
        ("户数", counts["households"]),
        ("人数", counts["members"]),
        ("帮扶措施", counts["measures"]),
        ("识别程序记录", counts["events"]),
        ("帮扶干部", counts["cadres"]),
        ("地区", counts["areas"]),
        ("已删除记录", counts["tombstones"]),
        *((spec.name, counts.get(spec.table, 0)) for spec in CA.LEDGER_SHEETS),
    ]
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 40)
    for r, (key, value) in enumerate(rows):
        ws.write_string(r, 0, key, bold)
        if isinstance(value, int):
            ws.write_number(r, 1, value)
        else:
            ws.write_string(r, 1, str(value), text)
    ws.write_string(
        len(rows) + 1,
        0,
        "说明：本文件由 Fupin Desk 导出。灰色标题的隐藏列是合并所需的记录编号和版本，请勿修改或删除。",
    )
