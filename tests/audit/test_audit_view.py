"""管理 → 审计日志: the audit screen lists entries after a card save, filters by user and by household,
verifies (OK, then the broken entry after tampering) and exports a workbook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services import Database, open_database
from desktop_app.services.accounts import action_label
from desktop_app.services.demo import load_demo
from desktop_app.ui.audit_view import AuditDialog
from desktop_app.ui.models.audit import AuditTableModel
from tests.audit.helpers import edit_card, first_village, new_card, query, shell


def type_chinese(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[None]:
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def worked(tmp_path: Path) -> Iterator[tuple[Database, str, str]]:
    db = open_database(tmp_path / "fupin.sqlite", operator="王芳", device_id="laptop-a")
    load_demo(db, households=5, seed=2, operator="王芳", device_id="laptop-a")
    home = new_card(db, first_village(db), "杨光明", 6)
    db.operator = "李强"
    edit_card(db, home, "村东头 1 号")
    number = query(tmp_path / "fupin.sqlite", "SELECT number FROM household WHERE id = ?", (home,))[0][0]
    yield db, home, number
    db.close()


def _column(dialog: AuditDialog, col: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def _loaded(qtbot, dialog: AuditDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.job is not None
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=60000)


def test_audit_screen_lists_filters_verifies_and_exports(qtbot, zh, worked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _home, number = worked
    dialog = AuditDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _loaded(qtbot, dialog)
    assert dialog.model.headers()[:4] == ["时间", "用户", "角色", "操作"]
    actions = _column(dialog, AuditTableModel.COL_ACTION)
    assert actions[:2] == ["保存户卡", "保存户卡"] and "生成演示数据" in actions  # newest first
    assert _column(dialog, AuditTableModel.COL_USER)[0] == "李强"
    assert _column(dialog, AuditTableModel.COL_HOUSEHOLD)[0] == number
    assert dialog.summary.text() == f"{len(actions)} 条记录"

    type_chinese(dialog.user, "李强")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    _loaded(qtbot, dialog)
    assert _column(dialog, AuditTableModel.COL_USER) == ["李强"]

    dialog.user.clear()
    qtbot.keyClicks(dialog.household, number)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    _loaded(qtbot, dialog)
    assert _column(dialog, AuditTableModel.COL_HOUSEHOLD) == [number, number]  # created, then edited
    assert _column(dialog, AuditTableModel.COL_USER) == ["李强", "王芳"]

    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60000)
    assert dialog.verdict.text().startswith("审计链完好：1 台设备")

    out = tmp_path / "审计.xlsx"
    assert dialog.export(str(out)) == 2
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]][:6] == ["时间", "用户", "角色", "操作", "户编号", "变更内容"]
    assert [c.value for c in sheet[2]][3:5] == ["保存户卡", number]
    _loaded(qtbot, dialog)
    dialog.household.clear()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    _loaded(qtbot, dialog)
    assert _column(dialog, AuditTableModel.COL_ACTION)[0] == action_label("audit.export")  # an entry of its own

    path = db.sqlite_path
    assert path is not None
    shell(path, "UPDATE change_log SET new_value = '村西头' WHERE new_value = '村东头 1 号'")
    dialog.report = None
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60000)
    assert not dialog.report.ok
    assert dialog.verdict.text().startswith("设备 laptop-a：变更记录被改动：第 ")
    assert "household.save" in dialog.verdict.text()


def test_an_unknown_household_number_is_a_clear_message(qtbot, zh, worked) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui import jobs

    db, _home, _number = worked
    dialog = AuditDialog(db)
    qtbot.addWidget(dialog)
    _loaded(qtbot, dialog)
    shown: list[str] = []
    original = jobs.show_error

    def capture(parent, title, exc):  # type: ignore[no-untyped-def]
        shown.append(jobs.error_message(exc))
        return original(parent, title, exc)

    import desktop_app.ui.audit_view as view

    view.show_error = capture  # type: ignore[assignment]
    try:
        qtbot.keyClicks(dialog.household, "999999")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    finally:
        view.show_error = original  # type: ignore[assignment]
    assert shown == ["没有户编号为 999999 的户。"] and dialog.model.rowCount() == 0
