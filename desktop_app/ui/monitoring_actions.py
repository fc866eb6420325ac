"""The monitoring steps as buttons: the English source text of each action (Chinese in monitoring_zh_CN.ts).

Shared by the village's monitoring tab and the card's monitoring section, so a step is called the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop_app.services import Database
from desktop_app.services.monitoring import case_detail, monitor_rules

# action (the engine's step name) -> English source text, translated in the "MonitorActions" context
MONITOR_ACTIONS: dict[str, str] = {
    "clue": "Clue recorded",
    "home_check": "Home check",
    "consent": "Consent signed",
    "comparison": "Data comparison",
    "evaluation": "Democratic evaluation",
    "notice_start": "Start village notice",
    "objection": "Record objection",
    "objection_resolution": "Resolve objection",
    "notice_end": "Close village notice",
    "township_review": "Township review",
    "county_approval": "County approval",
    "announcement": "Include in monitoring",
    "refusal": "Refuse",
    "withdrawal": "Withdraw clue",
    "contact": "Change contact",
    "removal_proposal": "Propose risk removal",
    "removal_check": "Check risk removal",
    "removal_override": "Override a removal guard",
    "removal_evaluation": "Removal evaluation",
    "removal_notice_start": "Start removal notice",
    "removal_notice_end": "Close removal notice",
    "removal_township_review": "Township review of removal",
    "removal_county_approval": "County approval of removal",
}


def action_text(action: str) -> str:
    """The translated button text of ``action`` (an unknown action shows its name, so nothing is hidden)."""
    source = MONITOR_ACTIONS.get(action)
    return QCoreApplication.translate("MonitorActions", source) if source else action


Today = date | Callable[[], date] | None  # a screen's "today": fixed (tests, training), a clock, or the real one


def today_of(value: Today) -> date:
    """The date a monitoring screen works on (deadlines, days left, the steps allowed)."""
    if callable(value):
        return value()
    return value or date.today()


def form_defaults(db: Database, case_id: str, action: str, *, today: date) -> dict[str, Any]:
    """What a step's form can say before the cadre types: the next objection's number, the open objection
    to resolve, the notice's last day by the county's minimum, the category proposed at the home check."""
    if action in ("notice_start", "removal_notice_start"):
        return {"end": today + timedelta(days=monitor_rules(db).notice_min_days)}
    if action not in ("objection", "objection_resolution", "announcement"):
        return {}
    case = case_detail(db, case_id, today=today)
    if action == "announcement":
        return {"category": case.category} if case.category else {}
    if action == "objection_resolution":
        return {"objection_id": case.open_objections[0]} if case.open_objections else {}
    raised = sum(1 for e in case.events if e.step == "objection")
    return {"objection_id": f"{case.household_number}-{case.round}-{raised + 1}"}


__all__ = ["MONITOR_ACTIONS", "Today", "action_text", "form_defaults", "today_of"]
