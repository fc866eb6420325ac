"""The county's monitoring rules (防止返贫监测规则), deadlines and terminology, as data.

``MonitorRules.from_mapping`` accepts the JSON a county writes (``forms/monitoring_rules.json``, the setting
``monitoring.rules``) or the text a cadre types (``fupin monitor rules --set KEY=VALUE``) and names the bad
key in Chinese when a value cannot be used. Nothing here reads the clock: today's date is an argument.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from desktop_app.domain.procedure_rules import ProcedureError, ProcedureRules

__all__ = [
    "MonitorError",
    "MonitorRules",
    "add_months",
    "add_working_days",
    "days_left",
    "deadline_for",
    "home_check_due",
    "term_for",
]


class MonitorError(ProcedureError):
    """A monitoring step the procedure does not allow now (code, Chinese reason, English twin)."""


_DEFAULT_REMOVAL_FIELDS = (
    "dropout_child",
    "housing_damaged",
    "no_medical_insurance",
    "water_damaged",
    "wage_fen",
    "property_fen",
    "transfer_fen",
    "production_fen",
    "production_costs_fen",
    "net_income_fen",
    "per_capita_fen",
    "insurance_claim_fen",
    "out_of_pocket_fen",
)

# Chinese names of the keys, for the messages that name a bad one.
RULE_LABELS: Mapping[str, str] = {
    "deadline_days": "纳入时限（天）",
    "deadline_working_days": "时限按工作日计算",
    "home_check_days": "自主申报入户核实时限（工作日）",
    "warn_days": "临期提醒（天）",
    "holidays": "节假日",
    "notice_min_days": "公示最少天数",
    "pass_fraction": "评议通过比例",
    "pass_base": "评议通过基数",
    "pass_at_least": "评议比例含等于",
    "min_checkers": "入户核实最少人数",
    "terminology_from_year": "启用“防止返贫致贫对象”称谓的年份",
    "income_window": "收入计算区间",
    "warning_band_factor": "预警范围倍数",
    "measure_first_months": "纳入后落实首项措施时限（月）",
    "development_months": "有劳动力户落实开发式措施时限（月）",
    "development_categories": "开发式帮扶措施类别",
    "non_development_values": "不计为开发式的措施",
    "risk_measures": "风险对应的帮扶措施类别",
    "removal_stable_months": "收入稳定超过监测范围的月数",
    "removal_min_months": "纳入后最短监测月数",
    "removal_fields": "风险消除须填写的指标",
    "visit_fall_share": "八必访：人均收入下降比例",
    "visit_wage_share": "八必访：务工收入占总收入比例",
    "visit_expense_share": "八必访：医疗或自付支出占总收入比例",
    "visit_school_age": "八必访：非义务教育在读年龄（周岁）",
    "visit_students": "八必访：非义务教育在读子女人数",
}

_INT_KEYS = (
    "deadline_days",
    "home_check_days",
    "warn_days",
    "notice_min_days",
    "min_checkers",
    "terminology_from_year",
    "measure_first_months",
    "development_months",
    "removal_stable_months",
    "removal_min_months",
    "visit_school_age",
    "visit_students",
)
_BOOL_KEYS = ("deadline_working_days", "pass_at_least")
_LIST_KEYS = ("development_categories", "removal_fields")
_MAP_KEYS = ("non_development_values", "risk_measures")
_SHARE_KEYS = ("visit_fall_share", "visit_wage_share", "visit_expense_share")  # a share of income, 0 < x ≤ 1
INCOME_WINDOWS = ("collection", "months12", "calendar")


def _bad(key: str, value: Any) -> MonitorError:
    name = RULE_LABELS.get(key)
    if name is None:
        return MonitorError("bad_monitor_rule", f"没有这项监测规则：{key}", f"no monitoring rule named {key}")
    return MonitorError(
        "bad_monitor_rule",
        f"监测规则“{name}”（{key}）的值无效：{value!r}",
        f"monitoring rule {key} has an invalid value: {value!r}",
    )


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y", "是"):
        return True
    if text in ("0", "false", "no", "n", "否"):
        return False
    raise ValueError(value)


def _as_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    number = int(str(value).strip()) if isinstance(value, str) else int(value)
    if number != value and not isinstance(value, str):
        raise ValueError(value)
    if number < 0:
        raise ValueError(value)
    return number


def _as_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            value = json.loads(text)
        else:
            return tuple(part.strip() for part in text.replace("，", ",").split(",") if part.strip())
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(value)
    return tuple(value)


def _as_map(value: Any) -> dict[str, tuple[str, ...]]:
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, Mapping):
        raise ValueError(value)
    return {str(k): _as_list(v) for k, v in value.items()}


def _as_dates(value: Any) -> tuple[date, ...]:
    items = _as_list(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValueError(value)
    return tuple(sorted(v if isinstance(v, date) else date.fromisoformat(str(v)) for v in items))


@dataclass(frozen=True)
class MonitorRules:
    """What a county may set (MONITORING.md §4–§6); the defaults are those of ``forms/monitoring_rules.json``."""

    deadline_days: int = 15
    deadline_working_days: bool = False
    home_check_days: int = 2
    warn_days: int = 3
    holidays: tuple[date, ...] = ()
    notice_min_days: int = 5
    pass_fraction: Fraction = Fraction(1, 2)
    pass_base: str = "present"
    pass_at_least: bool = False
    min_checkers: int = 2
    terminology_from_year: int = 2026
    income_window: str = "collection"
    warning_band_factor: Decimal = Decimal("1.2")
    measure_first_months: int = 1
    development_months: int = 6
    development_categories: tuple[str, ...] = ("100A39", "100A40", "100A41", "100A42")
    non_development_values: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: {"100A40": ("1", "9")})
    risk_measures: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    removal_stable_months: int = 6
    removal_min_months: int = 6
    removal_fields: tuple[str, ...] = _DEFAULT_REMOVAL_FIELDS
    # 八必访 (MONITORING.md §4): the thresholds of the must-visit list
    visit_fall_share: Decimal = Decimal("0.3")  # per-capita income fell by at least this share from the record before
    visit_wage_share: Decimal = Decimal("0.6")  # wages at least this share of gross income
    visit_expense_share: Decimal = Decimal("0.3")  # medical or out-of-pocket spending at least this share of gross
    visit_school_age: int = 16  # in school at this age or older: beyond compulsory education
    visit_students: int = 2  # that many such children

    def vote_rule(self) -> ProcedureRules:
        """The pass rule of the evaluations, as the identification procedure states and applies it."""
        return ProcedureRules(
            pass_fraction=self.pass_fraction, pass_base=self.pass_base, pass_at_least=self.pass_at_least
        )

    def passes(self, votes_for: int, present: int, expected: int | None) -> bool:
        """Whether a vote passes by the county's rule (share of those present, or of those expected)."""
        return self.vote_rule().passes(votes_for, present, expected)

    def votes_needed_text(self) -> tuple[str, str]:
        return self.vote_rule().votes_needed_text()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> MonitorRules:
        """The rules from JSON values or typed text; keys starting with "_" are comments."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if key not in known:
                raise _bad(key, value)
            try:
                values[key] = _parse(key, value)
            except (ValueError, TypeError, ZeroDivisionError, InvalidOperation, json.JSONDecodeError) as exc:
                raise _bad(key, value) from exc
        rules = cls(**values)
        if rules.deadline_days < 1:
            raise _bad("deadline_days", rules.deadline_days)
        if rules.notice_min_days < 1:
            raise _bad("notice_min_days", rules.notice_min_days)
        if rules.min_checkers < 1:
            raise _bad("min_checkers", rules.min_checkers)
        if rules.visit_students < 1:
            raise _bad("visit_students", rules.visit_students)
        return rules

    def to_mapping(self) -> dict[str, Any]:
        """JSON-ready values (what the setting stores and ``fupin monitor rules`` prints)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Fraction | Decimal):
                value = str(value)
            elif f.name == "holidays":
                value = [d.isoformat() for d in value]
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = {k: list(v) for k, v in value.items()}
            out[f.name] = value
        return out


