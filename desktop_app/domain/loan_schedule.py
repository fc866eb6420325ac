"""A microcredit loan's repayment schedule and its figures at a date, pure Python (MONITORING.md §8).

Interest is simple interest on the principal outstanding, per day at ``rate / 360`` (the banks' daily rate),
counted from the drawdown day to the day before a due date; a repayment on a day lowers the principal from that
day on. Amounts are integer fen; each period's interest is rounded half up to the fen, the subsidy once at the end.

- :func:`schedule` — the planned instalments (dates, principal, interest on the planned outstanding): interest every
  N months with the principal at maturity (``interest_then_principal``, the common one), or equal principal every N
  months with the interest on what is left (``equal_principal``). An extension (展期) moves the principal still
  due at the old maturity to the new one, with interest-only dates between.
- :func:`state_at` — at a date: balance, principal overdue and since when (days), interest that fell due on the
  actual balance and is unpaid and since when, and the interest subsidy accrued (on the balance at the subsidy
  rate, not for days past maturity or with principal overdue, nor during an extension unless the product says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.loans import add_months

_DAYS = Decimal(360)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Instalment:
    no: int
    due_on: date
    principal_fen: int
    interest_fen: int  # planned: on the planned outstanding
    outstanding_fen: int  # planned principal left after this instalment


@dataclass(frozen=True)
class Paid:
    paid_on: date
    principal_fen: int
    interest_fen: int


@dataclass(frozen=True)
class LoanFacts:
    amount_fen: int
    rate: Decimal  # annual, percent
    drawn_on: date
    due_on: date  # the contract's maturity
    repayment: str = "interest_then_principal"
    every_months: int = 3
    extended_to: date | None = None
    settled_on: date | None = None
    subsidy_rate: Decimal = Decimal(0)  # annual, percent
    subsidy_during_extension: bool = False

    @property
    def final_due(self) -> date:
        return self.extended_to or self.due_on


@dataclass(frozen=True)
class LoanState:
    on: date
    balance_fen: int
    principal_paid_fen: int
    interest_paid_fen: int
    interest_due_fen: int  # interest that fell due before ``on`` (on the actual balance)
    overdue_fen: int
    overdue_since: date | None  # the first due date not covered
    overdue_days: int
    unpaid_interest_fen: int
    unpaid_interest_since: date | None
    subsidy_fen: int


def fen(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _dates(start: date, end: date, every: int) -> list[date]:
    out, k = [], 1
    while (day := add_months(start, k * every)) < end:
        out.append(day)
        k += 1
    return [*out, end]


def _principals(facts: LoanFacts, dates: Sequence[date]) -> list[int]:
    """Planned principal of each date."""
    if facts.repayment != "equal_principal":
        return [0] * (len(dates) - 1) + [facts.amount_fen]
    original = [d for d in dates if d < facts.due_on] + [facts.due_on]
    n = len(original)
    part = facts.amount_fen // n
    parts = [part] * (n - 1) + [facts.amount_fen - part * (n - 1)]
    by_date = dict(zip(original, parts, strict=True))
    if facts.extended_to is not None:  # the principal due at the old maturity moves to the new one
        by_date[facts.extended_to] = by_date.pop(facts.due_on)
    return [by_date.get(d, 0) for d in dates]


def _interest(amount: Decimal, rate: Decimal, days: int) -> Decimal:
    return amount * rate / 100 * days / _DAYS


def schedule(facts: LoanFacts) -> list[Instalment]:
    """The planned instalments of a loan (the extension included)."""
    dates = _dates(facts.drawn_on, facts.due_on, facts.every_months)
    if facts.extended_to is not None and facts.extended_to > facts.due_on:
        dates = dates + _dates(facts.due_on, facts.extended_to, facts.every_months)
    principals = _principals(facts, dates)
    out, outstanding, start = [], facts.amount_fen, facts.drawn_on
    for no, (day, principal) in enumerate(zip(dates, principals, strict=True), start=1):
        interest = fen(_interest(Decimal(outstanding), facts.rate, (day - start).days))
        outstanding -= principal
        out.append(Instalment(no, day, principal, interest, outstanding))
        start = day
    return out


def _balance_segments(
    amount: int, paid: Sequence[Paid], start: date, end: date, cuts: Iterable[date] = ()
) -> list[tuple[date, date, int]]:
    """``[(from, to, principal outstanding)]`` covering ``[start, end)``, cut at every repayment and at ``cuts``."""
    if end <= start:
        return []
    points = sorted(
        {start, end, *(p.paid_on for p in paid if start < p.paid_on < end), *(c for c in cuts if start < c < end)}
    )
    out = []
    for a, b in zip(points, points[1:], strict=False):
        balance = amount - sum(p.principal_fen for p in paid if p.paid_on <= a)
        out.append((a, b, max(balance, 0)))
    return out


def _accrued(amount: int, paid: Sequence[Paid], rate: Decimal, start: date, end: date) -> Decimal:
    total = Decimal(0)
    for a, b, balance in _balance_segments(amount, paid, start, end):
        total += _interest(Decimal(balance), rate, (b - a).days)
    return total


def _first_uncovered(due: Sequence[tuple[date, int]], covered: int) -> date | None:
    running = 0
    for day, amount in due:
        running += amount
        if running > covered:
            return day
    return None


def state_at(facts: LoanFacts, repayments: Iterable[Paid], on: date) -> LoanState:
    """The loan's figures at the end of day ``on`` (repayments after it are not known yet)."""
    paid = sorted((p for p in repayments if p.paid_on <= on), key=lambda p: p.paid_on)
    principal_paid = sum(p.principal_fen for p in paid)
    interest_paid = sum(p.interest_fen for p in paid)
    settled = facts.settled_on is not None and facts.settled_on <= on
    balance = 0 if settled else max(facts.amount_fen - principal_paid, 0)
    plan = schedule(facts)
    stop = min(on, facts.settled_on) if facts.settled_on is not None else on
    # interest that fell due before ``on``: each period on the actual balance, then daily past maturity
    interest_due: list[tuple[date, int]] = []
    start = facts.drawn_on
    for item in plan:
        if item.due_on >= on:
            break
        interest_due.append((item.due_on, fen(_accrued(facts.amount_fen, paid, facts.rate, start, item.due_on))))
        start = item.due_on
    if facts.final_due < stop:
        late = fen(_accrued(facts.amount_fen, paid, facts.rate, facts.final_due, stop))
        if late:
            interest_due.append((facts.final_due + _ONE_DAY, late))
    due_total = sum(amount for _d, amount in interest_due)
    principal_due = [(i.due_on, i.principal_fen) for i in plan if i.due_on < on]
    if settled:
        overdue, overdue_since, unpaid, unpaid_since = 0, None, 0, None
    else:
        overdue = max(sum(a for _d, a in principal_due) - principal_paid, 0)
        overdue_since = _first_uncovered(principal_due, principal_paid) if overdue else None
        unpaid = max(due_total - interest_paid, 0)
        unpaid_since = _first_uncovered(interest_due, interest_paid) if unpaid else None
    return LoanState(
        on=on,
        balance_fen=balance,
        principal_paid_fen=principal_paid,
        interest_paid_fen=interest_paid,
        interest_due_fen=due_total,
        overdue_fen=overdue,
        overdue_since=overdue_since,
        overdue_days=(on - overdue_since).days if overdue_since else 0,
        unpaid_interest_fen=unpaid,
        unpaid_interest_since=unpaid_since,
        subsidy_fen=_subsidy(facts, plan, paid, stop),
    )


def _subsidy(facts: LoanFacts, plan: Sequence[Instalment], paid: Sequence[Paid], stop: date) -> int:
    """The subsidy accrued over ``[drawn, stop)``: on the balance, within the term, never with principal overdue."""
    if facts.subsidy_rate <= 0:
        return 0
    end = min(facts.final_due if facts.subsidy_during_extension else facts.due_on, stop)
    cuts = [i.due_on + _ONE_DAY for i in plan]
    total = Decimal(0)
    for a, b, balance in _balance_segments(facts.amount_fen, paid, facts.drawn_on, end, cuts):
        planned = sum(i.principal_fen for i in plan if i.due_on < a)
        repaid = sum(p.principal_fen for p in paid if p.paid_on <= a)
        if planned > repaid:  # principal overdue over this stretch: no subsidy
            continue
        total += _interest(Decimal(balance), facts.subsidy_rate, (b - a).days)
    return fen(total)
