"""The assistance ledgers' documents (issue 16): their data, gathered through the ledgers' own use cases.

The figures (allocated, disbursed, remaining; balances, overdue amounts and days, subsidies; measures and their
amounts) are those the ledgers compute (``services.assistance``: ``funds_ledger``, ``loan_list``,
``village_deliveries`` …), so a printed total is the ledger's total. Only what the ledgers do not list is read
here from the tables, read only: a fund's payments, the people on a post's notice. The household's help pages
are gathered in ``assist_manual``. Docs: docs/assistance-printing.md.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlmodel import col

from desktop_app.domain.money import format_yuan
from desktop_app.reports.assist_ledgers import (  # reports/ ships as desktop_app.reports: mypy cannot map it
    FundsLedgerRenderer,
    LoanLedgerRenderer,
    MeasuresRegisterRenderer,
    PostNoticeRenderer,
)
from desktop_app.reports.assist_model import (
    FundBlock,
    FundPayment,
    FundsLedgerData,
    LoanLedgerData,
    LoanLine,
    MeasuresRegisterData,
    OverdueLine,
    PostNoticeData,
    PostNoticeRow,
    RegisterRow,
)
from desktop_app.reports.base import BaseRenderer
from desktop_app.services import assistance
from desktop_app.services.printing.assist_manual import manual_data
from desktop_app.services.printing.assist_select import AssistPrintError, dot_date, label_of, period_text
from desktop_app.services.printing.data import (
    contact_line,
    default_issuer,
    group_names,
    objection_sentence,
    place_of,
)
from desktop_app.services.settings import print_defaults
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household

NOTICE_STAGE = "3"  # post_stage 公示中: the people a post notice lists
CANCELLED = "4"  # measure_status 已取消: not on the measures register


def _nothing(what: str) -> AssistPrintError:
    return AssistPrintError(f"{what}，没有可打印的内容。", "nothing to print")


# --- 村帮扶措施登记册 --------------------------------------------------------------------------------


def measures_register_data(db: Database, village_id: str, year: int | None, today: date) -> MeasuresRegisterData:
    """Every measure delivered in the village and year (the latest year with measures when none is named)."""
    rows = [r for r in assistance.village_deliveries(db, village_id, year=year) if r.status != CANCELLED]
    ids = {r.household_id for r in rows}
    with reading(db) as session:
        place = place_of(session, village_id)
        groups = group_names(session, village_id)
        query = select(col(Household.id), col(Household.group_id)).where(col(Household.id).in_(ids))
        group_of = dict(session.execute(query).all()) if ids else {}
    if not rows:
        when = f"{year}年" if year else ""
        raise _nothing(f"{place.village}{when}还没有登记落实的帮扶措施")
    chosen = year or max(r.year for r in rows)
    rows = [r for r in rows if r.year == chosen]
    lines = [
        RegisterRow(
            number=r.number,
            head_name=r.head_name,
            group=groups.get(group_of.get(r.household_id) or "", ""),
            category=r.category_label,
            values=r.values_label,
            content=r.content,
            amount=format_yuan(r.amount_fen),
            fund="　".join(p for p in (r.fund, r.project) if p),
            period=period_text(r.started_on, r.ended_on),
            status=r.status_label,
            result=r.result,
            evidence=str(r.evidence_count) if r.evidence_count else "",
        )
        for r in sorted(rows, key=lambda r: (r.number, r.started_on or date.min, r.id))
    ]
    households = len({r.household_id for r in rows})
    total = format_yuan(sum(r.amount_fen for r in rows))
    return MeasuresRegisterData(place, chosen, lines, total, households, today)


# --- 资金台账 ------------------------------------------------------------------------------------------


def funds_ledger_data(db: Database, village_id: str, year: int | None, today: date) -> FundsLedgerData:
    """The village's funds as the ledger balances them, each with its payments (flagged ones marked)."""
    ledger = [r for r in assistance.funds_ledger(db, village_id=village_id, year=year) if r.village_id == village_id]
    flags = {f.disbursement_id: f.reason for f in assistance.ledger_flags(db, village_id=village_id, year=year)}
    payments: dict[tuple[str, int], list[assistance.DisbursementRow]] = defaultdict(list)
    for p in assistance.village_disbursements(db, village_id, year=year):
        payments[(p.fund_id, p.year)].append(p)
    with reading(db) as session:
        place = place_of(session, village_id)
    if not ledger:
        when = f"{year}年" if year else ""
        raise _nothing(f"{place.village}{when}还没有下达或拨付的帮扶资金")
    blocks = []
    for row in sorted(ledger, key=lambda r: (r.year, r.fund)):
        lines = [
            FundPayment(
                paid_on=dot_date(p.paid_on),
                number=p.number,
                head_name=p.head_name,
                project=p.project,
                measure=p.measure,
                amount=format_yuan(p.amount_fen),
                flag=flags.get(p.id, ""),
            )
            for p in sorted(payments.get((row.fund_id, row.year), []), key=lambda p: (p.paid_on or date.min, p.id))
        ]
        amounts = (row.allocated_fen, row.disbursed_fen, row.remaining_fen)
        blocks.append(FundBlock(row.fund, row.year, *(format_yuan(a) for a in amounts), lines))
    return FundsLedgerData(
        place,
        year,
        blocks,
        format_yuan(sum(r.allocated_fen for r in ledger)),
        format_yuan(sum(r.disbursed_fen for r in ledger)),
        format_yuan(sum(r.remaining_fen for r in ledger)),
        flagged=len(flags),
        printed_on=today,
    )


# --- 小额信贷台账 --------------------------------------------------------------------------------------


