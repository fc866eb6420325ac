"""What a team does to whole households: remove a card made by mistake, move, split and merge households.

Each use case runs in the caller's write transaction and either does all of its work or raises a
:class:`DomainError` with a Chinese message before writing anything. Records are never deleted: a removed card
and a merged-away card become tombstones, and moved members keep their ids (so photos, another laptop's edits
of them and the merge engine still find them). Every action leaves its reason in the change log as a row of its
own (action ``remove``, ``move``, ``split`` or ``merge``, field ``reason``) beside the field changes the audit
hook writes; the merge engine reads only create/update/delete rows, so these notes never disturb its walk back
through a record's versions. Derived card fields (head, size, per-capita income) and the search index follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain.errors import DomainError
from desktop_app.services.households.forms import HEAD
from desktop_app.services.households.records import next_household_number, refresh_card
from desktop_app.services.households.search import refresh_search_index
from desktop_app.storage.models import (
    Area,
    Attachment,
    Batch,
    BatchHousehold,
    ChangeLog,
    Household,
    Measure,
    Member,
    ProcedureEvent,
)
from desktop_app.storage.queries import live
from desktop_app.storage.types import utcnow

ACTIONS = ("remove", "move", "split", "merge")


def _err(code: str, zh: str, en: str) -> DomainError:
    return DomainError(code, zh, en)


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise _err("reason_required", "请写明原因（将记入修改记录）", "a reason is required (it goes into the history)")
    return text


def _household(session: Session, household_id: str) -> Household:
    row = session.get(Household, household_id)
    if row is None or row.deleted:
        raise _err("household_missing", "找不到该户（可能已被删除）", "household not found (it may be deleted)")
    return row


def _named(row: Household) -> str:
    return f"{row.head_name or '（无户主）'}（{row.number}）"


def _note(session: Session, household_id: str, action: str, text: str) -> None:
    """The reason row of an action in the household's history."""
    session.add(
        ChangeLog(
            at=utcnow(),
            entity="household",
            entity_id=household_id,
            household_id=household_id,
            action=action,
            field="reason",
            new_value=text,
            operator=str(session.info.get("operator", ""))[:100],
            device_id=str(session.info.get("device_id", "")),
            audit_entry=session.info.get("audit_entry"),
        )
    )


def _active_members(session: Session, household_id: str) -> list[Member]:
    rows = session.execute(
        select(Member)
        .where(col(Member.household_id) == household_id, live(Member))
        .order_by(col(Member.sort_order), col(Member.created_at))
    ).scalars()
    return list(rows)


def _event_count(session: Session, household_id: str) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(ProcedureEvent)
            .where(col(ProcedureEvent.household_id) == household_id, live(ProcedureEvent))
        ).scalar_one()
    )


def _open_list(session: Session, household_id: str) -> str | None:
    """The number of an open batch (meeting, announcement) that lists the household and awaits its result."""
    return session.execute(
        select(col(Batch.number))
        .join(BatchHousehold, col(BatchHousehold.batch_id) == col(Batch.id))
        .where(
            col(BatchHousehold.household_id) == household_id,
            live(BatchHousehold),
            col(BatchHousehold.result) == "pending",
            col(Batch.status) == "open",
            live(Batch),
        )
    ).scalar()


def _not_on_open_list(session: Session, row: Household, doing: str) -> None:
    batch = _open_list(session, row.id)
    if batch is not None:
        raise _err(
            "on_open_list",
            f"{_named(row)}正在批次 {batch} 的名单中，须待该批次结束后才能{doing}",
            f"{row.number} is on the open batch {batch}; finish it first",
        )


def _finish(session: Session, household_ids: Sequence[str]) -> None:
    session.flush()
    for household_id in household_ids:
        row = session.get(Household, household_id)
        if row is not None:
            refresh_card(session, row)
    session.flush()
    refresh_search_index(session, list(household_ids))


# --- what the dialogs offer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFacts:
    """Plain data the action dialogs show: the household, where it is, where it could go, who is in it."""

    label: str
    place: str
    village_id: str
    group_id: str | None
    villages: list[tuple[str, str]]
    groups: dict[str, list[tuple[str, str]]]
    members: list[tuple[str, str, str]]  # id, name, relation label
    head_member_id: str | None
    neighbours: list[tuple[str, str]]  # the other households of the village: id, "head（number）"


