"""The export and import dialogs: progress, cancel without leftovers, the validation preview, partial import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from desktop_app.services import Database
from desktop_app.storage.models import ChangeLog, Household
from desktop_app.ui.exchange_dialogs import ExportDialog, ImportDialog


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def _log_count(db: Database) -> int:
    with db.session() as session:
        return session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()


def test_export_dialog_writes_the_workbook_in_chinese(qtbot, demo_db: Database, tmp_path: Path, chinese: None) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(demo_db)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "导出到 Excel"
    assert dialog.area.itemText(0) == "本数据库的全部数据" and dialog.area.count() > 3
    dialog.path.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    assert dialog.job is not None and dialog.job.wait(30000)
    assert (tmp_path / "out.xlsx").exists()
    assert dialog.status.text().startswith("已导出")
    assert dialog.close_button.text() == "关闭"  # no 取消 once the file is written


def test_export_cancel_leaves_no_file(qtbot, demo_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "cancelled.xlsx"))
    dialog.start()
    assert dialog.job is not None
    dialog.job.cancel()
    assert dialog.job.wait(30000)
    assert list(tmp_path.glob("*.xlsx")) == []
    assert "取消" in dialog.status.text() or "cancelled" in dialog.status.text()


def _bad_file(demo_xlsx: Path, tmp_path: Path) -> tuple[Path, str, str]:
    book = openpyxl.load_workbook(demo_xlsx)
    hs, ms = book["户"], book["成员"]
    headers = [c.value for c in hs[1]]
    good, bad = hs.cell(row=2, column=1).value, hs.cell(row=3, column=1).value
    hs.cell(row=2, column=headers.index("备注") + 1).value = "县里核实过"
    m_headers = [c.value for c in ms[1]]
    row = next(r for r in range(2, ms.max_row + 1) if ms.cell(row=r, column=1).value == bad)
    ms.cell(row=row, column=m_headers.index("性别") + 1).value = "未知"
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path, good, bad


def test_import_preview_partial_import_and_report(qtbot, demo_db: Database, demo_xlsx: Path, tmp_path: Path,
                                                  chinese: None) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    path, good, bad = _bad_file(demo_xlsx, tmp_path)
    dialog = ImportDialog(demo_db)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "从 Excel 导入"
    assert dialog.check_file(path).wait(30000)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "成员" and dialog.table.item(0, 2).text() == "性别"
    assert "发现 1 个问题" in dialog.summary.text()
    before = _log_count(demo_db)
    assert dialog.start_import() is None  # all-or-nothing refuses a file with errors
    assert _log_count(demo_db) == before
    dialog.write_report(tmp_path / "report.xlsx")
    assert openpyxl.load_workbook(tmp_path / "report.xlsx")["问题清单"].max_row == 2
    dialog.partial.setChecked(True)
    job = dialog.start_import()
    assert job is not None and job.wait(30000)
    assert dialog.outcome.applied and dialog.outcome.households["updated"] == 1
    assert "已跳过有错误的 1 户" in dialog.summary.text()
    with demo_db.session() as session:
        notes = dict(session.execute(select(Household.number, Household.note)).all())
    assert notes[good] == "县里核实过"


def test_import_cancel_leaves_the_database_untouched(qtbot, demo_db: Database, demo_xlsx: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _good, _bad = _bad_file(demo_xlsx, tmp_path)
    dialog = ImportDialog(demo_db)
    qtbot.addWidget(dialog)
    assert dialog.check_file(path).wait(30000)
    dialog.partial.setChecked(True)
    before = _log_count(demo_db)
    job = dialog.start_import()
    assert job is not None
    job.cancel()
    assert job.wait(30000)
    assert _log_count(demo_db) == before
    assert dialog.outcome is None
