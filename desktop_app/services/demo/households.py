"""Deterministic, realistic demo data: a county of townships, villages and groups, families, cards, cadres.

Written with SQLAlchemy Core in one transaction (building one ORM object per row is ten times slower at
county size). The same seed always gives the same households, names and ID numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.identity import require_signature
from desktop_app.domain.idnumber import make_id
from desktop_app.domain.income import Income, per_capita_net
from desktop_app.services.demo import procedure as history
from desktop_app.services.demo.procedure import SortedIds
from desktop_app.services.households import refresh_search_index
from desktop_app.services.progress import Progress
from desktop_app.services.unit_of_work import writing
from desktop_app.storage import audit
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Cadre, ChangeLog, Household, Measure, Member
from desktop_app.storage.queries import table_of
from desktop_app.storage.types import utcnow

DEMO_COUNTY_CODE = "532999000000"
DEMO_REGION = "532999"
DEMO_YEAR = 2019
DEMO_LINE_FEN = 374_700  # the seeded 2019 national line; only used to place incomes around it

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志文福贵荣海山成兴德发"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英华慧巧美娥兰凤洁琳素云莲真环雪荣爱妹香月莺媛艳瑞凡佳嘉琼桂娣叶璐"
TOWNSHIP_NAMES = "茈碧湖 邓川 右所 三营 凤羽 乔后 牛街 西山 炼铁 洱源 玉湖 松桂 永安 龙门 金河 青山".split()
VILLAGE_WORDS = (
    "和平 团结 新民 东风 红旗 光明 永兴 太平 长春 石门 清水 上庄 下村 松坪 梨园 马场 桃源 白岩 龙潭 金竹".split()
)
UNITS = (
    "县农业农村局",
    "县教育局",
    "县卫生健康局",
    "县财政局",
    "县人社局",
    "县住建局",
    "县林草局",
    "县交通运输局",
    "县水务局",
    "县供销社",
    "乡人民政府",
    "县扶贫开发办公室",
)
STREETS = ("大路", "小街", "河边", "山脚", "坝子", "新村", "老寨", "中心")


@dataclass
class DemoResult:
    households: int
    members: int
    villages: int
    townships: int
    cadres: int
    measures: int
    monitored: int = 0  # households under the demo monitoring (load_demo(monitoring=True))


class DemoExists(Exception):
    pass


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    codes, weights = zip(*pairs, strict=True)
    return str(rng.choices(codes, weights=weights)[0])


def _name(rng: random.Random, surname: str, male: bool) -> str:
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    return surname + "".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2))))


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))


STAGES = (
    ("applied", 6),
    ("surveyed", 6),
    ("evaluated", 4),
    ("village_announced", 4),
    ("township_reviewed", 3),
    ("township_announced", 3),
    ("registered", 50),
    ("rejected", 3),
    ("removed", 2),
    ("exit_proposed", 3),
    ("exit_verified", 2),
    ("exit_acknowledged", 2),
    ("exit_announced", 2),
    ("exited", 10),
)
REGISTERED_STAGES = {"registered", "exit_proposed", "exit_verified", "exit_acknowledged", "exit_announced", "exited"}


class _People:
    """Members of one household, with ID numbers unique across the whole demo county."""

    def __init__(self, rng: random.Random, used_ids: set[str]) -> None:
        self.rng = rng
        self.used = used_ids

    def id_for(self, birth: date, male: bool) -> str:
        rng = self.rng
        while True:
            seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
            number = make_id(DEMO_REGION, birth, seq)
            if number not in self.used:
                self.used.add(number)
                return number

    def birth(self, age: int) -> date:
        start = date(DEMO_YEAR - age, 1, 1)
        return start + timedelta(days=self.rng.randrange(0, 365))


def _member_rows(
    rng: random.Random, people: _People, household_id: str, size: int, new_id: Callable[[], str]
) -> list[dict[str, Any]]:
    surname = rng.choice(SURNAMES[:60]) if rng.random() < 0.8 else rng.choice(SURNAMES)
    head_male = rng.random() < 0.85
    head_age = rng.randint(28, 78)
    plan: list[tuple[str, bool, int, str]] = [("01", head_male, head_age, surname)]  # relation, male, age, surname
    if size >= 2 and rng.random() < 0.85:
        spouse_age = max(20, min(90, head_age + rng.randint(-6, 4)))
        plan.append(("02", not head_male, spouse_age, rng.choice(SURNAMES)))
    if size > len(plan) and head_age > 60 and rng.random() < 0.3:
        # a son's wife (之儿媳) living with the family
        plan.append(("05", False, max(18, head_age - rng.randint(26, 34)), rng.choice(SURNAMES)))
    while len(plan) < size:
        kind = rng.random()
        if head_age > 55 and kind < 0.35:
            male = rng.random() < 0.5
            plan.append(("07" if male else "08", male, max(0, head_age - rng.randint(45, 55)), surname))
        elif head_age < 60 and kind < 0.5 and not any(r in ("11", "12") for r, *_ in plan):
            male = rng.random() < 0.5
            plan.append(("11" if male else "12", male, min(95, head_age + rng.randint(22, 32)), rng.choice(SURNAMES)))
        else:
            male = rng.random() < 0.5
            plan.append(("03" if male else "04", male, max(0, head_age - rng.randint(20, 38)), surname))
    rows = []
    for order, (relation, male, age, family) in enumerate(plan):
        birth = people.birth(age)
        if age < 6:
            education, school, labour = "6", "2" if age >= 3 else "1", "5"
        elif age < 19:
            education, school, labour = ("2" if age < 13 else "3"), ("3" if age < 13 else "4" if age < 16 else "5"), "5"
        else:
            education = _weighted(rng, (("1", 2 if age > 55 else 0.5), ("2", 4), ("3", 4), ("4", 1.5), ("5", 0.5)))
            school = "1"
            labour = (
                _weighted(rng, (("1", 6), ("2", 1.5), ("3", 1.5), ("4", 0.5)))
                if age <= 60
                else _weighted(rng, (("3", 4), ("4", 2), ("5", 1)))
            )
        health = _weighted(rng, (("1", 8 if age < 50 else 4), ("2", 1.5 if age < 50 else 4), ("3", 0.6), ("4", 0.6)))
        working_age = 18 <= age <= 60 and labour in ("1", "2")
        work = _weighted(rng, (("1", 1), ("2", 2), ("3", 2), ("4", 2), ("5", 3))) if working_age else "5"
        rows.append(
            {
                "id": new_id(),
                "household_id": household_id,
                "name": _name(rng, family, male),
                "id_number": people.id_for(birth, male),
                "relation": relation,
                "sex": "1" if male else "2",
                "birth_date": birth,
                "ethnicity": _weighted(rng, (("01", 55), ("14", 25), ("07", 8), ("20", 6), ("03", 6))),
                "education": education,
                "school_status": school,
                "health": health,
                "disability_grade": rng.choice("1234") if health == "4" else None,
                "labour": labour,
                "work_status": work,
                "months_away": rng.randint(3, 12) if work in ("3", "4") else 0,
                "medical_insurance": rng.random() < 0.97,
                "serious_illness_insurance": rng.random() < 0.9,
                "pension_insurance": age >= 16 and rng.random() < 0.85,
                "subsistence_allowance": False,
                "is_public_official": False,
                "phone": _phone(rng) if relation == "01" else "",
                "sort_order": order,
                "active": True,
                "joined_on": None,
                "left_on": None,
                "left_reason": "",
            }
        )
    return rows


def generate_demo(
    session: Session,
    *,
    households: int,
    villages: int | None = None,
    seed: int = 1,
    operator: str = "演示",
    device_id: str = "",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> DemoResult:
    """Add a demo county with ``households`` households spread over ``villages`` villages.

    ``progress`` raises :class:`~desktop_app.services.progress.Cancelled` when the user cancels; the
    caller's unit of work then rolls back (nothing written).
    Deterministic: the same seed (and ``now``, the creation time stamped on every row; default the current
    time) gives the same rows, ids included. Ids come from their own seeded generator, so the data drawn
    from ``rng`` do not depend on how many ids were made.
    """
    if households < 1:
        raise ValueError("households must be at least 1")
    if session.execute(select(col(Area.id)).where(col(Area.code) == DEMO_COUNTY_CODE)).first():
        raise DemoExists("演示县已存在于此数据库中；请使用新的数据库文件。")
    rng = random.Random(seed)
    villages = villages or max(1, min(households, round(households / 250)))
    villages = min(villages, households)
    per_township = 10
    townships = (villages + per_township - 1) // per_township
    now = now or utcnow()
    new_id = SortedIds(random.Random(seed * 104_729 + 17))
    sync = {"created_at": now, "updated_at": now, "version": 1, "device_id": device_id, "deleted": False}

    areas: list[dict[str, Any]] = []
    county_id = new_id()
    areas.append({"id": county_id, "code": DEMO_COUNTY_CODE, "name": "示范县", "level": "county", "parent_id": None})
    village_ids: list[str] = []
    village_codes: list[str] = []
    groups_of: dict[str, list[str]] = {}
    for t in range(townships):
        township_id = new_id()
        t_code = f"{DEMO_REGION}{t + 1:03d}000"
        t_name = TOWNSHIP_NAMES[t % len(TOWNSHIP_NAMES)] + ("镇" if t % 3 == 0 else "乡")
        if t >= len(TOWNSHIP_NAMES):
            t_name = f"{t_name[:-1]}{t // len(TOWNSHIP_NAMES) + 1}{t_name[-1]}"
        areas.append({"id": township_id, "code": t_code, "name": t_name, "level": "township", "parent_id": county_id})
        for v in range(min(per_township, villages - t * per_township)):
            village_id = new_id()
            v_code = f"{DEMO_REGION}{t + 1:03d}{v + 1:03d}"
            word = VILLAGE_WORDS[(t * per_township + v) % len(VILLAGE_WORDS)]
            areas.append(
                {"id": village_id, "code": v_code, "name": f"{word}村", "level": "village", "parent_id": township_id}
            )
            village_ids.append(village_id)
            village_codes.append(v_code)
            groups_of[village_id] = []
            for g in range(rng.randint(4, 9)):
                group_id = new_id()
                areas.append(
                    {
                        "id": group_id,
                        "code": f"{v_code}{g + 1:03d}",
                        "name": f"第{g + 1}村民小组",
                        "level": "group",
                        "parent_id": village_id,
                    }
                )
                groups_of[village_id].append(group_id)

    cadre_count = max(1, households // 3)
    cadres = [
        {
            "id": new_id(),
            "name": _name(rng, rng.choice(SURNAMES), rng.random() < 0.6),
            "unit": rng.choice(UNITS),
            "title": _weighted(rng, (("领导", 1), ("中层", 2), ("干部", 7))),
            "phone": _phone(rng),
            "note": "",
        }
        for _ in range(cadre_count)
    ]

    used_ids: set[str] = set()
    people = _People(rng, used_ids)
    household_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    measure_rows: list[dict[str, Any]] = []
    log_rows: list[dict[str, Any]] = []
    seq_in_village = [0] * len(village_ids)
    conn = session.connection()

    def write(table: Any, rows: list[dict[str, Any]], *, synced: bool = True) -> None:
        if rows:
            conn.execute(table_of(table).insert(), [{**sync, **row} for row in rows] if synced else rows)
            rows.clear()

    def flush() -> None:
        write(Household, household_rows)
        write(Member, member_rows)
        write(Measure, measure_rows)
        write(ChangeLog, log_rows, synced=False)

    cadre_ids = [row["id"] for row in cadres]
    write(Area, areas)
    write(Cadre, cadres)
    members_total = measures_total = 0
    for i in range(households):
        if i % 2000 == 0 and i:
            members_total += len(member_rows)
            measures_total += len(measure_rows)
            flush()
            if progress is not None:
                progress(i, households)
        v_index = i * len(village_ids) // households
        village_id = village_ids[v_index]
        seq_in_village[v_index] += 1
        hid = new_id()
        size = _weighted(rng, (("1", 8), ("2", 18), ("3", 24), ("4", 24), ("5", 15), ("6", 7), ("7", 4)))
        members = _member_rows(rng, people, hid, int(size), new_id)
        stage = _weighted(rng, tuple((s, float(w)) for s, w in STAGES))
        registered = stage in REGISTERED_STAGES
        if stage == "exited":
            status = "3"
        elif stage in ("exit_proposed", "exit_verified", "exit_acknowledged", "exit_announced"):
            status = "2"
        elif registered:
            status = _weighted(rng, (("1", 8), ("4", 1)))
        else:
            status = "1"
        factor = rng.lognormvariate(0, 0.35) * (1.35 if status in ("2", "3") else 0.85)
        per_capita_target = int(DEMO_LINE_FEN * factor)
        total = per_capita_target * len(members)
        costs = int(total * rng.uniform(0.05, 0.2))
        wage = int((total + costs) * rng.uniform(0.2, 0.6))
        transfer = int((total + costs) * rng.uniform(0.1, 0.3))
        prop = int((total + costs) * rng.uniform(0, 0.05))
        business = total + costs - wage - transfer - prop
        income = Income(wage=wage, business=business, property=prop, transfer=transfer, costs=costs)
        sick = any(m["health"] in ("3", "4") for m in members)
        students = any(m["school_status"] not in ("1", None) for m in members)
        main_cause = (
            "01"
            if sick and rng.random() < 0.6
            else "03"
            if students and rng.random() < 0.4
            else _weighted(
                rng,
                (("07", 4), ("08", 3), ("09", 4), ("05", 2), ("06", 1), ("10", 1), ("11", 1), ("04", 1), ("12", 0.5)),
            )
        )
        attribute = _weighted(rng, (("1", 7), ("2", 2.5), ("3", 0.5)))
        if attribute == "2":
            for m in members:
                m["subsistence_allowance"] = True
        id_year = rng.choice((2014, 2015, 2016, 2017, 2018)) if registered else None
        grade = _weighted(rng, (("A", 3), ("B", 5), ("C", 1.5), ("D", 0.5)))
        head = members[0]
        household_rows.append(
            {
                "id": hid,
                "village_id": village_id,
                "group_id": rng.choice(groups_of[village_id]),
                "number": f"{village_codes[v_index]}{seq_in_village[v_index]:04d}",
                "head_name": head["name"],
                "address": f"{rng.choice(STREETS)}{rng.randint(1, 120)}号",
                "phone": head["phone"],
                "bank_name": "农村信用合作社",
                "bank_account": "6217" + "".join(rng.choice("0123456789") for _ in range(15)),
                "attribute": attribute,
                "standard": "1",
                "identification_year": id_year,
                "stage": stage,
                "status": status,
                "exit_year": rng.choice((2017, 2018, 2019)) if status == "3" else None,
                "main_cause": main_cause,
                "other_causes": "",
                "size": len(members),
                "arable_land_mu": round(rng.uniform(0.5, 8), 1),
                "forest_land_mu": round(rng.uniform(0, 15), 1),
                "grassland_mu": round(rng.uniform(0, 3), 1),
                "housing_area_m2": rng.randint(30, 160),
                "housing_grade": grade,
                "safe_water": rng.random() < 0.92,
                "electricity": rng.random() < 0.99,
                "road_distance_km": round(rng.uniform(0, 5), 1),
                "road_type": _weighted(rng, (("1", 2), ("2", 3), ("3", 5))),
                "livestock": rng.choice(("", "猪2头", "牛1头", "鸡10只", "羊5只", "猪1头、鸡6只")),
                "income_year": DEMO_YEAR,
                "income_wage_fen": wage,
                "income_business_fen": business,
                "income_property_fen": prop,
                "income_transfer_fen": transfer,
                "production_costs_fen": costs,
                "per_capita_income_fen": per_capita_net(income, len(members)),
                "medical_expense_fen": rng.randint(50_000, 3_000_000) if sick else 0,
                "disaster_loss_fen": rng.randint(100_000, 2_000_000) if main_cause == "04" else 0,
                "food_ok": True,
                "clothing_ok": True,
                "education_ok": not students or rng.random() < 0.95,
                "medical_ok": rng.random() < 0.95,
                "housing_ok": grade in ("A", "B"),
                "guarantee_notes": {},
                "checklist_answers": {},
                "cadre_id": cadre_ids[i % cadre_count] if registered else None,
                "note": "",
                "conflict": False,
            }
        )
        member_rows.extend(members)
        if registered:
            for _ in range(rng.randint(1, 3)):
                year = rng.choice((2017, 2018, 2019))
                mtype = _weighted(
                    rng,
                    (
                        ("01", 5),
                        ("02", 2),
                        ("03", 2),
                        ("04", 2),
                        ("06", 1),
                        ("07", 2),
                        ("08", 2),
                        ("09", 1),
                        ("10", 1),
                        ("11", 0.5),
                    ),
                )
                start = date(year, rng.randint(1, 10), rng.randint(1, 28))
                measure_rows.append(
                    {
                        "id": new_id(),
                        "household_id": hid,
                        "year": year,
                        "type": mtype,
                        "content": {
                            "01": "发放种苗、仔猪扶持",
                            "02": "扶贫小额信贷 5 万元，三年期，财政贴息",
                            "03": "推荐外出务工",
                            "04": "雨露计划技能培训",
                        }.get(mtype, "按政策落实帮扶"),
                        "amount_fen": rng.choice((300_000, 500_000, 1_000_000, 5_000_000))
                        if mtype in ("01", "02")
                        else rng.randint(0, 300_000),
                        "funds_source": rng.choice(("财政专项扶贫资金", "行业部门资金", "社会帮扶")),
                        "start_date": start,
                        "end_date": start + timedelta(days=rng.randint(30, 1000)),
                        "result": "",
                        "delivered": rng.random() < 0.8,
                    }
                )
        for log in audit.log_rows(
            entity="household",
            entity_id=hid,
            household_id=hid,
            action="create",
            operator=operator,
            device_id=device_id,
            at=now,
            audit_entry=session.info.get("audit_entry"),
        ):
            log_rows.append({**log, "id": new_id()})

    members_total += len(member_rows)
    measures_total += len(measure_rows)
    flush()
    history.add_procedure_history(  # through the module: bench/bench_procedure_demo.py measures it by replacing it
        session, seed=seed, operator=operator, device_id=device_id, village_ids=village_ids, now=now
    )
    refresh_search_index(session)  # all households: the demo county is new in this transaction
    if progress is not None:
        progress(households, households)
    return DemoResult(
        households=households,
        members=members_total,
        villages=len(village_ids),
        townships=townships,
        cadres=cadre_count,
        measures=measures_total,
    )


def load_demo(
    db: Database,
    *,
    households: int,
    villages: int | None = None,
    seed: int = 1,
    operator: str = "演示",
    device_id: str = "",
    progress: Progress | None = None,
    now: datetime | None = None,
    monitoring: bool = False,
) -> DemoResult:
    """:func:`generate_demo` as one unit of work (``demo.generate``): all of the county, or nothing when the
    user cancels (:class:`~desktop_app.services.progress.Cancelled`) or the database already has it.

    With ``monitoring`` the county's first villages then get monitored households at every step
    (:func:`desktop_app.services.demo.monitoring.add_monitoring_demo`, dated around ``now``'s day)."""
    if monitoring:  # each monitoring step is signed: refuse before anything is written
        require_signature({"identity": db.identity}, "生成防止返贫监测演示数据")
    with writing(db, "demo.generate") as work:
        result = generate_demo(
            work.session,
            households=households,
            villages=villages,
            seed=seed,
            operator=operator,
            device_id=device_id,
            progress=progress,
            now=now,
        )
        work.touch(everything=True)  # Core inserts: the screens reload
    if monitoring:
        from desktop_app.services.demo.monitoring import add_monitoring_demo

        result.monitored = len(add_monitoring_demo(db, today=(now or datetime.now()).date(), seed=seed).households)
    return result
