"""The household card editor on real widgets, driven from the keyboard with a fresh SQLite file per test."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox
from sqlalchemy import func, select

from desktop_app.domain.idnumber import make_id
from desktop_app.storage.models import Household, Member
from desktop_app.ui.card_editor import HouseholdCardDialog
from desktop_app.ui.models.members import COL, INVALID_BRUSH
from tests.ui_card.conftest import FAMILY, answer_next_box, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot, db, household_id=None, village_id=None) -> HouseholdCardDialog:
    dialog = HouseholdCardDialog(db, household_id, village_id=village_id)
    # at teardown unsaved edits are dropped, so that no "save changes?" box waits for an answer
    qtbot.addWidget(dialog, before_close_func=lambda d: d.revert_all() if d.isWindowModified() else None)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _editor(dialog: HouseholdCardDialog):
    view = dialog.members.view
    return view.indexWidget(view.currentIndex())


def _type_cell(qtbot, dialog, text: str, *, replace: bool = False) -> None:
    """Open the current cell with Enter (unless already open), type, and commit with Enter."""
    view = dialog.members.view
    editor = _editor(dialog)
    if editor is None:
        qtbot.keyClick(view, Qt.Key.Key_Return)
        editor = _editor(dialog)
    assert isinstance(editor, QLineEdit)
    if replace:
        qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        type_text(editor, text)
    start = view.currentIndex()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.currentIndex() != start and _editor(dialog) is None)


def _choose(qtbot, dialog, steps: int) -> None:
    """Open the combo of the current cell with Enter, move ``steps`` entries down (up if negative), commit."""
    view = dialog.members.view
    start = view.currentIndex()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    combo = _editor(dialog)
    assert isinstance(combo, QComboBox)
    for _ in range(abs(steps)):
        qtbot.keyClick(combo, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.currentIndex() != start)


def _type_member(qtbot, dialog, name: str, id_number: str, relation_steps: int) -> int:
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_N, CTRL)  # new member row, name cell open
    row = dialog.members.model.rowCount() - 1
    assert dialog.members.view.currentIndex().column() == COL["name"]
    _type_cell(qtbot, dialog, name)
    assert dialog.members.view.currentIndex().column() == COL["id_number"]  # Enter moved on
    _type_cell(qtbot, dialog, id_number)
    if relation_steps:
        _choose(qtbot, dialog, relation_steps)
    return row


def _households(db) -> int:
    with db.session() as session:
        return session.execute(select(func.count()).select_from(Household)).scalar_one()


def _history_rows(dialog) -> list[list[str]]:
    model = dialog.history.model
    return [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_create_household_by_typing_invalid_id_refused_then_saved_and_history_after_edit(
    qtbot, sqlite_db, village
) -> None:
    before = _households(sqlite_db)
    dialog = _open(qtbot, sqlite_db, village_id=village.id)
    model = dialog.members.model
    for name, id_number, steps in FAMILY[:1]:
        _type_member(qtbot, dialog, name, id_number, steps)
    # sex and birth date come from the ID
    assert model.data(model.index(0, COL["sex"])) == "男"
    assert model.data(model.index(0, COL["birth_date"])) == "1970-03-04"

    name, good_id, steps = FAMILY[1]
    bad_id = good_id[:17] + ("1" if good_id[17] != "1" else "2")
    row = _type_member(qtbot, dialog, name, bad_id, steps)
    cell = model.index(row, COL["id_number"])
    reason = f"最后一位应为 {good_id[17]}"  # the check digit is wrong, and the reason says which one it should be
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) == INVALID_BRUSH
    assert reason in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert reason in dialog.members.id_hint.text()
    assert reason in dialog.members.problems.text()
    assert model.data(model.index(row, COL["sex"])) == ""  # nothing is read from an invalid ID

    for name, id_number, steps in FAMILY[2:]:
        _type_member(qtbot, dialog, name, id_number, steps)
    assert dialog.isWindowModified() and dialog.unsaved_label.isVisible()
    assert dialog.windowTitle().endswith("[*]")

    qtbot.keyClick(dialog.members.view, Qt.Key.Key_S, CTRL)  # refused while an ID is invalid
    assert "户卡未保存" in dialog.status_line.text() and reason in dialog.status_line.text()
    assert dialog.members.view.currentIndex() == cell  # the problem is shown where it was typed
    assert _households(sqlite_db) == before

    _type_cell(qtbot, dialog, good_id, replace=True)
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) != INVALID_BRUSH
    assert model.data(model.index(row, COL["sex"])) == "女"
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.members.view, Qt.Key.Key_S, CTRL)
    household_id = saved.args[0]
    assert not dialog.isWindowModified() and not dialog.unsaved_label.isVisible()
    assert "王大山" in dialog.windowTitle()
    with sqlite_db.session() as session:
        row_db = session.get(Household, household_id)
        members = (
            session.execute(select(Member).where(Member.household_id == household_id).order_by(Member.sort_order))
            .scalars()
            .all()
        )
        assert (row_db.head_name, row_db.size) == ("王大山", 4)
        assert [(m.name, m.relation, m.sex) for m in members] == [
            ("王大山", "01", "1"),
            ("李秀英", "02", "2"),
            ("王小明", "03", "1"),
            ("王小红", "04", "2"),
        ]
    dialog.close()

    reopened = _open(qtbot, sqlite_db, household_id)
    assert reopened.members.model.rowCount() == 4 and not reopened.isWindowModified()
    reopened.tabs.setCurrentWidget(reopened.basic)
    reopened.basic.address.setFocus()
    type_text(reopened.basic.address, "河边村3号")
    assert reopened.isWindowModified()
    with qtbot.waitSignal(reopened.saved):
        qtbot.keyClick(reopened.basic.address, Qt.Key.Key_S, CTRL)
    rows = _history_rows(reopened)
    assert ["户卡", "住址", "（空）", "河边村3号"] in [r[2:] for r in rows]
    assert rows[0][1] == "测试员"
    assert any(r[2] == "成员 李秀英" and r[3] == "新建" for r in rows)


def test_id_of_another_household_is_refused_with_a_link_to_it(qtbot, sqlite_db, village, saved_household) -> None:
    other = saved_household()
    with sqlite_db.session() as session:
        other_number = session.get(Household, other).number
    dialog = _open(qtbot, sqlite_db, village_id=village.id)
    _type_member(qtbot, dialog, "赵四", FAMILY[2][1], 0)  # 王小明's ID
    problems = dialog.members.problems.text()
    assert other_number in problems and "一人只能在一户" in problems
    assert f'href="household:{other}"' in problems
    assert other_number in dialog.status_line.text()
    model = dialog.members.model
    assert model.data(model.index(0, COL["id_number"]), Qt.ItemDataRole.BackgroundRole) == INVALID_BRUSH
    before = _households(sqlite_db)
    assert dialog.save() is False
    assert _households(sqlite_db) == before

    dialog.members.problems.linkActivated.emit(f"household:{other}")  # what clicking the link sends
    opened = dialog.opened_cards[-1]
    qtbot.waitExposed(opened)
    assert other_number in opened.windowTitle() and "王大山" in opened.windowTitle()
    assert [m.name for m in opened.members.model.members()] == [name for name, _id, _s in FAMILY]


def test_closing_with_unsaved_edits_asks(qtbot, sqlite_db, saved_household) -> None:
    household_id = saved_household()
    dialog = _open(qtbot, sqlite_db, household_id)
    dialog.basic.address.setFocus()
    qtbot.keyClicks(dialog.basic.address, "No. 8")
    assert dialog.isWindowModified()

    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.Cancel, seen)
    qtbot.keyClick(dialog.basic.address, Qt.Key.Key_Escape)
    assert seen and dialog.isVisible() and dialog.basic.address.text() == "No. 8"

    answer_next_box(QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.saved):
        dialog.close()
    assert not dialog.isVisible()
    with sqlite_db.session() as session:
        assert session.get(Household, household_id).address == "No. 8"

    dialog = _open(qtbot, sqlite_db, household_id)
    dialog.basic.address.setFocus()
    qtbot.keyClicks(dialog.basic.address, " east")
    answer_next_box(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog.basic.address, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with sqlite_db.session() as session:
        assert session.get(Household, household_id).address == "No. 8"

    dialog = _open(qtbot, sqlite_db, household_id)
    seen.clear()
    answer_next_box(QMessageBox.StandardButton.Cancel, seen, within_ms=300)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()  # nothing unsaved: closes without asking
    qtbot.wait(400)
    assert not seen


def test_undo_and_revert_all_unsaved_changes(qtbot, sqlite_db, saved_household) -> None:
    household_id = saved_household()
    dialog = _open(qtbot, sqlite_db, household_id)
    view, model = dialog.members.view, dialog.members.model
    dialog.tabs.setCurrentWidget(dialog.members)
    view.setFocus()
    view.setCurrentIndex(model.index(1, COL["ethnicity"]))
    _choose(qtbot, dialog, 1)  # 汉族 → 蒙古族
    assert model.data(model.index(1, COL["ethnicity"])) == "蒙古族" and dialog.isWindowModified()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the table's last edit is undone
    assert model.data(model.index(1, COL["ethnicity"])) == "汉族" and not dialog.isWindowModified()

    dialog.tabs.setCurrentWidget(dialog.basic)
    dialog.basic.phone.setFocus()
    qtbot.keyClicks(dialog.basic.phone, "139")
    qtbot.keyClick(dialog.basic.phone, Qt.Key.Key_Z, CTRL)  # a text field undoes its own typing
    assert dialog.basic.phone.text() == ""

    qtbot.keyClicks(dialog.basic.phone, "13900001111")
    dialog.tabs.setCurrentWidget(dialog.members)
    view.setFocus()
    view.setCurrentIndex(model.index(3, COL["name"]))
    answer_next_box(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # remove a member, after confirming
    assert model.rowCount() == 3 and dialog.isWindowModified()
    assert "人均" not in dialog.windowTitle()
    assert dialog.income.size_label.text() == "3"

    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 4 and dialog.basic.phone.text() == ""
    assert not dialog.isWindowModified() and not dialog.revert_button.isEnabled()
    with sqlite_db.session() as session:
        assert session.get(Household, household_id).size == 4


def test_income_per_capita_is_shown_live_against_the_years_line(qtbot, sqlite_db, saved_household) -> None:
    household_id = saved_household(income_year=2019)
    dialog = _open(qtbot, sqlite_db, household_id)
    dialog.tabs.setCurrentWidget(dialog.income)
    wage = dialog.income.edits["income_wage_fen"]
    wage.setFocus()
    qtbot.keyClicks(wage, "12000")
    assert dialog.income.per_capita.text() == "3,000.00"  # 12,000 yuan for 4 people
    assert dialog.income.line.text().startswith("3,747.00") and "2019" in dialog.income.line.text()
    assert "-747.00" in dialog.income.margin.text()
    assert "低于 2019 年国家标准" in dialog.income.reasons.text()
    costs = dialog.income.edits["production_costs_fen"]
    costs.setFocus()
    qtbot.keyClicks(costs, "abc2000")  # letters are refused where they are typed
    assert costs.text() == "2000"
    assert dialog.income.per_capita.text() == "2,500.00"
    wage.setFocus()
    qtbot.keyClick(wage, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(wage, "22000")
    assert dialog.income.per_capita.text() == "5,000.00"
    assert "+1,253.00" in dialog.income.margin.text()
    assert "边缘户" in dialog.income.reasons.text()
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(wage, Qt.Key.Key_S, CTRL)
    with sqlite_db.session() as session:
        assert session.get(Household, household_id).per_capita_income_fen == 500_000


def test_enter_moves_through_the_card_and_new_id_fills_sex_and_birth(qtbot, sqlite_db, saved_household) -> None:
    household_id = saved_household(members=FAMILY[:2])
    dialog = _open(qtbot, sqlite_db, household_id)
    dialog.basic.address.setFocus()
    qtbot.keyClick(dialog.basic.address, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.basic.phone and dialog.isVisible()
    row = _type_member(qtbot, dialog, "王小明", make_id("530102", date(2010, 2, 3), 55), 2)
    model = dialog.members.model
    assert [model.data(model.index(row, COL[c])) for c in ("sex", "birth_date", "relation")] == [
        "男",
        "2010-02-03",
        "之子",
    ]
    assert dialog.members.view.currentIndex().column() == COL["sex"] + 2  # sex and birth are skipped
    view = dialog.members.view
    qtbot.keyClick(view, Qt.Key.Key_Insert)  # Insert adds a row too, and opens its name
    assert model.rowCount() == row + 2 and isinstance(_editor(dialog), QLineEdit)
    qtbot.keyClick(_editor(dialog), Qt.Key.Key_Escape)  # Esc leaves the cell, not the card
    assert dialog.isVisible()


def test_procedure_changes_reach_the_open_card(qtbot, sqlite_db, saved_household) -> None:
    household_id = saved_household(members=FAMILY[:3])
    dialog = _open(qtbot, sqlite_db, household_id)
    assert dialog.procedure_panel is not None  # part of the app: a missing panel fails at import, not here
    assert dialog.tabs.indexOf(dialog.procedure_panel) >= 0
    dialog.basic.address.setFocus()
    qtbot.keyClicks(dialog.basic.address, "No. 5")  # an unsaved edit while the procedure records a birth
    with sqlite_db.transaction() as session:
        birth = date(2020, 1, 2)
        session.add(
            Member(
                household_id=household_id,
                name="王小宝",
                id_number=make_id("530102", birth, 71),
                relation="07",
                sex="1",
                birth_date=birth,
            )
        )
    dialog.procedure_panel.changed.emit()
    assert "王小宝" in [m.name for m in dialog.members.model.members()]
    assert dialog.basic.address.text() == "No. 5" and dialog.isWindowModified()
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.basic.address, Qt.Key.Key_S, CTRL)
    with sqlite_db.session() as session:
        row = session.get(Household, household_id)
        assert (row.size, row.address) == (4, "No. 5")


def test_measures_and_a_new_pairing_cadre_are_saved(qtbot, sqlite_db, saved_household) -> None:
    household_id = saved_household()
    dialog = _open(qtbot, sqlite_db, household_id)
    tab = dialog.measures
    dialog.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)  # adds a row and opens its type
    combo = tab.view.indexWidget(tab.view.currentIndex())
    assert isinstance(combo, QComboBox) and combo.itemText(0) == "产业扶持"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.view.indexWidget(tab.view.currentIndex()) is None)
    for column, text in ((3, "50000"), (5, "2019-03-01"), (5, "2019-13-01")):
        tab.view.setCurrentIndex(tab.model.index(0, column))
        qtbot.keyClick(tab.view, Qt.Key.Key_F2)
        editor = tab.view.indexWidget(tab.view.currentIndex())
        qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: tab.view.indexWidget(tab.view.currentIndex()) is None)
    row = tab.model.rows[0]
    assert (row.type, row.amount_fen, row.start_date) == ("02", 5_000_000, date(2019, 3, 1))  # a bad date is refused

    dialog.tabs.setCurrentWidget(dialog.cadre)
    qtbot.mouseClick(dialog.cadre.new, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.cadre.new.height() // 2))
    assert dialog.cadre.name.isEnabled() and not dialog.cadre.cadre.isEnabled()
    dialog.cadre.name.setFocus()
    type_text(dialog.cadre.name, "赵红梅")
    dialog.cadre.unit.setFocus()
    type_text(dialog.cadre.unit, "县农业农村局")
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    assert dialog.cadre.existing.isChecked() and dialog.cadre.cadre.currentText().startswith("赵红梅")
    rows = [r[2:] for r in _history_rows(dialog)]
    assert ["户卡", "帮扶责任人", "（空）", "赵红梅"] in rows
    assert ["帮扶措施 小额信贷", "新建", "", ""] in rows


def test_member_and_measure_models_pass_the_model_tester(qtbot, qtmodeltester, sqlite_db, saved_household) -> None:
    dialog = _open(qtbot, sqlite_db, saved_household())
    qtmodeltester.check(dialog.members.model)
    dialog.measures.model.add()
    qtmodeltester.check(dialog.measures.model)


def test_a_long_editing_session_does_not_abort_the_app(tmp_path) -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None on every void call; without the guard in
    desktop_app.ui a few thousand edits abort the interpreter ("deallocating None")."""
    import subprocess
    import sys

    script = (
        "from desktop_app import ui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for i in range(20000): label.setText(str(i)); label.setEnabled(i % 2 == 0)\n"
        "print('still here')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "still here" in result.stdout


def test_print_card_shows_the_saved_card_in_a_preview(qtbot, sqlite_db, saved_household) -> None:
    from desktop_app.ui import print_preview

    dialog = _open(qtbot, sqlite_db, saved_household())
    assert dialog.print_button.isVisible() and dialog.print_button.isEnabled()
    dialog.basic.address.setFocus()
    qtbot.keyClicks(dialog.basic.address, "No. 9")
    assert not dialog.print_button.isEnabled()  # unsaved edits would not be on the printout
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.basic.address, Qt.Key.Key_S, CTRL)
    print_preview.open_print_dialog.last_dialog = None
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(print_preview.open_print_dialog, "last_dialog", None) is not None, timeout=20000)
    preview = print_preview.open_print_dialog.last_dialog
    assert isinstance(preview, print_preview.PrintPreviewDialog) and preview.isVisible()
    assert preview.rendered.kind == "card" and preview.pdf.pageCount() >= 2  # the card as saved, laid out
    preview.close()


