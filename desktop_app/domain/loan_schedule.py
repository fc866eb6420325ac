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

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from desktop_app.domain.loans import add_months

_SCALE = 10**6  # rates are held as integer millionths of a percent: all the arithmetic is exact integers
_DEN = 360 * 100 * _SCALE  # fen × days × rate units / _DEN = interest in fen
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


def rate_units(rate: Decimal) -> int:
    return int((rate * _SCALE).to_integral_value(rounding=ROUND_HALF_UP))


def _fen(numerator: int) -> int:
    """``numerator / _DEN`` rounded half up to the fen (numerator ≥ 0)."""
    return (2 * numerator + _DEN) // (2 * _DEN)


def _dates(start: date, end: date, every: int) -> list[date]:
    out, k = [], 1
    while (day := add_months(start, k * every)) < end:
        out.append(day)
        k += 1
    return [*out, end]


@lru_cache(maxsize=256)  # the overdue test and the figures of one loan read the same plan
def _plan(facts: LoanFacts) -> tuple[tuple[date, ...], tuple[int, ...]]:
    """The instalment dates (the extension's included) and the planned principal of each."""
    dates = _dates(facts.drawn_on, facts.due_on, facts.every_months)
    original = len(dates)
    if facts.extended_to is not None and facts.extended_to > facts.due_on:
        dates = dates + _dates(facts.due_on, facts.extended_to, facts.every_months)
    if facts.repayment != "equal_principal":
        return tuple(dates), (0,) * (len(dates) - 1) + (facts.amount_fen,)
    part = facts.amount_fen // original
    principals = [part] * (original - 1) + [facts.amount_fen - part * (original - 1)]
    principals += [0] * (len(dates) - original)
    if len(dates) > original:  # the principal due at the old maturity moves to the new one
        principals[-1], principals[original - 1] = principals[original - 1], 0
    return tuple(dates), tuple(principals)


def schedule(facts: LoanFacts) -> list[Instalment]:
    """The planned instalments of a loan (the extension included)."""
    dates, principals = _plan(facts)
    units = rate_units(facts.rate)
    out, outstanding, start = [], facts.amount_fen, facts.drawn_on
    for no, (day, principal) in enumerate(zip(dates, principals, strict=True), start=1):
        interest = _fen(outstanding * (day - start).days * units)
        outstanding -= principal
        out.append(Instalment(no, day, principal, interest, outstanding))
        start = day
    return out


class _Balances:
    """The principal outstanding day by day: ``amount`` until the first repayment, then after each."""

    def __init__(self, amount: int, paid: Sequence[Paid]) -> None:
        self.amount = amount
        self.days: list[date] = []
        self.after: list[int] = []
        left = amount
        for p in paid:
            left -= p.principal_fen
            if self.days and self.days[-1] == p.paid_on:
                self.after[-1] = max(left, 0)
            else:
                self.days.append(p.paid_on)
                self.after.append(max(left, 0))

    def at(self, day: date) -> int:
        i = bisect_right(self.days, day)
        return self.after[i - 1] if i else self.amount

    def weighted(self, start: date, end: date) -> int:
        """Σ balance × days over ``[start, end)`` (fen-days)."""
        if end <= start:
            return 0
        total, day, balance = 0, start, self.at(start)
        for i in range(bisect_right(self.days, start), len(self.days)):
            change = self.days[i]
            if change >= end:
                break
            total += balance * (change - day).days
            day, balance = change, self.after[i]
        return total + balance * (end - day).days


def _first_uncovered(due: Sequence[tuple[date, int]], covered: int) -> date | None:
    running = 0
    for day, amount in due:
        running += amount
        if running > covered:
            return day
    return None


def principal_overdue(facts: LoanFacts, repayments: Iterable[Paid], on: date) -> int:
    """Principal that fell due before ``on`` and is not repaid by then (the overdue list's quick test)."""
    if facts.settled_on is not None and facts.settled_on <= on:
        return 0
    if facts.repayment != "equal_principal":  # all the principal at maturity
        due = facts.amount_fen if facts.final_due < on else 0
    else:
        dates, principals = _plan(facts)
        due = sum(amount for day, amount in zip(dates, principals, strict=True) if day < on)
    if not due:
        return 0
    return max(due - sum(p.principal_fen for p in repayments if p.paid_on <= on), 0)


def state_at(facts: LoanFacts, repayments: Iterable[Paid], on: date) -> LoanState:
    """The loan's figures at the end of day ``on`` (repayments after it are not known yet)."""
    paid = sorted((p for p in repayments if p.paid_on <= on), key=lambda p: p.paid_on)
    principal_paid = sum(p.principal_fen for p in paid)
    interest_paid = sum(p.interest_fen for p in paid)
    settled = facts.settled_on is not None and facts.settled_on <= on
    balance = 0 if settled else max(facts.amount_fen - principal_paid, 0)
    dates, principals = _plan(facts)
    balances = _Balances(facts.amount_fen, paid)
    units = rate_units(facts.rate)
    stop = min(on, facts.settled_on) if facts.settled_on is not None else on
    # interest that fell due before ``on``: each period on the actual balance, then daily past maturity
    interest_due: list[tuple[date, int]] = []
    start = facts.drawn_on
    for day in dates:
        if day >= on:
            break
        interest_due.append((day, _fen(balances.weighted(start, day) * units)))
        start = day
    if facts.final_due < stop:
        late = _fen(balances.weighted(facts.final_due, stop) * units)
        if late:
            interest_due.append((facts.final_due + _ONE_DAY, late))
    due_total = sum(amount for _d, amount in interest_due)
    principal_due = [(d, a) for d, a in zip(dates, principals, strict=True) if d < on]
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
        subsidy_fen=_subsidy(facts, dates, principals, paid, balances, stop),
    )


def _overdue_stretches(
    dates: Sequence[date], principals: Sequence[int], paid: Sequence[Paid]
) -> list[tuple[date, date]]:
    """``[(from, to)]`` while some principal is overdue: from the day after a due date to the repayment that
    covers it (``date.max`` when none does yet)."""
    out: list[tuple[date, date]] = []
    planned = 0
    for day, principal in zip(dates, principals, strict=True):
        if not principal:
            continue
        planned += principal
        covered, running = date.max, 0
        for p in paid:
            running += p.principal_fen
            if running >= planned:
                covered = p.paid_on
                break
        begin = day + _ONE_DAY
        if covered > begin:
            if out and begin <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], covered))
            else:
                out.append((begin, covered))
    return out


def _subsidy(
    facts: LoanFacts,
    dates: Sequence[date],
    principals: Sequence[int],
    paid: Sequence[Paid],
    balances: _Balances,
    stop: date,
) -> int:
    """The subsidy accrued over ``[drawn, stop)``: on the balance, within the term, never with principal overdue."""
    if facts.subsidy_rate <= 0:
        return 0
    end = min(facts.final_due if facts.subsidy_during_extension else facts.due_on, stop)
    weighted = balances.weighted(facts.drawn_on, end)
    for begin, until in _overdue_stretches(dates, principals, paid):
        weighted -= balances.weighted(max(begin, facts.drawn_on), min(until, end))
    return _fen(weighted * rate_units(facts.subsidy_rate))
