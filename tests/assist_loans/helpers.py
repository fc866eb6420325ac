"""A village on a real SQLite file with households of each kind a loan product tells apart: registered poor,
exited, monitored (an ordinary household included in monitoring) and ordinary; members born 1970–1972."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.services import open_database
from desktop_app.services.assistance import LoanInput
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_monitoring import MonitoringCase
from tests.procedure.helpers import make_household, make_village

VILLAGE = "532999001001"
KINDS = {  # number suffix -> (status, stage, monitored)
    "0001": ("1", "registered", False),  # 建档立卡 not yet exited
    "0002": ("3", "exited", False),  # exited
    "0003": ("1", "applied", True),  # an ordinary household in monitoring (边缘易致贫户)
    "0004": ("1", "applied", False),  # ordinary
}


def number(suffix: str) -> str:
    return f"{VILLAGE}{suffix}"


def make_db(path: Path) -> Any:
    db = open_database(path, operator="测试员", device_id="t")
    with db.transaction() as s:
        vid = make_village(s, VILLAGE)
        for i, (suffix, (status, stage, monitored)) in enumerate(KINDS.items(), start=1):
            hid = make_household(s, vid, number(suffix), f"户主{i}", seq=i, status=status, stage=stage)
            if monitored:
                s.add(
                    MonitoringCase(
                        household_id=hid,
                        stage="included",
                        category="2",
                        source="3",
                        found_on=date(2021, 4, 1),
                        included_on=date(2021, 5, 1),
                        risks=["01"],
                    )
                )
    return db


def ids(db: Any, suffix: str) -> tuple[str, str]:
    """(household id, head member id) of a household."""
    with db.transaction() as s:
        h = s.query(Household).filter(Household.number == number(suffix)).one()
        m = s.query(Member).filter(Member.household_id == h.id, Member.relation == "01").one()
        return str(h.id), str(m.id)


def loan_input(db: Any, suffix: str, **changes: Any) -> LoanInput:
    hid, mid = ids(db, suffix)
    values: dict[str, Any] = {
        "household_id": hid,
        "member_id": mid,
        "amount_fen": 5_000_000,
        "drawn_on": date(2019, 3, 21),
        "contract_no": f"HT-{suffix}",
        "bank": "农村信用社",
        "credit_rating": "2",
        "credit_line_fen": 5_000_000,
        "term_months": 36,
        "rate": "4.75",
        "purpose": "养殖肉牛",
        "industry": "畜牧业",
    }
    values.update(changes)
    return LoanInput(**values)