def test_a_card_with_merge_conflicts_says_so(qtbot, sqlite_db, saved_household, tmp_path) -> None:
    """Two laptops edit the same card's address; once the other one is merged in, the card shows its conflict."""
    import sqlite3

    from desktop_app.services import open_database
    from desktop_app.services.merge import conflicts_of, merge_database

    household_id = saved_household()
    dialog = _open(qtbot, sqlite_db, household_id)
    assert not dialog.conflict_bar.isVisible()
    dialog.close()
    other_path = tmp_path / "other-laptop.sqlite"
    with sqlite3.connect(str(sqlite_db.engine.url.database)) as here, sqlite3.connect(other_path) as copy:
        here.backup(copy)  # the other laptop starts as a copy of this database
    other = open_database(other_path, operator="另一台", device_id="other-laptop")
    for db, address in ((sqlite_db, "东头一号"), (other, "西头二号")):
        with db.transaction() as session:
            session.get(Household, household_id).address = address
    other.close()
    assert merge_database(sqlite_db, other_path).conflicts == 1
    [conflict] = conflicts_of(sqlite_db)
    assert conflict.household_id == household_id and conflict.field == "address"
    dialog = _open(qtbot, sqlite_db, household_id)
    assert dialog.conflict_bar.isVisible() and dialog.resolve_button.isVisible() and dialog.resolve_button.isEnabled()
    texts = [label.text() for label in dialog.conflict_bar.findChildren(QLabel)]
    assert any("merge conflicts" in t or "合并冲突" in t for t in texts)


