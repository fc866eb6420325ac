"""Whether a household qualifies, and every reason why, in words a village meeting can be shown.

The decision is never a bare yes/no: the democratic evaluation and the announcements must be able to
say *which* rule applied ("income below the 2016 national line", "owns a motor vehicle"). Poverty lines
and local checklists are data passed in, so a county changes them without a new release.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from desktop_app.domain.errors import DomainError
from desktop_app.domain.income import Income, per_capita_net
from desktop_app.domain.money import format_yuan

T = TypeVar("T")

# 两不愁三保障: no worry about food and clothing; education, medical care and housing guaranteed.
GUARANTEES = ("food", "clothing", "education", "medical", "housing")
GUARANTEE_LABELS: Mapping[str, tuple[str, str]] = {
    "food": ("不愁吃", "no worry about food"),
    "clothing": ("不愁穿", "no worry about clothing"),
    "education": ("义务教育有保障", "compulsory education guaranteed"),
    "medical": ("基本医疗有保障", "basic medical care guaranteed"),
    "housing": ("住房安全有保障", "safe housing guaranteed"),
}
CHECKLIST_KINDS = ("exclusion", "priority", "look")
NATIONAL_STANDARD = "1"
# Used only for wording reasons; the stored value is the code of the "standard" code list.
DEFAULT_STANDARD_NAMES: Mapping[str, tuple[str, str]] = {
    "1": ("国家标准", "national standard"),
    "2": ("省定标准", "provincial standard"),
    "3": ("市定标准", "municipal standard"),
}


@dataclass(frozen=True)
class PovertyLine:
    year: int
    region_code: str
    standard: str
    amount_fen: int

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> PovertyLine:
        return cls(
            year=int(row["year"]),
            region_code=str(row.get("region_code", "") or ""),
            standard=str(row.get("standard", NATIONAL_STANDARD)),
            amount_fen=int(row["amount_fen"]),
        )


def most_specific(entries: Iterable[tuple[str, T]], region_code: str) -> T | None:
    """The value of the entry whose region code is the longest prefix of ``region_code`` ("" is the whole
    country): a province's or county's line wins over the national one where it has been entered."""
    matching = [(region, value) for region, value in entries if region_code.startswith(region)]
    return max(matching, key=lambda entry: len(entry[0]))[1] if matching else None


def _best_line(lines: Sequence[PovertyLine], year: int, region_code: str, standard: str) -> PovertyLine | None:
    same = ((line.region_code, line) for line in lines if line.year == year and line.standard == standard)
    return most_specific(same, region_code)


def find_line(lines: Iterable[PovertyLine], *, year: int, region_code: str, standard: str) -> PovertyLine | None:
    """A province or city line overrides the national one only where it has been entered."""
    pool = list(lines)
    found = _best_line(pool, year, region_code, standard)
    if found is None and standard != NATIONAL_STANDARD:
        found = _best_line(pool, year, region_code, NATIONAL_STANDARD)
    return found


@dataclass(frozen=True)
class MemberFacts:
    health: str | None = None
    disability_grade: str | None = None
    school_status: str | None = None
    labour: str | None = None
    is_public_official: bool = False


def _any_serious_illness(members: Sequence[MemberFacts]) -> bool:
    return any(m.health == "3" for m in members)


def _any_severe_disability(members: Sequence[MemberFacts]) -> bool:
    return any(m.disability_grade in ("1", "2") for m in members)


def _any_student(members: Sequence[MemberFacts]) -> bool:
    return any(m.school_status not in (None, "", "1") for m in members)


def _any_public_official(members: Sequence[MemberFacts]) -> bool:
    return any(m.is_public_official for m in members)


def _no_labour(members: Sequence[MemberFacts]) -> bool:
    # Without recorded members nothing is known, so nothing is derived.
    return bool(members) and not any(m.labour in ("1", "2") for m in members)


DERIVATIONS: Mapping[str, Callable[[Sequence[MemberFacts]], bool]] = {
    "member_serious_illness": _any_serious_illness,
    "member_severe_disability": _any_severe_disability,
    "member_student": _any_student,
    "member_public_official": _any_public_official,
    "no_labour": _no_labour,
}


def _bad_checklist(zh: str, en: str) -> DomainError:
    return DomainError("bad_checklist", zh, en)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    zh: str
    en: str
    derive: str | None = None


@dataclass(frozen=True)
class Checklist:
    id: str
    zh: str
    en: str
    kind: str
    items: tuple[ChecklistItem, ...]
    source: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Checklist:
        """Checklists are edited by counties by hand, so mistakes are reported with the file's own words."""
        list_id = str(data.get("id", ""))
        kind = str(data.get("kind", ""))
        if not list_id:
            raise _bad_checklist("清单缺少 id", "checklist has no id")
        if kind not in CHECKLIST_KINDS:
            raise _bad_checklist(
                f"清单 {list_id} 的类型无效：{kind}", f"checklist {list_id} has an invalid kind: {kind}"
            )
        items: list[ChecklistItem] = []
        for entry in data.get("items", ()):
            code = str(entry.get("code", ""))
            derive = entry.get("derive") or None
            if not code or code in {item.code for item in items}:
                raise _bad_checklist(
                    f"清单 {list_id} 的条目代码为空或重复：{code!r}",
                    f"checklist {list_id}: empty or duplicate code {code!r}",
                )
            if derive is not None and derive not in DERIVATIONS:
                raise _bad_checklist(
                    f"清单 {list_id} 的条目 {code} 使用了未知的推导规则：{derive}",
                    f"checklist {list_id}, item {code}: unknown derive rule {derive}",
                )
            zh = str(entry.get("zh", code))
            items.append(ChecklistItem(code=code, zh=zh, en=str(entry.get("en", "") or zh), derive=derive))
        zh = str(data.get("zh", list_id))
        return cls(
            id=list_id,
            zh=zh,
            en=str(data.get("en", "") or zh),
            kind=kind,
            items=tuple(items),
            source=str(data.get("source", "")),
        )


