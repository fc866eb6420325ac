"""A cadre's monitoring morning in a real 1366x768 window: the village's monitoring tab with an overdue case
marked, a home check recorded through its form, an out-of-order step refused with the Chinese reason."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.monitor_ui.conftest import VILLAGE_CODE, clue
from tests.procedure.helpers import make_household, make_village


def test_monitoring_tab_fits_and_works(qtbot, sqlite_db, ui_state, lang_zh, screenshot):  # type: ignore[no-untyped-def]
    from desktop_app.ui.main_window import MainWindow

    today = date.today()
    with sqlite_db.transaction() as s:
        vid = make_village(s, VILLAGE_CODE)
        late = make_household(s, vid, f"{VILLAGE_CODE}0001", "张富贵", seq=1)
        fresh = make_household(s, vid, f"{VILLAGE_CODE}0002", "李秀英", seq=2)
    clue(sqlite_db, late, today - timedelta(days=20))
    clue(sqlite_db, fresh, today - timedelta(days=2))

    window = MainWindow(sqlite_db, lang="zh_CN", settings=ui_state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tree.select_area(vid)
    view = window.monitoring_view
    window.tabs.setCurrentWidget(view)
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "防返贫监测"
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.contains(window.frameGeometry()), (screen, window.frameGeometry())
    heads = [view.model.text(r, 0) for r in range(view.model.rowCount())]
    assert view.model.text(heads.index("张富贵"), view.model.COL_DAYS) == "已超期 5 天"

    view.table.setCurrentIndex(view.model.index(heads.index("李秀英"), 0))
    qtbot.mouseClick(view.buttons["home_check"], Qt.MouseButton.LeftButton)
    dialog = view.current_dialog
    qtbot.waitExposed(dialog)
    assert screen.contains(dialog.frameGeometry())
    dialog.set_value("checkers", "李书记,王队员")
    dialog.set_value("category", "2")
    dialog.set_value("findings", "因病支出大")
    screenshot("monitoring-home-check")
    assert dialog.try_submit(), dialog.error_label.text()
    row = [view.model.text(r, 0) for r in range(view.model.rowCount())].index("李秀英")
    assert view.model.text(row, view.model.COL_STAGE) == "入户核实"

    entry = next(a for a in view.more_menu.actions() if a.text() == "开始村内公示")
    entry.trigger()
    box = view.current_message
    qtbot.waitExposed(box)
    assert box.text() == view.refused["notice_start"]
    screenshot("monitoring-refused")
    box.accept()
    screenshot("monitoring-tab")
