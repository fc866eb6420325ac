"""The main window's monitoring tab: it follows the village chosen in the area tree, is titled in the UI's
language, and after opening another database it shows that database (the old tab is gone)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.ui.main_window import MainWindow
from tests.monitor_ui.conftest import clue


def _window(qtbot, db, tmp_path: Path, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db, lang=lang, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_tab_follows_the_tree_and_a_new_database(qtbot, village, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], date.today() - timedelta(days=3))
    window = _window(qtbot, db, tmp_path, "zh_CN")
    view = window.monitoring_view
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "防返贫监测"
    window.tree.select_area(vid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.text(0, 0) == "张富贵"
    assert view.title.text() == "和平村 的防止返贫致贫对象"

    other = tmp_path / "other.sqlite"
    assert window.switch_database(str(other))
    for name in ("admin_setup_dialog", "first_run_dialog"):  # a new, empty file offers its set-up: put off
        qtbot.waitUntil(lambda n=name: getattr(window, n, None) is not None)
        getattr(window, name).reject()
    assert window.monitoring_view is not view
    index = window.tabs.indexOf(window.monitoring_view)
    assert index == 2 and window.tabs.tabText(index) == "防返贫监测"
    assert window.monitoring_view.model.rowCount() == 0
    window.db.close()


def test_the_english_window_names_the_tab_in_english(qtbot, village, tmp_path, lang_en) -> None:  # type: ignore[no-untyped-def]
    db, _vid, _ids = village
    window = _window(qtbot, db, tmp_path, "en")
    assert window.tabs.tabText(window.tabs.indexOf(window.monitoring_view)) == "Monitoring"
    assert (
        window.monitoring_view.title.text() == "和平村 – household under watch against (re)poverty list"
    )  # the only village
