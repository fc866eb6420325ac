"""The demo's plans, measures and funds, found through part B's own functions."""

from __future__ import annotations

import pytest

from tests.assist_demo.conftest import TODAY, Demo


def test_a_payment_to_a_household_outside_the_register_is_flagged(demo: Demo) -> None:
    from desktop_app.services.assistance import ledger_flags

    flags = ledger_flags(demo.db, year=TODAY.year)
    assert flags
    assert {f.reason for f in flags} == {"不在建档立卡和监测对象名单内"}
    typed = [f for f in flags if f.fund.endswith("（演示）")]  # the one the work team typed in
    assert len(typed) == 1 and typed[0].amount_fen == 300_000


def test_every_village_fund_row_balances_and_the_typed_fund_is_paid_from(demo: Demo) -> None:
    from desktop_app.services.assistance import funds_ledger, village_disbursements

    rows = funds_ledger(demo.db)
    assert len({r.year for r in rows}) >= 4  # the bulk's earlier years beside this year's
    for r in rows:
        assert r.remaining_fen == r.allocated_fen - r.disbursed_fen
        assert r.remaining_fen >= 0  # the demo never overdraws an allocation
    typed = [r for r in rows if r.fund.endswith("（演示）")]
    assert len(typed) == 1
    paid = [d for d in village_disbursements(demo.db, typed[0].village_id, TODAY.year) if d.fund_id == typed[0].fund_id]
    assert sum(d.amount_fen for d in paid) == typed[0].disbursed_fen > 0


def test_the_industry_subsidies_went_out_with_photos_stored_as_attachments(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services.assistance import household_plan, village_deliveries
    from desktop_app.services.households import stored_path

    village = _first_village(demo)
    industry = [m for m in village_deliveries(demo.db, village, TODAY.year) if m.category == "100A39" and m.evidence]
    assert len(industry) >= 10
    one = industry[0]
    assert one.disbursed_fen == one.amount_fen == 300_000
    assert one.values_label == "养殖业" and one.status_label == "已实施"
    monkeypatch.setenv("FUPIN_DATA_DIR", str(demo.data))
    assert stored_path(one.evidence[0]).read_bytes().startswith(b"\x89PNG")
    plan = household_plan(demo.db, one.household_id, TODAY.year)
    assert plan is not None and plan.items[0].category_label == "产业帮扶"


def _first_village(demo: Demo) -> str:
    from desktop_app.services.assistance import funds_ledger

    return next(r.village_id for r in funds_ledger(demo.db) if r.fund.endswith("（演示）"))
