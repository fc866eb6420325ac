"""Managing the areas: list them, add one, rename one, move a village group to another village, merge duplicate
groups with their households.

Every change goes through the ORM in one unit of work (``areas.add``, ``areas.rename``, ``areas.move``,
``areas.merge``): the change log, versions and the merge to other laptops see it as any edit. A merged
duplicate is not removed but becomes a tombstone (``deleted``), as the app deletes everything, so another
laptop's merge carries the deletion and the moved households.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from desktop_app.domain import group_names
from desktop_app.domain.errors import DomainError
from desktop_app.services.areas.registry import AreaRef, area_code_problem
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.queries import live

LEVELS = ("county", "township", "village", "group")
LEVEL_ZH = {"county": "县", "township": "乡镇", "village": "行政村", "group": "村民小组"}
PARENT_LEVEL = {"county": None, "township": "county", "village": "township", "group": "village"}
_LEVEL_WORDS = {"county": "county", "县": "county", "县（市、区）": "county", "区": "county", "市": "county"}
_LEVEL_WORDS |= {"township": "township", "乡镇": "township", "乡": "township", "镇": "township", "街道": "township"}
_LEVEL_WORDS |= {"village": "village", "行政村": "village", "村": "village", "社区": "village", "村（社区）": "village"}
_LEVEL_WORDS |= {"group": "group", "村民小组": "group", "组": "group", "小组": "group"}


def area_error(code: str, zh: str) -> DomainError:
    return DomainError(code, zh, zh)


def level_key(text: object) -> str | None:
    """``county`` … ``group`` for a level written as a key or in Chinese (县, 乡镇, 镇, 行政村, 村, 村民小组, 组)."""
    return _LEVEL_WORDS.get(group_names.clean(str(text or "")).lower() or "")


def _ref(area: Area) -> AreaRef:
    return AreaRef(area.id, area.code, area.name, area.level, area.parent_id)


def find_area(session: Session, key: str, level: str | None = None) -> Area:
    """A living area by its code or id, else by its (unique) name; ``level`` narrows the search."""
    text = key.strip()
    where = [live(Area)] + ([col(Area.level) == level] if level else [])
    found = list(session.scalars(select(Area).where(or_(col(Area.code) == text, col(Area.id) == text), *where)))
    if not found:
        found = list(session.scalars(select(Area).where(col(Area.name) == text, *where)))
    what = LEVEL_ZH.get(level or "", "区划")
    if not found:
        raise area_error("area_missing", f"找不到{what}“{text}”；请检查代码或名称")
    if len(found) > 1:
        codes = "、".join(sorted(a.code for a in found))
        raise area_error("area_ambiguous", f"有 {len(found)} 个{what}名为“{text}”（代码：{codes}），请改用代码")
    return found[0]


def check_new_area(session: Session, level: str, code: str, name: str, parent: Area | None) -> None:
    """Why an area of ``level`` with this code, name and parent cannot be added (raises), else nothing."""
    problem = area_code_problem(code, level)
    if problem:
        raise area_error("area_code", f"{problem}（现为“{code}”）")
    if not name.strip():
        raise area_error("area_name", f"请填写{LEVEL_ZH[level]}名称")
    wanted = PARENT_LEVEL[level]
    if wanted is None and parent is not None:
        raise area_error("area_parent", "县没有上级区划，请不要填写上级代码")
    if wanted is not None:
        if parent is None:
            raise area_error("area_parent", f"{LEVEL_ZH[level]}须有上级{LEVEL_ZH[wanted]}（--parent 上级代码）")
        if parent.level != wanted:
            raise area_error(
                "area_parent",
                f"{LEVEL_ZH[level]}的上级应为{LEVEL_ZH[wanted]}，“{parent.name}”（{parent.code}）是{LEVEL_ZH[parent.level]}",
            )
        prefix = {"township": 6, "village": 9, "group": 12}[level]
        if code[:prefix] != parent.code[:prefix]:
            start = parent.code[:prefix]
            raise area_error(
                "area_code_prefix", f"{LEVEL_ZH[level]}代码 {code} 应以上级代码的前 {prefix} 位 {start} 开头"
            )
    taken = session.scalars(select(Area).where(col(Area.code) == code)).first()
    if taken is not None:
        gone = "（已删除）" if taken.deleted else ""
        raise area_error("area_exists", f"代码 {code} 已用于“{taken.name}”{gone}，不能再用于“{name.strip()}”")
    _no_twin(session, level, name, parent.id if parent else None, None)


def _no_twin(session: Session, level: str, name: str, parent_id: str | None, own_id: str | None) -> None:
    siblings = session.scalars(
        select(Area).where(col(Area.parent_id) == parent_id, col(Area.level) == level, live(Area))
    ).all()
    same = group_names.group_key if level == "group" else group_names.clean
    for other in siblings:
        if other.id != own_id and same(other.name) == same(name):
            hint = "，如为重复的小组请合并" if level == "group" else ""
            raise area_error("area_twin", f"同一上级下已有{LEVEL_ZH[level]}“{other.name}”（{other.code}）{hint}")


# --- use cases ----------------------------------------------------------------------------------------------


def add_area(db: Database, level: str, code: str, name: str, parent: str | None = None) -> AreaRef:
    """Add one area (``level`` a key or its Chinese label; ``parent`` the parent's code, id or name)."""
    key = level_key(level)
    if key is None:
        raise area_error("area_level", f"级别“{level}”不对：应为 县、乡镇、行政村 或 村民小组")
    with writing(db, "areas.add") as work:
        session = work.session
        parent_row = find_area(session, parent, PARENT_LEVEL[key]) if parent else None
        check_new_area(session, key, code.strip(), name, parent_row)
        area = Area(code=code.strip(), name=name.strip(), level=key, parent_id=parent_row.id if parent_row else None)
        session.add(area)
        session.flush()
        return _ref(area)


def rename_area(db: Database, area: str, name: str) -> AreaRef:
    """Give an area (code, id or unique name) a new name; a twin under the same parent is refused."""
    if not name.strip():
        raise area_error("area_name", "请填写新名称")
    with writing(db, "areas.rename") as work:
        row = find_area(work.session, area)
        _no_twin(work.session, row.level, name, row.parent_id, row.id)
        row.name = name.strip()
        work.session.add(row)
        work.session.flush()
        return _ref(row)


@dataclass(frozen=True)
class MoveResult:
    group: AreaRef
    households: int  # households that moved with the group


def move_group(db: Database, group: str, village: str) -> MoveResult:
    """Put a village group (and its households) under another village; the group gets a code of that village
    (the same 3-digit number when it is free). Household numbers stay as they are (they are the households'
    keys for rosters and other laptops)."""
    with writing(db, "areas.move") as work:
        session = work.session
        row = find_area(session, group, "group")
        target = find_area(session, village, "village")
        if row.parent_id == target.id:
            raise area_error("area_same_place", f"“{row.name}”已在{target.name}")
        _no_twin(session, "group", row.name, target.id, row.id)
        taken = set(session.scalars(select(col(Area.code)).where(col(Area.code).startswith(target.code))))
        code = target.code + row.code[-3:]
        number = 901
        while code in taken:
            code, number = f"{target.code}{number:03d}", number + 1
        row.parent_id, row.code = target.id, code
        session.add(row)
        homes = session.scalars(select(Household).where(col(Household.group_id) == row.id, live(Household))).all()
        for home in homes:
            home.village_id = target.id
            session.add(home)
        session.flush()
        return MoveResult(_ref(row), len(homes))


def households_in(db: Database, area_id: str) -> int:
    """Living households in a village or a village group (what a merge or a move would carry)."""
    with reading(db) as session:
        where = or_(col(Household.group_id) == area_id, col(Household.village_id) == area_id)
        return int(session.scalar(select(func.count()).select_from(Household).where(where, live(Household))) or 0)


@dataclass(frozen=True)
class MergeResult:
    kept: AreaRef
    removed: list[AreaRef]
    households: int  # households moved into the kept group


def merge_groups(db: Database, keep: str, duplicates: list[str]) -> MergeResult:
    """Merge duplicate village groups of one village into ``keep``: their households move to it, then each
    duplicate is deleted (a tombstone, carried to other laptops by the merge)."""
    if not duplicates:
        raise area_error("area_merge_none", "请选择要并入的重复小组")
    with writing(db, "areas.merge") as work:
        session = work.session
        kept = find_area(session, keep, "group")
        removed: list[AreaRef] = []
        moved = 0
        for key in dict.fromkeys(duplicates):
            dup = find_area(session, key, "group")
            if dup.id == kept.id:
                raise area_error("area_merge_self", f"“{kept.name}”不能并入它自己")
            if dup.parent_id != kept.parent_id:
                raise area_error(
                    "area_merge_village", f"“{dup.name}”与“{kept.name}”不在同一行政村；请先把小组移到该村再合并"
                )
            homes = session.scalars(select(Household).where(col(Household.group_id) == dup.id, live(Household))).all()
            for home in homes:
                home.group_id = kept.id
                session.add(home)
            moved += len(homes)
            dup.deleted = True
            session.add(dup)
            removed.append(_ref(dup))
        session.flush()
        return MergeResult(_ref(kept), removed, moved)
