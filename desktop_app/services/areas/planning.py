"""The areas a file needs that the database lacks: found, planned with their codes, listed in one message, and
created (only when the person agreed) in the caller's transaction.

A file (a county roster, a national-system sheet) names its places by township, village and village group,
sometimes with codes. :func:`plan_areas` resolves each :class:`AreaNeed` against the living areas — a village
by its code, else by its name (within the township when one is given); a group by its number however it is
written (:mod:`desktop_app.domain.group_names`) — and plans what is missing: codes from the file when it has
them (a township's and a county's follow from a village's code), else generated from the parent's code and
marked ``code_provisional`` for the county to correct. It reads only; :func:`apply_area_plan` writes the
planned areas through the ORM (change log, versions and the merge to other laptops as for any area).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from desktop_app import catalog
from desktop_app.domain import group_names
from desktop_app.storage.models import Area
from desktop_app.storage.queries import table_of
from desktop_app.storage.types import new_uuid

_CODE = re.compile(r"[0-9]{12}")
_GROUP_CODE = re.compile(r"[0-9]{15}")
LEVEL_ZH = {"county": "县", "township": "乡镇", "village": "行政村", "group": "村民小组"}
UNNAMED_COUNTY = "本县"
MAX_NAMES = 40  # names listed in the message; the rest are counted


@dataclass(frozen=True)
class AreaNeed:
    """A place as a file writes it: names (township and county may be blank) and the codes it gives, if any.

    ``village_code`` may be a group's 15-digit code (行政区划代码 of a person's group): its first 12 digits are
    the village's.
    """

    village: str
    group: str = ""
    township: str = ""
    county: str = ""
    village_code: str = ""
    group_code: str = ""
    township_code: str = ""
    county_code: str = ""


@dataclass(frozen=True)
class PlannedArea:
    id: str
    level: str
    code: str
    name: str
    parent_id: str | None
    provisional: bool


@dataclass(frozen=True)
class Place:
    """Where a need resolved to: existing or planned ids."""

    village_id: str
    village_code: str
    group_id: str | None = None


@dataclass
class AreaPlan:
    """What :func:`plan_areas` found: each need's place, the areas to create (parents first), and the needs it
    cannot resolve with the reason (a village name used twice, a bad code, no township to put a village in)."""

    places: dict[AreaNeed, Place] = field(default_factory=dict)
    to_create: list[PlannedArea] = field(default_factory=list)
    problems: dict[AreaNeed, str] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)  # id -> name (existing and planned), for the message

    @property
    def empty(self) -> bool:
        return not self.to_create

    def count(self, level: str) -> int:
        return sum(1 for a in self.to_create if a.level == level)

    def provisional(self) -> int:
        return sum(1 for a in self.to_create if a.provisional)

    def message(self) -> str:
        """将新建 1 个乡镇、3 个行政村、12 个村民小组：… (empty when nothing is to be created)."""
        if not self.to_create:
            return ""
        counts = "、".join(f"{self.count(level)} 个{zh}" for level, zh in LEVEL_ZH.items() if self.count(level))
        parts, shown = [], 0
        for level, zh in LEVEL_ZH.items():
            names = [self._shown(a) for a in self.to_create if a.level == level]
            if names:
                room = max(MAX_NAMES - shown, 3)
                more = f" 等 {len(names)} 个" if len(names) > room else ""
                parts.append(f"{zh} " + "、".join(names[:room]) + more)
                shown += min(room, len(names))
        listed = "；".join(parts)
        text = f"将新建 {counts}：{listed}"
        if self.provisional():
            text += f"。其中 {self.provisional()} 个代码由程序生成（文件中没有代码），已标记待县里更正"
        return text

    def _shown(self, area: PlannedArea) -> str:
        parent = self._names.get(area.parent_id or "", "")
        if area.level in ("village", "group") and parent:
            return f"{parent}{area.name}"
        return area.name


@dataclass
class _Known:
    id: str
    code: str
    name: str
    level: str
    parent_id: str | None


class _Planner:
    def __init__(self, session: Session, aliases: dict[str, str], suffixes: tuple[str, ...]) -> None:
        a = table_of(Area).c
        rows = session.execute(select(a.id, a.code, a.name, a.level, a.parent_id, a.deleted)).all()
        self.taken = {r.code for r in rows}  # tombstones keep their codes (the column is unique)
        self.areas = {r.id: _Known(r.id, r.code, r.name, r.level, r.parent_id) for r in rows if not r.deleted}
        self.by_code = {k.code: k for k in self.areas.values()}
        self.by_name: dict[tuple[str, str], list[_Known]] = {}
        self.by_level: dict[str, list[_Known]] = {}
        for k in self.areas.values():
            self._index(k)
        self.aliases, self.suffixes = aliases, suffixes
        self.plan = AreaPlan()
        self.plan._names = {k.id: k.name for k in self.areas.values()}
        self.group_keys: dict[tuple[str, str], str] = {}
        self.provisional_ids: set[str] = set()
        for k in self.areas.values():
            if k.level == "group" and k.parent_id:
                self.group_keys.setdefault((k.parent_id, self.key(k.name)), k.id)

    def key(self, name: str) -> str:
        return group_names.group_key(name, self.aliases, self.suffixes)

    def _index(self, known: _Known) -> None:
        self.by_name.setdefault((known.level, group_names.clean(known.name)), []).append(known)
        self.by_level.setdefault(known.level, []).append(known)

    def of_level(self, level: str) -> list[_Known]:
        return self.by_level.get(level, [])

    def named(self, level: str, name: str) -> list[_Known]:
        return list(self.by_name.get((level, group_names.clean(name)), []))

    def parent_name(self, known: _Known) -> str:
        parent = self.areas.get(known.parent_id or "")
        return group_names.clean(parent.name) if parent is not None else ""

    def add(self, level: str, code: str, name: str, parent_id: str | None, provisional: bool) -> _Known:
        known = _Known(new_uuid(), code, name, level, parent_id)
        self.areas[known.id] = known
        self.by_code[code] = known
        self._index(known)
        self.taken.add(code)
        self.plan._names[known.id] = name
        self.plan.to_create.append(PlannedArea(known.id, level, code, name, parent_id, provisional))
        if provisional:
            self.provisional_ids.add(known.id)
        return known

    def free(self, prefix: str, width: int, tail: str, first: int = 901) -> str:
        for n in itertools.chain(range(first, 10**width), range(1, first)):
            code = f"{prefix}{n:0{width}d}{tail}"
            if code not in self.taken:
                return code
        raise _Unresolved(f"“{prefix}”下已没有可用的代码")

    # --- county → township → village → group ------------------------------------------------------------

    def county(self, need: AreaNeed, hint: str) -> _Known:
        code = need.county_code or (hint[:6] + "000000" if hint else "")
        if code and code in self.by_code:
            return self._level(self.by_code[code], "county")
        if need.county:
            found = self.named("county", need.county)
            if len(found) > 1:
                raise _Unresolved(f"县“{need.county}”重名，请在文件中填写县代码")
            if found:
                return found[0]
        else:
            counties = self.of_level("county")
            if len(counties) == 1:
                return counties[0]
            if len(counties) > 1:
                raise _Unresolved("文件没有填写县，系统中有多个县，无法确定新乡镇所属的县")
        if code:
            self._code_ok(code, "county")
            return self.add("county", code, need.county or UNNAMED_COUNTY, None, False)
        return self.add("county", self.free("99", 4, "000000", 9999), need.county or UNNAMED_COUNTY, None, True)

    def township(self, need: AreaNeed) -> _Known:
        code = need.township_code or (need.village_code[:9] + "000" if need.village_code else "")
        if code and code in self.by_code:
            return self._level(self.by_code[code], "township")
        if not need.township:
            townships = self.of_level("township")
            if len(townships) == 1:
                return townships[0]
            raise _Unresolved(f"文件没有填写乡镇，无法确定新行政村“{need.village}”所属的乡镇")
        found = self.named("township", need.township)
        if need.county:
            found = [t for t in found if self.parent_name(t) == need.county]
        if len(found) > 1:
            raise _Unresolved(f"乡镇“{need.township}”重名，请填写县以区分")
        if found:
            return found[0]
        county = self.county(need, code)
        if code:
            self._code_ok(code, "township")
            if code[:6] != county.code[:6]:
                raise _Unresolved(f"乡镇代码 {code} 应以县代码的前 6 位 {county.code[:6]} 开头")
            return self.add("township", code, need.township, county.id, False)
        return self.add("township", self.free(county.code[:6], 3, "000"), need.township, county.id, True)

    def village(self, need: AreaNeed) -> _Known:
        code = need.village_code
        if code and code in self.by_code:
            return self._level(self.by_code[code], "village")
        found = self.named("village", need.village)
        if need.township:
            found = [v for v in found if self.parent_name(v) == need.township]
        if len(found) > 1:
            raise _Unresolved("行政村重名，请填写乡镇以区分")
        if found:
            return found[0]
        township = self.township(need)
        if code:
            self._code_ok(code, "village")
            if code[:9] != township.code[:9]:
                raise _Unresolved(f"行政村代码 {code} 应以乡镇代码的前 9 位 {township.code[:9]} 开头")
            return self.add("village", code, need.village, township.id, False)
        return self.add("village", self.free(township.code[:9], 3, ""), need.village, township.id, True)

    def group(self, need: AreaNeed, village: _Known) -> str:
        key = self.key(need.group)
        found = self.group_keys.get((village.id, key))
        if found is not None:
            return found
        code = need.group_code
        village_provisional = village.id in self.provisional_ids
        if code:
            if not _GROUP_CODE.fullmatch(code) or code[:12] != village.code:
                raise _Unresolved(f"村民小组代码 {code} 应为 15 位数字，以所属行政村的代码 {village.code} 开头")
            if code in self.taken:
                raise _Unresolved(f"村民小组代码 {code} 已被其他区划使用")
            provisional = False
        else:
            number = group_names.group_number(need.group, self.suffixes) if key.startswith("#") else None
            if number is not None and number < 1000 and f"{village.code}{number:03d}" not in self.taken:
                code, provisional = f"{village.code}{number:03d}", village_provisional
            else:
                code, provisional = self.free(village.code, 3, ""), True
        name = group_names.canonical_group_name(need.group, self.aliases)
        created = self.add("group", code, name, village.id, provisional)
        self.group_keys[(village.id, key)] = created.id
        return created.id

    def _level(self, known: _Known, level: str) -> _Known:
        if known.level != level:
            what = LEVEL_ZH.get(known.level, known.level)
            raise _Unresolved(f"代码 {known.code} 是{what}“{known.name}”，不是{LEVEL_ZH[level]}")
        return known

    def _code_ok(self, code: str, level: str) -> None:
        if not _CODE.fullmatch(code):
            raise _Unresolved(f"{LEVEL_ZH[level]}代码“{code}”应为 12 位数字（统计用区划代码）")
        if code in self.taken:
            raise _Unresolved(f"{LEVEL_ZH[level]}代码 {code} 已被其他区划使用")


class _Unresolved(Exception):
    pass


def _cleaned(need: AreaNeed) -> AreaNeed:
    village_code = group_names.clean(need.village_code)
    group_code = group_names.clean(need.group_code)
    if _GROUP_CODE.fullmatch(village_code):  # a group's code in the 行政区划代码 column
        group_code = group_code or village_code
        village_code = village_code[:12]
    return AreaNeed(
        village=group_names.clean(need.village),
        group=group_names.clean(need.group),
        township=group_names.clean(need.township),
        county=group_names.clean(need.county),
        village_code=village_code,
        group_code=group_code,
        township_code=group_names.clean(need.township_code),
        county_code=group_names.clean(need.county_code),
    )


def plan_areas(session: Session, needs: Iterable[AreaNeed]) -> AreaPlan:
    """Resolve every need against the living areas and plan the missing ones (nothing is written).

    Group names are matched with the county's aliases (``catalog.group_aliases``). Each distinct need gets
    a :class:`Place` in ``places`` or a reason in ``problems``; ``to_create`` lists the new areas parents
    first, with their ids already chosen (a household may point at a planned village before it exists).
    """
    aliases, suffixes = catalog.group_aliases()
    planner = _Planner(session, aliases, suffixes or group_names.DEFAULT_SUFFIXES)
    for need in dict.fromkeys(needs):
        clean = _cleaned(need)
        if not clean.village and not clean.village_code:
            planner.plan.problems[need] = "必填项“行政村”为空"
            continue
        try:
            village = planner.village(clean)
            group_id = planner.group(clean, village) if clean.group else None
        except _Unresolved as exc:
            planner.plan.problems[need] = str(exc)
            continue
        planner.plan.places[need] = Place(village.id, village.code, group_id)
    return planner.plan


def apply_area_plan(session: Session, plan: AreaPlan) -> int:
    """Create the planned areas in the caller's transaction (through the ORM, so the change log and the merge
    see them like any area); returns how many were created. One flush: the ORM inserts one table's new rows
    in the order they were added, and ``to_create`` lists parents first."""
    session.add_all(
        Area(
            id=planned.id,
            code=planned.code,
            name=planned.name,
            level=planned.level,
            parent_id=planned.parent_id,
            code_provisional=planned.provisional,
        )
        for planned in plan.to_create
    )
    session.flush()
    return len(plan.to_create)
