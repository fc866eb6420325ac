"""The coverage check's questions as a few set queries, for a county of 100,000 households.

``pairing_links.current_links`` builds every household's links in Python, which a village screen can afford
and a county-wide check cannot (≈180,000 rows read and joined per call). The same rule — see the module
docstring of ``pairing_links`` — is written here as SQL the database answers with its indexes, and only the
answers (a few hundred uncovered households, the cadres over their limit) come back:

- a **pairing row** links its household and cadre on ``on`` when it is live, covers the day, its cadre serves
  that day, and — for a role-1 row still open — its cadre is the one the card names;
- the **card's cadre** links as role 1 when it serves that day and no open role-1 row of that cadre exists
  (an implicit pairing).

Both SQLite and PostgreSQL run these (SQLAlchemy Core, bound parameters).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from desktop_app.domain.monitoring_steps import AFTER_INCLUSION
from desktop_app.domain.pairing import ROLE_CADRE, ROLE_CONTACT, PairingRules
from desktop_app.storage.models import Cadre, Household
from desktop_app.storage.models_assist import Pairing
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import chunks, live


def _serving(cadre: Any, on: date) -> ColumnElement[bool]:
    return and_(
        live(cadre),
        or_(col(cadre.started_on).is_(None), col(cadre.started_on) <= on),
        or_(col(cadre.ended_on).is_(None), col(cadre.ended_on) >= on),
    )


def _row_links(household: Any, pairing: Any, cadre: Any, on: date) -> ColumnElement[bool]:
    """A pairing row of ``household`` that links on ``on`` (the row joined to its serving cadre)."""
    return and_(
        col(pairing.household_id) == col(household.id),
        live(pairing),
        or_(col(pairing.started_on).is_(None), col(pairing.started_on) <= on),
        or_(col(pairing.ended_on).is_(None), col(pairing.ended_on) >= on),
        or_(
            col(pairing.role) != ROLE_CADRE,
            col(pairing.ended_on).is_not(None),
            col(pairing.cadre_id) == col(household.cadre_id),
        ),
        col(cadre.id) == col(pairing.cadre_id),
        _serving(cadre, on),
    )


def _card_links(household: Any, cadre: Any, on: date) -> ColumnElement[bool]:
    """The card's cadre of ``household`` links on ``on`` (an implicit role-1 pairing)."""
    opened = aliased(Pairing)
    opened_row = (
        exists()
        .where(
            col(opened.household_id) == col(household.id),
            col(opened.cadre_id) == col(household.cadre_id),
            col(opened.role) == ROLE_CADRE,
            live(opened),
            col(opened.ended_on).is_(None),
        )
        .correlate_except(opened)  # nested in another EXISTS: tie it to the household explicitly
    )
    return and_(col(cadre.id) == col(household.cadre_id), _serving(cadre, on), ~opened_row)


def _has_link(household: Any, role: str, on: date) -> ColumnElement[bool]:
    """Whether ``household`` (a correlated alias) has a current link in ``role`` on ``on``."""
    pairing, cadre = aliased(Pairing), aliased(Cadre)
    by_row = (
        exists()
        .where(col(pairing.role) == role, _row_links(household, pairing, cadre, on))
        .correlate_except(pairing, cadre)
    )
    if role != ROLE_CADRE:
        return by_row
    carded = aliased(Cadre)
    return or_(by_row, exists().where(_card_links(household, carded, on)).correlate_except(carded))


def links_query(
    on: date, roles: Iterable[str], cadre_ids: Sequence[str] | None = None, *, village_id: str | None = None
) -> Any:
    """(household, cadre) of every current link in ``roles`` (of the cadres ``cadre_ids`` and the households of
    ``village_id`` when given; a household may appear more than once)."""
    wanted = tuple(roles)
    household, pairing, cadre = aliased(Household), aliased(Pairing), aliased(Cadre)
    by_rows: Any = (
        select(col(pairing.household_id).label("h"), col(pairing.cadre_id).label("c"))
        .select_from(pairing)
        .join(household, col(household.id) == col(pairing.household_id))
        .join(cadre, col(cadre.id) == col(pairing.cadre_id))
        .where(live(household), col(pairing.role).in_(wanted), _row_links(household, pairing, cadre, on))
    )
    if cadre_ids is not None:
        by_rows = by_rows.where(col(pairing.cadre_id).in_(cadre_ids))
    if village_id is not None:
        by_rows = by_rows.where(col(household.village_id) == village_id)
    if ROLE_CADRE not in wanted:
        return by_rows
    carded_household, carded = aliased(Household), aliased(Cadre)
    by_cards: Any = (
        select(col(carded_household.id).label("h"), col(carded_household.cadre_id).label("c"))
        .select_from(carded_household)
        .join(carded, col(carded.id) == col(carded_household.cadre_id))
        .where(live(carded_household), _card_links(carded_household, carded, on))
    )
    if cadre_ids is not None:
        by_cards = by_cards.where(col(carded_household.cadre_id).in_(cadre_ids))
    if village_id is not None:
        by_cards = by_cards.where(col(carded_household.village_id) == village_id)
    return union_all(by_rows, by_cards)


HouseholdRow = tuple[str, str, str, str | None]  # id, number, head, village id


