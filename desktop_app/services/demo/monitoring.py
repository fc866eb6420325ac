"""Demo monitoring (防止返贫监测) for the demo county: households at every step of the procedure.

Written after the county exists, each step through the monitoring use cases (``open_clue`` and
``do_action``: the same checks as a user's, so that ``fupin monitor check`` passes on the demo). Dates are
placed around ``today``: clues found a few days ago, some close to their deadline (warned), some past it
(overdue); cases included in 2025 and 2026, refused and withdrawn ones, risk removals of both kinds (one
overridden guard), a removal stopped by the township, and a household included again after a removal.
The monitoring lines, the yearly income records (two years for some: the income of one falls sharply)
and the help measures (some that pass the county's checks, some that do not) are written directly in one
unit of work before the cases, as the demo writes the rest of the county.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.income_sheet import income_record_id, monitoring_line_id
from desktop_app.services.monitoring import case_detail, do_action, household_cases, open_clue
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_monitoring import HelpMeasure, IncomeRecord, MonitoringLine
from desktop_app.storage.queries import live

DEMO_PROVINCE = "53"
# (year, per person per year in fen, document): provincial lines of the demo (county data, never national)
DEMO_LINES = (
    (2024, 870_000, "云南省2024年防止返贫监测范围（演示）"),
    (2025, 870_000, "云南省2025年防止返贫监测范围（演示）"),
    (2026, 900_000, "云南省2026年防止返贫致贫对象识别标准（演示）"),
)
CHECKERS = "李建国,王芳"
CONTACTS = (("赵刚", "13908721234"), ("孙丽", "13987215678"), ("杨帆", "13529871234"))

# The steps up to inclusion, as (action, days after the clue was found).
INCLUSION = (
    ("home_check", 1),
    ("consent", 2),
    ("comparison", 3),
    ("evaluation", 3),
    ("notice_start", 4),
    ("notice_end", 10),
    ("township_review", 11),
    ("county_approval", 12),
    ("announcement", 13),
)
# The steps of a risk removal, as (action, days after the removal was proposed).
REMOVAL = (
    ("removal_check", 2),
    ("removal_evaluation", 3),
    ("removal_notice_start", 4),
    ("removal_notice_end", 10),
    ("removal_township_review", 11),
    ("removal_county_approval", 12),
)


@dataclass(frozen=True)
class Scenario:
    """One demo household's monitoring: found ``found`` days from today (negative: in the past)."""

    name: str
    category: str
    risks: str
    found: int
    until: str  # the last inclusion step taken ("clue": only the clue)
    ending: str = ""  # refusal | withdrawal | failed | objection
    removal: int | None = None  # days from today the removal is proposed
    removal_until: str = ""  # the last removal step taken
    method: str = "1"
    removal_outcome: str = "approved"
    source: str = "3"
    again: int | None = None  # a new clue this many days from today, after the removal, to inclusion


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("clue_new", "2", "01", -2, "clue", source="1"),
    Scenario("clue_warned", "2", "07", -13, "clue", source="2"),
    Scenario("clue_overdue", "3", "05", -24, "clue", source="4"),
    Scenario("checked", "1", "01,08", -4, "home_check"),
    Scenario("checked_overdue", "2", "09", -21, "home_check"),
    Scenario("consented", "3", "04", -6, "consent"),
    Scenario("evaluated", "2", "03", -6, "evaluation"),
    Scenario("noticing", "1", "02", -7, "notice_start"),
    Scenario("noticing_objection", "2", "07,03", -8, "notice_start", ending="objection"),
    Scenario("noticed", "2", "10", -11, "notice_end"),
    Scenario("township_reviewed", "1", "01", -12, "township_review"),
    Scenario("county_approved", "3", "05,01", -13, "county_approval"),
    Scenario("included_2026", "2", "01,07", -60, "announcement"),
    Scenario("included_2026b", "1", "06", -45, "announcement"),
    Scenario("refused_vote", "2", "99", -15, "evaluation", ending="failed"),
    Scenario("refused", "3", "04", -18, "home_check", ending="refusal"),
    Scenario("withdrawn", "2", "07", -9, "clue", ending="withdrawal"),
    Scenario("removal_proposed", "1", "01", -560, "announcement", removal=-1, removal_until="removal_proposal"),
    Scenario("removal_checked", "2", "07", -540, "announcement", removal=-4, removal_until="removal_check"),
    Scenario("removal_evaluated", "1", "08", -530, "announcement", removal=-5, removal_until="removal_evaluation"),
    Scenario("removal_noticing", "2", "06", -520, "announcement", removal=-6, removal_until="removal_notice_start"),
    Scenario("removal_noticed", "1", "01", -510, "announcement", removal=-12, removal_until="removal_notice_end"),
    Scenario("removal_township", "2", "03", -500, "announcement", removal=-14, removal_until="removal_township_review"),
    Scenario(
        "removal_stopped",
        "1",
        "07",
        -490,
        "announcement",
        removal=-20,
        removal_until="removal_township_review",
        removal_outcome="rejected",
    ),
    Scenario("removed_help", "1", "07,01", -480, "announcement", removal=-40, removal_until="removal_county_approval"),
    Scenario(
        "removed_natural",
        "2",
        "04",
        -470,
        "announcement",
        removal=-50,
        removal_until="removal_county_approval",
        method="2",
    ),
    Scenario(
        "included_again",
        "1",
        "01",
        -700,
        "announcement",
        removal=-300,
        removal_until="removal_county_approval",
        again=-40,
    ),
)


