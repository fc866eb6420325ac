"""A county with two villages, registered, monitored and outside households, written through the ORM, and a
real photo file for evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.services import Database, open_database
from desktop_app.storage.models import Area
from tests.monitor_help.helpers import add_case
from tests.procedure.helpers import make_household, make_village

V1, V2 = "532999001001", "532999001002"
REG, MON, OUT, REG2 = "5329990010010001", "5329990010010002", "5329990010010003", "5329990010020001"


@dataclass(frozen=True)
class County:
    db: Database
    v1: str
    v2: str
    reg: str  # registered household of village 1 (id)
    mon: str  # monitored (included) household of village 1, not registered
    out: str  # household of village 1 neither registered nor monitored
    reg2: str  # registered household of village 2


def county(path: Path) -> County:
    db = open_database(path, operator="王会计", device_id="t")
    with db.transaction() as s:
        v1 = make_village(s, V1)
        town = s.get(Area, s.get(Area, v1).parent_id)
        other = Area(code=V2, name="团结村", level="village", parent_id=town.id)
        s.add(other)
        s.flush()
        reg = make_household(s, v1, REG, "张富贵", seq=1, stage="registered")
        mon = make_household(s, v1, MON, "李有田", seq=2)
        add_case(s, mon, found=date(2025, 1, 2), included=date(2025, 1, 15))
        out = make_household(s, v1, OUT, "赵外人", seq=3)
        reg2 = make_household(s, other.id, REG2, "钱多多", seq=4, stage="registered")
    return County(db, v1, other.id, reg, mon, out, reg2)


def photo(folder: Path, name: str = "补助照片.jpg", content: bytes = b"\xff\xd8photo") -> Path:
    path = folder / name
    path.write_bytes(content)
    return path
