"""Accounts in the app, driven as a person would: real dialogs, real SQLite files, Chinese typed as an input
method commits it (``qtbot.keyClicks`` cannot send Chinese), passwords typed key by key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

ADMIN, ADMIN_UNIT, ADMIN_PASSWORD = "王芳", "洱源县乡村振兴局", "hepingcun-2024"
TOWNSHIP, TOWNSHIP_PASSWORD = "李明", "chibihu-first-7"


def type_chinese(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_ascii(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.fixture
def ui_state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def lang_zh(qapp: QApplication) -> Iterator[str]:
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "county.sqlite"


@pytest.fixture
def open_db(db_path: Path) -> Iterator[Callable[..., Any]]:
    """Open the test's database file as the app does (sign-in left to the dialogs); closed at the end."""
    from desktop_app.services import open_database

    opened: list[Any] = []

    def open_(**kwargs: Any) -> Any:
        db = open_database(db_path, device_id="laptop-1", require_login=False, **kwargs)
        opened.append(db)
        return db

    yield open_
    for db in opened:
        db.close()


@pytest.fixture
def make_window(qtbot: Any, ui_state: QSettings) -> Callable[..., Any]:
    from desktop_app.ui.main_window import MainWindow

    def make(db: Any) -> Any:
        window = MainWindow(db, lang="zh_CN", settings=ui_state)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def county(open_db: Callable[..., Any]) -> Any:
    """A database with demo households, its administrator 王芳 and a township reviewer 李明 (who has to
    change the password the administrator gave)."""
    from desktop_app.services.accounts import add_user, create_first_admin, sign_out
    from desktop_app.services.demo import load_demo

    db = open_db()
    load_demo(db, households=12, operator="演示", device_id=db.device_id)
    create_first_admin(db, ADMIN, ADMIN_UNIT, ADMIN_PASSWORD)
    add_user(db, TOWNSHIP, "township", password="given-by-admin-1", unit="茈碧湖镇")
    sign_out(db)
    return db
