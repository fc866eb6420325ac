"""Setting up the areas a work team covers: county, township, village and its village groups."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain.errors import DomainError
from desktop_app.storage.models import Area

_CODE = re.compile(r"^\d{12}$")


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
    if not _CODE.match(code):
        raise DomainError(
            "area_code",
            f"{level_zh}代码应为 12 位数字（统计用区划代码），现为“{code}”。",
            f"The {level_en} code must be 12 digits (statistical area code), not '{code}'.",
        )
    return AreaInput(code, name)


def _get_or_add(session: Session, value: AreaInput, level: str, parent_id: str | None) -> Area:
    existing = session.scalars(select(Area).where(Area.code == value.code)).first()
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
    if session.scalars(select(Area).where(Area.code == village.code)).first() is not None:
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
