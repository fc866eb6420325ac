"""Monitoring batches (services/monitoring/batches.py and the tab's batch panel) on a real SQLite file: one
meeting evaluates several cases, one village notice runs for two cases and is closed after its period; one
refused household leaves the whole batch unwritten."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop_app.domain.errors import DomainError
from desktop_app.services.monitoring import (
    case_list,
    close_monitor_notice,
    do_action,
    hold_monitor_evaluation,
    household_cases,
    monitor_batches,
    ready_for_batch,
    start_monitor_notice,
)
from desktop_app.ui.monitoring_view import MonitoringView
from tests.monitor_ui.conftest import TODAY, VILLAGE_CODE

MEETING = {"date": TODAY - timedelta(days=4), "place": "村委会", "chair": "李书记", "present": 20, "expected": 25}


def _stages(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {r.head_name: r.stage for r in case_list(db, village_code=VILLAGE_CODE, today=TODAY)}


def test_one_meeting_evaluates_several_cases_each_by_its_votes(consented) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = consented("张富贵", "李秀英")
    assert {hid for hid, _ in ready_for_batch(db, vid, "monitor_evaluation")} == {ids["张富贵"], ids["李秀英"]}
    votes = {ids["张富贵"]: (18, 1, 1), ids["李秀英"]: (5, 14, 1)}
    batch_id = hold_monitor_evaluation(db, vid, MEETING, votes, today=TODAY)
    assert _stages(db) == {"张富贵": "evaluated", "李秀英": "refused"}  # 18 of 20 pass, 5 of 20 do not
    (batch,) = monitor_batches(db, vid, today=TODAY)
    assert batch.id == batch_id and batch.kind_zh == "监测民主评议"
    assert batch.number.startswith(f"{VILLAGE_CODE}-JCPY-2026-")
    assert {m.head_name for m in batch.members} == {"张富贵", "李秀英"}
    events = household_cases(db, ids["张富贵"], today=TODAY)[0].events
    assert [e.batch_id for e in events if e.step == "evaluation"] == [batch_id]


def test_one_refused_household_leaves_the_whole_batch_unwritten(consented) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = consented("张富贵")
    from tests.monitor_ui.conftest import clue

    clue(db, ids["王德明"], TODAY - timedelta(days=3))  # only a clue: cannot be evaluated
    votes = {ids["张富贵"]: (18, 1, 1), ids["王德明"]: (18, 1, 1)}
    with pytest.raises(DomainError) as refused:
        hold_monitor_evaluation(db, vid, MEETING, votes, today=TODAY)
    assert refused.value.message_zh.startswith("王德明（")
    assert _stages(db) == {"张富贵": "consented", "王德明": "clue"}
    assert monitor_batches(db, vid, today=TODAY) == []


def test_a_notice_for_two_cases_runs_its_period_and_closes(consented) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = consented("张富贵", "李秀英")
    both = [ids["张富贵"], ids["李秀英"]]
    hold_monitor_evaluation(db, vid, MEETING, {h: (18, 1, 1) for h in both}, today=TODAY)
    start = TODAY - timedelta(days=3)
    with pytest.raises(DomainError):  # shorter than the county's minimum notice: nothing written
        start_monitor_notice(db, vid, both, start=start, end=start + timedelta(days=1), today=TODAY)
    assert set(_stages(db).values()) == {"evaluated"}
    batch_id = start_monitor_notice(db, vid, both, start=start, end=start + timedelta(days=5), today=TODAY)
    assert set(_stages(db).values()) == {"noticing"}
    notice = next(b for b in monitor_batches(db, vid, today=TODAY) if b.id == batch_id)
    assert notice.waiting_zh == "公示还有 3 天结束"
    with pytest.raises(DomainError):  # the period is not over yet
        close_monitor_notice(db, batch_id, on_date=TODAY, today=TODAY)
    assert set(_stages(db).values()) == {"noticing"}
    later = start + timedelta(days=6)
    objection = {"date": TODAY, "objection_id": "Y1", "content": "有人在外务工", "raised_by": "村民甲"}
    do_action(db, ids["李秀英"], "objection", objection, today=TODAY)
    notice = next(b for b in monitor_batches(db, vid, today=later) if b.id == batch_id)
    assert notice.waiting_zh == "公示期满，1 条异议待处理"
    with pytest.raises(DomainError):  # an open objection keeps everyone in the notice
        close_monitor_notice(db, batch_id, on_date=later, today=later)
    resolution = {
        "date": TODAY,
        "objection_id": "Y1",
        "outcome": "dismissed",
        "reason": "务工收入已计入",
        "decided_by": "村两委",
    }
    do_action(db, ids["李秀英"], "objection_resolution", resolution, today=TODAY)
    assert close_monitor_notice(db, batch_id, on_date=later, today=later) == 2
    assert set(_stages(db).values()) == {"noticed"}
    assert next(b for b in monitor_batches(db, vid, today=later) if b.id == batch_id).status == "closed"


def test_the_tab_runs_a_batch_notice_for_two_cases(qtbot, consented, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = consented("张富贵", "李秀英")
    both = [ids["张富贵"], ids["李秀英"]]
    hold_monitor_evaluation(db, vid, MEETING, {h: (18, 1, 1) for h in both}, today=TODAY)
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.set_village(vid)
    panel = view.batches
    assert panel.table.rowCount() == 1  # the meeting
    dialog = panel.new_batch("monitor_notice")
    assert dialog is not None
    assert sorted(dialog.value("households")) == sorted(both)  # every evaluated household is on it
    dialog.set_value("start", TODAY - timedelta(days=1))
    dialog.set_value("end", TODAY + timedelta(days=5))
    assert dialog.try_submit(), dialog.error_label.text()
    assert panel.table.rowCount() == 2
    assert {view.model.text(r, view.model.COL_STAGE) for r in range(view.model.rowCount())} == {"村内公示中"}

    later = TODAY + timedelta(days=6)
    view.set_today(later)
    panel.reload()
    row = next(r for r, b in enumerate(panel.rows) if b.kind == "monitor_notice")
    assert panel.table.item(row, 4).text() == "公示期满，可结束"
    panel.table.selectRow(row)
    assert panel.close_button.isEnabled()
    close = panel.close_notice()
    assert close is not None
    close.set_value("on_date", later)
    assert close.try_submit(), close.error_label.text()
    assert panel.message.text() == "公示已结束：2 户进入下一步。"
    assert {view.model.text(r, view.model.COL_STAGE) for r in range(view.model.rowCount())} == {"村内公示结束"}


def test_the_tab_holds_an_evaluation_meeting_with_everyones_votes(qtbot, consented, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = consented("张富贵", "李秀英")
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.set_village(vid)
    panel = view.batches
    assert panel.table.rowCount() == 0
    assert panel.new_batch("removal_notice") is None  # nobody is at that step
    assert panel.message.text() == "本村目前没有处于该步骤的监测户。"
    dialog = panel.new_batch("monitor_evaluation")
    assert dialog is not None
    dialog.set_value("date", TODAY - timedelta(days=1))
    dialog.set_value("chair", "李书记")
    dialog.set_value("expected", 25)
    dialog.set_value("present", 20)
    dialog.set_value("votes", {ids["张富贵"]: (18, 1, 1), ids["李秀英"]: (16, 3, 1)})
    assert dialog.try_submit(), dialog.error_label.text()
    assert _stages(db) == {"张富贵": "evaluated", "李秀英": "evaluated"}
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 1).text() == "监测民主评议"
    assert "张富贵（民主评议）" in panel.table.item(0, 3).text()


def test_a_refused_meeting_form_stays_open_and_writes_nothing(qtbot, consented, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = consented("张富贵")
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.set_village(vid)
    dialog = view.batches.new_batch("monitor_evaluation")
    assert dialog is not None
    dialog.set_value("date", TODAY - timedelta(days=30))  # before the household's consent
    dialog.set_value("chair", "李书记")
    dialog.set_value("expected", 25)
    dialog.set_value("present", 20)
    dialog.set_value("votes", {ids["张富贵"]: (18, 1, 1)})
    assert not dialog.try_submit()
    assert dialog.error_label.text().startswith("张富贵（")
    assert _stages(db) == {"张富贵": "consented"}
    assert monitor_batches(db, vid, today=TODAY) == []
