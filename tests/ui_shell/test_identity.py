"""Who is working: asked at the first run (or once on a database with data), shown in the status bar,
changeable in the settings, and written on every change, procedure step and conflict decision."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from desktop_app.domain.errors import DomainError
from desktop_app.storage.models import Area, ChangeLog
from tests.ui_shell.conftest import type_chinese


def _visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _fill_areas(dialog) -> None:  # type: ignore[no-untyped-def]
    for key, code, name in (
        ("county", "532930000000", "洱源县"),
        ("township", "532930100000", "茈碧湖镇"),
        ("village", "532930100001", "和平村"),
    ):
        dialog.fields[key][0].setText(code)
        type_chinese(dialog.fields[key][1], name)


def test_the_first_run_asks_who_is_working_before_creating_anything(tmp_path, make_window, lang_zh, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.config import load_settings
    from desktop_app.services import open_database

    db = open_database(tmp_path / "new.sqlite")  # nobody recorded on this machine yet
    try:
        window = make_window(db)
        assert window.operator_label.text() == "未登记操作人员"
        window.offer_first_run()
        dialog = window.first_run_dialog
        _fill_areas(dialog)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        boxes = _visible_boxes()
        assert len(boxes) == 1 and boxes[0].text() == "请填写操作人员姓名。"
        boxes[0].close()
        with db.session() as session:
            assert session.scalars(select(Area)).first() is None
        type_chinese(dialog.who.name, "王芳")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert _visible_boxes()[0].text() == "请填写所在工作队或单位。"
        _visible_boxes()[0].close()
        type_chinese(dialog.who.unit, "和平村驻村工作队")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.is_empty())
        assert window.operator_label.text() == "操作人员：王芳（和平村驻村工作队）"
        assert load_settings().identity.describe() == "王芳（和平村驻村工作队）"
        with db.session() as session:
            operators = set(session.scalars(select(ChangeLog.operator).where(ChangeLog.entity == "area")))
        assert operators == {"王芳"}
    finally:
        db.close()


def test_a_database_with_data_and_nobody_recorded_asks_once(demo_db, make_window, lang_zh, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.domain.identity import Identity

    demo_db.identity = Identity()
    window = make_window(demo_db)
    window.greet()
    window.admin_setup_dialog.reject()  # no administrator yet ("Later"): the database works as before
    dialog = window.identity_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "谁在操作？"
    type_chinese(dialog.fields.name, "李明")
    type_chinese(dialog.fields.unit, "县乡村振兴局")
    dialog.accept()
    assert window.operator_label.text() == "操作人员：李明（县乡村振兴局）"
    assert demo_db.operator == "李明"
    with demo_db.transaction() as session:
        area = session.scalars(select(Area).where(Area.level == "village")).first()
        area.name = area.name + "（改）"
    with demo_db.session() as session:
        last = session.scalars(
            select(ChangeLog).where(ChangeLog.entity == "area").order_by(ChangeLog.at.desc())
        ).first()
    assert last.operator == "李明"
    window.identity_dialog = None
    window.greet()  # known now: no second question (the administrator is offered again)
    window.admin_setup_dialog.reject()
    assert window.identity_dialog is None


def test_changing_the_name_in_the_settings_signs_what_follows(demo_db, make_window, lang_zh, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    window.open_settings()
    dialog = window.settings_dialog
    dialog.editors["operator"].setText("")
    type_chinese(dialog.editors["operator"], "赵刚")
    type_chinese(dialog.editors["unit"], "茈碧湖镇扶贫工作站")
    dialog.accept()
    assert window.operator_label.text() == "操作人员：赵刚（茈碧湖镇扶贫工作站）"
    assert demo_db.identity.name == "赵刚" and demo_db.identity.unit == "茈碧湖镇扶贫工作站"


def test_a_procedure_step_is_refused_when_nobody_is_recorded_and_signed_by_the_operator(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.domain.identity import Identity
    from desktop_app.domain.procedure import Event
    from desktop_app.services import open_database
    from desktop_app.services.procedure.steps import record
    from desktop_app.storage.models import ProcedureEvent
    from tests.procedure.helpers import make_household, make_village

    db = open_database(tmp_path / "p.sqlite", identity=Identity("王芳", "和平村驻村工作队"), device_id="t")
    try:
        with db.transaction() as s:
            household = make_household(s, make_village(s), "5329990010010001", "张富贵", seq=1)
        nobody = open_database(tmp_path / "p.sqlite", operator="", device_id="t")
        with pytest.raises(DomainError, match="尚未登记操作人员，不能记录程序步骤"):
            with nobody.transaction() as s:
                record(s, household, Event("application", date(2024, 3, 1)), today=date(2024, 3, 1))
        nobody.close()
        with db.transaction() as s:
            record(s, household, Event("application", date(2024, 3, 1)), today=date(2024, 3, 1))
        with db.session() as s:
            assert [e.actor for e in s.scalars(select(ProcedureEvent))] == ["王芳"]
    finally:
        db.close()