def _loan_notes(row: assistance.LoanRow) -> list[str]:
    """A loan's state on the ledger: settled (已结清), overdue (逾期), extended (已展期), a renewal (续贷)."""
    if row.settled_on:
        return ["已结清"]
    notes = ["逾期"] if row.overdue_fen or row.overdue_days else []
    notes += ["已展期"] if row.extended else []
    return notes + (["续贷"] if row.renewal_of else [])


def loan_ledger_data(db: Database, village_id: str, today: date) -> LoanLedgerData:
    """Every loan of the village with its balance and subsidy on ``today``, then the overdue ones."""
    loans = assistance.loan_list(db, village_id, on=today)
    overdue = assistance.loan_list(db, village_id, overdue_only=True, on=today)
    with reading(db) as session:
        place = place_of(session, village_id)
    if not loans:
        raise _nothing(f"{place.village}还没有小额信贷记录")
    lines = [
        LoanLine(
            number=r.household,
            head_name=r.head_name,
            borrower=r.borrower,
            contract=r.contract,
            bank=r.bank,
            product=r.product,
            amount=format_yuan(r.amount_fen),
            drawn=dot_date(r.drawn_on),
            due=dot_date(r.due_on),
            balance=format_yuan(r.balance_fen),
            subsidy=format_yuan(r.subsidy_fen),
            status="、".join(_loan_notes(r)) or "正常",
        )
        for r in loans
    ]
    late = [
        OverdueLine(
            number=r.household,
            borrower=r.borrower,
            contract=r.contract,
            overdue_since=dot_date(r.overdue_since),
            overdue_amount=format_yuan(r.overdue_fen),
            overdue_days=str(r.overdue_days),
            unpaid_interest=format_yuan(r.unpaid_interest_fen),
            interest_since=dot_date(r.unpaid_interest_since),
        )
        for r in overdue
    ]
    return LoanLedgerData(
        place,
        today,
        lines,
        late,
        total_amount=format_yuan(sum(r.amount_fen for r in loans)),
        total_balance=format_yuan(sum(r.balance_fen for r in loans)),
        total_subsidy=format_yuan(sum(r.subsidy_fen for r in loans)),
        total_overdue=format_yuan(sum(r.overdue_fen for r in overdue)),
        printed_on=today,
    )


# --- 公益岗位拟聘人员公示 ----------------------------------------------------------------------------


def post_notice_data(db: Database, village_id: str, post_id: str | None, today: date) -> PostNoticeData:
    """The people on notice for the post (or for every post of the village): name and village group only."""
    posts = {p.id: p for p in assistance.post_list(db, village_id)}
    chosen = [post_id] if post_id else list(posts)
    listed = [h for pid in chosen for h in assistance.post_holders(db, pid) if h.stage == NOTICE_STAGE]
    with reading(db) as session:
        place = place_of(session, village_id)
        groups = group_names(session, village_id)
        ids = {h.household_id for h in listed}
        group_of = dict(
            session.execute(select(col(Household.id), col(Household.group_id)).where(col(Household.id).in_(ids))).all()
        )
        county = print_defaults(session)
    post_name = posts[post_id].name if post_id and post_id in posts else ""
    if not listed:
        what = f"公益岗位“{post_name}”" if post_id else place.village
        raise _nothing(f"{what}没有公示中的拟聘人员")
    listed.sort(key=lambda h: (h.notice_start or date.min, h.number, h.id))
    rows = []
    for h in listed:
        post = posts.get(h.post_id)
        rows.append(
            PostNoticeRow(
                name=h.person,
                group=groups.get(group_of.get(h.household_id) or "", ""),
                post=post.name if post else h.post,
                post_type=post.type_label if post else "",
                tier=post.tier_label if post else "",
            )
        )
    start = min((h.notice_start for h in listed if h.notice_start), default=None)
    end = max((h.notice_end for h in listed if h.notice_end), default=None)
    village_body = default_issuer("village_announcement", place, county)
    township_body = default_issuer("township_announcement", place, county)
    what = f"担任“{post_name}”岗位" if post_name else "从事公益岗位工作"
    intro = (
        f"根据公益岗位开发管理有关规定，经个人申请、村级初审和资格审核，{place.village}拟聘用以下 {len(rows)} 名"
        f"人员{what}，现予以公示。"
    )
    return PostNoticeData(
        title=f"{place.village}{(start or today).year}年公益岗位拟聘人员公示",
        intro=intro,
        objection_text=objection_sentence(start, end, village_body, township_body),
        place=place,
        issuing_body=village_body,
        issued_on=start or today,
        rows=rows,
        contact_text=contact_line(county.contact_phone, county.contact_place),
    )


# --- the renderer of a selection -----------------------------------------------------------------------


def assist_renderer(
    db: Database,
    kind: str,
    *,
    village_id: str | None,
    household_id: str | None,
    year: int | None,
    post_id: str | None,
    today: date,
) -> BaseRenderer:
    """The renderer of an assistance ledger (an ``AssistPrintError`` when there is nothing to print)."""
    if kind == "help-manual":
        from desktop_app.reports.assist_manual import HelpManualRenderer

        if household_id is None:
            raise AssistPrintError(f"打印{label_of(kind)}需要指定户（户编号或 ID）。")
        return HelpManualRenderer(manual_data(db, household_id, year, today))
    if village_id is None:
        raise AssistPrintError(f"打印{label_of(kind)}需要指定行政村（代码或名称）。")
    if kind == "measures-register":
        return MeasuresRegisterRenderer(measures_register_data(db, village_id, year, today))
    if kind == "funds-ledger":
        return FundsLedgerRenderer(funds_ledger_data(db, village_id, year, today))
    if kind == "loan-ledger":
        return LoanLedgerRenderer(loan_ledger_data(db, village_id, today))
    return PostNoticeRenderer(post_notice_data(db, village_id, post_id, today))
