"""Two laptops recording repayments on the same loan, their workbooks exchanged both ways: both repayments
are kept; both changing the same repayment's amount is a conflict holding both values, never one dropped;
the same bank statement line recorded on both (its deterministic id) is one repayment after merging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.domain.assistance import record_id
from desktop_app.services import Database, open_database
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.models_assist import LoanRepayment
from desktop_app.storage.models_merge import MergeConflict
from tests.exchange.conftest import export
from tests.exchange_assist.conftest import edit, import_one
from tests.exchange_assist.ledgers import dump


@pytest.fixture
def laptop_b(ledger_db: Database, ledger_xlsx: Path, tmp_path: Path) -> Iterator[Database]:
    """A second laptop that took the first one's workbook."""
    db = open_database(tmp_path / "b.sqlite", operator="李会计", device_id="laptop-b")
    assert import_one(db, ledger_xlsx).applied
    yield db
    db.close()


def _repay(db: Database, loan_id: str, household_id: str, on: date, principal: int, *, rid: str | None = None) -> str:
    with writing(db, "assist.repay", household_id) as work:
        row = LoanRepayment(loan_id=loan_id, household_id=household_id, paid_on=on, principal_fen=principal,
                            interest_fen=1_000, source="statement" if rid else "manual")  # fmt: skip
        if rid:
            row.id = rid
        work.session.add(row)
        work.session.flush()
        return row.id


def _set_principal(db: Database, repayment_id: str, principal: int) -> None:
    with writing(db, "assist.repay_edit") as work:
        row = work.session.get(LoanRepayment, repayment_id)
        assert row is not None
        row.principal_fen = principal


def _repayments(db: Database) -> dict[str, tuple[date, int]]:
    with db.session() as s:
        rows = s.execute(select(LoanRepayment).where(LoanRepayment.deleted.is_(False))).scalars()  # type: ignore[attr-defined]
        return {r.id: (r.paid_on, r.principal_fen) for r in rows}


def _exchange(source: Database, target: Database, out: Path) -> int:
    """``source``'s workbook imported by ``target``; the conflicts it raised."""
    outcome = import_one(target, export(source, out))
    assert outcome.applied, [p.line() for p in outcome.errors]
    return outcome.conflicts


def test_repayments_on_one_loan_from_two_laptops_are_both_kept_both_ways(
    ledger_db: Database, laptop_b: Database, tmp_path: Path
) -> None:
    ids = ledger_db.ledger_ids  # type: ignore[attr-defined]
    on_a = _repay(ledger_db, ids["loan"], ids["first"], date(2026, 7, 20), 100_000)
    on_b = _repay(laptop_b, ids["loan"], ids["first"], date(2026, 7, 21), 80_000)
    assert _exchange(ledger_db, laptop_b, tmp_path / "a1.xlsx") == 0
    assert _exchange(laptop_b, ledger_db, tmp_path / "b1.xlsx") == 0
    for db in (ledger_db, laptop_b):
        got = _repayments(db)
        assert {on_a, on_b, ids["repayment"]} == set(got)
        assert got[on_a] == (date(2026, 7, 20), 100_000) and got[on_b] == (date(2026, 7, 21), 80_000)
    assert dump(ledger_db)["loan_repayment"] == dump(laptop_b)["loan_repayment"]
    # and exchanging again changes nothing on either side
    assert _exchange(ledger_db, laptop_b, tmp_path / "a2.xlsx") == 0
    assert _exchange(laptop_b, ledger_db, tmp_path / "b2.xlsx") == 0
    assert dump(ledger_db)["loan_repayment"] == dump(laptop_b)["loan_repayment"]


def test_both_changing_one_repayments_amount_is_a_conflict_never_a_lost_value(
    ledger_db: Database, laptop_b: Database, tmp_path: Path
) -> None:
    rid = ledger_db.ledger_ids["repayment"]  # type: ignore[attr-defined]
    _set_principal(ledger_db, rid, 200_000)
    _set_principal(laptop_b, rid, 150_000)
    assert _exchange(ledger_db, laptop_b, tmp_path / "a.xlsx") == 1
    with laptop_b.session() as s:
        conflict = s.execute(select(MergeConflict).where(MergeConflict.record_id == rid)).scalars().one()
    assert (conflict.table_name, conflict.field) == ("loan_repayment", "principal_fen")
    assert {conflict.local_value, conflict.incoming_value} == {"150000", "200000"}
    assert conflict.base_value == "100000"
    assert _repayments(laptop_b)[rid][1] == 150_000  # kept until someone decides; the other value in the conflict


def test_an_amount_corrected_in_the_workbook_reaches_the_other_laptop(
    ledger_db: Database, laptop_b: Database, ledger_xlsx: Path, tmp_path: Path
) -> None:
    rid = ledger_db.ledger_ids["repayment"]  # type: ignore[attr-defined]
    corrected = edit(ledger_xlsx, tmp_path / "corrected.xlsx", "贷款还款", 2, {"还本金（元）": 1234.5})
    outcome = import_one(laptop_b, corrected)
    assert outcome.applied and outcome.ledgers["loan_repayment"]["updated"] == 1 and outcome.conflicts == 0
    assert _repayments(laptop_b)[rid][1] == 123_450
    assert _exchange(laptop_b, ledger_db, tmp_path / "back.xlsx") == 0
    assert _repayments(ledger_db)[rid][1] == 123_450


def test_the_same_statement_line_on_both_laptops_is_one_repayment(
    ledger_db: Database, laptop_b: Database, tmp_path: Path
) -> None:
    ids = ledger_db.ledger_ids  # type: ignore[attr-defined]
    line = record_id("repayment", "农村信用社", "0012026000123", "2026-09-20", 300_000, 1_000)
    _repay(ledger_db, ids["loan"], ids["first"], date(2026, 9, 20), 300_000, rid=line)
    _repay(laptop_b, ids["loan"], ids["first"], date(2026, 9, 20), 300_000, rid=line)
    assert _exchange(ledger_db, laptop_b, tmp_path / "a.xlsx") == 0
    assert _exchange(laptop_b, ledger_db, tmp_path / "b.xlsx") == 0
    for db in (ledger_db, laptop_b):
        same_day = [r for r in _repayments(db).values() if r == (date(2026, 9, 20), 300_000)]
        assert len(same_day) == 1
