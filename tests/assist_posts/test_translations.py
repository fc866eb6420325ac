"""Every string the post and work screens pass to tr() has its Chinese in assist_posts_zh_CN.ts, and the
screens speak Chinese once the translators are installed."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from desktop_app.assets import asset_path
from desktop_app.ui import assist_post_models
from desktop_app.ui.models import work_months
from tests.assist_posts.helpers import village

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
MODULES = ("assist_posts.py", "assist_work.py", "assist_post_forms.py")


def _translations() -> dict[str, dict[str, str]]:
    root = ET.parse(asset_path("resources", "translations", "assist_posts_zh_CN.ts")).getroot()
    return {
        c.findtext("name") or "": {
            m.findtext("source") or "": m.findtext("translation") or "" for m in c.iter("message")
        }
        for c in root.iter("context")
    }


def _tr_calls(path: Path) -> list[tuple[str, str]]:
    found = []
    for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(cls, ast.ClassDef):
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


def _module_tr(path: Path, context: str) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (context, str(n.args[0].value))
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_tr" and n.args
        if isinstance(n.args[0], ast.Constant)
    ]


def test_every_tr_string_has_its_chinese() -> None:
    from desktop_app.ui.assist_work import CardWorkSection

    known = _translations()
    calls = [call for module in MODULES for call in _tr_calls(UI / module)]
    calls += _module_tr(UI / "models" / "work_months.py", "WorkMonthsModel")
    calls += _module_tr(UI / "assist_post_models.py", "PostModels")
    calls += [("WorkMonthsModel", h) for h in work_months.HEADERS.values()]
    calls += [("PostModels", h) for h in assist_post_models.HEADERS]
    calls += [("CardWorkSection", h) for h in CardWorkSection.HEADERS]
    assert len(calls) > 80
    assert [(ctx, text) for ctx, text in calls if not known.get(ctx, {}).get(text)] == []


def test_the_screens_speak_chinese(qtbot: Any, qapp: Any, sqlite_db: Any) -> None:
    from desktop_app.ui.assist_posts import PostsPage
    from desktop_app.ui.assist_work import WorkMonthsPage
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    v = village(sqlite_db)
    page = WorkMonthsPage(sqlite_db)
    qtbot.addWidget(page)
    page.set_village(v.id)
    page.set_month(202604)
    page.refresh()
    assert page.save_button.text() == "保存本月（Ctrl+S）"
    assert page.model.headerData(7, work_months.Qt.Orientation.Horizontal) == "务工渠道"
    page.model.setData(page.model.index(0, work_months.COLUMNS.index("wage")), "100")
    assert page.model.text(0, "worked") == "是"
    assert "2026-04：共 9 人，务工 1 人，1 行未保存" == page.summary.text()
    page.model.setData(page.model.index(0, work_months.COLUMNS.index("start")), "31")
    assert page.message.text() == "未接受：张三，开始日期：日期不在本月内"
    posts = PostsPage(sqlite_db)
    qtbot.addWidget(posts)
    assert posts.step_buttons["check"].text() == "资格审核"
    assert posts.posts.headerData(5, work_months.Qt.Orientation.Horizontal) == "在岗/岗位数"
