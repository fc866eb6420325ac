"""The assistance ledgers printed from a real database (filled through the owners' use cases), read back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from desktop_app import catalog
from desktop_app.domain.money import format_yuan
from desktop_app.services.monitoring import income_for
from tests.assist_print.conftest import OBJECTION_PHONE, TODAY, LedgerVillage
from tests.reports.conftest import ID_PATTERN, pdf_fonts, pdf_pages, pdf_text

HEALTH_WORDS = [item.zh for item in catalog.codelists()["health"].items if item.code != "1"]


def render(db: Any, tmp_path: Path, kind: str, **selection: Any) -> Path:
    from desktop_app.services.printing import render_document, resolve_selection, save_pdf

    document = render_document(db, resolve_selection(db, kind, **selection), today=TODAY)
    out = tmp_path / f"{kind}.pdf"
    save_pdf(out, document.pdf)
    assert document.pages >= 1
    return out


def flat(path: Path) -> str:
    return pdf_text(path).replace(" ", "")


def household_id(db: Any, number: str) -> str:
    from desktop_app.services.printing import resolve_selection

    found = resolve_selection(db, "help-manual", household=number).household_id
    assert found is not None
    return found


def total_line(text: str) -> str:
    """The last 合计 line of a page's text."""
    return [line for line in text.splitlines() if "合计" in line][-1]


def test_help_manual_has_a_signed_page_per_year_from_the_ledgers(
    ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path
) -> None:
    out = render(ledger_db, tmp_path, "help-manual", household=ledger_village.manual_number)
    pages = [p.replace(" ", "") for p in pdf_pages(out)]
    front, *years = pages
    assert ledger_village.manual_head in front and "李建国" in front and "王芳" in front
    assert "2025.06.30" in front  # the first pairing ended the day before the re-pairing
    assert [y for y in (2025, 2026) if any(f"{y}年度帮扶记录" in p for p in years)] == [2025, 2026]
    page_2026 = next(p for p in years if "2026年度帮扶记录" in p)
    assert "2026年种植烤烟5亩" in page_2026 and "烤烟种苗" in page_2026  # the plan, the measure delivered
    assert "联系合作社代烤" in page_2026  # the visit
    assert "HT-2026-001" in page_2026  # the loan
    assert "昆明市官渡区" in page_2026 and "12,000.00" in page_2026  # three months of work, wages summed
    assert "户主签字（按手印）" in page_2026 and "帮扶责任人签字（王芳）" in page_2026
    with ledger_db.session() as session:
        record = income_for(session, household_id(ledger_db, ledger_village.manual_number), 2026)
    assert record is not None and record.wage_fen >= 1_200_000  # the work months rolled into the wage line
    assert f"工资性收入{format_yuan(record.wage_fen)}元" in page_2026
    page_2025 = next(p for p in years if "2025年度帮扶记录" in p)
    assert "厨师技能培训" in page_2025 and "烤烟种苗" not in page_2025
    assert "帮扶责任人签字（李建国、王芳）" in page_2025  # both were paired during 2025
    text = "".join(pages)
    assert not ID_PATTERN.search(text)


def test_help_manual_shows_the_monitoring_contact_and_a_post_held(
    ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path
) -> None:
    front = pdf_pages(render(ledger_db, tmp_path, "help-manual", household=ledger_village.manual_number))[0]
    contact = next(line for line in front.splitlines() if "监测联系人" in line and "李建国" in line)
    assert "2025.07.01" in contact and "当前" in contact
    text = flat(render(ledger_db, tmp_path, "help-manual", household=ledger_village.holder_number))
    post = next(line for line in text.splitlines() if "村庄保洁员" in line)
    assert ledger_village.contracted in post and "已签约" in post and post.endswith("1500.00")  # 1 month, 500 yuan


def test_help_manual_for_one_year(ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path) -> None:
    out = render(ledger_db, tmp_path, "help-manual", household=ledger_village.manual_number, year=2025)
    text = flat(out)
    assert "2025年度帮扶记录" in text and "2026年度帮扶记录" not in text


def test_measures_register_totals_the_ledger(ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path) -> None:
    from desktop_app.services.assistance import village_deliveries

    out = render(ledger_db, tmp_path, "measures-register", village=ledger_village.code, year=2026)
    text = flat(out)
    rows = village_deliveries(ledger_db, ledger_village.village_id, year=2026)
    assert sum(r.amount_fen for r in rows) == ledger_village.delivered_2026
    line = total_line(text)
    assert format_yuan(ledger_village.delivered_2026) in line and f"{ledger_village.measures_2026}项" in line
    assert all(r.head_name in text and r.content in text for r in rows)
    assert "厨师技能培训" not in text  # a 2025 measure
    latest = flat(render(ledger_db, tmp_path, "measures-register", village=ledger_village.code))
    assert f"{ledger_village.name}2026年帮扶措施登记册" in latest  # the latest year with measures


