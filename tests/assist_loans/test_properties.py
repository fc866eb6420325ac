"""Properties of any loan and any sequence of repayments: the schedule repays exactly the amount, the balance is
the amount less the principal repaid, overdue never exceeds the balance, paying to schedule leaves nothing overdue,
the subsidy grows with time and never beats the subsidy rate on the whole amount; and through the services the
ledger's totals are the sums of its loans after any sequence of entries."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.loan_schedule import LoanFacts, Paid, schedule, state_at
from desktop_app.domain.loans import add_months
from desktop_app.services.assistance import AssistError, add_loan, loan_detail, loan_list, loan_totals, repay
from tests.assist_loans.helpers import loan_input, make_db

KINDS = st.sampled_from(["interest_then_principal", "equal_principal"])


@st.composite
def loans(draw: st.DrawFn) -> LoanFacts:
    drawn = date(2019, 1, 1) + timedelta(days=draw(st.integers(0, 2500)))
    term = draw(st.integers(1, 36))
    due = add_months(drawn, term)
    extended = add_months(due, draw(st.integers(1, 12))) if draw(st.booleans()) else None
    return LoanFacts(
        amount_fen=draw(st.integers(1, 10_000_000)),
        rate=Decimal(draw(st.integers(0, 600))) / 100,
        drawn_on=drawn,
        due_on=due,
        repayment=draw(KINDS),
        every_months=draw(st.sampled_from([1, 3, 6])),
        extended_to=extended,
        subsidy_rate=Decimal(draw(st.integers(0, 475))) / 100,
        subsidy_during_extension=draw(st.booleans()),
    )


@given(loans(), st.data())
@settings(max_examples=300, deadline=None)
def test_any_loan_and_any_repayments(facts: LoanFacts, data: st.DataObject) -> None:
    plan = schedule(facts)
    assert sum(i.principal_fen for i in plan) == facts.amount_fen and plan[-1].outstanding_fen == 0
    assert plan[-1].due_on == facts.final_due and all(a.due_on < b.due_on for a, b in zip(plan, plan[1:], strict=False))
    left, paid = facts.amount_fen, []
    for _ in range(data.draw(st.integers(0, 6))):
        day = facts.drawn_on + timedelta(days=data.draw(st.integers(0, 1500)))
        principal = data.draw(st.integers(0, left))
        left -= principal
        paid.append(Paid(day, principal, data.draw(st.integers(0, 100_000))))
    on = facts.drawn_on + timedelta(days=data.draw(st.integers(0, 1800)))
    state = state_at(facts, paid, on)
    repaid = sum(p.principal_fen for p in paid if p.paid_on <= on)
    assert state.balance_fen == facts.amount_fen - repaid >= 0
    assert 0 <= state.overdue_fen <= state.balance_fen
    assert (state.overdue_fen > 0) == (state.overdue_days > 0) == (state.overdue_since is not None)
    if state.overdue_since is not None:
        assert state.overdue_since < on and state.overdue_days == (on - state.overdue_since).days
    assert 0 <= state.unpaid_interest_fen <= state.interest_due_fen
    days = max((min(on, facts.final_due) - facts.drawn_on).days, 0)
    ceiling = Decimal(facts.amount_fen) * facts.subsidy_rate / 100 * days / 360
    assert 0 <= state.subsidy_fen <= ceiling + 1
    later = state_at(facts, paid, on + timedelta(days=data.draw(st.integers(1, 400))))
    assert later.subsidy_fen >= state.subsidy_fen and later.interest_due_fen >= state.interest_due_fen


@given(loans(), st.integers(0, 2000))
@settings(max_examples=200, deadline=None)
def test_paying_to_schedule_leaves_nothing_overdue_or_unpaid(facts: LoanFacts, offset: int) -> None:
    plan = schedule(facts)
    paid = [Paid(i.due_on, i.principal_fen, i.interest_fen) for i in plan]
    state = state_at(facts, paid, facts.drawn_on + timedelta(days=offset))
    assert (state.overdue_fen, state.unpaid_interest_fen) == (0, 0)


@given(st.lists(st.tuples(st.integers(0, 1200), st.integers(-100, 3_000_000), st.integers(0, 80_000)), max_size=8))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_ledger_balances_after_any_sequence_of_entries(entries: list[tuple[int, int, int]]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="loans-prop-"))
    try:
        db = make_db(folder / "f.sqlite")
        first = add_loan(db, loan_input(db, "0001"))
        second = add_loan(db, loan_input(db, "0002", amount_fen=3_000_000, contract_no="HT-B"))
        for n, (days, principal, interest) in enumerate(entries):
            try:
                repay(db, (first, second)[n % 2], date(2019, 3, 21) + timedelta(days=days), principal, interest)
            except AssistError:
                pass  # refused (negative, empty, over the balance): nothing written, checked below
        rows = loan_list(db, on=date(2023, 1, 1))
        for row in rows:
            detail = loan_detail(db, row.loan_id, on=date(2023, 1, 1))
            assert row.balance_fen == row.amount_fen - sum(p.principal_fen for p in detail.repayments) >= 0
            assert row.overdue_fen == row.balance_fen  # everything was due by 2022-03-21
        totals = loan_totals(rows)
        assert totals["balance_fen"] == sum(r.balance_fen for r in rows)
        assert totals["amount_fen"] == 8_000_000
        db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
