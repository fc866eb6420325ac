"""A demo village with monitoring cases at the steps the documents print, shared by the monitoring print tests.

The cases are written as the monitoring procedure leaves them (a case row and its steps with their evidence);
2025 cases are 监测对象, 2026 cases 防止返贫致贫对象 (the county's default terminology_from_year).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.reports.conftest import build_village, built_once, opened_copy

TODAY = date(2026, 12, 2)


@dataclass
class MonitorVillage:
    db_path: Path
    code: str
    name: str
    cases_2025: list[str] = field(default_factory=list)  # included in 2025 (announced 2025-06-20)
    cases_2026: list[str] = field(default_factory=list)  # on the village notice of 2026-11-26
    removal: list[str] = field(default_factory=list)  # on the removal notice of 2026-10-11
    removed: list[str] = field(default_factory=list)  # removal approved by the county on 2026-08-20
    numbers: dict[str, str] = field(default_factory=dict)  # case id -> 户编号
    heads: dict[str, str] = field(default_factory=dict)  # case id -> head name
    secrets: list[str] = field(default_factory=list)  # phones, IDs and bank accounts of the listed households
    fresh_number: str = ""  # a household with no case yet


def _step(session: Any, case: Any, step: str, on: date, outcome: str = "", **data: Any) -> None:
    from desktop_app.storage.models_monitoring import MonitoringEvent

    session.add(
        MonitoringEvent(
            case_id=case.id, household_id=case.household_id, step=step, on_date=on, outcome=outcome, data=data
        )
    )


def _open(session: Any, household: Any, found: date, category: str, risks: list[str], **extra: Any) -> Any:
    from desktop_app.storage.models_monitoring import MonitoringCase

    case = MonitoringCase(
        household_id=household.id,
        found_on=found,
        deadline=found + timedelta(days=15),
        source="3",
        category=category,
        risks=risks,
        stage="clue",
        **extra,
    )
    session.add(case)
    session.flush()
    _step(session, case, "clue", found, source="3", risks=",".join(risks))
    _step(
        session,
        case,
        "home_check",
        found + timedelta(days=1),
        checkers="李建国,王芳",
        category=category,
        findings="家中主要劳动力患病，医疗支出较大，收入明显下降。",
        income_year=found.year - 1,
        line_fen=870000,
        guarantees={"education": True, "medical": True, "housing": True, "safe_water": False},
    )
    _step(session, case, "consent", found + timedelta(days=2), signed_by=household.head_name, fingerprint="yes")
    return case


def _evaluate(session: Any, case: Any, on: date, step: str = "evaluation") -> None:
    votes = {"place": "村委会会议室", "chair": "李建国", "present": 22, "expected": 25}
    _step(session, case, step, on, "passed", **votes, **{"for": 19, "against": 2, "abstain": 1})


def build_monitor_village(path: Path) -> MonitorVillage:
    from desktop_app.services import open_database
    from desktop_app.storage.models import Household, Member
    from desktop_app.storage.models_monitoring import IncomeRecord

    info = build_village(path, households=40)
    db = open_database(path, operator="测试员", device_id="test-device")
    out = MonitorVillage(db_path=path, code=info.code, name=info.name)
    try:
        with db.transaction() as session:
            rows = list(session.execute(select(Household).order_by(Household.number)).scalars())
            for h in rows[:8]:
                h.phone = h.phone or "13800001111"
                h.bank_account = h.bank_account or "6228480012345678901"
            first_member = session.execute(select(Member).where(Member.household_id == rows[0].id)).scalars().first()
            first_member.health = "3"  # 患有大病: never on a notice
            session.add(
                IncomeRecord(
                    household_id=rows[0].id,
                    year=2024,
                    wage_fen=1_200_000,
                    transfer_fen=480_000,
                    net_fen=1_680_000,
                    gross_fen=1_680_000,
                    size=3,
                    per_capita_fen=560_000,
                    out_of_pocket_fen=2_350_000,
                )
            )
            cases = []
            for h, category, risks in zip(rows[:3], "123", (["01", "07"], ["04"], ["02", "99"]), strict=True):
                extra = {"disaster_sub": "1"} if "04" in risks else {"risk_note": "子女赡养能力弱"}
                case = _open(session, h, date(2025, 6, 2), category, risks, **extra)
                _evaluate(session, case, date(2025, 6, 8))
                _step(session, case, "notice_start", date(2025, 6, 9), end="2025-06-14")
                _step(session, case, "notice_end", date(2025, 6, 15))
                _step(session, case, "announcement", date(2025, 6, 20), category=category)
                case.stage, case.included_on = "included", date(2025, 6, 20)
                case.contact_name, case.contact_phone = "赵刚", "13987654321"
                cases.append((case, h))
                out.cases_2025.append(case.id)
            removed_case, _ = cases[1]  # removed by itself, approved on 2026-08-20
            _step(session, removed_case, "removal_proposal", date(2026, 8, 1), method="2")
            _evaluate(session, removed_case, date(2026, 8, 5), "removal_evaluation")
            _step(session, removed_case, "removal_notice_start", date(2026, 8, 6), end="2026-08-11")
            _step(session, removed_case, "removal_county_approval", date(2026, 8, 20), "approved")
            removed_case.stage, removed_case.removal_method = "removed", "2"
            removed_case.removed_on = date(2026, 8, 20)
            out.removed.append(removed_case.id)
            removal_case, _ = cases[2]
            _step(session, removal_case, "removal_proposal", date(2026, 9, 20), method="1")
            _evaluate(session, removal_case, date(2026, 10, 10), "removal_evaluation")
            _step(session, removal_case, "removal_notice_start", date(2026, 10, 11), end="2026-10-16")
            removal_case.stage, removal_case.removal_method = "removal_noticing", "1"
            out.removal.append(removal_case.id)
            for h, category in zip(rows[3:5], "21", strict=True):
                case = _open(session, h, date(2026, 11, 20), category, ["01", "03"])
                _evaluate(session, case, date(2026, 11, 25))
                _step(session, case, "notice_start", date(2026, 11, 26), end="2026-12-01")
                case.stage = "noticing"
                cases.append((case, h))
                out.cases_2026.append(case.id)
            for case, h in cases:
                out.numbers[case.id], out.heads[case.id] = h.number, h.head_name
                out.secrets += [h.phone, h.bank_account]
                out.secrets += [
                    m.id_number
                    for m in session.execute(select(Member).where(Member.household_id == h.id)).scalars()
                    if m.id_number
                ]
            out.fresh_number = rows[10].number
    finally:
        db.close()
    return out


@pytest.fixture(scope="session")
def monitor_village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MonitorVillage]:
    yield from built_once(tmp_path_factory, "monitor-print", build_monitor_village)


@pytest.fixture
def monitor_db(monitor_village: MonitorVillage, tmp_path: Path) -> Iterator[Any]:
    yield from opened_copy(monitor_village.db_path, tmp_path)
