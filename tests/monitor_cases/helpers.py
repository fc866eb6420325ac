"""A village with households on a real SQLite file, a monitoring line and yearly income records, and the
values a cadre types at each step, so that every test walks the procedure the way the desk does."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desktop_app.services import open_database
from desktop_app.storage.models import Household
from desktop_app.storage.models_monitoring import HelpMeasure, IncomeRecord, MonitoringLine
from tests.procedure.helpers import make_household, make_village

VILLAGE = "532999001001"


def number(i: int) -> str:
    return f"{VILLAGE}{i:04d}"


def make_db(path: Any, households: int = 3, *, per_capita_yuan: int = 9_000, year: int = 2025) -> Any:
    """A database with ``households`` cards (safe water, guarantees met, labour), a line of 7,000 yuan for
    ``year`` and ``year`` - 1, and an income record of ``per_capita_yuan`` per person for ``year``."""
    db = open_database(path, operator="测试员", device_id="t")
    with db.transaction() as s:
        vid = make_village(s, VILLAGE)
        for y in (year - 1, year):
            s.add(MonitoringLine(region_code="", year=y, amount_fen=700_000, document=f"{y}年监测范围"))
        for i in range(1, households + 1):
            hid = make_household(s, vid, number(i), f"户主{i}", seq=i, safe_water=True)
            s.add(
                IncomeRecord(
                    household_id=hid,
                    year=year,
                    size=3,
                    per_capita_fen=per_capita_yuan * 100,
                    net_fen=per_capita_yuan * 300,
                )
            )
    return db


def household_id(db: Any, i: int) -> str:
    with db.transaction() as s:
        row = s.query(Household).filter(Household.number == number(i)).one()
        return str(row.id)


def add_measure(db: Any, hid: str, started: date) -> None:
    with db.transaction() as s:
        s.add(HelpMeasure(household_id=hid, year=started.year, category="100A40", values=["2"], started_on=started))


def votes(on: date, yes: int = 8, present: int = 10) -> dict[str, Any]:
    return {
        "date": on,
        "place": "村委会",
        "chair": "李书记",
        "present": present,
        "for": yes,
        "against": present - yes,
        "abstain": 0,
    }


def include(db: Any, key: str, found: date, *, scan: str) -> date:
    """Walks a clue found on ``found`` to its inclusion (one day per step); returns the inclusion date."""
    from desktop_app.services.monitoring import do_action, open_clue

    d = found
    open_clue(db, key, source="3", found=d, risks=["01"], today=d)
    do_action(
        db, key, "home_check", {"date": d, "checkers": "张三,李四", "category": "2", "findings": "因病支出大"}, today=d
    )
    do_action(db, key, "consent", {"date": d, "signed_by": "户主", "fingerprint": "yes", "scan": scan}, today=d)
    do_action(db, key, "comparison", {"date": d, "result": "passed"}, today=d)
    do_action(db, key, "evaluation", votes(d), today=d)
    do_action(db, key, "notice_start", {"date": d, "end": d + timedelta(days=5)}, today=d)
    d += timedelta(days=6)
    do_action(db, key, "notice_end", {"date": d}, today=d)
    do_action(db, key, "township_review", {"date": d, "outcome": "approved"}, today=d)
    do_action(db, key, "county_approval", {"date": d, "outcome": "approved"}, today=d)
    do_action(
        db,
        key,
        "announcement",
        {"date": d, "category": "2", "contact_name": "王干部", "contact_phone": "13800000000"},
        today=d,
    )
    return d


REMOVAL_VALUES: dict[str, Any] = {
    "dropout_child": "no",
    "housing_damaged": "no",
    "no_medical_insurance": "no",
    "water_damaged": "no",
    "wage_fen": 2_000_000,
    "property_fen": 0,
    "transfer_fen": 100_000,
    "production_fen": 500_000,
    "production_costs_fen": 100_000,
    "net_income_fen": 2_500_000,
    "per_capita_fen": 900_000,
    "insurance_claim_fen": 0,
    "out_of_pocket_fen": 50_000,
}
