"""The village wall chart, "one map, four tables" (一图四表), with a bar chart by village group in place of the map.

It hangs on the village committee's wall, so it is treated as public: no ID number, income or health data.
"""

from __future__ import annotations

from desktop_app.reports.base import BaseRenderer, zh_date
from desktop_app.reports.fonts import MAIN_FONT, plain
from desktop_app.reports.model import WallChartData
from desktop_app.reports.tables import Column, PagedTable
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

# The colours cadres use in the field: red in poverty, green exited, yellow returned to poverty.
STATUS_COLOURS = (
    colors.Color(0.82, 0.18, 0.16),
    colors.Color(0.25, 0.5, 0.85),
    colors.Color(0.2, 0.62, 0.3),
    colors.Color(0.95, 0.75, 0.1),
)


class WallChartRenderer(BaseRenderer):
    orientation = "landscape"
    margins = (14 * mm, 14 * mm, 18 * mm, 16 * mm)

    def __init__(self, data: WallChartData) -> None:
        super().__init__()
        self.data = data
        self.header_text = f"{data.place.township}{data.place.village}　脱贫攻坚作战图表（一图四表）"

    def chart(self) -> Drawing:
        data = self.data
        width, height = self.frame_width, 105 * mm
        # the renderer's default font; else Helvetica, which is not embedded, is named on the page
        drawing = Drawing(width, height, initialFontName=MAIN_FONT)
        chart = VerticalBarChart()
        chart.x, chart.y = 16 * mm, 14 * mm
        chart.width, chart.height = width - 70 * mm, height - 26 * mm
        series = [[g.counts.get(status, 0) for g in data.groups] for status in data.statuses]
        chart.data = series or [[0]]
        chart.categoryAxis.categoryNames = [plain(g.group) for g in data.groups] or [""]
        chart.categoryAxis.style = "stacked"
        chart.categoryAxis.labels.fontName = MAIN_FONT
        chart.categoryAxis.labels.fontSize = 8.5
        chart.categoryAxis.labels.dy = -3
        chart.valueAxis.labels.fontName = MAIN_FONT
        chart.valueAxis.labels.fontSize = 8
        chart.valueAxis.valueMin = 0
        most = max((sum(g.counts.values()) for g in data.groups), default=1)
        step = max(1, -(-most // 8))
        chart.valueAxis.valueStep = step
        chart.valueAxis.valueMax = step * (-(-most // step) + 1)
        chart.barWidth = 10
        for index in range(len(series)):
            chart.bars[index].fillColor = STATUS_COLOURS[index % len(STATUS_COLOURS)]
            chart.bars[index].strokeColor = colors.white
        drawing.add(chart)
        legend = Legend()
        legend.x, legend.y = width - 48 * mm, height - 22 * mm
        legend.fontName = MAIN_FONT
        legend.fontSize = 9.5
        legend.alignment = "right"
        legend.columnMaximum = 8
        legend.colorNamePairs = [
            (STATUS_COLOURS[i % len(STATUS_COLOURS)], plain(status)) for i, status in enumerate(data.statuses)
        ]
        drawing.add(legend)
        drawing.add(
            String(16 * mm, height - 8 * mm, "各村民小组贫困户户数（按脱贫状态）", fontName=MAIN_FONT, fontSize=10.5)
        )
        drawing.add(String(2 * mm, height / 2, "户数", fontName=MAIN_FONT, fontSize=8.5))
        return drawing

    def table(self, title: str, columns: list[Column], rows: list[list[str]], empty: str) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(50 * mm), self.para(title, "section")]
        out.append(PagedTable(columns, rows, font_size=9.5) if rows else self.para(empty, "small"))
        out.append(Spacer(1, 4 * mm))
        return out

    def story(self) -> list[Flowable]:
        data = self.data
        w = self.frame_width
        place = data.place
        story: list[Flowable] = [
            *self.title(
                f"{place.village}脱贫攻坚作战图表",
                f"{place.county}　{place.township}　{place.village}　{zh_date(data.printed_on)}",
            ),
            self.para("一图：贫困户分布（按村民小组和脱贫状态）", "section"),
            self.chart(),
        ]
        progress_columns = [Column("村民小组", 0.22 * w), Column("建档立卡户", 0.12 * w, "CENTER")]
        progress_columns += [Column(s, 0.12 * w, "CENTER") for s in data.statuses]
        progress_columns.append(Column("脱贫率", w - sum(c.width for c in progress_columns), "CENTER"))
        story.append(PageBreak())
        story += self.table(
            "表一：贫困户基本情况表",
            [
                Column("序号", 0.05 * w, "CENTER"),
                Column("户主姓名", 0.13 * w),
                Column("村民小组", 0.15 * w),
                Column("家庭人口", 0.08 * w, "CENTER"),
                Column("贫困户属性", 0.15 * w),
                Column("主要致贫原因", 0.16 * w),
                Column("帮扶责任人", 0.14 * w),
                Column("脱贫状态", 0.14 * w, "CENTER"),
            ],
            [[str(i), *row] for i, row in enumerate(data.households, start=1)],
            "（本村暂无建档立卡户）",
        )
        story += self.table(
            "表二：帮扶计划表（一户一策）",
            [
                Column("户主姓名", 0.14 * w),
                Column("年度", 0.08 * w, "CENTER"),
                Column("措施类型", 0.16 * w),
                Column("帮扶内容", 0.46 * w),
                Column("帮扶责任人", 0.16 * w),
            ],
            data.plan,
            "（暂无帮扶计划）",
        )
        story += self.table(
            "表三：帮扶措施落实表",
            [
                Column("户主姓名", 0.14 * w),
                Column("落实日期", 0.12 * w, "CENTER"),
                Column("措施类型", 0.16 * w),
                Column("帮扶内容", 0.34 * w),
                Column("成效", 0.24 * w),
            ],
            data.delivered,
            "（暂无已落实的措施）",
        )
        marks = [""] * (len(data.progress) - 1) + ["total"]
        story.append(CondPageBreak(50 * mm))
        story.append(self.para("表四：脱贫进度表", "section"))
        story.append(PagedTable(progress_columns, data.progress, font_size=10, marks=marks))
        return story