@dataclass
class MonitoringDemo:
    """What the demo wrote: the scenario name of each household number, and how many steps."""

    households: dict[str, str] = field(default_factory=dict)  # 户编号 -> scenario name
    steps: int = 0
    lines: int = 0
    incomes: int = 0
    measures: int = 0


def _iso(day: date) -> str:
    return day.isoformat()


def _votes(on: date, passed: bool = True) -> dict[str, Any]:
    present = 21
    yes = 17 if passed else 6
    return {
        "date": _iso(on),
        "place": "村委会会议室",
        "chair": "李建国",
        "present": str(present),
        "expected": "25",
        "for": str(yes),
        "against": str(present - yes - 1),
        "abstain": "1",
    }


def _values(action: str, on: date, s: Scenario, head: str, scan: str, index: int) -> dict[str, Any]:
    """The values of ``action`` on ``on`` for a demo household (what a cadre would fill in)."""
    if action == "home_check":
        return {"date": _iso(on), "checkers": CHECKERS, "category": s.category, "findings": "入户核实情况属实。"}
    if action == "consent":
        return {"date": _iso(on), "signed_by": head, "fingerprint": "yes", "scan": scan}
    if action == "comparison":
        return {"date": _iso(on), "result": "passed"}
    if action in ("evaluation", "removal_evaluation"):
        return _votes(on, passed=s.ending != "failed" or action != "evaluation")
    if action in ("notice_start", "removal_notice_start"):
        return {"date": _iso(on), "end": _iso(on + timedelta(days=5))}
    if action in ("township_review", "county_approval", "removal_county_approval"):
        return {"date": _iso(on), "outcome": "approved"}
    if action == "removal_township_review":
        outcome = s.removal_outcome
        reason = "该户收入尚不稳定，继续监测帮扶" if outcome == "rejected" else ""
        return {"date": _iso(on), "outcome": outcome, "reason": reason}
    if action == "announcement":
        name, phone = CONTACTS[index % len(CONTACTS)]
        return {"date": _iso(on), "category": s.category, "contact_name": name, "contact_phone": phone}
    if action == "removal_proposal":
        return {"date": _iso(on), "method": s.method}
    if action == "removal_check":
        return {
            "date": _iso(on),
            "checkers": CHECKERS,
            "stable_since": _iso(on - timedelta(days=240)),
            "new_risk": "no",
            "dropout_child": "no",
            "housing_damaged": "no",
            "no_medical_insurance": "no",
            "water_damaged": "no",
            "wage_fen": "3600000",
            "property_fen": "50000",
            "transfer_fen": "420000",
            "production_fen": "800000",
            "production_costs_fen": "200000",
            "net_income_fen": "4670000",
            "per_capita_fen": "1167500",
            "insurance_claim_fen": "0",
            "out_of_pocket_fen": "120000",
        }
    return {"date": _iso(on)}


def _until(steps: Sequence[tuple[str, int]], last: str) -> list[tuple[str, int]]:
    names = [a for a, _ in steps]
    return list(steps[: names.index(last) + 1]) if last in names else []


@contextmanager
def _scan_file() -> Iterator[str]:
    """A small stand-in for the signed consent's scan (each household's consent stores a copy of it)."""
    with tempfile.TemporaryDirectory(prefix="fupin-demo-") as folder:
        path = Path(folder) / "承诺授权书扫描件（演示）.pdf"
        path.write_bytes(b"%PDF-1.4\n% demo scan of a signed consent form\n%%EOF\n")
        yield str(path)


