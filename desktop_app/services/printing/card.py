"""The household card's data (扶贫手册): every section of the card, members, plan, measures, follow-up, history.

Split from ``print_data`` (same conventions: labels from the code lists, plain data out, nothing written).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain import eligibility, idnumber
from desktop_app.domain.money import format_yuan
from desktop_app.reports.base import (
    zh_date,  # reports/ ships as desktop_app.reports (setuptools package-dir): mypy cannot map it
)
from desktop_app.reports.model import CardData, Section
from desktop_app.services.households import year_facts
from desktop_app.services.printing.data import (
    active_members,
    code_label,
    group_names,
    outcome_text,
    place_of,
    step_text,
    yes_no,
)
from desktop_app.storage.models import Cadre, Household, Measure, PovertyLine, ProcedureEvent
from desktop_app.storage.models_monitoring import IncomeRecord
from desktop_app.storage.queries import live


def _measure_period(m: Measure) -> str:
    if m.start_date and m.end_date:
        return f"{m.start_date:%Y.%m.%d}–{m.end_date:%Y.%m.%d}"
    return f"{m.start_date or m.end_date or ''}".replace("-", ".")


def _poverty_line(session: Session, year: int | None, region: str, standard: str) -> int | None:
    if year is None:
        return None
    rows = session.execute(
        select(
            col(PovertyLine.year), col(PovertyLine.region_code), col(PovertyLine.standard), col(PovertyLine.amount_fen)
        ).where(live(PovertyLine))
    ).all()
    lines = [eligibility.PovertyLine(year=r[0], region_code=r[1] or "", standard=r[2], amount_fen=r[3]) for r in rows]
    found = eligibility.find_line(lines, year=year, region_code=region, standard=standard)
    return found.amount_fen if found else None


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{format_yuan(fen)} 元"


def _mu(value: Any, unit: str) -> str:
    return "" if value is None else f"{value} {unit}"


def _followup_years(session: Session, h: Household, per_capita: int | None) -> list[tuple[int, int | None]]:
    """Every year with an income record (its own per-capita figure), and the card's income year."""
    years = dict(
        session.execute(
            select(col(IncomeRecord.year), col(IncomeRecord.per_capita_fen)).where(
                col(IncomeRecord.household_id) == h.id, live(IncomeRecord)
            )
        ).all()
    )
    if h.income_year:
        years[h.income_year] = per_capita
    return sorted(years.items())


def _verified_income(exit_events: list[ProcedureEvent]) -> list[tuple[str, str]]:
    """The per-capita income the exit verification judged, with the year and the members it counted."""
    verified = [e for e in exit_events if e.step == "exit_verification" and e.outcome == "verified"]
    if not verified:
        return []
    data = verified[-1].data or {}
    if data.get("per_capita_fen") is None:
        return []
    size = f"，{data['size']} 人" if data.get("size") else ""
    return [("核验人均纯收入", f"{_yuan(data['per_capita_fen'])}（{data.get('income_year') or '—'} 年度{size}）")]


