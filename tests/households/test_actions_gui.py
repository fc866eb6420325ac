"""The household actions from the main window's 户 menu and the list's context menu, as a cadre uses them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.ui.card_editor import HouseholdCardDialog
from tests.households.conftest import type_text
from tests.households.test_household_actions import WANG, ZHANG


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _window_on(make_window, db, area_id: str, household_id: str):  # type: ignore[no-untyped-def]
    window = make_window(db)
    assert window.tree.select_area(area_id)
    assert window.select_household(household_id)
    return window


def test_menus_offer_the_actions_in_chinese(sqlite_db, one_village, add_household, make_window) -> None:
    hid = add_household(WANG, group="第1村民小组")
    window = _window_on(make_window, sqlite_db, one_village["河边村"], hid)
    texts = [a.text() for a in window.table.actions()]
    assert texts[1:] == ["迁移…", "分户…", "合户（把另一户并入本户）…", "删除户卡…"]
    household_menu = next(m for m in window.menuBar().actions() if m.text().startswith("户"))
    assert "分户…" in [a.text() for a in household_menu.menu().actions()]


def test_moving_from_the_menu_updates_the_groups(qtbot, sqlite_db, one_village, add_household, make_window) -> None:
    hid = add_household(WANG, group="第1村民小组")
    window = _window_on(make_window, sqlite_db, one_village["第1村民小组"], hid)
    assert window.count_label.text() == "第1村民小组：显示 1 户"
    window.household_actions["move"].trigger()
    dialog = window.household_dialog
    assert dialog.windowTitle() == "迁移" and dialog.group.currentText() == "第1村民小组"
    dialog.choose("河边村", "第4村民小组")
    _ok(qtbot, dialog)  # no reason: refused, nothing moved
    assert dialog.isVisible() and dialog.error.text() == "请写明原因（将记入修改记录）"
    type_text(dialog.reason, "新房建在四组")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.count_label.text() == "第1村民小组：显示 0 户"
    assert window.tree.count_of(one_village["第4村民小组"]) == 1
    assert "已迁至河边村第4村民小组" in window.statusBar().currentMessage()


def test_split_and_merge_from_the_menu_and_the_card_history(
    qtbot, sqlite_db, one_village, add_household, make_window
) -> None:
    hid = add_household(WANG, group="第2村民小组")
    other = add_household(ZHANG, group="第2村民小组")
    window = _window_on(make_window, sqlite_db, one_village["第2村民小组"], hid)
    window.household_actions["split"].trigger()
    dialog = window.household_dialog
    dialog.check("王小明", "赵小芳")
    assert [dialog.new_head.itemText(i) for i in range(dialog.new_head.count())] == ["王小明", "赵小芳"]
    assert not dialog.remaining_head.isVisible()  # the head stays
    type_text(dialog.reason, "儿子成家")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.count_label.text() == "第2村民小组：显示 3 户"
    assert window.current_household_id() == dialog.household_id  # the new household is selected
    assert "请在新户卡中核对与户主关系" in window.statusBar().currentMessage()

    assert window.select_household(hid)
    window.household_actions["merge"].trigger()
    dialog = window.household_dialog
    dialog.other.setCurrentIndex(dialog.other.findText("张富贵（5323001002010002）"))
    type_text(dialog.reason, "实为一户")
    _ok(qtbot, dialog)
    assert window.count_label.text() == "第2村民小组：显示 2 户"

    card = HouseholdCardDialog(sqlite_db, hid)
    qtbot.addWidget(card)
    model = card.history.model
    rows = [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(model.rowCount())]
    reasons = {r[3]: r[5] for r in rows if r[3].endswith("原因")}
    assert reasons["分户原因"].startswith("儿子成家（王小明、赵小芳 分出为新户")
    assert reasons["合户原因"] == "实为一户（并入张富贵（5323001002010002）：张富贵、张二）"
    assert card.members.model.rowCount() == 4  # 王大山, 李秀英 + 张富贵, 张二
    assert other not in {window.model.household_id(r) for r in range(window.model.rowCount())}


def test_removing_a_card_with_history_is_refused_in_the_dialog(
    qtbot, sqlite_db, one_village, add_household, make_window
) -> None:
    from datetime import date

    from desktop_app.services.procedure import steps as proc

    hid = add_household(WANG)
    with sqlite_db.transaction() as s:
        proc.create_application(s, hid, on_date=date(2024, 1, 1), today=date(2024, 1, 1))
    window = _window_on(make_window, sqlite_db, one_village["河边村"], hid)
    window.household_actions["remove"].trigger()
    dialog = window.household_dialog
    type_text(dialog.reason, "录错了")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "已有 1 条识别程序记录，不能删除户卡" in dialog.error.text()
    dialog.reject()
    assert window.count_label.text() == "河边村：显示 1 户"
