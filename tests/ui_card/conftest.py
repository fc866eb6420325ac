"""Helpers for driving the card editor as a person does: typing (Chinese as an input method), keys, dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from desktop_app.domain.idnumber import make_id
from desktop_app.services.demo.households import generate_demo
from desktop_app.services.households import records as hh
from desktop_app.storage.models import Area

FAMILY = [
    ("王大山", make_id("530102", date(1970, 3, 4), 11), 0),
    ("李秀英", make_id("530102", date(1972, 8, 9), 22), 1),  # relation: one step down from 户主 = 配偶
    ("王小明", make_id("530102", date(2001, 1, 15), 31), 2),  # 之子
    ("王小红", make_id("530102", date(2004, 6, 30), 42), 3),  # 之女
]


def type_text(widget: QWidget, text: str) -> None:
    """Chinese arrives as an input method's commit (QTest can only type Latin-1)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, modifiers))


def answer_next_box(
    button: QMessageBox.StandardButton, seen: list[str] | None = None, *, within_ms: int = 3000
) -> None:
    """Click ``button`` on the next message box that opens within ``within_ms`` (it runs its own event loop)."""
    left = [within_ms // 10]

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.button(button) is not None:
            if seen is not None:
                seen.append(box.text())
            box.button(button).click()
        elif left[0] > 0:
            left[0] -= 1
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


@pytest.fixture(autouse=True)
def chinese_ui(qapp):
    """The app's default: Chinese UI strings and labels, whatever language an earlier test left behind."""
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")


@pytest.fixture
def village(sqlite_db) -> Area:
    with sqlite_db.transaction() as session:
        generate_demo(session, households=2, villages=1, seed=3)
    with sqlite_db.session() as session:
        return session.execute(select(Area).where(Area.level == "village")).scalars().first()


@pytest.fixture
def saved_household(sqlite_db, village) -> Callable[..., str]:
    """Put a household on file through the service (for tests about an existing card)."""

    def make(members=FAMILY, **fields) -> str:
        with sqlite_db.transaction() as session:
            form = hh.new_household_form(session, village.id)
            relations = ["01", "02", "03", "04"]
            for (name, id_number, _steps), relation in zip(members, relations, strict=False):
                form.members.append(hh.MemberForm(name=name, id_number=id_number, relation=relation, ethnicity="01"))
            for key, value in fields.items():
                setattr(form, key, value)
            return hh.save_household(session, form)

    return make
