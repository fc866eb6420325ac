"""The form of each monitoring step (``forms/steps/monitor_<action>.json``), in the format of the
procedure's step forms, so that a screen renders it generically; the removal check carries the county's
post-removal fields (``removal_fields``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from desktop_app.domain.monitoring_rules import MonitorError, MonitorRules
from desktop_app.domain.monitoring_steps import REMOVAL_FIELD_KINDS, STEPS
from desktop_app.services.procedure.forms import FieldSpec, FormSpec, form

_KIND = {"bool": "bool", "int": "int"}


def step_form_spec(action: str, rules: MonitorRules | None = None) -> FormSpec:
    """The form of ``action``; with ``rules`` the removal check lists exactly the county's removal fields."""
    if action not in STEPS:
        raise MonitorError("unknown_step", f"未知的监测步骤：{action}", f"unknown monitoring step {action}")
    spec = form(f"monitor_{action}")
    if action != "removal_check" or rules is None:
        return spec
    base = [f for f in spec.fields if f.key in {k for k, _kind, _req in STEPS[action].values}]
    known = {f.key: f for f in spec.fields}
    extra = [
        known.get(key)
        or FieldSpec(key=key, type=_KIND.get(REMOVAL_FIELD_KINDS.get(key, "int"), "int"), zh=key, en=key, required=True)
        for key in rules.removal_fields
    ]
    return dataclasses.replace(spec, fields=tuple(base) + tuple(f for f in extra if f is not None))


def field_labels(action: str, rules: MonitorRules | None = None) -> Mapping[str, str]:
    """key → Chinese label of the step's fields (for the messages that name a missing value)."""
    return {f.key: f.zh for f in step_form_spec(action, rules).fields}
