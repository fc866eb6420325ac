"""Public-welfare posts (公益岗位, MONITORING.md §9): the county's eligibility rules as data, the selection
procedure's order of steps and the checks of a month worked.

The rules come from ``forms/post_rules.json`` with the county's saved values on top; :func:`parse_rules`
checks them. Every refusal is an :class:`AssistError` whose ``rule`` is the key in that file
(``post_rules.age`` …) and whose message names the rule in words.

How our data says "family of a village cadre": a member of the applicant's household flagged as a public
official (``Member.is_public_official``, the card's 公职人员/财政供养 flag) makes the whole household a
cadre's family; the roster of cadres has no link to households, so it is not used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop_app.domain.assistance import AssistError, yuan

RULES = "post_rules"

# the selection's stages (code list "post_stage")
APPLIED, CHECKED, NOTICED, CONTRACTED, LEFT, REJECTED = "1", "2", "3", "4", "5", "6"
HOLDING = frozenset({NOTICED, CONTRACTED})  # a person "has" a post from its notice until leaving
STEPS = ("check", "notice", "contract", "leave", "reject")
_FROM = {
    "check": {APPLIED},
    "notice": {CHECKED},
    "contract": {NOTICED},
    "leave": {CONTRACTED},
    "reject": {APPLIED, CHECKED, NOTICED},
}
_STEP_ZH = {"check": "资格审核", "notice": "公示", "contract": "签约", "leave": "离岗", "reject": "不予通过"}

RULE_ZH = {
    "age": "年龄条件",
    "registered": "本村户籍",
    "able_to_work": "具备劳动能力",
    "cadre_family": "村干部及其家属不得聘用",
    "one_post": "一人一岗",
    "photovoltaic": "光伏收益岗位限脱贫户和监测户劳动力",
    "notice_days": "公示天数",
    "subsidy_cap": "补贴不超过岗位标准",
}


def rule_key(name: str) -> str:
    return f"{RULES}.{name}"


def refusal(name: str, zh: str, en: str) -> AssistError:
    """A refusal naming rule ``name`` in words and by key (``…（规则 post_rules.age：年龄条件）``)."""
    key = rule_key(name)
    return AssistError(f"post_{name}", f"{zh}（规则 {key}：{RULE_ZH.get(name, name)}）", f"{en} (rule {key})", rule=key)


@dataclass(frozen=True)
class PostRules:
    age_min: int = 16
    age_max: int = 60
    age_max_if_able: int = 65
    able_labour: frozenset[str] = frozenset({"1", "2"})
    registered: bool = True
    able_to_work: bool = True
    work_labour: frozenset[str] = frozenset({"1", "2", "3"})
    cadre_family: bool = True
    one_post: bool = True
    photovoltaic: bool = True
    pv_funding: frozenset[str] = frozenset({"2"})
    pv_statuses: frozenset[str] = frozenset({"3"})
    pv_monitored: bool = True
    notice_days: int = 7
    subsidy_cap: bool = True
    working_age_min: int = 16
    working_age_max: int = 65


def _bad_rules(what: str) -> AssistError:
    return AssistError("bad_post_rules", f"公益岗位规则无效：{what}", f"invalid post rules: {what}", rule=RULES)


def _int(raw: Any, what: str, lo: int, hi: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not lo <= raw <= hi:
        raise _bad_rules(f"{what} 应为 {lo}–{hi} 的整数（现为 {raw!r}）")
    return raw


def _codes(raw: Any, what: str) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(c, str) and c for c in raw):
        raise _bad_rules(f"{what} 应为代码列表（现为 {raw!r}）")
    return frozenset(raw)


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    raw = data.get(name, {})
    if not isinstance(raw, Mapping):
        raise _bad_rules(f"{name} 应为对象")
    return raw


def _on(section: Mapping[str, Any], name: str) -> bool:
    value = section.get("enabled", True)
    if not isinstance(value, bool):
        raise _bad_rules(f"{name}.enabled 应为 true 或 false")
    return value


def parse_rules(data: Mapping[str, Any]) -> PostRules:
    """The county's rules from the merged file; a bad value raises naming it (nothing is guessed)."""
    d = PostRules()
    age = _section(data, "age")
    lo = _int(age.get("min", d.age_min), "age.min", 0, 100)
    hi = _int(age.get("max", d.age_max), "age.max", lo, 100)
    able_hi = _int(age.get("max_if_able", hi), "age.max_if_able", hi, 100)
    able = _section(data, "able_to_work")
    pv = _section(data, "photovoltaic")
    working = _section(data, "working_age")
    w_lo = _int(working.get("min", d.working_age_min), "working_age.min", 0, 100)
    monitored = pv.get("monitored", True)
    if not isinstance(monitored, bool):
        raise _bad_rules("photovoltaic.monitored 应为 true 或 false")
    return PostRules(
        age_min=lo,
        age_max=hi,
        age_max_if_able=able_hi,
        able_labour=_codes(age.get("able_labour", sorted(d.able_labour)), "age.able_labour"),
        registered=_on(_section(data, "registered"), "registered"),
        able_to_work=_on(able, "able_to_work"),
        work_labour=_codes(able.get("labour", sorted(d.work_labour)), "able_to_work.labour"),
        cadre_family=_on(_section(data, "cadre_family"), "cadre_family"),
        one_post=_on(_section(data, "one_post"), "one_post"),
        photovoltaic=_on(pv, "photovoltaic"),
        pv_funding=_codes(pv.get("funding", sorted(d.pv_funding)), "photovoltaic.funding"),
        pv_statuses=_codes(pv.get("statuses", sorted(d.pv_statuses)), "photovoltaic.statuses"),
        pv_monitored=monitored,
        notice_days=_int(data.get("notice_days", d.notice_days), "notice_days", 1, 60),
        subsidy_cap=_on(_section(data, "subsidy_cap"), "subsidy_cap"),
        working_age_min=w_lo,
        working_age_max=_int(working.get("max", d.working_age_max), "working_age.max", w_lo, 100),
    )


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class Applicant:
    """What the eligibility rules look at, read from the card and the ledgers on the day of the check."""

    name: str
    birth_date: date | None
    labour: str | None
    same_village: bool  # the member's household is of the post's village, and the member lives in it
    cadre_family: bool
    other_posts: tuple[str, ...]  # names of the other posts the person holds (on notice or contracted)
    household_status: str  # code list "poverty_status"
    monitored: bool  # the household has an open, included monitoring case
    post_funding: str


