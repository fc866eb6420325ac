"""Pairing rules (结对帮扶规则) as data, and the pure judgements the pairing ledger makes with them.

The county's values come from ``forms/pairing_rules.json`` with the database's saved keys on top
(``services.assistance.rules``); :meth:`PairingRules.from_mapping` checks them and refuses a bad value with an
:class:`~desktop_app.domain.assistance.AssistError` naming the key. Keys:

- ``limits``: households a cadre may look after, per ``cadre_rank`` code (leaders 3, section leaders 2, staff 1,
  village work team and village cadres 5, other 1); ``limit_unranked``: the limit of a cadre without a rank
  (``null``: not checked);
- ``count_roles``: the pairing roles a cadre's load counts (distinct households), ``refuse_over_limit``: whether
  pairing beyond the limit is refused (otherwise the coverage check lists the cadre);
- ``pair_only_active_cadres``: a cadre whose roster dates do not include the pairing's start cannot be paired;
- ``cover_stages``: the identification stages of households that must have a pairing cadre (registered and the
  exit stages through exited); ``cover_monitored``: households with an included monitoring case must have a
  monitoring contact; ``contact_from_case``: the contact name on the open case counts as one;
- ``visits_per_year``: the yearly minimum of visits of a pairing cadre, ``visits_per_year_monitored``: of a
  monitoring contact; a pairing of part of the year owes its share (to the nearest whole visit).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from desktop_app.domain.assistance import AssistError

RULES_NAME = "pairing_rules"
ROLE_CADRE, ROLE_CONTACT = "1", "2"
ROLES = (ROLE_CADRE, ROLE_CONTACT)
RANKS = ("1", "2", "3", "4", "5", "9")
STAGES = (
    "applied",
    "surveyed",
    "evaluated",
    "village_announced",
    "township_reviewed",
    "township_announced",
    "county_approved",
    "registered",
    "rejected",
    "removed",
    "exit_proposed",
    "exit_verified",
    "exit_acknowledged",
    "exit_announced",
    "exited",
)
NO_CADRE = "无帮扶责任人"
NO_CONTACT = "监测户无监测联系人"


def _bad(key: str, zh: str, en: str) -> AssistError:
    return AssistError("bad_pairing_rules", f"结对帮扶规则 {key} 无效：{zh}", f"pairing rule {key}: {en}", rule=key)


def _count(key: str, value: Any, top: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
        raise _bad(f"{RULES_NAME}.{key}", f"应为 0 至 {top} 的整数（现为 {value!r}）", f"must be 0..{top}")
    return value


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad(f"{RULES_NAME}.{key}", f"应为 true 或 false（现为 {value!r}）", "must be true or false")
    return value


def _codes(key: str, value: Any, known: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list) or any(str(v) not in known for v in value):
        raise _bad(f"{RULES_NAME}.{key}", f"应为代码列表，可用：{'、'.join(known)}", f"must be a list of {known}")
    return tuple(str(v) for v in value)


@dataclass(frozen=True)
class PairingRules:
    limits: Mapping[str, int]
    limit_unranked: int | None = None
    count_roles: tuple[str, ...] = ROLES
    refuse_over_limit: bool = False
    pair_only_active_cadres: bool = True
    cover_stages: tuple[str, ...] = ("registered", "exited")
    cover_monitored: bool = True
    contact_from_case: bool = True
    visits_per_year: int = 4
    visits_per_year_monitored: int = 12

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> PairingRules:
        """The rules of ``data`` (the shipped file with the county's keys on top), every value checked."""
        limits = data.get("limits", {})
        if not isinstance(limits, Mapping) or any(str(k) not in RANKS for k in limits):
            raise _bad(f"{RULES_NAME}.limits", f"应为“职级代码: 户数”，职级代码：{'、'.join(RANKS)}", "rank: count")
        unranked = data.get("limit_unranked")
        return cls(
            limits={str(k): _count(f"limits.{k}", v, 1000) for k, v in limits.items()},
            limit_unranked=None if unranked is None else _count("limit_unranked", unranked, 1000),
            count_roles=_codes("count_roles", data.get("count_roles", list(ROLES)), ROLES),
            refuse_over_limit=_flag("refuse_over_limit", data.get("refuse_over_limit", False)),
            pair_only_active_cadres=_flag("pair_only_active_cadres", data.get("pair_only_active_cadres", True)),
            cover_stages=_codes("cover_stages", data.get("cover_stages", ["registered", "exited"]), STAGES),
            cover_monitored=_flag("cover_monitored", data.get("cover_monitored", True)),
            contact_from_case=_flag("contact_from_case", data.get("contact_from_case", True)),
            visits_per_year=_count("visits_per_year", data.get("visits_per_year", 4), 366),
            visits_per_year_monitored=_count(
                "visits_per_year_monitored", data.get("visits_per_year_monitored", 12), 366
            ),
        )

    def limit_for(self, rank: str | None) -> int | None:
        """Households a cadre of ``rank`` may look after (None: not limited)."""
        if rank is None or rank == "":
            return self.limit_unranked
        return self.limits.get(rank, self.limit_unranked)

    def yearly_minimum(self, role: str) -> int:
        return self.visits_per_year_monitored if role == ROLE_CONTACT else self.visits_per_year


def covers(started_on: date | None, ended_on: date | None, on: date) -> bool:
    """Whether a period (open at either end when None) includes the day ``on``."""
    return (started_on is None or started_on <= on) and (ended_on is None or on <= ended_on)


def cadre_active(started_on: date | None, ended_on: date | None, on: date) -> bool:
    """Whether a cadre on the roster from ``started_on`` to ``ended_on`` is serving on ``on``."""
    return covers(started_on, ended_on, on)


def year_share(year: int, started_on: date | None, ended_on: date | None) -> tuple[date, date, int] | None:
    """The part of ``year`` a pairing covers: (first day, last day, days), or None when it covers none of it."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    start = max(first, started_on) if started_on else first
    end = min(last, ended_on) if ended_on else last
    if end < start:
        return None
    return start, end, (end - start).days + 1


def minimum_for(rules: PairingRules, role: str, year: int, days: int) -> int:
    """The visits a pairing of ``role`` owes for ``days`` of ``year``: the yearly minimum pro rata, to the nearest
    whole visit (half up), so that two halves of a year owe the year's minimum between them."""
    in_year = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    return math.floor(Fraction(rules.yearly_minimum(role) * days, in_year) + Fraction(1, 2))


def day_before(day: date) -> date:
    return day - timedelta(days=1)


def check_period(started_on: date | None, ended_on: date | None, what: str) -> None:
    """Refuse an end before the start (``what`` names the record in the message)."""
    if started_on is not None and ended_on is not None and ended_on < started_on:
        raise AssistError(
            "bad_period",
            f"{what}的结束日期（{ended_on.isoformat()}）不能早于开始日期（{started_on.isoformat()}）",
            f"the {what} ends before it starts",
        )
