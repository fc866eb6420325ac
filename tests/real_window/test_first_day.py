"""A village work team's first day, in a real 1366×768 window under a window manager, from the welcome dialog
to importing its own export back: what the cadre sees at each step, and that no window is cut off."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from sqlalchemy import select

from desktop_app.storage.models import Area, Household
from desktop_app.ui.models import households as hm
from tests.real_window.conftest import SCREEN, assert_fits
from tests.ui_card.conftest import FAMILY, type_text
from tests.ui_card.test_card_editor import _history_rows, _type_member

CTRL = Qt.KeyboardModifier.ControlModifier
OPERATOR, TEAM = "王芳", "和平村驻村工作队"


def _type(widget: QWidget, text: str) -> None:
    widget.setFocus()
    type_text(widget, text)


def _fits(widget: QWidget) -> None:
    assert_fits(widget)


def _every_window_fits() -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isWindow() and widget.windowType() != Qt.WindowType.ToolTip:
            if widget.inherits("QMenu") or widget.inherits("QComboBoxPrivateContainer"):
                continue
            _fits(widget)


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _pick(qtbot, combo, label: str) -> None:
    """Choose an entry of a combo box from the keyboard, as a cadre tabbing through the card does."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == label:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == label, f"{label} is not offered"


def _tree_item(window, name: str):
    model = window.tree.model_
    found = model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, name, 1, Qt.MatchFlag.MatchRecursive)
    assert found, f"{name} is not in the area tree"
    return found[0]


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_first_day_of_a_village_work_team(qtbot, tmp_path, ui_state, lang_zh, screenshot):
    from desktop_app.services import open_database
    from desktop_app.ui.main_window import MainWindow

    db = open_database(tmp_path / "fupin.sqlite")  # a fresh laptop: nobody recorded yet
    assert not db.identity.known
    window = MainWindow(db, lang="zh_CN", settings=ui_state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isMaximized, timeout=5000)  # 1366×768 is below 1440×900: maximised
    assert QGuiApplication.primaryScreen().geometry().size().toTuple() == SCREEN
    assert window.windowTitle().count("Fupin Desk") + window.windowTitle().count("扶贫台账") <= 1

    # --- welcome: who is working, then one county, township and village with five groups -----------------
    window.offer_first_run()  # the areas of a database without accounts (the administrator: test_accounts_day)
    welcome = window.first_run_dialog
    qtbot.waitExposed(welcome)
    _fits(welcome)
    screenshot("01-welcome")
    for key, name, code in (
        ("county", "洱源县", "532930000000"),
        ("township", "茈碧湖镇", "532930100000"),
        ("village", "和平村", "532930100001"),
    ):
        code_edit, name_edit = welcome.fields[key]
        _type(name_edit, name)
        qtbot.keyClicks(code_edit, code)
    welcome.groups.setValue(5)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)  # nobody named: refused
    refusal = QApplication.activeModalWidget()
    assert isinstance(refusal, QMessageBox) and "操作人员姓名" in refusal.text()
    refusal.accept()
    with db.session() as s:
        assert s.execute(select(Area)).first() is None  # nothing was written
    _type(welcome.who.name, OPERATOR)
    _type(welcome.who.unit, TEAM)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not welcome.isVisible(), timeout=5000)
    assert window.operator_label.text() == f"操作人员：{OPERATOR}（{TEAM}）"

    # --- the one village: selecting it (or the county above it) allows a new card and its batches -------
    village_index = _tree_item(window, "和平村")
    groups = [window.tree.model_.itemFromIndex(village_index).child(r).text() for r in range(5)]
    assert groups == [f"第{n}村民小组" for n in range(1, 6)]
    window.tree.setCurrentIndex(_tree_item(window, "洱源县"))
    assert window.tree.selection().village_id is not None
    window.show_batches()
    assert window.batches_view.new_button.isEnabled()
    window.tabs.setCurrentIndex(0)
    assert "Ctrl+N" in window.empty_hint.text() and window.empty_hint.isVisible()
    screenshot("02-empty-village")

    # --- a household of four typed into 第2村民小组 ----------------------------------------------------
    window.tree.setCurrentIndex(_tree_item(window, "第2村民小组"))
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: getattr(window, "card_dialog", None) is not None and window.card_dialog.isVisible())
    card = window.card_dialog
    _fits(card)
    assert card.basic.group.currentText() == "第2村民小组"
    card.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card, timeout=5000)  # the window manager's focus
    card.tabs.setCurrentWidget(card.members)
    card.members.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is card.members.view)
    for name, id_number, steps in FAMILY:
        _type_member(qtbot, card, name, id_number, steps)
    assert card.unsaved_label.isVisible()
    screenshot("03-card-members")
    # what the survey will need: the main cause, the housing grade, the two no-worries and three guarantees
    card.tabs.setCurrentWidget(card.causes)
    _pick(qtbot, card.causes.main_cause, "因病")
    card.tabs.setCurrentWidget(card.living)
    _pick(qtbot, card.living.housing_grade, "C级")
    card.tabs.setCurrentWidget(card.guarantees)
    for name, combo in card.guarantees.values.items():
        _pick(qtbot, combo, "否" if name == "housing" else "是")  # a dilapidated house: housing not safe
    with qtbot.waitSignal(card.saved) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    household_id = saved.args[0]
    assert not card.unsaved_label.isVisible()
    card.close()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.index(0, hm.COL_GROUP).data() == "第2村民小组"
    assert window.model.index(0, hm.COL_HEAD).data() == "王大山"
    group_count = window.tree.model_.itemFromIndex(_tree_item(window, "第2村民小组").siblingAtColumn(1))
    assert group_count.text() == "1"
    assert "显示 1 户" in window.count_label.text() or "1 户" in window.count_label.text()

    # --- application and survey on the card's procedure tab ---------------------------------------------
    window.open_household(household_id)
    qtbot.waitUntil(lambda: window.card_dialog is not card and window.card_dialog.isVisible())
    card = window.card_dialog
    panel = card.procedure_panel
    assert panel is not None
    card.tabs.setCurrentWidget(panel)
    _ok(qtbot, panel.open_action("application"))
    survey = panel.open_action("survey")
    _fits(survey)
    _type(survey.widgets["surveyors"], "王芳、李强")
    _ok(qtbot, survey)
    assert not survey.isVisible(), survey.error_label.text()
    assert "符合识别条件" in panel.message.text() and "不符合" not in panel.message.text()
    signed = {panel.timeline.item(r, 3).text() for r in range(panel.timeline.rowCount())}
    assert signed == {OPERATOR}  # application and survey signed by the operator, not the computer's login
    card.close()

    # --- the democratic evaluation with its votes, then the village announcement, in the batches tab -----
    window.tree.setCurrentIndex(_tree_item(window, "和平村"))  # the tree was re-read after the save
    window.show_batches()
    view = window.batches_view
    assert view.village_id is not None
    view.create("evaluation")
    qtbot.waitUntil(lambda: view.current_dialog is not None or bool(view.message.text()), timeout=10000)
    assert view.current_dialog is not None, view.message.text()
    meeting = view.current_dialog
    _fits(meeting)
    _type(meeting.widgets["chair"], "李书记")
    meeting.set_value("attendees_expected", 25)
    meeting.set_value("attendees_present", 21)
    table = meeting.votes_table()
    assert table.item(0, table.COL_GROUP).text() == "第2村民小组"
    table.setFocus()
    table.setCurrentCell(0, table.COL_FOR)
    qtbot.keyClicks(table, "18\t2\t1\r")
    assert table.item(0, table.COL_TOTAL).text() == "21"
    screenshot("04-vote-table")
    _ok(qtbot, meeting)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.select_batch(view.model.rows[0].id)
    _ok(qtbot, view.batch_action("close"))
    assert "1 户通过" in view.message.text()
    shown = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    assert "passed" not in " ".join(str(x) for x in shown)

    view.create("village_announcement")
    qtbot.waitUntil(lambda: view.current_dialog is not None and view.current_dialog is not meeting, timeout=10000)
    _ok(qtbot, view.current_dialog)
    qtbot.waitUntil(lambda: any(r.kind == "village_announcement" for r in view.model.rows))
    announcement = next(r for r in view.model.rows if r.kind == "village_announcement")
    view.select_batch(announcement.id)
    assert "公示还有" in announcement.waiting_zh  # the period runs; the list shows it in Chinese
    with db.session() as s:
        assert s.get(Household, household_id).stage == "evaluated"  # announced once the period has run
    screenshot("05-batches")

    # --- print the batch's announcement and save it as a PDF ----------------------------------------------
    from desktop_app.ui.print_preview import open_print_dialog

    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    view.print_batch("announcement")
    qtbot.waitUntil(lambda: getattr(open_print_dialog, "last_dialog", None) is not None, timeout=20000)
    preview = open_print_dialog.last_dialog  # type: ignore[attr-defined]
    qtbot.waitExposed(preview)
    _fits(preview)
    qtbot.wait(1500)  # the page is painted once the PDF view has laid it out
    screenshot("06-print-preview")
    pdf = tmp_path / "公示.pdf"
    assert preview.save_pdf(str(pdf))
    qtbot.waitUntil(lambda: preview.saved_box.isVisible())
    assert str(pdf) in preview.saved_box.text()
    preview.saved_box.accept()
    text = _pdf_text(pdf)
    assert "和平村" in text and "王大山" in text and "第2村民小组" in text
    assert FAMILY[0][1] not in text and FAMILY[0][1][6:14] not in text  # no ID, not even its birth date part
    preview.close()

    # --- export the village and import it back: nothing changes ---------------------------------------
    from desktop_app.ui.exchange_dialogs import ExportDialog, ImportDialog

    export = ExportDialog(db, area_id=view.village_id, parent=window)
    qtbot.addWidget(export)
    export.show()
    _fits(export)
    workbook = tmp_path / "和平村.xlsx"
    export.path.setText(str(workbook))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: export.result_path is not None, timeout=60000)
    assert "1 户" in export.status.text() and "4 " in export.status.text()
    export.close()

    importer = ImportDialog(db, parent=window)
    qtbot.addWidget(importer)
    importer.show()
    _fits(importer)
    importer.check_file(workbook)
    qtbot.waitUntil(lambda: importer.plan is not None, timeout=60000)
    assert "1 户" in importer.summary.text() and importer.import_button.isEnabled()
    qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: importer.outcome is not None, timeout=60000)
    assert "新增 0" in importer.summary.text() and "未变 1" in importer.summary.text()
    screenshot("07-import-back")
    importer.close()

    # --- the history names the operator on every line -----------------------------------------------------
    window.open_household(household_id)
    qtbot.waitUntil(lambda: window.card_dialog.isVisible())
    card = window.card_dialog
    card.tabs.setCurrentWidget(card.history)
    rows = _history_rows(card)
    assert rows and {row[1] for row in rows} == {OPERATOR}
    assert not any("votes_for" in " ".join(row) or "pending" in " ".join(row) for row in rows)
    _every_window_fits()
    screenshot("08-history")
    card.close()
    db.close()
