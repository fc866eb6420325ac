"""One hand-worked loan per product period, recorded through the services on a real SQLite file and read back
from the ledger: schedule, balance, overdue principal and days, unpaid interest and the subsidy accrued.

Interest is simple interest on the principal outstanding at rate/360 per day, from the drawdown day to the day
before each due date; each period's interest is rounded half up to the fen, the subsidy once at the end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.assistance import add_loan, extend, loan_detail, loan_list, repay
from tests.assist_loans.helpers import loan_input, make_db


def test_poverty_2014_interest_quarterly_principal_at_maturity(tmp_path: Path) -> None:
    # 扶贫小额信贷 (2014–2020), a registered poor household: 50,000 yuan at 4.75 % for 36 months from 2019-03-21,
    # due 2022-03-21; interest every 3 months; subsidy at min(4.75, benchmark 4.75) = 4.75 %: the whole interest.
    db = make_db(tmp_path / "f.sqlite")
    loan_id = add_loan(db, loan_input(db, "0001"))
    detail = loan_detail(db, loan_id, on=date(2019, 3, 22))
    plan = detail.schedule
    assert detail.row.product == "扶贫小额信贷" and detail.row.due_on == date(2022, 3, 21)
    assert len(plan) == 12 and [i.principal_fen for i in plan] == [0] * 11 + [5_000_000]
    # 2019-03-21 → 06-21 is 92 days: 5,000,000 fen × 4.75 % × 92 / 360 = 60,694.44 → 60,694 fen
    assert plan[0].due_on == date(2019, 6, 21) and plan[0].interest_fen == 60_694
    # 2019-09-21 → 12-21 is 91 days: × 91 / 360 = 60,034.72 → 60,035; 2020-12-21 → 2021-03-21, 90 days: 59,375
    assert plan[2].interest_fen == 60_035 and plan[7].interest_fen == 59_375
    # interest paid on time for the first ten quarters, 20,000 yuan of principal with the tenth
    for item in plan[:9]:
        repay(db, loan_id, item.due_on, 0, item.interest_fen)
    repay(db, loan_id, date(2021, 9, 21), 2_000_000, plan[9].interest_fen)
    # 11th quarter on 30,000 yuan: 2021-09-21 → 12-21, 91 days: 3,000,000 × 4.75 % × 91 / 360 = 36,020.83 → 36,021
    repay(db, loan_id, date(2021, 12, 21), 0, 36_021)
    [row] = loan_list(db, on=date(2022, 4, 1))
    assert row.balance_fen == 3_000_000
    # the 30,000 yuan due 2022-03-21 is unpaid on 2022-04-01: 11 days overdue
    assert (row.overdue_fen, row.overdue_since, row.overdue_days) == (3_000_000, date(2022, 3, 21), 11)
    # unpaid: the 12th quarter, 90 days on 30,000 = 35,625, and 11 days past maturity 3,000,000 × 4.75 % × 11 / 360
    # = 4,354.17 → 4,354: 39,979 fen, unpaid since the 12th quarter's date
    assert (row.unpaid_interest_fen, row.unpaid_interest_since) == (39_979, date(2022, 3, 21))
    # subsidy: 915 days on 50,000 (2019-03-21 → 2021-09-21) = 603,645.83 and 181 days on 30,000 up to maturity
    # = 71,645.83; nothing after maturity while the principal is overdue: 675,291.67 → 675,292 fen
    assert row.subsidy_fen == 675_292
    assert loan_list(db, overdue_only=True, on=date(2022, 3, 21)) == []  # the due day itself is not overdue
    assert [r.loan_id for r in loan_list(db, overdue_only=True, on=date(2022, 4, 1))] == [loan_id]


def test_exited_2021_with_an_extension(tmp_path: Path) -> None:
    # 脱贫人口小额信贷 (2021-03 → 2025-12), an exited household: 30,000 yuan at 4.35 % for 24 months from
    # 2022-05-10 (due 2024-05-10), extended 6 months to 2024-11-10 for a flood; subsidy at min(4.35, 3.85) = 3.85 %,
    # not during the extension.
    db = make_db(tmp_path / "f.sqlite")
    data = loan_input(db, "0002", amount_fen=3_000_000, drawn_on=date(2022, 5, 10), term_months=24, rate="4.35")
    loan_id = add_loan(db, data)
    extend(db, loan_id, date(2024, 11, 10), "洪灾致养殖场受损", on=date(2024, 4, 1))
    detail = loan_detail(db, loan_id, on=date(2024, 12, 1))
    plan = detail.schedule
    assert detail.row.product == "脱贫人口小额信贷" and detail.contract_due == date(2024, 5, 10)
    assert detail.row.due_on == date(2024, 11, 10) and detail.row.extended
    # eight quarters in the contract and two in the extension; the principal moves to the new due date
    assert len(plan) == 10 and plan[-1].due_on == date(2024, 11, 10) and plan[-1].principal_fen == 3_000_000
    # 2022-05-10 → 08-10, 92 days: 3,000,000 × 4.35 % × 92 / 360 = 33,350;
    # 2023-02-10 → 05-10, 89 days: 32,262.5 → 32,263
    assert plan[0].interest_fen == 33_350 and plan[3].interest_fen == 32_263
    row = detail.row
    # nothing repaid: on 2024-12-01 the 30,000 due 2024-11-10 is 21 days overdue, every quarter's interest unpaid
    assert (row.overdue_fen, row.overdue_since, row.overdue_days) == (3_000_000, date(2024, 11, 10), 21)
    assert row.unpaid_interest_since == date(2022, 8, 10)
    # interest due: 2022-05-10 → 2024-11-10 is 915 days: 3,000,000 × 4.35 % × 915 / 360 = 331,687.5, as ten rounded
    # quarters 33,350 × 7 + 32,263 + 32,625 + 33,350 = 331,688 — plus 21 days late: 7,612.5 → 7,613
    assert row.unpaid_interest_fen == 331_688 + 7_613
    # subsidy 2022-05-10 → 2024-05-10 only (731 days): 3,000,000 × 3.85 % × 731 / 360 = 234,529.17 → 234,529
    assert row.subsidy_fen == 234_529


def test_help_2026_equal_principal(tmp_path: Path) -> None:
    # 帮扶小额信贷 (2026-03 →), an ordinary household (anyone rural with a need for help): 100,000 yuan at 3.45 %
    # for 12 months from 2026-03-15, equal principal every 3 months (25,000 each); subsidy half the rate, at most
    # 2 %: 1.725 %.
    db = make_db(tmp_path / "f.sqlite")
    data = loan_input(
        db,
        "0004",
        amount_fen=10_000_000,
        drawn_on=date(2026, 3, 15),
        term_months=12,
        rate="3.45",
        credit_rating=None,
        credit_line_fen=None,
    )
    loan_id = add_loan(db, data)
    plan = loan_detail(db, loan_id, on=date(2026, 3, 15)).schedule
    assert [i.due_on for i in plan] == [date(2026, 6, 15), date(2026, 9, 15), date(2026, 12, 15), date(2027, 3, 15)]
    assert [i.principal_fen for i in plan] == [2_500_000] * 4
    # 92 days on 100,000: 88,166.67 → 88,167; 92 days on 75,000: 66,125; 91 on 50,000: 43,604.17 → 43,604;
    # 90 on 25,000: 21,562.5 → 21,563
    assert [i.interest_fen for i in plan] == [88_167, 66_125, 43_604, 21_563]
    repay(db, loan_id, date(2026, 6, 15), 2_500_000, 88_167)  # the first instalment on time, the second missed
    [row] = loan_list(db, on=date(2026, 10, 1))
    assert row.balance_fen == 7_500_000
    assert (row.overdue_fen, row.overdue_since, row.overdue_days) == (2_500_000, date(2026, 9, 15), 16)
    assert (row.unpaid_interest_fen, row.unpaid_interest_since) == (66_125, date(2026, 9, 15))
    # subsidy: 92 days on 100,000 at 1.725 % = 44,083.33, then 06-15 → 09-15 inclusive (93 days) on 75,000
    # = 33,421.88; none from 09-16 while the instalment is overdue: 77,505.21 → 77,505
    assert row.subsidy_fen == 77_505
    # paid late on 10-08: nothing overdue any more, and the subsidy runs again from that day
    repay(db, loan_id, date(2026, 10, 8), 2_500_000, 66_125)
    [later] = loan_list(db, on=date(2026, 10, 9))
    assert (later.overdue_fen, later.overdue_days, later.unpaid_interest_fen) == (0, 0, 0)
    # + 10-08 on 50,000 for one day: 5,000,000 × 1.725 % / 360 = 239.58 → 77,505.21 + 239.58 = 77,744.79 → 77,745
    assert later.subsidy_fen == 77_745
