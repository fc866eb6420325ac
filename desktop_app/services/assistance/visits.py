"""Visits (走访记录): date, cadre, what was found, what was agreed, photos kept as the household's attachments by
hash; and the yearly visit count of every pairing against the county's minimum (``pairing_rules.json``).

A pairing owes ``visits_per_year`` (a pairing cadre) or ``visits_per_year_monitored`` (a monitoring contact)
for a whole year, and its share (to the nearest whole visit, half up) for the part of the year it covered while
the cadre served; the visits counted are that cadre's visits to that household in that part of the year. An
implicit pairing (the card's cadre without a pairing row) covers the whole year.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError
from desktop_app.domain.pairing import ROLE_CADRE, minimum_for, year_share
from desktop_app.services.assistance.pairing import household_of
from desktop_app.services.assistance.pairing_links import open_cadre_pairs
from desktop_app.services.assistance.pairing_rules import rules_of
from desktop_app.services.households import AttachmentError, add_attachment
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Attachment, Cadre, Household
from desktop_app.storage.models_assist import Pairing, Visit
from desktop_app.storage.queries import live

_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class VisitInput:
    household_id: str  # id or number (户编号)
    cadre_id: str | None
    visited_on: date
    found: str
    agreed: str = ""
    photos: Sequence[str] = field(default_factory=tuple)  # file paths, or sha256 / ids of the household's attachments
    note: str = ""


@dataclass(frozen=True)
class VisitRow:
    id: str
    household_id: str
    visited_on: date
    cadre_id: str | None
    cadre: str
    found: str
    agreed: str
    photos: tuple[str, ...]  # sha256 of the household's attachments
    note: str = ""


@dataclass(frozen=True)
class VisitShortfall:
    household_id: str
    number: str
    head_name: str
    cadre: str
    visits: int
    minimum: int
    cadre_id: str = ""
    role: str = ROLE_CADRE
    role_label: str = ""
    village: str = ""

    @property
    def short(self) -> bool:
        return self.visits < self.minimum


def _photo(session: Session, household_id: str, text: str, on: date) -> str:
    """One photo as the sha256 of an attachment of the household (a file path is stored as a new one)."""
    value = text.strip()
    attachments = session.execute(
        select(Attachment).where(
            live(Attachment),
            col(Attachment.household_id) == household_id,
            or_(col(Attachment.sha256) == value.lower(), col(Attachment.id) == value),
        )
    ).scalars()
    found: Attachment | None = next(iter(attachments), None)
    if found is not None:
        return str(found.sha256)
    path = Path(value).expanduser()
    if value and path.is_file():
        try:
            return add_attachment(session, household_id=household_id, source=path, note="走访照片", taken_on=on).sha256
        except AttachmentError as exc:
            raise AssistError("visit_photo", f"走访照片无法保存：{exc}", "the photo cannot be stored") from exc
    what = "附件哈希" if _SHA.match(value.lower()) else "文件"
    raise AssistError("visit_photo", f"找不到走访照片（{what}）：{value}", f"photo not found: {value}")


def add_visit(db: Database, data: VisitInput, *, today: date | None = None) -> str:
    """Record a visit; refused (nothing written) without what was found, with a future date or a wrong photo."""
    if not data.found.strip():
        raise AssistError("visit_found", "请填写走访发现的情况", "say what the visit found")
    if data.visited_on > (today or date.today()):
        raise AssistError("visit_future", f"走访日期不能晚于今天：{data.visited_on.isoformat()}", "a future date")
    with reading(db) as session:
        household_id = household_of(session, data.household_id).id
    with writing(db, "assist.visit_add", household_id) as work:
        session = work.session
        if data.cadre_id:
            cadre = session.get(Cadre, data.cadre_id)
            if cadre is None or cadre.deleted:
                raise AssistError("cadre_missing", f"找不到帮扶干部：{data.cadre_id}", "no such cadre")
        photos: list[str] = []
        for text in data.photos:
            sha = _photo(session, household_id, str(text), data.visited_on)
            if sha not in photos:
                photos.append(sha)
        visit = Visit(
            household_id=household_id,
            cadre_id=data.cadre_id or None,
            visited_on=data.visited_on,
            found=data.found.strip(),
            agreed=data.agreed.strip(),
            photos=photos,
            note=data.note,
        )
        session.add(visit)
        session.flush()
        return visit.id


def household_visits(db: Database, household_id: str) -> list[VisitRow]:
    """The household's visits, newest first."""
    with reading(db) as session:
        household = household_of(session, household_id)
        rows = session.execute(select(Visit).where(live(Visit), col(Visit.household_id) == household.id)).scalars()
        names = {c.id: c.name for c in session.execute(select(Cadre)).scalars()}
        out = [
            VisitRow(
                id=v.id,
                household_id=v.household_id,
                visited_on=v.visited_on,
                cadre_id=v.cadre_id,
                cadre=names.get(v.cadre_id or "", ""),
                found=v.found,
                agreed=v.agreed,
                photos=tuple(v.photos or ()),
                note=v.note,
            )
            for v in rows
        ]
    return sorted(out, key=lambda r: (r.visited_on, r.id), reverse=True)


