"""A village's assistance ledgers made through the owners' own use cases (real SQLite): the scene of the
real-window scenario (tests/real_window/test_assist_day.py) and of docs/assistance_screenshots.py.

和平村 has six households: four registered poor (张富贵, 李秀英, 王德明, 赵春花) and two exited (孙国强, 周美兰).
Three cadres: 李书记 (科级领导, limit 2) pairs 张富贵 and 李秀英; 陈干部 (一般干部, limit 1) pairs 王德明 and
赵春花 — one over the limit; 王队员 (驻村工作队员) pairs nobody yet: 孙国强 and 周美兰 are uncovered. 王德明
has a 2019 loan never repaid (overdue since 2022), 孙国强 a current one; one fund allocated to the village with
an industry measure paid to 张富贵; one cleaning post held by 赵春花's household; a month of migrant work.
"""

from __future__ import annotations

import base64
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.domain.assistance import month_of
from desktop_app.domain.work_months import WorkEntry
from desktop_app.services.assistance import (
    AllocationInput,
    CadreInput,
    DeliveryInput,
    DisbursementInput,
    FundInput,
    LoanInput,
    PostInput,
    VisitInput,
    add_cadre,
    add_fund,
    add_loan,
    add_post,
    add_visit,
    allocate,
    apply_for_post,
    deliver_measure,
    disburse,
    pair,
    post_step,
    save_work_months,
)
from desktop_app.storage.models import Member
from tests.procedure.helpers import make_household, make_village

CODE = "532999001001"
REGISTERED = ("张富贵", "李秀英", "王德明", "赵春花")
EXITED = ("孙国强", "周美兰")
PNG = base64.b64decode(  # a 1×1 picture: the payment's photo confirmation
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@dataclass
class Scene:
    db: Any
    village_id: str
    households: dict[str, str] = field(default_factory=dict)  # head's name -> household id
    cadres: dict[str, str] = field(default_factory=dict)  # name -> cadre id
    loans: dict[str, str] = field(default_factory=dict)  # head's name -> loan id


def members(db: Any, household_id: str) -> list[str]:
    """The household's member ids, head first."""
    with db.transaction() as s:
        rows = s.query(Member).filter(Member.household_id == household_id).order_by(Member.sort_order).all()
        return [str(m.id) for m in rows]


def _loan(db: Any, household_id: str, contract: str, drawn: date, amount_fen: int) -> str:
    return add_loan(
        db,
        LoanInput(
            household_id=household_id,
            member_id=members(db, household_id)[0],
            amount_fen=amount_fen,
            drawn_on=drawn,
            contract_no=contract,
            bank="农村信用社",
            credit_rating="2",
            credit_line_fen=amount_fen,
            term_months=36,
            rate="4.35",
            purpose="养殖肉牛",
            industry="畜牧业",
        ),
    )


def build(db: Any, *, today: date | None = None) -> Scene:
    today = today or date.today()
    with db.transaction() as s:
        vid = make_village(s, CODE)
        ids = {
            name: make_household(s, vid, f"{CODE}{i:04d}", name, seq=i, status="1", stage="registered")
            for i, name in enumerate(REGISTERED, 1)
        }
        for i, name in enumerate(EXITED, len(REGISTERED) + 1):
            ids[name] = make_household(s, vid, f"{CODE}{i:04d}", name, seq=i, status="3", stage="exited")
    scene = Scene(db, vid, ids)
    for name, rank, unit in (("李书记", "2", "县农业农村局"), ("陈干部", "3", "县教育局"), ("王队员", "4", "县财政局")):
        scene.cadres[name] = add_cadre(
            db, CadreInput(name=name, rank=rank, unit=unit, phone="13800000000", started_on=date(2021, 3, 1))
        )
    start = date(today.year, 1, 5)
    for head, cadre in (("张富贵", "李书记"), ("李秀英", "李书记"), ("王德明", "陈干部"), ("赵春花", "陈干部")):
        pair(db, ids[head], scene.cadres[cadre], started_on=start)
    add_visit(db, VisitInput(ids["张富贵"], scene.cadres["李书记"], start, found="肉牛出栏 3 头", agreed="扩大养殖"))

    scene.loans["王德明"] = _loan(db, ids["王德明"], "HT-2019-0003", date(2019, 3, 21), 5_000_000)
    scene.loans["孙国强"] = _loan(db, ids["孙国强"], "HT-2025-0005", date(2025, 6, 10), 3_000_000)

    fund = add_fund(db, FundInput(name="中央财政衔接推进乡村振兴补助资金", year=today.year, level="1"))
    allocate(db, AllocationInput(fund_id=fund, village_id=vid, amount_fen=20_000_000))
    measure = deliver_measure(
        db,
        ids["张富贵"],
        DeliveryInput(year=today.year, category="100A39", values=["2"], content="肉牛养殖补助", amount_fen=300_000),
    )
    photo = Path(tempfile.mkdtemp(prefix="fupin-scene-")) / "牛棚.png"
    photo.write_bytes(PNG)
    paid = DisbursementInput(
        ids["张富贵"], fund, 300_000, start, measure_id=measure, evidence=[str(photo)], note="以奖代补"
    )
    disburse(db, paid)

    post = add_post(
        db, PostInput(vid, type="01", tier="3", monthly_subsidy_fen=50_000, name="村庄保洁员", started_on=start)
    )
    holder = apply_for_post(db, post, members(db, ids["赵春花"])[1], start)
    for step in ("check", "notice", "contract"):
        post_step(db, holder, step, start if step != "contract" else date(today.year, 1, 20))

    worker = members(db, ids["李秀英"])[1]
    month = month_of(date(today.year, 1, 1))
    entry = WorkEntry(worker, True, place="昆明市", channel="3", industry="03", employer="某建筑公司", wage_fen=450_000)
    save_work_months(db, month, [entry])
    return scene


__all__ = ["CODE", "EXITED", "REGISTERED", "Scene", "build", "members"]
