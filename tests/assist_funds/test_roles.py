"""The funds screens and use cases follow the role table: a work-team member records a plan and a measure but
may not pay or allocate (buttons off with the reason, the use case refused, nothing written); the township may."""

from __future__ import annotations

import pytest

from desktop_app.services import PermissionDenied
from desktop_app.services import assistance as ast
from desktop_app.ui.assist_funds import FundsPage
from desktop_app.ui.assist_plans import CardPlanSection
from tests.accounts.conftest import cheap_argon2, county, open_as  # noqa: F401  (fixtures)


def test_a_member_records_measures_and_the_township_pays(qtbot, open_as, county, lang_zh) -> None:  # noqa: F811
    home, village = county["homes"]["河边村"], county["areas"]["河边村"]
    member = open_as("member")
    section = CardPlanSection(member, home)
    qtbot.addWidget(section)
    section.show()
    assert section.plan_button.isEnabled() and section.add_button.isEnabled()
    mid = ast.deliver_measure(member, home, ast.DeliveryInput(section.today.year, "健康帮扶", ["1"]))
    section.refresh()
    section.table.selectRow(0)
    assert not section.pay_button.isEnabled() and section.pay_button.toolTip()
    page = FundsPage(member)
    qtbot.addWidget(page)
    page.set_village(village)
    page.show()
    assert not page.allocate_button.isEnabled() and not page.fund_button.isEnabled()
    with pytest.raises(PermissionDenied):
        ast.add_fund(member, ast.FundInput("县级资金", 2026))
    assert ast.fund_list(member) == []
    member.close()

    township = open_as("township")
    fund = ast.add_fund(township, ast.FundInput("县级资金", 2026))
    ast.allocate(township, ast.AllocationInput(fund, village, 50_000))
    ast.disburse(township, ast.DisbursementInput(home, fund, 20_000, section.today, measure_id=mid))
    assert [r.remaining_fen for r in ast.funds_ledger(township, village)] == [30_000]
