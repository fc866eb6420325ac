"""Two monitored households on a real SQLite file: one found in 2025 and included (监测对象), one clue found
in 2026 (防止返贫致贫对象), both through the engine's own use cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.monitoring import open_clue
from tests.monitor_cases.helpers import VILLAGE, household_id, include, make_db, number

TODAY = date(2026, 3, 20)
CONTACT_PHONE = "13800000000"  # typed at the announcement by include()


@pytest.fixture
def two_cases(tmp_path: Path) -> tuple[Path, Any]:
    path = tmp_path / "m.sqlite"
    db = make_db(path, households=2)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 consent")
    include(db, number(1), date(2025, 3, 3), scan=str(scan))
    open_clue(
        db, household_id(db, 2), source="1", found=date(2026, 3, 10), risks=["01", "04"], disaster_sub="1", today=TODAY
    )
    return path, db


__all__ = ["CONTACT_PHONE", "TODAY", "VILLAGE", "two_cases"]