@dataclass(frozen=True)
class HouseholdFacts:
    year: int
    size: int
    income: Income
    region_code: str = ""
    standard: str = NATIONAL_STANDARD
    guarantees: Mapping[str, bool | None] = field(default_factory=dict)
    # Keyed by item code, or by "checklist_id.item_code" where two checklists share a code.
    answers: Mapping[str, bool] = field(default_factory=dict)
    members: Sequence[MemberFacts] = ()
    medical_expense_fen: int = 0
    disaster_loss_fen: int = 0


@dataclass(frozen=True)
class Reason:
    code: str
    kind: str
    zh: str
    en: str


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    per_capita_fen: int
    line: PovertyLine | None
    margin_fen: int | None
    below_line: bool
    unmet_guarantees: tuple[str, ...]
    exclusions: tuple[ChecklistItem, ...]
    priorities: tuple[ChecklistItem, ...]
    marginal: bool
    reasons: tuple[Reason, ...]


def _applies(checklist: Checklist, item: ChecklistItem, facts: HouseholdFacts) -> tuple[bool, bool]:
    """(applies, derived): a recorded "yes" or a fact about the members both make an item apply."""
    answer = facts.answers.get(f"{checklist.id}.{item.code}", facts.answers.get(item.code))
    derived = item.derive is not None and DERIVATIONS[item.derive](facts.members)
    return bool(answer) or derived, derived and not answer


def _guarantee_label(name: str) -> tuple[str, str]:
    return GUARANTEE_LABELS.get(name, (name, name))


