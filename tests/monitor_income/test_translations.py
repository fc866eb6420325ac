"""Every string the income worksheet and the lines dialog pass to tr() has its Chinese, and the screens show
Chinese once the translators are installed."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.assets import asset_path
from desktop_app.ui.models import monitoring_lines
from tests.monitor_income.helpers import village_with

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
MODULES = {"income_sheet_panel.py": "IncomeSheetPanel", "monitoring_lines_dialog.py": None}


def _translations() -> dict[str, dict[str, str]]:
    root = ET.parse(asset_path("resources", "translations", "monitor_income_zh_CN.ts")).getroot()
    return {
        c.findtext("name") or "": {
            m.findtext("source") or "": m.findtext("translation") or "" for m in c.iter("message")
        }
        for c in root.iter("context")
    }


def _tr_calls(path: Path) -> list[tuple[str, str]]:
    """(class, source text) of every self.tr("…") in a module."""
    found = []
    for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(cls, ast.ClassDef):
            continue
        for node in ast.walk(cls):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append((cls.name, str(node.args[0].value)))
    return found


def test_every_tr_string_has_its_chinese() -> None:
    known = _translations()
    calls = [call for module in MODULES for call in _tr_calls(UI / module)]
    assert len(calls) > 30
    missing = [(ctx, text) for ctx, text in calls if not known.get(ctx, {}).get(text)]
    assert missing == []
    model_missing = [h for h in monitoring_lines.HEADERS if not known["LinesModel"].get(h)]
    assert model_missing == [] and known["MainWindow"]["Monitoring lines…"] == "监测范围…"


def test_the_screens_speak_chinese(qtbot, qapp, sqlite_db) -> None:
    from desktop_app.ui.i18n import install_translators
    from desktop_app.ui.income_sheet_panel import IncomeSheetPanel
    from desktop_app.ui.monitoring_lines_dialog import MonitoringLinesDialog

    install_translators(qapp, "zh_CN")
    _, (hid,) = village_with(sqlite_db, ("001", "张三", 2500, 3))
    panel = IncomeSheetPanel(sqlite_db, hid, 2024)
    qtbot.addWidget(panel)
    assert panel.save_button.text() == "保存本年度收入情况" and "尚未保存" in panel.period.text()
    dialog = MonitoringLinesDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "监测范围" and dialog.model.headerData(5, Qt.Orientation.Horizontal) == "录入人"
