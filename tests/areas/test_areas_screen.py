"""The areas screen driven as a person would: open it from the menu, add a village, rename, merge duplicate
groups (the question names the households that move), import a code list; and the import dialog's question
before it creates a roster's missing areas."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from desktop_app.assets import asset_path
from desktop_app.services import Database
from desktop_app.services.areas import area_tree, import_area_list, list_areas
from desktop_app.services.exchange import import_files
from desktop_app.storage.models import Household
from desktop_app.ui.areas_dialog import AreasDialog
from desktop_app.ui.exchange_dialogs import ImportDialog
from desktop_app.ui.models.areas import AreaTreeModel
from tests.areas.builders import area_list_rows, roster_rows, write_csv, write_xlsx


@pytest.fixture
def lang_zh(qapp: QApplication) -> Iterator[str]:
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")


@pytest.fixture
def county(sqlite_db: Database, tmp_path: Path) -> Database:
    assert import_area_list(sqlite_db, write_xlsx(area_list_rows(), tmp_path / "codes.xlsx")).applied
    rows, _expected = roster_rows(6)
    for row in rows[2:]:
        if row[1] == "东风村":
            row[2] = "上寨"  # the village's first group, known in the roster by its hamlet's name
    assert import_files(sqlite_db, [write_xlsx(rows, tmp_path / "roster.xlsx")], create_areas=True).applied
    return sqlite_db


def _households(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Household)) or 0


def test_add_rename_and_merge_from_the_menu(qtbot: Any, county: Database, lang_zh: str, tmp_path: Path) -> None:
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(county, lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    action = window.actions_by_slot["open_areas"]
    assert action.text() == "区划…"
    action.trigger()
    dialog: AreasDialog = window.areas_dialog
    assert dialog.windowTitle() == "区划" and dialog.width() <= 1366 and dialog.height() <= 768
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["区划", "代码", "户数", "备注"]

    dialog.select_code("532501100000")  # the township: a new village goes under it
    form = dialog.ask_add()
    assert form is not None and form.windowTitle() == "新增行政村"
    assert form.code_edit.text() == "532501100"  # the township's first 9 digits, to be completed
    form.code_edit.setText("532501100204")
    form.name_edit.setText("光明村")
    form.accept()
    assert dialog.status.text() == "已新增 532501100204 光明村。"
    assert dialog.current() is not None and dialog.current().name == "光明村"

    form = dialog.ask_rename()
    assert form is not None and form.name_edit.text() == "光明村"
    form.name_edit.setText("光明新村")
    form.accept()
    assert [r["name"] for r in list_areas(county) if r["code"] == "532501100204"] == ["光明新村"]
    assert window.tree.model_.findItems("光明新村", Qt.MatchFlag.MatchRecursive)  # the main tree follows

    shang = next(r for r in list_areas(county) if r["name"] == "上寨")
    dialog.select_code(str(shang["code"]))
    form = dialog.ask_merge()
    assert form is not None and form.windowTitle() == "把“上寨”并入另一个小组"
    keep = form.choice.findText("第1村民小组（532501100201001）")
    assert keep >= 0
    form.choice.setCurrentIndex(keep)
    form.accept()
    box = dialog.question
    assert box is not None and "2 户将移入“第1村民小组”" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert dialog.status.text() == "已并入第1村民小组：2 户随之移入。"
    assert [r for r in list_areas(county) if r["name"] == "上寨"] == []
    village = next(n for root in area_tree(county) for n in root.walk() if n.code == "532501100201001")
    assert village.households == 2
    assert _households(county) == 6


def test_a_broken_code_list_is_shown_with_its_rows(
    qtbot: Any, sqlite_db: Database, lang_zh: str, tmp_path: Path
) -> None:
    dialog = AreasDialog(sqlite_db)
    qtbot.addWidget(dialog)
    rows = [*area_list_rows(), ["532501100209", "孤村", "行政村", "532501199000"]]
    assert dialog.import_code_list(write_csv(rows, tmp_path / "bad.csv")).wait(30000)
    assert dialog.status.text() == "发现 1 个问题：没有导入任何内容。"
    assert dialog.problems.isVisible() or dialog.problems.toPlainText()
    assert dialog.problems.toPlainText().startswith("第 13 行：上级代码 532501199000")
    assert list_areas(sqlite_db) == []
    assert dialog.import_code_list(write_csv(area_list_rows(), tmp_path / "good.csv")).wait(30000)
    assert dialog.status.text().startswith("已导入：新增 11")
    assert dialog.model.rowCount() == 1  # the county, with its townships under it


def test_the_import_dialog_asks_before_it_creates_areas(
    qtbot: Any, sqlite_db: Database, lang_zh: str, tmp_path: Path
) -> None:
    rows, expected = roster_rows(9)
    dialog = ImportDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert dialog.check_file(write_xlsx(rows, tmp_path / "roster.xlsx")).wait(30000)
    assert "将新建 1 个县、1 个乡镇、3 个行政村" in dialog.summary.text()
    box = dialog.start_import()
    assert isinstance(box, QMessageBox) and box.text().startswith("将新建 1 个县")
    box.button(QMessageBox.StandardButton.No).click()
    assert _households(sqlite_db) == 0 and list_areas(sqlite_db) == []
    box = dialog.start_import()
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert dialog.job is not None and dialog.job.wait(30000)
    assert dialog.summary.text().startswith("导入完成")
    assert _households(sqlite_db) == expected["households"]


def test_the_tree_model_passes_the_model_tester(qtmodeltester: Any, county: Database) -> None:
    model = AreaTreeModel()
    model.set_nodes(area_tree(county))
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_every_tr_string_has_its_chinese() -> None:
    import ast

    ui = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
    root = ET.parse(asset_path("resources", "translations", "areas_zh_CN.ts")).getroot()
    ts = {
        c.findtext("name"): {m.findtext("source"): m.findtext("translation") or "" for m in c.iter("message")}
        for c in root.iter("context")
    }
    missing = []
    for name in ("areas_dialog.py", "models/areas.py"):
        for cls in (n for n in ast.walk(ast.parse((ui / name).read_text("utf-8"))) if isinstance(n, ast.ClassDef)):
            for node in ast.walk(cls):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr":
                    text = str(node.args[0].value)  # type: ignore[attr-defined]
                    if not re.search(r"[\u4e00-\u9fff]", ts.get(cls.name, {}).get(text, "")):
                        missing.append((cls.name, text))
    assert missing == []
