"""The county's data-quality rules (疑点规则, MONITORING.md §11) as data, and their evaluation over plain facts.

A rule is a row of the county's table: an id, a ``kind`` (which check below it runs), the message (what is
wrong), what to fix, the field(s) concerned, its parameters and the years it applies (``from_year`` …
``until_year``). The checks are pure functions of one household's facts (``HouseholdFacts``, read by
``services.quality`` with narrow queries) and today's date; they reuse the help checks' notions of labour and
of a development measure (``domain.help_checks``) and the monitoring rules' months (``MonitorRules``) where a
rule leaves a parameter out. Nothing here reads a file or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from desktop_app.domain.errors import DomainError
from desktop_app.domain.help_checks import ABLE_TO_WORK, MeasureFacts, is_development
from desktop_app.domain.idnumber import check as id_check
from desktop_app.domain.monitoring_rules import MonitorRules, add_months

__all__ = [
    "KINDS",
    "CaseQuality",
    "Hit",
    "HouseholdFacts",
    "MeasureQuality",
    "MemberQuality",
    "QualityRule",
    "RuleError",
    "RuleSet",
    "age_on",
    "compile_rules",
    "evaluate",
    "evaluate_compiled",
    "merge_rule_tables",
    "parse_rules",
]

IMPLEMENTED = frozenset({"2", "3"})  # code list "measure_status": implemented, completed
CANCELLED = "4"


class RuleError(DomainError):
    """A rule table a county wrote that cannot be used (names the rule and the key)."""


@dataclass(frozen=True, slots=True)
class MeasureQuality:
    category: str
    values: tuple[str, ...]
    status: str = "2"

    @property
    def implemented(self) -> bool:
        return self.status in IMPLEMENTED

    @property
    def counts(self) -> bool:
        """A measure on the plan (planned or done); a cancelled one is no measure."""
        return self.status != CANCELLED


class MemberQuality(NamedTuple):
    """One active member (a named tuple: a county has 350,000 of them, built in one go)."""

    name: str
    id_number: str | None = None  # only ever shown masked
    birth_date: date | str | None = None  # a date, or ISO text as SQLite keeps it (parsed only when a rule needs it)
    labour: str | None = None
    school_status: str | None = None
    subsistence: bool | None = None
    work_status: str | None = None
    post_tiers: tuple[str, ...] = ()  # the tiers of the posts the member holds now
    work_places: tuple[str, ...] = ()  # the county of work of each month worked


@dataclass(frozen=True, slots=True)
class CaseQuality:
    """The household's latest included monitoring case and the measures that belong to it."""

    stage: str
    included_on: date
    removed_on: date | None = None
    risks: tuple[str, ...] = ()
    disaster_sub: str | None = None
    risk_note: str = ""
    removal_method: str | None = None
    removal_facts: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    measures: tuple[MeasureQuality, ...] = ()


