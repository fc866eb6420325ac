"""扶贫手册帮扶台账: the help pages of the household manual, from the ledgers.

A first page with the household and its pairing history (帮扶责任人 and 监测联系人, with their dates), then one
page per year that has entries: the year's plan (causes, risks, planned measures, targets), the measures
delivered, the visits, the loans, the posts and the months of work, and at the bottom the signatures of the
household head and the year's pairing cadre. The household's own manual shows amounts; it never carries a
resident ID or a bank account (the data has no field for them).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.reports.assist_ledgers import columns_of
from desktop_app.reports.assist_model import ManualData, ManualYear
from desktop_app.reports.base import BaseRenderer, zh_date
from desktop_app.reports.tables import PagedTable, grid_table
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

NUMERALS = "一二三四五六七八九十"


class HelpManualRenderer(BaseRenderer):
    internal = True
    margins = (16 * mm, 16 * mm, 20 * mm, 18 * mm)

    def __init__(self, data: ManualData) -> None:
        super().__init__()
        self.data = data
        where = f"{data.place.township}{data.place.village}"
        self.header_text = f"{where}　扶贫手册帮扶台账　户编号 {data.number}　户主 {data.head_name}"

    def pairs(self, title: str, pairs: Sequence[tuple[str, str]]) -> list[Flowable]:
        cells: list[str] = []
        for label, value in pairs:
            cells += [label, value]
        cells += [""] * (-len(cells) % 4)
        rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
        w = self.frame_width
        table = grid_table(rows, [0.17 * w, 0.33 * w, 0.17 * w, 0.33 * w], label_cols=[0, 2])
        return [KeepTogether([self.para(title, "section"), table])]

    def listing(
        self, title: str, spec: Sequence[tuple[str, float, str]], rows: list[list[str]], empty: str
    ) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(35 * mm), self.para(title, "section")]
        if rows:
            out.append(PagedTable(columns_of(spec, self.frame_width), rows, font_size=8.5))
        else:
            out.append(self.para(empty, "small"))
        return out

    def front_page(self) -> list[Flowable]:
        data = self.data
        place = data.place
        story = self.title(
            "扶贫手册·帮扶台账",
            f"{place.county}{place.township}{place.village}　户主：{data.head_name}　户编号：{data.number}",
        )
        story += self.pairs("一、户基本情况", [("户主姓名", data.head_name), ("村民小组", data.group), *data.facts])
        spec = (("类别", 12, "LEFT"), ("姓名", 10, "LEFT"), ("派出单位", 26, "LEFT"), ("联系电话", 14, "LEFT"))
        spec += (("起始日期", 12, "CENTER"), ("结束日期", 12, "CENTER"), ("状态", 8, "CENTER"))
        story += self.listing("二、帮扶责任人及监测联系人", spec, data.pairings, "（尚未结对帮扶）")
        years = "、".join(str(y.year) for y in data.years)
        story.append(Spacer(1, 4 * mm))
        story.append(self.para(f"本台账含年度帮扶记录：{years or '无'}。", "body"))
        return story

    def year_page(self, page: ManualYear) -> list[Flowable]:
        story: list[Flowable] = [PageBreak(), *self.title(f"{page.year}年度帮扶记录", f"户主：{self.data.head_name}")]
        number = iter(NUMERALS)
        if page.plan_facts or page.plan_items:
            story += self.pairs(f"{next(number)}、帮扶计划（一户一策）", page.plan_facts)
            spec = (("措施类别", 12, "LEFT"), ("具体措施", 20, "LEFT"), ("帮扶内容", 30, "LEFT"))
            spec += (("计划金额（元）", 12, "RIGHT"), ("预期目标", 26, "LEFT"))
            story += self.listing("计划措施", spec, page.plan_items, "（计划中未列措施）")
        else:
            story.append(self.para(f"{next(number)}、帮扶计划（一户一策）：本年度未制定帮扶计划。", "section"))
        spec = (("实施时间", 16, "CENTER"), ("措施类别", 10, "LEFT"), ("具体措施", 12, "LEFT"))
        spec += (("帮扶内容", 19, "LEFT"), ("金额（元）", 10, "RIGHT"), ("资金来源", 12, "LEFT"))
        spec += (("状态", 7, "CENTER"), ("成效", 14, "LEFT"))
        rows = page.deliveries
        if rows:
            rows = [*rows, ["", "合计", "", f"{len(rows)} 项", page.delivered_total, "", "", ""]]
        story += self.listing(f"{next(number)}、帮扶措施落实情况", spec, rows, "（本年度暂无落实的措施）")
        spec = (("走访日期", 12, "CENTER"), ("走访人", 10, "LEFT"), ("发现的情况", 34, "LEFT"))
        spec += (("商定的事项", 34, "LEFT"), ("照片", 6, "CENTER"))
        story += self.listing(f"{next(number)}、走访记录", spec, page.visits, "（本年度暂无走访记录）")
        if page.loans:
            spec = (("借款人", 9, "LEFT"), ("产品", 14, "LEFT"), ("合同编号", 16, "LEFT"), ("金额（元）", 11, "RIGHT"))
            spec += (("放款日期", 11, "CENTER"), ("到期日期", 11, "CENTER"), ("余额（元）", 11, "RIGHT"))
            spec += (("已贴息（元）", 11, "RIGHT"),)
            story += self.listing(f"{next(number)}、小额信贷", spec, page.loans, "")
        if page.posts:
            spec = (("人员", 10, "LEFT"), ("岗位", 22, "LEFT"), ("岗位层级", 14, "LEFT"), ("状态", 12, "CENTER"))
            spec += (("在岗月数", 10, "CENTER"), ("补贴合计（元）", 14, "RIGHT"))
            story += self.listing(f"{next(number)}、公益岗位", spec, page.posts, "")
        if page.work:
            spec = (("成员", 10, "LEFT"), ("务工月数", 9, "CENTER"), ("务工地点", 18, "LEFT"), ("务工渠道", 14, "LEFT"))
            spec += (("就业单位", 20, "LEFT"), ("工资收入（元）", 13, "RIGHT"), ("交通补助（元）", 13, "RIGHT"))
            story += self.listing(f"{next(number)}、务工监测", spec, page.work, "")
        if page.income:
            story += self.pairs(f"{next(number)}、年度收入（收入台账）", page.income)
        story += self.signatures(page)
        return story

    def signatures(self, page: ManualYear) -> list[Flowable]:
        cadre = f"帮扶责任人签字（{'、'.join(page.cadres)}）" if page.cadres else "帮扶责任人签字"
        return [
            CondPageBreak(40 * mm),
            Spacer(1, 6 * mm),
            self.para(f"以上{page.year}年度帮扶记录经户主和帮扶责任人核对无误。", "body_indent"),
            Spacer(1, 8 * mm),
            self.signature_line("户主签字（按手印）", "日期"),
            Spacer(1, 8 * mm),
            self.signature_line(cadre, "日期"),
        ]

    def story(self) -> list[Flowable]:
        story = self.front_page()
        for page in self.data.years:
            story += self.year_page(page)
        story.append(Spacer(1, 6 * mm))
        story.append(self.para(f"打印日期：{zh_date(self.data.printed_on)}", "small"))
        return story
