"""预警名单 from the monitoring tab, on a real SQLite file: a cadre sees the household in the income band and
the one with a 八必访 reason (labels, not codes), filters by reason, registers a clue from the list (source 3
pre-filled) and finds the case in the monitoring tab; the household then shows as monitored."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.services.monitoring import case_list
from desktop_app.ui.jobs import wait_for_all
from desktop_app.ui.monitoring_view import MonitoringView
from desktop_app.ui.monitoring_warnings import WarningsDialog
from tests.monitor_warn_ui.conftest import BAND, BELOW, ILL, TODAY, VILLAGE, WELL, open_view


def _open(qtbot, view: MonitoringView) -> WarningsDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.warnings_button, Qt.MouseButton.LeftButton)
    dialog = view.current_window
    assert isinstance(dialog, WarningsDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=20000)
    return dialog


def _column(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_warnings_show_the_band_and_the_must_visit_reason_and_a_clue_is_registered(qtbot, warned, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = warned
    view = open_view(qtbot, db, vid)
    assert view.warnings_button.text() == "预警名单…"
    dialog = _open(qtbot, view)
    assert dialog.year.value() == 2025  # the latest year with a line, not 2026 which has none yet
    assert dialog.windowTitle() == "预警名单 – 和平村"
    assert dialog.width() <= 1366 and dialog.height() <= 768

    income = dialog.income_model
    numbers = _column(income, 1)
    assert sorted(numbers) == [BAND, BELOW]  # the well-off households give no income warning
    band = numbers.index(BAND)
    assert [income.index(band, c).data() for c in range(7)] == [
        "张富贵",
        BAND,
        "2025",
        "8,500.00",
        "8,000.00",
        "8,000.00 – 9,600.00",
        "接近监测范围",
    ]
    assert income.index(numbers.index(BELOW), 6).data() == "低于监测范围"
    assert dialog.tabs.tabText(0) == "收入预警（2）"

    visits = dialog.visit_model
    assert ILL in _column(visits, 1) and WELL not in _column(visits, 1)
    ill = _column(visits, 1).index(ILL)
    assert "家有大病或长期慢性病患者" in visits.index(ill, 2).data()
    assert visits.index(ill, 3).data() == "否"
    assert "illness" not in visits.index(ill, 2).data()

    dialog.reason.setCurrentIndex(dialog.reason.findData("illness"))  # filter: only the ill member's household
    assert _column(visits, 1) == [ILL]
    assert dialog.tabs.currentIndex() == 1

    assert dialog.select_household(ILL)
    assert dialog.clue_button.isEnabled()
    qtbot.mouseClick(dialog.clue_button, Qt.MouseButton.LeftButton)
    clue = view.current_dialog
    assert clue is not None and clue is dialog.current_clue and clue.isVisible()
    assert clue.on_file.isChecked()
    assert clue.household.currentData() == ids[ILL]
    assert clue.source.currentData() == "3" and clue.source.currentText() == "干部排查走访"
    clue.set_risks(("01",))
    assert clue.try_submit(), clue.error_label.text()

    cases = case_list(db, village_code=VILLAGE, today=TODAY)
    assert [(c.household_number, c.source, c.stage) for c in cases] == [(ILL, "3", "clue")]
    assert [view.model.text(r, 0) for r in range(view.model.rowCount())] == ["李秀英"]  # in the monitoring tab
    assert view.selected_case_id() == cases[0].case_id

    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=20000)  # the lists read again
    wait_for_all()
    dialog.reason.setCurrentIndex(0)
    ill = _column(visits, 1).index(ILL)
    assert visits.index(ill, 3).data() == "是"
    assert dialog.select_household(ILL)
    assert not dialog.clue_button.isEnabled()
    assert dialog.clue_button.toolTip() == "已纳入监测：该户有未结束的监测流程。"
    assert dialog.register_clue() is None
    assert len(case_list(db, village_code=VILLAGE, today=TODAY)) == 1


def test_a_household_from_the_income_list_becomes_a_clue_and_leaves_the_list(qtbot, warned, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, _ids = warned
    view = open_view(qtbot, db, vid)
    dialog = _open(qtbot, view)
    assert dialog.select_household(BELOW)
    clue = dialog.register_clue()
    assert clue is not None
    clue.set_risks(("02",))
    assert clue.try_submit(), clue.error_label.text()
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=20000)
    wait_for_all()
    assert _column(dialog.income_model, 1) == [BAND]  # monitored now: no longer an income warning
    assert [c.head_name for c in case_list(db, village_code=VILLAGE, today=TODAY)] == ["王德明"]


def test_english_labels_in_the_english_ui(qtbot, warned, lang_en) -> None:  # type: ignore[no-untyped-def]
    db, vid, _ids = warned
    view = open_view(qtbot, db, vid)
    assert view.warnings_button.text() == "Warning lists…"
    assert view.alerts_button.text() == "Import department alerts…"
    dialog = _open(qtbot, view)
    assert dialog.tabs.tabText(0) == "Income warnings (2)"
    band = _column(dialog.income_model, 1).index(BAND)
    assert dialog.income_model.index(band, 6).data() == "Near the line"
    assert dialog.income_model.headerData(3, Qt.Orientation.Horizontal) == "Per-capita income (yuan)"
    ill = _column(dialog.visit_model, 1).index(ILL)
    assert "a member with a serious or chronic illness" in dialog.visit_model.index(ill, 2).data()
    assert dialog.reason.itemText(0) == "All reasons"
