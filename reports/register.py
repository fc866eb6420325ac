"""The village register (花名册): every registered household and its members, with full ID numbers (internal)."""

from __future__ import annotations

from collections import Counter

from desktop_app.reports.base import BaseRenderer, zh_date
from desktop_app.reports.model import RegisterData
from desktop_app.reports.tables import Column, PagedTable
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

# (title, width in mm, alignment); household columns first, then one member per row
COLUMNS = (
    ("序号", 8, "CENTER"),
    ("户编号", 29, "CENTER"),
    ("村民小组", 19, "CENTER"),
    ("贫困户属性", 19, "CENTER"),
    ("致贫原因", 16, "CENTER"),
    ("脱贫状态", 12, "CENTER"),
    ("人口", 7, "CENTER"),
    ("姓名", 14, "LEFT"),
    ("与户主关系", 13, "LEFT"),
    ("性别", 7, "CENTER"),
    ("年龄", 7, "CENTER"),
    ("身份证号码", 31, "LEFT"),
    ("民族", 12, "CENTER"),
    ("文化程度", 18, "LEFT"),
    ("健康状况", 18, "LEFT"),
    ("劳动技能", 24, "LEFT"),
    ("务工状况", 20, "LEFT"),
)
HOUSEHOLD_COLUMNS = 7  # the first columns describe the household: one merged cell per household


class RegisterRenderer(BaseRenderer):
    orientation = "landscape"
    margins = (12 * mm, 12 * mm, 18 * mm, 16 * mm)
    internal = True

    def __init__(self, data: RegisterData) -> None:
        super().__init__()
        self.data = data
        place = data.place
        self.header_text = f"{place.county}{place.township}{place.village}　建档立卡贫困户花名册"

    def columns(self) -> list[Column]:
        total = sum(c[1] for c in COLUMNS)
        scale = self.frame_width / (total * mm)
        return [Column(title, width * mm * scale, align) for title, width, align in COLUMNS]

    def rows(self) -> tuple[list[list[str]], list[str]]:
        rows: list[list[str]] = []
        marks: list[str] = []
        blank_member = [""] * 10
        for index, h in enumerate(self.data.households, start=1):
            head = [str(index), h.number, h.group, h.attribute, h.cause, h.status, str(h.size)]
            people = h.members or [None]
            for position, m in enumerate(people):
                cells = head if position == 0 else [""] * len(head)
                if m is None:
                    member = blank_member
                else:
                    member = [
                        m.name,
                        m.relation,
                        m.sex,
                        m.age,
                        m.id_number,
                        m.ethnicity,
                        m.education,
                        m.health,
                        m.labour,
                        m.work,
                    ]
                rows.append([*cells, *member])
                marks.append("group" if position == 0 else "")
        return rows, marks

    def story(self) -> list[Flowable]:
        data = self.data
        place = data.place
        statuses = Counter(h.status for h in data.households)
        summary = "，".join(f"{label} {n} 户" for label, n in sorted(statuses.items()))
        story: list[Flowable] = [
            *self.title(
                f"{place.village}建档立卡贫困户花名册",
                f"{place.county}　{place.township}　{place.village}（{place.village_code}）"
                f"　共 {len(data.households)} 户 {data.member_count} 人　打印日期：{zh_date(data.printed_on)}",
            )
        ]
        rows, marks = self.rows()
        story.append(
            PagedTable(self.columns(), rows, font_size=8, header_size=8, marks=marks, span_cols=HOUSEHOLD_COLUMNS)
        )
        story.append(Spacer(1, 3 * mm))
        if summary:
            story.append(self.para(f"其中：{summary}。", "small"))
        story.append(Spacer(1, 6 * mm))
        story.append(self.signature_line("填表人", "审核人", "填表日期"))
        return story