def _parse(key: str, value: Any) -> Any:
    if key in _INT_KEYS:
        return _as_int(value)
    if key in _BOOL_KEYS:
        return _as_bool(value)
    if key in _LIST_KEYS:
        return _as_list(value)
    if key in _MAP_KEYS:
        return _as_map(value)
    if key == "holidays":
        return _as_dates(value)
    if key == "pass_fraction":
        fraction = Fraction(str(value).strip())
        if not 0 < fraction < 1:
            raise ValueError(value)
        return fraction
    if key == "pass_base":
        if value not in ("present", "expected"):
            raise ValueError(value)
        return value
    if key in _SHARE_KEYS:
        share = Decimal(str(value).strip())
        if not 0 < share <= 1:
            raise ValueError(value)
        return share
    if key == "income_window":
        if value not in INCOME_WINDOWS:
            raise ValueError(value)
        return value
    # warning_band_factor
    factor = Decimal(str(value).strip())
    if factor < 1:
        raise ValueError(value)
    return factor


# --- deadlines ------------------------------------------------------------------------------------------


def is_working_day(day: date, rules: MonitorRules) -> bool:
    return day.weekday() < 5 and day not in rules.holidays


def add_working_days(start: date, days: int, rules: MonitorRules) -> date:
    """The ``days``-th working day after ``start`` (Mon–Fri, the county's holidays excluded)."""
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current, rules):
            counted += 1
    return current


def deadline_for(found: date, rules: MonitorRules) -> date:
    """The last day for inclusion: ``found`` + deadline_days (calendar, or working days when the county says so)."""
    if rules.deadline_working_days:
        return add_working_days(found, rules.deadline_days, rules)
    return found + timedelta(days=rules.deadline_days)


def home_check_due(found: date, rules: MonitorRules) -> date:
    """The last day of the home check after a household's own application (home_check_days working days)."""
    return add_working_days(found, rules.home_check_days, rules)


def days_left(deadline: date, today: date, rules: MonitorRules) -> int:
    """Days from ``today`` to ``deadline``, negative when past: calendar days, or working days (today not
    counted) when the county counts its deadline in working days."""
    if not rules.deadline_working_days:
        return (deadline - today).days
    sign, lo, hi = (1, today, deadline) if deadline >= today else (-1, deadline, today)
    return sign * working_days_between(lo, hi, rules)


def working_days_between(lo: date, hi: date, rules: MonitorRules) -> int:
    """The working days in (lo, hi] (Mon–Fri minus the county's holidays), in constant time per holiday."""
    weeks, rest = divmod((hi - lo).days, 7)
    count = weeks * 5
    start = lo + timedelta(days=weeks * 7)
    count += sum(1 for i in range(1, rest + 1) if (start + timedelta(days=i)).weekday() < 5)
    return count - sum(1 for h in rules.holidays if lo < h <= hi and h.weekday() < 5)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_first = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_first - timedelta(days=1)).day))


# --- terminology ----------------------------------------------------------------------------------------


def term_for(year: int, rules: MonitorRules) -> tuple[str, str]:
    """防止返贫致贫对象 for cases found from terminology_from_year (2026 by default), else 监测对象."""
    if year >= rules.terminology_from_year:
        return "防止返贫致贫对象", "household under watch against (re)poverty"
    return "监测对象", "monitored household"
