"""The conditions of a risk removal (风险消除, MONITORING.md §6), judged on the facts the service read.

Each failure has a code and a Chinese message (with its English twin). A failure does not refuse the
removal check: it is written into the check's data, and the removal evaluation then waits until a named
person overrides it with a written reason (``removal_override``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain.monitoring_rules import MonitorRules, add_months

GUARANTEE_NAMES: Mapping[str, tuple[str, str]] = {
    "education": ("义务教育有保障", "compulsory education"),
    "medical": ("基本医疗有保障", "basic medical care"),
    "housing": ("住房安全有保障", "safe housing"),
    "safe_water": ("饮水安全有保障", "safe drinking water"),
}


@dataclass(frozen=True)
class GuardFailure:
    code: str
    zh: str
    en: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class RemovalFacts:
    """What a removal is judged on: the check's own values and the card's facts on the check's date."""

    on_date: date
    method: str | None
    included_on: date | None
    income_year: int | None
    per_capita_fen: int | None
    line_fen: int | None
    stable_since: date | None
    new_risk: bool
    has_labour: bool
    measures_implemented: int
    guarantees: Mapping[str, bool | None] = field(default_factory=dict)


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def removal_guards(facts: RemovalFacts, rules: MonitorRules) -> tuple[GuardFailure, ...]:
    """Every condition of the removal not met (empty: the removal may go on)."""
    out: list[GuardFailure] = []
    pc, line = facts.per_capita_fen, facts.line_fen
    if pc is None or facts.income_year is None:
        out.append(GuardFailure("no_income", "没有本户最近年度的收入记录", "no income record of the latest year"))
    elif line is None:
        out.append(
            GuardFailure(
                "no_line",
                f"{facts.income_year} 年没有适用的监测范围（监测线）",
                f"no monitoring line applies to {facts.income_year}",
            )
        )
    elif pc <= line:
        out.append(
            GuardFailure(
                "income_not_above_line",
                f"{facts.income_year} 年人均纯收入 {_yuan(pc)} 元未高于当年监测范围 {_yuan(line)} 元",
                f"per-capita income {_yuan(pc)} of {facts.income_year} is not above the line {_yuan(line)}",
            )
        )
    need_since = add_months(facts.on_date, -rules.removal_stable_months)
    if facts.stable_since is None or facts.stable_since > need_since:
        out.append(
            GuardFailure(
                "income_not_stable",
                f"收入稳定超过监测范围不足 {rules.removal_stable_months} 个月"
                f"（须自 {need_since.isoformat()} 或更早起）",
                f"income has not been stably above the line for {rules.removal_stable_months} months",
            )
        )
    unmet = [name for name in GUARANTEE_NAMES if facts.guarantees.get(name) is not True]
    if unmet:
        out.append(
            GuardFailure(
                "guarantees_unmet",
                "“三保障”和饮水安全未全部达到：" + "、".join(GUARANTEE_NAMES[n][0] for n in unmet),
                "guarantees not all met: " + ", ".join(GUARANTEE_NAMES[n][1] for n in unmet),
            )
        )
    if facts.new_risk:
        out.append(GuardFailure("new_risk", "核实发现新的致贫返贫风险", "a new risk was found"))
    if facts.included_on is not None and add_months(facts.included_on, rules.removal_min_months) > facts.on_date:
        out.append(
            GuardFailure(
                "too_soon",
                f"纳入监测（{facts.included_on.isoformat()}）未满 {rules.removal_min_months} 个月",
                f"included on {facts.included_on.isoformat()}, less than {rules.removal_min_months} months ago",
            )
        )
    if not facts.has_labour:
        out.append(
            GuardFailure(
                "no_labour",
                "本户无劳动能力，落实兜底保障后仍应继续监测（暂不标注风险消除）",
                "a household without labour stays monitored once security is arranged",
            )
        )
    if facts.method == "1" and facts.measures_implemented < 1:
        out.append(
            GuardFailure(
                "no_measure",
                "“帮扶消除”须至少落实一项帮扶措施",
                "'removed through help' needs at least one implemented measure",
            )
        )
    return tuple(out)
