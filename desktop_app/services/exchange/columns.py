"""The exchange workbook's layout: which sheet holds which table, column by column.

Export and import read the same tables, so a column added here travels both ways. Each column names the
model attribute it carries (``field``), how its cells look (``kind``) and, for coded columns, the code list
whose Chinese labels fill the drop-down. Fields starting with ``@`` are not model attributes: they link rows
(household number, village code) or carry what merging needs (record id, version, device, row check);
``derived`` columns (a step's details read out) are only for the reader and are ignored on import.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain import fields
from desktop_app.domain.labels import DATA_LABELS, DATA_VOCABULARY

FORMAT_NAME = "fupin-exchange"
# 2: the assistance ledgers (columns_assist) and the cadre roster's sex, rank and dates;
# 3: the procedure sheet's codes in hidden columns beside their labels, a step's details one column each
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)  # older workbooks still import (they lack the newer sheets and columns)

# Column kinds: how a value is written and read back.
TEXT = "text"  # free text, kept exactly (no trimming), written as a text cell
KEYTEXT = "keytext"  # text that identifies something (numbers, phones, names): trimmed, text cell
IDNUM = "idnum"  # resident ID number: text cell, checked with GB 11643
CODE = "code"  # one code of a code list, shown by its Chinese label, drop-down validated
CODES = "codes"  # several codes, labels joined by "、"
# a procedure code (step, outcome) shown by its label from desktop_app.domain.labels; read back from the label
# or the code itself, and any other text is kept as written (the procedure's vocabulary may grow)
LABELLED = "labelled"
BOOL = "bool"  # 是 / 否 / blank
INT = "int"
MONEY = "money"  # fen in the database, yuan with two decimals in the cell
DECIMAL = "decimal"  # areas and distances with two decimals
DATE = "date"  # a real date cell
JSON = "json"  # a dict kept as JSON text (hidden)
JSONLIST = "jsonlist"  # a list (codes, attachment hashes, planned items) kept as JSON text (hidden)
STAMP = "stamp"  # an aware UTC datetime, ISO text (hidden)


@dataclass(frozen=True)
class Col:
    header: str
    field: str
    kind: str = TEXT
    codelist: str | None = None
    width: float = 12
    hidden: bool = False
    required: bool = False
    derived: bool = False  # written for people to read (computed from other columns), never read back
    since: int = 1  # the format version that added the column: an older file's row check does not cover it
    hashed: bool = True  # False: the row check covers the value this column is read into, not the column


def hashed_columns(spec: SheetSpec, version: int = FORMAT_VERSION) -> list[int]:
    """The columns the row check covers: not the record's keys, not the read-only derived text, and in a
    workbook of an older format ``version`` not the columns added since (it was exported without them)."""
    return [
        i
        for i, c in enumerate(spec.columns)
        if c not in KEY_COLUMNS and not c.derived and c.hashed and c.since <= version
    ]


# What every synchronised record carries, hidden at the right of its sheet.
KEY_COLUMNS = (
    Col("记录编号", "id", KEYTEXT, width=38, hidden=True),
    Col("版本", "version", INT, width=6, hidden=True),
    Col("修改设备", "device_id", KEYTEXT, width=20, hidden=True),
    Col("修改时间", "updated_at", STAMP, width=28, hidden=True),
    Col("行校验", "@hash", KEYTEXT, width=18, hidden=True),
)


@dataclass(frozen=True)
class SheetSpec:
    name: str  # the sheet's Chinese name
    table: str  # the database table
    columns: tuple[Col, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def data_fields(self) -> list[Col]:
        """Columns that hold a model attribute (what the row check and merging compare)."""
        return [c for c in self.columns if not c.field.startswith("@") and c not in KEY_COLUMNS]


def _declared(specs: tuple[fields.FieldSpec, ...]) -> tuple[Col, ...]:
    """The columns of declared record fields (domain.fields), in their order."""
    return tuple(Col(f.header, f.name, f.kind, f.codelist, width=f.width, required=f.required) for f in specs)


HOUSEHOLDS = SheetSpec(
    "户",
    "household",
    (
        Col("户编号", "number", KEYTEXT, width=18, required=True),
        Col("行政村代码", "@village_code", KEYTEXT, width=14, required=True),
        Col("行政村", "@village_name", KEYTEXT, width=10),
        Col("村民小组", "@group_name", KEYTEXT, width=12),
        Col("户主姓名", "head_name", KEYTEXT, width=10, required=True),
        Col("家庭人口数", "size", INT, width=8),
        Col("贫困户属性", "attribute", CODE, "attribute", width=14),
        Col("识别标准", "standard", CODE, "standard", width=10),
        Col("识别年度", "identification_year", INT, width=8),
        Col("识别程序阶段", "stage", CODE, "stage", width=12),
        Col("脱贫状态", "status", CODE, "poverty_status", width=8),
        Col("脱贫年度", "exit_year", INT, width=8),
        Col("主要致贫原因", "main_cause", CODE, "cause", width=14),
        Col("其他致贫原因", "other_causes", CODES, "cause", width=16),
        Col("家庭住址", "address", TEXT, width=20),
        Col("联系电话", "phone", KEYTEXT, width=14),
        Col("开户银行", "bank_name", TEXT, width=16),
        Col("银行账号", "bank_account", KEYTEXT, width=22),
        Col("耕地面积（亩）", "arable_land_mu", DECIMAL, width=10),
        Col("林地面积（亩）", "forest_land_mu", DECIMAL, width=10),
        Col("草地面积（亩）", "grassland_mu", DECIMAL, width=10),
        Col("住房面积（平方米）", "housing_area_m2", DECIMAL, width=10),
        Col("住房安全等级", "housing_grade", CODE, "housing_grade", width=10),
        Col("饮水安全", "safe_water", BOOL, width=8),
        Col("通生活用电", "electricity", BOOL, width=8),
        Col("距硬化路距离（公里）", "road_distance_km", DECIMAL, width=10),
        Col("入户路类型", "road_type", CODE, "road_type", width=10),
        Col("养殖情况", "livestock", TEXT, width=14),
        Col("收入年度", "income_year", INT, width=8),
        Col("工资性收入（元）", "income_wage_fen", MONEY, width=12),
        Col("生产经营性收入（元）", "income_business_fen", MONEY, width=12),
        Col("财产性收入（元）", "income_property_fen", MONEY, width=12),
        Col("转移性收入（元）", "income_transfer_fen", MONEY, width=12),
        Col("生产经营支出（元）", "production_costs_fen", MONEY, width=12),
        Col("人均纯收入（元）", "per_capita_income_fen", MONEY, width=12),
        Col("医疗支出（元）", "medical_expense_fen", MONEY, width=12),
        Col("灾害损失（元）", "disaster_loss_fen", MONEY, width=12),
        Col("不愁吃", "food_ok", BOOL, width=7),
        Col("不愁穿", "clothing_ok", BOOL, width=7),
        Col("义务教育有保障", "education_ok", BOOL, width=8),
        Col("基本医疗有保障", "medical_ok", BOOL, width=8),
        Col("住房安全有保障", "housing_ok", BOOL, width=8),
        Col("帮扶责任人", "@cadre_name", KEYTEXT, width=10),
        Col("备注", "note", TEXT, width=20),
        Col("村民小组代码", "@group_code", KEYTEXT, width=18, hidden=True),
        Col("帮扶责任人编号", "cadre_id", KEYTEXT, width=38, hidden=True),
        Col("两不愁三保障说明", "guarantee_notes", JSON, width=20, hidden=True),
        Col("核查清单", "checklist_answers", JSON, width=20, hidden=True),
        *KEY_COLUMNS,
    ),
)

MEMBERS = SheetSpec(
    "成员",
    "member",
    (
        Col("户编号", "@household_number", KEYTEXT, width=18, required=True),
        *_declared(fields.MEMBER_FIELDS),
        Col("排序", "sort_order", INT, width=6, hidden=True),
        Col("户记录编号", "household_id", KEYTEXT, width=38, hidden=True),
        *KEY_COLUMNS,
    ),
)

MEASURES = SheetSpec(
    "帮扶措施",
    "measure",
    (
        Col("户编号", "@household_number", KEYTEXT, width=18, required=True),
        Col("户主姓名", "@head_name", KEYTEXT, width=10),
        *_declared(fields.MEASURE_FIELDS),
        Col("户记录编号", "household_id", KEYTEXT, width=38, hidden=True),
        *KEY_COLUMNS,
    ),
)

# A step's recorded details (ProcedureEvent.data), one readable column each since format version 3: key and
# kind (how its value is stored: text, int, money in fen, a date as ISO text, a code of DATA_VOCABULARY). A
# value that does not fit its column exactly (another type, blank text), and every key without a column (ids,
# sequence numbers, nested answers), stays in the hidden 详细数据 column, so the details come back exactly.
EVENT_DETAILS: tuple[tuple[str, str], ...] = (
    ("how", "code"),
    ("applicant", "text"),
    ("surveyors", "text"),
    ("present", "int"),
    ("expected", "int"),
    ("for", "int"),
    ("against", "int"),
    ("abstain", "int"),
    ("votes_for", "int"),
    ("votes_against", "int"),
    ("votes_abstain", "int"),
    ("place", "text"),
    ("chair", "text"),
    ("reviewer", "text"),
    ("verifiers", "text"),
    ("signed_by", "text"),
    ("end", "date"),
    ("raised_by", "text"),
    ("content", "text"),
    ("investigator", "text"),
    ("decided_by", "text"),
    ("action", "code"),
    ("kind", "code"),
    ("per_capita_fen", "money"),
    ("line_fen", "money"),
    ("note", "text"),
)
# Headers where two keys read out the same (DATA_LABELS names both "for" and "votes_for" 赞成).
_DETAIL_HEADERS = {"votes_for": "赞成票", "votes_against": "反对票", "votes_abstain": "弃权票",
                   "investigator": "异议调查人", "present": "实到人数", "expected": "应到人数"}  # fmt: skip
_DETAIL_KINDS = {"text": TEXT, "int": INT, "money": MONEY, "date": DATE, "code": LABELLED}


def detail_field(key: str) -> str:
    return f"@d:{key}"


def code_field(field: str) -> str:
    """The hidden column that carries the code of a labelled column (``step`` → ``@c:step``)."""
    return f"@c:{field.removeprefix('@d:')}"


def _detail_columns() -> tuple[Col, ...]:
    out = []
    for key, kind in EVENT_DETAILS:
        header = _DETAIL_HEADERS.get(key) or DATA_LABELS[key][0]
        # the row check covers the details put together again (the data value), as in format 2
        kinds = _DETAIL_KINDS[kind]
        out.append(Col(header, detail_field(key), kinds, DATA_VOCABULARY.get(key), width=12, since=3, hashed=False))
    return tuple(out)


EVENT_DETAIL_COLUMNS = _detail_columns()
# (labelled field, hidden code field, vocabulary): the label is shown, the code travels beside it; the row check
# covers the field (the code read back), not the hidden copy
EVENT_CODE_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("step", code_field("step"), "step"),
    ("outcome", code_field("outcome"), "outcome"),
    *((c.field, code_field(c.field), c.codelist or "") for c in EVENT_DETAIL_COLUMNS if c.kind == LABELLED),
)
_HEADER_OF = {c.field: c.header for c in EVENT_DETAIL_COLUMNS} | {"step": "环节", "outcome": "结果"}

EVENTS = SheetSpec(
    "识别程序记录",
    "procedure_event",
    (
        Col("户编号", "@household_number", KEYTEXT, width=18, required=True),
        Col("户主姓名", "@head_name", KEYTEXT, width=10),
        Col("环节", "step", LABELLED, "step", width=18, required=True),
        Col("日期", "on_date", DATE, width=11, required=True),
        Col("经办人", "actor", TEXT, width=12),
        Col("结果", "outcome", LABELLED, "outcome", width=12),
        Col("原因", "reason", TEXT, width=24),
        *EVENT_DETAIL_COLUMNS,
        Col("批次编号", "batch_id", KEYTEXT, width=38, hidden=True),
        # until version 2 all the details as JSON; since 3 only what has no column of its own (see EVENT_DETAILS)
        Col("详细数据", "data", JSON, width=20, hidden=True),
        *(
            Col(f"{_HEADER_OF[f]}代码", c, KEYTEXT, width=12, hidden=True, since=3, hashed=False)
            for f, c, _v in EVENT_CODE_PAIRS
        ),
        Col("户记录编号", "household_id", KEYTEXT, width=38, hidden=True),
        *KEY_COLUMNS,
    ),
)

CADRES = SheetSpec(
    "帮扶干部",
    "cadre",
    (
        Col("姓名", "name", KEYTEXT, width=10, required=True),
        Col("工作单位", "unit", TEXT, width=20),
        Col("职务", "title", TEXT, width=10),
        Col("联系电话", "phone", KEYTEXT, width=14),
        Col("备注", "note", TEXT, width=16),
        Col("性别", "sex", CODE, "sex", width=6, since=2),
        Col("职级", "rank", CODE, "cadre_rank", width=12, since=2),
        Col("开始日期", "started_on", DATE, width=11, since=2),
        Col("结束日期", "ended_on", DATE, width=11, since=2),
        *KEY_COLUMNS,
    ),
)

AREAS = SheetSpec(
    "地区",
    "area",
    (
        Col("代码", "code", KEYTEXT, width=16, required=True),
        Col("名称", "name", KEYTEXT, width=16, required=True),
        Col("级别", "level", KEYTEXT, width=8, required=True),
        Col("上级代码", "@parent_code", KEYTEXT, width=16),
        *KEY_COLUMNS,
    ),
)

TOMBSTONES = SheetSpec(
    "已删除记录",
    "tombstone",
    (
        Col("表", "@table", KEYTEXT, width=16, required=True),
        Col("户记录编号", "@household_id", KEYTEXT, width=38),
        *KEY_COLUMNS,
    ),
)

# In the order they are written (and read: areas and cadres before the households that use them).
DATA_SHEETS = (HOUSEHOLDS, MEMBERS, MEASURES, EVENTS, CADRES, AREAS)
METADATA_SHEET = "说明"
CODELIST_SHEET = "代码表"
AREA_LEVEL_LABELS = {"county": "县", "township": "乡镇", "village": "行政村", "group": "村民小组"}
BOOL_LABELS = {True: "是", False: "否"}
LABEL_SEPARATOR = "、"
