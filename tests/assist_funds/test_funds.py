"""Funds, allocations and disbursements on a real SQLite file: the refusals name their rule, the ledger
balances, payments to households outside the register and the monitoring list are flagged."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from desktop_app.domain.assistance import AssistError
from desktop_app.domain.errors import DomainError
from desktop_app.services import assistance as ast
from desktop_app.storage.models_assist import Disbursement
from tests.assist_funds.helpers import MON, OUT, REG, REG2, photo

PAID = date(2025, 6, 1)


def _paid_rows(db) -> int:
    with db.session() as s:
        return s.exec(select(func.count()).select_from(Disbursement)).one()


def _fund(world, amount_v1: int = 1_000_000, amount_v2: int = 500_000) -> str:
    fund = ast.add_fund(world.db, ast.FundInput("2025 年衔接资金", 2025, level="1", document="示财〔2025〕1 号"))
    ast.allocate(world.db, ast.AllocationInput(fund, world.v1, amount_v1))
    ast.allocate(world.db, ast.AllocationInput(fund, world.v2, amount_v2))
    return fund


def test_an_industry_subsidy_without_a_photo_is_refused_naming_the_rule(world, tmp_path) -> None:
    fund = _fund(world)
    mid = ast.deliver_measure(world.db, REG, ast.DeliveryInput(2025, "产业帮扶", ["养殖业"], amount_fen=300_000))
    with pytest.raises(AssistError) as refused:
        ast.disburse(world.db, ast.DisbursementInput(REG, fund, 300_000, PAID, measure_id=mid))
    assert refused.value.rule == "measure_rules.photo_required.categories"
    assert "“产业帮扶”的补助须凭照片拨付" in str(refused.value)
    assert "规则 measure_rules.photo_required.categories" in str(refused.value)
    assert _paid_rows(world.db) == 0
    did = ast.disburse(
        world.db, ast.DisbursementInput(REG, fund, 300_000, PAID, measure_id=mid, evidence=[str(photo(tmp_path))])
    )
    [row] = ast.household_disbursements(world.db, REG)
    assert (row.id, row.amount_fen, row.evidence_count, row.measure) == (did, 300_000, 1, "产业帮扶")
    assert ast.household_deliveries(world.db, REG)[0].disbursed_fen == 300_000


def test_a_large_payment_needs_a_photo_and_the_measures_own_photo_counts(world, tmp_path) -> None:
    fund = _fund(world)
    with pytest.raises(AssistError) as refused:
        ast.disburse(world.db, ast.DisbursementInput(REG, fund, 100_001, PAID))
    assert refused.value.rule == "measure_rules.photo_required.above_fen"
    assert "单笔超过 1000.00 元须凭照片拨付" in str(refused.value)
    ast.disburse(world.db, ast.DisbursementInput(REG, fund, 100_000, PAID))  # at the limit: no photo needed
    mid = ast.deliver_measure(
        world.db, REG, ast.DeliveryInput(2025, "100A39", ["1"], fund_id=fund, evidence=[str(photo(tmp_path))])
    )
    ast.disburse(world.db, ast.DisbursementInput(REG, None, 200_000, PAID, measure_id=mid, project_id=None, year=None))
    assert [r.measure_id for r in ast.household_disbursements(world.db, REG)] == [None, mid]


def test_overdrawing_the_villages_allocation_is_refused_unless_the_county_allows_it(world) -> None:
    fund = _fund(world, amount_v1=150_000)
    ast.disburse(world.db, ast.DisbursementInput(REG, fund, 100_000, PAID))
    with pytest.raises(AssistError) as refused:
        ast.disburse(world.db, ast.DisbursementInput(MON, fund, 50_001, PAID))
    assert refused.value.rule == "measure_rules.overdraw"
    assert "还剩 500.00 元，本次拨付 500.01 元" in str(refused.value)
    ast.disburse(world.db, ast.DisbursementInput(MON, fund, 50_000, PAID))  # exactly what is left
    ast.change_measure_rules(world.db, {"overdraw": "allow"})
    ast.disburse(world.db, ast.DisbursementInput(MON, fund, 30_000, PAID))
    [v1] = ast.funds_ledger(world.db, village_id=world.v1)
    assert (v1.allocated_fen, v1.disbursed_fen, v1.remaining_fen) == (150_000, 180_000, -30_000)


def test_the_ledger_balances_per_fund_village_and_year_and_flags_outsiders(world) -> None:
    fund = _fund(world)
    other = ast.add_fund(world.db, ast.FundInput("东西部协作资金", 2025, level="东西部协作"))
    ast.allocate(world.db, ast.AllocationInput(other, world.v1, 200_000))
    ast.disburse(world.db, ast.DisbursementInput(REG, fund, 80_000, PAID))
    ast.disburse(world.db, ast.DisbursementInput(MON, fund, 20_000, PAID))  # monitored: may receive
    out = ast.disburse(world.db, ast.DisbursementInput(OUT, fund, 5_000, PAID, note="错发"))
    ast.disburse(world.db, ast.DisbursementInput(REG2, fund, 60_000, PAID))
    ast.disburse(world.db, ast.DisbursementInput(OUT, other, 1_000, PAID))
    rows = {
        (r.fund, r.village): (r.allocated_fen, r.disbursed_fen, r.remaining_fen, r.flagged)
        for r in ast.funds_ledger(world.db)
    }
    assert rows == {
        ("2025 年衔接资金", "和平村"): (1_000_000, 105_000, 895_000, 1),
        ("2025 年衔接资金", "团结村"): (500_000, 60_000, 440_000, 0),
        ("东西部协作资金", "和平村"): (200_000, 1_000, 199_000, 1),
    }
    flags = ast.ledger_flags(world.db, village_id=world.v1)
    assert [(f.number, f.amount_fen, f.fund, f.reason) for f in flags] == [
        (OUT, 5_000, "2025 年衔接资金", "不在建档立卡和监测对象名单内"),
        (OUT, 1_000, "东西部协作资金", "不在建档立卡和监测对象名单内"),
    ]
    assert ast.ledger_flags(world.db, village_id=world.v2) == []
    # the county no longer counts monitored households: the monitored payment is flagged too
    ast.change_measure_rules(world.db, {"recipients": {"stages": ["registered"], "monitored": False}})
    assert sorted(f.number for f in ast.ledger_flags(world.db, village_id=world.v1)) == [MON, OUT, OUT]
    ast.remove_disbursement(world.db, out)
    [row] = [r for r in ast.funds_ledger(world.db, village_id=world.v1, year=2025) if r.fund_id == fund]
    assert (row.disbursed_fen, row.remaining_fen, row.flagged) == (100_000, 900_000, 1)
    assert ast.funds_ledger(world.db, year=2024) == []
    assert {(f.name, f.level_label, f.allocated_fen, f.disbursed_fen) for f in ast.fund_list(world.db)} == {
        ("2025 年衔接资金", "中央财政", 1_500_000, 160_000),
        ("东西部协作资金", "东西部协作", 200_000, 1_000),
    }


def test_removing_an_allocation_that_was_spent_is_refused(world) -> None:
    fund = ast.add_fund(world.db, ast.FundInput("县级资金", 2025))
    first = ast.allocate(world.db, ast.AllocationInput(fund, world.v1, 50_000))
    spare = ast.allocate(world.db, ast.AllocationInput(fund, world.v1, 10_000))
    ast.disburse(world.db, ast.DisbursementInput(REG, fund, 40_000, PAID))
    with pytest.raises(AssistError) as refused:
        ast.remove_allocation(world.db, first)
    assert refused.value.rule == "measure_rules.overdraw"
    ast.remove_allocation(world.db, spare)
    assert ast.funds_ledger(world.db)[0].remaining_fen == 10_000


def test_projects_and_bad_fund_input(world) -> None:
    fund = _fund(world)
    other = ast.add_fund(world.db, ast.FundInput("社会捐赠", 2025, level="7"))
    pid = ast.add_project(world.db, ast.ProjectInput(fund, "饮水工程", category="饮水安全保障"))
    assert [(p.fund, p.name, p.year, p.category_label) for p in ast.project_list(world.db)] == [
        ("2025 年衔接资金", "饮水工程", 2025, "饮水安全保障")
    ]
    assert ast.project_list(world.db, other) == []
    for call, message in [
        (lambda: ast.add_fund(world.db, ast.FundInput(" ", 2025)), "请填写资金名称"),
        (lambda: ast.add_fund(world.db, ast.FundInput("x", 2025, level="外星")), "资金级别无效"),
        (lambda: ast.allocate(world.db, ast.AllocationInput(fund, world.v1, 0)), "分配金额应大于 0"),
        (lambda: ast.allocate(world.db, ast.AllocationInput(fund, "nowhere", 10)), "找不到这个行政村"),
        (lambda: ast.disburse(world.db, ast.DisbursementInput(REG, other, 10, PAID, project_id=pid)), "不属于资金"),
        (lambda: ast.disburse(world.db, ast.DisbursementInput(REG, fund, 0, PAID)), "拨付金额应大于 0"),
        (lambda: ast.disburse(world.db, ast.DisbursementInput("9999", fund, 10, PAID)), "找不到户编号"),
        (lambda: ast.disburse(world.db, ast.DisbursementInput(REG, None, 10, PAID)), "请选择资金来源"),
    ]:
        with pytest.raises(DomainError, match=message):
            call()
    assert _paid_rows(world.db) == 0


def test_industry_minimum_per_registered_household(world) -> None:
    ast.deliver_measure(world.db, REG, ast.DeliveryInput(2025, "产业帮扶", ["2"], amount_fen=200_000))
    ast.deliver_measure(world.db, REG, ast.DeliveryInput(2025, "产业帮扶", ["1"], amount_fen=50_000, status="已取消"))
    ast.deliver_measure(world.db, REG2, ast.DeliveryInput(2025, "产业帮扶", ["2"], amount_fen=300_000))
    assert [(s.number, s.industry_fen, s.minimum_fen) for s in ast.industry_shortfalls(world.db, 2025)] == [
        (REG, 200_000, 300_000)
    ]
    assert ast.industry_shortfalls(world.db, 2025, village_id=world.v2) == []
    ast.change_measure_rules(world.db, {"industry_minimum_fen": None})
    assert ast.industry_shortfalls(world.db, 2025) == []


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"overdraw": "maybe"}, "overdraw"),
        ({"photo_required": {"categories": "100A39"}}, "photo_required.categories"),
        ({"photo_required": {"categories": [], "above_fen": -1}}, "photo_required.above_fen"),
        ({"industry_minimum_fen": "3000"}, "industry_minimum_fen"),
        ({"recipients": {"stages": ["registered"], "monitored": "yes"}}, "recipients.monitored"),
    ],
)
def test_bad_county_rules_are_refused_and_not_saved(world, changes, rule) -> None:
    with pytest.raises(AssistError) as refused:
        ast.change_measure_rules(world.db, changes)
    assert refused.value.rule == rule and f"measure_rules.{rule}" in str(refused.value)
    assert ast.measure_rules(world.db).overdraw == "refuse"
