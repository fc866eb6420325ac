"""The demo's hand-entered loans, posts and work months (see ``assist_scenes``), each through its use case.

Loans: one of each product period — a 扶贫小额信贷 of 2019 repaid and settled, a 脱贫人口小额信贷 of 2022 overdue
(its repayments stopped), one of 2023 extended once with its reason, one of 2023 renewed in 2026 into a
帮扶小额信贷, and a 帮扶小额信贷 of 2026 repaid on schedule. Posts: three village posts through the selection
(vacancy notice, application, check, the county's notice of N days, contract) with their months; the holder of
the first is given a second post by a written override (the posts check finds the first post's holder holding
two), and the holder of the third has crossed the age band since the contract. Work months: a year of
migrant work for the village's first migrant workers, a village month at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from desktop_app.domain.loans import add_months
from desktop_app.services.assistance import (
    LoanInput,
    PostInput,
    WorkEntry,
    add_loan,
    add_post,
    apply_for_post,
    extend,
    loan_detail,
    post_rules,
    post_step,
    record_post_month,
    renew,
    repay,
    save_work_months,
    settle,
)
from desktop_app.services.demo.assist_desk import Desk, Home, Person

Member = Person


def age(member: Member, on: date) -> int:
    birth = member[2]
    if birth is None:
        return 40
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _borrower(home: Home, on: date) -> Member | None:
    return next((m for m in home.members if 18 <= age(m, on) <= 60 and m[3] in ("1", "2", "3")), None)


def _pay_schedule(scenes: Desk, loan_id: str, until: date) -> None:
    """Repay each instalment of the loan's schedule on its day, up to ``until``."""
    for step in loan_detail(scenes.db, loan_id, on=scenes.today).schedule:
        if step.due_on > until or step.due_on > scenes.today:
            return
        repay(scenes.db, loan_id, step.due_on, step.principal_fen, step.interest_fen, note="按期还款")
        scenes.counts["repayments"] = scenes.counts.get("repayments", 0) + 1


def loans(scenes: Desk) -> None:
    today = scenes.today
    registered = [h for h in scenes.homes if h.registered]
    exited = [h for h in scenes.homes if h.status in ("3", "4") or h.monitored]
    anyone = [h for h in scenes.homes if not h.registered and not h.monitored]
    used: set[str] = set()

    def take(pool: Sequence[Home], drawn: date) -> tuple[Home, Member] | None:
        for home in pool:
            member = _borrower(home, drawn)
            if home.id not in used and member is not None:
                used.add(home.id)
                return home, member
        return None

    def loan(pool: Sequence[Home], drawn: date, amount_fen: int, contract: str, purpose: str) -> str | None:
        found = take(pool, drawn)
        if found is None:
            return None
        home, member = found
        entry = LoanInput(
            household_id=home.id,
            member_id=member[0],
            amount_fen=amount_fen,
            drawn_on=drawn,
            contract_no=contract,
            bank="示范县农村信用合作联社",
            credit_rating="2",
            credit_line_fen=max(amount_fen, 5_000_000),
            purpose=purpose,
            industry=purpose[2:],
        )
        scenes.counts["loans"] = scenes.counts.get("loans", 0) + 1
        return add_loan(scenes.db, entry)

    settled = loan(registered, date(2019, 4, 10), 5_000_000, "XD2019-0410-001", "发展养殖业")
    if settled is not None:
        _pay_schedule(scenes, settled, today)
        settle(scenes.db, settled, date(2022, 4, 10))
    overdue = loan(exited, date(2022, 5, 20), 3_000_000, "XD2022-0520-007", "发展种植业")
    if overdue is not None:  # the borrower fell ill: nothing paid since the summer of 2024
        _pay_schedule(scenes, overdue, date(2024, 8, 31))
    late = loan(exited, date(2023, 6, 15), 5_000_000, "XD2023-0615-003", "发展林果业")
    if late is not None:
        _pay_schedule(scenes, late, date(2026, 5, 31))
        reason = "核桃遭受冰雹灾害减产，借款人无力按期还本，经银行同意展期一年"
        extend(scenes.db, late, add_months(date(2026, 6, 15), 12), reason, on=date(2026, 5, 20))
    renewed = loan(exited, date(2023, 3, 10), 4_000_000, "XD2023-0310-011", "发展养殖业")
    if renewed is not None and today >= date(2026, 3, 6):
        _pay_schedule(scenes, renewed, date(2026, 3, 1))
        detail = loan_detail(scenes.db, renewed, on=today)
        again = LoanInput(
            household_id=detail.row.household_id,
            member_id=None,
            amount_fen=6_000_000,
            drawn_on=date(2026, 3, 6),
            contract_no="XD2026-0306-002",
            bank="示范县农村信用合作联社",
            credit_rating="1",
            credit_line_fen=6_000_000,
            purpose="扩大养殖规模",
            industry="养殖业",
        )
        new = renew(scenes.db, renewed, _with_borrower(scenes, again, detail.row.household_id))
        scenes.counts["loans"] = scenes.counts.get("loans", 0) + 1
        _pay_schedule(scenes, new, today)
    current = loan(anyone or exited, date(2026, 4, 8), 8_000_000, "XD2026-0408-005", "发展加工业")
    if current is not None:
        _pay_schedule(scenes, current, today)


