"""The card shows the household's monitoring case beside its identification procedure: step, category,
dates, deadline, risks and the case's timeline."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.ui.card_editor import HouseholdCardDialog
from desktop_app.ui.card_monitoring import CardMonitoringPanel
from tests.monitor_ui.conftest import TODAY, clue, home_check


def test_the_card_panel_shows_the_case_and_its_timeline(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = village
    found = TODAY - timedelta(days=20)
    clue(db, ids["张富贵"], found, risks=("01", "08"))
    home_check(db, ids["张富贵"], found + timedelta(days=1))
    panel = CardMonitoringPanel(db, ids["张富贵"], today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.none_label.isVisible()
    assert panel.facts["stage"].text() == "入户核实"
    assert panel.facts["category"].text() == "边缘易致贫户"
    assert panel.facts["source"].text() == "干部排查走访"
    assert panel.facts["found"].text() == found.isoformat()
    assert panel.facts["deadline"].text() == f"{(found + timedelta(days=15)).isoformat()}（已超期 5 天）"
    assert panel.facts["risks"].text() == "因病、缺劳动力"
    assert panel.facts["term"].text() == "防止返贫致贫对象"  # found in 2026: the term from 2026 on
    steps = [panel.timeline.item(r, 1).text() for r in range(panel.timeline.rowCount())]
    assert steps == ["线索登记", "入户核实"]
    assert panel.timeline.item(1, 0).text() == (found + timedelta(days=1)).isoformat()
    assert panel.timeline.item(1, 3).text() == "测试员"


def test_a_household_without_a_case_says_so(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = village
    panel = CardMonitoringPanel(db, ids["李秀英"], today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.none_label.isVisible() and panel.none_label.text() == "该户没有监测记录。"
    assert panel.timeline.rowCount() == 0
    clue(db, ids["李秀英"], TODAY - timedelta(days=1))  # recorded elsewhere (the monitoring tab, the CLI)
    qtbot.waitUntil(lambda: panel.timeline.rowCount() == 1)
    assert not panel.none_label.isVisible()
    assert panel.facts["stage"].text() == "线索登记"


def test_the_card_has_the_monitoring_tab(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=2))
    dialog = HouseholdCardDialog(db, ids["张富贵"], village_id=vid)
    qtbot.addWidget(dialog)
    assert dialog.monitoring_panel is not None
    index = dialog.tabs.indexOf(dialog.monitoring_panel)
    assert index == dialog.tabs.indexOf(dialog.procedure_panel) + 1
    assert dialog.tabs.tabText(index) == "防返贫监测"
