"""The household manual (扶贫手册): every section of the card in the usual order, signed by both sides."""

from __future__ import annotations

from desktop_app.reports.base import BaseRenderer, zh_date
from desktop_app.reports.model import CardData, Section
from desktop_app.reports.tables import Column, PagedTable, grid_table
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

MEMBER_WIDTHS_MM = (6, 14, 12, 7, 32, 10, 14, 13, 14, 16, 18, 22)


class CardRenderer(BaseRenderer):
    margins = (16 * mm, 16 * mm, 20 * mm, 18 * mm)

    def __init__(self, data: CardData) -> None:
        super().__init__()
        self.data = data
        place = data.place
        self.header_text = f"{place.township}{place.village}　扶贫手册　户编号 {data.number}　户主 {data.head_name}"

    def section(self, section: Section, columns: int = 2) -> list[Flowable]:
        per_row = columns * 2
        cells: list[str] = []
        for label, value in section.pairs:
            cells.extend([label, value])
        while len(cells) % per_row:
            cells.append("")
        rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
        label_w = 32 * mm if columns == 2 else 24 * mm
        value_w = self.frame_width / columns - label_w
        widths = [label_w, value_w] * columns
        table = grid_table(rows, widths, label_cols=[i for i in range(per_row) if i % 2 == 0])
        return [KeepTogether([self.para(section.title, "section"), table])]

    def list_table(
        self, title: str, columns: list[Column], rows: list[list[str]], empty: str, size: float = 9
    ) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(40 * mm), self.para(title, "section")]
        if rows:
            out.append(PagedTable(columns, rows, font_size=size))
        else:
            out.append(self.para(empty, "small"))
        return out

    def story(self) -> list[Flowable]:
        data = self.data
        place = data.place
        story: list[Flowable] = [
            *self.title(
                "扶贫手册",
                f"{place.county}{place.township}{place.village}　户主：{data.head_name}　户编号：{data.number}",
            )
        ]
        sections = {s.title[:2]: s for s in data.sections}
        story += self.section(data.sections[0])
        widths = [w * mm for w in MEMBER_WIDTHS_MM]
        scale = self.frame_width / sum(widths)
        member_cols = [
            Column(title, width * scale, "CENTER" if title in ("序号", "性别", "民族") else "LEFT")
            for title, width in zip(data.member_columns, widths, strict=True)
        ]
        story += self.list_table("二、家庭成员情况", member_cols, data.members, "（无在册成员）", size=8.5)
        for key in ("三、", "四、", "五、", "六、"):
            if key in sections:
                story += self.section(sections[key])
        w = self.frame_width
        story += self.list_table(
            "七、帮扶计划（一户一策）",
            [
                Column("年度", 0.08 * w, "CENTER"),
                Column("措施类型", 0.13 * w),
                Column("帮扶内容", 0.30 * w),
                Column("金额", 0.13 * w, "RIGHT"),
                Column("资金来源", 0.14 * w),
                Column("实施时间", 0.22 * w, "CENTER"),
            ],
            data.plan,
            "（尚未制定帮扶计划）",
        )
        story += self.list_table(
            "八、帮扶措施落实情况",
            [
                Column("落实日期", 0.13 * w, "CENTER"),
                Column("措施类型", 0.15 * w),
                Column("帮扶内容", 0.34 * w),
                Column("金额", 0.14 * w, "RIGHT"),
                Column("成效", 0.24 * w),
            ],
            data.delivered,
            "（暂无已落实的措施）",
        )
        # one row per year, signed by both sides; blank rows for the years still to come
        followup = [[*row, "\n", "\n"] for row in data.income_followup]
        followup += [["\n", "", "", "", "", ""] for _ in range(3)]
        story += self.list_table(
            "九、年度收入跟踪（每年核实后双方签字）",
            [
                Column("年度", 0.10 * w, "CENTER"),
                Column("人均纯收入", 0.18 * w, "RIGHT"),
                Column("当年扶贫标准", 0.18 * w, "RIGHT"),
                Column("是否高于标准", 0.14 * w, "CENTER"),
                Column("户主签字", 0.20 * w, "CENTER"),
                Column("帮扶责任人签字", 0.20 * w, "CENTER"),
            ],
            followup,
            "",
        )
        story += self.section(Section("十、脱贫退出记录", data.exit_record))
        if data.history:
            story += self.list_table(
                "十一、识别与退出程序记录",
                [
                    Column("日期", 0.16 * w, "CENTER"),
                    Column("环节", 0.30 * w),
                    Column("结果", 0.26 * w),
                    Column("经办人", 0.28 * w),
                ],
                data.history,
                "",
            )
        story.append(CondPageBreak(45 * mm))
        story.append(self.para("签字确认", "section"))
        story.append(self.para("本手册所填内容经户主和帮扶责任人核对无误。", "body_indent"))
        story.append(Spacer(1, 8 * mm))
        story.append(self.signature_line("户主签字（按手印）", "日期"))
        story.append(Spacer(1, 8 * mm))
        cadre = f"帮扶责任人签字（{data.cadre_name}）" if data.cadre_name else "帮扶责任人签字"
        story.append(self.signature_line(cadre, "日期"))
        story.append(Spacer(1, 6 * mm))
        story.append(self.para(f"打印日期：{zh_date(data.printed_on)}", "small"))
        return story
