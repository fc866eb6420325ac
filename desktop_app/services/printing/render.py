"""Print a document: find what the user asked for, gather its data, render the PDF, write it atomically.

Shared by ``fupin print`` and the print preview (through the use cases at the end, which take the ``Database``
and the one progress contract). A selection names a village by code, name or id, a batch by
id and a household by id or number; what cannot be found, is ambiguous or is empty is refused with a
``PrintError`` whose message says in Chinese what to choose instead.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import or_, select
from sqlmodel import Session, col

from desktop_app.domain import labels
from desktop_app.domain.documents import (
    ASSIST_KINDS,
    BATCH_KINDS,
    MONITOR_HOUSEHOLD_KINDS,
    MONITOR_LIST_KINDS,
    PRINT_KIND_LABELS,
    PRINT_KINDS,
)
from desktop_app.domain.errors import DomainError
from desktop_app.reports.base import (
    BaseRenderer,  # reports/ ships as desktop_app.reports (setuptools package-dir): mypy cannot map it
)
from desktop_app.reports.card import CardRenderer
from desktop_app.reports.meeting import MinutesRenderer, ObjectionsRenderer
from desktop_app.reports.public import AnnouncementRenderer
from desktop_app.reports.register import RegisterRenderer
from desktop_app.reports.wallchart import WallChartRenderer
from desktop_app.services import permissions
from desktop_app.services.printing import assist_docs, assist_select, monitoring_docs
from desktop_app.services.printing import card as print_card
from desktop_app.services.printing import data as print_data
from desktop_app.services.progress import Progress
from desktop_app.services.unit_of_work import reading, record
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Batch, Household, Objection
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import household_by_number, live

KINDS = PRINT_KINDS  # the one table of document kinds: desktop_app.domain.documents
KIND_LABELS = PRINT_KIND_LABELS


def _batch_kind(kind: str) -> str:
    return labels.label("batch_kind", kind)


class PrintError(DomainError):
    def __init__(self, message_zh: str, message_en: str = "") -> None:
        super().__init__("print_selection", message_zh, message_en)


@dataclass(frozen=True)
class Selection:
    kind: str
    village_id: str | None = None
    batch_id: str | None = None
    household_id: str | None = None
    case_ids: tuple[str, ...] = ()  # monitoring documents: the cases printed (resolved when not given)
    year: int | None = None  # assistance ledgers: the year printed (None = every year, or the latest)
    post_id: str | None = None  # the post notice of one post (None = every post of the village on notice)


def find_village(session: Session, text: str) -> Area:
    text = text.strip()
    if not text:
        raise PrintError("请指定行政村（代码或名称）。", "name a village (code or name)")
    found: Area | None = session.execute(
        select(Area).where(or_(col(Area.id) == text, col(Area.code) == text), live(Area))
    ).scalar_one_or_none()
    if found is not None:
        if found.level != "village":
            level = labels.label("area_level", found.level)
            raise PrintError(f"“{text}”是{level}（{found.name}），不是行政村；请给出行政村代码或名称。")
        return found
    named: list[Area] = list(
        session.execute(select(Area).where(col(Area.name) == text, col(Area.level) == "village", live(Area))).scalars()
    )
    if not named:
        raise PrintError(f"找不到行政村“{text}”；请检查行政村代码或名称。", f"no village {text!r}")
    if len(named) > 1:
        codes = "、".join(sorted(a.code for a in named))
        raise PrintError(f"有 {len(named)} 个行政村名为“{text}”（代码：{codes}），请改用行政村代码。")
    return named[0]


def find_household(session: Session, text: str) -> Household:
    text = text.strip()
    found = household_by_number(session, text)
    if found is None:
        raise PrintError(f"找不到户“{text}”；请给出户编号或户的 ID。", f"no household {text!r}")
    return found


def find_batch(session: Session, kind: str, batch_id: str) -> Batch:
    text = batch_id.strip()
    batch = session.get(Batch, text)
    if batch is None:  # the number printed on the documents (编号) works as well
        batch = session.execute(select(Batch).where(col(Batch.number) == text, live(Batch))).scalars().first()
    if batch is None or batch.deleted:
        raise PrintError(f"找不到批次“{batch_id}”。", f"no batch {batch_id!r}")
    allowed = BATCH_KINDS[kind]
    if batch.kind not in allowed:
        have = _batch_kind(batch.kind)
        want = "、".join(_batch_kind(k) for k in allowed)
        raise PrintError(f"批次“{batch.number}”是{have}批次，不能打印为{KIND_LABELS[kind][0]}（需要：{want}批次）。")
    return batch


def latest_batch(session: Session, kind: str, village: Area) -> Batch:
    batches: list[Batch] = list(
        session.execute(
            select(Batch).where(
                col(Batch.village_id) == village.id,
                col(Batch.kind).in_(BATCH_KINDS[kind]),
                live(Batch),
            )
        ).scalars()
    )
    if not batches:
        want = "、".join(_batch_kind(k) for k in BATCH_KINDS[kind])
        raise PrintError(f"{village.name}还没有{want}批次，无法打印{KIND_LABELS[kind][0]}。")
    if kind == "objections":  # the latest announcement that had objections, else simply the latest
        with_objections = set(
            session.execute(
                select(col(Objection.batch_id)).where(
                    col(Objection.batch_id).in_([b.id for b in batches]),
                    live(Objection),
                )
            ).scalars()
        )
        batches = [b for b in batches if b.id in with_objections] or batches
    return max(batches, key=lambda b: (b.start_date or date.min, b.created_at))


@dataclass(frozen=True)
class BatchChoice:
    """A batch the user may print a document from (the print menu's choice), latest first."""

    id: str
    number: str
    kind: str
    kind_zh: str
    start_date: date | None
    end_date: date | None
    status: str


def batches_for(session: Session, kind: str, village_id: str) -> list[BatchChoice]:
    """The village's batches that print as ``kind`` (e.g. every announcement for 公示名单), latest first."""
    if kind not in BATCH_KINDS:
        return []
    rows = session.execute(
        select(Batch).where(
            col(Batch.village_id) == village_id,
            col(Batch.kind).in_(BATCH_KINDS[kind]),
            live(Batch),
        )
    ).scalars()
    ordered = sorted(rows, key=lambda b: (b.start_date or date.min, b.created_at), reverse=True)
    return [
        BatchChoice(b.id, b.number, b.kind, _batch_kind(b.kind), b.start_date, b.end_date, b.status) for b in ordered
    ]


def sole_village_id(session: Session) -> str | None:
    """The village of a database that holds just one (a work team's laptop), else None."""
    ids = session.execute(select(col(Area.id)).where(col(Area.level) == "village", live(Area)).limit(2)).scalars().all()
    return ids[0] if len(ids) == 1 else None


def resolve(
    session: Session,
    kind: str,
    *,
    village: str | None = None,
    batch: str | None = None,
    household: str | None = None,
    case_ids: Sequence[str] = (),
    year: int | None = None,
    post: str | None = None,
) -> Selection:
    """Turn what the user typed (or the ids the app holds) into a checked selection.

    With no village, batch or household named, a database that holds a single village means that village.
    """
    if kind not in KINDS:
        raise PrintError(f"未知的文书种类“{kind}”；可选：{'、'.join(KINDS)}。", f"unknown document kind {kind!r}")
    label = KIND_LABELS[kind][0]
    if kind in MONITOR_HOUSEHOLD_KINDS or kind in MONITOR_LIST_KINDS:
        return resolve_monitor(session, kind, village=village, household=household, case_ids=case_ids)
    if kind in ASSIST_KINDS:
        return _resolve_assist(session, kind, village=village, household=household, year=year, post=post)
    if kind != "card" and not (village or batch or household):
        village = sole_village_id(session)
    if kind == "card":
        if not household:
            raise PrintError("打印扶贫手册需要指定户（户编号或 ID）。", "a household card needs a household")
        row = find_household(session, household)
        return Selection(kind, village_id=row.village_id, household_id=row.id)
    if kind in BATCH_KINDS:
        if batch:
            found = find_batch(session, kind, batch)
            if village and find_village(session, village).id != found.village_id:
                raise PrintError(f"批次“{found.number}”不属于行政村“{village}”。")
            return Selection(kind, village_id=found.village_id, batch_id=found.id)
        if village:
            found = latest_batch(session, kind, find_village(session, village))
            return Selection(kind, village_id=found.village_id, batch_id=found.id)
        if household:
            area = session.get(Area, find_household(session, household).village_id)
            assert area is not None
            found = latest_batch(session, kind, area)
            return Selection(kind, village_id=found.village_id, batch_id=found.id)
        raise PrintError(f"打印{label}需要指定批次或行政村。", f"{kind} needs a batch or a village")
    if village:
        return Selection(kind, village_id=find_village(session, village).id)
    if household:
        return Selection(kind, village_id=find_household(session, household).village_id)
    raise PrintError(f"打印{label}需要指定行政村（代码或名称）。", f"{kind} needs a village")


def resolve_monitor(
    session: Session,
    kind: str,
    *,
    village: str | None = None,
    household: str | None = None,
    case_ids: Sequence[str] = (),
) -> Selection:
    """A monitoring document: one household's form, or a village list (the cases named, else the latest)."""
    label = KIND_LABELS[kind][0]
    cases = [c for c in (session.get(MonitoringCase, i) for i in case_ids) if c is not None and not c.deleted]
    if case_ids and not cases:
        raise PrintError(f"找不到要打印{label}的监测户。", "no such monitoring case")
    if kind in MONITOR_HOUSEHOLD_KINDS:
        if cases:
            row = session.get(Household, cases[0].household_id)
            assert row is not None
        elif household:
            row = find_household(session, household)
        else:
            raise PrintError(f"打印{label}需要指定户（户编号或 ID）。", f"{kind} needs a household")
        return Selection(kind, village_id=row.village_id, household_id=row.id, case_ids=tuple(c.id for c in cases))
    if cases:
        first = session.get(Household, cases[0].household_id)
        assert first is not None
        return Selection(kind, village_id=first.village_id, case_ids=tuple(c.id for c in cases))
    if not village and not household:
        village = sole_village_id(session)
    if village:
        area = find_village(session, village)
    elif household:
        found = session.get(Area, find_household(session, household).village_id)
        assert found is not None
        area = found
    else:
        raise PrintError(f"打印{label}需要指定行政村（代码或名称）。", f"{kind} needs a village")
    ids = monitoring_docs.list_case_ids(session, kind, area.id)
    if not ids:
        raise PrintError(f"{area.name}还没有可打印{label}的监测户。", "nothing to print")
    return Selection(kind, village_id=area.id, case_ids=ids)


def _resolve_assist(
    session: Session, kind: str, *, village: str | None, household: str | None, year: int | None, post: str | None
) -> Selection:
    """An assistance ledger's selection: the household, village, post and year checked by ``assist_select``."""
    found = find_household(session, household) if household else None
    village_id = find_village(session, village).id if village else None if found else sole_village_id(session)
    try:
        chosen = assist_select.resolve_assist(
            session, kind, village_id=village_id, household=found, year=year, post=post
        )
    except assist_select.AssistPrintError as exc:
        raise PrintError(exc.message_zh, exc.message_en) from exc
    return Selection(kind, village_id=chosen.village_id, household_id=chosen.household_id, **chosen.extra())


def _empty(what: str) -> PrintError:
    return PrintError(f"{what}，没有可打印的内容。", "nothing to print")


def build_renderer(
    session: Session, selection: Selection, *, today: date | None = None, mask_ids: bool = False
) -> BaseRenderer:
    """Gather the data of a resolved selection and return the document's renderer (not yet rendered).

    ``mask_ids`` masks the resident IDs of the documents that carry them (the card, the register)."""
    kind = selection.kind
    if kind in MONITOR_HOUSEHOLD_KINDS or kind in MONITOR_LIST_KINDS:
        try:
            return monitoring_docs.monitor_renderer(
                session,
                kind,
                village_id=selection.village_id,
                household_id=selection.household_id,
                case_ids=selection.case_ids,
                today=today or date.today(),
            )
        except monitoring_docs.MonitorPrintError as exc:
            raise _empty(exc.message_zh) from exc
    if kind == "card":
        household = session.get(Household, selection.household_id)
        if household is None or household.deleted:
            raise PrintError("找不到要打印的户。")
        return CardRenderer(print_card.card_data(session, household, today=today, mask_ids=mask_ids))
    if kind in BATCH_KINDS:
        batch = session.get(Batch, selection.batch_id)
        if batch is None or batch.deleted:
            raise PrintError("找不到要打印的批次。")
        if kind == "minutes":
            minutes = print_data.minutes_data(session, batch)
            if not minutes.rows:
                raise _empty(f"评议批次“{batch.number}”的名单为空")
            return MinutesRenderer(minutes)
        if kind == "objections":
            return ObjectionsRenderer(print_data.objections_data(session, batch))
        announcement = print_data.announcement_data(session, batch)
        if not announcement.rows:
            raise _empty(f"批次“{batch.number}”的名单为空")
        return AnnouncementRenderer(announcement)
    assert selection.village_id is not None
    village = session.get(Area, selection.village_id)
    name = village.name if village else ""
    if kind == "register":
        register = print_data.register_data(session, selection.village_id, today=today, mask_ids=mask_ids)
        if not register.households:
            raise _empty(f"{name}还没有建档立卡户")
        return RegisterRenderer(register)
    chart = print_data.wallchart_data(session, selection.village_id, today=today)
    if not chart.households:
        raise _empty(f"{name}还没有建档立卡户")
    return WallChartRenderer(chart)


def suggested_filename(session: Session, selection: Selection) -> str:
    label = KIND_LABELS[selection.kind][0]
    if selection.household_id:
        household = session.get(Household, selection.household_id)
        if household is not None:
            return f"{label}-{household.head_name}-{household.number}.pdf"
    village = session.get(Area, selection.village_id) if selection.village_id else None
    return f"{village.name if village else ''}{label}-{date.today():%Y%m%d}.pdf"


def write_atomically(path: Path, render: Callable[[BinaryIO], object]) -> None:
    """Render into a temporary file beside the target and rename it: a failure never leaves half a PDF."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PrintError(
            f"文件夹不存在：{folder}；请先创建这个文件夹，或换一个已有的文件夹。", f"no such folder: {folder}"
        )
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            render(handle)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


# --- the use cases the front ends call ------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedDocument:
    """A document laid out in memory: what the preview shows, prints and saves."""

    kind: str
    pdf: bytes
    pages: int
    filename: str


def resolve_selection(
    db: Database,
    kind: str,
    *,
    village: str | None = None,
    batch: str | None = None,
    household: str | None = None,
    case_ids: Sequence[str] = (),
    year: int | None = None,
    post: str | None = None,
) -> Selection:
    """:func:`resolve` on a read snapshot: what the user named, checked (a ``PrintError`` says what to choose).

    ``case_ids`` names the monitoring cases a monitoring document prints (the monitoring tab's selection);
    ``year`` and ``post`` narrow the assistance ledgers (docs/assistance-printing.md)."""
    with reading(db) as session:
        return resolve(
            session, kind, village=village, batch=batch, household=household, case_ids=case_ids, year=year, post=post
        )


def render_document(
    db: Database, selection: Selection, *, progress: Progress | None = None, today: date | None = None
) -> RenderedDocument:
    """Gather the data on one snapshot, then lay the PDF out in memory (``progress`` is told page by page).

    Needs ``print.<kind>``; IDs are masked for a role without ``id.view_full``; recorded as ``print.<kind>``
    (output "preview": the app prints and saves from the preview)."""
    masked = _may_print(db, selection.kind)
    renderer = _renderer(db, selection, today=today, mask_ids=masked)
    with reading(db) as session:
        filename = suggested_filename(session, selection)
    pdf = renderer.to_bytes(progress=progress)
    _record_print(db, selection, renderer.page_count, masked, "preview")
    return RenderedDocument(kind=selection.kind, pdf=pdf, pages=renderer.page_count, filename=filename)


def print_to_file(db: Database, selection: Selection, path: Path | str, *, progress: Progress | None = None) -> int:
    """Render a resolved selection into ``path``; returns the number of pages (no file is left on a failure).

    Checked, masked and recorded as :func:`render_document` (output "file")."""
    masked = _may_print(db, selection.kind)
    renderer = _renderer(db, selection, mask_ids=masked)
    pages: list[int] = []
    write_atomically(Path(path), lambda handle: pages.append(renderer.render(handle, progress=progress)))
    _record_print(db, selection, pages[0], masked, "file")
    return pages[0]


def _renderer(db: Database, selection: Selection, *, today: date | None = None, mask_ids: bool) -> BaseRenderer:
    """The document's renderer: the assistance ledgers read through the ledgers' use cases, the rest on a snapshot."""
    if selection.kind in ASSIST_KINDS:
        try:
            return assist_docs.assist_renderer(
                db,
                selection.kind,
                village_id=selection.village_id,
                household_id=selection.household_id,
                year=selection.year,
                post_id=selection.post_id,
                today=today or date.today(),
            )
        except assist_select.AssistPrintError as exc:
            raise PrintError(exc.message_zh, exc.message_en) from exc
    with reading(db) as session:
        return build_renderer(session, selection, today=today, mask_ids=mask_ids)


def _may_print(db: Database, kind: str) -> bool:
    """Refuse a role without ``print.<kind>``; True when the document's IDs must be masked."""
    permissions.require(db, f"print.{kind}")
    return not permissions.allowed(db, "id.view_full")


def _record_print(db: Database, selection: Selection, pages: int, masked: bool, output: str) -> None:
    subject = selection.household_id or selection.batch_id or selection.village_id
    record(
        db,
        f"print.{selection.kind}",
        subject,
        kind=selection.kind,
        village=selection.village_id,
        pages=pages,
        masked=masked,
        output=output,
    )


def save_pdf(path: Path | str, pdf: bytes) -> None:
    """Write a rendered document to ``path`` atomically (the preview's 另存为 PDF)."""
    write_atomically(Path(path), lambda handle: handle.write(pdf))


def sole_village(db: Database) -> str | None:
    """The one village of a work team's laptop (None when there are several or none)."""
    with reading(db) as session:
        return sole_village_id(session)


def printable_batches(db: Database, kind: str, village_id: str) -> list[BatchChoice]:
    """The village's batches that print as ``kind``, latest first (the print menu's question)."""
    with reading(db) as session:
        return batches_for(session, kind, village_id)
