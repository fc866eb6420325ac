"""Dynamic adjustment of members (成员变动): birth, death, marriage in or out, moving in or away.

Each change has a date and a reason; the household size and the per-capita income follow, and the event
keeps both the before and the after (the audit hook also logs every field changed). Members who leave stay
on file, inactive, with the date and the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain import idnumber
from desktop_app.domain.procedure import Event
from desktop_app.domain.procedure_rules import MEMBER_CHANGE_KINDS, ProcedureError
from desktop_app.services.households import refresh_card, refresh_search_index
from desktop_app.services.procedure.steps import household, record
from desktop_app.storage.models import Household, Member
from desktop_app.storage.queries import live

_MEMBER_FIELDS = {
    "relation",
    "sex",
    "birth_date",
    "ethnicity",
    "education",
    "school_status",
    "health",
    "disability_grade",
    "labour",
    "work_status",
    "phone",
}


def _active(session: Session, household_id: str) -> list[Member]:
    rows = session.execute(
        select(Member).where(
            col(Member.household_id) == household_id,
            col(Member.active).is_(True),
            live(Member),
        )
    ).scalars()
    return list(rows)


def _snapshot(row: Household) -> dict[str, Any]:
    return {"size": row.size, "per_capita_income_fen": row.per_capita_income_fen}


def _recompute(session: Session, row: Household) -> None:
    refresh_card(session, row)  # size, head and per-capita income: computed in one place (services.households)


def _refresh_search(session: Session, household_id: str) -> None:
    session.flush()
    refresh_search_index(session, [household_id])


def member_joins(
    session: Session,
    household_id: str,
    *,
    kind: str,
    name: str,
    on_date: date,
    reason: str,
    today: date,
    id_number: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> str:
    """A birth, a marriage into the household or a move in; returns the new member's id."""
    if kind not in MEMBER_CHANGE_KINDS or not MEMBER_CHANGE_KINDS[kind][2]:
        raise ProcedureError(
            "bad_member_change", "成员增加的类型须为出生、婚入或迁入", f"invalid joining kind {kind!r}"
        )
    if not name.strip():
        raise ProcedureError("name_required", "须填写新成员姓名", "the new member needs a name")
    normalized = None
    if id_number:
        check = idnumber.check(id_number, today=today)
        if not check.valid:
            raise ProcedureError(
                "bad_id_number", f"身份证号码无效：{check.reason}", f"invalid ID number: {check.reason_en}"
            )
        normalized = check.normalized or id_number
        clash = session.execute(
            select(col(Member.household_id)).where(
                col(Member.id_number) == normalized,
                live(Member),
                col(Member.active).is_(True),
            )
        ).first()
        if clash:
            raise ProcedureError(
                "duplicate_id", f"身份证号码 {idnumber.mask(normalized)} 已登记在其他成员名下", "ID already on file"
            )
    row = household(session, household_id)
    before = _snapshot(row)
    extra = {k: v for k, v in (details or {}).items() if k in _MEMBER_FIELDS}
    if kind == "birth":
        extra.setdefault("birth_date", on_date)
    member = Member(
        household_id=household_id,
        name=name.strip(),
        id_number=normalized,
        joined_on=on_date,
        sort_order=len(_active(session, household_id)) + 1,
        **extra,
    )
    session.add(member)
    _recompute(session, row)
    data = {"kind": kind, "member_id": member.id, "name": member.name, "before": before, "after": _snapshot(row)}
    record(session, household_id, Event("member_change", on_date, kind, reason, data=data), today=today)
    _refresh_search(session, household_id)
    return member.id


def member_leaves(
    session: Session,
    member_id: str,
    *,
    kind: str,
    on_date: date,
    reason: str,
    today: date,
    new_head_id: str | None = None,
) -> None:
    """A death, a marriage out or a move away. When the head leaves, another member becomes the head."""
    if kind not in MEMBER_CHANGE_KINDS or MEMBER_CHANGE_KINDS[kind][2]:
        raise ProcedureError(
            "bad_member_change", "成员减少的类型须为死亡、婚出或迁出", f"invalid leaving kind {kind!r}"
        )
    member = session.get(Member, member_id)
    if member is None or member.deleted or not member.active:
        raise ProcedureError("member_missing", "找不到该在册成员", "active member not found")
    row = household(session, member.household_id)
    others = [m for m in _active(session, row.id) if m.id != member.id]
    if not others:
        raise ProcedureError(
            "last_member",
            "这是本户最后一名在册成员，不能减少；如该户已不存在，请按程序清退或注销",
            "this is the last member; remove or close the household instead",
        )
    if not reason.strip():
        raise ProcedureError("reason_required", "成员变动必须填写理由", "a member change needs a reason")
    before = _snapshot(row)
    head_data: dict[str, Any] = {}
    if member.relation == "01":
        new_head = next((m for m in others if m.id == new_head_id), None)
        if new_head is None:
            raise ProcedureError("new_head_required", "户主减少时须指定新户主", "choose the new head of household")
        new_head.relation = "01"
        row.head_name = new_head.name
        session.add(new_head)
        head_data = {"new_head_id": new_head.id, "new_head": new_head.name}
    member.active, member.left_on = False, on_date
    member.left_reason = f"{MEMBER_CHANGE_KINDS[kind][0]}：{reason.strip()}"[:200]
    session.add(member)
    _recompute(session, row)
    data = {"kind": kind, "member_id": member.id, "name": member.name, "before": before, "after": _snapshot(row)}
    record(session, row.id, Event("member_change", on_date, kind, reason, data={**data, **head_data}), today=today)
    _refresh_search(session, row.id)
