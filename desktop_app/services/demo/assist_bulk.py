"""Every assistance ledger at county size, written in bulk (for ``bench/bench_assist.py``): at 100,000 households
about 33,000 cadres of every rank paired with the households to cover, 5 % of households monitored with their
contact persons, a plan per covered household, ~300,000 measures delivered, funds with projects, allocations
and disbursements, ~30,000 loans with ~300,000 repayments, ~10,000 posts with holders and months, work months
and visits.

Deliberate findings, so that each check has something to find (as in the small demo): a few covered households
without a cadre, monitored ones without a contact, cadres over their rank's limit, disbursements to households
outside the register and the monitoring list, overdue loans (one in thirty), an extension and a renewal, post
holders over the age band and members holding two posts.

Deterministic for a seed and ``today``. Written in the caller's transaction (one unit of work), after the demo
county (``generate_demo``).
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from desktop_app.domain.assistance import plan_id
from desktop_app.domain.funds import parse_measure_rules
from desktop_app.services.assistance.rules import load_rules
from desktop_app.services.demo.assist_credit import add_credit_bulk
from desktop_app.services.demo.assist_rows import County, House, Rows, read_county
from desktop_app.storage.models_assist import Disbursement, Fund, FundAllocation, FundProject, HelpPlan, Pairing, Visit
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase, MonitoringEvent
from desktop_app.storage.types import utcnow

# cadre rank (code list cadre_rank) -> (weight in the roster, households per cadre in the demo's rules)
RANKS = {"1": (4, 3), "2": (12, 2), "3": (44, 1), "4": (26, 5), "5": (14, 5)}
CATEGORY_WEIGHTS = (
    ("100A39", 30),
    ("100A40", 14),
    ("100A41", 6),
    ("100A42", 5),
    ("100A45", 14),
    ("100A46", 6),
    ("100A47", 4),
    ("100A48", 8),
    ("100A50", 4),
    ("100A51", 2),
    ("100A52", 3),
    ("100A53", 1),
    ("100A54", 2),
    ("100A55", 1),
)
VALUES = {"100A39": "123456", "100A40": "1234", "100A41": "123", "100A42": "123", "100A45": "12345"}
CONTENT = {
    "100A39": "发放产业奖补资金，扶持发展种养业",
    "100A40": "推荐就业并发放务工交通补助",
    "100A41": "落实小额信贷贴息",
    "100A42": "安排乡村公益岗位",
    "100A45": "落实基本医疗保险参保资助",
    "100A48": "纳入最低生活保障",
    "100A50": "实施农村危房改造",
}
FUNDS = (
    ("1", "中央财政衔接推进乡村振兴补助资金"),
    ("2", "省级财政衔接推进乡村振兴补助资金"),
    ("4", "县级财政衔接资金"),
    ("5", "东西部协作资金"),
)
PROJECTS = (("100A39", "产业奖补项目"), ("100A40", "就业帮扶项目"), ("100A50", "住房安全保障项目"))
FUNDED = {"100A39", "100A40", "100A50"}  # the measures paid from a fund (a disbursement each)


@dataclass
class BulkResult:
    counts: dict[str, int]
    uncovered: list[str]  # household ids deliberately left without a cadre
    no_contact: list[str]  # monitored households deliberately left without a contact
    over_limit: list[str]  # cadre ids deliberately over their limit
    outsiders: list[str]  # household ids outside the register and the monitoring list that were paid


def add_assistance_bulk(
    session: Session,
    *,
    today: date,
    seed: int = 1,
    device_id: str = "bench",
    now: datetime | None = None,
    years: int = 4,
    monitored_share: float = 0.05,
    exclude: frozenset[str] = frozenset(),
) -> BulkResult:
    """Write every ledger for the demo county in ``session`` (see the module's text); ``years`` of measures.

    ``monitored_share`` of the households get an included monitoring case first (none when 0: the demo's own
    monitoring is there); households in ``exclude`` get nothing (the small demo enters theirs by hand)."""
    rng = random.Random(seed * 31 + 16)
    rows = Rows(session, seed=seed, now=now or utcnow(), device_id=device_id)
    county = read_county(session, exclude)
    _monitor(rows, county, rng, today, monitored_share)
    result = BulkResult({}, [], [], [], [])
    paired = _pairings(session, rows, county, rng, today, result, exclude)
    _plans(rows, county, rng, today)
    _measures_and_funds(rows, county, rng, today, years, result)
    _visits(rows, paired, rng, today)
    add_credit_bulk(rows, county, rng, today)
    rows.flush()
    result.counts = dict(rows.counts)
    return result


def covered(h: House) -> bool:
    """Who the demo's pairing rules cover: registered households (through exit) and monitored ones."""
    return h.registered or h.monitored


def _monitor(rows: Rows, county: County, rng: random.Random, today: date, share: float) -> None:
    """Included monitoring cases for ``share`` of the households that have none (as bench_monitor makes them)."""
    free = [h for h in county.houses if not h.open_case and h.members]
    for h in rng.sample(free, min(len(free), int(len(county.houses) * share))):
        found = today - timedelta(days=rng.randint(60, 900))
        included = found + timedelta(days=14)
        case = rows.add(
            MonitoringCase,
            household_id=h.id,
            stage="included",
            category=rng.choice("123"),
            source=rng.choice("1234"),
            found_on=found,
            deadline=found + timedelta(days=15),
            included_on=included,
            risks=[rng.choice(("01", "02", "07", "10"))],
        )
        rows.add(MonitoringEvent, case_id=case, household_id=h.id, step="clue", on_date=found, actor="演示")
        h.monitored = h.open_case = True


def _cadre_ranks(session: Session, county: County, rng: random.Random) -> dict[str, str]:
    ranks = {c: rng.choices(list(RANKS), weights=[w for w, _ in RANKS.values()])[0] for c in county.cadres}
    session.connection().exec_driver_sql(
        "UPDATE cadre SET rank = ?, sex = ?, started_on = ? WHERE id = ?",
        [(r, rng.choice("12"), f"{rng.randint(2015, 2021)}-0{rng.randint(1, 9)}-01", c) for c, r in ranks.items()],
    )
    return ranks


def _pairings(
    session: Session,
    rows: Rows,
    county: County,
    rng: random.Random,
    today: date,
    result: BulkResult,
    exclude: frozenset[str],
) -> list[tuple[str, str, str]]:
    """Role-1 pairings and the monitored households' contacts (role 2) within each cadre's limit (both roles count
    against it, as the demo's rules say), a few cadres over it, a few covered households left out, re-pairings
    that end an older pairing. Returns the current role-1 pairings (household, cadre, pairing id)."""
    ranks = _cadre_ranks(session, county, rng)
    over = rng.sample(county.cadres, min(len(county.cadres), max(1, len(county.cadres) // 300)))
    result.over_limit = over
    slots = [c for c in county.cadres if c not in set(over) for _ in range(RANKS[ranks[c]][1])]
    rng.shuffle(slots)
    queue = iter([c for c in over for _ in range(RANKS[ranks[c]][1] + 1)] + slots)
    to_cover = [h for h in county.houses if covered(h)]
    skip = set(rng.sample(range(len(to_cover)), min(len(to_cover), max(1, len(to_cover) // 150))))
    current: list[tuple[str, str, str]] = []
    cadre_of: dict[str, str | None] = {h.id: None for h in county.houses}
    for index, h in enumerate(to_cover):
        cadre = None if index in skip else next(queue, None)
        if cadre is None:  # left out on purpose, or no cadre has room left
            result.uncovered.append(h.id)
            continue
        started = date(rng.randint(2016, 2024), rng.randint(1, 12), 1)
        if rng.random() < 0.1:  # re-paired: the earlier cadre's pairing ended the day before
            older = county.cadres[(index * 7 + 3) % len(county.cadres)]
            first = date(2015, rng.randint(1, 12), 1)
            rows.add(
                Pairing,
                household_id=h.id,
                cadre_id=older,
                role="1",
                started_on=first,
                ended_on=started - timedelta(days=1),
                end_reason="帮扶干部工作调动",
            )
        pid = rows.add(Pairing, household_id=h.id, cadre_id=cadre, role="1", started_on=started)
        current.append((h.id, cadre, pid))
        cadre_of[h.id] = cadre
    contacted = []
    for h in county.houses:
        if not h.monitored:
            continue
        contact = None if rng.random() < 0.03 else next(queue, None)
        if contact is None:
            result.no_contact.append(h.id)
            continue
        started = today - timedelta(days=rng.randint(30, 600))
        rows.add(Pairing, household_id=h.id, cadre_id=contact, role="2", started_on=started)
        contacted.append(h.id)
    rows.flush([Pairing, MonitoringCase, MonitoringEvent])
    cadre_of.update(dict.fromkeys(exclude))  # the households entered by hand start without a cadre
    conn = session.connection()
    conn.exec_driver_sql("UPDATE household SET cadre_id = ? WHERE id = ?", [(c, h) for h, c in cadre_of.items()])
    if contacted:  # the contact's name on the open case too (the case's announcement names it)
        conn.exec_driver_sql(
            "UPDATE monitoring_case SET contact_name = '驻村工作队', contact_phone = '0872-5120000'"
            " WHERE household_id = ? AND deleted = 0 AND included_on IS NOT NULL AND contact_name = ''",
            [(h,) for h in contacted],
        )
    return current


def _plans(rows: Rows, county: County, rng: random.Random, today: date) -> None:
    for h in county.houses:
        if not covered(h):
            continue
        category = rng.choice(("100A39", "100A40", "100A45"))
        rows.add(
            HelpPlan,
            id=plan_id(h.id, today.year),
            household_id=h.id,
            year=today.year,
            causes=[rng.choice(("01", "07", "08", "09"))],
            risks=[rng.choice(("01", "07"))] if h.monitored else [],
            items=[
                {
                    "category": category,
                    "values": ["1"],
                    "content": CONTENT.get(category, ""),
                    "amount_fen": 300_000,
                    "target": "年内落实",
                }
            ],
            income_target_fen=rng.randint(9_000, 16_000) * 100,
            targets="人均纯收入稳定高于监测范围",
            made_on=date(today.year, 2, rng.randint(1, 28)),
            made_by="驻村工作队",
        )


def _funds(rows: Rows, first: int, last: int) -> dict[int, list[tuple[str, dict[str, str]]]]:
    """Four fund sources a year, each with three projects: year -> [(fund id, {category: project id})]."""
    funds: dict[int, list[tuple[str, dict[str, str]]]] = {}
    for year in range(first, last + 1):
        funds[year] = []
        for level, name in FUNDS:
            fund = rows.add(Fund, name=f"{year}年{name}", level=level, year=year, document=f"示财农〔{year}〕{level}号")
            projects = {
                cat: rows.add(FundProject, fund_id=fund, name=f"{year}年{label}", year=year, category=cat)
                for cat, label in PROJECTS
            }
            funds[year].append((fund, projects))
    return funds


def payable(session: Session) -> Callable[[House], bool]:
    """Who may receive money under the county's measure rules (the others' payments are flagged)."""
    rules = parse_measure_rules(load_rules(session, "measure_rules"))
    return lambda h: h.stage in rules.recipient_stages or (rules.recipient_monitored and h.monitored)


def _measures_and_funds(
    rows: Rows, county: County, rng: random.Random, today: date, years: int, result: BulkResult
) -> None:
    may_pay = payable(rows.session)
    first = today.year - years + 1
    funds = _funds(rows, first, today.year)
    paid: Counter[tuple[str, str, int]] = Counter()  # (fund, village, year) -> fen
    codes, weights = zip(*CATEGORY_WEIGHTS, strict=True)
    per = 3 * len(county.houses) / max(1, sum(1 for h in county.houses if covered(h))) / years  # 3 per household
    for h in county.houses:
        if not covered(h):
            continue
        for year in range(first, today.year + 1):
            for _ in range(int(per) + (1 if rng.random() < per - int(per) else 0)):
                category = rng.choices(codes, weights=weights)[0]
                started = date(year, rng.randint(1, 10 if year < today.year else today.month), rng.randint(1, 28))
                amount = rng.choice((300_000, 500_000, 800_000)) if category in FUNDED else rng.randint(0, 200_000)
                fund: str | None = None
                projects: dict[str, str] = {}
                if category in FUNDED and may_pay(h):
                    fund, projects = rng.choice(funds[year])
                measure = rows.add(
                    HelpMeasure,
                    household_id=h.id,
                    year=year,
                    category=category,
                    values=[rng.choice(VALUES.get(category, "12"))],
                    started_on=started,
                    ended_on=started + timedelta(days=rng.randint(30, 300)) if year < today.year else None,
                    amount_fen=amount,
                    content=CONTENT.get(category, "按政策落实帮扶措施"),
                    member_id=h.members[0].id if h.members else None,
                    fund_id=fund,
                    project_id=projects.get(category),
                    status="3" if year < today.year else rng.choice("122"),
                )
                if fund is not None and started <= today:
                    _pay(rows, h, measure, fund, projects.get(category), year, amount, started)
                    paid[(fund, h.village_id, year)] += amount
    outsiders = [h for h in county.houses if not may_pay(h)]
    for h in rng.sample(outsiders, min(len(outsiders), max(1, len(county.houses) // 2000))):
        fund, projects = funds[today.year][0]
        on = today - timedelta(days=rng.randint(1, 60))
        _pay(rows, h, None, fund, projects["100A39"], today.year, 300_000, on)
        paid[(fund, h.village_id, today.year)] += 300_000
        result.outsiders.append(h.id)
    for (fund, village, year), fen in sorted(paid.items()):
        allocated = (fen * rng.uniform(1.05, 1.4) // 1_000_000 + 1) * 1_000_000  # whole 10,000 yuan
        rows.add(
            FundAllocation,
            fund_id=fund,
            village_id=village,
            year=year,
            amount_fen=int(allocated),
            on_date=date(year, 1, 15),
            document=f"示财农〔{year}〕分配",
        )


def _pay(
    rows: Rows, h: House, measure: str | None, fund: str, project: str | None, year: int, fen: int, on: date
) -> None:
    rows.add(
        Disbursement,
        household_id=h.id,
        measure_id=measure,
        fund_id=fund,
        project_id=project,
        village_id=h.village_id,
        year=year,
        amount_fen=fen,
        paid_on=on + timedelta(days=20),
        payee_member_id=h.members[0].id if h.members else None,
        evidence=[hashlib.sha256(f"{h.id}:{measure}:{on}".encode()).hexdigest()],
    )


def _visits(rows: Rows, paired: list[tuple[str, str, str]], rng: random.Random, today: date) -> None:
    """This year's visits of each current pairing (0 to 5: some below the county's minimum)."""
    found: tuple[Any, ...] = ("家中生产生活正常", "了解务工收入情况", "核实医疗报销情况", "宣传帮扶政策")
    for household, cadre, _pid in paired:
        for _ in range(rng.choice((0, 1, 2, 3, 4, 4, 5))):
            on = date(today.year, rng.randint(1, today.month), rng.randint(1, 28))
            rows.add(
                Visit,
                household_id=household,
                cadre_id=cadre,
                visited_on=min(on, today),
                found=rng.choice(found),
                agreed="继续落实帮扶措施",
            )
