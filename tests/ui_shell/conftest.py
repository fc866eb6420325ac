"""Fixtures for the main-window tests: a demo database per test, private UI state, the UI language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

DEMO_HOUSEHOLDS = 120


@pytest.fixture
def demo_db(sqlite_db):
    from desktop_app.services.demo.households import generate_demo

    with sqlite_db.transaction() as session:
        generate_demo(session, households=DEMO_HOUSEHOLDS, villages=3, seed=3)
    return sqlite_db


@pytest.fixture
def ui_state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def lang_zh(qapp: QApplication) -> Iterator[str]:
    """The Chinese UI (translators and the bundled font); back to the English source strings afterwards."""
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")


@pytest.fixture
def lang_en(qapp: QApplication) -> Iterator[str]:
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "en")
    yield "en"


@pytest.fixture
def make_window(qtbot, ui_state):
    from desktop_app.ui.main_window import MainWindow

    def make(db, lang: str = "zh_CN"):  # type: ignore[no-untyped-def]
        window = MainWindow(db, lang=lang, settings=ui_state)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def type_chinese(widget: QWidget, text: str) -> None:
    """Type text as an input method commits it (qtbot.keyClicks cannot send Chinese)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
