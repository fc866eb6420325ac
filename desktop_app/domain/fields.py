"""The fields of a household's card, its members and its measures, declared once.

Each declaration names the model attribute, its Chinese and English label, its kind (how a value is typed,
shown, written to a sheet and read back) and, for coded fields, the code list. The card forms, the history,
the change-log labels (``domain.labels``), the exchange workbook's columns and the demo data all read these
lists, so a new field of a measure (a funds source, a loan's term) is one line here plus its migration.

``sheet`` is the column header of the exchange workbook when it differs from the label (the workbook's
headers are a file format: files written by older versions must still be read).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Kinds (the exchange workbook uses the same words for its cells).
TEXT = "text"  # free text, kept exactly
KEYTEXT = "keytext"  # text that identifies something (numbers, phones, names): trimmed
IDNUM = "idnum"  # resident ID number (GB 11643)
CODE = "code"  # one code of a code list
CODES = "codes"  # several codes of a code list
BOOL = "bool"  # yes / no / not known
INT = "int"
MONEY = "money"  # fen in the database, yuan on screen and on paper
DECIMAL = "decimal"  # areas and distances
DATE = "date"
JSON = "json"  # a dict (notes, answers)

_UNSET: Any = object()


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record as every part of the app sees it."""

    name: str
    zh: str
    en: str
    kind: str = TEXT
    codelist: str | None = None
    required: bool = False
    card: bool = True  # edited on the card (False: kept by the procedure or derived from other fields)
    sheet: str | None = None  # the exchange column header, when it is not the label
    width: float = 12  # the exchange column width
    default: Any = _UNSET  # the value of a new record (by kind when not given)

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    @property
    def header(self) -> str:
        """The exchange workbook's column header."""
        return self.sheet or self.zh

    def initial(self) -> Any:
        """The value a new record starts with."""
        if self.default is not _UNSET:
            return self.default
        return {TEXT: "", KEYTEXT: "", MONEY: 0, BOOL: None}.get(self.kind)


F = FieldSpec

# The household card (贫困户登记表), in the order of the card's sections.
HOUSEHOLD_FIELDS: tuple[FieldSpec, ...] = (
    F("village_id", "行政村", "village", KEYTEXT, required=True),
    F("group_id", "村民小组", "village group", KEYTEXT),
    F("number", "户编号", "household number", KEYTEXT, required=True, width=18),
    F("head_name", "户主姓名", "head", KEYTEXT, card=False, width=10),
    F("size", "家庭人口数", "household size", INT, card=False, width=8),
    F("address", "住址", "address", TEXT, sheet="家庭住址", width=20),
    F("phone", "联系电话", "phone", KEYTEXT, width=14),
    F("bank_name", "开户银行", "bank", TEXT, width=16),
    F("bank_account", "银行账号", "bank account", KEYTEXT, width=22),
    F("attribute", "贫困户属性", "household attribute", CODE, "attribute", width=14),
    F("standard", "识别标准", "standard", CODE, "standard", default="1", width=10),
    F("identification_year", "识别年度", "identification year", INT, width=8),
    F("stage", "识别程序阶段", "procedure stage", CODE, "stage", card=False),
    F("status", "脱贫状态", "poverty status", CODE, "poverty_status", card=False, width=8),
    F("exit_year", "脱贫年度", "exit year", INT, card=False, width=8),
    F("main_cause", "主要致贫原因", "main poverty cause", CODE, "cause", width=14),
    F("other_causes", "其他致贫原因", "other poverty causes", CODES, "cause", card=False, width=16),
    F("arable_land_mu", "耕地面积（亩）", "arable land (mu)", DECIMAL, width=10),
    F("forest_land_mu", "林地面积（亩）", "forest land (mu)", DECIMAL, width=10),
    F("grassland_mu", "草地面积（亩）", "grassland (mu)", DECIMAL, width=10),
    F("housing_area_m2", "住房面积（平方米）", "housing area (m²)", DECIMAL, width=10),
    F("housing_grade", "住房安全等级", "housing safety grade", CODE, "housing_grade", width=10),
    F("safe_water", "饮水安全", "safe drinking water", BOOL, width=8),
    F("electricity", "通生活用电", "electricity", BOOL, width=8),
    F("road_distance_km", "距硬化路距离（公里）", "distance to a hardened road (km)", DECIMAL, width=10),
    F("road_type", "入户路类型", "road type", CODE, "road_type", width=10),
    F("livestock", "牲畜", "livestock", TEXT, sheet="养殖情况", width=14),
    F("income_year", "收入年度", "income year", INT, width=8),
    F("income_wage_fen", "工资性收入", "wage income", MONEY, sheet="工资性收入（元）"),
    F("income_business_fen", "生产经营性收入", "production and business income", MONEY, sheet="生产经营性收入（元）"),
    F("income_property_fen", "财产性收入", "property income", MONEY, sheet="财产性收入（元）"),
    F("income_transfer_fen", "转移性收入", "transfer income", MONEY, sheet="转移性收入（元）"),
    F("production_costs_fen", "生产经营性支出", "production costs", MONEY, sheet="生产经营支出（元）"),
    F("per_capita_income_fen", "人均纯收入", "per-capita net income", MONEY, card=False, sheet="人均纯收入（元）"),
    F("medical_expense_fen", "医疗支出", "medical expense", MONEY, sheet="医疗支出（元）"),
    F("disaster_loss_fen", "灾害损失", "disaster loss", MONEY, sheet="灾害损失（元）"),
    F("food_ok", "不愁吃", "no worry about food", BOOL, card=False, width=7),
    F("clothing_ok", "不愁穿", "no worry about clothing", BOOL, card=False, width=7),
    F("education_ok", "义务教育有保障", "compulsory education guaranteed", BOOL, card=False, width=8),
    F("medical_ok", "基本医疗有保障", "basic medical care guaranteed", BOOL, card=False, width=8),
    F("housing_ok", "住房安全有保障", "safe housing guaranteed", BOOL, card=False, width=8),
    F("guarantee_notes", "两不愁三保障说明", "guarantee notes", JSON, card=False, width=20),
    F("checklist_answers", "核查清单", "checklist answers", JSON, card=False, width=20),
    F("cadre_id", "帮扶责任人", "pairing cadre", KEYTEXT, sheet="帮扶责任人编号", width=38),
    F("note", "备注", "note", TEXT, width=20),
    F("conflict", "合并冲突", "merge conflict", BOOL, card=False),
)