@dataclass(frozen=True)
class Finding:
    """One rule an applicant or holder breaks: the rule's key and the message naming it."""

    rule: str
    zh: str
    en: str


def _finding(name: str, zh: str, en: str) -> Finding:
    error = refusal(name, zh, en)
    return Finding(error.rule, error.message_zh, error.message_en)


def _age_findings(a: Applicant, rules: PostRules, on: date) -> list[Finding]:
    if a.birth_date is None:
        return [_finding("age", f"{a.name}没有出生日期，无法核对年龄", f"{a.name} has no birth date")]
    age = age_on(a.birth_date, on)
    able = a.labour in rules.able_labour
    top = rules.age_max_if_able if able else rules.age_max
    if rules.age_min <= age <= top:
        return []
    if age < rules.age_min:
        zh = f"{a.name} {age} 岁，未满 {rules.age_min} 岁"
    elif age <= rules.age_max_if_able:
        zh = f"{a.name} {age} 岁，超过 {rules.age_max} 岁且劳动能力不足以放宽到 {rules.age_max_if_able} 岁"
    else:
        zh = f"{a.name} {age} 岁，超过 {rules.age_max_if_able} 岁"
    return [_finding("age", zh, f"{a.name} is {age}: outside {rules.age_min}-{top}")]


def eligibility(a: Applicant, rules: PostRules, on: date) -> list[Finding]:
    """Every rule the applicant breaks on ``on`` (empty: eligible)."""
    found = _age_findings(a, rules, on)
    if rules.registered and not a.same_village:
        found.append(_finding("registered", f"{a.name}不是本村在册人员", f"{a.name} is not registered in the village"))
    if rules.able_to_work and a.labour not in rules.work_labour:
        found.append(_finding("able_to_work", f"{a.name}不具备劳动能力（或未填写）", f"{a.name} is not able to work"))
    if rules.cadre_family and a.cadre_family:
        found.append(_finding("cadre_family", f"{a.name}家中有公职人员（村干部家属）", f"{a.name}: a cadre's family"))
    if rules.one_post and a.other_posts:
        posts = "、".join(a.other_posts)
        found.append(_finding("one_post", f"{a.name}已在其他岗位：{posts}", f"{a.name} already holds: {posts}"))
    if rules.photovoltaic and a.post_funding in rules.pv_funding:
        allowed = a.household_status in rules.pv_statuses or (rules.pv_monitored and a.monitored)
        if not allowed:
            found.append(
                _finding(
                    "photovoltaic",
                    f"{a.name}既非脱贫户也非监测户劳动力，不能聘用光伏收益岗位",
                    f"{a.name} is neither of an exited nor of a monitored household",
                )
            )
    return found


