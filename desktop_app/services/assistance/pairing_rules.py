"""The county's pairing rules (``forms/pairing_rules.json`` with the database's saved keys on top), read and
changed as checked values (``domain.pairing.PairingRules``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from desktop_app.domain.pairing import RULES_NAME, PairingRules
from desktop_app.services.assistance.rules import load_rules, save_rules
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database


def rules_of(session: Session) -> PairingRules:
    """The county's pairing rules, checked (a bad saved value raises AssistError naming its key)."""
    return PairingRules.from_mapping(load_rules(session, RULES_NAME))


def pairing_rules(db: Database) -> dict[str, Any]:
    """The county's pairing rules as the JSON mapping (shipped file with the saved keys on top)."""
    with reading(db) as session:
        data = load_rules(session, RULES_NAME)
        PairingRules.from_mapping(data)
        return {k: v for k, v in data.items() if not k.startswith("_")}


def save_pairing_rules(db: Database, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store the county's own values of some keys (checked first: a bad value writes nothing)."""
    with writing(db, "assist.pairing_rules") as work:
        merged = {**load_rules(work.session, RULES_NAME), **changes}
        PairingRules.from_mapping(merged)
        saved = save_rules(work.session, RULES_NAME, dict(changes))
        work.details["keys"] = ",".join(sorted(changes))
        return {k: v for k, v in saved.items() if not k.startswith("_")}