def test_checklists_and_the_verdict(qtbot, sqlite_db, saved_household) -> None:
    household_id = saved_household(income_year=2019, income_wage_fen=800_000)
    dialog = _open(qtbot, sqlite_db, household_id)
    tab = dialog.checklists
    dialog.tabs.setCurrentWidget(tab)
    assert "符合识别条件" in tab.verdict.text() and "不符合" not in tab.verdict.text()
    items = {child.data(0, Qt.ItemDataRole.UserRole): child for child in tab._children()}
    vehicle = items["hebei_five_not_recorded.motor_vehicle"]
    tab.tree.setFocus()
    tab.tree.setCurrentItem(vehicle)
    qtbot.keyClick(tab.tree, Qt.Key.Key_Space)  # tick: the household owns a motor vehicle
    assert vehicle.checkState(0) == Qt.CheckState.Checked and dialog.isWindowModified()
    assert "不符合识别条件" in tab.verdict.text() and "家庭拥有机动车" in tab.verdict.text()

    # a member marked as a public official ticks (and locks) that exclusion by itself
    official = items["hebei_five_not_recorded.public_official"]
    assert official.checkState(0) == Qt.CheckState.Unchecked
    view, model = dialog.members.view, dialog.members.model
    dialog.tabs.setCurrentWidget(dialog.members)
    view.setFocus()
    view.setCurrentIndex(model.index(0, COL["is_public_official"]))
    _choose(qtbot, dialog, -1)  # 否 → 是
    assert official.checkState(0) == Qt.CheckState.Checked
    assert not official.flags() & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(view, Qt.Key.Key_S, CTRL)
    with sqlite_db.session() as session:
        assert session.get(Household, household_id).checklist_answers == {"hebei_five_not_recorded.motor_vehicle": True}