def _with_borrower(scenes: Desk, entry: LoanInput, household_id: str) -> LoanInput:
    from dataclasses import replace

    home = next(h for h in scenes.homes if h.id == household_id)
    member = _borrower(home, entry.drawn_on)
    return replace(entry, member_id=member[0] if member else None)


def posts(scenes: Desk) -> None:
    today = scenes.today
    rules = post_rules(scenes.db)
    start = date(today.year - 1, 1, 1)
    vacancy = start - timedelta(days=40)
    kinds = (("01", "村内保洁员", "3"), ("03", "护林员", "1"), ("04", "管水员", "2"))
    fit = [(h, m) for h in scenes.homes for m in h.members if 25 <= age(m, today) <= 55 and m[3] in ("1", "2")]
    crossing = [  # past the age band now, inside it when contracted
        (h, m)
        for h in scenes.homes
        for m in h.members
        if (m[3] == "3" and age(m, start) <= rules.age_max < age(m, today))
        or (m[3] in rules.able_labour and age(m, start) <= rules.age_max_if_able < age(m, today))
    ]
    holders: list[str] = []
    for n, (kind, name, tier) in enumerate(kinds):
        post = add_post(
            scenes.db,
            PostInput(
                village_id=scenes.village_id,
                type=kind,
                tier=tier,
                monthly_subsidy_fen=60_000,
                name=name,
                started_on=start,
                ended_on=date(today.year, 12, 31),
                vacancy_on=vacancy,
                document=f"示乡发〔{start.year}〕8号",
            ),
        )
        scenes.counts["posts"] = scenes.counts.get("posts", 0) + 1
        pool = crossing if n == 2 and crossing else fit
        if not pool:
            continue
        home, member = pool.pop(0)
        holder = _select(scenes, post, member[0], vacancy + timedelta(days=5), rules.notice_days)
        holders.append(holder)
        for month in range(start.year * 100 + 2, _month(today), 1):
            if 1 <= month % 100 <= 12:
                record_post_month(scenes.db, holder, month, 22, True, "2", 60_000)
                scenes.counts["post_months"] = scenes.counts.get("post_months", 0) + 1
        if n == 0:  # the same person also takes a road-care post: allowed only by a written override
            second = add_post(
                scenes.db,
                PostInput(
                    village_id=scenes.village_id,
                    type="02",
                    tier="2",
                    monthly_subsidy_fen=50_000,
                    name="护路员",
                    started_on=date(today.year, 3, 1),
                    ended_on=date(today.year, 12, 31),
                    vacancy_on=date(today.year, 2, 1),
                ),
            )
            scenes.counts["posts"] += 1
            _select(
                scenes,
                second,
                member[0],
                date(today.year, 2, 6),
                rules.notice_days,
                override="该村护路岗位无人报名，经乡镇同意由其兼任",
                decided_by="乡人民政府",
            )
    if fit:  # an applicant still in the selection (checked, waiting for the notice)
        post = add_post(
            scenes.db,
            PostInput(
                village_id=scenes.village_id,
                type="05",
                tier="3",
                monthly_subsidy_fen=50_000,
                name="护河员",
                started_on=today - timedelta(days=20),
                vacancy_on=today - timedelta(days=30),
            ),
        )
        holder = apply_for_post(scenes.db, post, fit[0][1][0], today - timedelta(days=10))
        post_step(scenes.db, holder, "check", today - timedelta(days=3))
        scenes.counts["posts"] += 1


def _month(day: date) -> int:
    return day.year * 100 + day.month


def _select(
    scenes: Desk, post: str, member: str, applied: date, notice_days: int, *, override: str = "", decided_by: str = ""
) -> str:
    """Application → check → notice → contract after the notice's end; returns the holder's id."""
    holder = apply_for_post(scenes.db, post, member, applied)
    post_step(scenes.db, holder, "check", applied + timedelta(days=3), override=override, decided_by=decided_by)
    notice = applied + timedelta(days=4)
    post_step(scenes.db, holder, "notice", notice)
    contract = notice + timedelta(days=notice_days + 1)
    post_step(scenes.db, holder, "contract", contract, override=override, decided_by=decided_by)
    scenes.counts["holders"] = scenes.counts.get("holders", 0) + 1
    return holder


def work(scenes: Desk) -> None:
    """A year of migrant work for up to six migrant workers, saved one month at a time for the whole village."""
    today = scenes.today
    workers = [m for h in scenes.homes for m in h.members if m[4] in ("3", "4") and 18 <= age(m, today) <= 60][:6]
    places = ("浙江省宁波市", "昆明市官渡区", "广东省东莞市")
    if not workers:
        return
    for month in range(1, today.month + 1):
        code = today.year * 100 + month
        entries = []
        for n, m in enumerate(workers):
            home = n % 5 == 4 and month in (1, 2)  # one is home for the spring festival
            entries.append(
                WorkEntry(m[0], False)
                if home
                else WorkEntry(
                    m[0],
                    True,
                    place=places[n % 3],
                    channel="3",
                    industry=("02", "03", "06")[n % 3],
                    employer=("宁波某电子厂", "某建筑工程公司", "东莞某餐饮店")[n % 3],
                    wage_fen=400_000 + n * 50_000,
                    transport_subsidy_fen=50_000 if month == 3 else 0,
                )
            )
        scenes.counts["work_months"] = scenes.counts.get("work_months", 0) + save_work_months(scenes.db, code, entries)
