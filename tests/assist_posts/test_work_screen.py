"""The village's month of migrant work typed by keyboard only, on a real widget and a real SQLite file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.services.assistance import household_work, work_grid
from desktop_app.services.monitoring import income_sheet
from desktop_app.ui.assist_work import CardWorkSection, WorkMonthsPage
from desktop_app.ui.models.work_months import COLUMNS, WorkMonthsModel
from tests.assist_posts.helpers import village
from tests.ui_card.conftest import type_text


def _page(qtbot: Any, db: Any) -> tuple[WorkMonthsPage, Any]:
    v = village(db)
    page = WorkMonthsPage(db)
    qtbot.addWidget(page)
    page.set_village(v.id)
    page.set_month(202604)
    page.resize(1300, 600)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page, v


def _go(page: WorkMonthsPage, name: str, column: str) -> None:
    row = [r.name for r in page.model.rows].index(name)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, COLUMNS.index(column)))


def _type(qtbot: Any, page: WorkMonthsPage, text: str, end: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Type into the current cell as a person does: the first key opens the editor, the rest go into it
    (Chinese arrives as an input method's commit after F2 opened the cell; QTest types Latin-1 only)."""
    view = page.table
    rest = text if text.isascii() else ""
    editor = view.indexWidget(view.currentIndex())  # Tab and Enter open the next cell's editor themselves
    if editor is None:
        qtbot.keyClick(view, text[0] if text.isascii() else Qt.Key.Key_F2)
        rest = text[1:] if text.isascii() else ""
        editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    if rest:
        qtbot.keyClicks(editor, rest)
    if not text.isascii():
        type_text(editor, text)
    qtbot.keyClick(editor, end)


def test_a_month_typed_by_keyboard_and_saved_with_ctrl_s(qtbot: Any, sqlite_db: Any) -> None:
    page, v = _page(qtbot, sqlite_db)
    assert [r.name for r in page.model.rows][:3] == ["张三", "张家1", "张家2"]
    _go(page, "张家1", "place")
    _type(qtbot, page, "昆明市")  # Tab: to the channel
    assert COLUMNS[page.table.currentIndex().column()] == "channel"
    _type(qtbot, page, "外出务工", Qt.Key.Key_Return)  # by label; Enter moves on as Tab does
    _type(qtbot, page, "03")  # the industry by its code
    _type(qtbot, page, "某建筑公司")
    _type(qtbot, page, "4200")
    row = [r.name for r in page.model.rows].index("张家1")
    assert page.model.text(row, "worked") == "yes"  # typing what a worker has marks the row
    assert page.model.text(row, "channel") == "外出务工" and page.model.text(row, "industry") == "建筑业"
    assert "1 unsaved" in page.summary.text()
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = {r.name: r for r in work_grid(sqlite_db, v.id, 202604)}
    assert saved["张家1"].worked and saved["张家1"].wage_fen == 420_000 and saved["张家1"].employer == "某建筑公司"
    assert saved["张家1"].place == "昆明市" and saved["张家1"].channel == "3"
    assert not saved["张三"].saved
    assert page.model.dirty_count() == 0
    wage = {line.key: line.fen for line in income_sheet(sqlite_db, v.households[0], 2026).lines}
    assert wage["wage_work"] == 420_000


def test_a_bad_cell_is_refused_with_its_reason_and_nothing_changes(qtbot: Any, sqlite_db: Any) -> None:
    page, v = _page(qtbot, sqlite_db)
    _go(page, "王家1", "channel")
    _type(qtbot, page, "卖菜")
    assert "卖菜" in page.message.text()
    row = [r.name for r in page.model.rows].index("王家1")
    assert page.model.text(row, "channel") == "" and page.model.dirty_count() == 0
    _go(page, "王家1", "start")
    _type(qtbot, page, "31")  # April has no 31st
    assert page.model.text(row, "start") == ""
    _go(page, "王家1", "wage")
    _type(qtbot, page, "-5")
    assert page.model.text(row, "wage") == ""
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert household_work(sqlite_db, v.households[2], 2026) == []


def test_unsaved_edits_are_undone_and_redone(qtbot: Any, sqlite_db: Any) -> None:
    page, v = _page(qtbot, sqlite_db)
    _go(page, "李家1", "wage")
    _type(qtbot, page, "3000")
    _type(qtbot, page, "200")
    row = [r.name for r in page.model.rows].index("李家1")
    assert page.model.text(row, "transport") == "200.00"
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.model.text(row, "transport") == "" and page.model.text(row, "wage") == "3000.00"
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.model.dirty_count() == 0 and page.model.text(row, "worked") == ""
    page.model.undo_stack.redo()
    assert page.model.text(row, "wage") == "3000.00"
    page.set_month(202605)  # unsaved edits: the month stays
    assert page.month == 202604 and "Save or undo" in page.message.text()
    page.model.undo_stack.undo()
    page.set_month(202605)
    assert page.month == 202605
    assert household_work(sqlite_db, v.households[1], 2026) == []


def test_a_whole_month_with_one_wrong_row_saves_nothing(qtbot: Any, sqlite_db: Any) -> None:
    page, v = _page(qtbot, sqlite_db)
    _go(page, "张家1", "wage")
    _type(qtbot, page, "1000")
    _go(page, "张家2", "worked")
    _type(qtbot, page, "否")
    _go(page, "张家2", "transport")
    _type(qtbot, page, "50")
    # a start after the end is only seen across two cells: the save refuses the month
    _go(page, "王家1", "start")
    _type(qtbot, page, "20")
    _type(qtbot, page, "5")
    page.save()
    assert "结束日期早于开始日期" in page.message.text()
    assert work_grid(sqlite_db, v.id, 202604)[1].saved is False
    assert page.model.dirty_count() == 3  # the edits are still there to fix


def test_the_model_passes_qt_model_tests(qtmodeltester: Any, sqlite_db: Any) -> None:
    v = village(sqlite_db)
    model = WorkMonthsModel()
    model.set_rows(202604, work_grid(sqlite_db, v.id, 202604))
    qtmodeltester.check(model)


def test_the_card_shows_the_households_months(qtbot: Any, sqlite_db: Any) -> None:
    page, v = _page(qtbot, sqlite_db)
    _go(page, "张家1", "wage")
    _type(qtbot, page, "4200")
    page.save()
    section = CardWorkSection(sqlite_db, v.households[0])
    qtbot.addWidget(section)
    section.year.setValue(2026)
    section.show()
    qtbot.waitExposed(section)
    assert section.table.rowCount() == 1
    assert section.table.item(0, 0).text() == "张家1" and section.table.item(0, 1).text() == "2026-04"
    assert "4,200.00" in section.total.text()
