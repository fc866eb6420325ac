"""Every string the procedure screens pass to tr() has its Chinese in procedure_zh_CN.ts, and the panel and the
batches view show Chinese once the translators are installed."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.assets import asset_path
from tests.procedure.helpers import make_household, make_village

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
MODULES = (
    "procedure_panel.py",
    "batches_view.py",
    "batches_model.py",
    "models/batches.py",
    "procedure_forms.py",
    "votes_table.py",
    "procedure_monitor.py",
)


def _translations() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    contexts = [
        context
        for ts in ("procedure_zh_CN.ts", "batches_zh_CN.ts")
        for context in ET.parse(asset_path("resources", "translations", ts)).getroot().iter("context")
    ]
    for context in contexts:
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "").strip() if translation is not None else ""
            if not text and translation is not None:
                text = " ".join((n.text or "") for n in translation.iter("numerusform"))
            out.setdefault(name, {})[message.findtext("source") or ""] = text
    return out


def _tr_literals() -> dict[str, set[str]]:
    """(class, source text) of every self.tr("...") call, plus the button texts kept in tables."""
    found: dict[str, set[str]] = {}
    for module in MODULES:
        tree = ast.parse((UI / module).read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                func = call.func
                if isinstance(func, ast.Attribute) and func.attr == "tr" and call.args:
                    arg = call.args[0]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(cls.name, set()).add(arg.value)
    from desktop_app.ui.batches_view import CREATE, PRINTABLE
    from desktop_app.ui.procedure_panel import ACTION_TEXTS

    found["ProcedurePanel"] |= set(ACTION_TEXTS.values())
    found["BatchesView"] |= {text for text, _form, _step in CREATE.values()} | set(PRINTABLE.values())
    return found


def test_every_source_string_has_chinese() -> None:
    ts = _translations()
    missing = [
        (ctx, text)
        for ctx, texts in _tr_literals().items()
        for text in texts
        if not ts.get(ctx, {}).get(text)
        or (re.search(r"[A-Za-z]", text) and not re.search(r"[\u4e00-\u9fff]", ts[ctx][text]))  # ", " → "、"
    ]
    assert missing == []


def test_chinese_screens_show_no_english(qtbot, qapp, sqlite_db) -> None:
    from desktop_app.ui.batches_view import BatchesView
    from desktop_app.ui.i18n import install_translators
    from desktop_app.ui.procedure_panel import ProcedurePanel

    with sqlite_db.transaction() as s:
        vid = make_village(s)
        hid = make_household(s, vid, "5329990010010001", "张富贵", seq=1)
    install_translators(qapp, "zh_CN")
    try:
        panel = ProcedurePanel(sqlite_db, hid)
        view = BatchesView(sqlite_db)
        for widget in (panel, view):
            qtbot.addWidget(widget)
        view.set_village(vid)
        texts = [b.text() for b in panel.buttons.values()] + [panel.actions_box.title(), panel.header.text()]
        texts += [panel.steps.horizontalHeaderItem(c).text() for c in range(3)]
        texts += [b.text() for b in view.buttons.values()] + [view.new_button.text(), view.title.text()]
        texts += [a.text() for a in view.create_actions.values()]
        texts += [str(view.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(6)]
        english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t)]
        assert english == []
        assert "登记申请" in texts and "民主评议会…" in texts
    finally:
        install_translators(qapp, "en")