MEMBER_FIELDS: tuple[FieldSpec, ...] = (
    F("name", "姓名", "name", KEYTEXT, required=True, width=10),
    F("id_number", "身份证号码", "ID number", IDNUM, card=False, sheet="证件号码", width=21),
    F("relation", "与户主关系", "relation to head", CODE, "relation", width=10),
    F("sex", "性别", "sex", CODE, "sex", width=6),
    F("birth_date", "出生日期", "birth date", DATE, width=11),
    F("ethnicity", "民族", "ethnicity", CODE, "ethnicity", width=10),
    F("education", "文化程度", "education", CODE, "education"),
    F("school_status", "在校生状况", "school status", CODE, "school_status", width=10),
    F("health", "健康状况", "health", CODE, "health", width=10),
    F("disability_grade", "残疾等级", "disability grade", CODE, "disability_grade", width=8),
    F("labour", "劳动技能", "labour ability", CODE, "labour", width=14),
    F("work_status", "务工状况", "work status", CODE, "work_status"),
    F("months_away", "务工时间（月）", "months working away", INT, width=8),
    F(
        "medical_insurance",
        "参加城乡居民基本医疗保险",
        "medical insurance",
        BOOL,
        sheet="是否参加城乡居民基本医疗保险",
        width=10,
    ),
    F(
        "serious_illness_insurance",
        "参加大病保险",
        "serious-illness insurance",
        BOOL,
        sheet="是否参加大病保险",
        width=10,
    ),
    F(
        "pension_insurance",
        "参加城乡居民基本养老保险",
        "pension insurance",
        BOOL,
        sheet="是否参加城乡居民基本养老保险",
        width=10,
    ),
    F("subsistence_allowance", "享受低保", "subsistence allowance", BOOL, sheet="是否享受低保", width=8),
    F("is_public_official", "公职人员", "public official", BOOL, sheet="是否公职人员", default=False, width=8),
    F("phone", "联系电话", "phone", KEYTEXT, width=14),
    F("active", "在册", "on the card", BOOL, sheet="是否在册", default=True, width=8),
    F("joined_on", "迁入日期", "joined on", DATE, width=11),
    F("left_on", "迁出日期", "left on", DATE, sheet="减员日期", width=11),
    F("left_reason", "迁出原因", "reason for leaving", TEXT, sheet="减员原因", width=14),
)

# One assistance measure of the plan (一户一策).
MEASURE_FIELDS: tuple[FieldSpec, ...] = (
    F("year", "年度", "year", INT, required=True, width=7),
    F("type", "措施类型", "measure type", CODE, "measure_type", required=True, width=14),
    F("content", "内容", "content", TEXT, sheet="措施内容", width=30),
    F("amount_fen", "金额", "amount", MONEY, sheet="金额（元）"),
    F("funds_source", "资金来源", "funds source", TEXT, width=16),
    F("start_date", "开始日期", "start date", DATE, width=11),
    F("end_date", "结束日期", "end date", DATE, width=11),
    F("result", "成效", "result", TEXT, sheet="实施结果", width=16),
    F("delivered", "已落实", "delivered", BOOL, sheet="是否落实", default=False, width=8),
)

RECORD_FIELDS: Mapping[str, tuple[FieldSpec, ...]] = {
    "household": HOUSEHOLD_FIELDS,
    "member": MEMBER_FIELDS,
    "measure": MEASURE_FIELDS,
}


def names(specs: tuple[FieldSpec, ...], *, card_only: bool = False) -> tuple[str, ...]:
    return tuple(s.name for s in specs if s.card or not card_only)


def by_name(entity: str) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in RECORD_FIELDS[entity]}


def coded_fields() -> dict[tuple[str, str], str]:
    """(record, field) -> code list of every coded field."""
    return {(e, s.name): s.codelist for e, specs in RECORD_FIELDS.items() for s in specs if s.codelist}


def yes_no_fields() -> set[str]:
    """Fields that hold yes / no / not known."""
    return {s.name for specs in RECORD_FIELDS.values() for s in specs if s.kind == BOOL}