def action_choices(session: Session, household_id: str, *, lang: str = "zh") -> ActionFacts:
    row = _household(session, household_id)
    areas = session.execute(
        select(col(Area.id), col(Area.name), col(Area.level), col(Area.parent_id))
        .where(live(Area), col(Area.level).in_(("village", "group")))
        .order_by(col(Area.code))
    ).all()
    villages = [(a.id, a.name) for a in areas if a.level == "village"]
    groups: dict[str, list[tuple[str, str]]] = {}
    for a in areas:
        if a.level == "group" and a.parent_id:
            groups.setdefault(a.parent_id, []).append((a.id, a.name))
    relation = catalog.codelists()["relation"]
    members = _active_members(session, household_id)
    neighbours = session.execute(
        select(col(Household.id), col(Household.head_name), col(Household.number))
        .where(
            col(Household.village_id) == row.village_id,
            col(Household.id) != household_id,
            live(Household),
        )
        .order_by(col(Household.number))
    ).all()
    return ActionFacts(
        label=_named(row),
        place=_place_name(session, row.village_id, row.group_id),
        village_id=row.village_id,
        group_id=row.group_id,
        villages=villages,
        groups=groups,
        members=[(m.id, m.name, relation.label(m.relation, lang) if m.relation else "") for m in members],
        head_member_id=next((m.id for m in members if m.relation == HEAD), None),
        neighbours=[(n.id, f"{n.head_name}（{n.number}）") for n in neighbours],
    )


# --- remove -------------------------------------------------------------------------------------------------


def remove_card(session: Session, household_id: str, *, reason: str) -> None:
    """删除户卡 made by mistake (a duplicate, a test entry): the card, its members and measures become tombstones.

    A household with any procedure step on file is a real case, not a mistake: it is refused, and the message
    says what to do instead (清退 through the procedure, or 撤回上一步 for a step entered by mistake).
    """
    text = _reason(reason)
    row = _household(session, household_id)
    steps = _event_count(session, household_id)
    if steps:
        raise _err(
            "has_procedure_history",
            f"{_named(row)}已有 {steps} 条识别程序记录，不能删除户卡；如不应识别，请在“识别程序”中清退或不予识别，"
            "录入有误的步骤可“撤回上一步”",
            f"{row.number} has {steps} procedure step(s) on file and cannot be removed",
        )
    for member in _active_members(session, household_id):
        member.deleted = True
        session.add(member)
    for measure in session.execute(
        select(Measure).where(col(Measure.household_id) == household_id, live(Measure))
    ).scalars():
        measure.deleted = True
        session.add(measure)
    row.deleted = True
    session.add(row)
    _note(session, household_id, "remove", text)
    _finish(session, [household_id])


# --- move ---------------------------------------------------------------------------------------------------


def _place(session: Session, village_id: str, group_id: str | None) -> tuple[Area, Area | None]:
    village = session.get(Area, village_id)
    if village is None or village.deleted or village.level != "village":
        raise _err("village_missing", "请选择要迁入的行政村", "choose the village to move to")
    group = None
    if group_id:
        group = session.get(Area, group_id)
        if group is None or group.deleted or group.level != "group" or group.parent_id != village.id:
            raise _err(
                "group_not_in_village",
                f"所选村民小组不属于{village.name}",
                f"the village group is not in {village.name}",
            )
    return village, group


def _place_name(session: Session, village_id: str, group_id: str | None) -> str:
    village = session.get(Area, village_id)
    group = session.get(Area, group_id) if group_id else None
    return (village.name if village else "") + (group.name if group else "")


def move_household(session: Session, household_id: str, *, village_id: str, group_id: str | None, reason: str) -> str:
    """迁移: put the household in another village group, or in another village (it then gets that village's
    next household number, since 户编号 begin with the village code). Returns the household number."""
    text = _reason(reason)
    row = _household(session, household_id)
    village, group = _place(session, village_id, group_id)
    new_group = group.id if group else None
    if row.village_id == village.id and row.group_id == new_group:
        raise _err("same_place", f"{_named(row)}已在{_place_name(session, village.id, new_group)}", "already there")
    before = _place_name(session, row.village_id, row.group_id)
    old_number = row.number
    if row.village_id != village.id:
        _not_on_open_list(session, row, "迁往他村")
        row.number = next_household_number(session, village.code)
        row.village_id = village.id
    row.group_id = new_group
    session.add(row)
    after = _place_name(session, village.id, new_group)
    renumbered = f"，户编号 {old_number} 改为 {row.number}" if row.number != old_number else ""
    _note(session, household_id, "move", f"{text}（由{before}迁至{after}{renumbered}）")
    _finish(session, [household_id])
    return row.number


# --- split --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SplitResult:
    household_id: str
    number: str


