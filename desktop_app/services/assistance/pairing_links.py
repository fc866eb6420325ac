"""Who looks after whom on a given day: the current pairings of every household, read in a few narrow queries
(columns, not ORM objects: a county has 100,000 households and tens of thousands of cadres).

A household's pairing cadre (role 1) is the one ``Household.cadre_id`` names — the card's 帮扶责任人 tab and
the pairing ledger keep it equal to the open role-1 pairing. A household whose ``cadre_id`` is set without an
open role-1 pairing of that cadre (a card from before the ledger, or a cadre chosen on the card) has an
*implicit* pairing with that cadre: no dates, current on any day. An open role-1 pairing of another cadre than
``cadre_id`` is not current (the card changed the cadre). Ended pairings count on the days they covered.
Only cadres on the roster that day (their own start and end) count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Select, or_, select, union
from sqlmodel import Session, col

from desktop_app.domain.monitoring_steps import AFTER_INCLUSION
from desktop_app.domain.pairing import ROLE_CADRE, cadre_active
from desktop_app.storage.models import Cadre, Household
from desktop_app.storage.models_assist import Pairing
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import chunks, live

IMPLICIT = "card:"  # the id prefix of an implicit pairing (``card:<household id>``)


class CadreFacts(NamedTuple):
    id: str
    name: str
    unit: str
    rank: str | None
    started_on: date | None
    ended_on: date | None


@dataclass
class Links:
    """The pairings current on ``on``: per (household, role), the cadre ids; and the cadres serving that day."""

    on: date
    active: dict[str, CadreFacts]
    pairs: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def cadres(self, household_id: str, role: str) -> set[str]:
        return self.pairs.get((household_id, role), set())

    def loads(self, roles: Iterable[str]) -> dict[str, set[str]]:
        """Per cadre, the households it looks after in ``roles`` (distinct)."""
        wanted = set(roles)
        out: dict[str, set[str]] = defaultdict(set)
        for (household_id, role), cadre_ids in self.pairs.items():
            if role in wanted:
                for cadre_id in cadre_ids:
                    out[cadre_id].add(household_id)
        return out


def cadre_facts(session: Session, ids: Iterable[str] | None = None) -> dict[str, CadreFacts]:
    """The roster's living cadres (id → facts): all of them, or those of ``ids``."""
    query = select(
        col(Cadre.id), col(Cadre.name), col(Cadre.unit), col(Cadre.rank), col(Cadre.started_on), col(Cadre.ended_on)
    ).where(live(Cadre))
    if ids is None:
        return {row[0]: CadreFacts(*row) for row in session.connection().execute(query).all()}
    out: dict[str, CadreFacts] = {}
    for part in chunks(sorted(set(ids)), 500):
        out.update(
            {
                row[0]: CadreFacts(*row)
                for row in session.connection().execute(query.where(col(Cadre.id).in_(part))).all()
            }
        )
    return out


def _living(within: Select[Any] | None) -> Select[Any]:
    query = select(col(Household.id)).where(live(Household))
    return query if within is None else query.where(col(Household.id).in_(within))


def card_cadres(session: Session, within: Select[Any] | None = None) -> dict[str, str]:
    """Living household id → the cadre its card names (of the households ``within`` selects, or all)."""
    query = select(col(Household.id), col(Household.cadre_id)).where(
        live(Household), col(Household.cadre_id).is_not(None)
    )
    if within is not None:
        query = query.where(col(Household.id).in_(within))
    return {hid: cid for hid, cid in session.connection().execute(query).all() if cid is not None}


def open_cadre_pairs(session: Session, within: Select[Any] | None = None) -> set[tuple[str, str]]:
    """(household, cadre) of every open role-1 pairing row: the card's cadre without one is an implicit pairing."""
    query = select(col(Pairing.household_id), col(Pairing.cadre_id)).where(
        live(Pairing), col(Pairing.role) == ROLE_CADRE, col(Pairing.ended_on).is_(None)
    )
    if within is not None:
        query = query.where(col(Pairing.household_id).in_(within))
    return {(hid, cid) for hid, cid in session.connection().execute(query).all()}


def current_links(session: Session, on: date, within: Select[Any] | None = None) -> Links:
    """The current pairings on ``on`` of every living household, or of those the id query ``within`` selects
    (see the module docstring for the rule)."""
    cadre_of = card_cadres(session, within)
    rows = (
        session.connection()
        .execute(
            select(col(Pairing.household_id), col(Pairing.cadre_id), col(Pairing.role), col(Pairing.ended_on)).where(
                live(Pairing),
                col(Pairing.household_id).in_(_living(within)),
                or_(col(Pairing.started_on).is_(None), col(Pairing.started_on) <= on),
                or_(col(Pairing.ended_on).is_(None), col(Pairing.ended_on) >= on),
            )
        )
        .all()
    )
    opened = open_cadre_pairs(session, within)
    facts = cadre_facts(session, None if within is None else {r[1] for r in rows} | set(cadre_of.values()))
    active = {cid: c for cid, c in facts.items() if cadre_active(c.started_on, c.ended_on, on)}
    links = Links(on=on, active=active)
    for household_id, cadre_id, role, ended_on in rows:
        if role == ROLE_CADRE and ended_on is None and cadre_of.get(household_id) != cadre_id:
            continue  # the card chose another cadre since
        if cadre_id in active:
            links.pairs[(household_id, role)].add(cadre_id)
    for household_id, cadre_id in cadre_of.items():
        if cadre_id in active and (household_id, cadre_id) not in opened:
            links.pairs[(household_id, ROLE_CADRE)].add(cadre_id)
    return links


def households_of_cadres(cadre_ids: Iterable[str]) -> Select[Any]:
    """The id query of the households a pairing row or a card ties to one of ``cadre_ids`` (their loads)."""
    ids = sorted(set(cadre_ids))
    paired = select(col(Pairing.household_id)).where(live(Pairing), col(Pairing.cadre_id).in_(ids))
    carded = select(col(Household.id)).where(col(Household.cadre_id).in_(ids))
    return select(union(paired, carded).subquery().c[0])


def village_households(village_id: str) -> Select[Any]:
    return select(col(Household.id)).where(col(Household.village_id) == village_id)


def monitored_contacts(session: Session) -> dict[str, str]:
    """The households under monitoring (a case included and not yet removed) → the contact name on the case."""
    query = select(col(MonitoringCase.household_id), col(MonitoringCase.contact_name)).where(
        live(MonitoringCase), col(MonitoringCase.stage).in_(AFTER_INCLUSION)
    )
    return {hid: name or "" for hid, name in session.connection().execute(query).all()}
