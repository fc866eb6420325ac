"""The funds ledger balances after any sequence of allocations, payments and removals (hypothesis): a model kept
by the test itself predicts every refusal, and the ledger's allocated, disbursed, remaining and flagged figures
per fund, village and year equal the model's."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st

from desktop_app.domain.assistance import AssistError
from desktop_app.services import assistance as ast
from tests.assist_funds.helpers import county, photo

_runs = itertools.count()
PHOTO_ABOVE = 100_000  # forms/measure_rules.json photo_required.above_fen


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_ledger_balances_after_any_sequence_of_entries(tmp_path, data) -> None:
    world = county(tmp_path / f"prop-{next(_runs)}.sqlite")
    db = world.db
    picture = photo(tmp_path)
    funds = {
        ast.add_fund(db, ast.FundInput("2024 年衔接资金", 2024)): 2024,
        ast.add_fund(db, ast.FundInput("2025 年县级资金", 2025)): 2025,
    }
    homes = {world.reg: world.v1, world.out: world.v1, world.reg2: world.v2}  # id → village
    outsiders = {world.out}
    allocations: dict[str, tuple[str, str, int, int]] = {}  # id → fund, village, year, fen
    payments: dict[str, tuple[str, str, int, int, str]] = {}  # id → fund, village, year, fen, household

    def remaining(fund: str, village: str, year: int) -> int:
        given_ = sum(a[3] for a in allocations.values() if a[:3] == (fund, village, year))
        return given_ - sum(p[3] for p in payments.values() if p[:3] == (fund, village, year))

    accepted = refused = 0
    for _ in range(data.draw(st.integers(5, 25))):
        action = data.draw(st.sampled_from(["allocate", "pay", "pay", "unpay", "unallocate"]))
        fund = data.draw(st.sampled_from(list(funds)))  # insertion order: ids made in one millisecond sort randomly
        year = funds[fund]
        if action == "allocate":
            village = data.draw(st.sampled_from([world.v1, world.v2]))
            fen = data.draw(st.integers(1, 300_000))
            allocations[ast.allocate(db, ast.AllocationInput(fund, village, fen))] = (fund, village, year, fen)
            accepted += 1
        elif action == "pay":
            hid = data.draw(st.sampled_from(list(homes)))
            fen = data.draw(st.integers(1, 200_000))
            with_photo = data.draw(st.booleans())
            expect_refusal = (fen > PHOTO_ABOVE and not with_photo) or fen > remaining(fund, homes[hid], year)
            entry = ast.DisbursementInput(
                hid, fund, fen, date(2025, 5, 1), evidence=[str(picture)] if with_photo else []
            )
            try:
                payments[ast.disburse(db, entry)] = (fund, homes[hid], year, fen, hid)
                accepted += 1
            except AssistError as exc:
                assert exc.rule.startswith("measure_rules."), exc.rule
                refused += 1
                assert expect_refusal, str(exc)
            else:
                assert not expect_refusal
        elif action == "unpay" and payments:
            pid = data.draw(st.sampled_from(list(payments)))
            ast.remove_disbursement(db, pid)
            del payments[pid]
        elif action == "unallocate" and allocations:
            aid = data.draw(st.sampled_from(list(allocations)))
            f, v, y, fen = allocations[aid]
            try:
                ast.remove_allocation(db, aid)
                del allocations[aid]
            except AssistError as exc:
                assert exc.rule == "measure_rules.overdraw" and remaining(f, v, y) < fen
            else:
                assert remaining(f, v, y) >= 0
    hypothesis_event(f"accepted {accepted}, refused {refused}")

    rows = ast.funds_ledger(db)
    keys = {a[:3] for a in allocations.values()} | {p[:3] for p in payments.values()}
    flagged = Counter(p[:3] for p in payments.values() if p[4] in outsiders)
    assert {(r.fund_id, r.village_id, r.year) for r in rows} == keys
    for r in rows:
        key = (r.fund_id, r.village_id, r.year)
        assert r.allocated_fen == sum(a[3] for a in allocations.values() if a[:3] == key)
        assert r.disbursed_fen == sum(p[3] for p in payments.values() if p[:3] == key)
        assert r.remaining_fen == r.allocated_fen - r.disbursed_fen == remaining(*key) >= 0
        assert r.flagged == flagged[key]
    assert sum(r.allocated_fen for r in rows) == sum(a[3] for a in allocations.values())
    assert sum(r.disbursed_fen for r in rows) == sum(p[3] for p in payments.values())
    assert sorted(f.disbursement_id for f in ast.ledger_flags(db)) == sorted(
        pid for pid, p in payments.items() if p[4] in outsiders
    )
    for village in (world.v1, world.v2):
        assert ast.funds_ledger(db, village_id=village) == [r for r in rows if r.village_id == village]
    db.close()
