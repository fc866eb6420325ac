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
from desktop_app.domain.fields import RECORD_FIELDS
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
    # the fields of cards, members and measures are declared in domain.fields
    **{spec.name: (spec.zh, spec.en) for specs in RECORD_FIELDS.values() for spec in specs},
    "look_notes": ("入户查看记录", "look notes"),
    "deleted": ("删除", "removed"),
    "sort_order": ("排列顺序", "order"),
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
