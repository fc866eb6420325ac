"""The demo county's procedure history passes the same checker as the engine's property tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from desktop_app.services.demo.households import generate_demo
from desktop_app.services.procedure.batches import village_batches
from desktop_app.services.procedure.view import overview, verify_database
from desktop_app.storage.models import Area, Batch, BatchHousehold, Household, Objection, ProcedureEvent


def test_demo_households_have_the_history_their_stage_implies(db) -> None:
    with db.transaction() as s:
        generate_demo(s, households=600, villages=3, seed=3)
    with db.session() as s:
        assert verify_database(s) == []
        stages = dict(s.execute(select(Household.stage, func.count()).group_by(Household.stage)).all())
        assert stages["registered"] > 100 and stages["exited"] > 10 and stages.get("applied", 0) > 5
        # every household with a stage beyond the application has events, and votes sit on evaluation lists
        assert s.execute(select(func.count()).select_from(ProcedureEvent)).scalar_one() > 3000
        voted = s.execute(
            select(func.count())
            .select_from(BatchHousehold)
            .join(Batch, Batch.id == BatchHousehold.batch_id)
            .where(Batch.kind == "evaluation", BatchHousehold.votes_for.is_not(None))
        ).scalar_one()
        assert voted >= stages["registered"]
        assert (
            s.execute(select(func.count()).select_from(Objection).where(Objection.status == "open")).scalar_one() == 0
        )
        village = s.execute(select(Area.id).where(Area.level == "village").order_by(Area.code)).scalars().first()
        batches = village_batches(s, village, today=date(2019, 12, 31))
        assert {b.kind for b in batches} >= {"evaluation", "village_announcement", "county_notice", "exit_notice"}
        registered = s.execute(select(Household.id).where(Household.stage == "registered")).scalars().first()
        view = overview(s, registered, today=date(2020, 1, 1))
        assert all(m.done and m.actor for m in view.steps) and view.actions["exit_proposal"] is None
