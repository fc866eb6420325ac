"""The worksheet on the card's income tab and the monitoring-lines dialog, used as a person uses them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services.monitoring import income_sheet, income_years, list_lines
from desktop_app.ui.card_editor import HouseholdCardDialog
from desktop_app.ui.models.monitoring_lines import LinesModel
from desktop_app.ui.monitoring_lines_dialog import MonitoringLinesDialog
from tests.monitor_income.helpers import village_with
from tests.ui_card.conftest import answer_next_box, type_text


def _card(qtbot, db, household_id: str) -> HouseholdCardDialog:
    dialog = HouseholdCardDialog(db, household_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.revert_all() if d.isWindowModified() else None)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.income)
    return dialog


def _type(qtbot, widget, text: str) -> None:
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_type_amounts_see_totals_save_and_see_them_again(qtbot, sqlite_db) -> None:
    _, (hid,) = village_with(sqlite_db, ("001", "张三", 2500, 3))
    dialog = _card(qtbot, sqlite_db, hid)
    sheet = dialog.income.worksheet
    assert sheet is not None and sheet.year.value() == 2019  # the card's income year first
    sheet.year.setValue(2024)
    assert "2023-10-01" in sheet.period.text() and "2024-09-30" in sheet.period.text()
    assert sheet.members.count() == 3
    _type(qtbot, sheet.amounts["wage_work"], "24000")
    _type(qtbot, sheet.amounts["business_crops"], "3000")
    _type(qtbot, sheet.amounts["costs_crops"], "2000")
    _type(qtbot, sheet.amounts["out_of_pocket"], "1500")
    sheet.notes["wage_work"].setText("在县城务工")
    assert sheet.net.text() == "25,000.00" and sheet.gross.text() == "27,000.00"
    assert sheet.per_capita.text() == "8,333.33"
    sheet.members.item(2).setCheckState(Qt.CheckState.Unchecked)  # one member lived elsewhere that year
    assert sheet.per_capita.text() == "12,500.00"
    qtbot.mouseClick(sheet.save_button, Qt.MouseButton.LeftButton)
    assert "2024" in sheet.message.text()
    assert income_years(sqlite_db, hid) == [2024]
    dialog.close()

    again = _card(qtbot, sqlite_db, hid).income.worksheet
    assert again is not None
    again.year.setValue(2024)
    assert again.amounts["wage_work"].text() == "24000.00" and again.notes["wage_work"].text() == "在县城务工"
    assert again.amounts["out_of_pocket"].text() == "1500.00"
    assert again.net.text() == "25,000.00" and again.per_capita.text() == "12,500.00"
    checked = [again.members.item(i).checkState() == Qt.CheckState.Checked for i in range(again.members.count())]
    assert checked == [True, True, False]


def test_a_bad_amount_shows_a_clear_message_and_saves_nothing(qtbot, sqlite_db) -> None:
    _, (hid,) = village_with(sqlite_db, ("001", "张三", 2500, 3))
    sheet = _card(qtbot, sqlite_db, hid).income.worksheet
    assert sheet is not None
    sheet.year.setValue(2024)
    _type(qtbot, sheet.amounts["wage_work"], "24000")
    _type(qtbot, sheet.amounts["business_crops"], "3k")
    assert sheet.amounts["business_crops"].styleSheet()  # marked while typed
    qtbot.mouseClick(sheet.save_button, Qt.MouseButton.LeftButton)
    assert "“种植业收入”的金额无效" in sheet.message.text() and "未保存" in sheet.message.text()
    assert income_years(sqlite_db, hid) == []


def test_saving_the_cards_income_year_updates_the_cards_income(qtbot, sqlite_db) -> None:
    _, (hid,) = village_with(sqlite_db, ("001", "张三", 2500, 3))
    dialog = _card(qtbot, sqlite_db, hid)
    sheet = dialog.income.worksheet
    assert sheet is not None and sheet.year.value() == 2019
    _type(qtbot, sheet.amounts["wage_work"], "9000")
    _type(qtbot, sheet.amounts["transfer_subsistence"], "3000")
    qtbot.mouseClick(sheet.save_button, Qt.MouseButton.LeftButton)
    assert dialog.income.edits["income_wage_fen"].text() == "9000.00"
    assert dialog.income.edits["income_transfer_fen"].text() == "3000.00"
    assert not dialog.isWindowModified()
    assert income_sheet(sqlite_db, hid, 2019).totals.per_capita_fen == 400_000


def _lines_dialog(qtbot, db) -> MonitoringLinesDialog:
    dialog = MonitoringLinesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_lines_dialog_adds_edits_and_deletes(qtbot, sqlite_db) -> None:
    village_with(sqlite_db, ("001", "张三", 2500, 3))
    dialog = _lines_dialog(qtbot, sqlite_db)
    model = dialog.model
    assert model.rowCount() == 1 and model.index(0, 0).data() == "全国" and model.index(0, 2).data() == "6,000.00"

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert form is not None
    qtbot.keyClicks(form.region, "532999")
    form.year.setValue(2023)
    qtbot.keyClicks(form.amount, "80o5")
    form.save()
    assert "金额" in form.error.text() and model.rowCount() == 1  # refused, nothing written
    form.amount.clear()
    form.method.setCurrentIndex(1)
    type_text(form.base_name, "农村低保标准")
    qtbot.keyClicks(form.base_amount, "4025")
    qtbot.keyClicks(form.factor, "2")
    form.document.setText("某县乡村振兴局通知")
    form.save()
    assert not form.isVisible() and model.rowCount() == 2
    row = model.rows[0]
    assert (row.region_name, row.line.year, row.line.amount_fen, row.line.entered_by) == (
        "示范县",
        2023,
        805000,
        "测试员",
    )
    assert model.index(0, 3).data() == "2 × 农村低保标准 4,025.00"

    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert form.region.isReadOnly() and form.factor.text() == "2"
    form.method.setCurrentIndex(0)
    form.amount.setText("8100")
    form.save()
    assert [(r.line.year, r.line.amount_fen, r.line.method) for r in list_lines(sqlite_db)] == [
        (2023, 810000, "fixed"),
        (2021, 600000, "fixed"),
    ]

    dialog.view.selectRow(0)
    answer_next_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert QApplication.activeModalWidget() is None or not isinstance(QApplication.activeModalWidget(), QMessageBox)


def test_the_lines_model_passes_the_model_tester(qtmodeltester, sqlite_db) -> None:
    model = LinesModel()
    model.set_rows(list_lines(sqlite_db))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
