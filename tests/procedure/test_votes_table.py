"""The vote table of a democratic evaluation, typed from the keyboard as from a tally sheet: twenty households
in one screen at 1366×768, Tab/Enter moving on, totals checked against those present before anything is saved."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.storage.models import Area, BatchHousehold, Household
from tests.procedure.helpers import make_household, make_village
from tests.procedure.test_gui import save, type_chinese

DAY = date(2024, 3, 1)
HOUSEHOLDS = 20
LAPTOP_HEIGHT = 768 - 40  # a 1366×768 screen less a taskbar
NAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"


@pytest.fixture(autouse=True)
def chinese_ui(qapp):
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def twenty(sqlite_db):
    """A village of twenty surveyed households in two 村民小组."""
    from desktop_app.services.procedure import steps as proc

    with sqlite_db.transaction() as s:
        vid = make_village(s)
        groups = []
        for n in (1, 2):
            group = Area(code=f"53299900100100{n}", name=f"第{n}村民小组", level="group", parent_id=vid)
            s.add(group)
            s.flush()
            groups.append(group.id)
        ids = []
        for i in range(HOUSEHOLDS):
            hid = make_household(
                s, vid, f"53299900100100{i + 1:02d}", f"{NAMES[i]}大{i}", seq=i + 1, group_id=groups[i % 2]
            )
            proc.create_application(s, hid, on_date=DAY, today=DAY)
            proc.complete_survey(s, hid, on_date=DAY, today=DAY)
            ids.append(hid)
    return sqlite_db, vid, ids


def _open_evaluation(qtbot, db, vid):  # type: ignore[no-untyped-def]
    from desktop_app.ui.batches_view import BatchesView

    view = BatchesView(db, today=DAY)
    qtbot.addWidget(view)
    view.show()
    view.set_village(vid)
    view.create("evaluation")
    qtbot.waitUntil(lambda: view.current_dialog is not None, timeout=10000)
    dialog = view.current_dialog
    type_chinese(dialog.widgets["chair"], "李书记")
    dialog.set_value("attendees_expected", 25)
    dialog.set_value("attendees_present", 20)
    return view, dialog


def test_twenty_households_typed_from_the_keyboard_fit_one_laptop_screen(qtbot, twenty) -> None:
    db, vid, ids = twenty
    view, dialog = _open_evaluation(qtbot, db, vid)
    table = dialog.votes_table()
    assert table is not None and table.rowCount() == HOUSEHOLDS
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["户主", "村民小组", "赞成", "反对", "弃权", "合计"]
    assert table.item(0, table.COL_GROUP).text() == "第1村民小组"
    assert table.item(1, table.COL_GROUP).text() == "第2村民小组"
    assert table.item(0, table.COL_HOUSEHOLD).text().startswith("赵大0")

    # the whole list on one screen: the dialog at its natural size fits 1366×768 and shows every row
    dialog.resize(dialog.sizeHint())
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.height() <= LAPTOP_HEIGHT and dialog.width() <= 1366
    last = HOUSEHOLDS - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    assert table.horizontalHeader().length() <= table.viewport().width()  # no sideways scrolling

    table.setFocus()
    table.setCurrentCell(0, table.COL_FOR)
    for i in range(HOUSEHOLDS):  # for, Tab, against, Tab, abstain, Enter: the next household's 赞成
        against = 9 if i == 4 else 2  # row 5: 15 + 9 + 1 = 25 votes, only 20 present
        qtbot.keyClicks(table, f"15\t{against}\t1\r")
        if i < last:
            assert (table.currentRow(), table.currentColumn()) == (i + 1, table.COL_FOR)
    save_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert QApplication.focusWidget() is save_button  # Enter after the last household moved on to 保存
    assert table.item(4, table.COL_TOTAL).text() == "25"
    assert table.item(4, table.COL_TOTAL).foreground().color().name() == "#b00020"
    assert table.item(3, table.COL_TOTAL).foreground().color().name() != "#b00020"

    save(qtbot, dialog)  # refused: the row is named, nothing written
    assert dialog.isVisible()
    message = dialog.error_label.text()
    assert "钱大1" not in message and "周大4（5329990010010005）（25 票）" in message and "实到人数 20" in message
    with db.session() as s:
        assert s.query(BatchHousehold).count() == 0

    table.setFocus()
    table.setCurrentCell(4, table.COL_AGAINST)
    qtbot.keyClicks(table, "3")  # the first digit replaces the 9
    assert table.item(4, table.COL_TOTAL).text() == "19"
    assert dialog.error_label.isHidden()  # the mark went away with the mistake
    save(qtbot, dialog)
    assert not dialog.isVisible()

    with db.session() as s:
        saved = {m.household_id: (m.votes_for, m.votes_against, m.votes_abstain) for m in s.query(BatchHousehold)}
    assert saved == {hid: (15, 3 if i == 4 else 2, 1) for i, hid in enumerate(ids)}
    view.select_batch(view.model.rows[0].id)
    shown = {view.members.item(r, view.members.COL_VOTES).text() for r in range(view.members.rowCount())}
    assert shown == {"15/2/1", "15/3/1"} and view.members.rowCount() == HOUSEHOLDS
    assert view.members.item(0, view.members.COL_RESULT).text() == "待定"  # a label, never "pending"


def test_only_the_households_chosen_are_voted_on_and_later_votes_are_checked_against_the_meeting(qtbot, twenty) -> None:
    db, vid, ids = twenty
    view, dialog = _open_evaluation(qtbot, db, vid)
    table = dialog.votes_table()
    chosen = dialog.widgets["households"]
    chosen.set_checked(ids[:3])  # the meeting evaluates three households today
    assert [r for r in range(table.rowCount()) if not table.isRowHidden(r)] == [0, 1, 2]
    table.setFocus()
    table.setCurrentCell(0, table.COL_FOR)
    qtbot.keyClicks(table, "18\t1\t1\r12\t6\t")  # the third household's votes come later
    assert (table.currentRow(), table.currentColumn()) == (1, table.COL_ABSTAIN)
    qtbot.keyClick(table, Qt.Key.Key_Backspace)  # nothing there yet: stays empty
    save(qtbot, dialog)
    assert not dialog.isVisible()
    with db.session() as s:
        rows = {m.household_id: m.votes_for for m in s.query(BatchHousehold)}
    assert rows == {ids[0]: 18, ids[1]: 12, ids[2]: None}

    view.select_batch(view.model.rows[0].id)
    votes = view.batch_action("votes")  # the meeting had 20 present
    table = votes.votes_table()
    assert table.present == 20
    assert table.item(0, table.COL_FOR).text() == "18"  # what was recorded is shown again
    table.setFocus()
    table.setCurrentCell(2, table.COL_FOR)
    qtbot.keyClicks(table, "21\t")
    save(qtbot, votes)
    assert votes.isVisible() and "实到人数 20" in votes.error_label.text()
    table.setCurrentCell(2, table.COL_FOR)
    qtbot.keyClicks(table, "11\t5\t4\r")
    save(qtbot, votes)
    assert not votes.isVisible()
    with db.session() as s:
        row = s.query(BatchHousehold).filter_by(household_id=ids[2]).one()
        assert (row.votes_for, row.votes_against, row.votes_abstain) == (11, 5, 4)
        assert s.get(Household, ids[2]).stage == "surveyed"  # nothing decided before the meeting is closed
