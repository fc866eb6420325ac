"""Demo data is deterministic and realistic enough to test and demonstrate with."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlmodel import select

from desktop_app import catalog
from desktop_app.domain.idnumber import check
from desktop_app.domain.income import Income, per_capita_net
from desktop_app.services.demo.households import STAGES, generate_demo
from desktop_app.storage.database import open_database
from desktop_app.storage.models import Household, Measure, Member


def _people(path) -> list[tuple[str, str]]:
    db = open_database(path, device_id="d")
    with db.transaction() as s:
        generate_demo(s, households=150, seed=42)
    with db.session() as s:
        rows = s.exec(select(Member.name, Member.id_number).order_by(Member.id_number)).all()
    db.close()
    return [tuple(r) for r in rows]


def test_same_seed_gives_the_same_people(tmp_path) -> None:
    assert _people(tmp_path / "a.sqlite") == _people(tmp_path / "b.sqlite")


def test_demo_households_are_coherent(sqlite_db) -> None:
    with sqlite_db.transaction() as s:
        result = generate_demo(s, households=1500, villages=6, seed=3)
    lists = catalog.codelists()
    with sqlite_db.session() as s:
        households = s.exec(select(Household)).all()
        members = s.exec(select(Member)).all()
        measures = s.exec(select(Measure)).all()
    assert len(households) == result.households == 1500 and len(members) == result.members
    by_household: dict[str, list[Member]] = {}
    for m in members:
        by_household.setdefault(m.household_id, []).append(m)
    ids = [m.id_number for m in members]
    assert len(set(ids)) == len(ids)  # one person, one card
    for m in members:
        verdict = check(m.id_number, today=date(2019, 12, 31))
        assert verdict.valid and verdict.sex == m.sex and verdict.birth_date == m.birth_date
        for list_id, value in (
            ("relation", m.relation),
            ("sex", m.sex),
            ("ethnicity", m.ethnicity),
            ("education", m.education),
            ("health", m.health),
            ("labour", m.labour),
        ):
            assert value in lists[list_id], (list_id, value)
    for h in households:
        family = by_household[h.id]
        heads = [m for m in family if m.relation == "01"]
        assert len(heads) == 1 and heads[0].name == h.head_name and h.size == len(family)
        spouses = [m for m in family if m.relation == "02"]
        assert all(sp.sex != heads[0].sex for sp in spouses)
        assert all(m.birth_date > heads[0].birth_date for m in family if m.relation in ("03", "04"))
        income = Income(
            h.income_wage_fen,
            h.income_business_fen,
            h.income_property_fen,
            h.income_transfer_fen,
            h.production_costs_fen,
        )
        assert h.per_capita_income_fen == per_capita_net(income, h.size)
        assert h.attribute in lists["attribute"] and h.main_cause in lists["cause"]
    stages = Counter(h.stage for h in households)
    assert set(stages) == {code for code, _weight in STAGES}  # every procedure stage is represented
    assert set(stages) <= set(lists["stage"].codes())
    assert {h.status for h in households} == {"1", "2", "3", "4"}
    below = sum(1 for h in households if h.per_capita_income_fen < 374_700)
    assert 0.2 < below / len(households) < 0.9  # incomes around the line, on both sides
    assert measures and all(m.type in lists["measure_type"] for m in measures)
    registered = {h.id for h in households if h.cadre_id}
    assert registered and all(m.household_id in registered for m in measures)
