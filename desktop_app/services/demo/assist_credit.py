"""The bulk assistance data's loans, public-welfare posts and work months (see ``assist_bulk``).

Loans of the county's product periods (MONITORING.md §8, forms/loan_products.json) drawn since 2018, repaid
instalment by instalment as the product's schedule says (part C's ``schedule``); about one loan in thirty is
past its maturity with principal unpaid (overdue, its last instalments unpaid), one is extended, one renewed.
Posts (one per ten households of a village) with a contracted holder each, some applicants still in the
selection or refused; in every fourth village a holder over the age band and a member holding two posts; the
holders' months since the posts began; migrant-work months of this year.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from desktop_app.domain.assistance import post_month_id, work_month_id
from desktop_app.domain.loan_schedule import LoanFacts, schedule
from desktop_app.domain.loans import LoanProduct, add_months, parse_products, parse_rate
from desktop_app.services.assistance.rules import load_rules
from desktop_app.services.demo.assist_rows import County, House, Person, Rows, age_on
from desktop_app.storage.models_assist import Loan, LoanRepayment, Post, PostHolder, PostMonth, WorkMonth

PURPOSES = (("发展养殖业", "养殖业"), ("发展种植业", "种植业"), ("发展林果业", "林果业"), ("发展加工业", "加工业"))
BANKS = ("示范县农村信用合作联社", "中国农业银行示范县支行", "中国邮政储蓄银行示范县支行")
PLACES = ("昆明市官渡区", "大理市", "浙江省宁波市", "广东省东莞市", "本县县城")
EMPLOYERS = ("某建筑工程有限公司", "某电子厂", "某食品加工厂", "某物流公司", "某餐饮店")


def _borrower(h: House, today: date) -> Person | None:
    fit = [m for m in h.members if 18 <= age_on(m, today) <= 60 and m.labour in ("1", "2", "3")]
    return fit[0] if fit else None


def add_credit_bulk(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    _loans(rows, county, rng, today)
    _posts(rows, county, rng, today)
    _work(rows, county, rng, today)


def _products(rows: Rows) -> tuple[LoanProduct, ...]:
    return parse_products(load_rules(rows.session, "loan_products"))


def _facts(loan: dict[str, Any], product: LoanProduct) -> LoanFacts:
    return LoanFacts(
        amount_fen=loan["amount_fen"],
        rate=parse_rate(loan["rate"]),
        drawn_on=loan["drawn_on"],
        due_on=loan["due_on"],
        repayment=product.repayment,
        every_months=product.every_months,
        extended_to=loan.get("extended_to"),
    )


def _loans(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    """Loans of the county's products (forms/loan_products.json), repaid as their schedule says: each instalment
    on its day, up to today; an overdue loan's repayments stop some months before its maturity."""
    products = _products(rows)
    first = date(2018, 1, 1)
    span = (today - timedelta(days=30) - first).days
    serial = 0
    extended = renewed = False
    for h in county.houses:
        if rng.random() >= 0.5:
            continue
        person = _borrower(h, today)
        drawn = first + timedelta(days=rng.randrange(span))
        product = next((p for p in products if p.valid_on(drawn)), None)
        anyone = product is not None and any(g.anyone for g in product.groups)
        if person is None or product is None or not (anyone or h.registered or h.monitored):
            continue
        serial += 1
        cap = min(product.cap_fen, 10_000_000)
        amount = min(cap, rng.choice((1_000_000, 2_000_000, 3_000_000, 5_000_000, 5_000_000, 8_000_000, 10_000_000)))
        term = min(36, product.max_term_months)
        due = add_months(drawn, term)
        overdue = due < today and rng.random() < 0.05
        loan: dict[str, Any] = {
            "household_id": h.id,
            "member_id": person.id,
            "product": product.key,
            "credit_rating": rng.choice("1123"),
            "credit_line_fen": max(amount, 5_000_000),
            "contract_no": f"XD{drawn.year}{serial:06d}",
            "bank": rng.choice(BANKS),
            "amount_fen": amount,
            "term_months": term,
            "rate": str(product.max_rate or "4.35"),
            "drawn_on": drawn,
            "due_on": due,
            "purpose": (purpose := rng.choice(PURPOSES))[0],
            "industry": purpose[1],
        }
        if overdue and not extended and today - timedelta(days=200) < due:
            extended, overdue = True, False
            reason = "遭受冰雹灾害，养殖收入受损，申请展期一年"
            loan.update(extended_to=add_months(due, 12), extension_reason=reason)
        settle = not overdue and due < today and not loan.get("extended_to")
        stop = add_months(due, -rng.choice((3, 6, 9))) if overdue else today
        loan_id = rows.add(Loan, settled_on=due if settle else None, **loan)
        for step in schedule(_facts(loan, product)):
            if step.due_on > stop or step.due_on > today:
                break
            rows.add(
                LoanRepayment,
                loan_id=loan_id,
                household_id=h.id,
                paid_on=step.due_on,
                principal_fen=step.principal_fen,
                interest_fen=step.interest_fen,
                source="statement",
            )
        if settle and not renewed and product.key == products[1].key and add_months(due, 36) > today:
            later = next((p for p in products if p.valid_on(due)), None)
            if later is not None and later.key != product.key:
                renewed = True  # 续贷: a new loan of the product in force the day the old one was settled
                again = {
                    **loan,
                    "product": later.key,
                    "rate": str(later.max_rate or loan["rate"]),
                    "drawn_on": due,
                    "due_on": add_months(due, 36),
                    "contract_no": f"XD{due.year}{serial:06d}X",
                }
                new_id = rows.add(Loan, renewal_of=loan_id, **again)
                for step in schedule(_facts(again, later)):
                    if step.due_on > today:
                        break
                    rows.add(
                        LoanRepayment,
                        loan_id=new_id,
                        household_id=h.id,
                        paid_on=step.due_on,
                        principal_fen=step.principal_fen,
                        interest_fen=step.interest_fen,
                        source="statement",
                    )


def _posts(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    start = date(today.year - 1, 1, 1)
    for index, (village, houses) in enumerate(county.by_village().items()):
        people = [(h, m) for h in houses for m in h.members]
        fit = [(h, m) for h, m in people if 16 <= age_on(m, today) <= 60 and m.labour in ("1", "2", "3")]
        old = [(h, m) for h, m in people if age_on(m, today) > 65 and m.labour in ("3", "4")]
        rng.shuffle(fit)
        holding: list[tuple[House, Person]] = []  # the village's contracted holders (for the two-post cases)
        for n in range(max(1, len(houses) // 10)):
            if not fit:
                break
            h, m = fit.pop()
            breaker = index % 4 == 0  # every fourth village has a holder over the age band and one with two posts
            if breaker and n == 2 and old:
                fit.append((h, m))
                h, m = old.pop()  # over the age band
            elif breaker and n == 4 and holding:
                fit.append((h, m))
                h, m = holding[0]  # a second post for the same person
            else:
                holding.append((h, m))
            solar = rng.random() < 0.1 and (h.status == "3" or h.monitored)  # photovoltaic income: exited or monitored
            post = rows.add(
                Post,
                village_id=village,
                name=f"村级公益岗（{n + 1}）",
                type=rng.choice(("01", "02", "03", "04", "08")),
                tier=rng.choice("1233"),
                funding="2" if solar else "1",
                monthly_subsidy_fen=rng.choice((50_000, 60_000, 80_000)),
                places=1,
                started_on=start,
                ended_on=date(today.year, 12, 31),
                vacancy_on=start - timedelta(days=30),
            )
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
