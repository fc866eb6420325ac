"""The monitoring documents (防止返贫监测): one household's forms and the village's public lists.

Forms (internal): 承诺授权书 with signature and fingerprint boxes per adult member, 信息采集表 with blank lines
to fill by hand, 入户核查表 with the checkers' signature lines. Lists (posted): 村内公示, 公告 (in the township's
name) and 风险消除公示, which name the monitoring category and never carry a private field.
"""

from __future__ import annotations

from desktop_app.reports.base import BaseRenderer, zh_date
from desktop_app.reports.model import Section
from desktop_app.reports.monitor_model import MonitorFormData, MonitorListData
from desktop_app.reports.public import AnnouncementRenderer
from desktop_app.reports.tables import Column, PagedTable, grid_table
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

CONSENT_TEXT = (
    "本户自愿申请纳入{term}，承诺所提供的家庭成员、收入、财产及支出等信息真实、完整、有效，"
    "如有隐瞒或虚报，愿意承担相应责任并退回已享受的帮扶。"
)
AUTHORISATION_TEXT = (
    "本户全体家庭成员同意并授权县（市、区）有关部门和单位，为核实本户情况查询、核对家庭成员的"
    "存款、有价证券、房产、车辆、工商登记、社会保险、公积金、纳税等信息。授权仅用于{term}的识别、"
    "帮扶和风险消除，有效期至本户不再作为{term}管理之日止。"
)
FILLED_FOR_TEXT = (
    "如由他人代为填写或代签，请注明：代签人＿＿＿＿＿＿＿＿，与本户关系＿＿＿＿＿＿，代签原因＿＿＿＿＿＿＿＿＿＿＿＿。"
)


def doc_term(term: str) -> str:
    """The name a document gives the monitored household: 防止返贫监测对象 before 2026, 防止返贫致贫对象 from it."""
    return "防止返贫监测对象" if term == "监测对象" else term


class _FormRenderer(BaseRenderer):
    internal = True

    def __init__(self, data: MonitorFormData) -> None:
        super().__init__()
        self.data = data
        self.header_text = f"{data.place.township}{data.place.village}　{data.title}　户编号 {data.number}"

    def heading(self, facts_title: str) -> list[Flowable]:
        """The title, the place and the household number, then the household's facts under ``facts_title``."""
        data = self.data
        place = data.place
        story = self.title(data.title, f"{place.county}{place.township}{place.village}　户编号：{data.number}")
        return story + self.pairs(Section(facts_title, [("户主姓名", data.head_name), *data.facts]))

    def pairs(self, section: Section) -> list[Flowable]:
        cells: list[str] = []
        for label, value in section.pairs:
            cells += [label, value]
        cells += [""] * (-len(cells) % 4)
        rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
        w = self.frame_width
        table = grid_table(rows, [0.17 * w, 0.33 * w, 0.17 * w, 0.33 * w], label_cols=[0, 2])
        return [KeepTogether([self.para(section.title, "section"), table])]

    def risk_ticks(self, title: str) -> list[Flowable]:
        ticks = "　".join(f"{box}{label}" for label, box in self.data.risks)
        return [self.para(title, "section"), self.para(ticks, "body")]

    def signatures(self, *lines: tuple[str, ...]) -> list[Flowable]:
        out: list[Flowable] = []
        for labels in lines:
            out += [Spacer(1, 8 * mm), self.signature_line(*labels)]
        return out

    def blank_lines(self, title: str, count: int) -> list[Flowable]:
        w = self.frame_width
        rows = [[""] for _ in range(count)]
        return [CondPageBreak(40 * mm), self.para(title, "section"), grid_table(rows, [w], row_height=9 * mm)]


class ConsentRenderer(_FormRenderer):
    """承诺授权书: the promise and the authorisation, then one signature and fingerprint box per adult member."""

    def story(self) -> list[Flowable]:
        data = self.data
        term = doc_term(data.term)
        story = self.heading("一、户基本情况")
        story.append(self.para("二、承诺事项", "section"))
        story.append(self.para(CONSENT_TEXT.format(term=term), "body_indent"))
        story.append(self.para("三、授权事项", "section"))
        story.append(self.para(AUTHORISATION_TEXT.format(term=term), "body_indent"))
        story.append(Spacer(1, 2 * mm))
        story.append(self.para("四、家庭成员签字（按手印）", "section"))
        w = self.frame_width
        columns = [
            Column("序号", 0.07 * w, "CENTER"),
            Column("姓名", 0.15 * w),
            Column("与户主关系", 0.13 * w),
            Column("身份证号码", 0.25 * w),
            Column("本人签字", 0.20 * w, "CENTER"),
            Column("手印", 0.20 * w, "CENTER"),
        ]
        rows = []
        for index, m in enumerate(data.members, start=1):
            sign = "\n\n" if m.adult else "（未成年，由监护人代签）"
            rows.append([str(index), m.name, m.relation, m.id_number, sign, "\n\n" if m.adult else ""])
        story.append(PagedTable(columns, rows, font_size=10))
        story.append(Spacer(1, 3 * mm))
        story.append(self.para(FILLED_FOR_TEXT, "body"))
        story += self.signatures(("户主签字（按手印）", "日期"), ("村（社区）经办人", "日期"))
        return story


