"""A bank's repayment statement (银行还款流水) imported into the loan ledger, with a pre-flight first.

The file (.xlsx, .xls, .ods or .csv) is read by the exchange's reader process like every import, so that a
hostile file cannot take the app down. Columns are found by their headers: the contract number (合同号) or the
borrower's ID number (证件号码), the date, the principal and the interest repaid. Every row is checked and
matched to a loan; :func:`preview_statement` says what would happen (rows matched, to be added, already
imported, repeated in the file, unknown contracts or IDs — masked — and invalid rows with their reason) and
writes nothing; :func:`import_statement` writes the new repayments in one unit of work. A repayment's id is
``record_id("loan_repayment", bank, contract, date, principal, interest)``: importing the same statement again,
or on another laptop, adds nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from desktop_app.domain import idnumber
from desktop_app.domain.assistance import AssistError, record_id, yuan
from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import parse_yuan
from desktop_app.services.assistance.loans import check_repayment
from desktop_app.services.assistance.loans_ledger import LIVE_LOAN
from desktop_app.services.exchange import read_file_isolated
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import Loan, LoanRepayment
from desktop_app.storage.queries import chunks, live

Reporter = Callable[[int, int, str], None]
COLUMNS: dict[str, tuple[str, ...]] = {
    "contract": ("合同号", "借款合同号", "贷款合同号", "合同编号", "借据号", "借据编号"),
    "id": ("证件号码", "身份证号", "身份证号码", "公民身份号码", "借款人证件号码", "借款人身份证号"),
    "date": ("还款日期", "交易日期", "记账日期", "日期"),
    "principal": ("还款本金", "归还本金", "本金", "本金金额"),
    "interest": ("还款利息", "归还利息", "利息", "利息金额"),
}
_BLANKS = re.compile(r"[\s\u3000]+")
_DAY = re.compile(r"^(\d{4})\D?(\d{1,2})\D?(\d{1,2})日?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _head(value: Any) -> str:
    return _BLANKS.sub("", "" if value is None else str(value)).replace("（", "(").replace("）", ")").rstrip("：:*")


_NAMES = {_head(word): key for key, words in COLUMNS.items() for word in words}


@dataclass(frozen=True)
class StatementLine:
    """One row of the statement and what became of it (the ID masked)."""

    row: int
    contract: str
    id_masked: str
    paid_on: date | None
    principal_fen: int
    interest_fen: int
    household: str = ""  # the household's number when matched
    borrower: str = ""
    message: str = ""


@dataclass(frozen=True)
class StatementReport:
    file: str
    rows: int
    added: tuple[StatementLine, ...] = ()
    already_there: tuple[StatementLine, ...] = ()
    duplicates: tuple[StatementLine, ...] = ()
    unknown: tuple[StatementLine, ...] = ()
    invalid: tuple[StatementLine, ...] = ()
    written: bool = False

    @property
    def matched(self) -> int:
        """Rows matched to a loan (new or imported before)."""
        return len(self.added) + len(self.already_there)

    def to_json(self) -> dict[str, Any]:
        def lines(items: Iterable[StatementLine]) -> list[dict[str, Any]]:
            return [
                {
                    "row": x.row,
                    "contract": x.contract,
                    "id": x.id_masked,
                    "household": x.household,
                    "date": x.paid_on.isoformat() if x.paid_on else None,
                    "principal": yuan(x.principal_fen),
                    "interest": yuan(x.interest_fen),
                    "message": x.message,
                }
                for x in items
            ]

        return {
            "file": self.file,
            "rows": self.rows,
            "matched": self.matched,
            "written": self.written,
            "added": lines(self.added),
            "already_there": lines(self.already_there),
            "duplicates": lines(self.duplicates),
            "unknown": lines(self.unknown),
            "invalid": lines(self.invalid),
        }


def _said(line: StatementLine, message: str) -> StatementLine:
    return replace(line, message=message)


@dataclass(frozen=True)
class _Row:
    row: int
    cells: dict[str, Any]


def _refused(zh: str, en: str) -> DomainError:
    return DomainError("bad_statement", zh, en)


def _columns(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    for at, row in enumerate(rows[:15]):
        found: dict[str, int] = {}
        for column, value in enumerate(row):
            key = _NAMES.get(_head(value))
            if key is not None:
                found.setdefault(key, column)
        if ("contract" in found or "id" in found) and "date" in found and ({"principal", "interest"} & set(found)):
            return at, found
    return None


def read_statement(path: str | Path, progress: Reporter | None = None) -> list[_Row]:
    """The statement's rows (blank rows skipped), read in the reader process."""
    book = read_file_isolated(path, progress).book
    try:
        for sheet in book.sheets:
            if not sheet.visible:
                continue
            rows = book.loaded(sheet).rows or []
            found = _columns(rows)
            if found is None:
                continue
            header, columns = found
            used = set(columns.values())
            formulas = sorted(r + 1 for r, c in sheet.formulas if c in used and r > header)
            if formulas:
                raise _refused(
                    f"{sheet.name} 第 {formulas[0]} 行是公式，不是银行给出的值；请转成数值后再导入，没有导入任何内容",
                    "the statement holds formulas",
                )
            out = []
            for number, row in enumerate(rows[header + 1 :], start=header + 2):
                cells = {key: row[c] if c < len(row) else None for key, c in columns.items()}
                if any(str(v).strip() for v in cells.values() if v is not None):
                    out.append(_Row(number, cells))
            return out
    finally:
        book.close()
    raise _refused(
        "没有找到还款流水的表头：需要“合同号”或“证件号码”列、“还款日期”列和“本金”或“利息”列，没有导入任何内容",
        "no statement columns found",
    )


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def parse_day(value: Any) -> date:
    """A statement's date: a date cell, an Excel day number, or text like 2024-03-21, 2024/3/21, 20240321."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        if value >= 19_000_101:  # 20240321 typed as a number
            return parse_day(str(int(value)))
        return _EXCEL_EPOCH + timedelta(days=int(value))
    match = _DAY.match(_text(value).split(" ")[0].replace("年", "-").replace("月", "-"))
    if match is None:
        raise _refused(f"日期无效：{_text(value)}", f"bad date {value}")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise _refused(f"日期无效：{_text(value)}", f"bad date {value}") from exc


def _money(value: Any) -> int:
    if value is None or _text(value) == "":
        return 0
    return parse_yuan(value if isinstance(value, int | float) else _text(value))


@dataclass
class _Index:
    by_contract: dict[str, Loan] = field(default_factory=dict)
    by_id: dict[str, list[Loan]] = field(default_factory=lambda: defaultdict(list))
    households: dict[str, tuple[str, str]] = field(default_factory=dict)  # loan id -> (number, borrower)
    id_of_member: dict[str, str] = field(default_factory=dict)


def _index(session: Session, contracts: Sequence[str], ids: Sequence[str]) -> _Index:
    found = _Index()
    loans: dict[str, Loan] = {}
    for part in chunks(sorted(set(contracts)), 500):
        query = select(Loan).where(col(Loan.contract_no).in_(part), LIVE_LOAN)
        loans.update((loan.id, loan) for loan in session.execute(query).scalars())
    for part in chunks(sorted(set(ids)), 500):
        query = (
            select(Loan)
            .join(Member, col(Member.id) == Loan.member_id)
            .where(col(Member.id_number).in_(part), live(Loan), live(Member))
        )
        loans.update((loan.id, loan) for loan in session.execute(query).scalars())
    for part in chunks(sorted(loans), 500):
        facts = (
            select(col(Loan.id), col(Household.number), col(Member.name), col(Member.id_number))
            .join(Household, col(Household.id) == Loan.household_id)
            .outerjoin(Member, col(Member.id) == Loan.member_id)
            .where(col(Loan.id).in_(part))
        )
        for loan_id, number, name, id_number in session.execute(facts).all():
            found.households[loan_id] = (number, name or "")
            loan = loans[loan_id]
            found.by_contract[loan.contract_no] = loan
            if id_number:
                found.by_id[id_number].append(loan)
                found.id_of_member[loan_id] = id_number
    return found


def _paid_principal(session: Session, loan_ids: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for part in chunks(list(loan_ids), 500):
        query = select(LoanRepayment).where(col(LoanRepayment.loan_id).in_(part), live(LoanRepayment))
        for row in session.execute(query).scalars():
            out[row.loan_id] += row.principal_fen
    return out


def _existing(session: Session, ids: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for part in chunks(list(ids), 500):  # a tombstone counts: a removed repayment does not come back
        out.update(session.execute(select(col(LoanRepayment.id)).where(col(LoanRepayment.id).in_(part))).scalars())
    return out


@dataclass(frozen=True)
class _Planned:
    line: StatementLine
    repayment_id: str
    loan: Loan


def repayment_id(loan: Loan, paid_on: date, principal_fen: int, interest_fen: int) -> str:
    bank = _BLANKS.sub("", loan.bank)
    return record_id("loan_repayment", bank, loan.contract_no, paid_on.isoformat(), principal_fen, interest_fen)


def _match(found: _Index, contract: str, id_number: str) -> tuple[Loan | None, str]:
    """The loan a row names, or None and why."""
    if contract:
        loan = found.by_contract.get(contract)
        if loan is None:
            return None, "本库中没有此合同号的贷款"
        if id_number and found.id_of_member.get(loan.id, id_number) != id_number:
            return None, "证件号码与该合同的借款人不符"
        return loan, ""
    loans = found.by_id.get(id_number, [])
    if not loans:
        return None, "本库中没有此证件号码借款人的贷款"
    open_loans = [loan for loan in loans if loan.settled_on is None] or loans
    if len(open_loans) > 1:
        return None, "此借款人有多笔贷款，请在流水中填写合同号"
    return open_loans[0], ""


def plan_statement(session: Session, name: str, rows: Sequence[_Row]) -> tuple[StatementReport, list[_Planned]]:
    """What importing ``rows`` would do (nothing written)."""
    invalid, unknown, duplicates, already = [], [], [], []
    parsed = []
    for item in rows:
        contract = _text(item.cells.get("contract"))
        raw_id = idnumber.normalize(_text(item.cells.get("id")))
        shown = idnumber.mask(raw_id) if raw_id else ""
        try:
            paid_on = parse_day(item.cells.get("date"))
            principal, interest = _money(item.cells.get("principal")), _money(item.cells.get("interest"))
        except DomainError as exc:
            invalid.append(StatementLine(item.row, contract, shown, None, 0, 0, message=str(exc)))
            continue
        line = StatementLine(item.row, contract, shown, paid_on, principal, interest)
        if not contract and not raw_id:
            invalid.append(_said(line, "没有合同号也没有证件号码"))
            continue
        if raw_id and not contract and not idnumber.check(raw_id).valid:
            invalid.append(_said(line, f"证件号码{idnumber.check(raw_id).reason}"))
            continue
        parsed.append((line, contract, raw_id))
    found = _index(session, [c for _l, c, _i in parsed if c], [i for _l, c, i in parsed if i and not c])
    matched: list[tuple[StatementLine, Loan, str]] = []
    seen: dict[str, int] = {}
    for line, contract, raw_id in parsed:
        loan, why = _match(found, contract, raw_id)
        if loan is None:
            unknown.append(_said(line, why))
            continue
        number, borrower = found.households.get(loan.id, ("", ""))
        line = replace(line, contract=loan.contract_no, household=number, borrower=borrower)
        assert line.paid_on is not None
        rid = repayment_id(loan, line.paid_on, line.principal_fen, line.interest_fen)
        if rid in seen:
            duplicates.append(_said(line, f"与第 {seen[rid]} 行重复"))
            continue
        seen[rid] = line.row
        matched.append((line, loan, rid))
    there = _existing(session, [rid for _l, _loan, rid in matched])
    paid = _paid_principal(session, sorted({loan.id for _l, loan, _r in matched}))
    planned: list[_Planned] = []
    for line, loan, rid in sorted(matched, key=lambda m: (m[0].paid_on or date.min, m[0].row)):
        if rid in there:
            already.append(_said(line, "此笔还款已导入过"))
            continue
        assert line.paid_on is not None
        try:
            check_repayment(loan, loan.amount_fen - paid[loan.id], line.paid_on, line.principal_fen, line.interest_fen)
        except AssistError as exc:
            invalid.append(_said(line, str(exc)))
            continue
        paid[loan.id] += line.principal_fen
        planned.append(_Planned(_said(line, "将导入"), rid, loan))
    planned.sort(key=lambda p: p.line.row)

    def by_row(items: list[StatementLine]) -> tuple[StatementLine, ...]:
        return tuple(sorted(items, key=lambda x: x.row))

    report = StatementReport(
        name,
        len(rows),
        tuple(p.line for p in planned),
        by_row(already),
        by_row(duplicates),
        by_row(unknown),
        by_row(invalid),
    )
    return report, planned


def preview_statement(db: Database, path: str | Path, progress: Reporter | None = None) -> StatementReport:
    """The pre-flight: what importing the statement would do; nothing is written."""
    path = Path(path)
    rows = read_statement(path, progress)
    with reading(db) as session:
        return plan_statement(session, path.name, rows)[0]


def import_statement(db: Database, path: str | Path, progress: Reporter | None = None) -> StatementReport:
    """Import the new repayments of a statement in one unit of work (the same report as the pre-flight)."""
    path = Path(path)
    rows = read_statement(path, progress)
    with writing(db, "assist.loan_import") as work:
        report, planned = plan_statement(work.session, path.name, rows)
        for at, item in enumerate(planned):
            if progress is not None and at % 500 == 0:
                progress(at, len(planned), "登记还款")
            assert item.line.paid_on is not None
            work.session.add(
                LoanRepayment(
                    id=item.repayment_id,
                    loan_id=item.loan.id,
                    household_id=item.loan.household_id,
                    paid_on=item.line.paid_on,
                    principal_fen=item.line.principal_fen,
                    interest_fen=item.line.interest_fen,
                    source="statement",
                    note=f"银行流水 {path.name} 第 {item.line.row} 行",
                )
            )
        work.details.update(
            file=path.name,
            rows=report.rows,
            added=len(report.added),
            already=len(report.already_there),
            duplicates=len(report.duplicates),
            unknown=len(report.unknown),
            invalid=len(report.invalid),
        )
    return replace(report, written=True)
