"""Random sequences of real use cases (forms as a cadre might fill them, random dates) on a real SQLite file:
whatever is accepted, the database's histories pass the independent checker and the cards match them."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.domain.errors import DomainError
from desktop_app.services import open_database
from desktop_app.services.procedure import actions as pa
from desktop_app.services.procedure import batches as pb
from desktop_app.services.procedure.steps import load_state
from desktop_app.services.procedure.view import verify_database
from desktop_app.storage.models import Household, ProcedureEvent
from tests.procedure.helpers import make_household, make_village

ACTIONS = sorted(set(pa.ACTION_FORMS) - {"member_leave"})
_villages = itertools.count(1)


def _values(draw, action: str, hid: str, today: date, state) -> dict:
    bad = draw(st.integers(0, 4)) == 4  # now and then a form with a required field left empty
    on = today - timedelta(days=draw(st.integers(0, 2)))
    text = "" if bad else "经核实"
    values: dict = {"on_date": on, "reason": text, "decided_by": text and "村两委", "surveyors": "工作队"}
    if action == "evaluation":
        present = draw(st.integers(1, 20))
        values.update(
            meeting_date=on,
            place="村委会",
            chair="" if bad else "李书记",
            attendees_present=present,
            attendees_expected=20,
            votes={hid: (draw(st.integers(0, present)), 0, 0)},
        )
    elif action.endswith("_announcement_start"):
        values.update(start=on, end=on + timedelta(days=draw(st.sampled_from([3, 7, 8]))), issuing_body="村委会")
    elif action == "objection":
        values.update(raised_on=on, raised_by="村民", content=text)
    elif action == "objection_resolution":
        values.update(
            objection=draw(st.sampled_from(sorted(state.open_objections) or ["x"])),
            decision=draw(st.sampled_from(["dismissed", "upheld"])),
            action=draw(st.sampled_from(["", "back_to_survey", "removed", "exit_cancelled"])),
            finding=text,
            investigator="王队长",
            decided_on=on,
        )
    elif action in ("township_review", "county_approval"):
        values.update(reviewer="审核人", decision=draw(st.sampled_from(["approved", "approved", "rejected"])))
    elif action in ("county_notice", "exit_notice"):
        values.update(issuing_body="县扶贫办")
    elif action == "exit_acknowledgement":
        values.update(signed_by="" if bad else "户主")
    elif action == "member_join":
        values.update(kind="birth", name="新生儿")
    return values


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_random_use_cases_keep_the_database_consistent(tmp_path, data) -> None:
    n = next(_villages)  # a fresh database per example: hypothesis replays need the same starting point
    db = open_database(tmp_path / f"prop-{n}.sqlite", operator="测试员", device_id="p")
    code = "532999001001"
    with db.transaction() as s:
        vid = make_village(s, code)
        hids = [
            make_household(
                s,
                vid,
                f"{code}{i:04d}",
                f"户主{i}",
                seq=i,
                per_capita_yuan=data.draw(st.sampled_from([2000, 2500, 5000])),
            )
            for i in range(3)
        ]
    today = date(2024, 1, 1)
    attempts = accepted = 0
    for _ in range(data.draw(st.integers(15, 50))):
        today += timedelta(days=data.draw(st.sampled_from([0, 1, 3, 8])))
        hid = data.draw(st.sampled_from(hids))
        attempts += 1
        try:
            with db.transaction() as s:
                state = load_state(s, hid)
                if data.draw(st.integers(0, 6)) == 6:  # a list of several households at once
                    pb.open_announcement(
                        s, vid, "village", hids, start=today, end=today + timedelta(days=7), today=today
                    )
                    accepted += 1
                    continue
                legal = [a for a, why in _allowed(s, hid, today).items() if why is None]
                pool = ACTIONS if not legal or data.draw(st.integers(0, 9)) == 9 else legal  # now and then any
                action = data.draw(st.sampled_from(pool))
                values = pa.with_defaults(s, hid, action, _values(data.draw, action, hid, today, state), today=today)
                pa.perform(s, hid, action, values, today=today)
                accepted += 1
        except DomainError:
            continue
    hypothesis_event(f"accepted {accepted * 10 // attempts * 10}%")
    # The run means something only if the use cases did work: a refusal of everything would pass the checks.
    assert accepted >= max(1, attempts // 5), (accepted, attempts)
    with db.session() as s:
        assert verify_database(s, village_id=vid) == []
        events = s.execute(select(func.count()).select_from(ProcedureEvent)).scalar_one()
        assert events >= accepted  # every accepted step wrote its event (a list writes one per household)
        stages = [load_state(s, hid).stage for hid in hids]
        assert any(stage is not None for stage in stages)  # households moved on from "no application yet"
        for hid, stage in zip(hids, stages, strict=True):
            hypothesis_event(f"stage {stage}")
            assert s.get(Household, hid).stage == (stage or "applied")  # the card follows its history
    db.close()


def _allowed(session, hid: str, today: date) -> dict[str, str | None]:
    from desktop_app.services.procedure.view import overview

    return overview(session, hid, today=today).actions
