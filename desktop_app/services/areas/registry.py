"""Setting up the areas a work team covers (county, township, village and its groups); an area by its code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.errors import DomainError
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area
from desktop_app.storage.queries import live

_CODE = re.compile(r"[0-9]{12}")  # ASCII digits only (``\d`` would take full-width and other digits)
_GROUP_CODE = re.compile(r"[0-9]{15}")  # a village group: the village's 12 digits and a 3-digit number
_LEVEL_KEYS = {"county": "county", "县": "county", "township": "township", "乡镇": "township"}
_LEVEL_KEYS |= {"village": "village", "行政村": "village", "group": "group", "村民小组": "group"}
_LEVEL_ZH = {"county": "县", "township": "乡镇", "village": "行政村", "group": "村民小组"}


def area_code_problem(code: object, level: object) -> str | None:
    """Why ``code`` is not a statistical area code of ``level`` (a key or its Chinese label), None when it is.

    County, township and village codes are 12 digits; a village group adds 3 digits to its village's code.
    A file's area sheet goes through this before any new area is added, so "+1+1" or "５３２…" never becomes
    an area code.
    """
    key = _LEVEL_KEYS.get(str(level or "").strip())
    if key is None:
        return "级别应为 县、乡镇、行政村 或 村民小组"
    text = str(code or "").strip()
    if key == "group":
        if not _GROUP_CODE.fullmatch(text):
            return "村民小组代码应为 15 位数字（所属行政村的 12 位代码加 3 位组号）"
    elif not _CODE.fullmatch(text):
        return f"{_LEVEL_ZH[key]}代码应为 12 位数字（统计用区划代码），只能包含数字 0–9"
    return None


@dataclass(frozen=True)
class AreaInput:
    code: str
    name: str


def _check(level_zh: str, level_en: str, value: AreaInput) -> AreaInput:
    code = value.code.strip()
    name = value.name.strip()
    if not name:
        raise DomainError("area_name", f"请填写{level_zh}名称。", f"Enter the {level_en} name.")
    if not code:
        raise DomainError("area_code", f"请填写{level_zh}代码（12 位统计用区划代码）。", f"Enter the {level_en} code.")
    if not _CODE.fullmatch(code):
        raise DomainError(
            "area_code",
            f"{level_zh}代码应为 12 位数字（统计用区划代码），现为“{code}”。",
            f"The {level_en} code must be 12 digits (statistical area code), not '{code}'.",
        )
    return AreaInput(code, name)


def _get_or_add(session: Session, value: AreaInput, level: str, parent_id: str | None) -> Area:
    existing = session.scalars(select(Area).where(col(Area.code) == value.code)).first()
    if existing is not None:
        if existing.level != level or existing.parent_id != parent_id:
            raise DomainError(
                "area_exists",
                f"代码 {value.code} 已用于“{existing.name}”，不能再用于“{value.name}”。",
                f"Code {value.code} is already used by '{existing.name}'.",
            )
        return existing
    area = Area(code=value.code, name=value.name, level=level, parent_id=parent_id)
    session.add(area)
    session.flush()
    return area


def set_up_work_area(
    session: Session, *, county: AreaInput, township: AreaInput, village: AreaInput, groups: int = 0
) -> str:
    """Create (or reuse) the county and township and create the village with ``groups`` village groups.

    Codes follow the statistical area codes: the township code starts with the county's first 6 digits and
    the village code with the township's first 9. Returns the village id.
    """
    county = _check("县", "county", county)
    township = _check("乡镇", "township", township)
    village = _check("行政村", "village", village)
    if not township.code.startswith(county.code[:6]):
        raise DomainError(
            "area_code_prefix",
            f"乡镇代码 {township.code} 应以县代码的前 6 位 {county.code[:6]} 开头。",
            f"The township code must start with {county.code[:6]}.",
        )
    if not village.code.startswith(township.code[:9]):
        raise DomainError(
            "area_code_prefix",
            f"行政村代码 {village.code} 应以乡镇代码的前 9 位 {township.code[:9]} 开头。",
            f"The village code must start with {township.code[:9]}.",
        )
    if not 0 <= groups <= 99:
        raise DomainError("area_groups", "村民小组数应在 0 到 99 之间。", "Village groups: 0 to 99.")
    county_row = _get_or_add(session, county, "county", None)
    township_row = _get_or_add(session, township, "township", county_row.id)
    if session.scalars(select(Area).where(col(Area.code) == village.code)).first() is not None:
        raise DomainError("area_exists", f"行政村代码 {village.code} 已存在。", f"Village {village.code} exists.")
    village_row = _get_or_add(session, village, "village", township_row.id)
    for number in range(1, groups + 1):
        session.add(
            Area(
                code=f"{village.code}{number:03d}", name=f"第{number}村民小组", level="group", parent_id=village_row.id
            )
        )
    session.flush()
    return village_row.id


# --- use cases ----------------------------------------------------------------------------------------------


def set_up_areas(db: Database, *, county: AreaInput, township: AreaInput, village: AreaInput, groups: int = 0) -> str:
    """First start: the county, township and village (with ``groups`` village groups) in one unit of work;
    returns the village id. A bad code or name raises :class:`DomainError` and writes nothing."""
    with writing(db, "areas.set_up") as work:
        return set_up_work_area(work.session, county=county, township=township, village=village, groups=groups)


@dataclass(frozen=True)
class AreaRef:
    id: str
    code: str
    name: str
    level: str
    parent_id: str | None

    @property
    def village_and_group(self) -> tuple[str | None, str | None]:
        """(village id, group id) of a village or a village group; a household lives in one of these."""
        if self.level == "group":
            return self.parent_id, self.id
        return self.id, None


def area_by_code(db: Database, code: str) -> AreaRef | None:
    """The living area with this statistical code (None when there is none)."""
    with reading(db) as session:
        row = session.scalars(select(Area).where(col(Area.code) == code.strip(), live(Area)).limit(1)).first()
        return None if row is None else AreaRef(row.id, row.code, row.name, row.level, row.parent_id)
