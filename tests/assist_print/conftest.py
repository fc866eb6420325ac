"""A demo village whose assistance ledgers are filled through the owners' use cases, for the print tests.

Cadres paired (one re-paired), plans of 2025 and 2026, measures delivered with photo evidence, a fund allocated
and disbursed (one payment to a household outside the register, which the ledger flags), loans (one overdue on
``TODAY``, one repaid on time), a post with two people on notice and one under contract with months worked,
migrant-work months, visits. An empty second village prints nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.reports.conftest import build_village, built_once, opened_copy

TODAY = date(2026, 12, 2)
OBJECTION_PHONE = "0872-5123456"  # the county's objection line (print settings), not a person's phone
# a tiny valid PNG (1×1 pixel): the photo evidence a disbursement of an industry measure needs
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class LedgerVillage:
    db_path: Path
    code: str
    name: str
    village_id: str
    empty_code: str = ""  # a village with no ledger entries
    manual_number: str = ""  # the household with every ledger
    manual_head: str = ""
    cadres: dict[str, str] = field(default_factory=dict)  # name -> id
    delivered_2026: int = 0  # fen delivered in 2026 in the village
    measures_2026: int = 0
    allocated: int = 0
    disbursed: int = 0
    flagged_number: str = ""
    overdue_contract: str = ""
    current_contract: str = ""
    post_id: str = ""
    post_name: str = ""
    on_notice: list[str] = field(default_factory=list)  # names
    contracted: str = ""  # the name of the one under contract (not on the notice)
    holder_number: str = ""  # their household, with a month worked at 500 yuan
    secrets: list[str] = field(default_factory=list)  # IDs and phones of the people on the notice


def _age(birth: date | None) -> int:
    if birth is None:
        return 0
    return TODAY.year - birth.year - ((TODAY.month, TODAY.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class Person:
    """A household and one of its working-age members, as plain values."""

    household_id: str
    number: str
    head_name: str
    phone: str
    bank_account: str
    member_id: str
    name: str
    id_number: str


def _people(session: Any, households: list[Any]) -> list[Person]:
    """One working-age member (20–55, able to work) of each household that has one."""
    from desktop_app.storage.models import Member

    out = []
    for h in households:
        members = session.execute(
            select(Member).where(Member.household_id == h.id, Member.active.is_(True)).order_by(Member.sort_order)
        ).scalars()
        m = next((m for m in members if 20 <= _age(m.birth_date) <= 55 and m.labour in ("1", "2")), None)
        if m is not None:
            out.append(
                Person(
                    h.id, h.number, h.head_name, h.phone or "", h.bank_account or "", m.id, m.name, m.id_number or ""
                )
            )
    return out


def _second_village(session: Any) -> str:
    from desktop_app.storage.models import Area

    village = session.execute(select(Area).where(Area.level == "village")).scalars().first()
    empty = Area(level="village", code=village.code[:-3] + "999", name="空白村", parent_id=village.parent_id)
    session.add(empty)
    return empty.code


def build_ledger_village(path: Path) -> LedgerVillage:  # noqa: PLR0915 - one scenario, told in order
    from desktop_app.services import assistance as a
    from desktop_app.services import open_database
    from desktop_app.services.settings import store as county
    from desktop_app.storage.models import Household

    info = build_village(path, households=40)
    photo = path.parent / "photo.png"
    photo.write_bytes(PNG)
    db = open_database(path, operator="测试员", device_id="test-device")
    out = LedgerVillage(db_path=path, code=info.code, name=info.name, village_id=info.village_id)
    try:
        with db.transaction() as session:
            county.save(session, {"print.contact_phone": OBJECTION_PHONE, "print.contact_place": "茈碧湖镇人民政府"})
            out.empty_code = _second_village(session)
            rows = list(session.execute(select(Household).order_by(Household.number)).scalars())
            people = _people(session, [h for h in rows if h.stage == "registered"])
            outsider = next(h.id for h in rows if h.stage != "registered")
            out.flagged_number = next(h.number for h in rows if h.id == outsider)
        home, second, third = people[:3]
        out.manual_number, out.manual_head = home.number, home.head_name
        for name, unit, rank in (("李建国", "县农业农村局", "2"), ("王芳", "县教育体育局", "3")):
            entry = a.CadreInput(name=name, sex="1", unit=unit, rank=rank, phone="13800001111")
            out.cadres[name] = a.add_cadre(db, entry)
        a.pair(db, home.household_id, out.cadres["李建国"], started_on=date(2024, 1, 1))
        a.pair(db, home.household_id, out.cadres["王芳"], started_on=date(2025, 7, 1))  # re-paired: the first one ends
        a.pair(db, second.household_id, out.cadres["王芳"], started_on=date(2025, 1, 1))
        a.pair(db, home.household_id, out.cadres["李建国"], role="2", started_on=date(2025, 7, 1))  # 监测联系人
        for year in (2025, 2026):
            item = a.PlanItem(category="100A39", values=("1",), content=f"{year}年种植烤烟5亩", amount_fen=300000)
            plan = a.PlanInput(causes=("06",), items=(item,), income_target_fen=900000, targets="稳定增收")
            a.save_plan(db, home.household_id, year, plan)
        fund = a.add_fund(db, a.FundInput(name="中央财政衔接推进乡村振兴补助资金", year=2026, level="1"))
        a.allocate(db, a.AllocationInput(fund_id=fund, village_id=info.village_id, amount_fen=5_000_000))
        out.allocated = 5_000_000
        delivered = [(home, 300000, "烤烟种苗"), (second, 250000, "核桃提质"), (third, 180000, "生猪养殖")]
        for h, fen, content in delivered:
            entry = a.DeliveryInput(
                year=2026, category="100A39", values=("1",), content=content, amount_fen=fen, fund_id=fund,
                started_on=date(2026, 3, 1), ended_on=date(2026, 10, 1), evidence=(str(photo),),
            )  # fmt: skip
            measure = a.deliver_measure(db, h.household_id, entry)
            paid = a.DisbursementInput(
                household_id=h.household_id, fund_id=fund, amount_fen=fen, paid_on=date(2026, 4, 1),
                measure_id=measure, evidence=(str(photo),),
            )  # fmt: skip
            a.disburse(db, paid)
            out.delivered_2026 += fen
            out.disbursed += fen
            out.measures_2026 += 1
        entry = a.DeliveryInput(year=2025, category="100A40", values=("1",), content="厨师技能培训", amount_fen=80000)
        a.deliver_measure(db, home.household_id, entry)
        a.disburse(db, a.DisbursementInput(household_id=outsider, fund_id=fund, amount_fen=50000, paid_on=TODAY))
        out.disbursed += 50000
        for h, contract, term in ((home, "HT-2026-001", 12), (second, "HT-2026-002", 24)):
            entry = a.LoanInput(
                household_id=h.household_id, member_id=h.member_id, amount_fen=4_000_000, drawn_on=date(2026, 3, 10),
                contract_no=contract, bank="洱源县农村信用合作联社", term_months=term, purpose="种植烤烟",
            )  # fmt: skip
            loan = a.add_loan(db, entry)
            if h is second:  # paid on time: not overdue
                a.repay(db, loan, date(2026, 6, 10), 500_000, 30_000)
                a.repay(db, loan, date(2026, 9, 10), 500_000, 25_000)
        out.overdue_contract, out.current_contract = "HT-2026-001", "HT-2026-002"
        entry = a.LoanInput(
            household_id=third.household_id, member_id=third.member_id, amount_fen=2_000_000,
            drawn_on=date(2026, 3, 10),
            contract_no="HT-2026-003", bank="洱源县农村信用合作联社", term_months=12, purpose="养殖生猪",
        )  # fmt: skip
        settled = a.add_loan(db, entry)
        a.repay(db, settled, date(2026, 8, 1), 2_000_000, 25_000)  # repaid early and settled
        a.settle(db, settled, date(2026, 8, 1))
        post = a.add_post(
            db,
            a.PostInput(
                village_id=info.village_id, type="01", tier="3", monthly_subsidy_fen=50000, name="村庄保洁员",
                places=3, vacancy_on=date(2026, 10, 1),
            ),
        )  # fmt: skip
        out.post_id, out.post_name = post, "村庄保洁员"
        for index, h in enumerate(people[3:6]):
            holder = a.apply_for_post(db, post, h.member_id, date(2026, 10, 8))
            a.post_step(db, holder, "check", date(2026, 10, 10), override="村两委书面同意", decided_by="李建国")
            if index == 0:  # under contract since November, with a month worked
                a.post_step(db, holder, "notice", date(2026, 10, 12))
                a.post_step(db, holder, "contract", date(2026, 11, 1), override="村两委书面同意", decided_by="李建国")
                a.record_post_month(db, holder, 202611, 22, True, "1", 50000)
                out.contracted, out.holder_number = h.name, h.number
                continue
            a.post_step(db, holder, "notice", date(2026, 11, 28))
            out.on_notice.append(h.name)
            out.secrets += [x for x in (h.id_number, h.phone, h.bank_account) if x]
        work = [a.WorkEntry(member_id=home.member_id, worked=True, place="昆明市官渡区", channel="3", wage_fen=400000)]
        for month in (202604, 202605, 202606):
            a.save_work_months(db, month, work)
        a.add_visit(
            db,
            a.VisitInput(
                household_id=home.household_id, cadre_id=out.cadres["王芳"], visited_on=date(2026, 5, 6),
                found="烤烟长势良好，缺少烘烤设备", agreed="联系合作社代烤", photos=(str(photo),),
            ),
        )  # fmt: skip
    finally:
        db.close()
    return out


@pytest.fixture(scope="session")
def ledger_village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LedgerVillage]:
    yield from built_once(tmp_path_factory, "assist-print", build_ledger_village)


@pytest.fixture
def ledger_db(ledger_village: LedgerVillage, tmp_path: Path) -> Iterator[Any]:
    yield from opened_copy(ledger_village.db_path, tmp_path)
