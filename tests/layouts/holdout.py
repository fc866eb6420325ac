# ruff: noqa: E501 - the hold-out rows are tables of Chinese text, one person per line
"""Hold-out national sheets built here with openpyxl (never by our exporter), and a database with their areas."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from desktop_app.domain.idnumber import make_id
from desktop_app.services import Database, open_database
from desktop_app.storage.models import Area

BANK_HEADERS = [
    "序号", "数据日期", "县(市、区、旗)", "乡(镇)", "行政村", "自然村", "户编号", "人编号", "姓名", "证件号码", "人数",
    "与户主关系", "民族", "文化程度", "在校生状况", "健康状况", "劳动技能", "务工时间（月）", "是否参加大病保险",
    "致贫原因1", "危房户", "是否解决安全饮用水", "人均纯收入", "户联系电话", "人联系电话", "首次识别时间",
    "人员识别时间", "户类型", "易返贫致贫户(监测对象)类型", "风险是否消除", "风险识别时间", "风险消除时间",
]  # fmt: skip


def pid(n: int, born: date = date(1980, 3, 5)) -> str:
    return make_id("532999", born, n)


def database(path: Path) -> Database:
    """An empty database holding the county, township, two villages and their groups the files name."""
    db = open_database(path, operator="测试员", device_id="laptop-t")
    with db.transaction() as session:
        county = Area(code="532999", name="示范县", level="county")
        town = Area(code="532999001", name="茈碧湖镇", level="township", parent_id=county.id)
        session.add_all([county, town])
        for v, vname in ((1, "和平村"), (2, "新华村")):
            village = Area(code=f"532999001{v:03d}", name=vname, level="village", parent_id=town.id)
            session.add(village)
            for g in (1, 2):
                session.add(
                    Area(code=f"{village.code}{g:03d}", name=f"第{g}村民小组", level="group", parent_id=village.id)
                )
    return db


def write_sheet(path: Path, title_rows: list[str], headers: list[str], rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for text in title_rows:
        ws.append([text])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=len(title_rows) + 2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    wb.save(path)
    return path


def bank_rows() -> list[list[Any]]:
    """Two households in 和平村: three people and two people, as a bank's list has them."""
    people = [
        ("5329990010010001", "李大山", pid(11), 3, "户主", "汉族", "小学", "非在校生", "健康", "普通劳动力", 10, "是",
         "因病", "否", "是", "8050.00", "13800000001", "第1村民小组"),
        ("5329990010010001", "王小花", pid(12), 3, "配偶", "彝族", "初中", "非在校生", "长期慢性病", "普通劳动力", 0, "是",
         "因病", "否", "是", "8050.00", "13800000001", "第1村民小组"),
        ("5329990010010001", "李小明", pid(13, date(2012, 6, 1)), 3, "之子", "汉族", "小学", "小学", "健康", "无劳动力", 0,
         "否", "因病", "否", "是", "8050.00", "13800000001", "第1村民小组"),
        ("5329990010010002", "张老三", pid(21), 2, "户主", "汉族", "文盲或半文盲", "非在校生", "残疾", "丧失劳动力", 0, "是",
         "因残", "是", "否", "6500", "13800000002", "第2村民小组"),
        ("5329990010010002", "张丽", pid(22), 2, "之女", "汉族", "高中", "非在校生", "健康", "技能劳动力", 8, "是",
         "因残", "是", "否", "6500", "13800000002", "第2村民小组"),
    ]  # fmt: skip
    rows = []
    for i, p in enumerate(people, start=1):
        (
            number,
            name,
            idn,
            size,
            rel,
            eth,
            edu,
            school,
            health,
            labour,
            months,
            big,
            cause,
            unsafe,
            water,
            inc,
            phone,
            grp,
        ) = p
        rows.append([
            i, "20261130", "示范县", "茈碧湖镇", "和平村", grp, number, f"{number}{i:02d}", name, idn, size, rel, eth, edu,
            school, health, labour, months, big, cause, unsafe, water, inc, phone, "", "201405", "201405", "脱贫户",
            "边缘易致贫户" if number.endswith("2") else "", "否" if number.endswith("2") else "",
            "202303" if number.endswith("2") else "", "",
        ])  # fmt: skip
    return rows


MONITORING_HEADERS = [
    "序号", "县(市、区、旗)", "乡(镇)", "行政村", "自然村", "户编号", "人编号", "姓名", "证件号码", "性别", "出生日期",
    "与户主关系", "民族", "人数", "文化程度", "在校生状况", "健康状况", "劳动技能", "务工状况", "务工时间（月）",
    "监测对象类别", "户类型", "享受低保政策情况", "享受特困供养政策情况", "整户无劳动能力兜底保障户", "风险是否已消除",
    "识别监测时间", "消除监测时间", "风险是否已消除", "风险消除方式", "实施开发式帮扶措施情况", "产业帮扶", "就业帮扶",
    "金融帮扶", "公益岗位帮扶", "健康帮扶", "义务教育保障", "其他教育帮扶", "综合保障", "住房安全保障", "饮水安全保障",
    "社会帮扶", "搬迁", "生产生活条件改善", "基础设施建设", "致贫/返贫风险1", "致贫/返贫风险2", "致贫/返贫风险3",
    "致贫/返贫风险4", "致贫/返贫风险5", "因自然灾害子项", "其他备注", "监测联系人", "监测联系人电话", "户联系电话",
    "人均纯收入（元）", "工资性收入", "合规自付支出", "是否解决安全饮用水", "是否危房户", "是否有义务教育阶段辍学",
    "住房是否出现安全问题", "是否有家庭成员未参加基本医疗保险", "饮水安全设施是否损坏", "消除后工资性收入（元）",
    "消除后财产性收入（元）", "消除后转移性收入（元）", "消除后生产经营性收入（元）", "消除后生产经营性支出（元）",
    "消除后家庭纯收入（元）", "消除后人均纯收入（元）", "消除后理赔收入（元）", "消除后合规自付支出（元）",
]  # fmt: skip


