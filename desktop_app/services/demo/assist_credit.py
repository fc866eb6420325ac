"""The bulk assistance data's loans, public-welfare posts and work months (see ``assist_bulk``).

Loans of the three product periods (MONITORING.md §8) drawn since 2018: interest paid each quarter, principal at
maturity; about one loan in thirty is past its due date with principal unpaid (overdue, its interest unpaid for
the last quarters), one is extended, one renewed. Posts (one per ten households of a village) with a contracted
holder each, some applicants still in the selection or refused, some who left; a few holders over the age band
and a few members holding two posts; the holders' months of the last year; migrant-work months of this year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.assistance import post_month_id, work_month_id
from desktop_app.services.demo.assist_rows import County, House, Person, Rows, age_on
from desktop_app.storage.models_assist import Loan, LoanRepayment, Post, PostHolder, PostMonth, WorkMonth


@dataclass(frozen=True)
class Period:
    key: str  # the product key of forms/loan_products.json
    start: date
    end: date | None
    cap_fen: int
    rate: str
    anyone: bool  # rural people with a need for help, not only registered or monitored households


PERIODS = (
    Period("poor_2014", date(2014, 1, 1), date(2020, 12, 31), 5_000_000, "4.35", False),
    Period("exited_2021", date(2021, 3, 1), date(2025, 12, 31), 5_000_000, "3.85", False),
    Period("help_2026", date(2026, 3, 1), None, 10_000_000, "3.45", True),
)
PURPOSES = (("发展养殖业", "养殖业"), ("发展种植业", "种植业"), ("发展林果业", "林果业"), ("发展加工业", "加工业"))
BANKS = ("示范县农村信用合作联社", "中国农业银行示范县支行", "中国邮政储蓄银行示范县支行")
PLACES = ("昆明市官渡区", "大理市", "浙江省宁波市", "广东省东莞市", "本县县城")
EMPLOYERS = ("某建筑工程有限公司", "某电子厂", "某食品加工厂", "某物流公司", "某餐饮店")


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    return date(day.year + y, m + 1, min(day.day, 28))


def _quarter_days(after: date, until: date) -> list[date]:
    """The 20th of March, June, September and December after ``after`` up to ``until`` (interest days)."""
    out: list[date] = []
    y, m = after.year, ((after.month - 1) // 3 + 1) * 3
    while True:
        day = date(y, m, 20)
        if day > until:
            return out
        if day > after:
            out.append(day)
        m += 3
        if m > 12:
            y, m = y + 1, 3


def _period_of(day: date) -> Period | None:
    return next((p for p in PERIODS if p.start <= day and (p.end is None or day <= p.end)), None)


def _borrower(h: House, today: date) -> Person | None:
    fit = [m for m in h.members if 18 <= age_on(m, today) <= 60 and m.labour in ("1", "2", "3")]
    return fit[0] if fit else None


def add_credit_bulk(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    _loans(rows, county, rng, today)
    _posts(rows, county, rng, today)
    _work(rows, county, rng, today)


def _loans(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    first = date(2018, 1, 1)
    span = (today - timedelta(days=30) - first).days
    serial = 0
    extended = renewed = False
    for h in county.houses:
        if rng.random() >= 0.5:
            continue
        person = _borrower(h, today)
        drawn = first + timedelta(days=rng.randrange(span))
        period = _period_of(drawn)
        if person is None or period is None or not (period.anyone or h.registered or h.monitored):
            continue
        serial += 1
        amount = rng.choice((1_000_000, 2_000_000, 3_000_000, 5_000_000))
        if period.anyone and rng.random() < 0.3:
            amount = rng.choice((8_000_000, 10_000_000))
        due = add_months(drawn, 36)
        overdue = due < today and rng.random() < 0.05
        loan = {
            "household_id": h.id,
            "member_id": person.id,
            "product": period.key,
            "credit_rating": rng.choice("1123"),
            "credit_line_fen": max(amount, 5_000_000),
            "contract_no": f"XD{drawn.year}{serial:06d}",
            "bank": rng.choice(BANKS),
            "amount_fen": amount,
            "term_months": 36,
            "rate": period.rate,
            "drawn_on": drawn,
            "due_on": due,
            "purpose": (purpose := rng.choice(PURPOSES))[0],
            "industry": purpose[1],
        }
        if overdue and not extended and due + timedelta(days=365) > today:
            extended, overdue = True, False
            reason = "遭受冰雹灾害，养殖收入受损，申请展期一年"
            loan.update(extended_to=due + timedelta(days=365), extension_reason=reason)
        settle = not overdue and due < today and not loan.get("extended_to")
        loan_id = rows.add(Loan, settled_on=due if settle else None, **loan)
        stop = due - timedelta(days=rng.choice((100, 190, 280))) if overdue else min(today, due)
        interest = amount * int(float(period.rate) * 100) // 40_000  # a quarter's interest at the rate
        for day in _quarter_days(drawn, min(stop, today)):
            rows.add(
                LoanRepayment,
                loan_id=loan_id,
                household_id=h.id,
                paid_on=day,
                interest_fen=interest,
                source="statement",
            )
        if settle:
            rows.add(LoanRepayment, loan_id=loan_id, household_id=h.id, paid_on=due, principal_fen=amount)
            if not renewed and period.key == "exited_2021" and due > date(2026, 3, 1) and add_months(due, 36) > today:
                renewed = True  # 续贷: a new loan of the current product the day the old one was settled
                rows.add(
                    Loan,
                    **{
                        **loan,
                        "product": PERIODS[2].key,
                        "rate": PERIODS[2].rate,
                        "drawn_on": due,
                        "due_on": add_months(due, 36),
                        "contract_no": f"XD{due.year}{serial:06d}X",
                        "renewal_of": loan_id,
                    },
                )


def _posts(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    start = date(today.year - 1, 1, 1)
    for village, houses in county.by_village().items():
        people = [(h, m) for h in houses for m in h.members]
        fit = [(h, m) for h, m in people if 16 <= age_on(m, today) <= 60 and m.labour in ("1", "2", "3")]
        old = [(h, m) for h, m in people if age_on(m, today) > 65 and m.labour in ("3", "4")]
        rng.shuffle(fit)
        holding: list[tuple[House, Person]] = []  # the village's contracted holders (for the two-post cases)
        for n in range(max(1, len(houses) // 10)):
            if not fit:
                break
            kind = rng.choice(("01", "02", "03", "04", "08"))
            post = rows.add(
                Post,
                village_id=village,
                name=f"村级公益岗（{n + 1}）",
                type=kind,
                tier=rng.choice("1233"),
                funding="2" if rng.random() < 0.1 else "1",
                monthly_subsidy_fen=rng.choice((50_000, 60_000, 80_000)),
                places=1,
                started_on=start,
                ended_on=date(today.year, 12, 31),
                vacancy_on=start - timedelta(days=30),
            )
            h, m = fit.pop()
            roll = rng.random()
            if roll < 0.01 and old:
                h, m = old.pop()  # over the age band
            elif roll < 0.02 and holding:
                fit.append((h, m))
                h, m = holding[0]  # a second post for the same person
            else:
                holding.append((h, m))
            holder = _holder(rows, post, h.id, m.id, start, "4")
            subsidy = rng.choice((50_000, 60_000))
            month = add_months(start, 1)
            while month <= today.replace(day=1) - timedelta(days=1):
                code = month.year * 100 + month.month
                rows.add(
                    PostMonth,
                    id=post_month_id(holder, code),
                    holder_id=holder,
                    household_id=h.id,
                    month=code,
                    days_worked=rng.randint(18, 26),
                    attendance_ok=rng.random() > 0.03,
                    assessment=rng.choice("1222223"),
                    subsidy_fen=subsidy,
                )
                month = add_months(month, 1)
            if fit and rng.random() < 0.15:  # another applicant: still in the selection, or refused
                other_h, other = fit.pop()
                _holder(rows, post, other_h.id, other.id, today - timedelta(days=20), rng.choice("1236"))


def _holder(rows: Rows, post: str, household: str, member: str, applied: date, stage: str) -> str:
    steps = {"applied_on": applied}
    if stage in ("2", "3", "4", "6"):
        steps["checked_on"] = applied + timedelta(days=5)
    if stage in ("3", "4"):
        steps["notice_start"] = applied + timedelta(days=6)
        steps["notice_end"] = applied + timedelta(days=13)
    if stage == "4":
        steps["contract_on"] = applied + timedelta(days=15)
    return rows.add(PostHolder, post_id=post, household_id=household, member_id=member, stage=stage, **steps)


def _work(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    for h in county.houses:
        for m in h.members:
            if m.work_status not in ("3", "4") or not 18 <= age_on(m, today) <= 60 or rng.random() >= 0.15:
                continue
            place, employer = rng.choice(PLACES), rng.choice(EMPLOYERS)
            wage = rng.randint(25, 60) * 10_000
            for month in range(1, today.month + 1):
                code = today.year * 100 + month
                worked = rng.random() < 0.85
                rows.add(
                    WorkMonth,
                    id=work_month_id(m.id, code),
                    household_id=h.id,
                    member_id=m.id,
                    month=code,
                    worked=worked,
                    place=place if worked else "",
                    channel="3" if worked else None,
                    industry=rng.choice(("02", "03", "06")) if worked else None,
                    employer=employer if worked else "",
                    wage_fen=wage if worked else 0,
                    transport_subsidy_fen=50_000 if worked and month == 2 else 0,
                )