def test_a_county_cadre_is_found_by_name_and_paired(qtbot, sqlite_db, saved_household) -> None:
    from desktop_app.storage.models import Cadre

    household_id = saved_household()
    with sqlite_db.transaction() as session:
        far = Cadre(name="欧阳明远", unit="县教育局", phone="13700000000")  # pairs nobody in this village yet
        session.add(far)
        far_id = far.id
    dialog = _open(qtbot, sqlite_db, household_id)
    tab = dialog.cadre
    dialog.tabs.setCurrentWidget(tab)
    offered = [tab.cadre.itemData(i) for i in range(tab.cadre.count())]
    assert far_id not in offered  # only the village's cadres are listed at first
    tab.find_box.setFocus()
    type_text(tab.find_box, "欧阳")
    assert [tab.cadre.itemText(i) for i in range(tab.cadre.count())] == ["（无）", "欧阳明远  县教育局 13700000000"]
    tab.cadre.setFocus()
    qtbot.keyClick(tab.cadre, Qt.Key.Key_Down)
    assert dialog.isWindowModified()
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(tab.cadre, Qt.Key.Key_S, CTRL)
    with sqlite_db.session() as session:
        assert session.get(Household, household_id).cadre_id == far_id
    assert tab.cadre.currentText().startswith("欧阳明远")  # still chosen after the save
