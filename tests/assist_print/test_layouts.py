"""The assistance ledgers' layouts (reports/assist_*.py) from plain data, read back from the PDF.

These check what the page must show whatever the database: one page per year in the manual with both signature
lines, a total line on every ledger table, long lists repeating their header, and a post notice that has no
field for anything private.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from desktop_app.reports.assist_ledgers import (
    FundsLedgerRenderer,
    LoanLedgerRenderer,
    MeasuresRegisterRenderer,
    PostNoticeRenderer,
)
from desktop_app.reports.assist_manual import HelpManualRenderer
from desktop_app.reports.assist_model import (
    FundBlock,
    FundPayment,
    FundsLedgerData,
    LoanLedgerData,
    LoanLine,
    ManualData,
    ManualYear,
    MeasuresRegisterData,
    OverdueLine,
    PostNoticeData,
    PostNoticeRow,
    RegisterRow,
)
from desktop_app.reports.model import Place

from tests.reports.conftest import pdf_pages, pdf_text

PLACE = Place("洱源县", "茈碧湖镇", "和平村", "532930101")
DAY = date(2026, 12, 2)


def flat(path: Path) -> str:
    return pdf_text(path).replace(" ", "")


def year_page(year: int, cadres: list[str]) -> ManualYear:
    return ManualYear(
        year=year,
        cadres=cadres,
        plan_facts=[("致贫原因", "缺技术"), ("收入目标", "人均 9,000.00 元")],
        plan_items=[["产业帮扶", "种养殖业", f"{year}年种植烤烟5亩", "3,000.00", "增收 2,000 元"]],
        deliveries=[
            ["2026.03.01–2026.10.01", "产业帮扶", "种养殖业", "烤烟种苗", "3,000.00", "中央衔接资金", "已实施", "增收"],
            ["2026.05.01", "就业帮扶", "技能培训", "厨师培训", "800.00", "", "已完成", "结业"],
        ],
        visits=[["2026年3月2日", cadres[0] if cadres else "", "缺少资金", "申请小额信贷", "2"]],
        loans=[],
        posts=[],
        work=[["张小四", "8", "昆明市官渡区", "外出务工", "昆明某建筑公司", "32,000.00", "500.00"]],
        delivered_total="3,800.00",
    )


def test_manual_has_one_signed_page_per_year(tmp_path: Path) -> None:
    data = ManualData(
        place=PLACE,
        number="532930101001",
        head_name="张三",
        group="一组",
        size=4,
        facts=[("家庭住址", "一组12号"), ("家庭人口", "4 人")],
        pairings=[
            ["帮扶责任人", "李建国", "县农业农村局", "13800001111", "2024年1月1日", "2025年6月30日", "已结束"],
            ["帮扶责任人", "王芳", "县教育体育局", "13900002222", "2025年7月1日", "", "当前"],
        ],
        years=[year_page(2025, ["李建国", "王芳"]), year_page(2026, ["王芳"])],
        printed_on=DAY,
    )
    out = tmp_path / "manual.pdf"
    HelpManualRenderer(data).render(out)
    pages = [p.replace(" ", "") for p in pdf_pages(out)]
    assert len(pages) == 3
    assert "李建国" in pages[0] and "王芳" in pages[0] and "2025年6月30日" in pages[0]
    for page, year, cadre in ((pages[1], 2025, "李建国、王芳"), (pages[2], 2026, "王芳")):
        assert f"{year}年度帮扶记录" in page
        assert f"{year}年种植烤烟5亩" in page and "3,800.00" in page  # the plan and the delivered total
        assert "户主签字（按手印）" in page and f"帮扶责任人签字（{cadre}）" in page
        assert "四、务工监测" in page and "、公益岗位" not in page  # a section with no entries is left out


def register_data(rows: int) -> MeasuresRegisterData:
    row = RegisterRow(
        "532930101001",
        "张三",
        "一组",
        "产业帮扶",
        "种养殖业",
        "烤烟",
        "3,000.00",
        "县级财政",
        "2026.03",
        "已实施",
        "",
        "2",
    )
    return MeasuresRegisterData(PLACE, 2026, [row] * rows, f"{3000 * rows:,}.00", 1, DAY)


def test_a_long_register_repeats_its_header_and_ends_with_the_total(tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    MeasuresRegisterRenderer(register_data(120)).render(out)
    pages = [p.replace(" ", "") for p in pdf_pages(out)]
    assert len(pages) > 3
    assert all("户编号" in p and "金额（元）" in p for p in pages)
    assert "合计" in pages[-1] and "360,000.00" in pages[-1] and "120项" in pages[-1]
    assert "内部资料" in pages[0]


def test_funds_ledger_lists_each_fund_then_its_payments(tmp_path: Path) -> None:
    pay = FundPayment("2026-03-01", "532930101001", "张三", "烤烟种植", "产业帮扶", "3,000.00")
    flagged = dataclasses.replace(pay, head_name="李四", flag="不在建档立卡或监测名单内")
    data = FundsLedgerData(
        PLACE,
        2026,
        [
            FundBlock("中央衔接资金", 2026, "100,000.00", "6,000.00", "94,000.00", [pay, flagged]),
            FundBlock("县级财政资金", 2026, "20,000.00", "0.00", "20,000.00", []),
        ],
        "120,000.00",
        "6,000.00",
        "114,000.00",
        1,
        DAY,
    )
    out = tmp_path / "funds.pdf"
    FundsLedgerRenderer(data).render(out)
    text = flat(out)
    assert "合计120,000.006,000.00114,000.002" in text
    assert "中央衔接资金（2026年）" in text and "县级财政资金（2026年）" in text
    assert "有1笔拨付的对象不在建档立卡或监测名单内" in text and "李四" in text


def test_loan_ledger_says_when_nothing_is_overdue(tmp_path: Path) -> None:
    loan = LoanLine(
        "532930101001", "张三", "张小四", "HT-001", "农商银行", "帮扶小额信贷", "50,000.00", "2026-03-05", "2029-03-05",
        "50,000.00", "120.00",
    )  # fmt: skip
    data = LoanLedgerData(PLACE, DAY, [loan], [], "50,000.00", "50,000.00", "120.00", "0.00", DAY)
    out = tmp_path / "loans.pdf"
    LoanLedgerRenderer(data).render(out)
    text = flat(out)
    assert "逾期贷款清单" in text and "（无逾期贷款）" in text and "张小四" in text
    overdue = OverdueLine("532930101001", "张小四", "HT-001", "2026-11-01", "1,000.00", "31", "20.00", "2026-11-01")
    LoanLedgerRenderer(dataclasses.replace(data, overdue=[overdue], total_overdue="1,000.00")).render(out)
    text = flat(out)
    assert "（无逾期贷款）" not in text and "1,000.0031" in text


def test_post_notice_rows_have_no_private_field(tmp_path: Path) -> None:
    fields = {f.name for f in dataclasses.fields(PostNoticeRow)}
    assert fields == {"name", "group", "post", "post_type", "tier"}
    data = PostNoticeData(
        "和平村2026年公益岗位拟聘人员公示",
        "经个人申请、村级初审和乡镇审核，拟聘用以下人员，现予以公示。",
        "公示期为2026年12月2日至2026年12月8日。",
        PLACE,
        "和平村村民委员会",
        DAY,
        [PostNoticeRow("张小四", "一组", "村道保洁", "保洁员", "村级公益岗位")],
        "联系电话：0872-5123456",
    )
    out = tmp_path / "post.pdf"
    PostNoticeRenderer(data).render(out)
    text = flat(out)
    assert "和平村2026年公益岗位拟聘人员公示" in text and "张小四" in text and "特此公示" in text
    assert "内部资料" not in text and "（盖章）" in text
