"""The conflicts dialog on real widgets: a person decides two laptops' different edits, in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from desktop_app.services.merge.engine import apply_incoming
from desktop_app.storage.models import ChangeLog, Household
from tests.merge.helpers import clone, export, ids, make_base


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def hub_with_conflicts(tmp_path: Path):  # type: ignore[no-untyped-def]
    base = make_base(tmp_path / "base.sqlite", households=2, seed=9)
    a, b, hub = (clone(base, tmp_path / f"{n}.sqlite", n) for n in ("a", "b", "hub"))
    households, _members = ids(a)
    for db, values in ((a, ("东头", "甲备注", "01")), (b, ("西头", "乙备注", "02"))):
        with db.transaction() as session:
            home = session.get(Household, households[0])
            home.address, home.note, home.main_cause = values
    for db, label in ((a, "笔记本甲"), (b, "笔记本乙")):
        with hub.transaction() as session:
            apply_incoming(session, export(db), source_label=label)
    return hub, households[0]


def _type_chinese(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _row(dialog, label: str) -> int:  # type: ignore[no-untyped-def]
    model = dialog.model
    return next(r for r in range(model.rowCount()) if model.index(r, model.COL_FIELD).data() == label)


def test_a_person_decides_conflicts_in_the_dialog(qtbot, chinese, hub_with_conflicts, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.conflicts_dialog import ConflictsDialog

    hub, household_id = hub_with_conflicts
    dialog = ConflictsDialog(hub, household_id=household_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    model = dialog.model
    assert model.rowCount() == 3
    assert dialog.windowTitle() == "处理合并冲突" and "3 项" in dialog.summary.text()
    visible = [dialog.windowTitle(), dialog.summary.text(), *model.headers()]
    visible += [b.text() for b in (dialog.keep_mine, dialog.keep_theirs, dialog.use_value, dialog.apply_button)]
    assert not [t for t in visible if re.search("[A-Za-z]", t)]  # no English left in the Chinese UI
    cause = _row(dialog, "主要致贫原因")
    assert {model.index(cause, model.COL_MINE).data(), model.index(cause, model.COL_THEIRS).data()} == {"因病", "因残"}

    address = _row(dialog, "住址")
    other_address = model.index(address, model.COL_THEIRS).data()
    dialog.table.selectRow(address)
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert model.index(address, model.COL_DECISION).data() == "采用对方的值"

    note = _row(dialog, "备注")
    dialog.table.selectRow(note)
    dialog.value.lineEdit().clear()
    _type_chinese(dialog.value.lineEdit(), "双方商定的备注")
    qtbot.mouseClick(dialog.use_value, Qt.MouseButton.LeftButton)
    assert model.index(note, model.COL_DECISION).data() == "改为：双方商定的备注"

    cause = _row(dialog, "主要致贫原因")
    dialog.table.selectRow(cause)
    dialog.value.lineEdit().clear()
    qtbot.keyClicks(dialog.value.lineEdit(), "99")
    qtbot.mouseClick(dialog.use_value, Qt.MouseButton.LeftButton)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert warnings and "代码表" in warnings[0]  # a bad code: nothing is saved
    with hub.session() as session:
        assert session.get(Household, household_id).conflict is True
        assert not session.execute(select(ChangeLog).where(ChangeLog.action == "resolve")).first()

    dialog.table.selectRow(cause)
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    kept_cause = model.index(cause, model.COL_MINE).data()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 0 and dialog.summary.text() == "没有待处理的冲突。"
    with hub.session() as session:
        home = session.get(Household, household_id)
        assert (home.address, home.note, home.conflict) == (other_address, "双方商定的备注", False)
        assert {"因病": "01", "因残": "02"}[kept_cause] == home.main_cause
        resolved = set(session.execute(select(ChangeLog.field).where(ChangeLog.action == "resolve")).scalars())
        assert resolved == {"address", "note", "main_cause"}


def test_a_decision_is_one_line_in_the_history(hub_with_conflicts) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.households.history import household_history
    from desktop_app.services.merge.conflicts import resolve_conflict
    from desktop_app.storage.models_merge import MergeConflict

    hub, household_id = hub_with_conflicts
    with hub.session() as session:
        conflict = session.scalars(
            select(MergeConflict).where(MergeConflict.household_id == household_id, MergeConflict.field == "address")
        ).one()
    with hub.transaction() as session:
        resolve_conflict(session, conflict.id, keep="theirs")
    with hub.session() as session:
        lines = [e for e in household_history(session, household_id) if e.field == "address"]
        logged = session.scalars(
            select(ChangeLog.action).where(ChangeLog.entity_id == household_id, ChangeLog.field == "address")
        ).all()
    assert {"update", "resolve"} <= set(logged)  # merging still sees the field's update
    decisions = [e for e in lines if e.action == "resolve"]
    assert len(decisions) == 1
    assert not [e for e in lines if e.action == "update" and e.at >= decisions[0].at]  # not written twice
