"""Every string the warning lists and the alert import pass to tr() (and the two monitoring-tab buttons) has
its Chinese in monitor_warn_zh_CN.ts, so no English shows in the Chinese UI."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop_app.assets import asset_path
from desktop_app.ui.models import monitoring_warnings

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"


def _translations() -> dict[str, dict[str, str]]:
    root = ET.parse(asset_path("resources", "translations", "monitor_warn_zh_CN.ts")).getroot()
    return {
        c.findtext("name") or "": {
            m.findtext("source") or "": m.findtext("translation") or "" for m in c.iter("message")
        }
        for c in root.iter("context")
    }


def _tr_calls(path: Path, only: set[str] | None = None) -> list[tuple[str, str]]:
    """(class, source text) of every self.tr("…") in a module's classes."""
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
                and (only is None or str(node.args[0].value) in only)
            ):
                found.append((cls.name, str(node.args[0].value)))
    return found


def test_every_tr_string_has_its_chinese() -> None:
    known = _translations()
    calls = _tr_calls(UI / "monitoring_warnings.py") + _tr_calls(UI / "monitoring_alerts.py")
    calls += _tr_calls(UI / "monitoring_view.py", {"Warning lists…", "Import department alerts…"})
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
