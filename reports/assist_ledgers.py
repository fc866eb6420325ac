"""The village's assistance ledgers as printed: 村帮扶措施登记册, 资金台账, 小额信贷台账 (internal, landscape), and
the public 公益岗位拟聘人员公示 (the announcement's shape: period, objection, issuing body and seal).

Every table ends with a 合计 line that is the sum of the rows above it; the services give the figures the
ledgers computed, so the printed totals are the ledger's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop_app.reports.assist_model import (
    FundsLedgerData,
    LoanLedgerData,
    MeasuresRegisterData,
    PostNoticeData,
)
from desktop_app.reports.base import BaseRenderer, zh_date
from desktop_app.reports.model import Place
from desktop_app.reports.tables import Column, PagedTable
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer


def columns_of(spec: Sequence[tuple[str, float, str]], width: float) -> list[Column]:
    """Columns from (title, share of the width, alignment); the shares are scaled to fill ``width``."""
    total = sum(share for _title, share, _align in spec)
    return [Column(title, width * share / total, align) for title, share, align in spec]


class LedgerRenderer(BaseRenderer):
    """An internal landscape ledger: title, place line, tables with a total line, the preparer's signatures."""

    orientation = "landscape"
    internal = True
    margins = (14 * mm, 14 * mm, 20 * mm, 18 * mm)
    name = ""

    def __init__(self, place: Place, subtitle: str) -> None:
        super().__init__()
        self.place = place
        self.subtitle = subtitle
        self.header_text = f"{place.township}{place.village}　{self.name}"

    def heading(self, title: str) -> list[Flowable]:
        place = self.place
        line = f"{place.county}{place.township}{place.village}"
        return self.title(title, f"{line}　{self.subtitle}" if self.subtitle else line)

    def table(
        self, spec: Sequence[tuple[str, float, str]], rows: list[list[str]], total: list[str] | None = None
    ) -> PagedTable:
        """A ledger table; ``total`` is appended as a shaded 合计 row."""
        body = [*rows, total] if total is not None else rows
        marks = [""] * len(rows) + (["total"] if total is not None else [])
        return PagedTable(columns_of(spec, self.frame_width), body, font_size=8.5, marks=marks)

    def signatures(self, printed_on: date | None) -> list[Flowable]:
        return [
            CondPageBreak(30 * mm),
            Spacer(1, 8 * mm),
            self.signature_line("制表人", "审核人", "日期"),
            Spacer(1, 4 * mm),
            self.para(f"打印日期：{zh_date(printed_on)}", "small"),
        ]


class MeasuresRegisterRenderer(LedgerRenderer):
    """村帮扶措施登记册: one row per measure delivered in the village and year, with the total amount."""

    name = "村帮扶措施登记册"
    SPEC = (
        ("序号", 4, "CENTER"),
        ("户编号", 13, "LEFT"),
        ("户主", 6, "LEFT"),
        ("村民小组", 8, "LEFT"),
        ("措施类别", 7, "LEFT"),
        ("帮扶内容", 17, "LEFT"),
        ("金额（元）", 8, "RIGHT"),
        ("资金来源", 11, "LEFT"),
        ("实施时间", 10, "CENTER"),
        ("状态", 5, "CENTER"),
        ("成效", 8, "LEFT"),
        ("佐证", 4, "CENTER"),
    )

    def __init__(self, data: MeasuresRegisterData) -> None:
        self.data = data
        super().__init__(data.place, f"{data.year}年度")

    def story(self) -> list[Flowable]:
        data = self.data
        rows = []
        for index, r in enumerate(data.rows, start=1):
            content = "：".join(p for p in (r.values, r.content) if p)
            rows.append(
                [str(index), r.number, r.head_name, r.group, r.category, content, r.amount, r.fund, r.period]
                + [r.status, r.result, r.evidence]
            )
        total = ["", "合计", f"{data.households} 户", "", f"{len(data.rows)} 项", "", data.total_amount]
        total += [""] * (len(self.SPEC) - len(total))
        story = self.heading(f"{data.place.village}{data.year}年帮扶措施登记册")
        story.append(self.table(self.SPEC, rows, total))
        return story + self.signatures(data.printed_on)


class FundsLedgerRenderer(LedgerRenderer):
    """资金台账: the balance of every fund (allocated, disbursed, remaining), then each fund's payments."""

    name = "资金台账"
    BALANCE = (
        ("序号", 4, "CENTER"),
        ("资金名称", 30, "LEFT"),
        ("年度", 6, "CENTER"),
        ("下达金额（元）", 14, "RIGHT"),
        ("已拨付（元）", 14, "RIGHT"),
        ("结余（元）", 14, "RIGHT"),
        ("拨付笔数", 7, "CENTER"),
    )
    PAYMENTS = (
        ("序号", 4, "CENTER"),
        ("拨付日期", 9, "CENTER"),
        ("户编号", 14, "LEFT"),
        ("户主", 7, "LEFT"),
        ("项目", 14, "LEFT"),
        ("措施", 16, "LEFT"),
        ("金额（元）", 10, "RIGHT"),
        ("核查提示", 18, "LEFT"),
    )

    def __init__(self, data: FundsLedgerData) -> None:
        self.data = data
        super().__init__(data.place, f"{data.year}年度" if data.year else "全部年度")

    def story(self) -> list[Flowable]:
        data = self.data
        when = f"{data.year}年" if data.year else ""
        story = self.heading(f"{data.place.village}{when}帮扶资金台账")
        story.append(self.para("一、资金收支情况", "section"))
        rows = [
            [str(i), f.fund, str(f.year), f.allocated, f.disbursed, f.remaining, str(len(f.payments))]
            for i, f in enumerate(data.funds, start=1)
        ]
        count = sum(len(f.payments) for f in data.funds)
        total = ["", "合计", "", data.total_allocated, data.total_disbursed, data.total_remaining, str(count)]
        story.append(self.table(self.BALANCE, rows, total))
        if data.flagged:
            story.append(Spacer(1, 2 * mm))
            story.append(self.para(f"※ 有 {data.flagged} 笔拨付的对象不在建档立卡或监测名单内，请核查。", "body"))
        story.append(self.para("二、资金拨付明细", "section"))
        for f in data.funds:
            story.append(CondPageBreak(30 * mm))
            story.append(self.para(f"{f.fund}（{f.year}年）", "body"))
            lines = [
                [str(i), p.paid_on, p.number, p.head_name, p.project, p.measure, p.amount, p.flag]
                for i, p in enumerate(f.payments, start=1)
            ]
            story.append(self.table(self.PAYMENTS, lines, ["", "合计", "", "", "", "", f.disbursed, ""]))
            story.append(Spacer(1, 3 * mm))
        return story + self.signatures(data.printed_on)


