"""The demo's hand-entered ledgers: a village team's year typed through the ledgers' use cases (see
``services.demo.assistance``). Each scene is one ledger; every call is one unit of work, as in the app."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

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
from desktop_app.services.demo.assist_desk import Desk, Home
from desktop_app.services.demo.assist_scenes_credit import loans, posts, work
from desktop_app.services.demo.assist_scenes_pairing import cadres_and_pairings, visits


class Scenes(Desk):
    """Every ledger of the chosen households, scene by scene."""

    def run(self) -> dict[str, int]:
        with _folder() as folder:
            self.photo_dir = folder
            scenes: tuple[Callable[[Scenes], None], ...] = (
                cadres_and_pairings,
                Scenes.plans_and_funds,
                loans,
                posts,
                work,
                visits,
            )
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
        self.count("plans")

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
            self.count("plans")
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
            self.count("measures")
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
            self.count("disbursements")
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
                self.count("measures")
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
                self.count("measures")
                self.count("disbursements")
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
                self.count("measures")
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
            self.count("disbursements")


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fupin-assist-demo-") as name:
        yield Path(name)