class HouseholdFacts(NamedTuple):
    members: tuple[MemberQuality, ...] = ()
    case: CaseQuality | None = None
    out_of_pocket_fen: int | None = None  # compliant out-of-pocket spending of the latest income record


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding of one rule: the field concerned and the particulars (a member, field keys, places)."""

    rule_id: str
    field: str
    member: MemberQuality | None = None
    items: tuple[str, ...] = ()
    number: int | None = None  # an age, a month count


@dataclass(frozen=True)
class QualityRule:
    id: str
    kind: str
    message: str
    fix: str
    fields: tuple[str, ...]
    params: Mapping[str, Any]
    from_year: int
    until_year: int | None = None
    message_en: str = ""
    fix_en: str = ""
    enabled: bool = True

    def applies(self, year: int) -> bool:
        return self.enabled and self.from_year <= year and (self.until_year is None or year <= self.until_year)

    def param(self, key: str, default: Any = None) -> Any:
        value = self.params.get(key)
        return default if value is None else value

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "message": self.message,
            "message_en": self.message_en,
            "fix": self.fix,
            "fix_en": self.fix_en,
            "fields": list(self.fields),
            "params": dict(self.params),
            "from_year": self.from_year,
            "until_year": self.until_year,
            "enabled": self.enabled,
        }


# --- the table --------------------------------------------------------------------------------------------


def _fail(rule_id: str, key: str, value: Any) -> RuleError:
    return RuleError(
        "bad_quality_rule",
        f"质量规则“{rule_id}”的“{key}”无效：{value!r}",
        f"quality rule {rule_id}: invalid {key}: {value!r}",
    )


def _year(rule_id: str, key: str, value: Any, *, optional: bool) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise _fail(rule_id, key, value)
    return value


def _rule(row: Mapping[str, Any]) -> QualityRule:
    rule_id = row.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleError("bad_quality_rule", f"质量规则缺少编号：{dict(row)!r}", f"a quality rule has no id: {row!r}")
    kind = row.get("kind")
    if kind not in KINDS:
        raise _fail(rule_id, "kind", kind)
    for key in ("message", "fix"):
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise _fail(rule_id, key, row.get(key))
    fields = row.get("fields", [])
    if isinstance(fields, str):
        fields = [fields]
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise _fail(rule_id, "fields", fields)
    params = row.get("params", {})
    if not isinstance(params, Mapping):
        raise _fail(rule_id, "params", params)
    from_year = _year(rule_id, "from_year", row.get("from_year"), optional=False)
    until_year = _year(rule_id, "until_year", row.get("until_year"), optional=True)
    assert from_year is not None
    if until_year is not None and until_year < from_year:
        raise _fail(rule_id, "until_year", until_year)
    enabled = row.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _fail(rule_id, "enabled", enabled)
    return QualityRule(
        id=rule_id.strip(),
        kind=str(kind),
        message=row["message"].strip(),
        fix=row["fix"].strip(),
        fields=tuple(fields),
        params=MappingProxyType(dict(params)),
        from_year=from_year,
        until_year=until_year,
        message_en=str(row.get("message_en", "")),
        fix_en=str(row.get("fix_en", "")),
        enabled=enabled,
    )


def merge_rule_tables(shipped: Sequence[Mapping[str, Any]], county: Sequence[Mapping[str, Any]]) -> list[Any]:
    """The shipped rows with the county's on top: a county row with a shipped id changes only the keys it gives
    (``params`` key by key), a new id adds a rule (then it must be complete)."""
    rows: dict[str, dict[str, Any]] = {}
    for row in shipped:
        rows[str(row.get("id"))] = dict(row)
    for row in county:
        if not isinstance(row, Mapping):
            raise RuleError(
                "bad_quality_rule", f"质量规则应为对象：{row!r}", f"a quality rule must be an object: {row!r}"
            )
        rule_id = str(row.get("id"))
        base = rows.get(rule_id, {})
        merged = {**base, **row}
        if isinstance(base.get("params"), Mapping) and isinstance(row.get("params"), Mapping):
            merged["params"] = {**base["params"], **row["params"]}
        rows[rule_id] = merged
    return list(rows.values())


def parse_rules(rows: Iterable[Any]) -> tuple[QualityRule, ...]:
    """The rules of a table (keys starting with "_" are comments); a bad row or a repeated id is refused."""
    out: list[QualityRule] = []
    seen: set[str] = set()
    for row in rows:
        if not isinstance(row, Mapping):
            raise RuleError(
                "bad_quality_rule", f"质量规则应为对象：{row!r}", f"a quality rule must be an object: {row!r}"
            )
        rule = _rule({k: v for k, v in row.items() if not str(k).startswith("_")})
        if rule.id in seen:
            raise _fail(rule.id, "id", rule.id)
        seen.add(rule.id)
        out.append(rule)
    return tuple(out)


# --- the checks ---------------------------------------------------------------------------------------------


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _able(member: MemberQuality) -> bool:
    return member.labour in ABLE_TO_WORK


def _risk(rule: QualityRule, default: str) -> str:
    return str(rule.param("risk", default))


Check = Callable[[QualityRule, HouseholdFacts, date, MonitorRules], list[Hit]]


def _hit(rule: QualityRule, **kw: Any) -> list[Hit]:
    return [Hit(rule.id, rule.fields[0] if rule.fields else "", **kw)]


def _no_risk(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    return _hit(rule) if h.case and not h.case.risks else []


def _removal_fields(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or case.removed_on is None:
        return []
    wanted = tuple(rule.param("fields", mr.removal_fields))
    empty = tuple(k for k in wanted if case.removal_facts.get(k) in (None, ""))
    return _hit(rule, items=empty) if empty else []


def _removed_help_no_measure(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or case.removed_on is None or case.removal_method not in tuple(rule.param("methods", ("1",))):
        return []
    return [] if any(m.implemented for m in case.measures) else _hit(rule)


def _not_implemented(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or case.removed_on is not None:
        return []
    months = int(rule.param("months", mr.measure_first_months))
    if today < add_months(case.included_on, months) or any(m.implemented for m in case.measures):
        return []
    return _hit(rule, number=months)


def _removal_too_soon(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or case.removed_on is None:
        return []
    months = int(rule.param("months", mr.removal_min_months))
    return _hit(rule, number=months) if case.removed_on < add_months(case.included_on, months) else []


def _risk_without_remark(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    return _hit(rule) if case and _risk(rule, "99") in case.risks and not case.risk_note.strip() else []


def _risk_without_sub(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    return _hit(rule) if case and _risk(rule, "04") in case.risks and not case.disaster_sub else []


def _risk_needs_labour(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or _risk(rule, "07") not in case.risks:
        return []
    return [] if any(_able(m) for m in h.members) else _hit(rule)


def _risk_needs_no_labour(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or _risk(rule, "08") not in case.risks or not h.members:
        return []
    return _hit(rule) if all(_able(m) for m in h.members) else []


def _risk_needs_measure(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or str(rule.param("risk", "")) not in case.risks:
        return []
    wanted = set(rule.param("categories", ()))
    have = any(m.counts and m.category in wanted for m in case.measures)
    return [] if have else _hit(rule, items=tuple(sorted(wanted)))


def _subsistence_mismatch(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None:
        return []
    category, value = str(rule.param("category", "100A48")), str(rule.param("value", "1"))
    measure = any(m.counts and m.category == category and value in m.values for m in case.measures)
    members = any(m.subsistence for m in h.members)
    if measure == members:
        return []
    return [Hit(rule.id, rule.fields[0] if measure else rule.fields[-1], items=("measure" if measure else "member",))]


def _no_development(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or case.removed_on is not None or not any(_able(m) for m in h.members):
        return []
    months = int(rule.param("months", mr.development_months))
    if today < add_months(case.included_on, months):
        return []
    done = any(m.counts and is_development(MeasureFacts(m.category, m.values), mr) for m in case.measures)
    return [] if done else _hit(rule, number=months)


def _age_school_stage(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    bands: Mapping[str, Sequence[int]] = rule.param("bands", {})
    out = []
    for m in h.members:
        band = bands.get(m.school_status or "")
        if band is None:
            continue
        birth = date.fromisoformat(m.birth_date) if isinstance(m.birth_date, str) else m.birth_date
        if birth is None and m.id_number:
            birth = id_check(m.id_number, today=today).birth_date
        if birth is None:
            continue
        age = age_on(birth, today)
        if not band[0] <= age <= band[1]:
            out.append(
                Hit(
                    rule.id, rule.fields[0] if rule.fields else "", member=m, items=(m.school_status or "",), number=age
                )
            )
    return out


def _risk_zero_spending(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    case = h.case
    if case is None or _risk(rule, "01") not in case.risks:
        return []
    return _hit(rule) if not h.out_of_pocket_fen else []


def _outside_work_village_post(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    outside = set(rule.param("work_statuses", ("3", "4")))
    tiers = set(rule.param("post_tiers", ("3",)))
    return [
        Hit(rule.id, rule.fields[0] if rule.fields else "", member=m, items=(m.work_status or "",))
        for m in h.members
        if m.work_status in outside and tiers.intersection(m.post_tiers)
    ]


def _work_place_level(rule: QualityRule, h: HouseholdFacts, today: date, mr: MonitorRules) -> list[Hit]:
    suffixes = tuple(rule.param("suffixes", ("县", "区", "市", "旗")))
    out = []
    for m in h.members:
        if not m.work_places:
            continue
        bad = tuple(sorted({p for p in m.work_places if not p.strip() or not p.strip().endswith(suffixes)}))
        if bad:
            out.append(Hit(rule.id, rule.fields[0] if rule.fields else "", member=m, items=bad))
    return out


KINDS: Mapping[str, Check] = MappingProxyType(
    {
        "no_risk": _no_risk,
        "removal_fields": _removal_fields,
        "removed_help_no_measure": _removed_help_no_measure,
        "measures_not_implemented": _not_implemented,
        "removal_too_soon": _removal_too_soon,
        "risk_without_remark": _risk_without_remark,
        "risk_without_sub": _risk_without_sub,
        "risk_needs_labour": _risk_needs_labour,
        "risk_needs_no_labour": _risk_needs_no_labour,
        "risk_needs_measure": _risk_needs_measure,
        "subsistence_mismatch": _subsistence_mismatch,
        "no_development": _no_development,
        "age_school_stage": _age_school_stage,
        "risk_zero_spending": _risk_zero_spending,
        "outside_work_village_post": _outside_work_village_post,
        "work_place_level": _work_place_level,
    }
)


# kinds that look only at the members (all others need the household's monitoring case)
MEMBER_KINDS = frozenset({"age_school_stage", "outside_work_village_post", "work_place_level"})


@dataclass(frozen=True)
class RuleSet:
    """The rules in force in one year with their checks looked up once: those needing a case apart, so that
    the 95 % of households without one run only the member rules."""

    member_rules: tuple[tuple[QualityRule, Check], ...]
    case_rules: tuple[tuple[QualityRule, Check], ...]
    order: Mapping[str, int]


def compile_rules(rules: Sequence[QualityRule], year: int) -> RuleSet:
    active = [r for r in rules if r.applies(year)]
    return RuleSet(
        tuple((r, KINDS[r.kind]) for r in active if r.kind in MEMBER_KINDS),
        tuple((r, KINDS[r.kind]) for r in active if r.kind not in MEMBER_KINDS),
        MappingProxyType({r.id: n for n, r in enumerate(active)}),
    )


def evaluate_compiled(rule_set: RuleSet, facts: HouseholdFacts, today: date, monitor_rules: MonitorRules) -> list[Hit]:
    out: list[Hit] = []
    if facts.case is not None:
        for rule, check in rule_set.case_rules:
            out.extend(check(rule, facts, today, monitor_rules))
    if facts.members:
        for rule, check in rule_set.member_rules:
            out.extend(check(rule, facts, today, monitor_rules))
    if len(out) > 1:
        out.sort(key=lambda hit: rule_set.order[hit.rule_id])
    return out


def evaluate(
    rules: Sequence[QualityRule], facts: HouseholdFacts, today: date, monitor_rules: MonitorRules
) -> list[Hit]:
    """Every hit of the rules in force in ``today``'s year on one household, in rule order."""
    return evaluate_compiled(compile_rules(rules, today.year), facts, today, monitor_rules)
