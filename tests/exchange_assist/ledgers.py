"""A database holding every ledger of issue 16, written with the models inside a unit of work.

``add_ledgers`` gives the first two households of a demo database a row of every ledger table (the second
household its own loan and post month too), with the awkward values a clerk meets: text that looks like a
formula, JSON lists, dates, money in fen, a code of every list. ``dump`` reads every ledger table back as
text (the change log's form) for comparing two databases.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select

from desktop_app.domain.assistance import plan_id, post_month_id, record_id, work_month_id
from desktop_app.services import Database
from desktop_app.services.merge import state as ms
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.models import Cadre, Household, Member
from desktop_app.storage.models_assist import (
    Disbursement,
    Fund,
    FundAllocation,
    FundProject,
    HelpPlan,
    Loan,
    LoanRepayment,
    Pairing,
    Post,
    PostHolder,
    PostMonth,
    Visit,
    WorkMonth,
)
from desktop_app.storage.models_monitoring import HelpMeasure
from desktop_app.storage.queries import table_of

LEDGER_TABLES = (
    "fund",
    "fund_project",
    "fund_allocation",
    "pairing",
    "help_plan",
    "help_measure",
    "disbursement",
    "loan",
    "loan_repayment",
    "post",
    "post_holder",
    "post_month",
    "work_month",
    "visit",
    "cadre",
)
PHOTO = hashlib.sha256(b"photo").hexdigest()


def households(db: Database) -> list[Household]:
    with db.session() as s:
        return list(s.exec(select(Household).order_by(Household.number)).scalars())  # type: ignore[call-overload]


def members_of(db: Database, household_id: str) -> list[Member]:
    with db.session() as s:
        q = select(Member).where(Member.household_id == household_id).order_by(Member.sort_order)
        return list(s.execute(q).scalars())


def add_ledgers(db: Database) -> dict[str, str]:
    """One row of every ledger table for the first household (and a second loan for the second one);
    returns the ids by name (``loan``, ``repayment``, ``holder``…)."""
    first, second = households(db)[:2]
    m1 = members_of(db, first.id)[0]
    m2 = members_of(db, second.id)[0]
    ids: dict[str, str] = {}
    with writing(db, "assist.test_ledgers", first.id) as work:
        s = work.session
        cadre = s.execute(select(Cadre)).scalars().first()
        assert cadre is not None
        cadre.sex, cadre.rank, cadre.started_on = "1", "3", date(2024, 3, 1)
        fund = Fund(name="2026年中央财政衔接推进乡村振兴补助资金", level="1", year=2026, document="云财农〔2026〕1号")
        s.add(fund)
        s.flush()
        project = FundProject(fund_id=fund.id, name="核桃提质增效", year=2026, category="100A39")
        s.add(project)
        s.flush()
        s.add(
            FundAllocation(
                fund_id=fund.id,
                project_id=project.id,
                village_id=first.village_id,
                year=2026,
                amount_fen=50_000_000,
                on_date=date(2026, 3, 10),
                document="=SUM(A1)",
            )
        )
        s.add(Pairing(household_id=first.id, cadre_id=cadre.id, role="1", started_on=date(2024, 3, 1)))
        s.add(
            Pairing(
                household_id=first.id,
                cadre_id=cadre.id,
                role="2",
                started_on=date(2023, 1, 1),
                ended_on=date(2024, 2, 29),
                end_reason="调岗",
            )
        )
        s.add(
            HelpPlan(
                id=plan_id(first.id, 2026),
                household_id=first.id,
                year=2026,
                causes=["01", "03"],
                risks=["01"],
                items=[
                    {
                        "category": "100A39",
                        "values": ["3"],
                        "content": "种植核桃",
                        "amount_fen": 300_000,
                        "target": "增收",
                    }
                ],
                income_target_fen=800_000,
                targets="人均纯收入过万",
                made_on=date(2026, 2, 1),
                made_by="王干部",
            )
        )
        measure = HelpMeasure(
            household_id=first.id,
            year=2026,
            category="100A39",
            values=["3"],
            content="+核桃苗 200 株",
            amount_fen=300_000,
            member_id=m1.id,
            fund_id=fund.id,
            project_id=project.id,
            started_on=date(2026, 3, 1),
            status="3",
            result="已挂果",
            evidence=[PHOTO],
        )
        s.add(measure)
        s.flush()
        s.add(
            Disbursement(
                household_id=first.id,
                measure_id=measure.id,
                fund_id=fund.id,
                project_id=project.id,
                village_id=first.village_id,
                year=2026,
                amount_fen=300_000,
                paid_on=date(2026, 4, 1),
                payee_member_id=m1.id,
                evidence=[PHOTO],
            )
        )
        loan = Loan(
            household_id=first.id,
            member_id=m1.id,
            product="help_2026",
            credit_rating="2",
            credit_line_fen=10_000_000,
            contract_no="0012026000123",
            bank="农村信用社",
            amount_fen=5_000_000,
            term_months=36,
            rate="3.45",
            drawn_on=date(2026, 3, 15),
            due_on=date(2029, 3, 15),
            purpose="养殖",
            industry="畜牧",
        )
        other_loan = Loan(
            household_id=second.id,
            member_id=m2.id,
            product="help_2026",
            contract_no="0012026000999",
            bank="农业银行",
            amount_fen=2_000_000,
            term_months=24,
            rate="3.45",
            drawn_on=date(2026, 1, 5),
            due_on=date(2028, 1, 5),
        )
        s.add_all([loan, other_loan])
        s.flush()
        repayment_id = record_id("repayment", "农村信用社", "0012026000123", "2026-06-20", 100_000, 14_375)
        s.add(
            LoanRepayment(
                id=repayment_id,
                loan_id=loan.id,
                household_id=first.id,
                paid_on=date(2026, 6, 20),
                principal_fen=100_000,
                interest_fen=14_375,
                source="statement",
            )
        )
        post = Post(
            village_id=first.village_id,
            name="村道保洁",
            type="01",
            tier="3",
            funding="2",
            monthly_subsidy_fen=50_000,
            places=2,
            started_on=date(2026, 1, 1),
            vacancy_on=date(2025, 12, 1),
        )
        s.add(post)
        s.flush()
        holder = PostHolder(
            post_id=post.id,
            household_id=first.id,
            member_id=m1.id,
            stage="4",
            applied_on=date(2025, 12, 5),
            checked_on=date(2025, 12, 8),
            notice_start=date(2025, 12, 9),
            notice_end=date(2025, 12, 15),
            contract_on=date(2025, 12, 20),
            findings=[{"rule": "age", "override": "书面说明"}],
        )
        s.add(holder)
        s.flush()
        s.add(
            PostMonth(
                id=post_month_id(holder.id, 202603),
                holder_id=holder.id,
                household_id=first.id,
                month=202603,
                days_worked=22,
                attendance_ok=True,
                assessment="1",
                subsidy_fen=50_000,
            )
        )
        s.add(
            WorkMonth(
                id=work_month_id(m2.id, 202603),
                household_id=second.id,
                member_id=m2.id,
                month=202603,
                worked=True,
                started_on=date(2026, 2, 20),
                place="浙江省义乌市",
                channel="3",
                industry="02",
                employer="\t义乌某厂",
                wage_fen=520_000,
                transport_subsidy_fen=30_000,
            )
        )
        s.add(
            Visit(
                household_id=first.id,
                cadre_id=cadre.id,
                visited_on=date(2026, 5, 6),
                found="屋顶漏雨\n需维修",
                agreed="-月底前修缮",
                photos=[PHOTO],
            )
        )
        s.flush()
        ids.update(
            loan=loan.id,
            other_loan=other_loan.id,
            repayment=repayment_id,
            holder=holder.id,
            post=post.id,
            fund=fund.id,
            measure=measure.id,
            first=first.id,
            second=second.id,
            cadre=cadre.id,
        )
    return ids


def dump(db: Database, tables: tuple[str, ...] = LEDGER_TABLES) -> dict[str, list[dict[str, Any]]]:
    """Every live row of ``tables``: id, version, device and each business column as text."""
    out: dict[str, list[dict[str, Any]]] = {}
    with db.session() as s:
        for table in tables:
            t = table_of(ms.model(table))
            cols = [*ms.merge_columns(table), "id", "version", "device_id", "deleted"]
            rows = s.execute(select(t).order_by(t.c.id)).mappings().all()
            out[table] = [{c: ms.text(r[c]) for c in sorted(cols)} for r in rows]
    return out