def split_household(
    session: Session,
    household_id: str,
    *,
    member_ids: Sequence[str],
    new_head_id: str,
    reason: str,
    remaining_head_id: str | None = None,
) -> SplitResult:
    """分户: ``member_ids`` leave to form a new household in the same village and group, headed by
    ``new_head_id``. If the head leaves, ``remaining_head_id`` names who heads the household that stays.
    The new card starts empty apart from its place, address and phone; the team completes it (income, the
    procedure) as for any new card. Relations other than the heads' are kept and should be checked on the cards.
    """
    text = _reason(reason)
    row = _household(session, household_id)
    members = _active_members(session, household_id)
    by_id = {m.id: m for m in members}
    leaving = [by_id[i] for i in dict.fromkeys(member_ids) if i in by_id]
    if not leaving or len(leaving) != len(set(member_ids)):
        raise _err("choose_members", "请选择要分出的成员（须为本户成员）", "choose members of this household")
    staying = [m for m in members if m.id not in {x.id for x in leaving}]
    if not staying:
        raise _err("nobody_stays", "不能把全部成员分出：原户至少要留下一人", "at least one member must stay")
    if new_head_id not in {m.id for m in leaving}:
        raise _err("new_head", "请在分出的成员中指定新户的户主", "the new head must be one of the members leaving")
    head_leaves = any(m.relation == HEAD for m in leaving)
    if head_leaves:
        if remaining_head_id not in {m.id for m in staying}:
            raise _err(
                "remaining_head", "户主分出后，请在留下的成员中指定原户的新户主", "name the new head of the household"
            )
    _not_on_open_list(session, row, "分户")
    village = session.get(Area, row.village_id)
    assert village is not None
    new = Household(
        village_id=row.village_id,
        group_id=row.group_id,
        number=next_household_number(session, village.code),
        address=row.address,
        phone=row.phone,
        standard=row.standard,
        income_year=row.income_year,
    )
    session.add(new)
    session.flush()
    for order, member in enumerate(sorted(leaving, key=lambda m: m.id != new_head_id)):
        member.household_id = new.id
        member.sort_order = order
        if member.id == new_head_id:
            member.relation = HEAD
        elif member.relation == HEAD:
            member.relation = None
        session.add(member)
    if head_leaves:
        for order, member in enumerate(sorted(staying, key=lambda m: m.id != remaining_head_id)):
            member.sort_order = order
            if member.id == remaining_head_id:
                member.relation = HEAD
            session.add(member)
    names = "、".join(m.name for m in leaving)
    head_name = by_id[new_head_id].name
    _note(session, row.id, "split", f"{text}（{names} 分出为新户 {new.number}，户主{head_name}）")
    _note(session, new.id, "split", f"{text}（由{_named(row)}分出：{names}）")
    _finish(session, [row.id, new.id])
    return SplitResult(new.id, new.number)


# --- merge --------------------------------------------------------------------------------------------------


def merge_into(session: Session, keep_id: str, other_id: str, *, reason: str) -> None:
    """合户: the members, measures and attachments of ``other_id`` join ``keep_id``; the other card becomes a
    tombstone that keeps its own procedure history. Its former head is no longer a head: their relation to
    the head of the household that stays is left empty for the team to fill on the card."""
    text = _reason(reason)
    if keep_id == other_id:
        raise _err("same_household", "请选择另一户合并", "choose a different household")
    keep = _household(session, keep_id)
    other = _household(session, other_id)
    if keep.village_id != other.village_id:
        raise _err(
            "other_village",
            f"{_named(other)}与{_named(keep)}不在同一行政村，请先把其中一户迁入同村再合户",
            "the households are in different villages; move one first",
        )
    for row in (keep, other):
        _not_on_open_list(session, row, "合户")
    mine = _active_members(session, keep_id)
    theirs = _active_members(session, other_id)
    known = {m.id_number: m for m in mine if m.id_number}
    for member in theirs:
        twin = known.get(member.id_number or "")
        if twin is not None:
            raise _err(
                "same_person",
                f"两户都登记了身份证号码相同的成员（{twin.name} / {member.name}），请先在户卡中删去重复的一人",
                "both households list a member with the same ID number",
            )
    start = max((m.sort_order for m in mine), default=-1) + 1
    for order, member in enumerate(theirs, start=start):
        member.household_id = keep_id
        member.sort_order = order
        if member.relation == HEAD:
            member.relation = None
        session.add(member)
    for model in (Measure, Attachment):
        for item in session.execute(select(model).where(col(model.household_id) == other_id, live(model))).scalars():
            item.household_id = keep_id
            session.add(item)
    other.deleted = True
    session.add(other)
    names = "、".join(m.name for m in theirs) or "（无成员）"
    steps = _event_count(session, other_id)
    kept_history = f"；其 {steps} 条识别程序记录保留在原户卡中" if steps else ""
    _note(session, keep_id, "merge", f"{text}（并入{_named(other)}：{names}{kept_history}）")
    _note(session, other_id, "merge", f"{text}（并入{_named(keep)}）")
    _finish(session, [keep_id, other_id])


__all__ = [
    "ACTIONS",
    "ActionFacts",
    "SplitResult",
    "action_choices",
    "merge_into",
    "move_household",
    "remove_card",
    "split_household",
]
