"""The cadres roster (帮扶干部名册): name, sex, the unit that sent them, rank, title, phone, the dates they help
from and until; listed with the households each looks after today and the limit of their rank
(``pairing_rules.json``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError
from desktop_app.domain.pairing import check_period
from desktop_app.services.assistance.pairing_links import current_links, households_of_cadres, village_households
from desktop_app.services.assistance.pairing_rules import rules_of
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Cadre
from desktop_app.storage.queries import live


@dataclass(frozen=True)
class CadreInput:
    name: str
    sex: str | None = None  # code (or label) of "sex"
    unit: str = ""
    rank: str | None = None  # code (or label) of "cadre_rank"
    title: str = ""
    phone: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class CadreRow:
    id: str
    name: str
    sex: str | None
    unit: str
    rank: str | None
    rank_label: str
    phone: str
    started_on: date | None
    ended_on: date | None
    households: int  # households looked after today (the roles the rules count)
    limit: int | None
    title: str = ""
    note: str = ""
    sex_label: str = ""

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.households > self.limit


def _code(kind: str, text: str | None, what: str) -> str | None:
    value = (text or "").strip()
    if not value:
        return None
    code = catalog.parse_label(kind, value)
    if code is None:
        raise AssistError(f"bad_{kind}", f"{what}无效：{value}", f"unknown {kind}: {value}")
    return code


def _checked(data: CadreInput) -> CadreInput:
    name = data.name.strip()
    if not name:
        raise AssistError("cadre_name", "请填写帮扶干部姓名", "the cadre's name is required")
    if len(name) > 50 or len(data.unit) > 200 or len(data.title) > 50 or len(data.phone.strip()) > 30:
        raise AssistError("cadre_too_long", "姓名、单位、职务或电话过长", "a field is too long")
    check_period(data.started_on, data.ended_on, "帮扶干部任职")
    return CadreInput(
        name=name,
        sex=_code("sex", data.sex, "性别"),
        unit=data.unit.strip(),
        rank=_code("cadre_rank", data.rank, "帮扶干部职级"),
        title=data.title.strip(),
        phone=data.phone.strip(),
        started_on=data.started_on,
        ended_on=data.ended_on,
        note=data.note,
    )


def _fill(cadre: Cadre, data: CadreInput) -> None:
    for key in ("name", "sex", "unit", "rank", "title", "phone", "started_on", "ended_on", "note"):
        setattr(cadre, key, getattr(data, key))


def add_cadre(db: Database, data: CadreInput) -> str:
    """A new cadre on the roster; refused with a Chinese reason (nothing written) when a field is wrong."""
    checked = _checked(data)
    with writing(db, "assist.cadre_add") as work:
        cadre = Cadre(name=checked.name)
        _fill(cadre, checked)
        work.session.add(cadre)
        work.session.flush()
        return cadre.id


def roster_cadre(session: Session, cadre_id: str) -> Cadre:
    cadre = session.get(Cadre, cadre_id)
    if cadre is None or cadre.deleted:
        raise AssistError("cadre_missing", f"找不到帮扶干部：{cadre_id}", f"no cadre {cadre_id}")
    return cadre


def update_cadre(db: Database, cadre_id: str, data: CadreInput) -> None:
    checked = _checked(data)
    with writing(db, "assist.cadre_update") as work:
        _fill(roster_cadre(work.session, cadre_id), checked)


_ROW = (Cadre.id, Cadre.name, Cadre.sex, Cadre.unit, Cadre.rank, Cadre.title, Cadre.phone)
_MORE = (Cadre.started_on, Cadre.ended_on, Cadre.note)


def _cadre_rows(session: Session, on: date, where: Any = None, *, limit: int | None = None) -> list[CadreRow]:
    """The living cadres (all, or those ``where`` selects) by name, with their loads on ``on``."""
    rules = rules_of(session)
    query = select(*(col(c) for c in _ROW + _MORE)).where(live(Cadre)).order_by(col(Cadre.name), col(Cadre.unit))
    if where is not None:
        query = query.where(where)
    if limit is not None:
        query = query.limit(limit)
    found = session.execute(query).all()
    if where is None:
        loads = current_links(session, on).loads(rules.count_roles)
    else:
        loads = current_links(session, on, households_of_cadres(r[0] for r in found)).loads(rules.count_roles)
    rows = [
        CadreRow(
            id=cid,
            name=name,
            sex=sex,
            unit=unit,
            rank=rank,
            rank_label=catalog.label("cadre_rank", rank),
            phone=phone,
            started_on=started,
            ended_on=ended,
            households=len(loads.get(cid, ())),
            limit=rules.limit_for(rank),
            title=title,
            note=note,
            sex_label=catalog.label("sex", sex),
        )
        for cid, name, sex, unit, rank, title, phone, started, ended, note in found
    ]
    return sorted(rows, key=lambda r: (r.name, r.unit, r.id))


def cadre_list(db: Database, *, on: date | None = None, village_id: str | None = None) -> list[CadreRow]:
    """The roster by name, with the households each cadre looks after on ``on`` (today) and its limit; with a
    village, the cadres looking after one of its households (their counts county-wide)."""
    day = on or date.today()
    with reading(db) as session:
        if village_id is None:
            return _cadre_rows(session, day)
        links = current_links(session, day, village_households(village_id))
        ids = sorted({cid for cadre_ids in links.pairs.values() for cid in cadre_ids})
        return _cadre_rows(session, day, col(Cadre.id).in_(ids)) if ids else []


def search_cadres(db: Database, text: str, *, limit: int = 50) -> list[CadreRow]:
    """Cadres of the county whose name contains ``text`` (at most ``limit``), for choosing one to pair."""
    key = text.strip()
    if not key:
        return []
    with reading(db) as session:
        return _cadre_rows(session, date.today(), col(Cadre.name).contains(key, autoescape=True), limit=limit)


def find_cadre(db: Database, key: str) -> CadreRow:
    """A cadre by id or by name (a name two cadres share is refused: give the id)."""
    text = key.strip()
    with reading(db) as session:
        rows = _cadre_rows(session, date.today(), or_(col(Cadre.id) == text, col(Cadre.name) == text))
    if not rows:
        raise AssistError("cadre_missing", f"名册中没有帮扶干部：{text}", f"no cadre {text}")
    exact = [r for r in rows if r.id == text]
    if exact:
        return exact[0]
    if len(rows) > 1:
        ids = "、".join(f"{r.name}（{r.unit}，{r.id}）" for r in rows)
        raise AssistError("cadre_ambiguous", f"有 {len(rows)} 位帮扶干部同名，请用编号：{ids}", "several cadres")
    return rows[0]