def _pick(session: Session, village_codes: Sequence[str] | None, count: int) -> list[Household]:
    """Households of the first demo villages, exited ones first (category 1 goes to former poor households)."""
    villages = select(col(Area.id)).where(col(Area.level) == "village", live(Area)).order_by(col(Area.code))
    if village_codes:
        villages = villages.where(col(Area.code).in_(list(village_codes)))
    ids = list(session.execute(villages).scalars())
    rows = list(
        session.execute(
            select(Household)
            .where(col(Household.village_id).in_(ids), live(Household), col(Household.size) > 0)
            .order_by(col(Household.number))
        ).scalars()
    )
    return rows[:count]


def _write_background(session: Session, households: list[Household], today: date, rng: random.Random) -> MonitoringDemo:
    out = MonitoringDemo()
    have = {
        (r[0], r[1]) for r in session.execute(select(col(MonitoringLine.region_code), col(MonitoringLine.year))).all()
    }
    for year, fen, document in DEMO_LINES:
        if (DEMO_PROVINCE, year) not in have:
            session.add(
                MonitoringLine(
                    id=monitoring_line_id(DEMO_PROVINCE, year),
                    region_code=DEMO_PROVINCE,
                    year=year,
                    amount_fen=fen,
                    document=document,
                )
            )
            out.lines += 1
    existing = {
        (r[0], r[1]) for r in session.execute(select(col(IncomeRecord.household_id), col(IncomeRecord.year))).all()
    }
    for index, h in enumerate(households):
        members = list(
            session.execute(
                select(col(Member.id)).where(col(Member.household_id) == h.id, live(Member), col(Member.active))
            ).scalars()
        )
        size = max(1, len(members))
        base = rng.randint(700_000, 1_500_000)  # per person, fen
        years = (today.year - 1, today.year) if index % 3 == 0 else (today.year - 1,)
        for year in years:
            per_capita = base if year < today.year or index % 6 else base * 45 // 100  # a sharp fall
            if (h.id, year) in existing:
                continue
            net = per_capita * size
            session.add(
                IncomeRecord(
                    id=income_record_id(h.id, year),
                    household_id=h.id,
                    year=year,
                    window="collection",
                    period_start=date(year - 1, 10, 1),
                    period_end=date(year, 9, 30),
                    wage_fen=net * 6 // 10,
                    business_fen=net * 3 // 10,
                    transfer_fen=net - net * 6 // 10 - net * 3 // 10,
                    gross_fen=net,
                    net_fen=net,
                    size=size,
                    member_ids=members,
                    per_capita_fen=per_capita,
                    out_of_pocket_fen=rng.choice((0, 150_000, 2_600_000)),
                )
            )
            out.incomes += 1
    return out


