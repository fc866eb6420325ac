"""Two villages of one township on a real SQLite file, for the assistance ledgers' containers (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from desktop_app.services.assistance import CadreInput, LoanInput, add_cadre, add_loan
from desktop_app.storage.models import Area, Member
from tests.procedure.helpers import make_household, make_village

VILLAGE_CODE = "532999001001"
OTHER_CODE = "532999001002"
ASSIST_TABLES = ("pairing", "help_plan", "disbursement", "loan", "loan_repayment", "post_holder", "work_month", "visit")


@dataclass
class Villages:
    db: Any
    heping: str  # 和平村
    tuanjie: str  # 团结村
    households: dict[str, str]  # head's name -> household id


@pytest.fixture
def villages(sqlite_db) -> Villages:  # type: ignore[no-untyped-def]
    """和平村 (张富贵, 李秀英, 王德明) and 团结村 (赵春花) in 右所镇: registered poor households, none paired yet."""
    with sqlite_db.transaction() as s:
        heping = make_village(s, VILLAGE_CODE)
        town = s.get(Area, heping).parent_id
        other = Area(code=OTHER_CODE, name="团结村", level="village", parent_id=town)
        s.add(other)
        s.flush()
        ids = {
            name: make_household(s, heping, f"{VILLAGE_CODE}{i:04d}", name, seq=i, status="1", stage="registered")
            for i, name in enumerate(("张富贵", "李秀英", "王德明"), 1)
        }
        ids["赵春花"] = make_household(
            s, other.id, f"{OTHER_CODE}0001", "赵春花", seq=4, status="1", stage="registered"
        )
    return Villages(sqlite_db, heping, other.id, ids)


def head_of(db: Any, household_id: str) -> str:
    """The member id of the household's head."""
    with db.transaction() as s:
        return str(s.query(Member).filter(Member.household_id == household_id, Member.relation == "01").one().id)


def cadre(db: Any, name: str = "李书记", rank: str = "3") -> str:
    return add_cadre(
        db, CadreInput(name=name, rank=rank, unit="县农业农村局", phone="13800000000", started_on=date(2020, 1, 1))
    )


def overdue_loan(db: Any, household_id: str, contract: str = "HT-0001") -> str:
    """A 50,000-yuan 3-year loan drawn in 2019 and never repaid: all of it overdue since 2022."""
    values: dict[str, Any] = {
        "household_id": household_id,
        "member_id": head_of(db, household_id),
        "amount_fen": 5_000_000,
        "drawn_on": date(2019, 3, 21),
        "contract_no": contract,
        "bank": "农村信用社",
        "credit_rating": "2",
        "credit_line_fen": 5_000_000,
        "term_months": 36,
        "rate": "4.75",
        "purpose": "养殖肉牛",
        "industry": "畜牧业",
    }
    return add_loan(db, LoanInput(**values))


@contextmanager
def statements(db: Any) -> Iterator[list[str]]:
    """The SQL statements the database runs inside the block (lower case), to see which tables a screen read."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement.lower())

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def tables_read(seen: list[str]) -> set[str]:
    """Which assistance ledger tables the statements name (FROM/JOIN/INTO/UPDATE)."""
    found = set()
    for table in ASSIST_TABLES:
        for statement in seen:
            if any(f"{word} {table}" in statement or f'{word} "{table}"' in statement for word in ("from", "join")):
                found.add(table)
    return found


@pytest.fixture
def lang_zh(qapp):  # type: ignore[no-untyped-def]
    """The Chinese UI (translators and the bundled font); back to the English source strings afterwards."""
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")
