"""The monitoring tab's 导出… button on a real SQLite file: the save dialog answered, the file written in the
background and read back, the message line saying where; a missing folder shows the Chinese reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.services.unit_of_work import reading
from desktop_app.storage.models import Area
from desktop_app.ui.monitoring_view import MonitoringView
from tests.monitor_export.conftest import TODAY, VILLAGE
from tests.monitor_export.test_export import check_content, sheet_rows
from tests.monitor_ui.conftest import lang_zh

__all__ = ["lang_zh"]  # the Chinese UI fixture


def _view(qtbot: Any, db: Any) -> MonitoringView:
    with reading(db) as s:
        vid = s.query(Area).filter(Area.code == VILLAGE).one().id
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    assert not view.export_button.isEnabled()  # no village chosen yet
    view.set_village(vid)
    return view


def _answer(monkeypatch: Any, path: Path, asked: list[str]) -> None:
    def save(*args: Any, **_kw: Any) -> tuple[str, str]:
        asked.append(str(args[2]))
        return str(path), "Excel (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)


def test_the_button_writes_the_villages_list_and_says_where(qtbot, two_cases, tmp_path, monkeypatch, lang_zh) -> None:  # type: ignore[no-untyped-def]
    _path, db = two_cases
    view = _view(qtbot, db)
    assert view.export_button.text() == "导出…" and view.export_button.isEnabled()
    out = tmp_path / "和平村名单"  # the suffix is added
    asked: list[str] = []
    _answer(monkeypatch, out, asked)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith("监测对象名单 2026-03-20.xlsx")
    job = view.export_job
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    written = tmp_path / "和平村名单.xlsx"
    assert view.message.text() == f"已导出 3 条监测记录到 {written}。"
    check_content(sheet_rows(written))


def test_a_missing_folder_shows_the_reason_and_leaves_no_file(qtbot, two_cases, tmp_path, monkeypatch, lang_zh) -> None:  # type: ignore[no-untyped-def]
    _path, db = two_cases
    view = _view(qtbot, db)
    target = tmp_path / "没有这个文件夹" / "名单.xlsx"
    _answer(monkeypatch, target, [])
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    job = view.export_job
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=20000)

    def error_box() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: error_box() is not None)
    box = error_box()
    assert box is not None and "没有留下不完整的文件" in box.text()
    assert box.windowTitle() == "导出监测对象名单"
    box.close()
    assert not target.parent.exists() and list(tmp_path.rglob("*.xlsx")) == []
    assert view.message.text() == ""
