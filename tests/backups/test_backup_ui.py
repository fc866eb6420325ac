"""The app: the stale-backup banner, 文件 → 备份设置…, and the restore dialog that reopens the window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services.backups import backup_status, create_backup, list_backups
from desktop_app.storage import backup as files
from tests.backups.conftest import table_rows


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[None]:
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def window(demo: Any, qtbot: Any, tmp_path: Path, zh: None) -> Any:
    from desktop_app.ui.main_window import MainWindow

    def make() -> Any:
        win = MainWindow(demo, lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    return make


def test_the_main_window_warns_when_the_newest_backup_is_old_and_backs_up_now(
    demo: Any, window: Any, qtbot: Any
) -> None:
    files.create_backup(demo, demo.sqlite_path.parent / "backups", "manual", now=datetime.now(UTC) - timedelta(days=12))
    win = window()
    banner = win.backup_warning
    assert banner.isVisible()
    assert "请尽快备份" in banner.label.text() and "12 天前" in banner.label.text()
    assert banner.button.text() == "立即备份"
    banner.button.click()
    assert banner.job is not None
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=30000)
    assert "已备份到" in win.statusBar().currentMessage()
    assert not backup_status(demo).stale


def test_no_banner_with_a_fresh_backup(demo: Any, window: Any) -> None:
    create_backup(demo, "manual")
    assert not window().backup_warning.isVisible()


def test_the_backup_settings_dialog_saves_the_folder_and_counts(
    demo: Any, window: Any, qtbot: Any, tmp_path: Path
) -> None:
    from desktop_app.services.backups import backup_settings
    from desktop_app.ui.backup_dialog import BackupDialog

    win = window()
    action = next(a for a in win.findChildren(type(win.menuBar().actions()[0])) if a.objectName() == "backup_settings")
    assert action.text() == "备份设置…"
    action.trigger()
    dialog = win.backup_dialog
    assert dialog.windowTitle() == "备份设置"
    stick = tmp_path / "U盘"
    stick.mkdir()
    dialog.folder.setText(str(stick))
    dialog.counts["backup.keep_daily"].setValue(10)
    dialog.counts["backup.warn_days"].setValue(3)
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: "已备份到" in dialog.status.text() or "错误" in dialog.status.text(), timeout=30000)
    assert "已备份到" in dialog.status.text()
    assert dialog.save()
    values = backup_settings(demo)
    assert values["backup_folder"] == str(stick) and values["backup.keep_daily"] == "10"
    assert values["backup.warn_days"] == "3"
    # a folder that does not exist is refused in words, nothing stored
    again = BackupDialog(demo, win)
    qtbot.addWidget(again)
    again.folder.setText(str(tmp_path / "没有这个文件夹"))
    assert not again.save()
    assert "不存在" in again.status.text()
    assert backup_settings(demo)["backup_folder"] == str(stick)


def test_the_restore_dialog_lists_backups_and_restores_into_the_window(demo: Any, window: Any, qtbot: Any) -> None:
    made = create_backup(demo, "manual").file
    saved = table_rows(demo.sqlite_path)
    import sqlite3

    con = sqlite3.connect(demo.sqlite_path)
    con.execute("UPDATE household SET address = '改过的地址'")
    con.commit()
    con.close()
    win = window()
    win.open_restore()
    dialog = win.restore_dialog
    assert dialog.windowTitle() == "从备份恢复"
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "手动" and dialog.table.item(0, 2).text() == "12"
    assert dialog.table.item(0, 5).text() == made.path.name
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    box = dialog.confirm_box
    assert box is not None and "12 户" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: dialog.outcome is not None or "错误" in dialog.status.text(), timeout=30000)
    assert dialog.outcome is not None, dialog.status.text()
    assert "已恢复" in dialog.status.text()
    qtbot.waitUntil(lambda: win.db is not demo, timeout=10000)  # the window reopened the database
    assert table_rows(demo.sqlite_path) == saved
    assert win.model.rowCount() > 0
    assert [b.reason for b in list_backups(win.db)] == ["before-restore", "manual"]


def test_a_damaged_backup_is_refused_in_the_dialog(demo: Any, window: Any) -> None:
    made = create_backup(demo, "manual").file
    win = window()
    win.open_restore()
    dialog = win.restore_dialog
    made.path.write_bytes(made.path.read_bytes()[:8192])
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert dialog.confirm_box is None
    assert "不能恢复" in dialog.status.text() and "没有任何改动" in dialog.status.text()


def test_a_damaged_backup_is_listed_greyed_and_cannot_be_chosen(demo: Any, window: Any) -> None:
    from PySide6.QtCore import Qt

    made = create_backup(demo, "manual").file
    made.path.write_bytes(made.path.read_bytes()[:8192])
    win = window()
    win.open_restore()
    dialog = win.restore_dialog
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "手动（已损坏）"
    assert not dialog.table.item(0, 1).flags() & Qt.ItemFlag.ItemIsEnabled
    dialog.table.selectRow(0)
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()
    assert list_backups(demo) == []  # the plain list never shows it
