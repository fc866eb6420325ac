"""The county's monitoring rules: the shipped defaults (``forms/monitoring_rules.json``) with the values
saved in this database (``app_setting`` key ``monitoring.rules``) on top."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from desktop_app.assets import asset_path
from desktop_app.domain.monitoring_rules import MonitorError, MonitorRules
from desktop_app.storage.models import AppSetting

RULES_KEY = "monitoring.rules"


def shipped_monitor_rules() -> MonitorRules:
    """The defaults of the dataclass, overridden by ``forms/monitoring_rules.json``."""
    try:
        with open(asset_path("forms", "monitoring_rules.json"), encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return MonitorRules()
    return MonitorRules.from_mapping(data)


def _saved(session: Session) -> dict[str, Any]:
    row = session.get(AppSetting, RULES_KEY)
    if row is None or not row.value.strip():
        return {}
    try:
        saved = json.loads(row.value)
    except ValueError as exc:
        raise MonitorError(
            "bad_monitor_rule", "监测规则设置不是有效的 JSON", "monitoring rules are not valid JSON"
        ) from exc
    if not isinstance(saved, dict):
        raise MonitorError("bad_monitor_rule", "监测规则设置不是有效的 JSON 对象", "monitoring rules are not an object")
    return saved


def load_monitor_rules(session: Session) -> MonitorRules:
    """The county's rules: the shipped defaults with this database's saved values on top."""
    return MonitorRules.from_mapping({**shipped_monitor_rules().to_mapping(), **_saved(session)})


def save_monitor_rules(session: Session, changes: Mapping[str, Any]) -> MonitorRules:
    """Save ``changes`` on top of the county's rules (a bad key or value is refused, nothing saved).

    Only the values that differ from the shipped defaults are stored, so a later change of the shipped file
    still reaches the keys the county never set."""
    rules = MonitorRules.from_mapping({**load_monitor_rules(session).to_mapping(), **changes})
    shipped = shipped_monitor_rules().to_mapping()
    own = {k: v for k, v in rules.to_mapping().items() if shipped.get(k) != v}
    row = session.get(AppSetting, RULES_KEY) or AppSetting(key=RULES_KEY)
    row.value = json.dumps(own, ensure_ascii=False, sort_keys=True)
    session.add(row)
    session.flush()
    return rules
