"""Reading and changing the county's post rules (``forms/post_rules.json`` with the saved values on top)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.domain.posts import PostRules, parse_rules
from desktop_app.services.assistance.posts_facts import post_rules_of
from desktop_app.services.assistance.rules import load_rules, save_rules
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database


def post_rules(db: Database) -> PostRules:
    with reading(db) as session:
        return post_rules_of(session)


def change_post_rules(db: Database, changes: Mapping[str, Any]) -> PostRules:
    """Save the county's own values (top-level keys); refused, with nothing saved, when they do not parse."""
    with writing(db, "assist.post_rules") as work:
        parse_rules({**load_rules(work.session, "post_rules"), **changes})
        return parse_rules(save_rules(work.session, "post_rules", changes))
