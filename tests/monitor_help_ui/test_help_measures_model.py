"""The help-measures model passes Qt's model tester on real measures and shows codes by their labels."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop_app.services.monitoring import add_help_measure, help_measures
from desktop_app.ui.models.help_measures import COLUMNS, HelpMeasuresModel


def test_the_model_passes_the_model_tester_on_real_measures(qtmodeltester, included, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, _vid, ids = included
    add_help_measure(db, ids["张富贵"], year=2025, category="100A40", values=["1", "2"], amount_fen=30000)
    add_help_measure(
        db, ids["张富贵"], year=2026, category="100A39", values=["1"], started_on=date(2026, 1, 5), note="养牛"
    )
    model = HelpMeasuresModel()
    model.set_rows(help_measures(db, ids["张富贵"]))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == len(COLUMNS)
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first == ["2025", "就业帮扶", "技能培训、劳务输出", "", "", "300.00", "", "是"]
    second = model.index(1, COLUMNS.index("development")).data()
    assert model.index(1, 1).data() == "产业帮扶" and model.index(1, 3).data() == "2026-01-05"
    assert second == "是"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "措施"
    model.set_rows([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
