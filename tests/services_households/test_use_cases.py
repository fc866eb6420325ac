"""The use cases the front ends call, on SQLite and PostgreSQL: each reads one snapshot or writes one unit of
work, tells the screens what changed, and writes nothing when it refuses or is cancelled."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.domain.errors import DomainError
from desktop_app.domain.idnumber import make_id
from desktop_app.services import Cancelled, Changes, Progress, settings, subscribe
from desktop_app.services import households as hh
from desktop_app.services.areas import AreaInput, area_by_code, set_up_areas
from desktop_app.services.demo import load_demo
from desktop_app.services.integrity import check_of, stats_of
from desktop_app.storage.models import Area, Household


def _count(db, model) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def _card(db, village_id: str) -> hh.HouseholdForm:
    form = hh.open_card(db, None, village_id=village_id).form
    form.members = [
        hh.MemberForm(name="周国强", id_number=make_id("530102", date(1966, 1, 2), 11), relation="01"),
        hh.MemberForm(name="孙丽", id_number=make_id("530102", date(1969, 9, 8), 22), relation="02"),
    ]
    form.income_year = 2019
    form.income_wage_fen = 600_000
    return form


def test_a_cancelled_demo_writes_nothing(db) -> None:
    calls: list[int] = []

    def stop_after_first(done: int, total: int, _text: str) -> bool:
        calls.append(done)
        return False  # the person pressed Cancel

    with pytest.raises(Cancelled):
        load_demo(db, households=4001, villages=2, progress=Progress(stop_after_first))
    assert calls == [2000]
    assert _count(db, Household) == 0 and _count(db, Area) == 0


def test_saving_a_card_tells_the_screens_which_household_changed(db) -> None:
    load_demo(db, households=3, villages=1, seed=4)
    village = area_by_code(db, "532999001001")
    assert village is not None and village.level == "village"
    heard: list[Changes] = []
    unsubscribe = subscribe(db, heard.append)
    try:
        household_id = hh.save_card(db, _card(db, village.id))
    finally:
        unsubscribe()
    assert len(heard) == 1 and household_id in heard[0].households
    card = hh.open_card(db, household_id)
    assert (card.form.head_name, len(card.form.members)) == ("周国强", 2)
    assert card.history and card.groups and card.lines
    found = hh.household_by_number(db, card.form.number)
    assert found is not None and found.id == household_id and found.head_name == "周国强"
    assert hh.members_named(db, household_id, "孙丽") == [card.form.members[1].id]
    assert hh.members_named(db, household_id, make_id("530102", date(1966, 1, 2), 11)) == [card.form.members[0].id]


def test_a_refused_card_writes_nothing_and_names_the_problem(db) -> None:
    load_demo(db, households=2, villages=1, seed=4)
    village = area_by_code(db, "532999001001")
    assert village is not None
    form = _card(db, village.id)
    form.members[1].id_number = "53010219690908002"  # one digit short
    before = _count(db, Household)
    problems = hh.check_card(db, form)
    assert [p.field for p in problems] == ["id_number"]
    with pytest.raises(hh.HouseholdInvalid):
        hh.save_card(db, form)
    assert _count(db, Household) == before


def test_the_household_actions_run_as_use_cases(db) -> None:
    load_demo(db, households=2, villages=1, seed=4)
    village = area_by_code(db, "532999001001")
    assert village is not None
    household_id = hh.save_card(db, _card(db, village.id))
    facts = hh.action_facts(db, household_id)
    assert facts.label.startswith("周国强")
    with pytest.raises(DomainError):
        hh.remove_household(db, household_id, reason="  ")  # a reason is required
    spouse = hh.members_named(db, household_id, "孙丽")
    split = hh.split_household(db, household_id, member_ids=spouse, new_head_id=spouse[0], reason="分户")
    assert hh.load_card(db, split.household_id).head_name == "孙丽"
    assert hh.load_card(db, household_id).members[0].name == "周国强"
    hh.merge_households(db, household_id, split.household_id, reason="合户")
    assert hh.household_by_number(db, split.number) is None
    hh.remove_household(db, household_id, reason="误建")
    assert hh.household_by_number(db, facts.label.split("（")[1].rstrip("）")) is None


def test_first_run_areas_and_bad_codes(db) -> None:
    with pytest.raises(DomainError):
        set_up_areas(
            db,
            county=AreaInput("532930000000", "洱源县"),
            township=AreaInput("532930100000", "茈碧湖镇"),
            village=AreaInput("12345", "和平村"),
        )
    assert _count(db, Area) == 0
    village_id = set_up_areas(
        db,
        county=AreaInput("532930000000", "洱源县"),
        township=AreaInput("532930100000", "茈碧湖镇"),
        village=AreaInput("532930100001", "和平村"),
        groups=3,
    )
    assert _count(db, Area) == 6
    group = area_by_code(db, "532930100001002")
    assert group is not None and group.village_and_group == (village_id, group.id)


def test_settings_are_read_and_a_refused_value_writes_nothing(db) -> None:
    values = settings.settings_values(db)
    assert values["print.village_body"] == "{村名}村民委员会"
    with pytest.raises(DomainError):
        settings.save_settings(db, {"print.contact_phone": "x" * 500})
    assert settings.settings_values(db)["print.contact_phone"] == values["print.contact_phone"]
    settings.save_settings(db, {"print.contact_phone": "0872-5123456"})
    assert settings.print_defaults_of(db).contact_phone == "0872-5123456"


def test_stats_and_check_of_a_demo_county(db) -> None:
    load_demo(db, households=30, villages=2, seed=9)
    stats = stats_of(db)
    assert stats["households"] == 30 and len(stats["by_village"]) == 2
    report = check_of(db)
    assert report.ok, [p.message for p in report.problems]
