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
    Links,
    current_links,
    has_contact,
    households_of_cadres,
    monitored_contacts,
    village_households,
)
from desktop_app.services.assistance.pairing_rules import rules_of
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.queries import live


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


def _links_and_loads(
    session: Session, rules: PairingRules, day: date, village_id: str | None
) -> tuple[Links, dict[str, set[str]]]:
    """The current pairings of the households asked about, and the county-wide load of each of their cadres."""
    if village_id is None:
        links = current_links(session, day)
        return links, links.loads(rules.count_roles)
    links = current_links(session, day, village_households(village_id))
    mine = {cid for cadre_ids in links.pairs.values() for cid in cadre_ids}
    if not mine:
        return links, {}
    loads = current_links(session, day, households_of_cadres(mine)).loads(rules.count_roles)
    return links, {cid: load for cid, load in loads.items() if cid in mine}


def coverage_check(db: Database, village_id: str | None = None, on: date | None = None) -> Coverage:
    """Uncovered households (by village and number) and cadres over their limit (by name), on ``on`` (today).

    With a village, the cadres listed are those over their limit who look after a household of that village
    (their count is county-wide: a cadre's limit is one for all their households)."""
    day = on or date.today()
    with reading(db) as session:
        rules = rules_of(session)
        scope = _scope(session, rules, village_id)
        households, need_cadre, need_contact = scope.households, scope.need_cadre, scope.need_contact
        links, loads = _links_and_loads(session, rules, day, village_id)
        villages = {a.id: a.name for a in session.execute(select(Area).where(live(Area))).scalars()}
        uncovered: list[UncoveredRow] = []
        for hid in sorted(
            need_cadre | need_contact, key=lambda h: (villages.get(households[h][3], ""), households[h][0])
        ):
            number, head, _stage, vid = households[hid]
            if hid in need_cadre and not links.cadres(hid, ROLE_CADRE):
                uncovered.append(UncoveredRow(hid, number, head, villages.get(vid, ""), NO_CADRE))
            if hid in need_contact and not has_contact(
                links, hid, scope.contacts.get(hid, ""), from_case=rules.contact_from_case
            ):
                uncovered.append(UncoveredRow(hid, number, head, villages.get(vid, ""), NO_CONTACT))
        over: list[OverLimitRow] = []
        for cadre_id, load in loads.items():
            cadre = links.active[cadre_id]
            limit = rules.limit_for(cadre.rank)
            if limit is None or len(load) <= limit:
                continue
            rank = catalog.label("cadre_rank", cadre.rank) or "未定职级"
            over.append(OverLimitRow(cadre.id, cadre.name, rank, len(load), limit, cadre.unit))
    over.sort(key=lambda r: (r.cadre, r.unit, r.cadre_id))
    return Coverage(day, len(need_cadre | need_contact), uncovered, over)


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
