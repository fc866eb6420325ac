"""Every string the pairing screens pass to tr() has its Chinese in assist_pairing_zh_CN.ts, under its class."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop_app.assets import asset_path

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
FILES = ("assist_pairing.py", "assist_pairing_dialogs.py", "assist_visits.py")


def _tr_literals() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name in FILES:
        for cls in (
            n for n in ast.walk(ast.parse((UI / name).read_text(encoding="utf-8"))) if isinstance(n, ast.ClassDef)
        ):
            for node in ast.walk(cls):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr":
                    arg = node.args[0]
                    assert isinstance(arg, ast.Constant), f"tr() of a non-literal in {cls.name}"
                    found.setdefault(cls.name, set()).add(str(arg.value))
    return found


def test_every_tr_string_of_the_pairing_screens_has_chinese() -> None:
    root = ET.parse(asset_path("resources", "translations", "assist_pairing_zh_CN.ts")).getroot()
    ts = {
        c.findtext("name"): {m.findtext("source"): m.findtext("translation") or "" for m in c.iter("message")}
        for c in root.iter("context")
    }
    literals = _tr_literals()
    assert {"PairingPage", "CardPairingSection", "CardVisitsSection", "CadreDialog", "VisitDialog"} <= set(literals)
    missing = [
        (ctx, text)
        for ctx, texts in literals.items()
        for text in texts
        if not re.search(r"[\u4e00-\u9fff]", ts.get(ctx, {}).get(text, ""))
    ]
    assert missing == []
