"""The county-wide coverage check is answered by the database (``pairing_sql``): the same findings on SQLite
and PostgreSQL, for every way a household can be linked on a day, county-wide and for one village."""

from __future__ import annotations

from datetime import date

from desktop_app.services.assistance import coverage_check, end_pairing, pair
from desktop_app.storage.models import Area, Household
from desktop_app.storage.models_monitoring import MonitoringCase
from tests.assist_pairing.helpers import VILLAGE, add_case, cadre, make_household, make_village

DAY = date(2025, 6, 1)


def test_every_kind_of_link_counts_alike_on_both_databases(db) -> None:
    with db.transaction() as s:
        vid = make_village(s, VILLAGE)
        other = Area(code="532999001002", name="团结村", level="village", parent_id=s.get(Area, vid).parent_id)
        s.add(other)
        s.flush()
        numbers = [f"{VILLAGE}{i:04d}" for i in range(1, 8)]
        hids = [make_household(s, vid, n, f"户主{i}", seq=i, stage="registered") for i, n in enumerate(numbers)]
        far = make_household(s, other.id, "5329990010020001", "远户", seq=9, stage="registered")
        applied = make_household(s, vid, f"{VILLAGE}0099", "申请户", seq=10, stage="applied")
        monitored = add_case(s, hids[5], found=date(2024, 5, 1), included=date(2024, 6, 1))
        named = add_case(s, hids[6], found=date(2024, 5, 1), included=date(2024, 6, 1))
        s.get(MonitoringCase, named).contact_name = "村联络员"
        s.get(MonitoringCase, monitored).contact_name = ""
    zhang = cadre(db, "张三", "3")  # limit 1 (the shipped rules): over it with two households
    li = cadre(db, "李四", "1")
    gone = cadre(db, "王五", "1", ended_on=date(2025, 3, 31))  # left the roster before the day
    later = cadre(db, "赵六", "1")
    pair(db, hids[0], zhang, started_on=date(2024, 1, 1))  # an open pairing row
    pair(db, far, zhang, started_on=date(2024, 1, 1))  # … and one in the other village
    with db.transaction() as s:  # a card naming a cadre without a pairing row: an implicit pairing
        s.get(Household, hids[1]).cadre_id = li
        s.get(Household, hids[2]).cadre_id = gone  # implicit, but the cadre no longer serves
    ended = pair(db, hids[3], li, started_on=date(2024, 1, 1))
    end_pairing(db, ended, date(2025, 12, 31), "任期届满")  # ended, but still covering the day
    pair(db, hids[4], later, started_on=date(2025, 7, 1))  # starts after the day
    pair(db, applied, li, started_on=date(2024, 1, 1))  # not a stage that must be covered
    pair(db, hids[5], li, started_on=date(2024, 1, 1))  # the monitored household has a cadre, no contact

    found = coverage_check(db, on=DAY)
    assert [(r.number, r.reason) for r in found.uncovered] == [
        (numbers[2], "无帮扶责任人"),
        (numbers[4], "无帮扶责任人"),
        (numbers[5], "监测户无监测联系人"),
        (numbers[6], "无帮扶责任人"),
    ]
    assert [(r.cadre, r.rank, r.households, r.limit) for r in found.over_limit] == [
        ("张三", "一般干部", 2, 1),
        ("李四", "县处级领导", 4, 3),  # any household counts towards the load, an applying one too
    ]
    assert found.must_cover == 8  # seven of the village and the far one; not the applying household

    in_other = coverage_check(db, other.id, on=DAY)
    assert in_other.uncovered == [] and in_other.must_cover == 1
    assert [(r.cadre, r.households) for r in in_other.over_limit] == [("张三", 2)]  # counted county-wide; not 李四
    later_on = coverage_check(db, on=date(2026, 1, 2))  # the ended pairing no longer covers; 赵六 has begun
    assert [r.number for r in later_on.uncovered if r.reason == "无帮扶责任人"] == [
        numbers[2],
        numbers[3],
        numbers[6],
    ]
