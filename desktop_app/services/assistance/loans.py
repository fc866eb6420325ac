"""Microcredit loans (小额信贷台账): add a loan under its product's rules, repay, renew (续贷), extend once (展期)
and settle; every write is one unit of work, every refusal of a product rule names the rule.

The products are the county's ``loan_products`` rules (``forms/loan_products.json`` with its saved keys on top);
the figures of a loan at a date are :mod:`desktop_app.domain.loan_schedule`'s (read in ``loans_ledger``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session, col, func, select

from desktop_app.domain.assistance import AssistError, yuan
from desktop_app.domain.loans import (
    Applicant,
    LoanProduct,
    LoanTerms,
    add_months,
    age_on,
    check_loan,
    find_product,
    months_between,
    parse_rate,
    product_for,
)
from desktop_app.services.assistance.loans_ledger import LIVE_LOAN, MONITORED_STAGES, loan_state
from desktop_app.services.assistance.loans_rules import products_in
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import Loan, LoanRepayment
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import household_by_number, live


@dataclass(frozen=True)
class LoanInput:
    household_id: str  # the household's id or number (户编号)
    member_id: str | None  # the borrower (a member of the household)
    amount_fen: int
    drawn_on: date
    contract_no: str
    bank: str = ""
    product: str = ""  # a product key; "" = the product in force on the drawdown date
    credit_rating: str | None = None  # code list credit_rating
    credit_line_fen: int | None = None
    term_months: int = 36
    rate: str = ""  # annual percent as text ("4.35"); "" = the product's maximum rate
    purpose: str = ""
    industry: str = ""
    note: str = ""


def _error(code: str, zh: str, en: str = "", *, rule: str = "") -> AssistError:
    return AssistError(code, zh, en or zh, rule=rule or code)


def _household(session: Session, key: str) -> Household:
    found = household_by_number(session, key)
    if found is None:
        raise _error("household_missing", f"找不到户编号或 ID 为 {key} 的户", f"no household {key}")
    return found


def _loan(session: Session, loan_id: str) -> Loan:
    loan = session.get(Loan, loan_id)
    if loan is None or loan.deleted:
        found = session.execute(
            select(Loan).where(col(Loan.contract_no) == loan_id.strip(), LIVE_LOAN).limit(1)
        ).scalars()
        loan = found.first()
    if loan is None:
        raise _error("loan_missing", f"找不到贷款 {loan_id}（贷款编号或合同号）", f"no loan {loan_id}")
    return loan


def find_loan_id(db: Database, key: str) -> str:
    """A loan's id from its id or contract number."""
    with reading(db) as session:
        return _loan(session, key).id


def _monitored(session: Session, household_id: str) -> bool:
    query = select(func.count()).where(
        col(MonitoringCase.household_id) == household_id,
        live(MonitoringCase),
        col(MonitoringCase.stage).in_(MONITORED_STAGES),
    )
    return bool(session.execute(query).scalar_one())


def _open_loans(session: Session, household_id: str, *, besides: str | None = None) -> int:
    query = select(func.count()).where(
        col(Loan.household_id) == household_id, LIVE_LOAN, col(Loan.settled_on).is_(None)
    )
    if besides is not None:
        query = query.where(col(Loan.id) != besides)
    return int(session.execute(query).scalar_one())


def _borrower(session: Session, household: Household, member_id: str | None) -> Member:
    member = session.get(Member, member_id) if member_id else None
    if member is None or member.deleted or member.household_id != household.id:
        raise _error("loan_no_borrower", f"借款人应为{household.head_name}户（{household.number}）的家庭成员")
    if not member.active:
        raise _error("loan_no_borrower", f"{member.name}已不在户内，不能作为借款人")
    return member


def _checked(session: Session, data: LoanInput, *, renewing: str | None = None) -> tuple[Loan, Household]:
    """A new loan row from ``data`` after every check (nothing added to the session)."""
    household = _household(session, data.household_id)
    member = _borrower(session, household, data.member_id)
    contract = data.contract_no.strip()
    if not contract:
        raise _error("loan_no_contract", "请填写借款合同号（导入银行还款流水时按合同号对账）")
    same = select(func.count()).where(col(Loan.contract_no) == contract, LIVE_LOAN)
    if session.execute(same).scalar_one():
        raise _error("loan_contract_taken", f"合同号 {contract} 已登记过一笔贷款")
    products = products_in(session)
    product = find_product(products, data.product) if data.product else product_for(products, data.drawn_on)
    rate_text = data.rate.strip() or (str(product.max_rate) if product.max_rate is not None else "")
    if not rate_text:
        raise _error("loan_bad_rate", "请填写年利率（百分数，如 4.35）")
    rate = parse_rate(rate_text)
    terms = LoanTerms(
        data.amount_fen,
        data.term_months,
        rate,
        data.drawn_on,
        data.purpose,
        data.industry,
        data.credit_rating or None,
        data.credit_line_fen,
    )
    who = Applicant(
        household.status,
        household.stage,
        _monitored(session, household.id),
        age_on(member.birth_date, data.drawn_on),
        _open_loans(session, household.id, besides=renewing),
    )
    check_loan(product, terms, who)
    loan = Loan(
        household_id=household.id,
        member_id=member.id,
        product=product.key,
        credit_rating=terms.credit_rating,
        credit_line_fen=data.credit_line_fen,
        contract_no=contract,
        bank=data.bank.strip(),
        amount_fen=data.amount_fen,
        term_months=data.term_months,
        rate=str(rate),
        drawn_on=data.drawn_on,
        due_on=add_months(data.drawn_on, data.term_months),
        purpose=data.purpose.strip(),
        industry=data.industry.strip(),
        note=data.note,
    )
    return loan, household


