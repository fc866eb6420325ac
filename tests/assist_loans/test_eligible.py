"""Households eligible but not borrowing (应贷未贷): the product in force decides who counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.assistance import add_loan, eligible_not_borrowing, repay, settle
from tests.assist_loans.helpers import loan_input, make_db


def test_eligible_households_without_an_open_loan(tmp_path: Path) -> None:
    db = make_db(tmp_path / "f.sqlite")
    # 2026: registered (0001), exited (0002) and monitored (0003) households count; the ordinary one (0004) not
    rows = eligible_not_borrowing(db, on=date(2026, 6, 1))
    assert [r.number[-4:] for r in rows] == ["0001", "0002", "0003"]
    assert rows[2].groups == "防返贫监测对象（含边缘易致贫户）" and rows[0].product == "帮扶小额信贷"
    loan = add_loan(db, loan_input(db, "0002", drawn_on=date(2026, 4, 1), rate="3", credit_line_fen=None))
    assert [r.number[-4:] for r in eligible_not_borrowing(db, on=date(2026, 6, 1))] == ["0001", "0003"]
    # in 2023 (脱贫人口小额信贷) only exited and monitored households count, and the 2026 loan is not yet drawn
    assert [r.number[-4:] for r in eligible_not_borrowing(db, on=date(2023, 6, 1))] == ["0002", "0003"]
    repay(db, loan, date(2027, 4, 1), 5_000_000, 0)
    settle(db, loan, date(2027, 4, 1))
    assert [r.number[-4:] for r in eligible_not_borrowing(db, on=date(2027, 6, 1))] == ["0001", "0002", "0003"]
