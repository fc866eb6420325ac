"""Who looks after whom on a given day: the current pairings of every household, read in a few narrow queries.

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

from sqlalchemy import or_, select
from sqlmodel import Session, col

from desktop_app.domain.monitoring_steps import AFTER_INCLUSION
from desktop_app.domain.pairing import ROLE_CADRE, ROLE_CONTACT, cadre_active
from desktop_app.storage.models import Cadre, Household
from desktop_app.storage.models_assist import Pairing
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import live

IMPLICIT = "card:"  # the id prefix of an implicit pairing (``card:<household id>``)


@dataclass
class Links:
    """The pairings current on ``on``: per household, per role, the cadre ids; and the cadres serving."""

    on: date
    by_household: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    active: dict[str, Cadre] = field(default_factory=dict)

    def cadres(self, household_id: str, role: str) -> set[str]:
        roles = self.by_household.get(household_id)
        return set(roles.get(role, ())) if roles else set()

    def loads(self, roles: Iterable[str]) -> dict[str, set[str]]:
        """Per cadre, the households it looks after in ``roles`` (distinct)."""
        wanted = set(roles)
        out: dict[str, set[str]] = defaultdict(set)
        for household_id, by_role in self.by_household.items():
            for role, cadre_ids in by_role.items():
                if role in wanted:
                    for cadre_id in cadre_ids:
                        out[cadre_id].add(household_id)
        return out


def active_cadres(session: Session, on: date) -> dict[str, Cadre]:
    rows = session.execute(select(Cadre).where(live(Cadre))).scalars()
    return {c.id: c for c in rows if cadre_active(c.started_on, c.ended_on, on)}


def current_links(session: Session, on: date) -> Links:
    """Every living household's current pairings on ``on`` (see the module docstring for the rule)."""
    links = Links(on=on, active=active_cadres(session, on))
    cadre_of = {
        hid: cid
        for hid, cid in session.execute(
            select(col(Household.id), col(Household.cadre_id)).where(
                live(Household), col(Household.cadre_id).is_not(None)
            )
        ).all()
    }
    living = select(col(Household.id)).where(live(Household))
    rows = session.execute(
        select(col(Pairing.household_id), col(Pairing.cadre_id), col(Pairing.role), col(Pairing.ended_on)).where(
            live(Pairing),
            col(Pairing.household_id).in_(living),
            or_(col(Pairing.started_on).is_(None), col(Pairing.started_on) <= on),
            or_(col(Pairing.ended_on).is_(None), col(Pairing.ended_on) >= on),
        )
    ).all()
    for household_id, cadre_id, role, ended_on in rows:
        if role == ROLE_CADRE and ended_on is None and cadre_of.get(household_id) != cadre_id:
            continue  # the card chose another cadre since
        if cadre_id in links.active:
            links.by_household[household_id][role].add(cadre_id)
    opened = open_cadre_pairs(session)
    for household_id, cadre_id in cadre_of.items():
        if (household_id, cadre_id) not in opened and cadre_id in links.active:
            links.by_household[household_id][ROLE_CADRE].add(cadre_id)
    return links


def open_cadre_pairs(session: Session) -> set[tuple[str, str]]:
    """(household, cadre) of every open role-1 pairing row: the card's cadre without one is an implicit pairing."""
    rows = session.execute(
        select(col(Pairing.household_id), col(Pairing.cadre_id)).where(
            live(Pairing), col(Pairing.role) == ROLE_CADRE, col(Pairing.ended_on).is_(None)
        )
    ).all()
    return {(hid, cid) for hid, cid in rows}


def monitored_cases(session: Session) -> dict[str, MonitoringCase]:
    """The households under monitoring (a case included and not yet removed), with that case."""
    rows = session.execute(
        select(MonitoringCase).where(live(MonitoringCase), col(MonitoringCase.stage).in_(AFTER_INCLUSION))
    ).scalars()
    return {case.household_id: case for case in rows}


def has_contact(links: Links, household_id: str, case: MonitoringCase | None, *, from_case: bool) -> bool:
    """Whether a monitored household has its contact: a current role-2 pairing, or a name on its case."""
    if links.cadres(household_id, ROLE_CONTACT):
        return True
    return bool(from_case and case is not None and case.contact_name.strip())
