"""Monthly migrant-work monitoring (务工月监测, MONITORING.md §9): one member's month and its checks.

A month is a ``YYYYMM`` integer. An entry is refused as a whole with every problem named: a day outside
the month, an end before the start, a channel or industry code not in its code list, a negative amount, or a
wage typed for a member marked as not working.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.assistance import month_text, valid_month
from desktop_app.domain.errors import DomainError
from desktop_app.domain.posts import days_in_month


@dataclass(frozen=True)
class WorkEntry:
    """What is typed for one member and month (money in fen)."""

    member_id: str
    worked: bool
    started_on: date | None = None
    ended_on: date | None = None
    place: str = ""
    channel: str | None = None
    industry: str | None = None
    employer: str = ""
    wage_fen: int = 0
    transport_subsidy_fen: int = 0
    note: str = ""


class WorkMonthInvalid(DomainError):
    """Every problem of the entries at once; nothing was saved. ``problems``: (member_id, Chinese, English)."""

    def __init__(self, problems: list[tuple[str, str, str]], names: dict[str, str] | None = None) -> None:
        names = names or {}
        zh = "务工月度记录有误，未保存：" + "；".join(f"{names.get(m, m)}：{z}" for m, z, _ in problems)
        en = "the work months were not saved: " + "; ".join(f"{names.get(m, m)}: {e}" for m, _, e in problems)
        super().__init__("work_month_invalid", zh, en)
        self.problems = tuple(problems)


def check_month(month: int) -> None:
    if not valid_month(month):
        raise DomainError("work_month", f"月份无效：{month}（应为 YYYYMM，如 202603）", f"invalid month: {month}")


def month_bounds(month: int) -> tuple[date, date]:
    year, mon = divmod(month, 100)
    return date(year, mon, 1), date(year, mon, days_in_month(month))


def entry_problems(
    month: int, entry: WorkEntry, channels: Collection[str], industries: Collection[str]
) -> list[tuple[str, str]]:
    """The problems of one entry as (Chinese, English); empty when it may be saved."""
    first, last = month_bounds(month)
    shown = month_text(month)
    out: list[tuple[str, str]] = []
    for label, en, day in (("开始日期", "start", entry.started_on), ("结束日期", "end", entry.ended_on)):
        if day is not None and not first <= day <= last:
            out.append((f"{label} {day.isoformat()} 不在 {shown} 月内", f"{en} {day.isoformat()} is outside {shown}"))
    if entry.started_on and entry.ended_on and entry.ended_on < entry.started_on:
        out.append(("结束日期早于开始日期", "the end is before the start"))
    if entry.channel is not None and entry.channel not in channels:
        out.append((f"务工渠道代码无效：{entry.channel}", f"unknown channel {entry.channel}"))
    if entry.industry is not None and entry.industry not in industries:
        out.append((f"务工行业代码无效：{entry.industry}", f"unknown industry {entry.industry}"))
    for label, en, fen in (
        ("工资", "wage", entry.wage_fen),
        ("交通补助", "transport subsidy", entry.transport_subsidy_fen),
    ):
        if fen < 0:
            out.append((f"{label}不能为负数", f"the {en} cannot be negative"))
    if not entry.worked and (entry.wage_fen or entry.started_on or entry.ended_on):
        out.append(("标为未务工却填了工资或日期", "marked as not working but has a wage or dates"))
    return out
