"""A village with households, income records, lines and monitoring cases written through the ORM."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.storage.models_monitoring import IncomeRecord, MonitoringCase, MonitoringLine
from tests.procedure.helpers import make_household, make_village

VILLAGE = "532999001001"
__all__ = ["VILLAGE", "add_case", "add_income", "add_line", "make_household", "make_village"]


def add_line(session: Any, year: int, yuan: int, region: str = "") -> None:
    session.add(MonitoringLine(region_code=region, year=year, amount_fen=yuan * 100, document="测试文件"))
    session.flush()


def add_income(session: Any, household_id: str, year: int, per_capita_yuan: int, size: int = 3, **extra: Any) -> None:
    net = per_capita_yuan * 100 * size
    values: dict[str, Any] = {"wage_fen": 0, "gross_fen": net, "net_fen": net} | extra
    session.add(
        IncomeRecord(household_id=household_id, year=year, size=size, per_capita_fen=per_capita_yuan * 100, **values)
    )
    session.flush()


def add_case(
    session: Any, household_id: str, *, found: date, included: date | None = None, risks: tuple[str, ...] = ("01",)
) -> str:
    stage = "included" if included else "clue"
    case = MonitoringCase(
        household_id=household_id,
        stage=stage,
        category="2" if included else None,
        source="3",
        found_on=found,
        included_on=included,
        risks=list(risks),
    )
    session.add(case)
    session.flush()
    return case.id
