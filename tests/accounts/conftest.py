"""A county's database with accounts: the work area, the first administrator and one account per role.

Argon2 at the shipped parameters costs ~0.4 s per hash; these tests swap in cheap parameters (the hash's
own encoded parameters make both verify the same way) except where the shipped ones are the point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher, Type

from desktop_app.domain.idnumber import make_id
from desktop_app.services import Database, open_database
from desktop_app.services import accounts as acc
from desktop_app.services.accounts import passwords
from desktop_app.services.areas.registry import AreaInput, set_up_work_area
from desktop_app.services.households import records as hh

ID_RIVER = make_id("532301", date(1980, 1, 1), 12)
ID_HILL = make_id("532301", date(1990, 2, 2), 23)
ADMIN, ADMIN_PW = "王芳", "Admin-pass-2026"
PASSWORDS = {role: f"{role}-pass-1" for role in acc.ROLE_KEYS}
NAMES = {"member": "李强", "captain": "张书记", "township": "赵审核", "county_admin": ADMIN, "auditor": "孙审计"}


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID))
    monkeypatch.setattr(passwords, "_dummy_hash", None)


def set_up_areas(db: Database) -> dict[str, str]:
    with db.transaction() as session:
        set_up_work_area(
            session,
            county=AreaInput("532300000000", "禄丰县"),
            township=AreaInput("532300100000", "中村乡"),
            village=AreaInput("532300100201", "河边村"),
            groups=2,
        )
        set_up_work_area(
            session,
            county=AreaInput("532300000000", "禄丰县"),
            township=AreaInput("532300200000", "上村乡"),
            village=AreaInput("532300200201", "山后村"),
            groups=1,
        )
    from sqlalchemy import select

    from desktop_app.storage.models import Area

    with db.session() as session:
        return dict(session.execute(select(Area.name, Area.id)).all())  # type: ignore[arg-type]


def add_household(db: Database, village_id: str, members: list[tuple[str, str, str]]) -> str:
    with db.transaction() as session:
        form = hh.new_household_form(session, village_id, None)
        for name, id_number, relation in members:
            form.members.append(hh.MemberForm(name=name, id_number=id_number, relation=relation, ethnicity="01"))
        form.income_wage_fen = 600_000
        return hh.save_household(session, form)


@pytest.fixture
def county(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A database (file) with areas, households, the administrator and one ready account per role."""
    path = tmp_path / "county.sqlite"
    db = open_database(path, operator="测试员", device_id="test-device")
    areas = set_up_areas(db)
    homes = {
        "河边村": add_household(db, areas["河边村"], [("李大山", ID_RIVER, "01")]),
        "山后村": add_household(db, areas["山后村"], [("王小河", ID_HILL, "01")]),
    }
    code = acc.create_first_admin(db, ADMIN, "县扶贫办", ADMIN_PW)
    for role in acc.ROLE_KEYS:
        if role != "county_admin":
            acc.add_user(db, NAMES[role], role, password="initial-pw-1", unit="工作队")
    acc.sign_out(db)
    for role in acc.ROLE_KEYS:
        if role != "county_admin":
            acc.sign_in(db, NAMES[role], "initial-pw-1")
            acc.change_password(db, "initial-pw-1", PASSWORDS[role])
            acc.sign_out(db)
    PASSWORDS["county_admin"] = ADMIN_PW
    db.close()
    yield {"path": path, "areas": areas, "homes": homes, "recovery": code}


@pytest.fixture
def open_as(county: dict[str, Any]) -> Iterator[Callable[[str], Database]]:
    """``open_as(role)``: the county database opened and signed in as that role's account."""
    opened: list[Database] = []

    def open_(role: str) -> Database:
        db = open_database(county["path"], device_id="test-device", user=NAMES[role], password=PASSWORDS[role])
        opened.append(db)
        return db

    yield open_
    for db in opened:
        db.close()
