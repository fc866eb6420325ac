"""The coverage check agrees with a count written plainly here, after any sequence of pairings and endings.

The test keeps its own book of who was paired with whom from when to when (from the calls it made that were
accepted), then counts uncovered households and cadres over their limit on a day by hand.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.assistance import AssistError
from desktop_app.services import open_database
from desktop_app.services.assistance import CadreInput, add_cadre, coverage_check, end_pairing, household_pairings, pair
from desktop_app.storage.models import Area, Household
from desktop_app.storage.models_monitoring import MonitoringCase
from tests.assist_pairing.helpers import VILLAGE, add_case, make_household, make_village

_runs = itertools.count()
STAGES = ["registered", "exited", "exit_proposed", "applied", "removed", "rejected"]
COVER = {"registered", "exited", "exit_proposed"}
LIMITS = {"1": 3, "2": 2, "3": 1, "4": 5, "5": 5, "9": 1}
START = date(2024, 1, 1)


def _setup(data, path):
    db = open_database(path, operator="测试员", device_id="p")
    n_households = data.draw(st.integers(3, 9))
    facts: dict[str, dict] = {}
    with db.transaction() as s:
        vid = make_village(s, VILLAGE)
        town = s.get(Area, vid).parent_id
        other = Area(code="532999001002", name="团结村", level="village", parent_id=town)
        s.add(other)
        s.flush()
        for i in range(n_households):
            village = data.draw(st.sampled_from([vid, other.id]))
            stage = data.draw(st.sampled_from(STAGES))
            hid = make_household(s, village, f"53299900100{i:05d}", f"户主{i}", seq=i, stage=stage)
            case = data.draw(st.sampled_from(["none", "included", "included_named", "removed"]))
            if case != "none":
                cid = add_case(s, hid, found=date(2023, 5, 1), included=date(2023, 6, 1))
                row = s.get(MonitoringCase, cid)
                row.stage = "removed" if case == "removed" else "included"
                row.contact_name = "村联络员" if case == "included_named" else ""
            facts[hid] = {"village": village, "stage": stage, "case": case, "number": f"53299900100{i:05d}"}
    cadres: dict[str, dict] = {}
    for j in range(data.draw(st.integers(1, 5))):
        rank = data.draw(st.sampled_from(list(LIMITS)))
        ended = data.draw(st.sampled_from([None, None, START + timedelta(days=data.draw(st.integers(0, 400)))]))
        cid = add_cadre(db, CadreInput(name=f"干部{j}", rank=rank, started_on=date(2020, 1, 1), ended_on=ended))
        cadres[cid] = {"rank": rank, "ended": ended}
    return db, vid, other.id, facts, cadres


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_coverage_check_agrees_with_a_plain_count(tmp_path, data) -> None:
    db, vid, other, facts, cadres = _setup(data, tmp_path / f"cover-{next(_runs)}.sqlite")
    hids, cids = list(facts), list(cadres)
    # the book: (household, role) -> list of [cadre, start, end]
    book: dict[tuple[str, str], list[list]] = {}
    for hid in hids:  # cards from before the ledger: a cadre on the card, no pairing row
        if data.draw(st.integers(0, 3)) == 0:
            cid = data.draw(st.sampled_from(cids))
            with db.transaction() as s:
                s.get(Household, hid).cadre_id = cid
            book[(hid, "1")] = [[cid, None, None]]
    day = START
    for _ in range(data.draw(st.integers(0, 25))):
        day += timedelta(days=data.draw(st.sampled_from([0, 1, 30, 90])))
        hid, role = data.draw(st.sampled_from(hids)), data.draw(st.sampled_from(["1", "2"]))
        entries = book.setdefault((hid, role), [])
        try:
            if data.draw(st.booleans()) or not entries or entries[-1][2] is not None:
                cid = data.draw(st.sampled_from(cids))
                pair(db, hid, cid, role=role, started_on=day)
                for entry in entries:
                    if entry[2] is None:
                        entry[2] = day - timedelta(days=1)
                entries.append([cid, day, None])
            else:
                current = [p for p in household_pairings(db, hid, on=day) if p.role == role and p.ended_on is None]
                end_pairing(db, current[0].id, day, "调离")
                entries[-1][2] = day
        except AssistError:
            continue
    on = START + timedelta(days=data.draw(st.integers(-30, 700)))

    def serving(cid: str) -> bool:
        ended = cadres[cid]["ended"]
        return ended is None or on <= ended

    def paired(hid: str, role: str) -> set[str]:
        found = set()
        for cid, start, end in book.get((hid, role), []):
            if (start is None or start <= on) and (end is None or on <= end) and serving(cid):
                found.add(cid)
        return found

    for village in (None, vid, other):
        mine = [h for h in hids if village is None or facts[h]["village"] == village]
        expected = set()
        for hid in mine:
            if facts[hid]["stage"] in COVER and not paired(hid, "1"):
                expected.add((facts[hid]["number"], "无帮扶责任人"))
            if facts[hid]["case"] == "included" and not paired(hid, "2"):
                expected.add((facts[hid]["number"], "监测户无监测联系人"))
        loads: dict[str, set[str]] = {}
        for hid in hids:
            for role in ("1", "2"):
                for cid in paired(hid, role):
                    loads.setdefault(cid, set()).add(hid)
        over = {
            (cid, len(load))
            for cid, load in loads.items()
            if len(load) > LIMITS[cadres[cid]["rank"]] and (village is None or load & set(mine))
        }
        found = coverage_check(db, village, on=on)
        assert {(r.number, r.reason) for r in found.uncovered} == expected
        assert {(r.cadre_id, r.households) for r in found.over_limit} == over
        assert all(r.limit == LIMITS[cadres[r.cadre_id]["rank"]] for r in found.over_limit)
    db.close()
