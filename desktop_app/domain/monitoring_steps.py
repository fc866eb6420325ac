"""The monitoring procedure's vocabulary as data: stages, the steps (``action`` names) with the stages they
are allowed at and the values each needs, and the typing of the values a form or the command line gives.

The engine (:mod:`desktop_app.domain.monitoring`) reads these tables; the forms of ``forms/steps/monitor_*``
carry the same keys (a test keeps them equal), so the GUI renders each step generically.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.domain.monitoring_rules import MonitorError

BEFORE_INCLUSION = (
    "clue",
    "checked",
    "consented",
    "evaluated",
    "noticing",
    "noticed",
    "township_reviewed",
    "county_approved",
)
REMOVAL_STAGES = (
    "removal_proposed",
    "removal_checked",
    "removal_evaluated",
    "removal_noticing",
    "removal_noticed",
    "removal_township_reviewed",
)
AFTER_INCLUSION = ("included", *REMOVAL_STAGES)
CLOSED_STAGES = frozenset({"refused", "withdrawn", "removed"})

# The same labels as the "monitor_stage" code list (a test keeps them equal); here so the engine needs no files.
STAGE_LABELS: Mapping[str, tuple[str, str]] = {
    "clue": ("线索登记", "clue recorded"),
    "checked": ("入户核实", "checked at home"),
    "consented": ("承诺授权", "consent signed"),
    "evaluated": ("民主评议", "evaluated"),
    "noticing": ("村内公示中", "village notice running"),
    "noticed": ("村内公示结束", "village notice ended"),
    "township_reviewed": ("乡镇审核", "reviewed by township"),
    "county_approved": ("县级审批", "approved by county"),
    "included": ("已纳入监测", "included"),
    "removal_proposed": ("拟消除风险", "risk removal proposed"),
    "removal_checked": ("消除风险核实", "risk removal checked"),
    "removal_evaluated": ("消除风险评议", "risk removal evaluated"),
    "removal_noticing": ("消除风险公示中", "removal notice running"),
    "removal_noticed": ("消除风险公示结束", "removal notice ended"),
    "removal_township_reviewed": ("消除风险乡镇审核", "removal reviewed by township"),
    "removed": ("风险已消除", "risk removed"),
    "refused": ("不予纳入", "not included"),
    "withdrawn": ("线索已撤销", "clue withdrawn"),
}

VOTES: tuple[tuple[str, str, bool], ...] = (
    ("place", "text", True),
    ("chair", "text", True),
    ("present", "int", True),
    ("for", "int", True),
    ("against", "int", True),
    ("abstain", "int", True),
    ("expected", "int", False),
)
DECISION = (("outcome", "choice", True), ("reason", "text", False))
REMOVAL_FIELD_KINDS: Mapping[str, str] = {
    "dropout_child": "bool",
    "housing_damaged": "bool",
    "no_medical_insurance": "bool",
    "water_damaged": "bool",
}


@dataclass(frozen=True)
class StepRule:
    """One action: its label, the stages it is allowed at (None: no case yet) and the values it takes as
    (key, kind, required); kind is date, text, int, bool, choice, codes (comma codes) or names (comma names)."""

    zh: str
    en: str
    stages: tuple[str | None, ...]
    values: tuple[tuple[str, str, bool], ...]


_NOTICEABLE = ("consented", "evaluated", "noticing", "noticed")
STEPS: Mapping[str, StepRule] = {
    "clue": StepRule(
        "线索登记",
        "clue recorded",
        (None,),
        (
            ("source", "choice", True),
            ("found", "date", True),
            ("risks", "codes", True),
            ("disaster_sub", "choice", False),
            ("risk_note", "text", False),
            ("note", "text", False),
            ("department", "text", False),
            ("dept_reason", "text", False),
        ),
    ),
    "home_check": StepRule(
        "入户核实",
        "home check",
        ("clue", "checked"),
        (("date", "date", True), ("checkers", "names", True), ("category", "choice", True), ("findings", "text", True)),
    ),
    "consent": StepRule(
        "承诺授权",
        "consent signed",
        ("checked",),
        (
            ("date", "date", True),
            ("signed_by", "text", True),
            ("fingerprint", "bool", False),
            ("filled_by", "text", False),
            ("reason", "text", False),
            ("scan", "text", True),
        ),
    ),
    "comparison": StepRule(
        "信息比对",
        "data comparison",
        _NOTICEABLE,
        (("date", "date", True), ("result", "choice", True), ("findings", "text", False)),
    ),
    "evaluation": StepRule("民主评议", "democratic evaluation", ("consented",), (("date", "date", True), *VOTES)),
    "notice_start": StepRule(
        "村内公示开始", "village notice opened", ("evaluated",), (("date", "date", True), ("end", "date", True))
    ),
    "objection": StepRule(
        "异议登记",
        "objection raised",
        ("noticing", "removal_noticing"),
        (
            ("date", "date", True),
            ("objection_id", "text", True),
            ("content", "text", True),
            ("raised_by", "text", True),
        ),
    ),
    "objection_resolution": StepRule(
        "异议处理",
        "objection resolved",
        ("noticing", "removal_noticing"),
        (
            ("date", "date", True),
            ("objection_id", "text", True),
            ("outcome", "choice", True),
            ("reason", "text", True),
            ("decided_by", "text", True),
            ("action", "choice", False),
        ),
    ),
    "notice_end": StepRule("村内公示结束", "village notice closed", ("noticing",), (("date", "date", True),)),
    "township_review": StepRule("乡镇审核", "township review", ("noticed",), (("date", "date", True), *DECISION)),
    "county_approval": StepRule(
        "县级审批", "county approval", ("township_reviewed",), (("date", "date", True), *DECISION)
    ),
    "announcement": StepRule(
        "公告纳入",
        "announcement",
        ("county_approved",),
        (
            ("date", "date", True),
            ("category", "choice", True),
            ("contact_name", "text", True),
            ("contact_phone", "text", True),
        ),
    ),
    "refusal": StepRule(
        "不予纳入", "not included", BEFORE_INCLUSION, (("date", "date", True), ("reason", "text", True))
    ),
    "withdrawal": StepRule(
        "撤销线索", "clue withdrawn", BEFORE_INCLUSION, (("date", "date", True), ("reason", "text", True))
    ),
    "contact": StepRule(
        "更换监测联系人",
        "contact person",
        AFTER_INCLUSION,
        (("date", "date", True), ("contact_name", "text", True), ("contact_phone", "text", True)),
    ),
    "removal_proposal": StepRule(
        "拟消除风险", "risk removal proposed", ("included",), (("date", "date", True), ("method", "choice", True))
    ),
    "removal_check": StepRule(
        "消除风险核实",
        "risk removal check",
        ("removal_proposed", "removal_checked"),
        (
            ("date", "date", True),
            ("checkers", "names", True),
            ("stable_since", "date", True),
            ("new_risk", "bool", True),
        ),
    ),
    "removal_override": StepRule(
        "消除风险例外认定",
        "removal guard overridden",
        ("removal_checked",),
        (("date", "date", True), ("reason", "text", True), ("decided_by", "text", True)),
    ),
    "removal_evaluation": StepRule(
        "消除风险评议", "risk removal evaluation", ("removal_checked",), (("date", "date", True), *VOTES)
    ),
    "removal_notice_start": StepRule(
        "消除风险公示开始",
        "removal notice opened",
        ("removal_evaluated",),
        (("date", "date", True), ("end", "date", True)),
    ),
    "removal_notice_end": StepRule(
        "消除风险公示结束", "removal notice closed", ("removal_noticing",), (("date", "date", True),)
    ),
    "removal_township_review": StepRule(
        "消除风险乡镇审核", "removal township review", ("removal_noticed",), (("date", "date", True), *DECISION)
    ),
    "removal_county_approval": StepRule(
        "消除风险县级审批",
        "removal county approval",
        ("removal_township_reviewed",),
        (("date", "date", True), *DECISION),
    ),
}

CHOICES: Mapping[str, tuple[str, ...]] = {
    "result": ("passed", "issues"),
    "outcome": ("approved", "rejected"),
    "method": ("1", "2"),
}
RESOLUTION_OUTCOMES = ("upheld", "dismissed")
RESOLUTION_ACTIONS: Mapping[str, tuple[str, str]] = {
    "recheck": ("退回重新入户核实", "back to the home check"),
    "refuse": ("不予纳入", "not included"),
}
OUTCOME_LABELS: Mapping[str, tuple[str, str]] = {
    "passed": ("通过", "passed"),
    "failed": ("未通过", "failed"),
    "issues": ("发现问题", "issues found"),
    "approved": ("同意", "approved"),
    "rejected": ("不同意", "rejected"),
    "upheld": ("异议成立", "upheld"),
    "dismissed": ("异议不成立", "dismissed"),
}


def step_label(action: str, lang: str = "zh") -> str:
    rule = STEPS.get(action)
    if rule is None:
        return action
    return rule.en if lang == "en" else rule.zh


def stage_label(stage: str | None, lang: str = "zh") -> str:
    if stage is None:
        return "尚未登记线索" if lang != "en" else "no clue yet"
    zh, en = STAGE_LABELS.get(stage, (stage, stage))
    return en if lang == "en" else zh


def value_keys(action: str, removal_fields: tuple[str, ...] = ()) -> tuple[tuple[str, str, bool], ...]:
    """The (key, kind, required) of ``action``; the removal check adds the county's removal fields."""
    rule = STEPS[action]
    if action == "removal_check":
        return rule.values + tuple((k, REMOVAL_FIELD_KINDS.get(k, "int"), True) for k in removal_fields)
    return rule.values


