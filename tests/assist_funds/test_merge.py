"""Two laptops copied from one county database each pay from the same village's allocation; merging their
exports keeps both payments, and the ledger adds them up (a merged overdraft shows as a negative remainder,
never a lost payment). A plan written for the same household and year on both merges into one record."""

from __future__ import annotations

import shutil
from datetime import date

from desktop_app.services import assistance as ast
from desktop_app.services import open_database
from desktop_app.services.merge import export_records
from desktop_app.services.merge.engine import apply_incoming
from tests.assist_funds.helpers import MON, REG, county

PAID = date(2025, 6, 1)


def test_payments_of_two_laptops_both_reach_the_ledger(tmp_path) -> None:
    world = county(tmp_path / "base.sqlite")
    fund = ast.add_fund(world.db, ast.FundInput("2025 年衔接资金", 2025))
    ast.allocate(world.db, ast.AllocationInput(fund, world.v1, 100_000))
    world.db.close()
    for name in ("a", "b"):
        shutil.copy(tmp_path / "base.sqlite", tmp_path / f"{name}.sqlite")
    a = open_database(tmp_path / "a.sqlite", operator="甲", device_id="laptop-a")
    b = open_database(tmp_path / "b.sqlite", operator="乙", device_id="laptop-b")
    ast.disburse(a, ast.DisbursementInput(REG, fund, 70_000, PAID))  # each laptop: within what it sees left
    ast.disburse(b, ast.DisbursementInput(MON, fund, 60_000, PAID))
    with a.session() as session:
        incoming = export_records(session)
    with b.transaction() as session:
        apply_incoming(session, incoming, source_label="笔记本甲")
    [row] = ast.funds_ledger(b, village_id=world.v1)
    assert (row.allocated_fen, row.disbursed_fen, row.remaining_fen) == (100_000, 130_000, -30_000)
    paid = sorted(p.amount_fen for p in ast.village_disbursements(b, world.v1))
    assert paid == [60_000, 70_000]
    a.close()
    b.close()