class LoanLedgerRenderer(LedgerRenderer):
    """小额信贷台账: every loan of the village with its balance and subsidy, then the overdue list."""

    name = "小额信贷台账"
    LOANS = (
        ("序号", 4, "CENTER"),
        ("户编号", 13, "LEFT"),
        ("户主", 6, "LEFT"),
        ("借款人", 6, "LEFT"),
        ("合同编号", 10, "LEFT"),
        ("贷款银行", 9, "LEFT"),
        ("产品", 8, "LEFT"),
        ("金额（元）", 8, "RIGHT"),
        ("放款日期", 8, "CENTER"),
        ("到期日期", 8, "CENTER"),
        ("余额（元）", 8, "RIGHT"),
        ("已贴息（元）", 8, "RIGHT"),
        ("状态", 5, "CENTER"),
    )
    OVERDUE = (
        ("序号", 4, "CENTER"),
        ("户编号", 13, "LEFT"),
        ("借款人", 8, "LEFT"),
        ("合同编号", 12, "LEFT"),
        ("逾期起始日", 9, "CENTER"),
        ("逾期金额（元）", 10, "RIGHT"),
        ("逾期天数", 7, "CENTER"),
        ("欠息（元）", 9, "RIGHT"),
        ("欠息起始日", 9, "CENTER"),
    )

    def __init__(self, data: LoanLedgerData) -> None:
        self.data = data
        super().__init__(data.place, f"截至{zh_date(data.on)}")

    def story(self) -> list[Flowable]:
        data = self.data
        story = self.heading(f"{data.place.village}小额信贷台账")
        story.append(self.para("一、贷款明细", "section"))
        rows = [
            [str(i), x.number, x.head_name, x.borrower, x.contract, x.bank, x.product, x.amount, x.drawn, x.due]
            + [x.balance, x.subsidy, x.status]
            for i, x in enumerate(data.loans, start=1)
        ]
        total = ["", "合计", "", f"{len(data.loans)} 笔", "", "", "", data.total_amount, "", ""]
        story.append(self.table(self.LOANS, rows, [*total, data.total_balance, data.total_subsidy, ""]))
        story.append(CondPageBreak(40 * mm))
        story.append(self.para("二、逾期贷款清单", "section"))
        if data.overdue:
            lines = [
                [str(i), o.number, o.borrower, o.contract, o.overdue_since, o.overdue_amount, o.overdue_days]
                + [o.unpaid_interest, o.interest_since]
                for i, o in enumerate(data.overdue, start=1)
            ]
            total = ["", "合计", f"{len(data.overdue)} 笔", "", "", data.total_overdue, "", "", ""]
            story.append(self.table(self.OVERDUE, lines, total))
        else:
            story.append(self.para("（无逾期贷款）", "body"))
        return story + self.signatures(data.printed_on)


class PostNoticeRenderer(BaseRenderer):
    """公益岗位拟聘人员公示: the people proposed, by name and village group only, with the period and the seal."""

    def __init__(self, data: PostNoticeData) -> None:
        super().__init__()
        self.data = data
        self.header_text = f"{data.place.township}{data.place.village}　{data.title}"

    def story(self) -> list[Flowable]:
        data = self.data
        story: list[Flowable] = [*self.title(data.title)]
        story.append(self.para(data.intro, "body_indent"))
        story.append(Spacer(1, 3 * mm))
        spec = (("序号", 8, "CENTER"), ("姓名", 16, "LEFT"), ("村民小组", 18, "LEFT"))
        spec += (("岗位名称", 24, "LEFT"), ("岗位类型", 16, "LEFT"), ("岗位层级", 18, "LEFT"))
        rows = [[str(i), r.name, r.group, r.post, r.post_type, r.tier] for i, r in enumerate(data.rows, start=1)]
        story.append(PagedTable(columns_of(spec, self.frame_width), rows, font_size=10.5))
        story.append(Spacer(1, 2 * mm))
        story.append(self.para(f"合计：{len(data.rows)} 人。", "body"))
        for note in data.notes:
            story.append(self.para(note, "body_indent"))
        story.append(Spacer(1, 3 * mm))
        story.append(CondPageBreak(75 * mm))  # keep the objection text with the seal
        story.append(self.para(data.objection_text, "body_indent"))
        if data.contact_text:
            story.append(self.para(data.contact_text, "body_indent"))
        story.append(self.para("特此公示。", "body_indent"))
        story.append(Spacer(1, 4 * mm))
        story.append(self.seal(data.issuing_body, data.issued_on))
        return story