def test_funds_ledger_total_line_equals_the_ledger(
    ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path
) -> None:
    from desktop_app.services.assistance import funds_ledger

    rows = [r for r in funds_ledger(ledger_db, village_id=ledger_village.village_id, year=2026)]
    allocated, disbursed = sum(r.allocated_fen for r in rows), sum(r.disbursed_fen for r in rows)
    assert (allocated, disbursed) == (ledger_village.allocated, ledger_village.disbursed)
    text = flat(render(ledger_db, tmp_path, "funds-ledger", village=ledger_village.name, year=2026))
    figures = "".join(format_yuan(x) for x in (allocated, disbursed, allocated - disbursed))
    assert f"合计{figures}" in text
    payments = text[text.index("资金拨付明细") :]
    assert total_line(payments).endswith(format_yuan(disbursed))  # the payments add up to the fund's disbursed
    flagged = next(line for line in payments.splitlines() if ledger_village.flagged_number in line)
    assert "名单" in flagged or "登记" in flagged  # the ledger's reason is printed beside the payment


def test_loan_ledger_overdue_list_holds_exactly_the_overdue_loans(
    ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path
) -> None:
    from desktop_app.services.assistance import loan_list

    overdue = loan_list(ledger_db, ledger_village.village_id, overdue_only=True, on=TODAY)
    assert [r.contract for r in overdue] == [ledger_village.overdue_contract]
    text = flat(render(ledger_db, tmp_path, "loan-ledger", village=ledger_village.code))
    loans, late = text.split("逾期贷款清单")
    assert ledger_village.overdue_contract in loans and ledger_village.current_contract in loans
    states = {c: next(line for line in loans.splitlines() if c in line) for c in ("HT-2026-001", "HT-2026-003")}
    assert states["HT-2026-001"].endswith("逾期") and states["HT-2026-003"].endswith("已结清")
    assert re.findall(r"HT-\d{4}-\d{3}", late) == [r.contract for r in overdue]
    row = overdue[0]
    assert f"{format_yuan(row.overdue_fen)}{row.overdue_days}" in late
    everything = loan_list(ledger_db, ledger_village.village_id, on=TODAY)
    assert format_yuan(sum(r.balance_fen for r in everything)) in total_line(loans)
    assert not ID_PATTERN.search(text)


def test_post_notice_is_public_and_private_free(ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path) -> None:
    for selection in ({"village": ledger_village.code}, {"post": ledger_village.post_name}):
        out = render(ledger_db, tmp_path, "post-notice", **selection)
        text = flat(out)
        assert f"{ledger_village.name}2026年公益岗位拟聘人员公示" in text
        assert all(name in text for name in ledger_village.on_notice) and ledger_village.contracted not in text
        assert "2026年11月28日" in text and "2026年12月4日" in text  # the notice period (7 days from the rules)
        assert f"联系电话：{OBJECTION_PHONE}" in text and "特此公示" in text and "内部资料" not in text
        assert not ID_PATTERN.search(text)
        assert not [secret for secret in ledger_village.secrets if secret in text]
        assert not [word for word in HEALTH_WORDS if word in text]
        assert "500.00" not in text and "元" not in text  # no subsidy, no income


@pytest.mark.parametrize("kind", ["help-manual", "measures-register", "funds-ledger", "loan-ledger", "post-notice"])
def test_every_font_is_embedded(ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path, kind: str) -> None:
    where = {"household": ledger_village.manual_number} if kind == "help-manual" else {"village": ledger_village.code}
    fonts = pdf_fonts(render(ledger_db, tmp_path, kind, **where))
    assert fonts and all(row[-5] == "yes" for row in fonts)  # the "emb" column: prints the same on any printer


@pytest.mark.parametrize("kind", ["measures-register", "funds-ledger", "loan-ledger", "post-notice"])
def test_a_village_with_nothing_to_print_is_refused(
    ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path, kind: str
) -> None:
    from desktop_app.services.printing import PrintError, print_to_file, resolve_selection

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(PrintError, match="空白村.*没有可打印的内容"):
        print_to_file(
            ledger_db, resolve_selection(ledger_db, kind, village=ledger_village.empty_code), folder / "x.pdf"
        )
    assert list(folder.iterdir()) == []  # no file, not even a partial one
