"""The card's 识别程序 tab names the household's monitoring case beside the identification history."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.ui.procedure_panel import ProcedurePanel
from tests.monitor_ui.conftest import TODAY, clue


def test_procedure_tab_names_the_monitoring_case(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = village
    quiet = ProcedurePanel(db, ids["李秀英"], today=TODAY)
    qtbot.addWidget(quiet)
    assert quiet.monitoring.isHidden()  # never monitored: nothing to say
    found = TODAY - timedelta(days=4)
    clue(db, ids["张富贵"], found)
    panel = ProcedurePanel(db, ids["张富贵"], today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.monitoring.isVisible()
    assert panel.monitoring.text() == f"防返贫监测：线索登记，线索发现于 {found.isoformat()}——详见“防返贫监测”页"
