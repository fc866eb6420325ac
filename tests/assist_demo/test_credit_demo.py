"""The demo's loans, posts and work months, found through parts C's and D's own functions."""

from __future__ import annotations

from typing import Any

from tests.assist_demo.conftest import TODAY, Demo


def _typed_loans(demo: Demo) -> dict[str, Any]:
    from desktop_app.services.assistance import loan_list

    return {r.contract: r for r in loan_list(demo.db, on=TODAY) if "-" in r.contract}  # the work team's contracts


def test_the_overdue_list_names_the_loan_whose_repayments_stopped(demo: Demo) -> None:
    from desktop_app.services.assistance import loan_list

    overdue = loan_list(demo.db, overdue_only=True, on=TODAY)
    typed = [r for r in overdue if r.contract == "XD2022-0520-007"]
    assert len(typed) == 1
    row = typed[0]
    assert row.product_key == "exited_2021" and row.overdue_fen == row.balance_fen == 3_000_000
    assert row.overdue_days == (TODAY - row.due_on).days > 500  # due 2025-05-20, nothing repaid since
    assert row.unpaid_interest_fen > 0
    assert all(r.overdue_fen > 0 for r in overdue)


def test_every_product_period_has_a_loan_and_the_extension_and_renewal_are_there(demo: Demo) -> None:
    from desktop_app.services.assistance import loan_detail

    loans = _typed_loans(demo)
    assert {r.product_key for r in loans.values()} == {"poverty_2014", "exited_2021", "help_2026"}
    settled = loans["XD2019-0410-001"]
    assert settled.settled_on is not None and settled.balance_fen == 0 and settled.subsidy_fen > 0
    extended = loans["XD2023-0615-003"]
    assert extended.extended and extended.overdue_fen == 0
    assert "冰雹" in loan_detail(demo.db, extended.loan_id, on=TODAY).extension_reason
    renewal = loans["XD2026-0306-002"]
    assert renewal.renewal_of == loans["XD2023-0310-011"].loan_id
    assert loans["XD2023-0310-011"].settled_on == renewal.drawn_on
    current = loans["XD2026-0408-005"]
    assert current.overdue_fen == 0 < current.balance_fen < current.amount_fen


def test_the_posts_check_finds_a_holder_past_the_age_band_and_one_with_two_posts(demo: Demo) -> None:
    from desktop_app.services.assistance import household_posts, posts_check

    findings = posts_check(demo.db, on=TODAY)
    rules = {f.rule for f in findings}
    assert {"post_rules.age", "post_rules.one_post"} <= rules
    two = [f for f in findings if f.rule == "post_rules.one_post" and "护路员" in f.message]
    assert len(two) == 1  # the typed holder: the second post was allowed by a written override
    posts = household_posts(demo.db, two[0].household_id)
    assert any("乡人民政府" in " ".join(p.findings) for p in posts)  # who decided the override
    assert all(p.stage_label == "已签约" for p in posts if p.post in ("村内保洁员", "护路员"))


def test_a_year_of_migrant_work_rolls_into_the_income_worksheet(demo: Demo) -> None:
    from desktop_app.services.assistance import household_work, work_grid
    from desktop_app.services.monitoring import income_sheet

    grid = work_grid(demo.db, _village(demo), TODAY.year * 100 + 6)
    working = [
        r for r in grid if r.worked and r.employer in ("宁波某电子厂", "某建筑工程公司", "东莞某餐饮店")
    ]  # typed by hand
    assert len(working) >= 3
    household = working[0].household_id
    months = [m for m in household_work(demo.db, household, TODAY.year) if m.worked]
    assert len({m.month for m in months}) >= 10
    sheet = income_sheet(demo.db, household, TODAY.year)
    line = next(x for x in sheet.lines if x.key == "wage_work")
    assert line.fen == sum(m.wage_fen for m in months) > 0


def _village(demo: Demo) -> str:
    from desktop_app.services.assistance import funds_ledger

    return next(r.village_id for r in funds_ledger(demo.db) if r.fund.endswith("（演示）"))
