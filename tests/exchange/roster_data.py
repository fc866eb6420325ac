"""County rosters built from a demo database, in every header variant the vocabulary lists."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from desktop_app import catalog
from desktop_app.domain.money import format_yuan
from desktop_app.services import Database
from desktop_app.storage.models import Area, Household, Member

# field -> header, per variant (None: the column is absent in that variant)
VARIANTS: dict[str, dict[str, str | None]] = {
    "standard": {
        "county": "县", "township": "乡镇", "village": "行政村", "group": "村民小组", "number": "户编号",
        "head": "户主姓名", "name": "姓名", "id": "证件号码", "sex": "性别", "relation": "与户主关系",
        "ethnicity": "民族", "education": "文化程度", "school": "在校生状况", "health": "健康状况",
        "labour": "劳动技能", "work": "务工状况", "months": "务工时间（月）", "medical": "是否参加新型农村合作医疗",
        "pension": "是否参加城乡居民基本养老保险", "allowance": "是否享受低保", "attribute": "贫困户属性",
        "cause": "主要致贫原因", "size": "人数", "income": "人均纯收入", "year": "识别年度", "standard": "识别标准",
        "status": "脱贫状态", "phone": "联系电话",
    },
    "older": {
        "county": "县（市、区）", "township": "乡（镇）", "village": "村（社区）", "group": "组", "number": "户号",
        "head": "户主", "name": "成员姓名", "id": "身份证号", "sex": "性 别", "relation": "与户主关系：",
        "ethnicity": "民族", "education": "文化程度", "school": "在校生情况", "health": "健康状况",
        "labour": "劳动能力", "work": "务工情况", "months": "务工时间", "medical": "是否参加城乡居民基本医疗保险",
        "pension": "是否参加城乡居民基本养老保险", "allowance": "是否低保", "attribute": "户属性",
        "cause": "致贫原因", "size": "家庭人口数", "income": "人均纯收入（元）", "year": "建档立卡年度",
        "standard": "识别标准", "status": "贫困状态", "phone": "电话",
    },
    "no_number": {
        "county": "县区", "township": "乡镇（街道）", "village": "村", "group": "自然村", "number": None,
        "head": "户主姓名", "name": "姓名", "id": "公民身份号码", "sex": "性别", "relation": "与户主关系",
        "ethnicity": "民族：", "education": "文化程度", "school": "在校生状况", "health": "健康状况",
        "labour": "劳动技能", "work": "务工状况", "months": "务工时间(月)", "medical": "是否参加新型农村合作医疗",
        "pension": "是否参加城乡居民基本养老保险", "allowance": "是否享受低保", "attribute": "贫困户属性",
        "cause": "主要致贫原因", "size": "家庭人口", "income": "家庭年人均纯收入", "year": "识别年度",
        "standard": "识别标准", "status": "脱贫状态", "phone": "联系电话",
    },
}  # fmt: skip


def roster_people(db: Database, households: int = 3) -> list[dict[str, Any]]:
    """Person rows (field -> value as a county writes it) for the first ``households`` households."""
    lists = catalog.codelists()
    rows: list[dict[str, Any]] = []
    with db.session() as session:
        picked = session.execute(select(Household).order_by(Household.number).limit(households)).scalars().all()
        for h in picked:
            village = session.get(Area, h.village_id)
            township = session.get(Area, village.parent_id)
            county = session.get(Area, township.parent_id)
            group = session.get(Area, h.group_id) if h.group_id else None
            members = session.execute(
                select(Member).where(Member.household_id == h.id, Member.active.is_(True)).order_by(Member.sort_order)
            ).scalars()
            for m in members:
                rows.append(
                    {
                        "county": county.name, "township": township.name, "village": village.name,
                        "group": group.name if group else "", "number": h.number, "head": h.head_name,
                        "name": m.name, "id": m.id_number, "sex": lists["sex"].label(m.sex),
                        "relation": lists["relation"].label(m.relation),
                        "ethnicity": lists["ethnicity"].label(m.ethnicity),
                        "education": lists["education"].label(m.education),
                        "school": lists["school_status"].label(m.school_status),
                        "health": lists["health"].label(m.health), "labour": lists["labour"].label(m.labour),
                        "work": lists["work_status"].label(m.work_status), "months": m.months_away or 0,
                        "medical": "是" if m.medical_insurance else "否",
                        "pension": "是" if m.pension_insurance else "否",
                        "allowance": "是" if m.subsistence_allowance else "否",
                        "attribute": lists["attribute"].label(h.attribute), "cause": lists["cause"].label(h.main_cause),
                        "size": h.size, "income": format_yuan(h.per_capita_income_fen or 0, grouping=False),
                        "year": h.identification_year or "", "standard": lists["standard"].label(h.standard),
                        "status": lists["poverty_status"].label(h.status), "phone": m.phone,
                    }
                )  # fmt: skip
    return rows


def table(rows: list[dict[str, Any]], variant: str) -> list[list[Any]]:
    headers = {k: v for k, v in VARIANTS[variant].items() if v is not None}
    out: list[list[Any]] = [list(headers.values())]
    for row in rows:
        out.append([row[k] for k in headers])
    return out


def write_xlsx(grid: list[list[Any]], path: Path, title: str = "人员明细") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.number_format = "@"
    book.save(path)
    return path


def write_csv(grid: list[list[Any]], path: Path, encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(grid)
    return path
