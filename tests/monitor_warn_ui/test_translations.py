"""Every string the warning lists and the alert import pass to tr() (and the two monitoring-tab buttons) has
its Chinese in monitor_warn_zh_CN.ts, so no English shows in the Chinese UI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from desktop_app.assets import asset_path
from desktop_app.ui.models import monitoring_warnings
from tests.monitor_income.test_translations import _tr_calls  # (class, text) of each self.tr("…")

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"


def _translations() -> dict[str, dict[str, str]]:
    root = ET.parse(asset_path("resources", "translations", "monitor_warn_zh_CN.ts")).getroot()
    return {
        c.findtext("name") or "": {
            m.findtext("source") or "": m.findtext("translation") or "" for m in c.iter("message")
        }
        for c in root.iter("context")
    }


def test_every_tr_string_has_its_chinese() -> None:
    known = _translations()
    calls = _tr_calls(UI / "monitoring_warnings.py") + _tr_calls(UI / "monitoring_alerts.py")
    buttons = {"Warning lists…", "Import department alerts…"}  # the monitoring tab's two new buttons
    calls += [(ctx, text) for ctx, text in _tr_calls(UI / "monitoring_view.py") if text in buttons]
    assert len([c for c in calls if c[0] == "MonitoringView"]) == 2
    assert len(calls) > 40
    missing = [(ctx, text) for ctx, text in calls if not known.get(ctx, {}).get(text)]
    assert missing == []


def test_every_model_string_has_its_chinese() -> None:
    known = _translations()["WarningModels"]
    texts = [
        *monitoring_warnings.INCOME_HEADERS,
        *monitoring_warnings.VISIT_HEADERS,
        "Below the line",
        "Near the line",
        "Yes",
        "No",
    ]
    assert [t for t in texts if not known.get(t)] == []
