"""The monitoring steps as buttons: the English source text of each action (Chinese in monitoring_zh_CN.ts).

Shared by the village's monitoring tab and the card's monitoring section, so a step is called the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

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


__all__ = ["MONITOR_ACTIONS", "action_text"]
