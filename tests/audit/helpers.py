"""A demo county worked on through the use cases (card saves, procedure steps, an export and an import), and
tampering with its closed file as an attacker with the sqlite3 shell would."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.domain.idnumber import make_id
from desktop_app.services import Database, households, open_database
from desktop_app.services.demo import load_demo
from desktop_app.services.procedure import perform_step, withdraw_step

START = date(2024, 3, 1)


def first_village(db: Database) -> str:
    from desktop_app.services.areas import area_tree

    nodes = [n for root in area_tree(db) for n in root.walk()]
    return next(n.id for n in nodes if n.level == "village")


def new_card(db: Database, village_id: str, name: str, day: int) -> str:
    form = households.open_card(db, None, village_id=village_id).form
    form.members = [
        households.MemberForm(name=name, id_number=make_id("530102", date(1968, 5, day), 11), relation="01")
    ]
    form.address = f"{name}家"
    return households.save_card(db, form)


def edit_card(db: Database, household_id: str, address: str) -> None:
    form = households.open_card(db, household_id).form
    form.address = address
    households.save_card(db, form)


def steps(db: Database, household_id: str) -> None:
    perform_step(db, household_id, "application", {"on_date": START, "applicant": "户主", "how": "self"}, today=START)
    withdraw_step(db, household_id, reason="日期录错", today=START)
    perform_step(db, household_id, "application", {"on_date": START, "applicant": "户主", "how": "self"}, today=START)


def worked_county(path: Path, *, device: str = "laptop-a", households_count: int = 300) -> Database:
    """``fupin demo --households N`` plus a new card, an edit, two procedure steps, an export and an import."""
    from desktop_app.services.exchange import export_to_file, import_files

    db = open_database(path, operator="王芳", device_id=device)
    load_demo(db, households=households_count, seed=3, operator="王芳", device_id=device)
    village = first_village(db)
    home = new_card(db, village, "杨光明", 6)
    edit_card(db, home, "村东头 1 号")
    steps(db, home)
    book = path.with_suffix(".xlsx")
    export_to_file(db, book)
    import_files(db, [book])
    return db


def shell(path: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    """What an attacker does with the sqlite3 shell: drop the append-only triggers, then edit."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
        for name in names:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
        conn.commit()
    finally:
        conn.close()


def query(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()
