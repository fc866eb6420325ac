"""The coverage check (两不愁三保障 "two-way full coverage"): households that must have a pairing cadre or a
monitoring contact and have none, and cadres looking after more households than their rank allows.

Who must be covered is the county's rule (``pairing_rules.json``): households in ``cover_stages`` need a
pairing cadre (role 1); with ``cover_monitored``, households under monitoring (a case included and not yet
removed) need a monitoring contact (a role-2 pairing, or with ``contact_from_case`` the contact name on the
case). Who is paired on a day is ``pairing_links.current_links``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain.pairing import NO_CADRE, NO_CONTACT, ROLE_CADRE, ROLE_CONTACT, PairingRules
from desktop_app.services.assistance.pairing_links import (
    current_links,
    monitored_contacts,
    village_households,
)
from desktop_app.services.assistance.pairing_rules import rules_of
from desktop_app.services.assistance.pairing_sql import (
    loads_over,
    monitored_without_contact,
    must_cover_count,
    without_cadre,
)
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.queries import chunks, live


@dataclass(frozen=True)
class UncoveredRow:
    household_id: str
    number: str
    head_name: str
    village: str
    reason: str  # "无帮扶责任人" or "监测户无监测联系人"


@dataclass(frozen=True)
class OverLimitRow:
    cadre_id: str
    cadre: str
    rank: str  # the rank's label
    households: int
    limit: int
    unit: str = ""


@dataclass(frozen=True)
class Coverage:
    on: date
    must_cover: int  # households the rules say must be covered (in the village asked for)
    uncovered: list[UncoveredRow]
    over_limit: list[OverLimitRow]

    @property
    def ok(self) -> bool:
        return not self.uncovered and not self.over_limit


@dataclass(frozen=True)
class HouseholdPairing:
    """One household of a village with its current pairing cadre and monitoring contact (names; "" if none)."""

    household_id: str
    number: str
    head_name: str
    stage_label: str
    cadre: str
    contact: str  # the role-2 cadre, else the contact name on the open case
    must_cover: bool
    monitored: bool
    cadre_ids: tuple[str, ...] = ()
    contact_ids: tuple[str, ...] = ()


def _households(session: Session, village_id: str | None) -> dict[str, tuple[str, str, str, str]]:
    """id → (number, head, stage, village id) of the living households (of one village)."""
    query = select(
        col(Household.id),
        col(Household.number),
        col(Household.head_name),
        col(Household.stage),
        col(Household.village_id),
    ).where(live(Household))
    if village_id is not None:
        query = query.where(col(Household.village_id) == village_id)
    return {
        hid: (number, head, stage, vid) for hid, number, head, stage, vid in session.connection().execute(query).all()
    }


@dataclass(frozen=True)
class _Scope:
    """The households asked about, those that must have a pairing cadre or a contact, and the monitored ones."""

    households: dict[str, tuple[str, str, str, str]]
    need_cadre: set[str]
    need_contact: set[str]
    contacts: dict[str, str]  # monitored household → the contact name on its case


def _scope(session: Session, rules: PairingRules, village_id: str | None) -> _Scope:
    households = _households(session, village_id)
    stages = set(rules.cover_stages)
    need_cadre = {hid for hid, (_n, _h, stage, _v) in households.items() if stage in stages}
    contacts = {hid: name for hid, name in monitored_contacts(session).items() if hid in households}
    need_contact = set(contacts) if rules.cover_monitored else set()
    return _Scope(households, need_cadre, need_contact, contacts)


def must_cover(session: Session, village_id: str | None = None) -> set[str]:
    """The households (ids) the county's pairing rules say must be covered (of one village, or all)."""
    scope = _scope(session, rules_of(session), village_id)
    return scope.need_cadre | scope.need_contact


def coverage_check(db: Database, village_id: str | None = None, on: date | None = None) -> Coverage:
    """Uncovered households (by village and number) and cadres over their limit (by name), on ``on`` (today).

    With a village, the cadres listed are those over their limit who look after a household of that village
    (their count is county-wide: a cadre's limit is one for all their households). The database answers the
    questions (``pairing_sql``): a county's check reads only its findings, not every pairing."""
    day = on or date.today()
    with reading(db) as session:
        rules = rules_of(session)
        found: dict[str, tuple[str, str, str | None]] = {}
        reasons: dict[str, list[str]] = {}
        for hid, number, head, vid in without_cadre(session, rules, day, village_id):
            found[hid] = (number, head, vid)
            reasons.setdefault(hid, []).append(NO_CADRE)
        if rules.cover_monitored:
            named: dict[str, bool] = {}
            for hid, number, head, vid, contact in monitored_without_contact(session, day, village_id):
                found.setdefault(hid, (number, head, vid))
                named[hid] = named.get(hid, False) or bool(contact.strip())
            for hid, has_name in named.items():
                if not (rules.contact_from_case and has_name):
                    reasons.setdefault(hid, []).append(NO_CONTACT)
        villages = _village_names(session, {vid for _n, _h, vid in found.values()})
        uncovered = [
            UncoveredRow(hid, found[hid][0], found[hid][1], villages.get(found[hid][2] or "", ""), reason)
            for hid in sorted(reasons, key=lambda h: (villages.get(found[h][2] or "", ""), found[h][0]))
            for reason in reasons[hid]
        ]
        heavy = loads_over(session, rules, day, village_id)
        over: list[OverLimitRow] = []
        for cadre_id, name, unit, rank_code, households in heavy:
            limit = rules.limit_for(rank_code)
            if limit is None or households <= limit:
                continue
            rank = catalog.label("cadre_rank", rank_code) or "未定职级"
            over.append(OverLimitRow(cadre_id, name, rank, households, limit, unit))
        must = must_cover_count(session, rules, village_id)
    over.sort(key=lambda r: (r.cadre, r.unit, r.cadre_id))
    return Coverage(day, must, uncovered, over)


def _village_names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = sorted(i for i in ids if i)
    out: dict[str, str] = {}
    for part in chunks(wanted, 500):
        query = select(col(Area.id), col(Area.name)).where(live(Area), col(Area.id).in_(part))
        out.update({aid: name for aid, name in session.connection().execute(query).all()})
    return out


def village_pairings(db: Database, village_id: str | None = None, on: date | None = None) -> list[HouseholdPairing]:
    """The households (of a village) by number with who looks after them on ``on`` (today)."""
    day = on or date.today()
    with reading(db) as session:
        rules = rules_of(session)
        scope = _scope(session, rules, village_id)
        links = current_links(session, day, None if village_id is None else village_households(village_id))
        names = {cid: c.name for cid, c in links.active.items()}
        out: list[HouseholdPairing] = []
        for hid, (number, head, stage, _vid) in sorted(scope.households.items(), key=lambda item: item[1][0]):
            cadre_ids = tuple(sorted(links.cadres(hid, ROLE_CADRE)))
            contact_ids = tuple(sorted(links.cadres(hid, ROLE_CONTACT)))
            contact = "、".join(names[c] for c in contact_ids) or scope.contacts.get(hid, "")
            out.append(
                HouseholdPairing(
                    hid,
                    number,
                    head,
                    catalog.label("stage", stage),
                    "、".join(names[c] for c in cadre_ids),
                    contact,
                    hid in scope.need_cadre or hid in scope.need_contact,
                    hid in scope.contacts,
                    cadre_ids,
                    contact_ids,
                )
            )
    return out
