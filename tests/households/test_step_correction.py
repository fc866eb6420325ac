"""撤回上一步: a step entered by mistake is withdrawn with a reason, kept in the record, and the household is
back where it was; the independent checker accepts the corrected history and still objects to a bad one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from desktop_app.domain.procedure import Event, State, advance, check, replay
from desktop_app.domain.procedure_audit import verify_history
from desktop_app.domain.procedure_rules import ProcedureError, ProcedureRules, step_label
from desktop_app.services.households.history import household_history
from desktop_app.services.procedure import batches as pb
from desktop_app.services.procedure import steps as proc
from desktop_app.services.procedure.view import verify_database
from desktop_app.storage.models import BatchHousehold, Household, ProcedureEvent
from tests.procedure.helpers import make_household, make_village
from tests.procedure.test_gui import chinese_ui, type_chinese  # noqa: F401

RULES = ProcedureRules()
DAY = date(2024, 1, 1)
VOTES = {"present": 20, "for": 15, "against": 3, "abstain": 2, "place": "村委会", "chair": "李书记"}
PATH = [
    Event("application", DAY),
    Event("survey", DAY + timedelta(1), outcome="eligible"),
    Event("evaluation", DAY + timedelta(2), outcome="passed", data=VOTES),
    Event("village_announcement_start", DAY + timedelta(3), data={"end": DAY + timedelta(10)}),
    Event("village_announcement_end", DAY + timedelta(11), outcome="completed"),
    Event("township_review", DAY + timedelta(12), outcome="approved"),
    Event("township_announcement_start", DAY + timedelta(13), data={"end": DAY + timedelta(20)}),
    Event("township_announcement_end", DAY + timedelta(21), outcome="completed"),
    Event("county_approval", DAY + timedelta(22), outcome="approved"),
    Event("county_notice", DAY + timedelta(23), outcome="registered"),
]


def _fix(on: date, reason: str = "录入错了户") -> Event:
    return Event("correction", on, "corrected", reason)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, len(PATH)), st.integers(0, 3), st.booleans())
def test_withdrawing_any_step_returns_to_the_state_before_it(length: int, late: int, redo: bool) -> None:
    """For every prefix of the straight path: a correction gives back exactly the state before its last step,
    the checker accepts the history, and the step entered again (on its real date) carries on as before."""
    events = PATH[:length]
    before = replay(events[:-1])
    state = replay(events)
    correction = _fix(events[-1].on_date + timedelta(late))
    withdrawable = events[-1].step not in ("village_announcement_end", "township_announcement_end")
    if not withdrawable:
        with pytest.raises(ProcedureError) as refused:
            check(state, correction, today=correction.on_date, rules=RULES)
        assert refused.value.code == "not_withdrawable"
        assert refused.value.message_zh.startswith(f"上一步“{step_label(events[-1].step)}”不能撤回：")
        return
    check(state, correction, today=correction.on_date, rules=RULES)
    after = advance(state, correction)
    assert after == before and (after.stage, after.status) == (before.stage, before.status)
    history = [*events, correction]
    assert replay(history) == before
    assert verify_history(history, RULES, stage=before.stage or "applied") == []
    if redo:
        again = events[-1]
        check(after, again, today=correction.on_date, rules=RULES)  # its own date, before the correction's
        assert advance(after, again) == state
        assert verify_history([*history, again], RULES, stage=state.stage) == []


def test_a_correction_needs_a_reason_a_step_and_a_date_after_it() -> None:
    state = replay(PATH[:2])
    for event, code in (
        (_fix(DAY + timedelta(1), " "), "reason_required"),
        (_fix(DAY), "date_before_previous"),
    ):
        with pytest.raises(ProcedureError) as refused:
            check(state, event, today=DAY + timedelta(5), rules=RULES)
        assert refused.value.code == code
    with pytest.raises(ProcedureError) as refused:
        check(State(), _fix(DAY), today=DAY, rules=RULES)
    assert refused.value.message_zh == "本户没有可撤回的程序步骤"


def test_the_checker_still_objects_to_a_bad_correction() -> None:
    unexplained = verify_history([*PATH[:3], _fix(DAY + timedelta(3), "")], RULES, stage="surveyed")
    assert [v.code for v in unexplained] == ["missing_reason"]
    orphan = verify_history([_fix(DAY)], RULES, stage="applied")
    assert [v.code for v in orphan] == ["nothing_withdrawn"]
    # the withdrawn evaluation no longer counts: registering without another one is caught
    skipped = [*PATH[:3], _fix(DAY + timedelta(2)), *PATH[3:]]
    codes = [v.code for v in verify_history(skipped, RULES, stage="registered")]
    assert "missing_step" in codes


@pytest.fixture
def household(sqlite_db):
    with sqlite_db.transaction() as s:
        vid = make_village(s)
        hid = make_household(s, vid, "5329990010010001", "张富贵", seq=1)
    return sqlite_db, vid, hid


def _evaluate(s, vid: str, hid: str, on: date) -> str:
    batch = pb.create_evaluation(
        s, vid, [hid], meeting_date=on, today=on, place="村委会", chair="李书记", attendees_present=20
    )
    pb.record_votes(s, batch, {hid: (15, 3, 2)})
    pb.close_evaluation(s, batch, today=on)
    return batch


def test_withdrawing_an_evaluation_keeps_it_on_record_and_off_the_list(household) -> None:
    db, vid, hid = household
    with db.transaction() as s:
        proc.create_application(s, hid, on_date=DAY, today=DAY)
        proc.complete_survey(s, hid, on_date=DAY, today=DAY)
        batch = _evaluate(s, vid, hid, DAY + timedelta(1))
        assert s.get(Household, hid).stage == "evaluated"
    with db.transaction() as s:
        state = proc.withdraw_last_step(s, hid, reason="票数录错了一户", today=DAY + timedelta(3))
    assert state.stage == "surveyed"
    with db.session() as s:
        row = s.get(Household, hid)
        assert (row.stage, row.status) == ("surveyed", "1")
        steps = [(e.step, e.outcome, e.reason) for e in proc.event_rows(s, hid)]
        assert steps[-2][0] == "evaluation"  # never deleted
        assert steps[-1] == ("correction", "corrected", "票数录错了一户")
        listed = s.execute(select(BatchHousehold).where(BatchHousehold.batch_id == batch)).scalars().one()
        assert (listed.result, listed.reason) == ("withdrawn", "撤回（录入有误）：票数录错了一户")
        lines = [e.describe() for e in household_history(s, hid)]
        assert "户卡 · 识别程序阶段：民主评议 → 入户调查" in lines
        assert verify_database(s) == []
    with db.transaction() as s:  # the evaluation is held again and counts
        _evaluate(s, vid, hid, DAY + timedelta(4))
        assert s.get(Household, hid).stage == "evaluated"
        assert verify_database(s) == []


def test_nothing_is_written_when_withdrawing_is_refused(household) -> None:
    db, _vid, hid = household
    with pytest.raises(ProcedureError) as refused, db.transaction() as s:
        proc.withdraw_last_step(s, hid, reason="误录", today=DAY)
    assert refused.value.message_zh == "本户没有可撤回的程序步骤"
    with db.transaction() as s:
        proc.create_application(s, hid, on_date=DAY, today=DAY)
    with pytest.raises(ProcedureError) as refused, db.transaction() as s:
        proc.withdraw_last_step(s, hid, reason="  ", today=DAY)
    assert refused.value.message_zh == "撤回上一步必须填写理由"
    with db.session() as s:
        assert [r.step for r in s.execute(select(ProcedureEvent)).scalars()] == ["application"]


def test_the_card_panel_withdraws_the_last_step_with_a_reason(qtbot, household) -> None:
    from desktop_app.ui.procedure_panel import ProcedurePanel

    db, _vid, hid = household
    with db.transaction() as s:
        proc.create_application(s, hid, on_date=DAY, today=DAY)
        proc.complete_survey(s, hid, on_date=DAY + timedelta(1), today=DAY + timedelta(1))
    panel = ProcedurePanel(db, hid, today=DAY + timedelta(2))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.withdraw_button.isVisible() and panel.withdraw_button.isEnabled()
    assert panel.withdraw_button.text() == "撤回上一步…"
    assert "入户调查" in panel.withdraw_button.toolTip()
    dialog = panel.open_withdraw()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "入户调查" in dialog.findChildren(type(dialog.error))[0].text()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no reason: refused, the dialog stays
    assert dialog.isVisible() and dialog.error.text() == "撤回上一步必须填写理由"
    type_chinese(dialog.reason, "调查表填错了户")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert panel.overview.stage == "applied"
    assert "农户申请" in panel.header.text()
    top = [panel.timeline.item(0, c).text() for c in range(5)]
    assert top[1:3] == ["撤回上一步", "录入有误，已撤回"] and top[4] == "调查表填错了户"
    assert panel.timeline.item(1, 1).text() == "入户调查"
    assert panel.timeline.item(1, 2).text().endswith("（已撤回）")
    assert panel.timeline.item(1, 2).font().strikeOut()
    marks = {panel.steps.item(r, 0).text() for r in range(panel.steps.rowCount())}
    assert "○ 入户调查" in marks  # the indicator no longer counts the survey
    assert "survey" in {a for a, b in panel.buttons.items() if not b.isHidden()}
    QApplication.processEvents()