def without_cadre(session: Session, rules: PairingRules, on: date, village_id: str | None) -> list[HouseholdRow]:
    """Households of the cover stages (of a village) with no current pairing cadre."""
    household = aliased(Household)
    query = select(col(household.id), col(household.number), col(household.head_name), col(household.village_id)).where(
        live(household), col(household.stage).in_(rules.cover_stages), ~_has_link(household, ROLE_CADRE, on)
    )
    if village_id is not None:
        query = query.where(col(household.village_id) == village_id)
    return [(hid, number, head, vid) for hid, number, head, vid in session.connection().execute(query).all()]


def monitored_without_contact(
    session: Session, on: date, village_id: str | None
) -> list[tuple[str, str, str, str | None, str]]:
    """Monitored households (a case included, not removed; of a village) with no current role-2 pairing, each
    with the contact name on its case ("" when none)."""
    household = aliased(Household)
    query = (
        select(
            col(household.id),
            col(household.number),
            col(household.head_name),
            col(household.village_id),
            col(MonitoringCase.contact_name),
        )
        .join(household, col(household.id) == col(MonitoringCase.household_id))
        .where(
            live(MonitoringCase),
            col(MonitoringCase.stage).in_(AFTER_INCLUSION),
            live(household),
            ~_has_link(household, ROLE_CONTACT, on),
        )
    )
    if village_id is not None:
        query = query.where(col(household.village_id) == village_id)
    return [(h, n, head, v, name or "") for h, n, head, v, name in session.connection().execute(query).all()]


def must_cover_count(session: Session, rules: PairingRules, village_id: str | None) -> int:
    """How many living households (of a village) the rules say must be covered."""
    monitored = select(col(MonitoringCase.household_id)).where(
        live(MonitoringCase), col(MonitoringCase.stage).in_(AFTER_INCLUSION)
    )
    need: ColumnElement[bool] = col(Household.stage).in_(rules.cover_stages)
    if rules.cover_monitored:
        need = or_(need, col(Household.id).in_(monitored))
    query = select(func.count()).select_from(Household).where(live(Household), need)
    if village_id is not None:
        query = query.where(col(Household.village_id) == village_id)
    return int(session.connection().execute(query).scalar_one())


def _load_bounds(rules: PairingRules, on: date) -> Any:
    """Cadres serving on ``on`` whose households *at most* exceed their rank's limit: the only ones that can be
    over it. At most = the cards naming them (a card links its cadre once, by its open role-1 row or implicitly)
    plus their other pairing rows covering the day in the counted roles (ended role-1 rows, role-2 rows). Two
    grouped scans; the exact count is then made for these few."""
    roles = tuple(rules.count_roles)
    rows = (
        select(col(Pairing.cadre_id).label("cadre_id"), func.count().label("n"))
        .where(
            live(Pairing),
            col(Pairing.role).in_(roles),
            or_(col(Pairing.started_on).is_(None), col(Pairing.started_on) <= on),
            or_(col(Pairing.ended_on).is_(None), col(Pairing.ended_on) >= on),
            # an open role-1 row links only the card's cadre, which the card's count below already holds
            or_(col(Pairing.role) != ROLE_CADRE, col(Pairing.ended_on).is_not(None)),
        )
        .group_by(col(Pairing.cadre_id))
        .subquery()
    )
    cards = (
        select(col(Household.cadre_id).label("cadre_id"), func.count().label("n"))
        .where(col(Household.cadre_id).is_not(None) if ROLE_CADRE in roles else false())
        .group_by(col(Household.cadre_id))
        .subquery()
    )
    limit = case(dict(rules.limits), value=col(Cadre.rank), else_=rules.limit_unranked)
    bound = func.coalesce(rows.c.n, 0) + func.coalesce(cards.c.n, 0)
    return (
        select(col(Cadre.id))
        .select_from(Cadre)
        .outerjoin(rows, rows.c.cadre_id == col(Cadre.id))
        .outerjoin(cards, cards.c.cadre_id == col(Cadre.id))
        .where(_serving(Cadre, on), bound > limit)
    )


def loads_over(
    session: Session, rules: PairingRules, on: date, village_id: str | None = None
) -> list[tuple[str, str, str, str | None, int]]:
    """Cadres (id, name, unit, rank, households) that may be over their rank's limit — of the county, or those
    linked to a household of ``village_id`` — with their exact county-wide count of distinct households in the
    counted roles (the caller compares it with the limit)."""
    if not rules.limits and rules.limit_unranked is None:
        return []
    if village_id is None:
        candidates = [row[0] for row in session.connection().execute(_load_bounds(rules, on)).all()]
    else:
        mine = links_query(on, rules.count_roles, village_id=village_id).subquery()
        candidates = sorted({row[0] for row in session.connection().execute(select(mine.c.c).distinct()).all()})
    households: dict[str, set[str]] = {}
    for part in chunks(candidates, 500):
        for household_id, cadre_id in session.connection().execute(links_query(on, rules.count_roles, part)).all():
            households.setdefault(cadre_id, set()).add(household_id)
    facts = select(col(Cadre.id), col(Cadre.name), col(Cadre.unit), col(Cadre.rank))
    out = []
    for part in chunks(sorted(households), 500):
        for cid, name, unit, rank in session.connection().execute(facts.where(col(Cadre.id).in_(part))).all():
            out.append((cid, name, unit, rank, len(households[cid])))
    return out
