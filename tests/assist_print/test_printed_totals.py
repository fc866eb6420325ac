"""Whatever payments are entered, the printed funds ledger's totals are the ledger's (a property test)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop_app.domain.money import format_yuan
from tests.assist_print.conftest import LedgerVillage
from tests.reports.conftest import pdf_text

# (which fund, which household, amount in fen): small amounts need no photo under the shipped measure rules
PAYMENTS = st.lists(
    st.tuples(st.integers(0, 1), st.integers(0, 9), st.integers(1, 100_000)),
    min_size=1,
    max_size=6,
)


def _payment_totals(text: str) -> list[str]:
    """The amount on the 合计 line of each fund's payments (the details after 资金拨付明细)."""
    details = text[text.index("资金拨付明细") :]
    blocks = details.split("（2026年）")[1:]
    return [next(line for line in b.splitlines() if line.startswith("合计")).removeprefix("合计") for b in blocks]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payments=PAYMENTS)
def test_printed_funds_ledger_totals_equal_the_ledger_after_any_payments(
    ledger_village: LedgerVillage, payments: list[tuple[int, int, int]]
) -> None:
    from desktop_app.services import assistance as a
    from desktop_app.services import open_database
    from desktop_app.services.printing import print_to_file, resolve_selection
    from desktop_app.storage.models import Household

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "ledger.sqlite"
        shutil.copy(ledger_village.db_path, copy)
        db = open_database(copy, operator="测试员", device_id="test-device")
        try:
            with db.session() as session:
                query = select(Household.id).where(Household.village_id == ledger_village.village_id)
                households = list(session.execute(query.order_by(Household.number)).scalars())[:10]
            second = a.add_fund(db, a.FundInput(name="县级财政专项扶贫资金", year=2026, level="3"))
            a.allocate(db, a.AllocationInput(fund_id=second, village_id=ledger_village.village_id, amount_fen=900_000))
            funds = [f.id for f in a.fund_list(db) if f.year == 2026]
            for fund, household, fen in payments:
                entry = a.DisbursementInput(
                    household_id=households[household], fund_id=funds[fund], amount_fen=fen, paid_on=date(2026, 6, 1)
                )
                a.disburse(db, entry)
            ledger = a.funds_ledger(db, village_id=ledger_village.village_id, year=2026)
            out = Path(folder) / "funds.pdf"
            selection = resolve_selection(db, "funds-ledger", village=ledger_village.code, year=2026)
            print_to_file(db, selection, out)
        finally:
            db.close()
        text = pdf_text(out).replace(" ", "")
    allocated, disbursed = sum(r.allocated_fen for r in ledger), sum(r.disbursed_fen for r in ledger)
    assert f"合计{format_yuan(allocated)}{format_yuan(disbursed)}{format_yuan(allocated - disbursed)}" in text
    assert disbursed == ledger_village.disbursed + sum(fen for _f, _h, fen in payments)
    assert sorted(_payment_totals(text)) == sorted(
        format_yuan(r.disbursed_fen) for r in ledger
    )  # each fund's payments add up
