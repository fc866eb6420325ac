"""A work team's ledgers afternoon in a real 1366x768 window: the village's 帮扶台账 tab counts the open work, an
uncovered household is paired through 结对… and the count follows, the overdue loan stands out in red (unpaid
interest in orange), and a worker's month of migrant work is typed by keyboard only and saved with Ctrl+S."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.services.assistance import coverage_check, work_grid
from desktop_app.ui.models.loans import OVERDUE_TEXT, UNPAID_TEXT
from desktop_app.ui.models.work_months import COLUMNS
from tests.assist_ui.scene import build
from tests.ui_card.conftest import type_text


def test_the_ledgers_tab_fits_pairs_shows_the_overdue_loan_and_takes_a_month(  # type: ignore[no-untyped-def]
    qtbot, sqlite_db, ui_state, lang_zh, screenshot
) -> None:
    from desktop_app.ui.main_window import MainWindow

    scene = build(sqlite_db)
    window = MainWindow(sqlite_db, lang="zh_CN", settings=ui_state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tree.select_area(scene.village_id)
    view = window.assist_view
    window.tabs.setCurrentWidget(view)
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "帮扶台账"
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.contains(window.frameGeometry()), (screen, window.frameGeometry())
    qtbot.waitUntil(lambda: view.counts is not None, timeout=5000)
    heading = view.heading.text()
    assert "和平村" in heading and "未覆盖 <span style='color:#b00020'>2</span> 户" in heading
    assert "帮扶责任人超限 <span style='color:#b00020'>1</span> 人" in heading

    # 结对覆盖: the two exited households without a cadre are listed; 孙国强 gets 王队员
    pairing = view.show_page("pairing")
    qtbot.waitUntil(lambda: pairing.households_model.rowCount() == 6, timeout=5000)
    assert pairing.households.isVisible() and pairing.pair_button.isVisible()
    heads = [row[1] for row in pairing.households_model.rows]
    pairing.households.selectRow(heads.index("孙国强"))
    qtbot.mouseClick(pairing.pair_button, Qt.MouseButton.LeftButton)
    dialog = pairing.current_dialog
    qtbot.waitExposed(dialog)
    assert screen.contains(dialog.frameGeometry())
    assert dialog.household_label.text().endswith("孙国强")
    assert dialog.cadre.findData(scene.cadres["王队员"]) == -1  # pairs nobody in the village yet: found by name
    dialog.find_box.setFocus()
    type_text(dialog.find_box, "王队员")
    qtbot.waitUntil(lambda: dialog.cadre.findData(scene.cadres["王队员"]) >= 0, timeout=3000)
    dialog.choose(scene.cadres["王队员"])
    dialog.started.setText(date.today().isoformat())
    screenshot("assist-pair")
    dialog.ok()
    assert not dialog.isVisible(), dialog.error.text()
    assert [h.head_name for h in coverage_check(sqlite_db, scene.village_id).uncovered] == ["周美兰"]
    qtbot.waitUntil(lambda: "未覆盖 <span style='color:#b00020'>1</span> 户" in view.heading.text(), timeout=5000)
    screenshot("assist-pairing")

    # 小额信贷: 王德明's loan of 2019, never repaid, is red with its overdue amount
    loans = view.show_page("loans")
    qtbot.waitUntil(lambda: loans.proxy.rowCount() == 2, timeout=5000)
    contracts = [loans.model.loan(r).contract for r in range(loans.model.rowCount())]
    late = loans.model.index(contracts.index("HT-2019-0003"), 0)
    assert late.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_TEXT
    assert loans.model.loan(late.row()).overdue_fen == 5_000_000
    current = loans.model.index(contracts.index("HT-2025-0005"), 0)
    assert current.data(Qt.ItemDataRole.ForegroundRole).color() == UNPAID_TEXT  # interest unpaid: orange, not red
    assert loans.model.loan(current.row()).overdue_fen == 0
    screenshot("assist-loans")

    # 务工月监测: this month, 孙国强's first family member worked; typed by keyboard, saved with Ctrl+S
    work = view.show_page("work")
    month = date.today().year * 100 + date.today().month
    work.set_month(month)
    qtbot.waitUntil(lambda: work.model.rowCount() == 18, timeout=5000)
    names = [r.name for r in work.model.rows]
    row = names.index("孙家1")
    work.table.setFocus()
    work.table.setCurrentIndex(work.model.index(row, COLUMNS.index("wage")))
    qtbot.keyClick(work.table, Qt.Key.Key_3)  # the first key opens the cell
    editor = work.table.indexWidget(work.table.currentIndex())
    qtbot.keyClicks(editor, "800")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert work.model.text(row, "worked") == "是"
    assert "1 行未保存" in work.summary.text()
    screenshot("assist-work")
    qtbot.keyClick(work.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = {r.name: r for r in work_grid(sqlite_db, scene.village_id, month)}
    assert saved["孙家1"].worked and saved["孙家1"].wage_fen == 380_000
    assert work.model.dirty_count() == 0 and "0 行未保存" in work.summary.text()
