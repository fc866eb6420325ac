"""The main window's 帮扶台账 tab: five village ledgers in Chinese, following the village chosen in the tree."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.services.assistance import pair
from desktop_app.ui.assist_view import AssistView
from desktop_app.ui.main_window import MainWindow
from tests.assist_ui.conftest import cadre, overdue_loan

PAGE_TITLES = ["结对覆盖", "资金台账", "小额信贷", "公益岗位", "务工月监测"]


def _window(qtbot, db, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db, lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_tab_is_there_in_chinese_with_its_five_ledgers(qtbot, villages, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, villages.db, tmp_path)
    view = window.assist_view
    assert isinstance(view, AssistView)
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "帮扶台账"
    assert [view.pages.tabText(i) for i in range(view.pages.count())] == PAGE_TITLES
    assert view.pages.built_pages() == {}  # the tab was never shown: nothing made, nothing read


def test_the_page_in_front_follows_the_village_and_the_others_wait(qtbot, villages, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, villages.db, tmp_path)
    view = window.assist_view
    window.tree.select_area(villages.heping)
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: "pairing" in view.pages.built_pages())
    assert "和平村" in view.heading.text()
    pairing = view.page("pairing")
    assert pairing.village_id == villages.heping and pairing.isVisible()
    assert set(view.pages.built_pages()) == {"pairing"}

    window.tree.select_area(villages.tuanjie)
    assert pairing.village_id == villages.tuanjie
    assert "团结村" in view.heading.text()
    view.pages.setCurrentIndex(PAGE_TITLES.index("小额信贷"))
    loans = view.page("loans")
    assert loans.village_id == villages.tuanjie and loans.isVisible()
    window.tree.select_area(villages.heping)
    assert loans.village_id == villages.heping and pairing.village_id == villages.heping


def test_without_a_village_the_heading_says_what_to_do(qtbot, sqlite_db, lang_zh) -> None:  # type: ignore[no-untyped-def]
    view = AssistView(sqlite_db)
    qtbot.addWidget(view)
    view.show()
    assert view.heading.text() == "请在左侧选择行政村，查看其帮扶台账。"


def test_the_heading_counts_the_village_and_follows_what_is_recorded_elsewhere(  # type: ignore[no-untyped-def]
    qtbot, villages, lang_zh
) -> None:
    db = villages.db
    overdue_loan(db, villages.households["王德明"])
    view = AssistView(db)
    qtbot.addWidget(view)
    view.set_village(villages.heping)
    view.show()
    qtbot.waitUntil(lambda: view.counts is not None)
    assert view.counts.to_cover == 3 and view.counts.uncovered == 3
    assert view.counts.overdue_loans == 1 and view.counts.overdue_fen == 5_000_000
    text = view.heading.text()
    assert "和平村" in text and "应结对 3 户" in text and "逾期贷款" in text and "逾期 50,000.00 元" in text

    pair(db, villages.households["张富贵"], cadre(db), started_on=date(2026, 1, 5))  # from a card, the CLI…
    qtbot.waitUntil(lambda: view.counts is not None and view.counts.uncovered == 2, timeout=3000)
    assert "应结对 3 户，未覆盖 <span style='color:#b00020'>2</span> 户" in view.heading.text()

    view.set_village(villages.tuanjie)
    assert view.counts is not None and (view.counts.to_cover, view.counts.uncovered) == (1, 1)
    assert view.counts.overdue_loans == 0 and "团结村" in view.heading.text()