def add_monitoring_demo(
    db: Database,
    *,
    today: date | None = None,
    seed: int = 1,
    village_codes: Sequence[str] | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> MonitoringDemo:
    """Put demo households of the first village(s) under monitoring, one scenario each (see ``SCENARIOS``)."""
    today = today or date.today()
    rng = random.Random(seed * 104_729 + 15)
    with reading(db) as session:
        chosen = [(h.id, h.number, h.head_name) for h in _pick(session, village_codes, len(SCENARIOS))]
    with writing(db, "demo.generate") as work:
        ids = [i for i, _, _ in chosen]
        rows = list(work.session.execute(select(Household).where(col(Household.id).in_(ids))).scalars())
        out = _write_background(work.session, rows, today, rng)
        out.measures = _write_measures(work.session, chosen, today)
        work.touch(everything=True)
    with _scan_file() as scan:
        for index, (scenario, (household_id, number, head)) in enumerate(zip(SCENARIOS, chosen, strict=False)):
            if progress is not None:
                progress(index, len(chosen))
            out.households[number] = scenario.name
            out.steps += _run(db, scenario, household_id, head, scan, index, today)
    _link_measures(db, [i for i, _, _ in chosen])
    return out


def _run(db: Database, s: Scenario, household: str, head: str, scan: str, index: int, today: date) -> int:
    found = today + timedelta(days=s.found)
    risks = s.risks.split(",")
    extra: dict[str, Any] = {}
    if "04" in risks:
        extra["disaster_sub"] = "1"
    if "99" in risks:
        extra["risk_note"] = "家庭主要成员长期在外失联"
    open_clue(db, household, source=s.source, found=found, risks=risks, today=today, **extra)
    steps = 1
    for action, offset in _until(INCLUSION, s.until):
        on = found + timedelta(days=offset)
        do_action(db, household, action, _values(action, on, s, head, scan, index), today=today)
        steps += 1
    last = found + timedelta(days=dict(INCLUSION).get(s.until, 0))
    if s.ending in ("refusal", "withdrawal"):
        reason = "经核实家庭收入高于监测范围，不予纳入" if s.ending == "refusal" else "农户主动撤回申请"
        on = min(today, last + timedelta(days=1))
        do_action(db, household, s.ending, {"date": _iso(on), "reason": reason}, today=today)
        steps += 1
    if s.ending == "objection":
        on = min(today, last + timedelta(days=1))
        values = {"date": _iso(on), "objection_id": "1", "content": "该户家中有小轿车一辆", "raised_by": "村民（匿名）"}
        do_action(db, household, "objection", values, today=today)
        steps += 1
    if s.removal is not None:
        steps += _remove(db, s, household, today + timedelta(days=s.removal), today)
    if s.again is not None:
        again = Scenario(s.name, "3", "05", s.again, "announcement")
        steps += _run(db, again, household, head, scan, index + 1, today)
    return steps


def _remove(db: Database, s: Scenario, household: str, start: date, today: date) -> int:
    do_action(db, household, "removal_proposal", _values("removal_proposal", start, s, "", "", 0), today=today)
    steps = 1
    for action, offset in _until(REMOVAL, s.removal_until):
        on = start + timedelta(days=offset)
        if action == "removal_evaluation" and _guard_failures(db, household, today):
            values = {
                "date": _iso(on),
                "reason": "经乡村两级核实，该户收入已稳定，同意认定",
                "decided_by": "乡镇审核组",
            }
            do_action(db, household, "removal_override", values, today=today)
            steps += 1
        do_action(db, household, action, _values(action, on, s, "", "", 0), today=today)
        steps += 1
    return steps


def _guard_failures(db: Database, household: str, today: date) -> bool:
    """Whether the latest removal check of the household's case left a guard failing (then it is overridden)."""
    cases = household_cases(db, household, today=today)
    detail = case_detail(db, cases[0].case_id, today=today)
    checks = [e for e in detail.events if e.step == "removal_check"]
    return bool(checks and checks[-1].data.get("guard_failures"))


# scenario -> (help category, values): industry help and a post pass the development check, skills
# training alone does not; "included_2026" gets no measure at all (the one-month check fires).
MEASURES: dict[str, tuple[str, list[str]]] = {
    "included_2026b": ("100A40", ["1"]),
    "removed_help": ("100A40", ["2"]),
    "removed_natural": ("100A45", ["1"]),
    "included_again": ("100A39", ["1"]),
    "removal_proposed": ("100A39", ["1"]),
    "removal_checked": ("100A42", ["1"]),
    "removal_evaluated": ("100A48", ["1"]),
    "removal_noticing": ("100A39", ["1"]),
    "removal_noticed": ("100A45", ["1"]),
    "removal_township": ("100A46", ["1"]),
    "removal_stopped": ("100A40", ["2"]),
}


def _write_measures(session: Session, chosen: Sequence[tuple[str, str, str]], today: date) -> int:
    """The help of the included households, started three weeks after their inclusion (before any removal)."""
    count = 0
    for scenario, (household_id, _number, _head) in zip(SCENARIOS, chosen, strict=False):
        if scenario.name not in MEASURES or scenario.until != "announcement":
            continue
        category, values = MEASURES[scenario.name]
        on = today + timedelta(days=scenario.found + 13 + 21)
        session.add(
            HelpMeasure(household_id=household_id, year=on.year, category=category, values=values, started_on=on)
        )
        count += 1
    return count


def _link_measures(db: Database, household_ids: Sequence[str]) -> None:
    """Each demo measure belongs to the case that was open (included) when it started."""
    from desktop_app.storage.models_monitoring import MonitoringCase

    with writing(db, "demo.generate") as work:
        session = work.session
        measures = session.execute(
            select(HelpMeasure).where(
                col(HelpMeasure.household_id).in_(list(household_ids)), col(HelpMeasure.case_id).is_(None)
            )
        ).scalars()
        for m in list(measures):
            cases = session.execute(
                select(MonitoringCase)
                .where(col(MonitoringCase.household_id) == m.household_id, live(MonitoringCase))
                .order_by(col(MonitoringCase.round))
            ).scalars()
            started = m.started_on or date.min
            owner = [c for c in cases if c.included_on is not None and c.included_on <= started]
            if owner:
                m.case_id = owner[-1].id
        work.touch(everything=True)