# --- the yearly count -------------------------------------------------------------------------------------


def _periods(
    session: Session, year: int, households: dict[str, Household]
) -> list[tuple[str, str, str, date | None, date | None]]:
    """(household, cadre, role, start, end) of every pairing that touches ``year``, implicit ones included."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = session.execute(
        select(Pairing).where(
            live(Pairing),
            or_(col(Pairing.started_on).is_(None), col(Pairing.started_on) <= last),
            or_(col(Pairing.ended_on).is_(None), col(Pairing.ended_on) >= first),
        )
    ).scalars()
    out: list[tuple[str, str, str, date | None, date | None]] = []
    for p in rows:
        household = households.get(p.household_id)
        if household is None:
            continue
        if p.role == ROLE_CADRE and p.ended_on is None and household.cadre_id != p.cadre_id:
            continue  # the card chose another cadre since
        out.append((p.household_id, p.cadre_id, p.role, p.started_on, p.ended_on))
    opened = open_cadre_pairs(session)
    for hid, household in households.items():
        if household.cadre_id and (hid, household.cadre_id) not in opened:
            out.append((hid, household.cadre_id, ROLE_CADRE, None, None))
    return out


def visit_tallies(
    db: Database, year: int, village_id: str | None = None, *, household_id: str | None = None
) -> list[VisitShortfall]:
    """Every pairing of ``year`` with its visits and the minimum it owes (by village, number, role)."""
    with reading(db) as session:
        rules = rules_of(session)
        query = select(Household).where(live(Household))
        if household_id is not None:
            query = query.where(col(Household.id) == household_of(session, household_id).id)
        elif village_id is not None:
            query = query.where(col(Household.village_id) == village_id)
        households = {h.id: h for h in session.execute(query).scalars()}
        cadres = {c.id: c for c in session.execute(select(Cadre).where(live(Cadre))).scalars()}
        villages = {a.id: a.name for a in session.execute(select(Area)).scalars()}
        seen: dict[tuple[str, str], list[date]] = defaultdict(list)
        visits = select(col(Visit.household_id), col(Visit.cadre_id), col(Visit.visited_on)).where(
            live(Visit), col(Visit.visited_on) >= date(year, 1, 1), col(Visit.visited_on) <= date(year, 12, 31)
        )
        for hid, cid, on in session.execute(visits).all():
            if hid in households and cid:
                seen[(hid, cid)].append(on)
        out: list[VisitShortfall] = []
        for hid, cid, role, start, end in _periods(session, year, households):
            cadre = cadres.get(cid)
            if cadre is None:
                continue
            if cadre.started_on and (start is None or cadre.started_on > start):
                start = cadre.started_on
            if cadre.ended_on and (end is None or cadre.ended_on < end):
                end = cadre.ended_on
            share = year_share(year, start, end)
            if share is None:
                continue
            first, last, days = share
            minimum = minimum_for(rules, role, year, days)
            count = sum(1 for on in seen.get((hid, cid), ()) if first <= on <= last)
            h = households[hid]
            out.append(
                VisitShortfall(
                    hid,
                    h.number,
                    h.head_name,
                    cadre.name,
                    count,
                    minimum,
                    cadre.id,
                    role,
                    catalog.label("pairing_role", role),
                    villages.get(h.village_id, ""),
                )
            )
    return sorted(out, key=lambda r: (r.village, r.number, r.role, r.cadre))


def visit_check(db: Database, year: int, village_id: str | None = None) -> list[VisitShortfall]:
    """The pairings of ``year`` with fewer visits than the county's minimum (pro rata for part of the year)."""
    return [row for row in visit_tallies(db, year, village_id) if row.short]
