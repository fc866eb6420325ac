"""The look-ups the help part shares: the county's rules and the case a measure belongs to."""

from __future__ import annotations

from sqlmodel import Session

from desktop_app.services.monitoring.cases import household_case_rows, open_case
from desktop_app.storage.models_monitoring import MonitoringCase


def case_for_measure(session: Session, household_id: str) -> MonitoringCase | None:
    """The household's open case, else its latest one (None when it was never monitored)."""
    found = open_case(session, household_id)
    if found is not None:
        return found
    rows = household_case_rows(session, household_id)
    return rows[0] if rows else None
