"""Three monitored households on a real SQLite file, all through the engine's own use cases: one found in
2025 and included (监测对象), one clue found in 2026 (防止返贫致贫对象), one found in 2025 whose risk was
removed with help (帮扶消除) on REMOVED_ON."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.monitoring import do_action, open_clue
from tests.monitor_cases.helpers import (
    REMOVAL_VALUES,
    VILLAGE,
    add_measure,
    household_id,
    include,
    make_db,
    number,
    votes,
)

TODAY = date(2026, 3, 20)
CONTACT_PHONE = "13800000000"  # typed at the announcement by include()
REMOVED_ON = date(2025, 7, 31)


def remove_with_help(db: Any, key: str, on: date) -> None:
    """From included to removed (帮扶消除), every step six days before ``on`` up to the notice's end."""
    d = on - timedelta(days=6)
    check = {"date": d, "checkers": "张三,李四", "stable_since": date(2024, 1, 1), "new_risk": "no", **REMOVAL_VALUES}
    do_action(db, key, "removal_proposal", {"date": d, "method": "1"}, today=d)
    do_action(db, key, "removal_check", check, today=d)
    do_action(db, key, "removal_evaluation", votes(d), today=d)
    do_action(db, key, "removal_notice_start", {"date": d, "end": d + timedelta(days=5)}, today=d)
    do_action(db, key, "removal_notice_end", {"date": on}, today=on)
    do_action(db, key, "removal_township_review", {"date": on, "outcome": "approved"}, today=on)
    do_action(db, key, "removal_county_approval", {"date": on, "outcome": "approved"}, today=on)


@pytest.fixture
def two_cases(tmp_path: Path) -> tuple[Path, Any]:
    path = tmp_path / "m.sqlite"
    db = make_db(path, households=3)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 consent")
    include(db, number(1), date(2025, 3, 3), scan=str(scan))
    open_clue(
        db, household_id(db, 2), source="1", found=date(2026, 3, 10), risks=["01", "04"], disaster_sub="1", today=TODAY
    )
    included = include(db, number(3), date(2025, 1, 6), scan=str(scan))
    add_measure(db, household_id(db, 3), included)
    remove_with_help(db, number(3), REMOVED_ON)
    return path, db


__all__ = ["CONTACT_PHONE", "REMOVED_ON", "TODAY", "VILLAGE", "two_cases"]
