"""The monitoring tab on a real SQLite file: a cadre opens the village, sees the cases with days left and an
overdue one marked, records a home check through the step's form, sees the case move, is refused an
out-of-order step with the Chinese reason (nothing written), opens a clue for a new household."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.idnumber import make_id
from desktop_app.services.monitoring import case_list, household_cases
from desktop_app.ui.monitoring_view import MonitoringView
from tests.monitor_ui.conftest import TODAY, VILLAGE_CODE, clue


def _view(qtbot, db, vid) -> MonitoringView:  # type: ignore[no-untyped-def]
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.set_village(vid)
    return view


def _heads(view: MonitoringView) -> list[str]:
    return [view.model.text(r, 0) for r in range(view.model.rowCount())]


def _select(view: MonitoringView, head: str) -> None:
    row = _heads(view).index(head)
    view.table.setCurrentIndex(view.model.index(row, 0))


def test_cases_with_days_left_and_home_check_through_the_form(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=20))
    clue(db, ids["李秀英"], TODAY - timedelta(days=4))
    view = _view(qtbot, db, vid)
    assert view.title.text() == "和平村 的防止返贫致贫对象"
    assert sorted(_heads(view)) == ["张富贵", "李秀英"]
    late = _heads(view).index("张富贵")
    assert view.model.text(late, view.model.COL_DAYS) == "已超期 5 天"
    assert view.model.text(_heads(view).index("李秀英"), view.model.COL_DAYS) == "剩 11 天"

    _select(view, "李秀英")
    assert "home_check" in view.buttons
    assert view.buttons["home_check"].text() == "入户核实"
    qtbot.mouseClick(view.buttons["home_check"], Qt.MouseButton.LeftButton)
    dialog = view.current_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_value("date", TODAY - timedelta(days=1))
    dialog.set_value("checkers", "李书记,王队员")
    dialog.set_value("category", "2")
    dialog.set_value("findings", "因病支出大")
    assert dialog.try_submit(), dialog.error_label.text()
    assert view.message.text() == "已保存。"
    row = _heads(view).index("李秀英")
    assert view.model.text(row, view.model.COL_STAGE) == "入户核实"
    assert view.model.text(row, view.model.COL_CATEGORY) == "边缘易致贫户"
    assert view.selected() is not None and view.selected().head_name == "李秀英"  # type: ignore[union-attr]
    assert "consent" in view.buttons  # the next step is offered now


def test_out_of_order_step_is_refused_with_the_reason(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=2))
    view = _view(qtbot, db, vid)
    _select(view, "张富贵")
    assert "notice_start" in view.refused  # not before the evaluation: in "Other steps", with why
    assert "notice_start" not in view.buttons
    entry = next(a for a in view.more_menu.actions() if a.text() == "开始村内公示")
    assert entry.toolTip() == view.refused["notice_start"]
    before = household_cases(db, ids["张富贵"], today=TODAY)
    entry.trigger()
    box = view.current_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == view.refused["notice_start"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in box.text())  # the Chinese reason
    assert view.current_dialog is None
    assert household_cases(db, ids["张富贵"], today=TODAY) == before  # nothing written


def test_a_refused_form_keeps_the_dialog_open_and_writes_nothing(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=2))
    view = _view(qtbot, db, vid)
    _select(view, "张富贵")
    dialog = view.open_action("home_check")
    assert dialog is not None
    dialog.set_value("date", TODAY - timedelta(days=1))
    dialog.set_value("checkers", "李书记")  # one checker: the county wants two
    dialog.set_value("category", "2")
    dialog.set_value("findings", "因病")
    assert not dialog.try_submit()
    assert dialog.isVisible() and dialog.error_label.text()
    assert case_list(db, village_code=VILLAGE_CODE, today=TODAY)[0].stage == "clue"


def test_new_clue_for_a_household_on_file_and_a_new_one(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    view = _view(qtbot, db, vid)
    assert _heads(view) == []
    dialog = view.open_new_clue()
    assert dialog is not None
    dialog.household.setCurrentIndex(dialog.household.findData(ids["王德明"]))
    dialog.source.setCurrentIndex(dialog.source.findData("1"))
    dialog.set_risks(("04",))
    assert dialog.disaster_sub.isEnabled() and not dialog.risk_note.isEnabled()
    dialog.disaster_sub.setCurrentIndex(dialog.disaster_sub.findData("1"))
    assert dialog.try_submit(), dialog.error_label.text()
    assert _heads(view) == ["王德明"]
    assert view.selected() is not None and view.selected().risks == ("04",)  # type: ignore[union-attr]

    dialog = view.open_new_clue()
    assert dialog is not None
    dialog.new_one.setChecked(True)
    dialog.head_name.setText("孙新户")
    dialog.head_id.setText(make_id("532999", date(1980, 1, 1), 12))
    dialog.set_risks(("99",))
    assert dialog.risk_note.isEnabled() and not dialog.disaster_sub.isEnabled()
    dialog.risk_note.setText("房屋漏雨")
    assert dialog.try_submit(), dialog.error_label.text()
    assert sorted(_heads(view)) == ["孙新户", "王德明"]
    assert view.selected() is not None and view.selected().head_name == "孙新户"  # type: ignore[union-attr]


def test_a_new_household_needs_its_head(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, _ids = village
    view = _view(qtbot, db, vid)
    dialog = view.open_new_clue()
    assert dialog is not None
    dialog.new_one.setChecked(True)
    dialog.set_risks(("01",))
    assert not dialog.try_submit()
    assert dialog.error_label.text() == "请选择本村的农户，或填写新户户主姓名和身份证号。"
    assert _heads(view) == []


def test_refused_clue_names_the_reason(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=2))
    view = _view(qtbot, db, vid)
    dialog = view.open_new_clue()
    assert dialog is not None
    dialog.household.setCurrentIndex(dialog.household.findData(ids["张富贵"]))
    dialog.set_risks(("01",))
    assert not dialog.try_submit()  # already has an open case
    assert "已有进行中的监测程序" in dialog.error_label.text()
    assert len(case_list(db, village_code=VILLAGE_CODE, today=TODAY)) == 1


def test_filters_and_following_changes_made_elsewhere(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=20))
    view = _view(qtbot, db, vid)
    clue(db, ids["李秀英"], TODAY - timedelta(days=1))  # another screen (or the CLI) opens a case
    qtbot.waitUntil(lambda: len(_heads(view)) == 2)
    view.overdue_only.setChecked(True)
    assert _heads(view) == ["张富贵"]
    view.overdue_only.setChecked(False)
    view.search.setText("秀英")
    assert _heads(view) == ["李秀英"]


def test_english_ui(qtbot, village, lang_en) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=2))
    view = _view(qtbot, db, vid)
    assert view.clue_button.text() == "New clue…"
    assert view.overdue_only.text() == "Overdue only"
    _select(view, "张富贵")
    assert view.buttons["home_check"].text() == "Home check"
    assert view.model.text(0, view.model.COL_STAGE) == "clue recorded"


def test_forms_propose_what_the_case_already_knows(qtbot, consented, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.monitoring import hold_monitor_evaluation

    db, vid, ids = consented("张富贵")
    meeting = {"date": TODAY - timedelta(days=4), "place": "村委会", "chair": "李书记", "present": 20}
    hold_monitor_evaluation(db, vid, meeting, {ids["张富贵"]: (18, 1, 1)}, today=TODAY)
    view = _view(qtbot, db, vid)
    _select(view, "张富贵")
    notice = view.open_action("notice_start")
    assert notice is not None
    assert notice.value("end") == TODAY + timedelta(days=5)  # the county's minimum notice
    notice.set_value("date", TODAY - timedelta(days=1))
    notice.set_value("end", TODAY + timedelta(days=4))
    assert notice.try_submit(), notice.error_label.text()
    assert view.model.text(0, view.model.COL_STAGE) == "村内公示中"

    objection = view.open_action("objection")
    assert objection is not None
    assert objection.value("objection_id") == f"{VILLAGE_CODE}0001-1-1"
    objection.set_value("content", "家中有人在外务工，收入不低")
    objection.set_value("raised_by", "村民甲")
    assert objection.try_submit(), objection.error_label.text()
    assert "notice_end" in view.refused  # an open objection keeps the notice open

    resolution = view.open_action("objection_resolution")
    assert resolution is not None
    assert resolution.value("objection_id") == f"{VILLAGE_CODE}0001-1-1"


def test_a_double_click_opens_the_card_on_its_monitoring_tab(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=2))
    view = _view(qtbot, db, vid)
    rect = view.table.visualRect(view.model.index(0, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    card = view.current_card
    assert card is not None and card.isVisible()
    assert card.tabs.currentWidget() is card.monitoring_panel
    assert card.monitoring_panel.facts["stage"].text() == "线索登记"  # type: ignore[union-attr]
    card.reject()