def assess(
    facts: HouseholdFacts,
    *,
    lines: Iterable[PovertyLine],
    checklists: Iterable[Checklist],
    marginal_factor: Decimal = Decimal("1.5"),
    large_expense_fen: int = 1_000_000,
    standard_names: Mapping[str, tuple[str, str]] = DEFAULT_STANDARD_NAMES,
) -> Assessment:
    reasons: list[Reason] = []
    per_capita = per_capita_net(facts.income, facts.size)
    pc_text = format_yuan(per_capita)
    line = find_line(lines, year=facts.year, region_code=facts.region_code, standard=facts.standard)

    def std_name(code: str) -> tuple[str, str]:
        return standard_names.get(code, (f"标准{code}", f"standard {code}"))

    below_line = False
    margin: int | None = None
    income_marginal = False
    if line is None:
        zh_std, en_std = std_name(facts.standard)
        reasons.append(
            Reason(
                "line_missing",
                "missing",
                f"未录入 {facts.year} 年{zh_std}的贫困线，收入暂不能判断，仅按两不愁三保障判断",
                f"no poverty line entered for {facts.year} ({en_std}); income cannot be judged, "
                "only the two no-worries and three guarantees are used",
            )
        )
    else:
        if line.standard != facts.standard:
            asked_zh, asked_en = std_name(facts.standard)
            used_zh, used_en = std_name(line.standard)
            reasons.append(
                Reason(
                    "line_fallback",
                    "missing",
                    f"未录入 {facts.year} 年{asked_zh}，已按{used_zh}判断",
                    f"no {asked_en} entered for {facts.year}; the {used_en} was used",
                )
            )
        margin = per_capita - line.amount_fen
        below_line = margin < 0
        zh_std, en_std = std_name(line.standard)
        line_text = format_yuan(line.amount_fen)
        if below_line:
            reasons.append(
                Reason(
                    "income_below_line",
                    "income",
                    f"人均纯收入 {pc_text} 元，低于 {line.year} 年{zh_std} {line_text} 元",
                    f"per-capita net income {pc_text} yuan is below the {line.year} {en_std} of {line_text} yuan",
                )
            )
        else:
            reasons.append(
                Reason(
                    "income_not_below_line",
                    "income",
                    f"人均纯收入 {pc_text} 元，不低于 {line.year} 年{zh_std} {line_text} 元",
                    f"per-capita net income {pc_text} yuan is not below the {line.year} {en_std} of {line_text} yuan",
                )
            )
            income_marginal = Decimal(per_capita) < marginal_factor * Decimal(line.amount_fen)
            if income_marginal:
                limit = format_yuan(int(marginal_factor * line.amount_fen))
                reasons.append(
                    Reason(
                        "marginal_income",
                        "marginal",
                        f"人均纯收入低于贫困线的 {marginal_factor} 倍（{limit} 元），属边缘户，需持续监测",
                        f"per-capita income is below {marginal_factor} times the line ({limit} yuan): "
                        "a marginal household to monitor",
                    )
                )

    unmet: list[str] = []
    unchecked: list[str] = []
    names = list(GUARANTEES) + sorted(k for k in facts.guarantees if k not in GUARANTEES)
    for name in names:
        value = facts.guarantees.get(name)
        zh, en = _guarantee_label(name)
        if value is None:
            unchecked.append(name)
        elif value is False:
            unmet.append(name)
            reasons.append(Reason(f"guarantee_{name}", "guarantee", f"未达到：{zh}", f"not met: {en}"))
    if unchecked:
        reasons.append(
            Reason(
                "guarantees_unchecked",
                "missing",
                "尚未核实：" + "、".join(_guarantee_label(n)[0] for n in unchecked),
                "not yet checked: " + ", ".join(_guarantee_label(n)[1] for n in unchecked),
            )
        )

    exclusions: list[ChecklistItem] = []
    priorities: list[ChecklistItem] = []
    for checklist in checklists:
        if checklist.kind not in ("exclusion", "priority"):
            continue
        for item in checklist.items:
            applies, derived = _applies(checklist, item, facts)
            if not applies:
                continue
            how_zh, how_en = ("（据成员信息）", " (from member details)") if derived else ("", "")
            if checklist.kind == "exclusion":
                exclusions.append(item)
                reasons.append(
                    Reason(
                        item.code,
                        "exclusion",
                        f"不予识别（{checklist.zh}）：{item.zh}{how_zh}",
                        f"excluded ({checklist.en}): {item.en}{how_en}",
                    )
                )
            else:
                priorities.append(item)
                reasons.append(
                    Reason(
                        item.code,
                        "priority",
                        f"优先识别（{checklist.zh}）：{item.zh}{how_zh}",
                        f"priority ({checklist.en}): {item.en}{how_en}",
                    )
                )

    expense_marginal = False
    for code, amount, zh, en in (
        ("marginal_medical", facts.medical_expense_fen, "医疗支出", "medical expense"),
        ("marginal_disaster", facts.disaster_loss_fen, "灾害损失", "disaster loss"),
    ):
        if amount >= large_expense_fen:
            expense_marginal = True
            reasons.append(
                Reason(
                    code,
                    "marginal",
                    f"{zh} {format_yuan(amount)} 元，达到 {format_yuan(large_expense_fen)} 元，易致贫返贫，需持续监测",
                    f"{en} of {format_yuan(amount)} yuan reaches {format_yuan(large_expense_fen)} yuan: "
                    "at risk, to monitor",
                )
            )

    return Assessment(
        eligible=(below_line or bool(unmet)) and not exclusions,
        per_capita_fen=per_capita,
        line=line,
        margin_fen=margin,
        below_line=below_line,
        unmet_guarantees=tuple(unmet),
        exclusions=tuple(exclusions),
        priorities=tuple(priorities),
        marginal=income_marginal or expense_marginal,
        reasons=tuple(reasons),
    )
