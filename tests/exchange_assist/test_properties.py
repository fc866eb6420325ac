"""Whatever a ledger holds comes back exactly: text with line breaks, tabs and formula-like starts, any
amount in fen, any date. Each example: the values written into the ledgers, exported, imported into an
empty database, and compared row by row (as text, the change log's form)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.services import open_database
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.models_assist import LoanRepayment, Visit, WorkMonth
from tests.exchange.conftest import export, make_demo
from tests.exchange_assist.conftest import import_one
from tests.exchange_assist.ledgers import add_ledgers, dump

TEXT = st.text(alphabet=st.sampled_from(list("和平村核桃abc 019=+-@\t\n\r（）")), max_size=12)
FEN = st.integers(min_value=0, max_value=10**10)
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=TEXT, found=TEXT, employer=TEXT, principal=FEN, interest=FEN, wage=FEN, paid_on=DAYS)
def test_any_ledger_values_travel_exactly(
    tmp_path_factory: Any, note: str, found: str, employer: str, principal: int, interest: int, wage: int,
    paid_on: dt.date,
) -> None:  # fmt: skip
    folder = Path(tmp_path_factory.mktemp("prop"))
    db = make_demo(folder / "a.sqlite", households=2, villages=1)
    target = open_database(folder / "b.sqlite", operator="县里", device_id="county")
    try:
        ids = add_ledgers(db)
        with writing(db, "assist.test_values") as work:
            s = work.session
            repayment = s.get(LoanRepayment, ids["repayment"])
            assert repayment is not None
            repayment.note, repayment.principal_fen, repayment.interest_fen = note, principal, interest
            repayment.paid_on = paid_on
            for visit in s.query(Visit):
                visit.found = found
            for month in s.query(WorkMonth):
                month.employer, month.wage_fen = employer, wage
        outcome = import_one(target, export(db, folder / "a.xlsx"))
        assert outcome.applied, [p.line() for p in outcome.errors]
        tables = ("loan_repayment", "visit", "work_month")
        assert dump(target, tables) == dump(db, tables)
    finally:
        db.close()
        target.close()
