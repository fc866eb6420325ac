"""Households for the quality rules, built in a real SQLite file: the card through ``save_card``, help
measures through ``add_help_measure``; the monitoring case, income record, post and work month rows are written
in one transaction as the monitoring tests write them (running the whole 15-day procedure per household
would make the suite slow without testing the rules any better)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.domain.idnumber import make_id
from desktop_app.services.households import HouseholdForm, MemberForm, save_card
from desktop_app.services.monitoring import add_help_measure
from desktop_app.storage.models_assist import Post, PostHolder, WorkMonth
from desktop_app.storage.models_monitoring import HelpMeasure, IncomeRecord, MonitoringCase
from tests.procedure.helpers import make_village

TODAY = date(2026, 12, 1)
INCLUDED = date(2026, 1, 10)
VILLAGE = "532999001001"
FULL_FACTS = {
    "dropout_child": False,
    "housing_damaged": False,
    "no_medical_insurance": False,
    "water_damaged": False,
    "wage_fen": 3_600_000,
    "property_fen": 50_000,
    "transfer_fen": 420_000,
    "production_fen": 800_000,
    "production_costs_fen": 200_000,
    "net_income_fen": 4_670_000,
    "per_capita_fen": 1_167_500,
    "insurance_claim_fen": 0,
    "out_of_pocket_fen": 120_000,
}


@dataclass
class Person:
    labour: str = "1"
    born: date = date(1975, 3, 1)
    school: str = "1"
    subsistence: bool = False
    work: str | None = None
    post_tier: str | None = None  # holds a contracted post of this tier
    places: tuple[str, ...] = ()  # work months with these places


@dataclass
class Spec:
    people: list[Person] = field(default_factory=lambda: [Person()])
    risks: tuple[str, ...] | None = ("05",)  # None: no monitoring case
    included: date = INCLUDED
    removed: date | None = None
    method: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    sub: str | None = None
    note: str = ""
    measures: list[tuple[str, list[str]]] = field(default_factory=list)  # (category, values), implemented
    planned: bool = False  # the measures are only planned
    out_of_pocket: int | None = 50_000


def village(db: Any) -> str:
    with db.transaction() as s:
        return make_village(s, VILLAGE)


def build(db: Any, vid: str, number: str, head: str, spec: Spec, seq: int) -> str:
    members = [
        MemberForm(
            name=head if i == 0 else f"{head[0]}家{i}",
            id_number=make_id("532999", p.born, ((seq * 10 + i) % 500) * 2 + 1),  # odd: male
            relation="01" if i == 0 else "03",
            sex="1",
            birth_date=p.born,
            labour=p.labour,
            school_status=p.school,
            subsistence_allowance=p.subsistence,
            work_status=p.work,
        )
        for i, p in enumerate(spec.people)
    ]
    form = HouseholdForm(village_id=vid, number=number, members=members)
    hid = save_card(db, form)
    with db.transaction() as s:
        if spec.risks is not None:
            removed = spec.removed is not None
            s.add(
                MonitoringCase(
                    household_id=hid,
                    stage="removed" if removed else "included",
                    category="2",
                    source="3",
                    found_on=spec.included,
                    included_on=spec.included,
                    removed_on=spec.removed,
                    closed_on=spec.removed,
                    risks=list(spec.risks),
                    disaster_sub=spec.sub,
                    risk_note=spec.note,
                    removal_method=spec.method,
                    removal_facts=spec.facts,
                )
            )
        if spec.out_of_pocket is not None:
            s.add(IncomeRecord(household_id=hid, year=2026, out_of_pocket_fen=spec.out_of_pocket))
        for person, member in zip(spec.people, form.members, strict=True):
            if person.post_tier:
                post = Post(village_id=vid, type="01", tier=person.post_tier)
                s.add(post)
                s.flush()
                s.add(PostHolder(post_id=post.id, household_id=hid, member_id=member.id, stage="4"))
            for n, place in enumerate(person.places):
                s.add(WorkMonth(household_id=hid, member_id=member.id, month=202601 + n, worked=True, place=place))
    for category, values in spec.measures:
        add_help_measure(db, hid, year=2026, category=category, values=values)
    if spec.planned:
        with db.transaction() as s:
            for m in s.query(HelpMeasure).filter(HelpMeasure.household_id == hid):
                m.status = "1"
    return hid


NOBODY = [Person(labour="5"), Person(labour="4")]
EVERYONE = [Person(labour="1"), Person(labour="2")]

# rule id → (a household that trips it, one that does not)
CASES: dict[str, tuple[Spec, Spec]] = {
    "Q01": (Spec(risks=()), Spec(risks=("05",))),
    "Q02": (
        Spec(removed=date(2026, 9, 1), method="2", facts={"wage_fen": 1}),
        Spec(removed=date(2026, 9, 1), method="2", facts=FULL_FACTS),
    ),
    "Q03": (
        Spec(removed=date(2026, 9, 1), method="1", facts=FULL_FACTS),
        Spec(removed=date(2026, 9, 1), method="1", facts=FULL_FACTS, measures=[("100A45", ["1"])]),
    ),
    "Q04": (
        Spec(measures=[("100A45", ["1"])], planned=True),
        Spec(measures=[("100A45", ["1"])]),
    ),
    "Q05": (
        Spec(removed=date(2026, 3, 1), method="2", facts=FULL_FACTS),
        Spec(removed=date(2026, 8, 1), method="2", facts=FULL_FACTS),
    ),
    "Q06": (Spec(risks=("99",)), Spec(risks=("99",), note="子女婚嫁借款")),
    "Q07": (Spec(risks=("04",)), Spec(risks=("04",), sub="1")),
    "Q08": (Spec(risks=("07",), people=NOBODY), Spec(risks=("07",), people=EVERYONE)),
    "Q09": (Spec(risks=("08",), people=EVERYONE), Spec(risks=("08",), people=[Person(labour="1"), Person("5")])),
    "Q10": (Spec(risks=("03",)), Spec(risks=("03",), measures=[("100A46", ["3"])])),
    "Q11": (Spec(risks=("10",)), Spec(risks=("10",), measures=[("100A51", ["2"])])),
    "Q12": (Spec(risks=("09",)), Spec(risks=("09",), measures=[("100A53", ["1"])])),
    "Q13": (
        Spec(measures=[("100A48", ["1"])]),
        Spec(measures=[("100A48", ["1"])], people=[Person(subsistence=True)]),
    ),
    "Q14": (Spec(measures=[("100A40", ["1"])]), Spec(measures=[("100A42", ["1"])])),
    "Q15": (
        Spec(risks=None, people=[Person(), Person(labour="5", born=date(2005, 5, 1), school="3")]),
        Spec(risks=None, people=[Person(), Person(labour="5", born=date(2016, 5, 1), school="3")]),
    ),
    "Q16": (Spec(risks=("01",), out_of_pocket=0), Spec(risks=("01",), out_of_pocket=120_000)),
    "Q17": (
        Spec(risks=None, people=[Person(work="4", post_tier="3")]),
        Spec(risks=None, people=[Person(work="1", post_tier="3")]),
    ),
    "Q18": (
        Spec(risks=None, people=[Person(work="4", places=("广东省",))]),
        Spec(risks=None, people=[Person(work="4", places=("广东省深圳市宝安区",))]),
    ),
}


def number_of(rule: str, trips: bool) -> str:
    return f"{VILLAGE}{int(rule[1:]):02d}{1 if trips else 2}0"
