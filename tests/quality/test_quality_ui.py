"""数据质量检查 on a real SQLite file: the screen lists a finding per household with the rule, the field and what
to fix (Chinese), filters by village and rule, opens the household's card on a double-click, and exempting a
finding removes it from the list; the model passes the model tester; every string has its Chinese."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.assets import asset_path
from desktop_app.services.quality import check_database
from desktop_app.ui.models import quality as quality_models
from desktop_app.ui.models.quality import QualityFindingModel
from desktop_app.ui.quality_view import QualityDialog
from tests.monitor_income.test_translations import _tr_calls
from tests.monitor_ui.conftest import lang_zh
from tests.quality.helpers import TODAY, number_of

__all__ = ["lang_zh"]
UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"


def _open(qtbot: Any, db: Any, **kw: Any) -> QualityDialog:
    dialog = QualityDialog(db, today=TODAY, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=20000)
    return dialog


def _rows(dialog: QualityDialog) -> list[tuple[str, ...]]:
    m = dialog.model
    return [tuple(m.index(r, c).data() for c in range(m.columnCount())) for r in range(m.rowCount())]


def test_the_screen_lists_findings_filters_and_exempting_removes_one(qtbot, county, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, _ids = county
    dialog = _open(qtbot, db)
    assert dialog.windowTitle() == "数据质量检查"
    assert dialog.width() <= 1366 and dialog.height() <= 768
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "行政村"
    q07 = number_of("Q07", True)
    row = next(r for r in _rows(dialog) if r[3] == "Q07")
    assert row[:2] == ("和平村", q07) and row[5] == "因自然灾害子项" and row[6] == "选择因自然灾害子项"
    assert "未填写灾害子项" in row[4]
    assert "共 " in dialog.status.text() and "户" in dialog.status.text()

    dialog.rule.setCurrentIndex(dialog.rule.findData("Q07"))
    assert [r[1] for r in _rows(dialog)] == [q07]
    dialog.village.setCurrentIndex(dialog.village.findData("和平村"))
    assert len(_rows(dialog)) == 1

    assert not dialog.exempt_button.isEnabled()
    assert dialog.select_finding("Q07", q07) and dialog.exempt_button.isEnabled()
    assert dialog.exempt_selected("省级系统中已补录")
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=20000)
    assert _rows(dialog) == [] and dialog.status.text() == "没有发现问题。"
    dialog.include_exempt.setChecked(True)
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=20000)
    assert [r[4].endswith("（已豁免）") for r in _rows(dialog)] == [True]
    assert dialog.select_finding("Q07", q07) and not dialog.exempt_button.isEnabled()


def test_a_double_click_opens_the_households_card(qtbot, county, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.card_editor import HouseholdCardDialog

    db, ids = county
    dialog = _open(qtbot, db)
    dialog.rule.setCurrentIndex(dialog.rule.findData("Q18"))
    rect = dialog.table.visualRect(dialog.model.index(0, 1))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    card = dialog.current_card
    assert isinstance(card, HouseholdCardDialog) and card.isVisible()
    assert card._base.id == ids[number_of("Q18", True)]
    assert card._base.number == number_of("Q18", True)
    card.reject()


def test_the_model_passes_the_model_tester(qtmodeltester, county) -> None:  # type: ignore[no-untyped-def]
    model = QualityFindingModel()
    model.set_rows(check_database(county[0], today=TODAY))
    qtmodeltester.check(model)
    model.set_filter(rule="Q01")
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.columnCount() == 7


def _translations() -> dict[str, dict[str, str]]:
    root = ET.parse(asset_path("resources", "translations", "quality_zh_CN.ts")).getroot()
    return {
        c.findtext("name") or "": {
            m.findtext("source") or "": m.findtext("translation") or "" for m in c.iter("message")
        }
        for c in root.iter("context")
    }


def test_every_string_has_its_chinese() -> None:
    known = _translations()
    calls = _tr_calls(UI / "quality_view.py")
    assert len(calls) > 20
    assert [(ctx, t) for ctx, t in calls if not known.get(ctx, {}).get(t)] == []
    assert [h for h in (*quality_models.HEADERS, "(exempted)") if not known["QualityModels"].get(h)] == []
    assert known["MainWindow"]["Data-quality check…"] == "数据质量检查…"


def test_the_exchange_menu_opens_the_quality_check(qtbot, county, tmp_path: Path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction

    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(
        county[0], lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    action = window.findChild(QAction, "quality_check")
    assert action is not None and action.text() == "数据质量检查…"
    action.trigger()
    dialog = window.quality_dialog
    assert isinstance(dialog, QualityDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=20000)
    assert dialog.model.rowCount() > 10
    dialog.close()
