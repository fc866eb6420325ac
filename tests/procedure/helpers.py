"""A small village with complete household cards, written through the ORM like the card editor does."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.domain.idnumber import make_id
from desktop_app.storage.models import Area, Household, Member

LINE_2019 = 374_700


def make_village(session: Any, code: str = "532999001001") -> str:
    county = Area(code=code[:6] + "000000", name="示范县", level="county")
    town = Area(code=code[:9] + "000", name="右所镇", level="township", parent_id=county.id)
    village = Area(code=code, name="和平村", level="village", parent_id=town.id)
    session.add_all([county, town, village])
    session.flush()
    return village.id


def make_household(
    session: Any,
    village_id: str,
    number: str,
    head: str,
    *,
    per_capita_yuan: int = 2500,
    size: int = 3,
    seq: int = 0,
    **card: Any,
) -> str:
    wage = per_capita_yuan * 100 * size
    row = Household(
        village_id=village_id,
        number=number,
        head_name=head,
        attribute="1",
        income_year=2019,
        income_wage_fen=wage,
        per_capita_income_fen=wage // size,
        main_cause="01",
        housing_grade="B",
        food_ok=True,
        clothing_ok=True,
        education_ok=True,
        medical_ok=True,
        housing_ok=True,
        size=size,
        **card,
    )
    session.add(row)
    names = [head] + [f"{head[0]}家{i}" for i in range(1, size)]
    for i, name in enumerate(names):
        session.add(
            Member(
                household_id=row.id,
                name=name,
                id_number=make_id("532999", date(1970 + i, 1 + seq % 12, 1 + i), seq * 10 + i),
                relation="01" if i == 0 else "03",
                sex="1",
                birth_date=date(1970 + i, 1 + seq % 12, 1 + i),
                labour="1",
                health="1",
                school_status="1",
                sort_order=i,
            )
        )
    session.flush()
    return row.id
