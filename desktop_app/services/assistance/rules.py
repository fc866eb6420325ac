"""The county's assistance rules: one shipped file per ledger (``forms/<name>.json``) with this database's
saved values on top (``app_setting`` key ``assistance.<name>``). Each ledger reads its own with
:func:`load_rules` and checks its values itself."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from desktop_app.assets import asset_path
from desktop_app.domain.assistance import AssistError
from desktop_app.storage.models import AppSetting

RULE_FILES = ("pairing_rules", "measure_rules", "loan_products", "post_rules")


def _key(name: str) -> str:
    if name not in RULE_FILES:
        raise ValueError(f"unknown assistance rules: {name}")
    return f"assistance.{name}"


def shipped_rules(name: str) -> dict[str, Any]:
    """The shipped defaults (an empty mapping if the file is missing)."""
    _key(name)
    try:
        with open(asset_path("forms", f"{name}.json"), encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return {}
    return dict(data)


def saved_rules(session: Session, name: str) -> dict[str, Any]:
    row = session.get(AppSetting, _key(name))
    if row is None or not row.value.strip():
        return {}
    try:
        saved = json.loads(row.value)
    except ValueError as exc:
        raise AssistError("bad_rules", f"规则设置 {name} 不是有效的 JSON", f"{name} is not valid JSON") from exc
    if not isinstance(saved, dict):
        raise AssistError("bad_rules", f"规则设置 {name} 不是 JSON 对象", f"{name} is not a JSON object")
    return saved


def load_rules(session: Session, name: str) -> dict[str, Any]:
    """The county's rules ``name``: the shipped defaults with the saved top-level keys on top."""
    return {**shipped_rules(name), **saved_rules(session, name)}


def save_rules(session: Session, name: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store ``changes`` (top-level keys) on top of the saved values; the caller validated them first."""
    own = {**saved_rules(session, name), **changes}
    row = session.get(AppSetting, _key(name)) or AppSetting(key=_key(name))
    row.value = json.dumps(own, ensure_ascii=False, sort_keys=True)
    session.add(row)
    session.flush()
    return load_rules(session, name)
