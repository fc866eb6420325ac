"""Risk removal in batches: one meeting evaluates the removal of two households, one notice runs for both and
is closed after its period; each household keeps its own removal steps."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desktop_app.services.areas import area_by_code
from desktop_app.services.monitoring import (
    case_list,
    close_monitor_notice,
    do_action,
    hold_monitor_evaluation,
    monitor_batches,
    ready_for_batch,
    start_monitor_notice,
)
from tests.monitor_cases.helpers import REMOVAL_VALUES, VILLAGE, household_id, include, make_db, number


def _village_id(db) -> str:  # type: ignore[no-untyped-def]
    ref = area_by_code(db, VILLAGE)
    assert ref is not None
    return ref.id


def test_removal_evaluation_and_notice_for_two_households(tmp_path: Path) -> None:
    scan = tmp_path / "授权书.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    db = make_db(tmp_path / "m.sqlite", households=2)
    ids = [household_id(db, i) for i in (1, 2)]
    included = max(include(db, number(i), date(2025, 1, 2), scan=str(scan)) for i in (1, 2))
    d = included + timedelta(days=30)
    for i in (1, 2):
        do_action(db, number(i), "removal_proposal", {"date": d, "method": "2"}, today=d)
        check = {"date": d, "checkers": "张三,李四", "stable_since": date(2024, 1, 1), "new_risk": "no"}
        do_action(db, number(i), "removal_check", {**check, **REMOVAL_VALUES}, today=d)
        override = {"date": d, "reason": "县里同意提前", "decided_by": "乡长"}  # within six months of inclusion
        do_action(db, number(i), "removal_override", override, today=d)
    vid = _village_id(db)
    assert {hid for hid, _ in ready_for_batch(db, vid, "removal_evaluation")} == set(ids)

    meeting = {"date": d, "place": "村委会", "chair": "李书记", "present": 10, "expected": 12}
    hold_monitor_evaluation(db, vid, meeting, {hid: (8, 2, 0) for hid in ids}, today=d, kind="removal_evaluation")
    stages = {r.stage for r in case_list(db, village_code=VILLAGE, today=d)}
    assert stages == {"removal_evaluated"}
    batch_id = start_monitor_notice(db, vid, ids, start=d, end=d + timedelta(days=5), today=d, kind="removal_notice")
    assert {r.stage for r in case_list(db, village_code=VILLAGE, today=d)} == {"removal_noticing"}
    later = d + timedelta(days=6)
    assert close_monitor_notice(db, batch_id, on_date=later, today=later) == 2
    assert {r.stage for r in case_list(db, village_code=VILLAGE, today=later)} == {"removal_noticed"}
    kinds = {b.kind_zh: b.status for b in monitor_batches(db, vid, today=later)}
    assert kinds == {"消除风险评议": "closed", "消除风险公示": "closed"}
