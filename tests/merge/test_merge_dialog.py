"""Merging another computer's database from the app: 数据交换 → 合并其他电脑的数据库…, on two real SQLite files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from sqlalchemy import select

from desktop_app.services import Cancelled, Database, Progress
from desktop_app.services.merge import conflicts_of, merge_database
from desktop_app.storage.models import ChangeLog, Household
from tests.merge.helpers import clone, ids, make_base


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Database, Path, str]]:
    """This laptop (``here``) and the file of another one: both edited the same household's address, the
    other one also its note."""
    base = make_base(tmp_path / "base.sqlite", households=3, seed=5)
    here, other = clone(base, tmp_path / "here.sqlite", "here"), clone(base, tmp_path / "other.sqlite", "other")
    household = ids(here)[0][0]
    with here.transaction() as session:
        session.get(Household, household).address = "东头"  # type: ignore[union-attr]
    with other.transaction() as session:
        home = session.get(Household, household)
        assert home is not None
        home.address, home.note = "西头", "另一台电脑的备注"
    other.close()
    yield here, tmp_path / "other.sqlite", household
    here.close()


def _household(db: Database, household_id: str) -> tuple[str, str, bool]:
    with db.session() as session:
        home = session.get(Household, household_id)
        assert home is not None
        return home.address, home.note, home.conflict


def _change_log_rows(db: Database) -> int:
    with db.session() as session:
        return len(session.execute(select(ChangeLog.id)).all())


def _when_modal(check: Any, *, of: type) -> list[Any]:
    """Run ``check(widget)`` once a modal dialog of type ``of`` is showing, then close it."""
    seen: list[Any] = []

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, of):
            QTimer.singleShot(20, look)
            return
        seen.append(check(widget))
        widget.reject()

    QTimer.singleShot(0, look)
    return seen


def test_the_menu_entry_merges_a_file_and_shows_its_conflicts(qtbot, chinese, laptops, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.conflicts_dialog import ConflictsDialog
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.merge_dialog import MergeDialog

    here, other_file, household = laptops
    window = MainWindow(here, lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    action = window.findChild(QAction, "merge_database")
    assert action is not None and action.text() == "合并其他电脑的数据库…"
    [menu] = [m for m in window.menuBar().findChildren(QMenu) if action in m.actions()]
    assert menu.title().startswith("数据交换")

    def merge_in_the_dialog(dialog: MergeDialog) -> tuple[str, bool, list[tuple[str, int]]]:
        assert dialog.windowTitle() == "合并其他电脑的数据库"
        qtbot.keyClicks(dialog.path, str(other_file))  # an ASCII path: typed as a person would
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        assert dialog.job is not None
        qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=60000)
        shown = _when_modal(
            lambda conflicts: (conflicts.summary.text(), conflicts.model.rowCount()), of=ConflictsDialog
        )
        qtbot.mouseClick(dialog.conflicts_button, Qt.MouseButton.LeftButton)  # opens the conflicts dialog
        return dialog.status.text(), dialog.conflicts_button.isVisible(), shown

    results = _when_modal(merge_in_the_dialog, of=MergeDialog)
    action.trigger()
    [(status, conflicts_shown, [(summary, rows)])] = results
    assert status.startswith("已合并 other.sqlite。") and "有 1 项冲突等待您决定" in status
    assert conflicts_shown and rows == 1 and "1 项" in summary
    address, note, flagged = _household(here, household)
    assert note == "另一台电脑的备注" and flagged  # the one-sided edit came in; the address waits for a decision
    [conflict] = conflicts_of(here)
    assert conflict.field == "address" and {conflict.local_value, conflict.incoming_value} == {"东头", "西头"}
    assert address in ("东头", "西头")


def test_a_missing_file_is_refused_with_a_message_and_nothing_changes(qtbot, chinese, laptops, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui import jobs
    from desktop_app.ui.merge_dialog import MergeDialog

    here, other_file, household = laptops
    before = (_household(here, household), _change_log_rows(here))
    boxes: list[QMessageBox] = []
    show = jobs.show_error
    monkeypatch.setattr("desktop_app.ui.merge_dialog.show_error", lambda *a: boxes.append(show(*a)) or boxes[-1])
    dialog = MergeDialog(here)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.path, str(other_file.with_name("nowhere.sqlite")))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done, timeout=30000)
    assert dialog.status.text() == "未合并：本库没有任何改动。"
    assert boxes and "找不到数据库文件" in boxes[0].text() and "nowhere.sqlite" in boxes[0].text()
    assert not dialog.conflicts_button.isVisible() and dialog.merge_button.isEnabled()
    assert (_household(here, household), _change_log_rows(here)) == before
    boxes[0].close()


def test_a_cancelled_merge_changes_nothing_and_a_second_merge_nothing_more(laptops) -> None:
    here, other_file, household = laptops
    before = (_household(here, household), _change_log_rows(here))
    heard: list[str] = []

    def report(done: int, total: int, text: str) -> bool:
        heard.append(text)
        return not text.startswith("合并：")  # Cancel pressed once records are being written

    with pytest.raises(Cancelled):
        merge_database(here, other_file, progress=Progress(report))
    assert any(t.startswith("合并：") for t in heard)
    assert (_household(here, household), _change_log_rows(here)) == before and conflicts_of(here) == []

    first = merge_database(here, other_file)
    assert first.source == "other.sqlite" and first.conflicts == 1 and first.changed
    again = merge_database(here, other_file)
    assert not again.changed and again.conflicts == 0 and len(conflicts_of(here)) == 1