def overridden_rules(findings: Sequence[Mapping[str, Any]] | None) -> set[str]:
    """The rule keys a written override in a holder's ``findings`` covers."""
    return {str(r) for item in findings or () if item.get("override") for r in item.get("rules", ())}


def refuse_findings(findings: Sequence[Finding]) -> AssistError:
    """One refusal naming every rule broken (``rule`` is the first one's key)."""
    first = findings[0]
    zh = "不符合公益岗位条件：" + "；".join(f.zh for f in findings)
    en = "not eligible for the post: " + "; ".join(f.en for f in findings)
    return AssistError("post_not_eligible", zh, en, rule=first.rule)


def check_step(step: str, stage: str) -> None:
    """Refuse a step the holder's stage does not allow (the order apply → check → notice → contract → leave)."""
    if step not in _FROM:
        raise AssistError("post_step", f"未知的选聘环节：{step}", f"unknown step: {step}")
    if stage not in _FROM[step]:
        raise AssistError(
            "post_step_order",
            f"当前环节不能办理“{_STEP_ZH[step]}”（选聘顺序：报名 → 审核 → 公示 → 签约 → 离岗）",
            f"step {step} is not allowed at stage {stage}",
        )


def notice_end(start: date, rules: PostRules) -> date:
    """The last day of a notice of ``rules.notice_days`` days starting on ``start``."""
    return start + timedelta(days=rules.notice_days - 1)


def check_contract_day(on: date, end: date | None, rules: PostRules) -> None:
    if end is not None and on <= end:
        earliest = (end + timedelta(days=1)).isoformat()
        raise refusal(
            "notice_days",
            f"公示期 {rules.notice_days} 天未满，最早 {earliest} 可签约",
            f"the {rules.notice_days}-day notice has not ended; earliest contract {earliest}",
        )


def days_in_month(month: int) -> int:
    year, mon = divmod(month, 100)
    following = date(year + mon // 12, mon % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def check_post_month(month: int, days_worked: int, subsidy_fen: int, post_subsidy_fen: int, rules: PostRules) -> None:
    """A month worked: days within the month, a subsidy ≥ 0 and not above the post's monthly subsidy."""
    if not 0 <= days_worked <= days_in_month(month):
        raise AssistError(
            "post_month_days", f"出勤天数 {days_worked} 不在 0–{days_in_month(month)} 之间", "days out of range"
        )
    if subsidy_fen < 0:
        raise AssistError("post_month_subsidy", "补贴金额不能为负数", "the subsidy cannot be negative")
    if rules.subsidy_cap and subsidy_fen > post_subsidy_fen:
        raise refusal(
            "subsidy_cap",
            f"本月补贴 {yuan(subsidy_fen)} 元超过岗位月补贴标准 {yuan(post_subsidy_fen)} 元",
            "the subsidy is above the post's monthly subsidy",
        )
