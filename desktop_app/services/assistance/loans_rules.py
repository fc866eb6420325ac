"""The county's microcredit products (``loan_products`` rules): read and saved, checked before saving."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from desktop_app.domain.assistance import AssistError
from desktop_app.domain.loans import RULES, LoanProduct, parse_products
from desktop_app.services.assistance.rules import load_rules, save_rules, shipped_rules
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database


def products_in(session: Session) -> tuple[LoanProduct, ...]:
    return parse_products(load_rules(session, RULES))


def loan_products(db: Database) -> list[LoanProduct]:
    """The county's microcredit products (periods, caps, terms, groups, subsidy, renewal and extension rules)."""
    with reading(db) as session:
        return list(products_in(session))


def save_loan_products(db: Database, changes: Mapping[str, Any]) -> list[LoanProduct]:
    """Store the county's own values (top-level keys ``groups`` / ``products``), checked before anything is
    written."""
    unknown = set(changes) - set(shipped_rules(RULES))
    if unknown:
        names = "、".join(sorted(unknown))
        raise AssistError("bad_rules", f"小额信贷规则没有这些项：{names}", f"unknown keys {names}", rule=RULES)
    with writing(db, "assist.loan_rules") as work:
        parse_products({**load_rules(work.session, RULES), **changes})
        return list(parse_products(save_rules(work.session, RULES, changes)))