def add_loan(db: Database, data: LoanInput) -> str:
    """Record a loan; refused (nothing written) when it breaks its product's rules, the rule named."""
    with reading(db) as session:
        household_id = _household(session, data.household_id).id
    with writing(db, "assist.loan_add", household_id) as work:
        loan, _household_row = _checked(work.session, data)
        work.session.add(loan)
        work.session.flush()
        return loan.id


def _balance(session: Session, loan: Loan) -> int:
    query = select(func.coalesce(func.sum(LoanRepayment.principal_fen), 0)).where(
        col(LoanRepayment.loan_id) == loan.id, live(LoanRepayment)
    )
    return loan.amount_fen - int(session.execute(query).scalar_one())


def check_repayment(loan: Loan, balance_fen: int, paid_on: date, principal_fen: int, interest_fen: int) -> None:
    """Refuse a repayment that cannot be (negative, empty, before the drawdown, after settling, over the balance)."""
    if principal_fen < 0 or interest_fen < 0:
        raise _error("repay_negative", "还款金额不能为负数")
    if principal_fen == 0 and interest_fen == 0:
        raise _error("repay_empty", "还款本金和利息不能都为 0")
    if loan.drawn_on is not None and paid_on < loan.drawn_on:
        raise _error("repay_before_drawn", f"还款日期 {paid_on} 早于放款日期 {loan.drawn_on}")
    if loan.settled_on is not None and paid_on > loan.settled_on:
        raise _error("repay_settled", f"合同 {loan.contract_no} 已于 {loan.settled_on} 结清，不能再登记还款")
    if principal_fen > balance_fen:
        raise _error(
            "repay_over_balance",
            f"还款本金 {yuan(principal_fen)} 元超过合同 {loan.contract_no} 的余额 {yuan(balance_fen)} 元",
        )


def repay(db: Database, loan_id: str, paid_on: date, principal_fen: int, interest_fen: int, note: str = "") -> str:
    """Record a repayment (principal and interest in fen) on a loan."""
    with reading(db) as session:
        loan = _loan(session, loan_id)
        household_id, loan_id = loan.household_id, loan.id
    with writing(db, "assist.loan_repay", household_id) as work:
        loan = _loan(work.session, loan_id)
        check_repayment(loan, _balance(work.session, loan), paid_on, principal_fen, interest_fen)
        row = LoanRepayment(
            loan_id=loan.id,
            household_id=loan.household_id,
            paid_on=paid_on,
            principal_fen=principal_fen,
            interest_fen=interest_fen,
            note=note,
        )
        work.session.add(row)
        work.session.flush()
        return row.id


def _product_of(session: Session, loan: Loan) -> LoanProduct:
    return find_product(products_in(session), loan.product)


def _renewals_before(session: Session, loan: Loan) -> int:
    """How many renewals led to ``loan`` (0 for a first loan)."""
    count, seen, current = 0, {loan.id}, loan
    while current.renewal_of and current.renewal_of not in seen:
        parent = session.get(Loan, current.renewal_of)
        if parent is None:
            break
        count += 1
        seen.add(parent.id)
        current = parent
    return count


def _overdue_on(session: Session, loan: Loan, on: date) -> int:
    return loan_state(session, loan, on).overdue_fen


