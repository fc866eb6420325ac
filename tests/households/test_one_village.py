"""The first hour of a team with one village: Ctrl+N, the batches tab and the group a new card goes to."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from desktop_app.services.households import records as hh
from desktop_app.storage.models import Household
from desktop_app.ui.card_editor import HouseholdCardDialog
from tests.households.conftest import FAMILY, answer_next_box, type_text
from tests.ui_card.test_card_editor import _type_member


def _select(window, area_id: str) -> None:
    assert window.tree.select_area(area_id)


def test_every_level_above_the_only_village_knows_that_village(sqlite_db, one_village, make_window) -> None:
    window = make_window(sqlite_db)
    for name in ("禄丰县", "中村乡", "河边村", "第3村民小组"):
        _select(window, one_village[name])
        area = window.tree.selection()
        assert area.village_id == one_village["河边村"], name
        assert window.batches_view.village_id == one_village["河边村"], name
        assert window.batches_view.new_button.isEnabled(), name
    assert window.tree.selection().group_id == one_village["第3村民小组"]
    _select(window, one_village["禄丰县"])
    assert window.tree.selection().village_ids is None  # the filter still means "every household"


def test_ctrl_n_on_the_county_opens_a_card_in_the_only_village(qtbot, sqlite_db, one_village, make_window) -> None:
    window = make_window(sqlite_db)
    _select(window, one_village["禄丰县"])
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.Ok, seen, within_ms=300)
    window.new_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "card_dialog", None) is not None)
    dialog = window.card_dialog
    assert seen == []  # no "请先在左侧选择一个行政村"
    assert "河边村" in dialog.heading.text()
    assert dialog.basic.group.currentText() == ""  # no group chosen above the village
    dialog.close()


def test_a_card_made_in_a_group_is_listed_under_that_group(qtbot, sqlite_db, one_village, make_window) -> None:
    window = make_window(sqlite_db)
    _select(window, one_village["第2村民小组"])
    assert window.count_label.text() == "第2村民小组：显示 0 户"
    window.new_action.trigger()
    dialog: HouseholdCardDialog = window.card_dialog
    qtbot.waitExposed(dialog)
    assert dialog.basic.group.currentText() == "第2村民小组"
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _type_member(qtbot, dialog, FAMILY[0][0], FAMILY[0][1], 0)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.members.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with sqlite_db.session() as session:
        row = session.get(Household, saved.args[0])
        assert row.group_id == one_village["第2村民小组"]
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.count_label.text() == "第2村民小组：显示 1 户"
    assert window.tree.count_of(one_village["第2村民小组"]) == 1
    assert window.tree.count_of(one_village["第1村民小组"]) == 0
    dialog.close()


def test_the_footer_forgets_saved_once_the_card_is_edited_again(qtbot, sqlite_db, one_village) -> None:
    dialog = HouseholdCardDialog(sqlite_db, None, village_id=one_village["河边村"])
    qtbot.addWidget(dialog, before_close_func=lambda d: d.revert_all() if d.isWindowModified() else None)
    dialog.show()
    dialog.basic.address.setFocus()
    type_text(dialog.basic.address, "河边村1号")
    with qtbot.waitSignal(dialog.saved):
        dialog.members.model.insert_member()
        members = dialog.members.model.members()
        members[0].name, members[0].id_number, members[0].relation = FAMILY[0][0], FAMILY[0][1], "01"
        dialog.members.model.set_members(members)
        assert dialog.save()
    assert dialog.status_line.text() == "已保存" and not dialog.unsaved_label.isVisible()
    dialog.basic.address.setFocus()
    type_text(dialog.basic.address, "东")
    assert dialog.unsaved_label.isVisible()
    assert dialog.status_line.text() == ""  # no green "已保存" beside "有未保存的修改"
    QApplication.processEvents()


def test_new_card_years_and_the_empty_id_message(sqlite_db, one_village) -> None:
    with sqlite_db.session() as session:
        form = hh.new_household_form(session, one_village["河边村"])
        assert form.identification_year == date.today().year
        assert form.income_year == date.today().year - 1  # the last whole year of income
        form.members.append(hh.MemberForm(name="王大山", id_number="", relation="01"))
        messages = [e.message("zh") for e in hh.validate(session, form) if e.field == "id_number"]
    assert messages == ["第1位成员（王大山）：身份证号码未填写"]  # the field is named once


def test_a_group_of_another_village_is_not_taken(sqlite_db, one_village) -> None:
    with sqlite_db.session() as session:
        form = hh.new_household_form(session, one_village["河边村"], one_village["中村乡"])
        assert form.group_id is None
        form = hh.new_household_form(session, one_village["河边村"], one_village["第5村民小组"])
        assert form.group_id == one_village["第5村民小组"]
        assert session.execute(select(Household)).first() is None