_SPLIT = re.compile(r"[,，、;；\s]+")


def split_list(value: Any) -> tuple[str, ...]:
    """Comma (or 、) separated text, or a list, as a tuple of non-empty stripped items."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part for part in _SPLIT.split(str(value).strip()) if part)


def _typed(action: str, key: str, kind: str, value: Any) -> Any:
    label = step_label(action)
    try:
        if kind == "date":
            return value if isinstance(value, date) else date.fromisoformat(str(value).strip())
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError(value)
            return value if isinstance(value, int) else int(str(value).strip())
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "y", "是", "有"):
                return True
            if text in ("0", "false", "no", "n", "否", "无"):
                return False
            raise ValueError(value)
    except ValueError:
        want_zh = {"date": "日期（YYYY-MM-DD）", "int": "整数", "bool": "是或否（yes/no）"}[kind]
        raise MonitorError(
            "bad_value",
            f"“{label}”的 {key} 应为{want_zh}：{value}",
            f"'{step_label(action, 'en')}': {key} must be a {kind}: {value}",
        ) from None
    if kind in ("codes", "names"):
        return list(split_list(value))
    return str(value).strip()


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple) and not value)


def typed_values(
    action: str,
    values: Mapping[str, Any],
    removal_fields: tuple[str, ...] = (),
    labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The values of ``action`` typed (dates, whole numbers, yes/no, lists); an unknown key, a bad value or
    a required value left empty is refused, naming them all in Chinese (by ``labels`` when given)."""
    names = labels or {}
    if action not in STEPS:
        raise MonitorError(
            "unknown_step", "未知的监测步骤：" + action + "；可用：" + "、".join(STEPS), f"unknown step {action}"
        )
    spec = {key: (kind, required) for key, kind, required in value_keys(action, removal_fields)}
    unknown = [k for k in values if k not in spec]
    if unknown:
        raise MonitorError(
            "bad_field",
            f"“{step_label(action)}”没有这些项：" + "、".join(unknown) + "；可填：" + "、".join(spec),
            f"'{step_label(action, 'en')}' has no value " + ", ".join(unknown),
        )
    out: dict[str, Any] = {}
    for key, (kind, _required) in spec.items():
        raw = values.get(key)
        if isinstance(raw, str) and not raw.strip():
            raw = None
        if raw is not None:
            out[key] = _typed(action, key, kind, raw)
    missing = [k for k, (_kind, required) in spec.items() if required and _empty(out.get(k))]
    if missing:
        raise MonitorError(
            "value_required",
            f"“{step_label(action)}”缺少必填项：" + "、".join(f"{names.get(k, k)}（{k}）" for k in missing),
            f"'{step_label(action, 'en')}' needs: " + ", ".join(missing),
        )
    return out
