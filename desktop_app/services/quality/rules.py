"""The county's rule table: the shipped ``resources/quality_rules.json`` with the county's own
``quality_rules.local.json`` from the data folder on top (same id: only the keys it gives; a new id: a new
rule), and the parameters a rule leaves out taken from the county's monitoring rules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop_app.assets import asset_path
from desktop_app.config import data_dir
from desktop_app.domain.monitoring_rules import MonitorRules
from desktop_app.domain.quality import QualityRule, RuleError, merge_rule_tables, parse_rules

LOCAL_RULES = "quality_rules.local.json"
# a parameter left out (null) of these kinds is the monitoring rule of the same meaning
_FROM_MONITOR = {
    "measures_not_implemented": ("months", "measure_first_months"),
    "removal_too_soon": ("months", "removal_min_months"),
    "no_development": ("months", "development_months"),
    "removal_fields": ("fields", "removal_fields"),
}


def _rows(path: Path) -> list[Any]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise RuleError(
            "bad_quality_rules", f"无法读取质量规则文件 {path}：{exc}", f"cannot read {path}: {exc}"
        ) from exc
    rows = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise RuleError("bad_quality_rules", f"质量规则文件 {path} 应有 rules 列表", f"{path} has no rules list")
    return rows


def local_rules_path() -> Path:
    return data_dir() / LOCAL_RULES


def load_rules(monitor_rules: MonitorRules) -> tuple[QualityRule, ...]:
    """The rules in force on this machine, with every parameter filled in."""
    shipped = _rows(asset_path("resources", "quality_rules.json"))
    local = local_rules_path()
    rows = merge_rule_tables(shipped, _rows(local) if local.is_file() else [])
    return tuple(_filled(rule, monitor_rules) for rule in parse_rules(rows))


def _filled(rule: QualityRule, monitor_rules: MonitorRules) -> QualityRule:
    own = _FROM_MONITOR.get(rule.kind)
    if own is None or rule.params.get(own[0]) is not None:
        return rule
    value = getattr(monitor_rules, own[1])
    params = {**rule.params, own[0]: list(value) if isinstance(value, tuple) else value}
    return replace(rule, params=MappingProxyType(params))
