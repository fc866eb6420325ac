"""The demo's hand-entered ledgers: a village team's year typed through the ledgers' use cases (see
``services.demo.assistance``). Each scene is one ledger; every call is one unit of work, as in the app."""

from __future__ import annotations

import random
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlmodel import col

from desktop_app.services.assistance import (
    AllocationInput,
    DeliveryInput,
    DisbursementInput,
    FundInput,
    PlanInput,
    PlanItem,
    ProjectInput,
    add_fund,
    add_project,
    allocate,
    deliver_measure,
    disburse,
    measure_rules,
    save_plan,
)
from desktop_app.services.demo.assist_scenes_credit import loans, posts, work
from desktop_app.services.demo.households import REGISTERED_STAGES
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import live


@dataclass(frozen=True)
class Home:
    id: str
    number: str
    stage: str
    status: str | None
    monitored: bool
    members: tuple[tuple[str, str, date | None, str | None, str | None], ...]  # id, name, birth, labour, work

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


class Scenes:
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
            members: dict[str, list[tuple[str, str, date | None, str | None, str | None]]] = {i: [] for i in ids}
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

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def run(self) -> dict[str, int]:
        with _folder() as folder:
            self.photo_dir = folder
            scenes: tuple[Callable[[Scenes], None], ...] = (Scenes.plans_and_funds, loans, posts, work)
            for index, scene in enumerate(scenes):
                if self.progress is not None:
                    self.progress(index, len(scenes))
                scene(self)
        return self.counts

    # --- one household, one policy; funds (part B) ---------------------------------------------------------

    def plan(self, home: Home, year: int) -> None:
        item = PlanItem(category="100A39", values=["2"], content="发展生猪养殖", amount_fen=300_000, target="出栏 5 头")
        save_plan(
            self.db,
            home.id,
            year,
            PlanInput(
                causes=["07"],
                risks=["01"] if home.monitored else [],
                items=[item],
                income_target_fen=1_200_000,
                targets="人均纯收入稳定高于监测范围",
                made_on=date(year, 2, 15),
                made_by="驻村工作队",
            ),
        )
        self._count("plans")

    def plans_and_funds(self) -> None:
        year = self.today.year
        fund = add_fund(
            self.db,
            FundInput(
                name=f"{year}年中央财政衔接推进乡村振兴补助资金（演示）",
                year=year,
                level="1",
                document=f"示财农〔{year}〕12号",
            ),
        )
        industry = add_project(self.db, ProjectInput(fund_id=fund, name=f"{year}年产业奖补项目", category="100A39"))
        housing = add_project(self.db, ProjectInput(fund_id=fund, name=f"{year}年危房改造项目", category="100A50"))
        allocate(
            self.db,
            AllocationInput(
                fund_id=fund,
                village_id=self.village_id,
                amount_fen=30_000_000,
                on_date=date(year, 1, 20),
                document=f"示财农〔{year}〕15号",
            ),
        )
        early = date(year, 3, 10)
        rules = measure_rules(self.db)

        def may_pay(home: Home) -> bool:
            return home.stage in rules.recipient_stages or (rules.recipient_monitored and home.monitored)

        for n, home in enumerate(h for h in self.homes if h.covered and may_pay(h)):
            head = home.members[0][0] if home.members else None
            item = PlanItem(
                category="100A39", values=["2"], content="发展生猪养殖", amount_fen=300_000, target="出栏 5 头"
            )
            save_plan(
                self.db,
                home.id,
                year,
                PlanInput(
                    causes=["07"],
                    risks=["01"] if home.monitored else [],
                    items=[item],
                    income_target_fen=1_200_000,
                    targets="人均纯收入稳定高于监测范围",
                    made_on=date(year, 2, 15),
                    made_by="驻村工作队",
                ),
            )
            self._count("plans")
            measure = deliver_measure(
                self.db,
                home.id,
                DeliveryInput(
                    year=year,
                    category="100A39",
                    values=["2"],
                    content="发放仔猪及饲料奖补",
                    member_id=head,
                    amount_fen=300_000,
                    fund_id=fund,
                    project_id=industry,
                    started_on=early,
                    status="2",
                    evidence=[self.photo()],
                ),
            )
            self._count("measures")
            disburse(
                self.db,
                DisbursementInput(
                    household_id=home.id,
                    fund_id=fund,
                    amount_fen=300_000,
                    paid_on=early + timedelta(days=30),
                    measure_id=measure,
                    payee_member_id=head,
                ),
            )
            self._count("disbursements")
            if n % 4 == 1:
                deliver_measure(
                    self.db,
                    home.id,
                    DeliveryInput(
                        year=year,
                        category="100A45",
                        values=["1", "4"],
                        content="代缴城乡居民医疗保险，家庭医生签约",
                        member_id=head,
                        started_on=date(year, 1, 5),
                        status="3",
                        result="全家参保",
                    ),
                )
                self._count("measures")
            if n == 5:
                measure = deliver_measure(
                    self.db,
                    home.id,
                    DeliveryInput(
                        year=year,
                        category="100A50",
                        values=["1"],
                        content="C级危房加固改造",
                        member_id=head,
                        amount_fen=2_000_000,
                        fund_id=fund,
                        project_id=housing,
                        started_on=date(year, 4, 1),
                        status="3",
                        result="已竣工验收",
                        evidence=[self.photo(), self.photo()],
                    ),
                )
                disburse(
                    self.db,
                    DisbursementInput(
                        household_id=home.id,
                        fund_id=fund,
                        amount_fen=2_000_000,
                        paid_on=date(year, 6, 1),
                        measure_id=measure,
                    ),
                )
                self._count("measures")
                self._count("disbursements")
        for n, home in enumerate(h for h in self.homes if h.covered and not may_pay(h)):
            self.plan(home, year)
            if n % 2 == 0:  # help without money: skills training
                deliver_measure(
                    self.db,
                    home.id,
                    DeliveryInput(
                        year=year,
                        category="100A40",
                        values=["1"],
                        content="参加雨露计划技能培训",
                        member_id=home.members[0][0] if home.members else None,
                        started_on=date(year, 4, 12),
                        status="3",
                    ),
                )
                self._count("measures")
        outsider = next((h for h in self.homes if not may_pay(h)), None)
        if outsider is not None:  # paid although outside the register and the monitoring list: the ledger flags it
            disburse(
                self.db,
                DisbursementInput(
                    household_id=outsider.id,
                    fund_id=fund,
                    amount_fen=300_000,
                    paid_on=date(year, 5, 8),
                    project_id=industry,
                    evidence=[self.photo()],
                    note="误将非建档立卡户列入奖补名单",
                ),
            )
            self._count("disbursements")


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fupin-assist-demo-") as name:
        yield Path(name)
