"""Every string the plan and funds screens pass to tr() has its Chinese in assist_funds_zh_CN.ts, in the
context of its class (what Qt looks it up by)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop_app.assets import asset_path

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
MODULES = ("assist_plans.py", "assist_funds.py", "assist_funds_dialogs.py", "assist_funds_plan.py")


def _sources() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for name in MODULES:
        for cls in ast.walk(ast.parse((UI / name).read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for node in ast.walk(cls):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "tr" and node.args:
                    arg = node.args[0]
                    assert isinstance(arg, ast.Constant), f"tr() of a non-literal in {name}"
                    found.add((cls.name, str(arg.value)))
    return found


def _translated() -> set[tuple[str, str]]:
    root = ET.parse(asset_path("resources", "translations", "assist_funds_zh_CN.ts")).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
        if (message.findtext("translation") or "").strip()
    }


def test_every_screen_string_has_its_chinese() -> None:
    sources = _sources()
    assert len(sources) > 60  # the scan sees the screens' strings
    assert sorted(sources - _translated()) == []
