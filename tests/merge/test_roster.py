"""County rosters: people matched by resident ID, households by number, values merged one-sidedly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import DomainError
from desktop_app.domain.idnumber import make_id
from desktop_app.services.exchange.roster_merge import RosterPerson, apply_roster
from desktop_app.storage.models import Household, Member
from tests.merge.helpers import clone, content, make_base


def _apply(db, people):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return apply_roster(session, people, source_label="县花名册.xlsx")


def test_a_roster_fills_blanks_adds_people_and_households_and_asks_about_differences(tmp_path: Path) -> None:
    db = clone(make_base(tmp_path / "base.sqlite", households=2, seed=4), tmp_path / "v.sqlite", "village")
    with db.transaction() as session:
        home = session.execute(select(Household).order_by(Household.number)).scalars().first()
        person = (
            session.execute(select(Member).where(Member.household_id == home.id).order_by(Member.sort_order))
            .scalars()
            .first()
        )
        person.phone = ""
        number, village_id, member_id, id_number = home.number, home.village_id, person.id, person.id_number
        other_name = "不同的名字" if person.name != "不同的名字" else "又一个名字"
    newborn_id = make_id("532999", date(2024, 1, 1), 3)
    stranger_id = make_id("532999", date(1980, 1, 1), 5)
    roster = [
        RosterPerson(number, id_number, {"name": other_name, "phone": "13812345678"}),
        RosterPerson(number, newborn_id, {"name": "新生儿", "relation": "05", "sex": "1"}),
        RosterPerson(
            "5329990019999999", stranger_id, {"name": "外来户主", "relation": "01"}, {"village_id": village_id}
        ),
    ]
    first = _apply(db, roster)
    assert first.table("member").added == 2 and first.table("household").added == 1
    assert [(c.record_id, c.field) for c in first.conflicts] == [(member_id, "name")]
    with db.session() as session:
        kept = session.get(Member, member_id)
        assert kept.phone == "13812345678" and kept.name != other_name  # blank filled; the difference waits
        new_home = session.execute(select(Household).where(Household.number == "5329990019999999")).scalar_one()
        assert (new_home.size, new_home.head_name) == (1, "外来户主")
        assert session.execute(select(Member).where(Member.id_number == newborn_id)).scalar_one().household_id == (
            session.execute(select(Household.id).where(Household.number == number)).scalar_one()
        )
    state = content(db)
    again = _apply(db, roster)
    assert not again.changed and content(db) == state  # the same roster twice changes nothing

    # the next roster changed the phone; this database kept the previous roster's phone: applied
    roster[0] = RosterPerson(number, id_number, {"name": other_name, "phone": "13900001111"})
    third = _apply(db, roster)
    assert not [c for c in third.conflicts if c.field == "phone"]
    with db.session() as session:
        assert session.get(Member, member_id).phone == "13900001111"


def test_a_person_listed_in_another_household_is_refused(tmp_path: Path) -> None:
    db = clone(make_base(tmp_path / "base.sqlite", households=2, seed=4), tmp_path / "v.sqlite", "village")
    with db.session() as session:
        homes = session.execute(select(Household).order_by(Household.number)).scalars().all()
        someone = session.execute(select(Member).where(Member.household_id == homes[0].id)).scalars().first()
    state = content(db)
    with pytest.raises(DomainError, match="已登记在另一户"):
        _apply(db, [RosterPerson(homes[1].number, someone.id_number, {"name": someone.name})])
    assert content(db) == state
