"""The main window's 数据交换 menu has 导入部门预警名单…; it opens the alert import, whose new clues the monitoring
tab then shows (it follows the committed change)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from sqlmodel import select

from desktop_app.storage.models import Member
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.monitoring_alerts import AlertImportDialog
from tests.monitor_warn_ui.conftest import BAND


def test_the_exchange_menu_imports_a_department_list(qtbot, warned, tmp_path: Path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = warned
    window = MainWindow(db, lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tree.select_area(vid)
    action = window.findChild(QAction, "import_alerts")
    assert action is not None and action.text() == "导入部门预警名单…" and action.isEnabled()
    action.trigger()
    dialog = window.alerts_dialog
    assert isinstance(dialog, AlertImportDialog) and dialog.isVisible()

    with db.read() as s:
        number = s.exec(select(Member.id_number).where(Member.household_id == ids[BAND])).first()
    wb = Workbook()
    wb.active.append(["身份证号", "推送部门", "预警原因"])
    wb.active.append([number, "县医保局", "大病"])
    wb.save(tmp_path / "推送.xlsx")
    job = dialog.start(tmp_path / "推送.xlsx")
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert dialog.report is not None and len(dialog.report.opened) == 1
    view = window.monitoring_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    assert view.model.text(0, 0) == "张富贵"
