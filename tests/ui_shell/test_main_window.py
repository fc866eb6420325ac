"""The main window on a real demo database: search as a user types, area tree, status bar, memory, start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from sqlalchemy import select

from desktop_app.storage.models import Area, Household, Member
from desktop_app.ui.models import households as hm
from tests.ui_shell.conftest import DEMO_HOUSEHOLDS, type_chinese


def _shown_numbers(window) -> list[str]:
    model = window.model
    return [model.index(r, hm.COL_NUMBER).data() for r in range(model.rowCount())]


def _wait_search(qtbot, window, text: str) -> None:
    qtbot.waitUntil(lambda: window.model.filter.query == text and not window.filters.pending(), timeout=3000)


def _pick_member(db, *, head: bool) -> tuple[str, str, str]:
    """(household number, member name, resident ID) of a member whose name is on one card only."""
    with db.session() as session:
        rows = session.execute(
            select(Household.number, Member.name, Member.id_number, Household.head_name).join(
                Member, Member.household_id == Household.id
            )
        ).all()
    counts: dict[str, int] = {}
    for _number, name, _id, _head in rows:
        counts[name] = counts.get(name, 0) + 1
    for number, name, id_number, head_name in rows:
        if counts[name] == 1 and (name == head_name) == head and len(name) == 3 and id_number:
            return number, name, id_number
    raise AssertionError("no suitable member in the demo data")


def test_status_bar_shows_database_and_count(demo_db, make_window, lang_zh):
    window = make_window(demo_db)
    assert window.count_label.text() == f"示范县：显示 {DEMO_HOUSEHOLDS} 户"
    assert window.db_label.text() == f"数据库：{demo_db.describe()}"
    assert window.model.rowCount() == DEMO_HOUSEHOLDS


def test_area_tree_shows_counts_and_selecting_a_group_filters_the_list(demo_db, make_window, lang_zh):
    window = make_window(demo_db)
    tree = window.tree
    county = tree.model_.index(0, 0)
    assert county.data() == "示范县" and county.siblingAtColumn(1).data() == str(DEMO_HOUSEHOLDS)
    township = tree.model_.index(0, 0, county)
    village = tree.model_.index(0, 0, township)
    group = tree.model_.index(0, 0, village)
    group_count = int(group.siblingAtColumn(1).data())
    tree.setCurrentIndex(group)
    assert window.model.total == group_count
    names = {window.model.index(r, hm.COL_GROUP).data() for r in range(window.model.rowCount())}
    assert names == {group.data()}
    assert window.count_label.text() == f"{group.data()}：显示 {group_count} 户"


def test_search_by_chinese_member_name_typed_with_an_input_method(demo_db, make_window, lang_zh, qtbot):
    number, name, _id = _pick_member(demo_db, head=False)
    window = make_window(demo_db)
    type_chinese(window.filters.search, name)
    assert window.filters.search.text() == name
    _wait_search(qtbot, window, name)
    assert number in _shown_numbers(window)
    assert window.model.total < DEMO_HOUSEHOLDS
    assert window.count_label.text().endswith(f"显示 {window.model.total} 户")


def test_search_by_pinyin_initials_and_by_partial_id(demo_db, make_window, lang_zh, qtbot):
    from desktop_app.services.households.search import name_keys

    number, name, id_number = _pick_member(demo_db, head=True)
    initials = name_keys(name)[1]
    window = make_window(demo_db)
    window.filters.search.setFocus()
    qtbot.keyClicks(window.filters.search, initials)
    _wait_search(qtbot, window, initials)
    assert number in _shown_numbers(window)
    # Every household listed has someone (head or member) whose name keys contain the typed initials, and
    # households without such a person are not listed.
    shown = set(_shown_numbers(window))
    with demo_db.session() as session:
        people = session.execute(
            select(Household.number, Member.name)
            .join(Member, Member.household_id == Household.id)
            .where(Household.deleted.is_(False), Member.deleted.is_(False))
        ).all()
    matching = {n for n, member in people if any(initials in key for key in name_keys(member))}
    assert shown == matching

    window.filters.search.clear()
    qtbot.keyClicks(window.filters.search, id_number[-8:])
    _wait_search(qtbot, window, id_number[-8:])
    assert _shown_numbers(window) == [number]


def test_search_for_nothing_shows_an_empty_list(demo_db, make_window, lang_zh, qtbot):
    window = make_window(demo_db)
    qtbot.keyClicks(window.filters.search, "qqqqxyz")
    _wait_search(qtbot, window, "qqqqxyz")
    assert window.model.rowCount() == 0
    assert window.count_label.text().endswith("显示 0 户")
    window.filters.reset_button.click()
    assert window.model.rowCount() == DEMO_HOUSEHOLDS and window.filters.search.text() == ""


def test_filter_combo_limits_the_list(demo_db, make_window, lang_zh):
    window = make_window(demo_db)
    combo = window.filters.combos["status"]
    combo.setCurrentIndex(combo.findData("3"))
    statuses = {window.model.index(r, hm.COL_STATUS).data() for r in range(window.model.rowCount())}
    assert statuses == {"已脱贫"}


def test_window_remembers_geometry_and_last_selection(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    # The offscreen screen is 800 × 800 and restoring clamps to it (and to the window's minimum width).
    width = max(window.minimumSizeHint().width(), 700)
    window.setGeometry(QRect(0, 20, width, 530))
    tree = window.tree
    village = tree.model_.index(1, 0, tree.model_.index(0, 0, tree.model_.index(0, 0)))
    tree.setCurrentIndex(village)
    window.table.selectRow(3)
    chosen = window.current_household_id()
    window.close()

    again = make_window(demo_db)
    assert (again.size().width(), again.size().height()) == (width, 530)
    assert again.tree.current_area_id() == village.data(Qt.ItemDataRole.UserRole + 1)
    assert again.current_household_id() == chosen


def sign_in(dialog, name: str = "王芳", unit: str = "和平村驻村工作队") -> None:  # type: ignore[no-untyped-def]
    type_chinese(dialog.who.name, name)
    type_chinese(dialog.who.unit, unit)


def test_first_run_dialog_creates_the_work_area(sqlite_db, make_window, lang_zh, qtbot):
    window = make_window(sqlite_db)
    assert window.is_empty()
    window.offer_first_run()
    dialog = window.first_run_dialog
    qtbot.waitExposed(dialog)
    sign_in(dialog)
    for key, code, name in (
        ("county", "532930000000", "洱源县"),
        ("township", "532930100000", "茈碧湖镇"),
        ("village", "532930100001", "和平村"),
    ):
        code_edit, name_edit = dialog.fields[key]
        qtbot.keyClicks(code_edit, code)
        type_chinese(name_edit, name)
    dialog.groups.setValue(3)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_empty())
    with sqlite_db.session() as session:
        areas = {(a.level, a.name, a.code) for a in session.scalars(select(Area))}
    assert ("village", "和平村", "532930100001") in areas
    assert ("group", "第3村民小组", "532930100001003") in areas
    assert len(areas) == 6
    assert window.tree.model_.index(0, 0).data() == "洱源县"


def test_first_run_refuses_a_wrong_code_and_changes_nothing(sqlite_db, make_window, lang_zh, qtbot):
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = make_window(sqlite_db)
    window.offer_first_run()
    dialog = window.first_run_dialog
    sign_in(dialog)
    for key, code, name in (("county", "532930000000", "洱源县"), ("township", "53293", "镇"), ("village", "1", "村")):
        dialog.fields[key][0].setText(code)
        dialog.fields[key][1].setText(name)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and "乡镇代码应为 12 位数字" in boxes[0].text()
    boxes[0].close()
    with sqlite_db.session() as session:
        assert session.scalars(select(Area)).first() is None
    assert dialog.isVisible()


def test_first_run_loads_demo_data_in_the_background(sqlite_db, make_window, qtbot):
    window = make_window(sqlite_db)
    window.offer_first_run()
    dialog = window.first_run_dialog
    sign_in(dialog)
    dialog.demo_size.setValue(40)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None and dialog.job.wait(30000)
    assert dialog.job.error is None, dialog.job.error
    qtbot.waitUntil(lambda: window.model.total == 40, timeout=5000)
    assert window.tree.model_.index(0, 0).siblingAtColumn(1).data() == "40"


def test_fupin_gui_starts_offscreen_and_quits(tmp_path: Path, demo_db):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FUPIN_DATA_DIR": str(tmp_path / "gui-data")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--db",
            str(demo_db.engine.url.database),
            "gui",
            "--quit-after-ms",
            "200",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "gui-data" / "ui-state.ini").exists()  # the window saved its geometry on the way out


def test_opening_another_database_switches_the_window(demo_db, make_window, lang_zh, qtbot, tmp_path):
    window = make_window(demo_db)
    other = tmp_path / "other.sqlite"
    assert window.switch_database(str(other))
    assert window.db_label.text().endswith("other.sqlite")
    assert window.model.total == 0 and window.is_empty()
    qtbot.waitUntil(lambda: getattr(window, "admin_setup_dialog", None) is not None)  # no accounts: the admin
    window.admin_setup_dialog.reject()  # put off: the areas are offered next (empty)
    qtbot.waitUntil(lambda: getattr(window, "first_run_dialog", None) is not None)
    window.first_run_dialog.reject()
    assert not window.switch_database(str(tmp_path / "missing-dir" / "x" / "\0bad"))  # refused, nothing changes
    assert window.db_label.text().endswith("other.sqlite")
    window.db.close()


def test_keyboard_search_then_enter_goes_to_the_list_and_sort_is_remembered(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    window.focus_search()
    qtbot.keyClicks(window.filters.search, "z")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert window.model.filter.query == "z"  # applied at once, without waiting for the debounce
    assert window.focusWidget() is window.table and window.current_household_id() == window.model.household_id(0)
    window.table.sortByColumn(hm.COL_INCOME, Qt.SortOrder.DescendingOrder)
    window.close()
    again = make_window(demo_db)
    assert again.model.sort_column == hm.COL_INCOME and again.model.sort_descending
    incomes = [again.model.index(r, hm.COL_INCOME).data(hm.SortValueRole) for r in range(5)]
    assert incomes == sorted(incomes, reverse=True)


def test_fupin_gui_reopens_the_last_database_file(tmp_path: Path, demo_db):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FUPIN_DATA_DIR": str(tmp_path / "gui-data"),
        "FUPIN_STARTUP_TRACE": "1",
    }
    base = [sys.executable, "-m", "desktop_app"]
    first = subprocess.run(
        [*base, "--db", str(demo_db.engine.url.database), "gui", "--quit-after-ms", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    again = subprocess.run([*base, "gui", "--quit-after-ms", "0"], env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == again.returncode == 0, again.stderr
    assert f"rows={DEMO_HOUSEHOLDS}" in again.stdout  # the demo database again, not an empty default file


def test_menu_bar_names_each_menu_once(demo_db, make_window, lang_zh):
    """Two menus both called 管理 (one with the audit log, one with users and roles) left a cadre guessing."""
    window = make_window(demo_db)
    titles = [action.text().split("(")[0] for action in window.menuBar().actions() if action.text()]
    assert len(titles) == len(set(titles)), titles
    assert "管理" in titles
    entries = [a.text() for a in window.menus["manage"].actions()]
    assert "审计日志…" in entries and "用户管理…" in entries
