"""A cadre keeps an included household's help measures on the card's monitoring tab and sees the help check
follow: the finding for 因病 goes once a 健康帮扶 measure is saved; a refused save writes nothing."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.services.monitoring import add_help_measure, help_check, help_measures
from desktop_app.ui.card_editor import HouseholdCardDialog
from desktop_app.ui.help_measures_panel import HelpMeasuresPanel
from tests.monitor_help_ui.conftest import INCLUDED, TODAY, VILLAGE_CODE

UNMATCHED = "风险“因病”没有对应的帮扶措施（应有：健康帮扶）"


def _open_card(qtbot, db, vid: str, household_id: str) -> HelpMeasuresPanel:  # type: ignore[no-untyped-def]
    card = HouseholdCardDialog(db, household_id, village_id=vid)
    qtbot.addWidget(card)
    card.resize(1366, 740)
    card.show()
    assert card.monitoring_panel is not None
    card.tabs.setCurrentWidget(card.monitoring_panel)
    panel = card.monitoring_panel.help_panel  # type: ignore[attr-defined]
    assert isinstance(panel, HelpMeasuresPanel) and panel.isVisible()
    return panel


def _cells(panel: HelpMeasuresPanel, row: int) -> list[str]:
    model = panel.model
    return [model.index(row, col).data() for col in range(model.columnCount())]


def test_adding_editing_and_removing_a_measure_on_the_card(qtbot, included, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = included
    panel = _open_card(qtbot, db, vid, ids["张富贵"])
    assert panel.findings_label.isVisible()
    assert UNMATCHED in panel.findings_label.text()
    assert "尚未落实任何帮扶措施" in panel.findings_label.text()
    assert panel.model.rowCount() == 0 and not panel.edit_button.isEnabled()

    dialog = panel.open_add()
    assert dialog.year.value() == TODAY.year
    dialog.set_category("100A45")  # 健康帮扶: its own values become the tick boxes
    assert [b.text() for b in dialog.boxes.values()][:3] == ["参加基本医疗保险", "大病保险", "医疗救助"]
    dialog.tick("2", "3")
    dialog.started.setText(INCLUDED.isoformat())
    dialog.amount.setText("1,200.50")
    dialog.note.setText("县医院报销")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert _cells(panel, 0) == [
        str(TODAY.year),
        "健康帮扶",
        "大病保险、医疗救助",
        INCLUDED.isoformat(),
        "",
        "1,200.50",
        "县医院报销",
        "否",
    ]
    assert not panel.findings_label.isVisible() and panel.findings == []  # both findings answered
    village = help_check(db, village_code=VILLAGE_CODE, today=TODAY)
    assert village and {f.household_id for f in village} == {ids["李秀英"]}  # only the other household is left

    assert panel.selected() is not None  # the saved measure stays selected: edit it
    edit = panel.open_edit()
    assert edit is not None and [c for c, b in edit.boxes.items() if b.isChecked()] == ["2", "3"]
    edit.boxes["3"].setChecked(False)
    edit.tick("5")
    edit.ended.setText(TODAY.isoformat())
    edit.buttons.button(edit.buttons.StandardButton.Ok).click()
    assert _cells(panel, 0)[2] == "大病保险、慢病补助" and _cells(panel, 0)[4] == TODAY.isoformat()
    (saved,) = help_measures(db, ids["张富贵"])
    assert saved.values == ("2", "5") and saved.amount_fen == 120050

    box = panel.ask_remove()
    assert box is not None and "大病保险、慢病补助" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert len(help_measures(db, ids["张富贵"])) == 1  # "no" keeps it
    panel.table.selectRow(0)
    box = panel.ask_remove()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert help_measures(db, ids["张富贵"]) == [] and panel.model.rowCount() == 0
    assert UNMATCHED in panel.findings_label.text()  # the finding is back


def test_a_refused_save_shows_the_reason_and_writes_nothing(qtbot, included, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = included
    panel = _open_card(qtbot, db, vid, ids["张富贵"])
    dialog = panel.open_add()
    dialog.set_category("100A40")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()  # nothing ticked
    assert dialog.isVisible() and dialog.error.text() == "请选择“就业帮扶”的具体措施（可多选）"
    dialog.tick("1")
    dialog.amount.setText("十二元")
    ok.click()
    assert dialog.isVisible() and dialog.error.text() == "金额无效：十二元"
    dialog.amount.setText("-5")
    ok.click()
    assert dialog.isVisible() and dialog.error.text() == "金额不能为负数"
    dialog.amount.setText("")
    dialog.started.setText(TODAY.isoformat())
    dialog.ended.setText((TODAY - timedelta(days=1)).isoformat())
    ok.click()
    assert dialog.isVisible() and dialog.error.text() == "结束日期不能早于开始日期"
    dialog.ended.setText("2026-13-01")
    ok.click()
    assert dialog.isVisible() and dialog.error.text() == "日期无效：2026-13-01（格式为 YYYY-MM-DD）"
    dialog.reject()
    assert help_measures(db, ids["张富贵"]) == [] and panel.model.rowCount() == 0
    assert UNMATCHED in panel.findings_label.text()


def test_the_keyboard_adds_and_removes(qtbot, included, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = included
    panel = _open_card(qtbot, db, vid, ids["张富贵"])
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Insert)
    dialog = panel.current_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_category("100A45")
    dialog.tick("1")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter saves the form
    assert panel.model.rowCount() == 1 and panel.findings == []
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # Enter on the chosen measure opens it
    edit = panel.current_dialog
    assert edit is not None and edit.windowTitle() == "修改帮扶措施" and edit.boxes["1"].isChecked()
    qtbot.keyClick(edit.note, Qt.Key.Key_Escape)
    assert panel.current_dialog is None
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    box = panel.current_message
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert panel.model.rowCount() == 0


def test_english_labels_in_the_english_ui(qtbot, included, lang_en) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = included
    panel = _open_card(qtbot, db, vid, ids["张富贵"])
    assert "risk 'illness' has no matching measure (one of: health)" in panel.findings_label.text()
    dialog = panel.open_add()
    assert dialog.category.itemText(0) == "industry"
    dialog.set_category("100A45")
    assert "serious-illness insurance" in [b.text() for b in dialog.boxes.values()]
    dialog.tick("2")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    cells = _cells(panel, 0)
    assert cells[1:3] == ["health", "serious-illness insurance"] and cells[-1] == "no"
    assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "Category"


def test_a_measure_recorded_elsewhere_shows_on_the_open_card(qtbot, included, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = included
    panel = _open_card(qtbot, db, vid, ids["李秀英"])
    assert "因安全饮水" in panel.findings_label.text()
    add_help_measure(db, ids["李秀英"], year=TODAY.year, category="饮水安全保障", values=["1"])  # e.g. the CLI
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert _cells(panel, 0)[1] == "饮水安全保障"
    assert "因安全饮水" not in panel.findings_label.text() and "因病" in panel.findings_label.text()
