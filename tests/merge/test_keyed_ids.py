"""Records whose id is made from their key (a household's plan of a year, a member's month): two laptops that
create the same one independently must not lose either's values in a merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.assistance import plan_id, work_month_id
from desktop_app.services import Database
from desktop_app.services.merge import IncomingRecord, apply_incoming
from desktop_app.services.merge.conflicts import list_conflicts
from desktop_app.services.merge.records import MergeResult
from desktop_app.storage.models_assist import HelpPlan, WorkMonth
from tests.merge.helpers import clone, export, ids, make_base


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return make_base(tmp_path / "base.sqlite", households=2, seed=5)


def _plan(db: Database, household_id: str, targets: str, causes: list[str]) -> None:
    with db.transaction() as session:
        session.add(
            HelpPlan(
                id=plan_id(household_id, 2025),
                household_id=household_id,
                year=2025,
                targets=targets,
                causes=causes,
                device_id=db.device_id,
            )
        )


def _month(db: Database, household_id: str, member_id: str, wage_fen: int, employer: str) -> None:
    with db.transaction() as session:
        session.add(
            WorkMonth(
                id=work_month_id(member_id, 202511),
                household_id=household_id,
                member_id=member_id,
                month=202511,
                worked=True,
                wage_fen=wage_fen,
                employer=employer,
                device_id=db.device_id,
            )
        )


def _merge(db: Database, records: list[IncomingRecord], label: str) -> MergeResult:
    with db.transaction() as session:
        return apply_incoming(session, records, source_label=label)


def test_two_laptops_writing_the_same_years_plan_get_a_conflict_not_a_silent_overwrite(
    tmp_path: Path, base: Path
) -> None:
    a, b = clone(base, tmp_path / "a.sqlite", "a"), clone(base, tmp_path / "b.sqlite", "b")
    households, _members = ids(a)
    _plan(a, households[0], "甲的目标", ["01"])
    _plan(b, households[0], "乙的目标", ["03"])
    result = _merge(b, export(a), "笔记本A")
    assert {c.field for c in result.conflicts} >= {"targets", "causes"}
    with b.session() as session:
        plan = session.get(HelpPlan, plan_id(households[0], 2025))
        assert plan is not None and plan.targets == "乙的目标"  # kept until a person decides
        shown = list_conflicts(session)
    assert {c.incoming_value for c in shown if c.field == "targets"} == {"甲的目标"}


def test_the_same_month_typed_alike_on_two_laptops_merges_quietly_and_an_edit_after_it_applies(
    tmp_path: Path, base: Path
) -> None:
    a, b = clone(base, tmp_path / "a.sqlite", "a"), clone(base, tmp_path / "b.sqlite", "b")
    households, members = ids(a)
    _month(a, households[0], members[0], 300000, "县城建筑队")
    _month(b, households[0], members[0], 300000, "县城建筑队")
    first = _merge(b, export(a), "笔记本A")
    assert not first.conflicts  # the same values: agreement
    # after that merge, an edit on A is a change of a state both know: it applies without a conflict
    with a.transaction() as session:
        row = session.get(WorkMonth, work_month_id(members[0], 202511))
        assert row is not None
        row.wage_fen, row.version = 320000, row.version + 1
    _merge(a, export(b), "笔记本B")
    second = _merge(b, export(a), "笔记本A")
    assert not second.conflicts
    with b.session() as session:
        row = session.get(WorkMonth, work_month_id(members[0], 202511))
        assert row is not None and row.wage_fen == 320000
