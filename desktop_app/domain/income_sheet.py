"""The yearly income worksheet (收入情况, MONITORING.md §7) as pure rules: lines, totals, validation.

The five groups are national: A wages, B production and business, C property, D transfers, E production and
business costs; net income = A + B + C + D − E, per capita over the members the record counts. The sub-lines
of each group are county data (``forms/income_lines.json``, read by ``catalog.income_lines``) and reach this
module as :class:`LineDef` values. Beside the net income the sheet carries insurance-claim income and the
compliant out-of-pocket spending (合规自付支出), which a judgement weighs but which are not part of the net.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop_app.domain.errors import DomainError
from desktop_app.domain.income import Income, per_capita_net
from desktop_app.domain.money import parse_yuan

GROUPS = ("A", "B", "C", "D", "E")
GROUP_COLUMNS = {"A": "wage_fen", "B": "business_fen", "C": "property_fen", "D": "transfer_fen", "E": "costs_fen"}
EXTRAS = ("insurance_claim", "out_of_pocket", "medical_expense", "disaster_loss")
NOTE_MAX = 200
WINDOWS = ("collection", "months12", "calendar")


# Records keyed by (household, year) or (region, year) get the same id on every laptop, so that two laptops that
# enter the same year merge field by field instead of colliding on the unique key (migration 0008 uses it too).
_IDS = uuid.UUID("5f1d0c3e-8a4b-4c1e-9f0a-6d2b7e3c9a15")


def income_record_id(household_id: str, year: int) -> str:
    return str(uuid.uuid5(_IDS, f"income_record:{household_id}:{year}"))


def monitoring_line_id(region_code: str, year: int) -> str:
    return str(uuid.uuid5(_IDS, f"monitoring_line:{region_code}:{year}"))


@dataclass(frozen=True)
class LineDef:
    """One sub-line of the worksheet (or an extra such as out-of-pocket spending, group "")."""

    key: str
    group: str
    zh: str
    en: str
    signed: bool = False  # the line may be negative (none of the shipped lines)

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Entry:
    fen: int = 0
    note: str = ""


@dataclass(frozen=True)
class SheetTotals:
    groups: dict[str, int]  # "A"…"E" → fen
    gross_fen: int
    net_fen: int
    size: int
    per_capita_fen: int | None
    extras: dict[str, int]  # EXTRAS → fen

    def income(self) -> Income:
        g = self.groups
        return Income(wage=g["A"], business=g["B"], property=g["C"], transfer=g["D"], costs=g["E"])


@dataclass(frozen=True)
class SheetProblem:
    key: str
    zh: str
    en: str


def line_defs(data: Mapping[str, Any]) -> tuple[tuple[LineDef, ...], tuple[LineDef, ...]]:
    """The county's sub-lines and the extras from the data of ``income_lines.json``; a line of an unknown
    group or a repeated key is refused (the file is county data and may be edited by hand)."""
    lines = tuple(
        LineDef(str(i["key"]), str(i["group"]), str(i["zh"]), str(i.get("en", i["zh"])), bool(i.get("signed", False)))
        for i in data.get("lines", ())
    )
    extras = tuple(LineDef(str(i["key"]), "", str(i["zh"]), str(i.get("en", i["zh"]))) for i in data.get("extras", ()))
    keys = [d.key for d in lines + extras]
    bad = [d.key for d in lines if d.group not in GROUPS]
    if bad or len(set(keys)) != len(keys):
        raise DomainError(
            "income_lines", f"收入明细项目有误：{bad or keys}", f"bad income line definitions: {bad or keys}"
        )
    return lines, extras


def parse_entry(raw: Any) -> Entry:
    """An entry as a caller gives it: fen (int), yuan text, or a mapping with "fen" or "yuan" and "note"."""
    if isinstance(raw, Entry):
        return raw
    if isinstance(raw, Mapping):
        note = str(raw.get("note", "") or "")
        if "fen" in raw and raw["fen"] is not None:
            return Entry(int(raw["fen"]), note)
        yuan = raw.get("yuan")
        return Entry(parse_yuan(yuan) if yuan not in (None, "") else 0, note)
    if isinstance(raw, bool):
        raise DomainError("bad_money", f"金额无效：{raw}", f"invalid amount: {raw}")
    if isinstance(raw, int):
        return Entry(raw)
    if raw in (None, ""):
        return Entry()
    return Entry(parse_yuan(raw))


def check_entries(defs: Sequence[LineDef], raw: Mapping[str, Any]) -> tuple[dict[str, Entry], list[SheetProblem]]:
    """The entries of every known line (missing ones are 0) and every problem at once: an unknown key, an
    amount that is not a number, a negative amount on a line that may not be negative, a note over 200
    characters."""
    known = {d.key: d for d in defs}
    problems = [SheetProblem(k, f"未知的收入项目“{k}”", f"unknown income line '{k}'") for k in raw if k not in known]
    entries: dict[str, Entry] = {}
    for d in defs:
        try:
            entry = parse_entry(raw.get(d.key))
        except (DomainError, ValueError, TypeError):
            problems.append(SheetProblem(d.key, f"“{d.zh}”的金额无效", f"'{d.en}': not an amount"))
            continue
        if entry.fen < 0 and not d.signed:
            problems.append(SheetProblem(d.key, f"“{d.zh}”的金额不能为负数", f"'{d.en}' cannot be negative"))
        if len(entry.note) > NOTE_MAX:
            problems.append(
                SheetProblem(d.key, f"“{d.zh}”的说明最多 {NOTE_MAX} 字", f"'{d.en}': at most {NOTE_MAX} characters")
            )
        entries[d.key] = entry
    return entries, problems


def totals(lines: Iterable[LineDef], entries: Mapping[str, Entry], size: int) -> SheetTotals:
    """Group totals, gross (A–D), net (A+B+C+D−E), per capita over ``size`` members (None without members)."""
    groups = dict.fromkeys(GROUPS, 0)
    for d in lines:
        if d.group:
            groups[d.group] += entries.get(d.key, Entry()).fen
    extras = {key: entries.get(key, Entry()).fen for key in EXTRAS}
    income = Income(
        wage=groups["A"], business=groups["B"], property=groups["C"], transfer=groups["D"], costs=groups["E"]
    )
    return SheetTotals(
        groups=groups,
        gross_fen=income.gross_total(),
        net_fen=income.net_total(),
        size=size,
        per_capita_fen=per_capita_net(income, size) if size > 0 else None,
        extras=extras,
    )


def income_period(window: str, year: int, *, applied_on: date | None = None) -> tuple[date, date]:
    """The months a record of ``year`` covers: "collection" = October of last year to September (the yearly
    data collection), "months12" = the 12 months before the application (the calendar year without one),
    "calendar" = January to December."""
    if window == "collection":
        return date(year - 1, 10, 1), date(year, 9, 30)
    if window == "calendar":
        return date(year, 1, 1), date(year, 12, 31)
    if window == "months12":
        end = applied_on or date(year + 1, 1, 1)
        try:
            start = end.replace(year=end.year - 1)
        except ValueError:  # 29 February
            start = end.replace(year=end.year - 1, day=28)
        return start, end - timedelta(days=1)
    raise DomainError(
        "income_window",
        f"收入统计期应为 collection（上年10月至9月）、months12（申请前12个月）或 calendar（自然年）：{window}",
        f"the income window is 'collection', 'months12' or 'calendar', not '{window}'",
    )


def present_during(joined_on: date | None, left_on: date | None, active: bool, start: date, end: date) -> bool:
    """Whether a member lived in the household during the period (a member who left without a date: no)."""
    if joined_on is not None and joined_on > end:
        return False
    if left_on is not None:
        return left_on >= start
    return active
