"""What the bulk assistance data (``assist_bulk``) shares: the county it reads, and a writer of full rows.

The bulk data is for county-size work (the benchmark ``bench/bench_assist.py``): rows go in with
``storage.bulk.bulk_insert`` in one transaction, without the per-row change log of a user's entry (like the demo
county itself and bench_monitor's cases). Small demo counties go through the ledgers' use cases instead
(``services.demo.assistance``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from desktop_app.services.demo.households import REGISTERED_STAGES
from desktop_app.services.demo.procedure import SortedIds
from desktop_app.storage.bulk import bulk_insert
from desktop_app.storage.queries import table_of

CHUNK = 20_000


@dataclass(frozen=True)
class Person:
    id: str
    household_id: str
    birth: date | None
    labour: str | None
    work_status: str | None
    relation: str


@dataclass
class House:
    id: str
    village_id: str
    number: str
    stage: str
    status: str | None
    members: list[Person] = field(default_factory=list)
    monitored: bool = False  # an included monitoring case is open
    open_case: bool = False  # any monitoring case is open (a household has at most one)

    @property
    def registered(self) -> bool:
        return self.stage in REGISTERED_STAGES


@dataclass
class County:
    """The households (with their living members), villages and cadres of the database, in number order."""

    houses: list[House]
    villages: list[str]
    cadres: list[str]

    def by_village(self) -> dict[str, list[House]]:
        out: dict[str, list[House]] = defaultdict(list)
        for h in self.houses:
            out[h.village_id].append(h)
        return out


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def read_county(session: Session, exclude: frozenset[str] = frozenset()) -> County:
    """The county's households (but ``exclude``), their living members and monitoring, villages and cadres."""
    conn = session.connection()
    houses = {
        r[0]: House(r[0], r[1], r[2], r[3] or "", r[4])
        for r in conn.exec_driver_sql(
            "SELECT id, village_id, number, stage, status FROM household WHERE deleted = 0 ORDER BY number"
        ).all()
    }
    for r in conn.exec_driver_sql(
        "SELECT id, household_id, birth_date, labour, work_status, relation FROM member"
        " WHERE deleted = 0 AND active = 1 ORDER BY household_id, sort_order"
    ).all():
        house = houses.get(r[1])
        if house is not None:
            house.members.append(Person(r[0], r[1], _day(r[2]), r[3], r[4], r[5] or ""))
    for household_id, included in conn.exec_driver_sql(
        "SELECT household_id, included_on FROM monitoring_case WHERE deleted = 0"
        " AND stage NOT IN ('refused', 'withdrawn', 'removed')"
    ).all():
        if household_id in houses:
            houses[household_id].open_case = True
            houses[household_id].monitored |= included is not None
    villages = [
        r[0]
        for r in conn.exec_driver_sql("SELECT id FROM area WHERE deleted = 0 AND level = 'village' ORDER BY code").all()
    ]
    cadres = [r[0] for r in conn.exec_driver_sql("SELECT id FROM cadre WHERE deleted = 0 ORDER BY rowid").all()]
    return County([h for h in houses.values() if h.id not in exclude], villages, cadres)


def age_on(person: Person, day: date) -> int:
    if person.birth is None:
        return 40
    b = person.birth
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class Rows:
    """Full rows of several tables, buffered and written with ``bulk_insert`` (deterministic ids)."""

    def __init__(self, session: Session, *, seed: int, now: datetime, device_id: str) -> None:
        self.session = session
        self.new_id = SortedIds(random.Random(seed * 7_919 + 16))
        self.sync = {"created_at": now, "updated_at": now, "version": 1, "device_id": device_id, "deleted": False}
        self.pending: dict[type[SQLModel], list[dict[str, Any]]] = defaultdict(list)
        self.templates: dict[type[SQLModel], dict[str, Any]] = {}
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, model: type[SQLModel], /, **values: Any) -> str:
        """Buffer one row (``id`` given for a deterministic one, else the next sorted id); returns its id."""
        row_id = values.pop("id", None) or self.new_id()
        rows = self.pending[model]
        rows.append({**self.sync, **values, "id": row_id})
        if len(rows) >= CHUNK:
            self.flush()  # every table: the rows this one refers to go first
        return row_id

    def _template(self, model: type[SQLModel]) -> dict[str, Any]:
        """Every column's default (the values a row does not give)."""
        found = self.templates.get(model)
        if found is None:
            found = {}
            for name, info in model.model_fields.items():
                if info.default_factory is not None:
                    found[name] = info.default_factory()  # type: ignore[call-arg]  # factories take no argument here
                else:
                    found[name] = None if info.is_required() else info.default
            self.templates[model] = found
        return found

    def _write(self, model: type[SQLModel]) -> None:
        rows = self.pending.pop(model, [])
        if not rows:
            return
        template = self._template(model)
        table = table_of(model)
        bulk_insert(self.session, table, [{**template, **row} for row in rows])
        self.counts[table.name] += len(rows)

    def flush(self, models: Iterable[type[SQLModel]] | None = None) -> None:
        """Write the pending rows (of ``models``, default all), parent tables before the tables referring to them."""
        order = {t.name: n for n, t in enumerate(SQLModel.metadata.sorted_tables)}
        chosen = list(models if models is not None else self.pending)
        for model in sorted(chosen, key=lambda m: order[table_of(m).name]):
            self._write(model)
