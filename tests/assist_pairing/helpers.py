"""A village with households at several stages, cadres of several ranks, and monitoring cases (real SQLite)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.services import open_database
from desktop_app.services.assistance import CadreInput, add_cadre
from tests.monitor_help.helpers import add_case, make_household, make_village

VILLAGE = "532999001001"
__all__ = ["VILLAGE", "add_case", "cadre", "county", "make_household", "make_village"]


def county(path: Path, stages: tuple[str, ...] = ("registered", "exited", "applied")) -> tuple[Any, str, list[str]]:
    """A database with one village and a household per stage (numbers …0001, …0002, …)."""
    db = open_database(path, operator="王队长", device_id="t")
    with db.transaction() as s:
        vid = make_village(s, VILLAGE)
        hids = [
            make_household(s, vid, f"{VILLAGE}{i + 1:04d}", f"户主{i + 1}", seq=i, stage=st)
            for i, st in enumerate(stages)
        ]
    return db, vid, hids


def cadre(db: Any, name: str, rank: str = "3", **kw: Any) -> str:
    values: dict[str, Any] = {"unit": "县农业农村局", "phone": "13800000000", "started_on": date(2020, 1, 1)} | kw
    return add_cadre(db, CadreInput(name=name, rank=rank, **values))
