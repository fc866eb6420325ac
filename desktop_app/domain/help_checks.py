"""Help while monitored, as county rules: what counts as a development measure and what a county flags
(MONITORING.md §5): no measure a month after inclusion, a household with labour and no development measure
six months after, a risk with no measure of its kind. Pure: facts in, issues (codes) out; the services turn
codes into labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_app.domain.monitoring_rules import MonitorRules, add_months

# codes of the "labour" list that mean a member is able to work (普通、技能、弱/半劳动力); 丧失/无 are not
ABLE_TO_WORK: frozenset[str] = frozenset({"1", "2", "3"})


@dataclass(frozen=True)
class MeasureFacts:
    category: str
    values: tuple[str, ...]
    started_on: date | None = None


@dataclass(frozen=True)
class CaseFacts:
    """An included case as the help checks see it."""

    included_on: date
    risks: tuple[str, ...]
    has_labour: bool
    measures: tuple[MeasureFacts, ...]


@dataclass(frozen=True)
class HelpIssue:
    """One rule a case breaks: ``rule`` is no_measure | no_development | risk_unmatched; for the last, the
    risk code and the categories that would have matched it."""

    rule: str
    risk: str | None = None
    categories: tuple[str, ...] = ()
    due: date | None = None


def has_labour(labour_codes: Iterable[str | None]) -> bool:
    return any(code in ABLE_TO_WORK for code in labour_codes)


def is_development(measure: MeasureFacts, rules: MonitorRules) -> bool:
    """A measure of a development category (industry, employment, credit, post); values the county lists as not
    development (skills training, other) do not count when they are all the measure has."""
    if measure.category not in rules.development_categories:
        return False
    excluded = rules.non_development_values.get(measure.category, ())
    return not measure.values or any(v not in excluded for v in measure.values)


def check_case(case: CaseFacts, rules: MonitorRules, today: date) -> list[HelpIssue]:
    """The issues of one included case on ``today`` (none before the months the county allows have passed)."""
    issues: list[HelpIssue] = []
    first_due = add_months(case.included_on, rules.measure_first_months)
    if today >= first_due:
        if not case.measures:
            issues.append(HelpIssue("no_measure", due=first_due))
        issues.extend(_unmatched_risks(case, rules, first_due))
    development_due = add_months(case.included_on, rules.development_months)
    if case.has_labour and today >= development_due and not any(is_development(m, rules) for m in case.measures):
        issues.append(HelpIssue("no_development", due=development_due))
    return issues


def _unmatched_risks(case: CaseFacts, rules: MonitorRules, due: date) -> Sequence[HelpIssue]:
    have = {m.category for m in case.measures}
    out = []
    for risk in case.risks:
        wanted = rules.risk_measures.get(risk)
        if wanted and not have.intersection(wanted):
            out.append(HelpIssue("risk_unmatched", risk=risk, categories=tuple(wanted), due=due))
    return out


def in_warning_band(per_capita_fen: int, line_fen: int, factor: Decimal) -> bool:
    """At or above the line, and at or below line × factor (the edge households to watch)."""
    return line_fen <= per_capita_fen <= int(Decimal(line_fen) * factor)


def risks_in_text(
    text: str, names: Mapping[str, Sequence[str]], *, other: str = "99", most: int = 5
) -> tuple[str, ...]:
    """The risk codes whose names (a label, its aliases, the label without its leading 因) appear in a
    department's reason text, in list order, at most ``most``; ``(other,)`` when none appears."""
    found = []
    for code, words in names.items():
        if code == other:
            continue
        stems = {w for w in words if w} | {w[1:] for w in words if w.startswith("因") and len(w) > 1}
        if any(stem in text for stem in stems):
            found.append(code)
    return tuple(found[:most]) or (other,)
