"""A clue for a household not on file makes its card: that needs the right to save cards, and an account bound
to a village may do it only in its own village. A refusal writes nothing: no card, no case."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.idnumber import make_id
from desktop_app.services import PermissionDenied, open_database
from desktop_app.services import accounts as acc
from desktop_app.services.households import HouseholdFilter, count_households, household_by_number
from desktop_app.services.monitoring import NewHousehold, case_list, open_clue
from tests.accounts.conftest import ADMIN, ADMIN_PW, cheap_argon2, county, open_as  # noqa: F401  (fixtures)

DAY = date(2026, 3, 20)
RIVER, HILL = "532300100201", "532300200201"


def _clue(db: Any, village_code: str, name: str) -> Any:
    new = NewHousehold(village_code=village_code, head_name=name, head_id_number=make_id("532301", date(1975, 5, 5), 7))
    return open_clue(db, "", source="3", found=DAY - timedelta(days=1), risks=["01"], today=DAY, new_household=new)


def _count(db: Any) -> int:
    return count_households(db, HouseholdFilter())


def test_an_account_of_one_village_opens_new_cards_only_there(county: dict[str, Any], tmp_path: Path) -> None:  # noqa: F811
    admin = open_database(county["path"], device_id="test-device", user=ADMIN, password=ADMIN_PW)
    acc.add_user(admin, "周村干", "member", password="initial-pw-1", area_code=RIVER)
    admin.close()
    cadre = open_database(county["path"], device_id="test-device", user="周村干", password="initial-pw-1")
    acc.change_password(cadre, "initial-pw-1", "river-pass-1")
    before = _count(cadre)
    with pytest.raises(PermissionDenied, match="山后村"):
        _clue(cadre, HILL, "外村人")
    assert _count(cadre) == before and case_list(cadre, today=DAY) == []  # no card, no case
    row = _clue(cadre, RIVER, "本村人")
    assert row.head_name == "本村人" and row.village_code == RIVER and row.stage == "clue"
    assert household_by_number(cadre, row.household_number) is not None
    cadre.close()


def test_a_role_that_may_not_save_cards_cannot_make_one_through_a_clue(open_as: Any) -> None:  # noqa: F811
    admin = open_as("county_admin")
    acc.set_permission(admin, "member", "household.save", False)
    member = open_as("member")
    before = _count(member)
    with pytest.raises(PermissionDenied):
        _clue(member, RIVER, "新来户")
    assert _count(member) == before and case_list(member, today=DAY) == []
