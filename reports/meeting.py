"""Democratic evaluation minutes (民主评议会议记录) and the objection record (异议处理记录) of a batch."""

from __future__ import annotations

from desktop_app.reports.base import BaseRenderer, zh_date
from desktop_app.reports.model import MinutesData, ObjectionsData
from desktop_app.reports.tables import Column, PagedTable, grid_table
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


class MinutesRenderer(BaseRenderer):
    internal = True

    def __init__(self, data: MinutesData) -> None:
        super().__init__()
        self.data = data
        self.header_text = f"{data.place.township}{data.place.village}　{data.title}"

    def story(self) -> list[Flowable]:
        data = self.data
        w = self.frame_width
        story: list[Flowable] = [
            *self.title(data.title, f"{data.place.county}{data.place.township}{data.place.village}")
        ]
        info = [
            ["会议时间", zh_date(data.meeting_date, ""), "会议地点", data.location],
            ["主持人", data.chair, "记录人", data.recorder],
            ["应到人数", _count(data.expected), "实到人数", _count(data.present)],
            ["参会人员", "、".join(data.attendees) or "（见签到）", "", ""],
            ["列席人员", "、".join(data.guests) or "无", "", ""],
        ]
        widths = [0.15 * w, 0.35 * w, 0.15 * w, 0.35 * w]
        spans = [("SPAN", (1, 3), (3, 3)), ("SPAN", (1, 4), (3, 4))]
        story.append(grid_table(info, widths, label_cols=[0, 2], extra=spans))
        story.append(Spacer(1, 3 * mm))
        passed = sum(1 for r in data.rows if r.result in ("通过",))
        agenda = (
            f"会议对 {len(data.rows)} 户逐户进行民主评议，参会人员以无记名投票方式表决。"
            + (f"表决规则：{data.rule_text}。" if data.rule_text else "")
            + "评议结果如下："
        )
        story.append(self.para(agenda, "body_indent"))
        story.append(Spacer(1, 2 * mm))
        columns = [
            Column("序号", 0.07 * w, "CENTER"),
            Column("户主姓名", 0.17 * w),
            Column("村民小组", 0.19 * w),
            Column("家庭人口", 0.10 * w, "CENTER"),
            Column("赞成", 0.10 * w, "CENTER"),
            Column("反对", 0.10 * w, "CENTER"),
            Column("弃权", 0.10 * w, "CENTER"),
            Column("评议结果", 0.17 * w, "CENTER"),
        ]
        rows = [
            [
                str(i),
                r.name,
                r.group,
                str(r.size),
                _count(r.votes_for),
                _count(r.votes_against),
                _count(r.votes_abstain),
                r.result,
            ]
            for i, r in enumerate(data.rows, start=1)
        ]
        story.append(PagedTable(columns, rows, font_size=10))
        story.append(Spacer(1, 2 * mm))
        story.append(self.para(f"评议通过 {passed} 户，未通过或待定 {len(data.rows) - passed} 户。", "body"))
        if data.note:
            story.append(self.para(f"备注：{data.note}", "body"))
        story += self.signatures()
        return story

    def signatures(self) -> list[Flowable]:
        data = self.data
        w = self.frame_width
        names = list(data.attendees)
        slots = max(len(names), data.present or 0, 12)
        names += [""] * (slots - len(names))
        per_row = 3
        names += [""] * (-len(names) % per_row)
        rows = []
        for start in range(0, len(names), per_row):
            row: list[str] = []
            for name in names[start : start + per_row]:
                row += [name, ""]
            rows.append(row)
        widths = [0.13 * w, 0.2033 * w] * per_row
        table = grid_table(rows, widths, font_size=10, label_cols=[0, 2, 4], row_height=11 * mm)  # room to sign
        header = grid_table([["姓名", "签字"] * per_row], widths, font_size=10, label_cols=[0, 1, 2, 3, 4, 5])
        return [
            CondPageBreak(60 * mm),
            self.para("参会人员签字", "section"),
            header,
            table,
            Spacer(1, 8 * mm),
            self.signature_line("主持人签字", "记录人签字"),
        ]


class ObjectionsRenderer(BaseRenderer):
    internal = True  # objectors' names and contacts are never posted

    def __init__(self, data: ObjectionsData) -> None:
        super().__init__()
        self.data = data
        self.header_text = f"{data.place.township}{data.place.village}　{data.title}"

    def story(self) -> list[Flowable]:
        data = self.data
        w = self.frame_width
        period = ""
        if data.start and data.end:
            period = f"　公示期：{zh_date(data.start)}至{zh_date(data.end)}"
        story: list[Flowable] = [*self.title(data.title, f"{data.batch_title}{period}")]
        if not data.objections:
            story.append(self.para("本次公示期间未收到异议。", "body_indent"))
        widths = [0.16 * w, 0.34 * w, 0.16 * w, 0.34 * w]
        spans = [("SPAN", (1, r), (3, r)) for r in (2, 4, 5)]
        for index, o in enumerate(data.objections, start=1):
            rows = [
                [
                    "涉及农户",
                    f"{o.household}（{o.group}）" if o.group else o.household,
                    "提出日期",
                    zh_date(o.raised_on, ""),
                ],
                ["异议人", o.raised_by, "联系方式", o.contact],
                ["异议内容", o.content, "", ""],
                ["调查人", o.investigator, "处理日期", zh_date(o.decided_on, "")],
                ["调查结论", o.finding, "", ""],
                ["处理决定", "　".join(p for p in (o.decision, o.action) if p), "", ""],
                ["处理人", o.decided_by, "告知异议人", o.informed],
            ]
            block = [
                self.para(f"异议 {index}（{o.status}）", "section"),
                grid_table(rows, widths, label_cols=[0, 2], extra=spans),
            ]
            story.append(KeepTogether(block))
        story.append(Spacer(1, 8 * mm))
        story.append(self.signature_line("记录人", "审核人", "日期"))
        return story
