"""The desk of the demo's hand-entered ledgers (``assist_scenes``): the chosen households as the scenes see them,
photos to attach, and the counts of what was written."""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlmodel import col

from desktop_app.services.demo.households import REGISTERED_STAGES
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import live

Person = tuple[str, str, date | None, str | None, str | None]  # member id, name, birth, labour, work status


@dataclass(frozen=True)
class Home:
    id: str
    number: str
    stage: str
    status: str | None
    monitored: bool
    members: tuple[Person, ...]

    @property
    def registered(self) -> bool:
        return self.stage in REGISTERED_STAGES

    @property
    def covered(self) -> bool:
        return self.registered or self.monitored


def png(path: Path, shade: int) -> Path:
    """A small real PNG (a flat colour per ``shade``): the stand-in for a photo taken on site."""
    width = height = 8
    raw = b"".join(b"\x00" + bytes((shade % 256, (shade * 7) % 256, (shade * 13) % 256)) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
    return path


class Desk:
    """The village the demo types into: its households, the photos taken, what was written."""

    def __init__(
        self,
        db: Database,
        village_id: str,
        household_ids: list[str],
        today: date,
        seed: int,
        progress: Callable[[int, int], object] | None = None,
    ) -> None:
        self.db, self.village_id, self.today = db, village_id, today
        self.rng = random.Random(seed * 101 + 16)
        self.progress = progress
        self.homes = self._read(household_ids)
        self.counts: dict[str, int] = {"households": len(self.homes)}
        self.photo_dir: Path | None = None
        self.shots = 0

    def _read(self, ids: list[str]) -> list[Home]:
        with reading(self.db) as session:
            houses = {h.id: h for h in session.execute(select(Household).where(col(Household.id).in_(ids))).scalars()}
            monitored = set(
                session.execute(
                    select(col(MonitoringCase.household_id)).where(
                        col(MonitoringCase.household_id).in_(ids),
                        live(MonitoringCase),
                        col(MonitoringCase.included_on).is_not(None),
                        col(MonitoringCase.stage).not_in(("refused", "withdrawn", "removed")),
                    )
                ).scalars()
            )
            members: dict[str, list[Person]] = {i: [] for i in ids}
            for m in session.execute(
                select(Member)
                .where(col(Member.household_id).in_(ids), live(Member), col(Member.active))
                .order_by(col(Member.sort_order))
            ).scalars():
                members[m.household_id].append((m.id, m.name, m.birth_date, m.labour, m.work_status))
            return [
                Home(i, houses[i].number, houses[i].stage or "", houses[i].status, i in monitored, tuple(members[i]))
                for i in ids
                if i in houses
            ]

    def photo(self) -> str:
        """A new photo file (a different picture each time)."""
        assert self.photo_dir is not None
        self.shots += 1
        return str(png(self.photo_dir / f"现场照片{self.shots:03d}.png", self.shots * 37))

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n
