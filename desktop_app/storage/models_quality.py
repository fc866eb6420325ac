"""The county's exemption list of data-quality findings (疑点豁免, MONITORING.md §11): a finding of one rule
for one household that the county accepts, with the reason, who approved it and when.

The id is made from the rule and the household (``exemption_id``), so the same exemption entered on two
laptops is one record. A synchronised record (``Synced``) like the others.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Field

from desktop_app.storage.models import Synced

_NAMESPACE = uuid.UUID("6f1c2d0e-5b7a-4c1e-9a61-0f2b8e7d1117")


def exemption_id(rule_id: str, household_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{rule_id}|{household_id}"))


class QualityExemption(Synced, table=True):
    """One accepted finding: rule id (of the quality rule table) and household."""

    __tablename__ = "quality_exemption"
    rule_id: str = Field(max_length=40, index=True)
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    reason: str = Field(default="")
    approved_by: str = Field(default="", max_length=100)
    approved_on: date | None = Field(default=None)
