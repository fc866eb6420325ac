"""The change log of one household, worded for people: who changed what, when, old → new.

Codes are shown with their code-list labels, money in yuan, yes/no as words, and resident IDs and bank
accounts masked, because the history is shown on screen and printed with the card.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from desktop_app import catalog
from desktop_app.domain import idnumber
from desktop_app.domain.money import format_yuan
from desktop_app.storage.models import Area, Cadre, ChangeLog, Measure, Member

ENTITY_LABELS: Mapping[str, tuple[str, str]] = {
    "household": ("户卡", "card"),
    "member": ("成员", "member"),
    "measure": ("帮扶措施", "measure"),
    "procedure_event": ("识别程序", "procedure"),
    "batch_household": ("名单", "list"),
    "objection": ("异议", "objection"),
    "attachment": ("附件", "attachment"),
}
ACTION_LABELS: Mapping[str, tuple[str, str]] = {
    "create": ("新建", "created"),
    "update": ("修改", "changed"),
    "delete": ("删除", "removed"),
    "resolve": ("处理冲突", "conflict resolved"),
    # household actions (services/household_actions.py): one row with the reason beside the field changes
    "remove": ("删除户卡", "card removed"),
    "move": ("迁移", "moved"),
    "split": ("分户", "split"),
    "merge": ("合户", "merged"),
}
FIELD_LABELS: Mapping[str, tuple[str, str]] = {
    "village_id": ("行政村", "village"),
    "group_id": ("村民小组", "village group"),
    "number": ("户编号", "household number"),
    "head_name": ("户主姓名", "head"),
    "address": ("住址", "address"),
    "phone": ("联系电话", "phone"),
    "bank_name": ("开户银行", "bank"),
    "bank_account": ("银行账号", "bank account"),
    "attribute": ("贫困户属性", "household attribute"),
    "standard": ("识别标准", "standard"),
    "identification_year": ("识别年度", "identification year"),
    "stage": ("识别程序阶段", "procedure stage"),
    "status": ("脱贫状态", "poverty status"),
    "exit_year": ("脱贫年度", "exit year"),
    "main_cause": ("主要致贫原因", "main poverty cause"),
    "other_causes": ("其他致贫原因", "other poverty causes"),
    "size": ("家庭人口数", "household size"),
    "arable_land_mu": ("耕地面积（亩）", "arable land (mu)"),
    "forest_land_mu": ("林地面积（亩）", "forest land (mu)"),
    "grassland_mu": ("草地面积（亩）", "grassland (mu)"),
    "housing_area_m2": ("住房面积（平方米）", "housing area (m²)"),
    "housing_grade": ("住房安全等级", "housing safety grade"),
    "safe_water": ("饮水安全", "safe drinking water"),
    "electricity": ("通生活用电", "electricity"),
    "road_distance_km": ("距硬化路距离（公里）", "distance to a hardened road (km)"),
    "road_type": ("入户路类型", "road type"),
    "livestock": ("牲畜", "livestock"),
    "income_year": ("收入年度", "income year"),
    "income_wage_fen": ("工资性收入", "wage income"),
    "income_business_fen": ("生产经营性收入", "production and business income"),
    "income_property_fen": ("财产性收入", "property income"),
    "income_transfer_fen": ("转移性收入", "transfer income"),
    "production_costs_fen": ("生产经营性支出", "production costs"),
    "per_capita_income_fen": ("人均纯收入", "per-capita net income"),
    "medical_expense_fen": ("医疗支出", "medical expense"),
    "disaster_loss_fen": ("灾害损失", "disaster loss"),
    "food_ok": ("不愁吃", "no worry about food"),
    "clothing_ok": ("不愁穿", "no worry about clothing"),
    "education_ok": ("义务教育有保障", "compulsory education guaranteed"),
    "medical_ok": ("基本医疗有保障", "basic medical care guaranteed"),
    "housing_ok": ("住房安全有保障", "safe housing guaranteed"),
    "guarantee_notes": ("两不愁三保障说明", "guarantee notes"),
    "checklist_answers": ("核查清单", "checklist answers"),
    "cadre_id": ("帮扶责任人", "pairing cadre"),
    "note": ("备注", "note"),
    "conflict": ("合并冲突", "merge conflict"),
    "deleted": ("删除", "removed"),
    "name": ("姓名", "name"),
    "id_number": ("身份证号码", "ID number"),
    "relation": ("与户主关系", "relation to head"),
    "sex": ("性别", "sex"),
    "birth_date": ("出生日期", "birth date"),
    "ethnicity": ("民族", "ethnicity"),
    "education": ("文化程度", "education"),
    "school_status": ("在校生状况", "school status"),
    "health": ("健康状况", "health"),
    "disability_grade": ("残疾等级", "disability grade"),
    "labour": ("劳动技能", "labour ability"),
    "work_status": ("务工状况", "work status"),
    "months_away": ("务工时间（月）", "months working away"),
    "medical_insurance": ("参加城乡居民基本医疗保险", "medical insurance"),
    "serious_illness_insurance": ("参加大病保险", "serious-illness insurance"),
    "pension_insurance": ("参加城乡居民基本养老保险", "pension insurance"),
    "subsistence_allowance": ("享受低保", "subsistence allowance"),
    "is_public_official": ("公职人员", "public official"),
    "sort_order": ("排列顺序", "order"),
    "active": ("在册", "on the card"),
    "joined_on": ("迁入日期", "joined on"),
    "left_on": ("迁出日期", "left on"),
    "left_reason": ("迁出原因", "reason for leaving"),
    "year": ("年度", "year"),
    "type": ("措施类型", "measure type"),
    "content": ("内容", "content"),
    "amount_fen": ("金额", "amount"),
    "funds_source": ("资金来源", "funds source"),
    "start_date": ("开始日期", "start date"),
    "end_date": ("结束日期", "end date"),
    "result": ("成效", "result"),
    "delivered": ("已落实", "delivered"),
}
# Fields whose stored value is a code of a code list.
CODE_FIELDS: Mapping[tuple[str, str], str] = {
    ("household", "attribute"): "attribute",
    ("household", "standard"): "standard",
    ("household", "stage"): "stage",
    ("household", "status"): "poverty_status",
    ("household", "main_cause"): "cause",
    ("household", "other_causes"): "cause",
    ("household", "housing_grade"): "housing_grade",
    ("household", "road_type"): "road_type",
    ("member", "relation"): "relation",
    ("member", "sex"): "sex",
    ("member", "ethnicity"): "ethnicity",
    ("member", "education"): "education",
    ("member", "school_status"): "school_status",
    ("member", "health"): "health",
    ("member", "disability_grade"): "disability_grade",
    ("member", "labour"): "labour",
    ("member", "work_status"): "work_status",
    ("measure", "type"): "measure_type",
}
BOOL_FIELDS = {
    "safe_water",
    "electricity",
    "food_ok",
    "clothing_ok",
    "education_ok",
    "medical_ok",
    "housing_ok",
    "medical_insurance",
    "serious_illness_insurance",
    "pension_insurance",
    "subsistence_allowance",
    "is_public_official",
    "active",
    "delivered",
    "deleted",
    "conflict",
}
MASKED_FIELDS = {"id_number", "bank_account"}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    operator: str
    action: str  # create, update, delete
    entity: str
    record_label: str  # the member's name, the measure's type…
    field: str
    field_label_zh: str
    field_label_en: str
    old_zh: str
    new_zh: str
    old_en: str
    new_en: str

    def describe(self, lang: str = "zh") -> str:
        """One line: 成员 张三 · 民族：汉族 → 白族."""
        entity = _pair(ENTITY_LABELS, self.entity)[1 if lang == "en" else 0]
        who = f"{entity} {self.record_label}".strip()
        if self.action == "create" or not self.field:
            act = _pair(ACTION_LABELS, self.action)[1 if lang == "en" else 0]
            return f"{act} {who}"
        if self.field == "reason":  # 迁移：家中建了新房（由第1村民小组迁至第2村民小组）
            act = _pair(ACTION_LABELS, self.action)[1 if lang == "en" else 0]
            return f"{act}：{self.new_en if lang == 'en' else self.new_zh}"
        label = self.field_label_en if lang == "en" else self.field_label_zh
        old, new = (self.old_en, self.new_en) if lang == "en" else (self.old_zh, self.new_zh)
        return f"{who} · {label}：{old or '—'} → {new or '—'}"


def _pair(table: Mapping[str, tuple[str, str]], key: str) -> tuple[str, str]:
    return table.get(key, (key, key))


def shown_value(entity: str, field: str, value: str | None, lang: str = "zh") -> str:
    """A change-log value as a person reads it."""
    if value is None or value == "":
        return ""
    if field in MASKED_FIELDS:
        return idnumber.mask(value) if field == "id_number" else "*" * max(0, len(value) - 4) + value[-4:]
    list_id = CODE_FIELDS.get((entity, field))
    if list_id:
        code_list = catalog.codelists()[list_id]
        return "、".join(code_list.label(code, lang) or code for code in value.split(","))
    if field in BOOL_FIELDS:
        return catalog.codelists()["yes_no"].label("1" if value == "1" else "0", lang)
    if field.endswith("_fen"):
        try:
            return format_yuan(int(value))
        except ValueError:
            return value
    return value


_REF_FIELDS = {"cadre_id", "village_id", "group_id"}


def _ref_names(session: Session, ids: set[str]) -> dict[str, str]:
    """Names of the cadres and areas a card points at, so the history shows names, not ids."""
    if not ids:
        return {}
    found = dict(session.execute(select(Cadre.id, Cadre.name).where(Cadre.id.in_(ids))).all())  # type: ignore[attr-defined]
    found.update(session.execute(select(Area.id, Area.name).where(Area.id.in_(ids))).all())  # type: ignore[attr-defined]
    return found


def household_history(session: Session, household_id: str, *, limit: int = 2000) -> list[HistoryEntry]:
    """Newest first."""
    rows = (
        session.execute(
            select(ChangeLog)
            .where(ChangeLog.household_id == household_id)
            .order_by(ChangeLog.at.desc(), ChangeLog.entity, ChangeLog.field)  # type: ignore[attr-defined]
            .limit(limit)
        )
        .scalars()
        .all()
    )
    member_ids = {r.entity_id for r in rows if r.entity == "member"}
    measure_ids = {r.entity_id for r in rows if r.entity == "measure"}
    names = (
        dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(member_ids))).all())
        if member_ids
        else {}
    )  # type: ignore[attr-defined]
    measure_types = (
        dict(session.execute(select(Measure.id, Measure.type).where(Measure.id.in_(measure_ids))).all())  # type: ignore[attr-defined]
        if measure_ids
        else {}
    )
    types = catalog.codelists()["measure_type"]
    refs = {v for r in rows if r.field in _REF_FIELDS for v in (r.old_value, r.new_value) if v}
    ref_names = _ref_names(session, refs)
    entries = []
    for r in rows:
        if r.field == "sort_order":
            continue
        record = names.get(r.entity_id, "") if r.entity == "member" else ""
        if r.entity == "measure":
            record = types.label(measure_types.get(r.entity_id), "zh")
        label_zh, label_en = _pair(FIELD_LABELS, r.field) if r.field else ("", "")
        if r.field == "reason":
            act_zh, act_en = _pair(ACTION_LABELS, r.action)
            label_zh, label_en = f"{act_zh}原因", f"reason ({act_en})"
        entries.append(
            HistoryEntry(
                at=r.at,
                operator=r.operator,
                action=r.action,
                entity=r.entity,
                record_label=record,
                field=r.field,
                field_label_zh=label_zh,
                field_label_en=label_en,
                old_zh=ref_names.get(r.old_value or "") or shown_value(r.entity, r.field, r.old_value, "zh"),
                new_zh=ref_names.get(r.new_value or "") or shown_value(r.entity, r.field, r.new_value, "zh"),
                old_en=ref_names.get(r.old_value or "") or shown_value(r.entity, r.field, r.old_value, "en"),
                new_en=ref_names.get(r.new_value or "") or shown_value(r.entity, r.field, r.new_value, "en"),
            )
        )
    return entries