def card_data(session: Session, household: Household, *, today: date | None = None, mask_ids: bool = False) -> CardData:
    """The household card's content; ``mask_ids`` masks the members' IDs (a role without ``id.view_full``)."""
    today = today or date.today()
    place = place_of(session, household.village_id)
    groups = group_names(session, household.village_id)
    cadre = session.get(Cadre, household.cadre_id) if household.cadre_id else None
    h = household
    year = year_facts(session, h.id, h.income_year)  # the record of the income year: its members, not today's
    per_capita = year.per_capita_fen if year is not None else h.per_capita_income_fen
    account = f"****{h.bank_account[-4:]}" if len(h.bank_account) > 4 else h.bank_account
    basics = Section(
        "一、家庭基本情况",
        [
            ("县（市、区）", place.county),
            ("乡（镇）", place.township),
            ("行政村", place.village),
            ("村民小组", groups.get(h.group_id or "", "")),
            ("户编号", h.number),
            ("户主姓名", h.head_name),
            ("家庭住址", h.address),
            ("联系电话", h.phone),
            ("开户银行", h.bank_name),
            ("银行账号", account),
            ("贫困户属性", code_label("attribute", h.attribute)),
            ("识别标准", code_label("standard", h.standard)),
            ("识别年度", str(h.identification_year or "")),
            ("识别环节", code_label("stage", h.stage)),
            ("脱贫状态", code_label("poverty_status", h.status)),
            ("家庭人口", f"{h.size} 人"),
        ],
    )
    living = Section(
        "三、生产生活条件",
        [
            ("耕地面积", _mu(h.arable_land_mu, "亩")),
            ("林地面积", _mu(h.forest_land_mu, "亩")),
            ("草地面积", _mu(h.grassland_mu, "亩")),
            ("住房面积", _mu(h.housing_area_m2, "平方米")),
            ("住房安全等级", code_label("housing_grade", h.housing_grade)),
            ("饮水安全", yes_no(h.safe_water)),
            ("通生活用电", yes_no(h.electricity)),
            ("距硬化路", _mu(h.road_distance_km, "公里")),
            ("入户路类型", code_label("road_type", h.road_type)),
            ("养殖情况", h.livestock),
        ],
    )
    income = Section(
        f"四、家庭收入情况（{h.income_year or '—'} 年度）",
        [
            ("工资性收入", _yuan(h.income_wage_fen)),
            ("生产经营性收入", _yuan(h.income_business_fen)),
            ("财产性收入", _yuan(h.income_property_fen)),
            ("转移性收入", _yuan(h.income_transfer_fen)),
            ("生产经营支出", _yuan(h.production_costs_fen)),
            ("家庭人口（该年度）", f"{year.size} 人" if year is not None else f"{h.size} 人"),
            ("人均纯收入", _yuan(per_capita)),
            ("医疗支出", _yuan(h.medical_expense_fen)),
            ("灾害损失", _yuan(h.disaster_loss_fen)),
            ("不愁吃", yes_no(h.food_ok)),
            ("不愁穿", yes_no(h.clothing_ok)),
            ("义务教育有保障", yes_no(h.education_ok)),
            ("基本医疗有保障", yes_no(h.medical_ok)),
            ("住房安全有保障", yes_no(h.housing_ok)),
        ],
    )
    others = "、".join(code_label("cause", c.strip()) for c in h.other_causes.split(",") if c.strip())
    causes = Section("五、致贫原因", [("主要致贫原因", code_label("cause", h.main_cause)), ("其他致贫原因", others)])
    pairing = Section(
        "六、帮扶责任人",
        [
            ("姓名", cadre.name if cadre else ""),
            ("工作单位", cadre.unit if cadre else ""),
            ("职务", cadre.title if cadre else ""),
            ("联系电话", cadre.phone if cadre else ""),
        ],
    )
    member_rows = []
    for index, m in enumerate(active_members(session, [h.id]).get(h.id, []), start=1):
        work = code_label("work_status", m.work_status)
        if m.months_away:
            work += f"（{m.months_away}个月）"
        health = code_label("health", m.health)
        if m.disability_grade:
            health += f"（{code_label('disability_grade', m.disability_grade)}）"
        insured = [
            word
            for word, flag in (
                ("医保", m.medical_insurance),
                ("大病险", m.serious_illness_insurance),
                ("养老", m.pension_insurance),
                ("低保", m.subsistence_allowance),
            )
            if flag
        ]
        member_rows.append(
            [
                str(index),
                m.name,
                code_label("relation", m.relation),
                code_label("sex", m.sex),
                idnumber.mask(m.id_number) if mask_ids and m.id_number else m.id_number or "",
                code_label("ethnicity", m.ethnicity),
                code_label("education", m.education),
                code_label("school_status", m.school_status),
                health,
                code_label("labour", m.labour),
                work,
                "、".join(insured),
            ]
        )
    measures = list(
        session.execute(
            select(Measure)
            .where(col(Measure.household_id) == h.id, live(Measure))
            .order_by(col(Measure.year), col(Measure.start_date), col(Measure.type))
        ).scalars()
    )
    plan = [
        [
            str(m.year),
            code_label("measure_type", m.type),
            m.content,
            _yuan(m.amount_fen) if m.amount_fen else "",
            m.funds_source,
            _measure_period(m),
        ]
        for m in measures
    ]
    delivered = [
        [
            f"{(m.end_date or m.start_date or '')}".replace("-", "."),
            code_label("measure_type", m.type),
            m.content,
            _yuan(m.amount_fen) if m.amount_fen else "",
            m.result,
        ]
        for m in measures
        if m.delivered
    ]
    followup = []
    for y, pc in _followup_years(session, h, per_capita):
        line = _poverty_line(session, y, place.village_code[:6], h.standard)
        above = "" if line is None or pc is None else yes_no(pc > line)
        followup.append([str(y), _yuan(pc), _yuan(line), above])
    events = list(
        session.execute(
            select(ProcedureEvent)
            .where(col(ProcedureEvent.household_id) == h.id, live(ProcedureEvent))
            .order_by(col(ProcedureEvent.on_date), col(ProcedureEvent.created_at))
        ).scalars()
    )
    history = [[f"{e.on_date:%Y.%m.%d}", step_text(e.step), outcome_text(e.outcome), e.actor] for e in events]
    exit_events = [e for e in events if e.step.startswith("exit")]
    exit_record = [("脱贫状态", code_label("poverty_status", h.status)), ("脱贫年度", str(h.exit_year or ""))]
    exit_record += [(step_text(e.step), f"{zh_date(e.on_date)} {outcome_text(e.outcome)}") for e in exit_events]
    exit_record += _verified_income(exit_events)
    return CardData(
        place=place,
        number=h.number,
        head_name=h.head_name,
        sections=[basics, living, income, causes, pairing],
        member_columns=[
            "序号",
            "姓名",
            "与户主关系",
            "性别",
            "身份证号码",
            "民族",
            "文化程度",
            "在校生状况",
            "健康状况",
            "劳动技能",
            "务工状况",
            "参保及低保",
        ],
        members=member_rows,
        plan=plan,
        delivered=delivered,
        income_followup=followup,
        exit_record=exit_record,
        history=history,
        cadre_name=cadre.name if cadre else "",
        printed_on=today,
    )