def monitoring_rows() -> list[list[Any]]:
    """Two monitored households of 新华村: YYYYMM dates, YYYYMMDD births, comma-joined measures, 风险是否已消除 twice."""
    people = [
        ("5329990010020001", "赵一", pid(31, date(1970, 1, 2)), "男", "户主", 2, "第1村民小组", "边缘易致贫户", "否", "202203", "",
         "其他,技能培训", "因病", "9200.50", "3000"),
        ("5329990010020001", "钱二", pid(32, date(1972, 5, 6)), "女", "配偶", 2, "第1村民小组", "边缘易致贫户", "否", "202203", "",
         "其他,技能培训", "因病", "9200.50", "3000"),
        ("5329990010020002", "孙三", pid(41, date(1965, 11, 30)), "男", "户主", 1, "第2村民小组", "突发严重困难户", "是", "202106",
         "202312", "劳务输出", "因意外事故", "12000", "8000"),
    ]  # fmt: skip
    rows = []
    for i, (number, name, idn, sex, rel, size, grp, cat, removed, inc, rem, jobs, risk, pc, wage) in enumerate(
        people, 1
    ):
        values: dict[str, Any] = {h: "" for h in MONITORING_HEADERS}
        values.update({
            "序号": i, "县(市、区、旗)": "示范县", "乡(镇)": "茈碧湖镇", "行政村": "新华村", "自然村": grp, "户编号": number,
            "人编号": f"{number}{i:02d}", "姓名": name, "证件号码": idn, "性别": sex, "出生日期": idn[6:14],
            "与户主关系": rel, "民族": "汉族", "人数": size, "文化程度": "初中", "在校生状况": "非在校生", "健康状况": "健康",
            "劳动技能": "普通劳动力", "务工状况": "县内务工", "务工时间（月）": 6, "监测对象类别": cat, "户类型": "一般农户",
            "享受低保政策情况": "否", "识别监测时间": inc, "消除监测时间": rem, "风险消除方式": "帮扶消除" if rem else "",
            "实施开发式帮扶措施情况": "已实施", "就业帮扶": jobs, "致贫/返贫风险1": risk, "人均纯收入（元）": pc,
            "工资性收入": wage, "是否解决安全饮用水": "是", "户联系电话": "13900000003",
        })  # fmt: skip
        row = []
        for h in MONITORING_HEADERS:
            row.append(removed if h == "风险是否已消除" else values[h])
        rows.append(row)
    return rows


HOUSEHOLD_HEADERS = [
    "序号", "县(市、区、旗)", "乡(镇)", "行政村", "自然村", "户编号", "户主姓名", "户主证件号码", "家庭人口数", "户类型",
    "贫困户属性", "识别标准", "识别年度", "脱贫状态", "脱贫年度", "主要致贫原因", "其他致贫原因", "家庭住址", "户联系电话",
    "开户银行", "住房安全等级", "是否危房户", "是否解决安全饮用水", "人均纯收入（元）", "工资性收入（元）",
    "生产经营性收入（元）", "财产性收入（元）", "转移性收入（元）", "生产经营性支出（元）", "监测对象类别", "识别监测时间",
    "风险是否已消除", "消除监测时间",
]  # fmt: skip


def household_rows() -> list[list[Any]]:
    """Three households of 新华村, one row each (the head's)."""
    rows = []
    for i, (number, head, idn, attribute, causes) in enumerate(
        [
            ("5329990010020011", "周四", pid(51), "一般贫困户", "因病,因学"),
            ("5329990010020012", "吴五", pid(52), "低保贫困户", "缺劳力"),
            ("5329990010020013", "郑六", pid(53), "特困供养贫困户", ""),
        ],
        start=1,
    ):
        rows.append([
            i, "示范县", "茈碧湖镇", "新华村", "第1村民小组", number, head, idn, 1, "脱贫户", attribute, "国家标准",
            "201605", "已脱贫", "2019", "因病", causes, "新华村1号", "13700000000", "农村信用社", "B级", "否", "是",
            "7000", "5000", "1000", "0", "1500", "500", "", "", "", "",
        ])  # fmt: skip
    return rows


WORK_HEADERS = [
    "序号", "县(市、区、旗)", "乡(镇)", "行政村", "自然村", "户编号", "人编号", "姓名", "证件号码", "与户主关系", "监测月份",
    "是否务工", "务工开始时间", "务工结束时间", "务工地点（县）", "务工渠道", "务工行业", "务工单位", "月务工收入（元）",
    "务工交通补助（元）",
]  # fmt: skip


def work_rows() -> list[list[Any]]:
    """One household of 和平村, two workers, each listed for two months."""
    rows = []
    people = [("5329990010010021", "冯七", pid(61), "户主"), ("5329990010010021", "陈八", pid(62), "配偶")]
    i = 0
    for month in ("202609", "202610"):
        for number, name, idn, rel in people:
            i += 1
            rows.append([
                i, "示范县", "茈碧湖镇", "和平村", "第2村民小组", number, f"{number}0{i}", name, idn, rel, month, "是",
                month + "01", "", "昆明市官渡区", "外出务工", "建筑业", "某建筑公司", "4500.00", "200",
            ])  # fmt: skip
    return rows
