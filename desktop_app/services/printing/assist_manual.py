"""The household's help pages (扶贫手册帮扶台账), gathered through the ledgers' use cases.

The pairings, plans, measures delivered, visits, loans, posts and months of work of one household, one page per
year that has an entry (a plan, a measure, a visit, a loan drawn, a post held, a month of work). Amounts are the
ledgers' own; no resident ID or bank account is gathered. Everything here reads; nothing writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlmodel import col

from desktop_app.domain.money import format_yuan
from desktop_app.reports.assist_model import ManualData, ManualYear  # reports/ ships as desktop_app.reports
from desktop_app.reports.base import zh_date
from desktop_app.services import assistance
from desktop_app.services.monitoring import IncomeRow, income_for
from desktop_app.services.printing.assist_select import AssistPrintError, dot_date, period_text
from desktop_app.services.printing.data import code_label, group_names, place_of
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household
from desktop_app.storage.models_assist import WorkMonth
from desktop_app.storage.queries import live

CADRE_ROLE = "1"  # pairing_role 帮扶责任人: the one who signs the yearly page


def _overlaps(year: int, start: date | None, end: date | None) -> bool:
    """Whether a span (open at either end) touches ``year``."""
    return (start is None or start.year <= year) and (end is None or end.year >= year)


def _plan_page(plan: assistance.PlanView | None) -> tuple[list[tuple[str, str]], list[list[str]]]:
    if plan is None:
        return [], []
    target = f"人均 {format_yuan(plan.income_target_fen)} 元" if plan.income_target_fen is not None else ""
    facts = [
        ("致贫（返贫）原因", "、".join(plan.cause_labels)),
        ("风险类型", "、".join(plan.risk_labels)),
        ("收入目标", target),
        ("计划金额", f"{format_yuan(plan.planned_fen)} 元"),
        ("帮扶目标", plan.targets),
        ("制定", "　".join(p for p in (zh_date(plan.made_on, ""), plan.made_by) if p)),
    ]
    items = [
        [i.category_label, "、".join(i.value_labels), i.content, format_yuan(i.amount_fen), i.target]
        for i in plan.items
    ]
    return facts, items


def _income(record: IncomeRow | None) -> list[tuple[str, str]]:
    """The year's income record as the card's income worksheet keeps it (wages include posts and work)."""
    if record is None:
        return []
    lines = [
        ("工资性收入", record.wage_fen),
        ("生产经营性收入", record.business_fen),
        ("转移性收入", record.transfer_fen),
        ("家庭纯收入", record.net_fen),
        ("人均纯收入", record.per_capita_fen),
    ]
    return [(label, "" if fen is None else f"{format_yuan(fen)} 元") for label, fen in lines]


def _work_rows(rows: Iterable[assistance.WorkRow]) -> list[list[str]]:
    """One line per member: months worked, where, how, for whom, the wages and transport subsidies of the year."""
    by_member: dict[str, list[assistance.WorkRow]] = defaultdict(list)
    for row in rows:
        by_member[row.member_id].append(row)
    out = []
    for months in by_member.values():
        worked = [m for m in months if m.worked]
        if not worked:
            continue
        last = worked[-1]
        out.append(
            [
                last.name,
                str(len(worked)),
                "、".join(dict.fromkeys(m.place for m in worked if m.place)),
                "、".join(dict.fromkeys(m.channel_label for m in worked if m.channel_label)),
                "、".join(dict.fromkeys(m.employer for m in worked if m.employer)),
                format_yuan(sum(m.wage_fen for m in worked)),
                format_yuan(sum(m.transport_subsidy_fen for m in worked)),
            ]
        )
    return out


def manual_data(db: Database, household_id: str, year: int | None, today: date) -> ManualData:
    """The household's help pages: every year with an entry, or only ``year``."""
    with reading(db) as session:
        household = session.get(Household, household_id)
        if household is None or household.deleted:
            raise AssistPrintError("找不到要打印的户。", "no such household")
        session.expunge(household)  # read after the snapshot closes: its loaded fields stay
        place = place_of(session, household.village_id)
        group = group_names(session, household.village_id).get(household.group_id or "", "")
        months = session.execute(
            select(col(WorkMonth.month)).where(col(WorkMonth.household_id) == household_id, live(WorkMonth))
        ).scalars()
        work_years = {m // 100 for m in months}
    pairings = sorted(assistance.household_pairings(db, household_id), key=lambda p: (p.role, p.started_on or date.min))
    deliveries = assistance.household_deliveries(db, household_id)
    visits = assistance.household_visits(db, household_id)
    loans = assistance.household_loans(db, household_id, on=today)
    posts = assistance.household_posts(db, household_id)
    plan_years = assistance.plan_years(db, household_id)
    tiers = {p.id: p.tier_label for p in assistance.post_list(db, household.village_id)}
    years = set(plan_years) | work_years | {d.year for d in deliveries} | {v.visited_on.year for v in visits}
    years |= {loan.drawn_on.year for loan in loans if loan.drawn_on}
    years |= {p.contract_on.year for p in posts if p.contract_on} | {p.applied_on.year for p in posts if p.applied_on}
    if year is not None:
        years &= {year}
    if not years and not pairings:
        when = f"{year}年" if year else ""
        raise AssistPrintError(
            f"{household.head_name}（{household.number}）{when}还没有帮扶记录，没有可打印的内容。", "nothing to print"
        )
    with reading(db) as session:
        incomes = {y: _income(income_for(session, household_id, y)) for y in years}
    pages = []
    for y in sorted(years):
        plan_facts, plan_items = _plan_page(assistance.household_plan(db, household_id, y))
        delivered = [d for d in deliveries if d.year == y]
        pages.append(
            ManualYear(
                year=y,
                cadres=list(
                    dict.fromkeys(
                        p.cadre
                        for p in pairings
                        if p.role == CADRE_ROLE and _overlaps(y, p.started_on, p.ended_on) and p.cadre
                    )
                ),
                plan_facts=plan_facts,
                plan_items=plan_items,
                deliveries=[
                    [period_text(d.started_on, d.ended_on), d.category_label, d.values_label, d.content]
                    + [format_yuan(d.amount_fen), "　".join(p for p in (d.fund, d.project) if p)]
                    + [d.status_label, d.result]
                    for d in sorted(delivered, key=lambda d: (d.started_on or date.min, d.id))
                ],
                visits=[
                    [dot_date(v.visited_on), v.cadre, v.found, v.agreed, str(len(v.photos)) if v.photos else ""]
                    for v in sorted((v for v in visits if v.visited_on.year == y), key=lambda v: (v.visited_on, v.id))
                ],
                loans=[
                    [r.borrower, r.product, r.contract, format_yuan(r.amount_fen)]
                    + [dot_date(r.drawn_on), dot_date(r.due_on), format_yuan(r.balance_fen)]
                    + [format_yuan(r.subsidy_fen)]
                    for r in loans
                    if r.drawn_on and r.drawn_on.year <= y and _overlaps(y, r.drawn_on, r.settled_on or r.due_on)
                ],
                posts=[
                    [p.person, p.post, tiers.get(p.post_id, ""), p.stage_label, str(p.months)]
                    + [format_yuan(p.subsidy_fen)]
                    for p in posts
                    if _overlaps(y, p.applied_on or p.contract_on, p.left_on)
                ],
                work=_work_rows(assistance.household_work(db, household_id, y)) if y in work_years else [],
                delivered_total=format_yuan(sum(d.amount_fen for d in delivered)),
                income=incomes.get(y, []),
            )
        )
    return ManualData(
        place=place,
        number=household.number,
        head_name=household.head_name,
        group=group,
        size=household.size,
        facts=[
            ("家庭住址", household.address),
            ("家庭人口", f"{household.size} 人"),
            ("户类型", code_label("attribute", household.attribute) or "一般农户"),
            ("贫困状态", code_label("poverty_status", household.status)),
            ("脱贫年度", str(household.exit_year or "")),
        ],
        pairings=[
            [p.role_label, p.cadre, p.unit, p.phone, dot_date(p.started_on), dot_date(p.ended_on)]
            + ["当前" if p.current else "已结束"]
            for p in pairings
        ],
        years=pages,
        printed_on=today,
    )