def renew(db: Database, loan_id: str, data: LoanInput) -> str:
    """A renewal (续贷): the new loan, checked under its own product, settles the old one on its drawdown date
    (the balance carried over is recorded as a repayment of the renewal) and links back to it."""
    with reading(db) as session:
        old = _loan(session, loan_id)
        household_id, loan_id = old.household_id, old.id
    with writing(db, "assist.loan_renew", household_id) as work:
        s = work.session
        old = _loan(s, loan_id)
        product = _product_of(s, old)
        rule = product.rule("renewal")
        if old.settled_on is not None:
            raise _error("loan_settled", f"合同 {old.contract_no} 已结清，不能续贷（可登记新贷款）")
        if _renewals_before(s, old) + 1 > product.renewal_times:
            raise _error(
                "loan_renewal",
                f"续贷次数已满：{product.name}只能续贷 {product.renewal_times} 次（规则 {rule}）",
                "renewals used up",
                rule=rule,
            )
        if product.renewal_no_overdue and _overdue_on(s, old, data.drawn_on) > 0:
            raise _error(
                "loan_renewal",
                f"合同 {old.contract_no} 有逾期本金，须先还清逾期才能续贷（规则 {rule}）",
                "overdue loans are not renewed",
                rule=rule,
            )
        if old.drawn_on is not None and data.drawn_on < old.drawn_on:
            raise _error("loan_renewal_date", "续贷的放款日期不能早于原贷款的放款日期")
        household = s.get(Household, old.household_id)
        assert household is not None
        new, _h = _checked(s, replace(data, household_id=household.id), renewing=old.id)
        new.renewal_of = old.id
        balance = _balance(s, old)
        if balance > 0:
            s.add(
                LoanRepayment(
                    loan_id=old.id,
                    household_id=old.household_id,
                    paid_on=data.drawn_on,
                    principal_fen=balance,
                    source="renewal",
                    note=f"续贷结清（新合同 {new.contract_no}）",
                )
            )
        old.settled_on = data.drawn_on
        s.add_all([old, new])
        s.flush()
        return new.id


def extend(db: Database, loan_id: str, new_due: date, reason: str, *, on: date | None = None) -> None:
    """An extension (展期) to ``new_due``, once per loan, with the reason; asked ``on`` (today by default)."""
    asked = on or date.today()
    with reading(db) as session:
        loan = _loan(session, loan_id)
        household_id, loan_id = loan.household_id, loan.id
    with writing(db, "assist.loan_extend", household_id) as work:
        loan = _loan(work.session, loan_id)
        product = _product_of(work.session, loan)
        rule = product.rule("extension")

        def refuse(zh: str, en: str) -> AssistError:
            return _error("loan_extension", f"{zh}（规则 {rule}）", en, rule=rule)

        if loan.settled_on is not None:
            raise _error("loan_settled", f"合同 {loan.contract_no} 已结清，不能展期")
        if loan.extended_to is not None or product.extension_times < 1:
            raise refuse(f"展期只能办理一次：合同 {loan.contract_no} 已展期至 {loan.extended_to}", "extended already")
        if not reason.strip():
            raise refuse("展期须写明原因（借款人无法控制的原因）", "an extension needs its reason")
        assert loan.due_on is not None
        if new_due <= loan.due_on:
            raise _error("loan_extension_date", f"展期后的到期日应晚于原到期日 {loan.due_on}")
        if add_months(loan.due_on, product.extension_months) < new_due:
            raise refuse(f"展期过长：{product.name}展期最长 {product.extension_months} 个月", "extension too long")
        if product.extension_before_due and asked > loan.due_on:
            raise refuse(f"展期须在到期日 {loan.due_on} 前申请", "ask before the due date")
        loan.extended_to = new_due
        loan.extension_reason = reason.strip()
        work.session.add(loan)
        work.details.update(months=months_between(loan.due_on, new_due))


def settle(db: Database, loan_id: str, on: date) -> None:
    """Close a loan whose principal is repaid (结清) on ``on``."""
    with reading(db) as session:
        loan = _loan(session, loan_id)
        household_id, loan_id = loan.household_id, loan.id
    with writing(db, "assist.loan_settle", household_id) as work:
        loan = _loan(work.session, loan_id)
        if loan.settled_on is not None:
            raise _error("loan_settled", f"合同 {loan.contract_no} 已于 {loan.settled_on} 结清")
        balance = _balance(work.session, loan)
        if balance > 0:
            raise _error(
                "loan_balance_left", f"合同 {loan.contract_no} 尚有余额 {yuan(balance)} 元，请先登记还款再结清"
            )
        if loan.drawn_on is not None and on < loan.drawn_on:
            raise _error("loan_settle_date", "结清日期不能早于放款日期")
        loan.settled_on = on
        work.session.add(loan)


def remove_repayment(db: Database, repayment_id: str) -> None:
    """Remove a repayment typed in error (a tombstone: the removal merges to other laptops, and a statement
    imported again does not bring it back)."""
    with reading(db) as session:
        row = session.get(LoanRepayment, repayment_id)
        if row is None or row.deleted:
            raise _error("repayment_missing", f"找不到还款记录 {repayment_id}")
        household_id = row.household_id
    with writing(db, "assist.loan_repayment_remove", household_id) as work:
        row = work.session.get(LoanRepayment, repayment_id)
        assert row is not None
        loan = _loan(work.session, row.loan_id)
        if loan.settled_on is not None:
            raise _error("loan_settled", f"合同 {loan.contract_no} 已结清，不能删除它的还款记录")
        row.deleted = True
        work.session.add(row)
