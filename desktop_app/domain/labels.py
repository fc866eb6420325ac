"""One label lookup for every code a person reads: procedure steps, outcomes, stages, batch and objection codes,
and the field names of the change log.

Screens, the history, exported sheets and the command line all show codes through :func:`label`, so a code
never reaches a cadre raw and a label is declared once. The code lists of the card (sex, relation, …) live in
``resources/codelists``; :func:`desktop_app.catalog.label` looks in those first and falls back to this module,
so callers need one function for both. Reading back is :func:`parse`: a Chinese or English label, or the code
itself (files written before labels were exported), gives the code.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.domain.documents import PRINT_KIND_LABELS
from desktop_app.domain.procedure_rules import (
    ANNOUNCEMENT_LABELS,
    MEMBER_CHANGE_KINDS,
    OBJECTION_ACTIONS,
    OUTCOME_LABELS,
    STAGE_LABELS,
    STEP_LABELS,
)

Pair = tuple[str, str]  # (zh, en)

# What a household's stage is called before any step is recorded (the procedure's ``None`` stage).
NO_STAGE: Pair = ("尚未申请", "no application yet")
# How an empty value is shown where "nothing" must be visible (history: 户主姓名：（空） → 张三).
EMPTY: Pair = ("（空）", "(empty)")

BATCH_KIND_LABELS: Mapping[str, Pair] = {
    "evaluation": ("民主评议", "democratic evaluation"),
    "village_announcement": ("村内公示", "village announcement"),
    "township_review": ("乡镇审核", "township review"),
    "township_announcement": ("乡镇公示", "township announcement"),
    "county_approval": ("县级审批", "county approval"),
    "county_notice": ("县级公告", "county notice"),
    "exit_evaluation": ("退出评议", "exit evaluation"),
    "exit_announcement": ("退出公示", "exit announcement"),
    "exit_notice": ("退出公告", "exit notice"),
    "lookback": ("回头看", "look-back round"),
}

VOCABULARIES: Mapping[str, Mapping[str, Pair]] = {
    "step": STEP_LABELS,
    "outcome": OUTCOME_LABELS,
    "stage": STAGE_LABELS,
    "announcement": ANNOUNCEMENT_LABELS,
    "batch_kind": BATCH_KIND_LABELS,
    "print_kind": PRINT_KIND_LABELS,
    # A household's result on a batch's list: an outcome, or still undecided.
    "batch_result": {"pending": ("待定", "pending"), **OUTCOME_LABELS},
    "batch_status": {"open": ("进行中", "open"), "closed": ("已结束", "closed")},
    "objection_decision": {"upheld": OUTCOME_LABELS["upheld"], "dismissed": OUTCOME_LABELS["dismissed"]},
    "objection_action": OBJECTION_ACTIONS,
    "objection_status": {"open": ("待处理", "open"), "resolved": ("已处理", "resolved")},
    "member_change": {kind: (zh, en) for kind, (zh, en, _joins) in MEMBER_CHANGE_KINDS.items()},
    "application_how": {"self": ("本人申请", "applied in person"), "nominated": ("村委会提名", "nominated")},
    "pass_base": {"present": ("实到人数", "attendees present"), "expected": ("应到人数", "representatives expected")},
    "area_level": {
        "county": ("县", "county"),
        "township": ("乡镇", "township"),
        "village": ("行政村", "village"),
        "group": ("村民小组", "village group"),
    },
    "history_entity": {
        "household": ("户卡", "card"),
        "member": ("成员", "member"),
        "measure": ("帮扶措施", "measure"),
        "procedure_event": ("识别程序", "procedure"),
        "batch_household": ("名单", "list"),
        "batch": ("批次", "batch"),
        "objection": ("异议", "objection"),
        "attachment": ("附件", "attachment"),
    },
    "history_action": {
        "create": ("新建", "created"),
        "update": ("修改", "changed"),
        "delete": ("删除", "removed"),
        "resolve": ("处理合并冲突", "merge conflict resolved"),
        # household actions (services/households/actions.py): one row with the reason beside the field changes
        "remove": ("删除户卡", "card removed"),
        "move": ("迁移", "moved"),
        "split": ("分户", "split"),
        "merge": ("合户", "merged"),
    },
}

# Field names of the change log (and of the merge conflicts), by field; ENTITY_FIELD_LABELS overrides
# a name that means something else on another record ("result" of a measure vs of a list entry).
FIELD_LABELS: Mapping[str, Pair] = {
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
    "look_notes": ("入户查看记录", "look notes"),
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
    # procedure steps, list entries, objections, attachments
    "step": ("步骤", "step"),
    "on_date": ("日期", "date"),
    "actor": ("经办人", "done by"),
    "outcome": ("结论", "outcome"),
    "reason": ("理由", "reason"),
    "data": ("详细情况", "details"),
    "batch_id": ("批次", "batch"),
    "household_id": ("户", "household"),
    "votes_for": ("赞成票", "votes for"),
    "votes_against": ("反对票", "votes against"),
    "votes_abstain": ("弃权票", "abstentions"),
    "raised_by": ("异议人", "raised by"),
    "contact": ("联系方式", "contact"),
    "raised_on": ("提出日期", "raised on"),
    "investigator": ("调查人", "investigator"),
    "finding": ("调查结果", "finding"),
    "decision": ("处理结论", "decision"),
    "action": ("处理措施", "action taken"),
    "decided_on": ("处理日期", "decided on"),
    "decided_by": ("决定人", "decided by"),
    "objector_informed": ("已告知异议人", "objector informed"),
    "member_id": ("成员", "member"),
    "filename": ("文件名", "file name"),
    "mime": ("文件类型", "file type"),
    "size_bytes": ("文件大小（字节）", "file size (bytes)"),
    "taken_on": ("拍摄日期", "taken on"),
    "sha256": ("文件校验码", "file checksum"),
}
ENTITY_FIELD_LABELS: Mapping[tuple[str, str], Pair] = {
    ("batch_household", "result"): ("评议结果", "result"),
    ("objection", "status"): ("处理状态", "status"),
    ("objection", "content"): ("异议内容", "content"),
    ("member", "phone"): ("联系电话", "phone"),
}
# Fields of the change log whose value is a code of one of the vocabularies above.
ENTITY_FIELD_VOCABULARY: Mapping[tuple[str, str], str] = {
    ("procedure_event", "step"): "step",
    ("procedure_event", "outcome"): "outcome",
    ("batch_household", "result"): "batch_result",
    ("objection", "decision"): "objection_decision",
    ("objection", "action"): "objection_action",
    ("objection", "status"): "objection_status",
}

# Keys of a step's recorded details (Event.data), in the order they are read out; keys not listed are
# internal (ids, sequence numbers) and not shown.
DATA_LABELS: Mapping[str, Pair] = {
    "how": ("申请方式", "how"),
    "applicant": ("申请人", "applicant"),
    "surveyors": ("调查人", "surveyors"),
    "present": ("实到", "present"),
    "expected": ("应到", "expected"),
    "for": ("赞成", "for"),
    "against": ("反对", "against"),
    "abstain": ("弃权", "abstain"),
    "votes_for": ("赞成", "for"),
    "votes_against": ("反对", "against"),
    "votes_abstain": ("弃权", "abstain"),
    "place": ("地点", "place"),
    "chair": ("主持人", "chair"),
    "reviewer": ("审核单位", "reviewer"),
    "verifiers": ("核验人", "verifiers"),
    "signed_by": ("签字人", "signed by"),
    "end": ("公示截止", "announcement ends"),
    "raised_by": ("异议人", "raised by"),
    "content": ("异议内容", "content"),
    "investigator": ("调查人", "investigator"),
    "decided_by": ("决定人", "decided by"),
    "action": ("处理措施", "action"),
    "status_before": ("退出前状态", "status before"),
    "per_capita_fen": ("人均纯收入（元）", "per-capita income (yuan)"),
    "line_fen": ("贫困线（元）", "poverty line (yuan)"),
    "exclusions": ("触及排除条件", "exclusions"),
    "kind": ("变动类型", "kind"),
    "note": ("说明", "note"),
    "missing": ("缺少", "missing"),
}
# Detail keys whose value is a code of a vocabulary.
DATA_VOCABULARY: Mapping[str, str] = {
    "how": "application_how",
    "action": "objection_action",
    "kind": "member_change",
}

KINDS = tuple(VOCABULARIES)


def _pick(pair: Pair, lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def known(kind: str) -> bool:
    return kind in VOCABULARIES


def label(kind: str, code: str | None, lang: str = "zh") -> str:
    """The label of ``code`` in vocabulary ``kind``: "" for no code, the code itself when it is not known
    (a county's newer code must stay visible rather than vanish)."""
    if kind == "stage" and code is None:
        return _pick(NO_STAGE, lang)
    if code is None or code == "":
        return ""
    pair = VOCABULARIES[kind].get(code)
    return _pick(pair, lang) if pair else code


def parse(kind: str, text: str | None) -> str | None:
    """The code that a label (Chinese or English) or the code itself names; None when nothing matches."""
    key = (text or "").strip()
    if not key:
        return None
    table = VOCABULARIES[kind]
    if key in table:
        return key
    folded = key.casefold()
    for code, (zh, en) in table.items():
        if key == zh or folded == en.casefold():
            return code
    return None


def empty(lang: str = "zh") -> str:
    return _pick(EMPTY, lang)


def field_label(entity: str, field: str, lang: str = "zh") -> str:
    """A change-log field as a person names it; the field itself only when it is unknown."""
    pair = ENTITY_FIELD_LABELS.get((entity, field)) or FIELD_LABELS.get(field)
    return _pick(pair, lang) if pair else field


def data_text(data: Mapping[str, object] | None, lang: str = "zh") -> str:
    """A step's details read out: "实到 19；赞成 18；反对 0；弃权 1；地点 村委会会议室"."""
    if not data:
        return ""
    parts = []
    sep = "; " if lang == "en" else "；"
    for key, pair in DATA_LABELS.items():
        if key not in data:
            continue
        value = data[key]
        if value is None or value == "" or value == [] or value == {}:
            continue
        text = _value_text(key, value, lang)
        if text:
            parts.append(f"{_pick(pair, lang)} {text}")
    return sep.join(parts)


def _value_text(key: str, value: object, lang: str) -> str:
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if key.endswith("_fen") and isinstance(value, int):
        sign = "-" if value < 0 else ""
        return f"{sign}{abs(value) // 100:,}.{abs(value) % 100:02d}"
    if key in DATA_VOCABULARY and isinstance(value, str):
        return label(DATA_VOCABULARY[key], value, lang)
    if isinstance(value, list | tuple):
        return ("、" if lang != "en" else ", ").join(str(v) for v in value)
    if isinstance(value, dict):
        return ""  # nested answers (look notes, guarantees) have their own screens
    return str(value)


def vocabulary(kind: str) -> Mapping[str, Pair]:
    """Every code of a vocabulary with its (zh, en) labels, in order."""
    return VOCABULARIES[kind]


RULE_LABELS: Mapping[str, Pair] = {
    "pass_fraction": ("评议通过比例", "share of votes to pass"),
    "pass_base": ("比例的基数", "share of"),
    "pass_at_least": ("达到比例即通过", "passes at exactly the share"),
    "announcement_min_days": ("公示最少天数", "minimum announcement days"),
    "marginal_factor": ("监测线（贫困线的倍数）", "monitoring line (times the poverty line)"),
    "large_expense_fen": ("大额支出线（元）", "large expense (yuan)"),
    "survey_fields": ("入户调查必填项", "fields the survey must fill"),
}


def rule_text(key: str, value: object, lang: str = "zh") -> Pair:
    """A procedure rule as (its name, its value) for a person: 评议通过比例 · 1/2, 比例的基数 · 实到人数."""
    name = _pick(RULE_LABELS[key], lang) if key in RULE_LABELS else key
    if key == "pass_base" and isinstance(value, str):
        return name, label("pass_base", value, lang)
    if isinstance(value, bool):
        return name, _value_text(key, value, lang)
    if key == "large_expense_fen" and isinstance(value, int):
        return name, _value_text(key, value, lang)
    if key == "survey_fields" and isinstance(value, list | tuple):
        sep = ", " if lang == "en" else "、"
        return name, sep.join(field_label("household", str(v), lang) for v in value)
    return name, str(value)
