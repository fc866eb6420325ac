"""The batches tab's model (ui/models/batches.py) filled from real batches made through the procedure's use
cases, checked by pytest-qt's model tester and read as the tab shows it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt

from desktop_app.services.procedure import (
    Closed,
    create_batch,
    perform_step,
    run_batch_action,
    village_batch_list,
)
from desktop_app.ui.models.batches import BatchTableModel
from tests.procedure.helpers import make_household, make_village

START = date(2024, 3, 1)


def _village_with_batches(db) -> tuple[str, list[str], str, str]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        vid = make_village(s)
        hids = [
            make_household(s, vid, f"532999001001000{i}", name, seq=i) for i, name in enumerate(("张富贵", "李秀英"), 1)
        ]
    for hid in hids:
        perform_step(db, hid, "application", {"on_date": START, "applicant": "户主", "how": "self"}, today=START)
        perform_step(db, hid, "survey", {"on_date": START, "surveyors": "工作队"}, today=START)
    meeting = START + timedelta(days=1)
    evaluation = create_batch(
        db,
        "evaluation",
        vid,
        {
            "households": hids,
            "meeting_date": meeting,
            "place": "村委会",
            "chair": "李书记",
            "attendees_present": 20,
            "attendees_expected": 25,
            "votes": {hid: (15, 3, 2) for hid in hids},
        },
        today=meeting,
    )
    closed = run_batch_action(db, "close", evaluation, {"on_date": meeting}, today=meeting)
    assert closed == Closed("evaluation", {"passed": 2, "failed": 0})
    start = meeting + timedelta(days=1)
    announcement = create_batch(
        db,
        "village_announcement",
        vid,
        {"households": hids, "start": start, "end": start + timedelta(days=7), "issuing_body": "和平村村民委员会"},
        today=start,
    )
    return vid, hids, evaluation, announcement


def test_the_batches_model_passes_the_model_tester_on_real_batches(qtmodeltester, sqlite_db) -> None:
    vid, hids, evaluation, announcement = _village_with_batches(sqlite_db)
    today = START + timedelta(days=4)
    listed = village_batch_list(sqlite_db, vid, today=today)
    assert listed.village_name == "和平村"
    model = BatchTableModel()
    model.set_rows(listed.batches)
    qtmodeltester.check(model)

    assert model.rowCount() == 2 and model.columnCount() == 6
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no child rows
    by_id = {model.data(model.index(r, 0), BatchTableModel.BatchIdRole): r for r in range(model.rowCount())}
    assert set(by_id) == {evaluation, announcement}
    first = by_id[announcement]
    assert first == 0  # the open announcement is listed before the closed meeting

    def cell(row: int, column: int) -> object:
        return model.data(model.index(row, column))

    assert cell(first, BatchTableModel.COL_KIND) == "村内公示"  # through the one label table, never the code
    assert cell(first, BatchTableModel.COL_HOUSEHOLDS) == len(hids)
    assert cell(first, BatchTableModel.COL_PERIOD) == f"{START + timedelta(days=2)} – {START + timedelta(days=9)}"
    assert "公示还有" in str(cell(first, BatchTableModel.COL_WAITING))
    assert model.data(model.index(first, 0), Qt.ItemDataRole.ForegroundRole) is not None  # open: coloured
    meeting = by_id[evaluation]
    assert cell(meeting, BatchTableModel.COL_KIND) == "民主评议"
    assert "结束" in str(cell(meeting, BatchTableModel.COL_WAITING))
    assert model.data(model.index(meeting, 0), Qt.ItemDataRole.ForegroundRole) is None
    tip = model.data(model.index(meeting, BatchTableModel.COL_NUMBER), Qt.ItemDataRole.ToolTipRole)
    assert tip == cell(meeting, BatchTableModel.COL_NUMBER) and "-PY-2024-" in str(tip)
    assert model.data(QModelIndex()) is None and model.headerData(6, Qt.Orientation.Horizontal) is None

    model.set_rows([])  # another village, with no batch yet
    qtmodeltester.check(model)
    assert model.rowCount() == 0
