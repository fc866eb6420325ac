"""The demo's hand-entered roster, pairings, contacts and visits (see ``assist_scenes``), through part A's use cases.

A roster of cadres of every rank (one left the work team last spring); each household the county's rules say
must be covered gets a cadre within the cadre's limit, but two are left without one; one household was
re-paired in 2024 (its first cadre's pairing is kept as history); the monitored households get a monitoring
contact person from the work team; a section chief who looks after two households is re-ranked a general cadre
(limit 1), so the coverage check finds a cadre over the limit. Visits of this year: from none to five per
pairing, the first with photos, so the visit check finds pairings below the county's minimum.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.services.assistance import (
    CadreInput,
    VisitInput,
    add_cadre,
    add_visit,
    household_pairings,
    must_cover,
    pair,
    pairing_rules,
    update_cadre,
)
from desktop_app.services.demo.assist_desk import Desk
from desktop_app.services.unit_of_work import reading

# name, sex, rank (cadre_rank), unit, title
ROSTER = (
    ("杨建华", "1", "1", "县人民政府", "副县长"),
    ("李志刚", "1", "2", "县农业农村局", "副局长"),
    ("张丽萍", "2", "2", "县教育局", "科长"),
    ("王文强", "1", "3", "县财政局", "科员"),
    ("陈晓燕", "2", "3", "县卫生健康局", "科员"),
    ("周建伟", "1", "3", "县人社局", "科员"),
    ("赵敏", "2", "4", "县林草局", "驻村工作队员"),
    ("刘海波", "1", "4", "县农业农村局", "驻村第一书记"),
    ("孙红梅", "2", "4", "县住建局", "驻村工作队员"),
    ("吴国庆", "1", "4", "县水务局", "驻村工作队员"),
    ("郑鹏飞", "1", "4", "县交通运输局", "驻村工作队员"),
    ("马云龙", "1", "4", "县供销社", "驻村工作队员"),
    ("和永福", "1", "5", "村民委员会", "村委会主任"),
    ("杨秀英", "2", "5", "村民委员会", "村妇联主席"),
    ("段文华", "1", "3", "县交通运输局", "科员"),  # left the work team: cannot be paired any more
)
FOUND = (
    "家中生产生活正常，仔猪长势良好",
    "了解外出务工收入，工资按月发放",
    "核实医疗报销，慢病卡已办理",
    "宣传小额信贷政策",
)
AGREED = ("继续落实产业奖补", "下月回访务工情况", "协助申请医疗救助", "帮助联系农技员")


def cadres_and_pairings(desk: Desk) -> None:
    today = desk.today
    ids: dict[str, str] = {}
    for index, (name, sex, rank, unit, title) in enumerate(ROSTER):
        left = name == "段文华"
        entry = CadreInput(
            name=name,
            sex=sex,
            unit=unit,
            rank=rank,
            title=title,
            phone=f"1398700{index + 1:04d}",
            started_on=date(2019, 3, 1),
            ended_on=date(today.year, 4, 30) if left else None,
        )
        ids[name] = add_cadre(desk.db, entry)
        desk.count("cadres")
    limits = {str(k): int(v) for k, v in pairing_rules(desk.db)["limits"].items()}
    slots = [ids[name] for name, _s, rank, _u, _t in ROSTER[:-1] for _ in range(limits.get(rank) or 1)]
    with reading(desk.db) as session:
        cover = must_cover(session, desk.village_id)
    homes = [h for h in desk.homes if h.id in cover]
    for n, home in enumerate(homes):
        if n in (2, 7):  # left without a cadre: the coverage check lists them
            continue
        started = date(2021 + n % 4, 3, 1)
        if n == 0:  # paired with 段文华 first; re-paired when he went back to his bureau
            pair(desk.db, home.id, ids["段文华"], started_on=date(2021, 3, 1), note="首次结对")
            started = date(2024, 6, 1)
            desk.count("pairings")
        if slots:
            pair(desk.db, home.id, slots.pop(0), started_on=started)
            desk.count("pairings")
        if home.monitored and slots:
            pair(desk.db, home.id, slots.pop(), role="2", started_on=today - timedelta(days=30 + n))
            desk.count("contacts")
    name, sex, _rank, unit, title = ROSTER[2]  # 张丽萍 (section chief, 2 households) becomes a general cadre
    again = CadreInput(
        name=name,
        sex=sex,
        unit=unit,
        rank="3",
        title="科员",
        phone="13987000003",
        started_on=date(2019, 3, 1),
        note=f"原{title}，职务调整",
    )
    update_cadre(desk.db, ids[name], again)


def visits(desk: Desk) -> None:
    """This year's visits of each household's cadre: 5, 4, 3, 2, 1, 0 in turn, the first with two photos."""
    today = desk.today
    for n, home in enumerate(desk.homes):
        current = [p for p in household_pairings(desk.db, home.id, on=today) if p.current and p.role == "1"]
        if not current:
            continue
        for k in range(5 - n % 6):
            on = min(today, date(today.year, 1 + (k * 11 + n) % max(1, today.month), 8 + k))
            photos = [desk.photo(), desk.photo()] if k == 0 else []
            entry = VisitInput(
                household_id=home.id,
                cadre_id=current[0].cadre_id,
                visited_on=on,
                found=FOUND[(n + k) % 4],
                agreed=AGREED[(n + k) % 4],
                photos=photos,
            )
            add_visit(desk.db, entry, today=today)
            desk.count("visits")
