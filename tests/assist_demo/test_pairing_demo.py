"""The demo's roster, pairings, contacts and visits, found through part A's own functions."""

from __future__ import annotations

from tests.assist_demo.conftest import TODAY, Demo


def test_the_coverage_check_finds_uncovered_households_and_a_cadre_over_the_limit(demo: Demo) -> None:
    from desktop_app.services.assistance import coverage_check

    coverage = coverage_check(demo.db, on=TODAY)
    assert coverage.must_cover > 50
    assert 2 <= len(coverage.uncovered) < coverage.must_cover // 10  # most households are covered, some not
    assert {u.reason for u in coverage.uncovered} <= {"无帮扶责任人", "监测户无监测联系人"}
    over = {o.cadre: o for o in coverage.over_limit}
    assert over["张丽萍"].rank == "一般干部" and (over["张丽萍"].households, over["张丽萍"].limit) == (2, 1)


def test_every_rank_is_on_the_roster_and_the_cadre_who_left_keeps_his_history(demo: Demo) -> None:
    from desktop_app.services.assistance import cadre_list, household_pairings

    roster = cadre_list(demo.db, on=TODAY)
    assert {"县处级领导", "科级领导", "一般干部", "驻村工作队员", "村干部"} <= {c.rank_label for c in roster}
    left = next(c for c in roster if c.name == "段文华")
    assert left.ended_on is not None and left.ended_on < TODAY and left.households == 0
    history = [
        p for c in roster if c.name == "段文华" for p in household_pairings(demo.db, _first_covered(demo), on=TODAY)
    ]
    assert [p.cadre for p in history if not p.current] == ["段文华"]
    assert any(p.current and p.role == "1" for p in history)


def test_the_monitored_households_have_their_contact_person(demo: Demo) -> None:
    from desktop_app.services.assistance import household_pairings, must_cover
    from desktop_app.services.monitoring import case_list
    from desktop_app.services.unit_of_work import reading

    with reading(demo.db) as session:
        cover = must_cover(session)
    monitored = {r.household_id for r in case_list(demo.db, today=TODAY) if r.included is not None} & cover
    assert len(monitored) >= 5
    contacts = [p for h in monitored for p in household_pairings(demo.db, h, on=TODAY) if p.role == "2" and p.current]
    assert len(contacts) >= len(monitored) // 2
    assert {p.role_label for p in contacts} == {"监测联系人"}


def test_the_visit_check_finds_pairings_below_the_minimum_and_visits_keep_their_photos(demo: Demo) -> None:
    from desktop_app.services.assistance import household_visits, visit_check

    short = [s for s in visit_check(demo.db, TODAY.year) if s.role == "1"]
    assert short and all(s.visits < s.minimum == 4 for s in short)
    visits = household_visits(demo.db, _first_covered(demo))
    assert visits and sum(len(v.photos) for v in visits) == 2  # the first visit of the year has two photos


def _first_covered(demo: Demo) -> str:
    """The first household the work team paired (re-paired in 2024)."""
    from desktop_app.services.assistance import household_pairings
    from desktop_app.services.demo.assistance import _first_households

    _village, _name, ids = _first_households(demo.db, 40)
    return next(h for h in ids if len(household_pairings(demo.db, h, on=TODAY)) >= 2)
