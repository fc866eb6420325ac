"""The county's monitoring rules as the help part reads them, and the household look-ups it shares.

The rules come from ``forms/monitoring_rules.json`` with the county's own values (``app_setting`` key
``monitoring.rules``) winning, the way the case engine loads them.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from desktop_app.assets import asset_path
from desktop_app.domain.errors import DomainError
from desktop_app.domain.help_checks import HelpRules
from desktop_app.storage.models import AppSetting, Household
from desktop_app.storage.models_monitoring import MonitoringCase

RULES_KEY = "monitoring.rules"
CLOSED_STAGES = frozenset({"refused", "withdrawn", "removed"})


def rules_values(session: Session) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(asset_path("forms", "monitoring_rules.json").read_text(encoding="utf-8"))
    stored = session.get(AppSetting, RULES_KEY)
    if stored is not None and stored.value:
        values.update(json.loads(stored.value))
    return values


def help_rules(session: Session) -> HelpRules:
    return HelpRules.from_mapping(rules_values(session))


def find_household(session: Session, key: str) -> Household:
    """A household by id or 户编号; a clear Chinese refusal when there is none."""
    row = session.get(Household, key)
    if row is None or row.deleted:
        row = session.exec(select(Household).where(Household.number == key, col(Household.deleted).is_(False))).first()
    if row is None:
        raise DomainError("no_household", f"找不到户编号或户 ID：{key}", f"no household numbered {key}")
    return row


def current_case(session: Session, household_id: str) -> MonitoringCase | None:
    """The household's open case, else its latest one (None when it was never monitored)."""
    cases = session.exec(
        select(MonitoringCase).where(
            MonitoringCase.household_id == household_id, col(MonitoringCase.deleted).is_(False)
        )
    ).all()
    if not cases:
        return None
    open_cases = [c for c in cases if c.stage not in CLOSED_STAGES]
    return max(open_cases or cases, key=lambda c: (c.round, c.found_on))
