"""Every loan a product's rules refuse names its rule, and writes nothing; extension once; renewal links."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.assistance import (
    AssistError,
    add_loan,
    extend,
    household_loans,
    loan_detail,
    loan_list,
    loan_products,
    renew,
    repay,
    save_loan_products,
    settle,
)
from tests.assist_loans.helpers import ids, loan_input, make_db


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = make_db(tmp_path / "f.sqlite")
    yield database
    database.close()


REFUSALS = [
    ("0001", {"amount_fen": 5_000_100, "credit_line_fen": None}, "poverty_2014.cap", "单户最高 5 万元"),
    ("0001", {"term_months": 37}, "poverty_2014.term", "最长 36 个月"),
    ("0001", {"rate": "5.2"}, "poverty_2014.rate", "不超过 4.75%"),
    ("0004", {}, "poverty_2014.groups", "只贷给建档立卡贫困户"),
    ("0001", {"credit_rating": "9"}, "poverty_2014.needs_rating", "须先评级授信"),
    ("0001", {"amount_fen": 4_000_000, "credit_line_fen": 3_000_000}, "poverty_2014.credit_line", "授信额度"),
    ("0001", {"purpose": "儿子结婚办婚礼"}, "poverty_2014.production_only", "只用于发展生产"),
    ("0001", {"purpose": ""}, "poverty_2014.production_only", "未填写用途"),
    ("0004", {"drawn_on": date(2022, 1, 5), "rate": "4.35"}, "exited_2021.groups", "脱贫户、防返贫监测对象"),
    ("0001", {"drawn_on": date(2021, 1, 15)}, "period", "不在任何小额信贷产品的执行期内"),
    (
        "0004",
        {"drawn_on": date(2026, 4, 1), "amount_fen": 10_000_001, "credit_line_fen": None, "rate": "3"},
        "help_2026.cap",
        "单户最高 10 万元",
    ),
]


@pytest.mark.parametrize(("suffix", "changes", "rule", "words"), REFUSALS)
def test_a_refusal_names_its_rule_and_writes_nothing(
    db: Any, suffix: str, changes: dict[str, Any], rule: str, words: str
) -> None:
    with pytest.raises(AssistError) as caught:
        add_loan(db, loan_input(db, suffix, **changes))
    assert caught.value.rule == f"loan_products.{rule}"
    assert words in str(caught.value) and f"规则 loan_products.{rule}" in str(caught.value)
    assert loan_list(db, on=date(2027, 1, 1)) == []


def test_the_exited_household_counts_for_2014_as_registered(db: Any) -> None:
    # an exited household was registered: the 2014 product lends to it; the monitored ordinary one it does not
    add_loan(db, loan_input(db, "0002"))
    with pytest.raises(AssistError) as caught:
        add_loan(db, loan_input(db, "0003"))
    assert caught.value.rule == "loan_products.poverty_2014.groups"
    # from 2021 the monitored household may borrow
    add_loan(db, loan_input(db, "0003", drawn_on=date(2021, 6, 1), rate="4.35", contract_no="HT-2021"))
    assert {r.household[-4:] for r in loan_list(db, on=date(2021, 7, 1))} == {"0002", "0003"}


def test_the_borrower_age_and_one_loan_per_household(db: Any) -> None:
    add_loan(db, loan_input(db, "0001"))
    with pytest.raises(AssistError) as caught:
        add_loan(db, loan_input(db, "0001", contract_no="HT-2"))
    assert caught.value.rule == "loan_products.poverty_2014.one_per_household"
    # the head was born 1970-05-01: 66 on 2036-06-01, too old for the 2026 product's 18–65
    with pytest.raises(AssistError) as caught:
        add_loan(db, loan_input(db, "0004", drawn_on=date(2036, 6, 1), rate="3", credit_line_fen=None))
    assert caught.value.rule == "loan_products.help_2026.borrower_age" and "66 岁" in str(caught.value)


def test_a_borrower_outside_the_household_and_a_repeated_contract_are_refused(db: Any) -> None:
    _h2, member_2 = ids(db, "0002")
    with pytest.raises(AssistError, match="家庭成员"):
        add_loan(db, loan_input(db, "0001", member_id=member_2))
    add_loan(db, loan_input(db, "0001"))
    with pytest.raises(AssistError, match="合同号 HT-0001 已登记"):
        add_loan(db, loan_input(db, "0002", contract_no="HT-0001"))


def test_the_county_changes_a_product_and_the_check_follows(db: Any) -> None:
    products = loan_products(db)
    assert [p.key for p in products] == ["poverty_2014", "exited_2021", "help_2026"]
    import json

    from desktop_app.assets import asset_path

    shipped = json.loads(asset_path("forms", "loan_products.json").read_text(encoding="utf-8"))
    shipped["products"][2]["cap_yuan"] = 80000
    save_loan_products(db, {"products": shipped["products"]})
    with pytest.raises(AssistError) as caught:
        add_loan(
            db, loan_input(db, "0004", drawn_on=date(2026, 4, 1), amount_fen=9_000_000, rate="3", credit_line_fen=None)
        )
    assert "单户最高 8 万元" in str(caught.value)
    shipped["products"][2]["cap_yuan"] = "lots"
    with pytest.raises(AssistError, match="单户上限"):
        save_loan_products(db, {"products": shipped["products"]})
    assert loan_products(db)[2].cap_fen == 8_000_000  # the bad value was not saved


def test_an_extension_is_granted_once_with_its_reason(db: Any) -> None:
    loan_id = add_loan(db, loan_input(db, "0001"))
    with pytest.raises(AssistError) as caught:
        extend(db, loan_id, date(2022, 9, 21), "  ", on=date(2022, 3, 1))
    assert caught.value.rule == "loan_products.poverty_2014.extension" and "原因" in str(caught.value)
    with pytest.raises(AssistError, match="展期最长 12 个月"):
        extend(db, loan_id, date(2023, 4, 21), "旱灾", on=date(2022, 3, 1))
    with pytest.raises(AssistError, match="到期日 2022-03-21 前申请"):
        extend(db, loan_id, date(2022, 9, 21), "旱灾", on=date(2022, 3, 22))
    extend(db, loan_id, date(2022, 9, 21), "旱灾致减产", on=date(2022, 3, 1))
    with pytest.raises(AssistError) as caught:
        extend(db, loan_id, date(2022, 12, 21), "又遇旱灾", on=date(2022, 3, 2))
    assert caught.value.rule == "loan_products.poverty_2014.extension" and "只能办理一次" in str(caught.value)
    detail = loan_detail(db, loan_id, on=date(2022, 4, 1))
    assert detail.row.due_on == date(2022, 9, 21) and detail.extension_reason == "旱灾致减产"
    assert detail.row.overdue_fen == 0  # not overdue within the extension


def test_a_renewal_settles_the_old_loan_and_links_back(db: Any) -> None:
    old = add_loan(db, loan_input(db, "0002", drawn_on=date(2021, 4, 1), rate="4.35", term_months=12))
    repay(db, old, date(2022, 1, 10), 1_000_000, 0)
    data = loan_input(db, "0002", drawn_on=date(2022, 4, 1), rate="4.35", term_months=12, contract_no="HT-R1")
    new = renew(db, old, data)
    old_detail, new_detail = loan_detail(db, old, on=date(2022, 5, 1)), loan_detail(db, new, on=date(2022, 5, 1))
    assert new_detail.row.renewal_of == old and old_detail.renewed_by == new
    assert old_detail.row.settled_on == date(2022, 4, 1) and old_detail.row.balance_fen == 0
    # the balance carried over is recorded on the old loan as the renewal's repayment
    assert [(r.principal_fen, r.source) for r in old_detail.repayments] == [
        (1_000_000, "manual"),
        (4_000_000, "renewal"),
    ]
    assert [r.loan_id for r in household_loans(db, ids(db, "0002")[0], on=date(2022, 5, 1))] == [old, new]
    with pytest.raises(AssistError) as caught:  # the product allows one renewal
        renew(db, new, loan_input(db, "0002", drawn_on=date(2023, 4, 1), rate="4.35", contract_no="HT-R2"))
    assert caught.value.rule == "loan_products.exited_2021.renewal"


def test_an_overdue_loan_is_not_renewed(db: Any) -> None:
    old = add_loan(db, loan_input(db, "0002", drawn_on=date(2021, 4, 1), rate="4.35", term_months=12))
    data = loan_input(db, "0002", drawn_on=date(2022, 4, 20), rate="4.35", contract_no="HT-R1")
    with pytest.raises(AssistError, match="逾期") as caught:
        renew(db, old, data)
    assert caught.value.rule == "loan_products.exited_2021.renewal"
    assert len(loan_list(db, on=date(2022, 5, 1))) == 1


def test_repayments_and_settling(db: Any) -> None:
    loan_id = add_loan(db, loan_input(db, "0001"))
    with pytest.raises(AssistError, match="超过合同 HT-0001 的余额 50000.00 元"):
        repay(db, loan_id, date(2020, 1, 1), 5_000_001, 0)
    with pytest.raises(AssistError, match="早于放款日期"):
        repay(db, loan_id, date(2019, 3, 1), 100, 0)
    with pytest.raises(AssistError, match="不能都为 0"):
        repay(db, loan_id, date(2020, 1, 1), 0, 0)
    with pytest.raises(AssistError, match="尚有余额 50000.00 元"):
        settle(db, loan_id, date(2022, 3, 21))
    repay(db, "HT-0001", date(2022, 3, 21), 5_000_000, 59_375)  # by contract number
    settle(db, loan_id, date(2022, 3, 21))
    [row] = loan_list(db, on=date(2023, 1, 1))
    assert (row.balance_fen, row.overdue_fen, row.settled_on) == (0, 0, date(2022, 3, 21))
    with pytest.raises(AssistError, match="已于 2022-03-21 结清"):
        repay(db, loan_id, date(2022, 4, 1), 0, 100)
    # settled: the household may borrow again
    again = loan_input(db, "0001", drawn_on=date(2026, 4, 1), rate="3", credit_line_fen=None, contract_no="HT-2026")
    add_loan(db, again)
