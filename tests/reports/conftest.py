"""A small demo village with batches, objections and a rare-character name, shared by the printing tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "report-pages"
ID_PATTERN = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")
T = TypeVar("T")
RARE_NAME = "欧阳㐀明"  # U+3400 is in CJK Extension A, missing from WenQuanYi Micro Hei
LONG_ADDRESS = "白岩乡大坪子村民小组后山箐头老寨子上方第三户往左拐过两条小河沟再爬半个小时坡的那一家"


@dataclass
class Village:
    db_path: Path
    code: str
    name: str
    village_id: str
    household_number: str
    rare_household_number: str
    batches: dict[str, str] = field(default_factory=dict)  # kind -> id
    listed: dict[str, list[str]] = field(default_factory=dict)  # kind -> head names on the list
    members: int = 0
    registered: int = 0


def make_batch(session, kind: str, village_id: str, households: list, **extra) -> str:  # type: ignore[no-untyped-def]
    """A batch as the procedure leaves it: a list of households, votes for evaluations."""
    from desktop_app.storage.models import Batch, BatchHousehold

    values = {
        "number": f"2019-{kind}",
        "start_date": date(2019, 5, 6),
        "end_date": date(2019, 5, 12),
        "place": "村委会会议室",
        "chair": "李建国",
        "recorder": "王芳",
        "attendees_expected": 25,
        "attendees_present": 22,
        "attendees": ["张伟", "李娜", "王强", "刘洋", "陈静"],
        "guests": ["驻村工作队 赵刚", "乡政府 孙丽"],
        "objection_phone": "0872-5123456",
        "objection_address": "茈碧湖镇人民政府扶贫办",
    }
    values.update(extra)
    batch = Batch(kind=kind, village_id=village_id, **values)
    session.add(batch)
    session.flush()
    for order, household in enumerate(households):
        session.add(
            BatchHousehold(
                batch_id=batch.id,
                household_id=household.id,
                votes_for=18,
                votes_against=3,
                votes_abstain=1,
                result="passed",
                sort_order=order,
            )
        )
    return batch.id


def build_village(path: Path, households: int = 120) -> Village:
    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.services.printing.data import PRINTED_STAGES
    from desktop_app.storage.models import Area, Household, Member, Objection

    db = open_database(path, operator="测试员", device_id="test-device")
    try:
        with db.transaction() as session:
            generate_demo(session, households=households, villages=1, seed=3)
        with db.transaction() as session:
            village = session.execute(select(Area).where(Area.level == "village")).scalar_one()
            rows = list(
                session.execute(
                    select(Household).where(Household.village_id == village.id).order_by(Household.number)
                ).scalars()
            )
            registered = [h for h in rows if h.stage in PRINTED_STAGES]
            rare = registered[1]
            rare.head_name = RARE_NAME
            rare.address = LONG_ADDRESS
            head = session.execute(
                select(Member).where(Member.household_id == rare.id, Member.relation == "01")
            ).scalar_one()
            head.name = RARE_NAME
            info = Village(
                db_path=path,
                code=village.code,
                name=village.name,
                village_id=village.id,
                household_number=registered[0].number,
                rare_household_number=rare.number,
                registered=len(registered),
            )
            lists = {
                "evaluation": rows[:30],
                "village_announcement": rows[:60],
                "county_notice": rows[:25],
                "exit_announcement": registered[:12],
            }
            for kind, listed in lists.items():
                info.batches[kind] = make_batch(session, kind, village.id, listed)
                info.listed[kind] = [h.head_name for h in listed]
            session.add(
                Objection(
                    batch_id=info.batches["village_announcement"],
                    household_id=rows[2].id,
                    raised_by="周某某",
                    contact="13912345678",
                    raised_on=date(2019, 5, 8),
                    content="该户家中有小轿车一辆，不符合识别条件。",
                    investigator="驻村工作队 赵刚",
                    finding="经入户核实，车辆登记在其亲属名下，该户并无车辆。",
                    decision="dismissed",
                    decided_on=date(2019, 5, 10),
                    decided_by="村两委",
                    objector_informed=True,
                    status="resolved",
                )
            )
            info.members = sum(
                1
                for m in session.execute(select(Member.household_id, Member.active)).all()
                if m[1] and m[0] in {h.id for h in registered}
            )
    finally:
        db.close()
    return info


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], T]) -> Iterator[T]:
    """A database built once per session in its own folder (and data folder), for a session fixture."""
    folder = factory.mktemp(name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUPIN_DATA_DIR", str(folder / "data"))
        yield build(folder / f"{name}.sqlite")


def opened_copy(source: Path, folder: Path) -> Iterator[Any]:
    """A private copy of a shared test database, opened for one test and closed after it."""
    from desktop_app.services import open_database

    copy = folder / source.name
    shutil.copy(source, copy)
    db = open_database(copy, operator="测试员", device_id="test-device")
    yield db
    db.close()


@pytest.fixture(scope="session")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Village]:
    yield from built_once(tmp_path_factory, "print-village", build_village)


@pytest.fixture
def village_db(village: Village, tmp_path: Path) -> Iterator[object]:
    """A private copy of the shared village database, opened."""
    yield from opened_copy(village.db_path, tmp_path)


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-layout"]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, as pdftotext lays it out (form feeds separate pages)."""
    return pdf_text(path).split("\f")[:-1]


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]
