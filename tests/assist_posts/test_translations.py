"""Every string the post and work screens pass to tr() has its Chinese in assist_posts_zh_CN.ts, and the
screens speak Chinese once the translators are installed."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from desktop_app.assets import asset_path
from desktop_app.ui.models import posts as assist_post_models
from desktop_app.ui.models import work_months
from tests.assist_posts.helpers import village

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
# module -> the context of its module-level _tr() (classes translate in their own name)
MODULES = {
    "assist_posts.py": "",
    "assist_work.py": "",
    "assist_post_forms.py": "",
    "models/posts.py": "PostModels",
    "models/work_months.py": "WorkMonthsModel",
}


class _Strings(ast.NodeVisitor):
    """(context, source) of every literal passed to ``self.tr`` (context: the class) or ``_tr``."""

    def __init__(self, module_context: str) -> None:
        self.module_context, self.classes, self.found = module_context, [""], []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 (ast's name)
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 (ast's name)
        text = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        if isinstance(text, str):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "tr":
                self.found.append((self.classes[-1], text))
            elif isinstance(node.func, ast.Name) and node.func.id == "_tr":
                self.found.append((self.module_context, text))
        self.generic_visit(node)


def _sources() -> list[tuple[str, str]]:
    from desktop_app.ui.assist_work import CardWorkSection

    found: list[tuple[str, str]] = []
    for module, context in MODULES.items():
        visitor = _Strings(context)
        visitor.visit(ast.parse((UI / module).read_text(encoding="utf-8")))
        found += visitor.found
    found += [("WorkMonthsModel", h) for h in work_months.HEADERS.values()]
    found += [("PostModels", h) for h in assist_post_models.HEADERS]
    return found + [("CardWorkSection", h) for h in CardWorkSection.HEADERS]


def test_every_tr_string_has_its_chinese_in_the_built_translations(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    sources = _sources()
    assert len(sources) > 80
    untranslated = [(c, t) for c, t in sources if QCoreApplication.translate(c, t) == t and not t.isdigit()]
    assert untranslated == []
    shipped = ET.parse(asset_path("resources", "translations", "assist_posts_zh_CN.ts")).getroot()
    assert all(m.findtext("translation") for m in shipped.iter("message"))  # no empty translation shipped


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
