"""The monitoring tab's model (ui/models/monitoring.py) over real cases from the engine: checked by pytest-qt's
model tester, overdue and warned rows marked in words as well as colour, codes shown as labels, filters."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop_app.services.monitoring import case_list
from desktop_app.ui.models.monitoring import OVERDUE_COLOUR, WARN_COLOUR, CaseFilter, MonitoringCaseModel
from tests.monitor_ui.conftest import TODAY, VILLAGE_CODE, clue, home_check


def _model(db, qtmodeltester) -> MonitoringCaseModel:  # type: ignore[no-untyped-def]
    model = MonitoringCaseModel()
    model.set_rows(case_list(db, village_code=VILLAGE_CODE, today=TODAY))
    qtmodeltester.check(model)
    return model


def _row(model: MonitoringCaseModel, head: str) -> int:
    return next(r for r in range(model.rowCount()) if model.text(r, model.COL_HEAD) == head)


def test_overdue_warned_and_fresh_cases(village, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=20))  # deadline 15 days after: 5 days late
    clue(db, ids["李秀英"], TODAY - timedelta(days=13), risks=("04", "99"))  # 2 days left: warned
    clue(db, ids["王德明"], TODAY - timedelta(days=1))  # 14 days left
    model = _model(db, qtmodeltester)
    assert model.rowCount() == 3

    late = _row(model, "张富贵")
    assert model.text(late, model.COL_DAYS) == "已超期 5 天"  # not colour alone
    assert model.data(model.index(late, 0), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert model.text(late, model.COL_STAGE) == "线索登记"
    assert model.text(late, model.COL_DEADLINE) == (TODAY - timedelta(days=5)).isoformat()

    warned = _row(model, "李秀英")
    assert model.text(warned, model.COL_DAYS) == "剩 2 天"
    assert model.data(model.index(warned, 3), Qt.ItemDataRole.ForegroundRole).color() == WARN_COLOUR
    assert model.text(warned, model.COL_RISKS) == "因自然灾害、其他"

    fresh = _row(model, "王德明")
    assert model.text(fresh, model.COL_DAYS) == "剩 14 天"
    assert model.data(model.index(fresh, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.text(fresh, model.COL_NUMBER) == f"{VILLAGE_CODE}0003"


def test_filters_by_step_category_overdue_and_text(village, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=20))
    clue(db, ids["李秀英"], TODAY - timedelta(days=3))
    home_check(db, ids["李秀英"], TODAY - timedelta(days=2))  # category 2 proposed
    model = _model(db, qtmodeltester)
    assert model.text(_row(model, "李秀英"), model.COL_CATEGORY) == "边缘易致贫户"

    model.set_filter(CaseFilter(overdue_only=True))
    assert [model.text(r, 0) for r in range(model.rowCount())] == ["张富贵"]
    model.set_filter(CaseFilter(stage="checked"))
    assert [model.text(r, 0) for r in range(model.rowCount())] == ["李秀英"]
    model.set_filter(CaseFilter(category="2"))
    assert [model.text(r, 0) for r in range(model.rowCount())] == ["李秀英"]
    model.set_filter(CaseFilter(text="0001"))
    assert [model.text(r, 0) for r in range(model.rowCount())] == ["张富贵"]
    model.set_filter(CaseFilter(text="秀英"))
    assert [model.text(r, 0) for r in range(model.rowCount())] == ["李秀英"]
    qtmodeltester.check(model)


def test_english_labels(village, qtmodeltester, lang_en) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=20))
    model = _model(db, qtmodeltester)
    assert model.headerData(model.COL_DAYS, Qt.Orientation.Horizontal) == "Days left"
    assert model.text(0, model.COL_STAGE) == "clue recorded"
    assert model.text(0, model.COL_DAYS) == "overdue 5 day(s)"
    assert model.text(0, model.COL_RISKS) == "illness"


def test_sorting_by_days_left_puts_the_most_overdue_first(village, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = village
    clue(db, ids["王德明"], TODAY - timedelta(days=1))
    clue(db, ids["张富贵"], TODAY - timedelta(days=20))
    clue(db, ids["李秀英"], TODAY - timedelta(days=13))
    model = _model(db, qtmodeltester)
    keep = model.index(_row(model, "李秀英"), 0)
    from PySide6.QtCore import QPersistentModelIndex

    tracked = QPersistentModelIndex(keep)
    model.sort(model.COL_DAYS, Qt.SortOrder.AscendingOrder)
    assert [model.text(r, 0) for r in range(3)] == ["张富贵", "李秀英", "王德明"]
    assert model.text(tracked.row(), 0) == "李秀英"  # a selection follows its row
    model.sort(model.COL_HEAD, Qt.SortOrder.DescendingOrder)
    heads = [model.text(r, 0) for r in range(3)]
    assert heads == sorted(heads, reverse=True)
    model.set_filter(CaseFilter(text="秀英"))  # the sort stays through a filter
    assert [model.text(r, 0) for r in range(model.rowCount())] == ["李秀英"]
    qtmodeltester.check(model)
