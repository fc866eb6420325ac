"""Public announcements (公示) and notices (公告) posted on the village and township notice boards."""

from __future__ import annotations

from desktop_app.reports.base import BaseRenderer
from desktop_app.reports.model import AnnouncementData
from desktop_app.reports.tables import Column, PagedTable
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer


class AnnouncementRenderer(BaseRenderer):
    """The list with its period, the way to object, the issuing body, the date and room for the seal."""

    def __init__(self, data: AnnouncementData) -> None:
        super().__init__()
        self.data = data
        self.header_text = f"{data.place.township}{data.place.village}　{data.title}"

    def columns(self) -> list[Column]:
        if self.data.exit:
            return [
                Column("序号", 12 * mm, "CENTER"),
                Column("户主姓名", 28 * mm),
                Column("村民小组", 32 * mm),
                Column("家庭人口", 18 * mm, "CENTER"),
                Column("贫困户属性", 34 * mm),
                Column("识别年度", 25 * mm, "CENTER"),
                Column("脱贫年度", 25 * mm, "CENTER"),
            ]
        return [
            Column("序号", 12 * mm, "CENTER"),
            Column("户主姓名", 30 * mm),
            Column("村民小组", 34 * mm),
            Column("家庭人口", 20 * mm, "CENTER"),
            Column("贫困户属性", 36 * mm),
            Column("主要致贫原因", 42 * mm),
        ]

    def table_rows(self) -> list[list[str]]:
        rows = []
        for index, row in enumerate(self.data.rows, start=1):
            if self.data.exit:
                years = [str(row.identification_year or ""), str(row.exit_year or "")]
                rows.append([str(index), row.name, row.group, str(row.size), row.attribute, *years])
            else:
                rows.append([str(index), row.name, row.group, str(row.size), row.attribute, row.cause])
        return rows

    def closing(self) -> str:
        return "特此公告。" if self.data.kind.endswith("notice") else "特此公示。"

    def story(self) -> list[Flowable]:
        data = self.data
        subtitle = f"（编号：{data.batch_number}）" if data.batch_number else ""
        story: list[Flowable] = [*self.title(data.title, subtitle)]
        story.append(self.para(data.intro, "body_indent"))
        story.append(Spacer(1, 3 * mm))
        story.append(PagedTable(self.columns(), self.table_rows(), font_size=10.5))
        people = sum(row.size for row in data.rows)
        story.append(Spacer(1, 2 * mm))
        story.append(self.para(f"合计：{len(data.rows)} 户，{people} 人。", "body"))
        story.append(Spacer(1, 3 * mm))
        story.append(CondPageBreak(75 * mm))  # keep the objection text with the seal
        story.append(self.para(data.objection_text, "body_indent"))
        if data.contact_text:
            story.append(self.para(data.contact_text, "body_indent"))
        story.append(self.para(self.closing(), "body_indent"))
        story.append(Spacer(1, 4 * mm))
        story.append(self.seal(data.issuing_body, data.issued_on))
        return story