class CollectionFormRenderer(_FormRenderer):
    """信息采集表: household facts, members, the year's income record, the risks, blank lines for the rest."""

    def story(self) -> list[Flowable]:
        data = self.data
        story = self.heading("一、家庭基本情况")
        w = self.frame_width
        columns = [
            Column("序号", 0.06 * w, "CENTER"),
            Column("姓名", 0.11 * w),
            Column("关系", 0.08 * w),
            Column("性别", 0.06 * w, "CENTER"),
            Column("身份证号码", 0.20 * w),
            Column("年龄", 0.06 * w, "CENTER"),
            Column("文化程度", 0.10 * w),
            Column("健康状况", 0.11 * w),
            Column("劳动技能", 0.10 * w),
            Column("务工状况", 0.12 * w),
        ]
        rows = [
            [str(i), m.name, m.relation, m.sex, m.id_number, m.age, m.education, m.health, m.labour, m.work]
            for i, m in enumerate(data.members, start=1)
        ]
        rows += [[""] * 10 for _ in range(2)]  # members found at the visit
        story += [CondPageBreak(40 * mm), self.para("二、家庭成员情况", "section")]
        story.append(PagedTable(columns, rows, font_size=8.5))
        title = f"三、家庭收入情况（{data.income_year} 年度）" if data.income_year else "三、家庭收入情况"
        story += self.pairs(Section(title, data.income))
        story += self.risk_ticks("四、致贫返贫风险（最多五项，在方框内打“√”）")
        story += self.blank_lines("五、其他需要说明的情况（刚性支出、突发事件等，入户时填写）", 4)
        story += self.signatures(("采集人签字", "采集人签字", "日期"), ("户主签字（按手印）", "日期"))
        return story


class CheckFormRenderer(_FormRenderer):
    """入户核查表: what the home check records, the proposed category, and the checkers' signature lines."""

    def story(self) -> list[Flowable]:
        data = self.data
        story = self.heading("一、线索与核查情况")
        story += self.pairs(Section("二、收入核查", data.income))
        story += self.risk_ticks("三、风险核实（在方框内打“√”）")
        w = self.frame_width
        story.append(self.para("四、核查结论", "section"))
        findings = data.findings or "\n\n\n"
        story.append(grid_table([["核查意见", findings]], [0.17 * w, 0.83 * w], label_cols=[0]))
        story.append(Spacer(1, 2 * mm))
        story.append(self.para("拟纳入类别：□脱贫不稳定户　□边缘易致贫户　□突发严重困难户　□不纳入", "body"))
        story.append(CondPageBreak(50 * mm))
        story.append(self.para("五、核查人签字（不少于两人）", "section"))
        names = list(data.checkers) + [""] * max(0, 3 - len(data.checkers))
        rows = [[name, "", zh_date(data.check_date, "") if name else ""] for name in names]
        table = grid_table([["核查人", "签字", "核查日期"], *rows], [0.3 * w, 0.4 * w, 0.3 * w], row_height=10 * mm)
        story.append(table)
        story += self.signatures(("户主签字（按手印）", "日期"))
        return story


class MonitorListRenderer(AnnouncementRenderer):
    """村内公示, 公告 and 风险消除公示: the announcement's layout with the category column.

    No risk column: risk types such as 因病 or 因残 tell the village about a member's health, which a public
    notice never shows (the internal forms carry them)."""

    def __init__(self, data: MonitorListData) -> None:  # the same fields as AnnouncementData, other rows
        BaseRenderer.__init__(self)
        self.data = data  # type: ignore[assignment]
        self.header_text = f"{data.place.township}{data.place.village}　{data.title}"

    def columns(self) -> list[Column]:
        w = self.frame_width
        columns = [
            Column("序号", 0.08 * w, "CENTER"),
            Column("户主姓名", 0.20 * w),
            Column("村民小组", 0.22 * w),
            Column("家庭人口", 0.12 * w, "CENTER"),
        ]
        if self.data.extra_title:  # type: ignore[attr-defined]
            return [*columns, Column("类别", 0.22 * w), Column(self.data.extra_title, 0.16 * w)]  # type: ignore[attr-defined]
        return [*columns, Column("类别", 0.38 * w)]

    def table_rows(self) -> list[list[str]]:
        data: MonitorListData = self.data  # type: ignore[assignment]
        rows = []
        for index, row in enumerate(data.rows, start=1):
            cells = [str(index), row.name, row.group, str(row.size), row.category]
            rows.append([*cells, row.extra] if data.extra_title else cells)
        return rows

    def closing(self) -> str:
        return self.data.closing  # type: ignore[attr-defined, no-any-return]
