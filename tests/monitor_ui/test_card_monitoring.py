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
    clue(db, ids["张富贵"], found, risks=("04", "99"))
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
    assert panel.facts["risks"].text() == "因自然灾害（洪涝灾害）、其他（房屋漏雨）"
    assert panel.facts["term"].text() == "防止返贫致贫对象"  # found in 2026: the term from 2026 on
    assert panel.facts["guards"].isHidden()  # no removal check: the row is not shown
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


def test_the_card_shows_the_income_judged_and_the_removal_guards(qtbot, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from desktop_app.services.monitoring import do_action
    from tests.monitor_cases.helpers import REMOVAL_VALUES, household_id, include, make_db, number

    scan = tmp_path / "授权书.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    db = make_db(tmp_path / "m.sqlite", households=1)
    included = include(db, number(1), date(2025, 1, 2), scan=str(scan))
    d = included + timedelta(days=30)
    do_action(db, number(1), "removal_proposal", {"date": d, "method": "1"}, today=d)
    check = {"date": d, "checkers": "张三,李四", "stable_since": date(2024, 1, 1), "new_risk": "no"}
    do_action(db, number(1), "removal_check", {**check, **REMOVAL_VALUES}, today=d)
    panel = CardMonitoringPanel(db, household_id(db, 1), today=d)
    qtbot.addWidget(panel)
    assert panel.facts["income"].text() == "2025 年人均纯收入 9,000.00 元（监测线 7,000.00 元）"
    assert not panel.facts["income"].isHidden()
    guards = panel.facts["guards"].text()
    assert guards and "（已书面特批）" not in guards  # too soon after inclusion, no help measure yet
    do_action(db, number(1), "removal_override", {"date": d, "reason": "县里同意", "decided_by": "乡长"}, today=d)
    qtbot.waitUntil(lambda: panel.facts["guards"].text().endswith("（已书面特批）"))
    assert panel.facts["stage"].text() == "消除风险核实"
