"""Full resident IDs only for the roles that need them, and the area an account is bound to.

Whether the signed-in role sees full IDs is the permission ``id.view_full`` (asked through
``services.permissions``, so that the household, exchange and printing packages below this one can mask
without importing it). Showing one person's full ID to a role that sees them masked is ``id.unmask``, a
recorded event naming the member (never the number).

An account bound to an area (``Account.area_code``) may act only on that area's households: the unit-of-work
hook :func:`check_area` refuses a unit of work whose subject is a household (cards, attachments, procedure
steps, household operations), a village (a new batch) or a batch outside the area, before its first
statement. Bulk actions without a subject (import, merge, demo data) are not area-checked: the seed gives
them to the county administrator only.
"""

from __future__ import annotations

from sqlmodel import Session

from desktop_app.domain.errors import DomainError
from desktop_app.services import permissions, unit_of_work
from desktop_app.services.unit_of_work import UnitOfWork, reading, record
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Batch, Household, Member

VIEW_FULL = "id.view_full"
UNMASK = "id.unmask"


def may_see_full_ids(db: Database) -> bool:
    return permissions.allowed(db, VIEW_FULL)


def reveal_id(db: Database, member_id: str) -> str:
    """The full ID of one member ("" when none is recorded), recorded as ``id.unmask`` with the member id."""
    permissions.require(db, UNMASK)
    with reading(db) as session:
        member = session.get(Member, member_id)
        if member is None:
            raise DomainError("no_member", "找不到这位家庭成员（可能已被删除）。", "No such member.")
        household_id, number = member.household_id, member.id_number or ""
        _check_household_area(db, session, household_id, UNMASK)
    record(db, UNMASK, member_id, household=household_id)
    return number


RULES = "monitoring.rules"  # county-wide, about no household


def _area_of(session: Session, action: str, subject: str) -> Area | None:
    """The area (village) the subject of ``action`` belongs to, or None when it has none."""
    area_id: str | None = None
    if action.startswith("procedure.batch."):
        batch = session.get(Batch, subject)
        area_id = batch.village_id if batch is not None else subject
    elif action.startswith(("household.", "procedure.", "monitoring.")) and action not in ("procedure.rules", RULES):
        household = session.get(Household, subject)
        # a household's village; a unit of work that makes a new card names the village itself
        area_id = household.village_id if household is not None else subject
    if area_id is None:
        return None
    return session.get(Area, area_id)


def inside(session: Session, area: Area, code: str) -> bool:
    """Whether ``area`` is the area of ``code`` or lies within it (its village, township, county …)."""
    current: Area | None = area
    for _level in range(8):  # county → township → village → group, with room to spare; never a loop
        if current is None:
            return False
        if current.code == code:
            return True
        current = session.get(Area, current.parent_id) if current.parent_id else None
    return False


def _refuse(db: Database, action: str, area: Area) -> permissions.PermissionDenied:
    own = db.identity.area_code or ""
    return permissions.PermissionDenied(
        action,
        f"您的账户只负责区域 {own} 的农户，不能处理{area.name}（{area.code}）的农户；请由该区域的账户办理。",
        f"Your account is bound to area {own}; {area.name} ({area.code}) is outside it.",
    )


def _check_household_area(db: Database, session: Session, household_id: str, action: str) -> None:
    own = db.identity.area_code
    if not (db.has_accounts and db.identity.signed_in and own):
        return
    area = _area_of(session, "household.save", household_id)
    if area is not None and not inside(session, area, own):
        raise _refuse(db, action, area)


def check_area(work: UnitOfWork) -> None:
    """The BEFORE_WRITE hook: refuse a unit of work on a household outside the signed-in account's area."""
    db = work.db
    own = db.identity.area_code
    if not (db.has_accounts and db.identity.signed_in and own and work.subject):
        return
    area = _area_of(work.session, work.action, work.subject)
    if area is not None and not inside(work.session, area, own):
        raise _refuse(db, work.action, area)


def install_area_check() -> None:
    if check_area not in unit_of_work.BEFORE_WRITE:
        unit_of_work.BEFORE_WRITE.append(check_area)
