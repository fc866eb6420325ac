"""No raw code or English in the Chinese UI: every screen, tab, table, dialog, the exported workbook and the CLI.

The demo database is walked as a cadre would see it; any visible ASCII identifier-like word (``passed``,
``votes_for``, ``Look in``) fails the test with where it was seen. See ``scan.py`` for what counts.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox, QTreeView
from sqlalchemy import select

from desktop_app.storage.models import Area, Batch, BatchHousehold, Household, ProcedureEvent
from desktop_app.storage.models_merge import MergeConflict
from tests.labels.scan import problems_in, suspicious_words, widget_texts

pytestmark = pytest.mark.usefixtures("lang_zh")


def _scan(widget) -> list[str]:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    return problems_in(widget_texts(widget))


def _household_with_votes(db) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A household on an evaluation list (its votes and result are in the change log once edited)."""
    with db.session() as session:
        row = session.execute(
            select(BatchHousehold.household_id, BatchHousehold.id)
            .join(Batch, Batch.id == BatchHousehold.batch_id)
            .where(Batch.kind == "evaluation", BatchHousehold.votes_for.is_not(None))  # type: ignore[union-attr]
        ).first()
    assert row is not None
    return row[0], row[1]


def _edit_codes(db, household_id: str, link_id: str) -> None:  # type: ignore[no-untyped-def]
    """Changes whose history shows codes: votes and a list result, a step's outcome, a code emptied."""
    with db.transaction() as session:
        link = session.get(BatchHousehold, link_id)
        link.votes_for = (link.votes_for or 0) + 1
        link.result = "failed" if link.result == "passed" else "passed"
        household = session.get(Household, household_id)
        household.road_type = ""
        household.housing_grade = "3" if household.housing_grade != "3" else "2"
        event = session.scalars(select(ProcedureEvent).where(ProcedureEvent.household_id == household_id)).first()
        event.reason = "补录"
        event.data = {**(event.data or {}), "note": "更正"}
        # conflicts a merge left on coded fields, so the conflicts dialog has rows to show
        for table, record, field, mine, theirs in (
            ("household", household_id, "road_type", "1", ""),
            ("batch_household", link_id, "result", "passed", "failed"),
            ("household", household_id, "stage", "surveyed", "evaluated"),
        ):
            session.add(
                MergeConflict(
                    household_id=household_id,
                    table_name=table,
                    record_id=record,
                    field=field,
                    local_value=mine,
                    incoming_value=theirs,
                    base_value=mine,
                    source="另一台电脑.sqlite",
                )
            )


def test_main_window_card_tabs_history_procedure_and_dialogs_show_no_codes(demo_db, make_window, qtbot):
    household_id, link_id = _household_with_votes(demo_db)
    _edit_codes(demo_db, household_id, link_id)
    window = make_window(demo_db)
    problems = _scan(window)

    window.open_household(household_id)
    card = window.card_dialog
    qtbot.waitExposed(card)
    card._ensure_procedure_tab()
    for i in range(card.tabs.count()):
        card.tabs.setCurrentIndex(i)
        problems += _scan(card)
    history = [
        card.history.model.index(r, c).data()
        for r in range(card.history.model.rowCount())
        for c in range(card.history.model.columnCount())
    ]
    assert "赞成票" in history and "评议结果" in history
    assert not {"votes_for", "pending", "passed", "failed"} & set(history)
    assert len([t for _w, t in widget_texts(card) if t]) > 50  # the walk saw the card's contents
    assert "（空）" in history  # the emptied road type, not a blank cell or 现为“”

    panel = card.findChild(QDialog)  # no step dialog is open yet
    assert panel is None or not panel.isVisible()
    procedure = next(
        card.tabs.widget(i) for i in range(card.tabs.count()) if type(card.tabs.widget(i)).__name__ == "ProcedurePanel"
    )
    opened = 0
    for action, button in procedure.buttons.items():
        if button.isVisibleTo(procedure):
            dialog = procedure.open_action(action)
            if dialog is not None:
                qtbot.waitExposed(dialog)
                problems += _scan(dialog)
                dialog.reject()
                opened += 1
    assert opened >= 1  # the step forms were walked too
    card.reject()

    from desktop_app.ui.conflicts_dialog import ConflictsDialog
    from desktop_app.ui.exchange_dialogs import ExportDialog, ImportDialog
    from desktop_app.ui.settings_dialog import SettingsDialog

    for dialog in (
        ConflictsDialog(demo_db, parent=window),
        ExportDialog(demo_db, None, window),
        ImportDialog(demo_db, window),
        SettingsDialog(window.db, window),
    ):
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += _scan(dialog)
        if isinstance(dialog, ConflictsDialog):
            assert dialog.model.rowCount() == 3
        dialog.reject()
    assert problems == [], "\n".join(problems)


def test_batches_tab_shows_no_codes(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    with demo_db.session() as session:
        village_id = session.scalars(select(Area.id).where(Area.level == "village")).first()
    view = window.batches_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.set_village(village_id)
    problems = []
    for r in range(min(view.table.model().rowCount(), 5)):
        view.table.selectRow(r)
        problems += _scan(view)
    assert problems == [], "\n".join(problems)


def test_print_preview_shows_no_codes(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    with demo_db.session() as session:
        village_id = session.scalars(select(Area.id).where(Area.level == "village")).first()
    problems = []
    from desktop_app.ui.print_preview import PrintPreviewDialog, render_document

    document = render_document(demo_db, "announcement", village_id=village_id)
    preview = PrintPreviewDialog(document, window)
    preview.show()
    qtbot.waitExposed(preview)
    problems += _scan(preview)
    preview.reject()
    assert problems == [], "\n".join(problems)


def test_qt_standard_dialogs_speak_chinese(qapp, qtbot, tmp_path: Path):
    dialog = QFileDialog(None, "", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [text for _where, text in widget_texts(dialog)]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    # the folder's own file names and the user's home in the side bar are the user's, not ours
    ours = [(w, t) for w, t in widget_texts(dialog) if not w.endswith((":treeView", ":listView", ":sidebar"))]
    assert problems_in(ours) == []
    view = dialog.findChild(QTreeView, "treeView")
    headers = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(view.model().columnCount())]
    assert headers and all(not suspicious_words(h) for h in headers)

    box = QMessageBox(QMessageBox.Icon.Question, "标题", "正文")
    box.setStandardButtons(
        QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
    )
    qtbot.addWidget(box)
    assert [suspicious_words(b.text()) for b in box.buttons()] == [[]] * 6
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    actions = [a.text() for a in menu.actions() if a.text()]
    assert actions and [a for a in actions if suspicious_words(a)] == []


def test_exported_workbook_visible_sheets_have_labels_not_codes(demo_db, tmp_path: Path):
    import openpyxl

    from desktop_app.services.exchange.export import export_workbook

    out = tmp_path / "village.xlsx"
    with demo_db.session() as session:
        export_workbook(session, out)
    book = openpyxl.load_workbook(out, read_only=False)
    problems = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        hidden = {i for dim in ws.column_dimensions.values() if dim.hidden for i in range(dim.min, dim.max + 1)}
        for row in ws.iter_rows():
            for cell in row:
                if cell.column in hidden or not isinstance(cell.value, str):
                    continue
                if ws.title == "说明" and cell.column == 2 and cell.row <= 3:
                    continue  # the format name (fupin-exchange) that identifies the file to the importer
                bad = suspicious_words(cell.value)
                if bad:
                    problems.append(f"{ws.title}!{cell.coordinate}: {cell.value!r} → {bad}")
    assert problems == [], "\n".join(problems)
    events = book["识别程序记录"]
    header = [c.value for c in events[1]]
    assert {"环节", "结果", "赞成", "反对", "地点"} <= set(header)  # the details one column each (format 3)
    steps = {row[header.index("环节")] for row in events.iter_rows(min_row=2, values_only=True)}
    assert "民主评议" in steps and "evaluation" not in steps
    votes = [row[header.index("赞成")] for row in events.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, int) for v in votes)


def test_cli_help_and_procedure_output_are_chinese(demo_db, capsys, monkeypatch):
    from desktop_app.cli import build_parser, main

    url = demo_db.url if hasattr(demo_db, "url") else None
    with demo_db.session() as session:
        number = session.scalars(select(Household.number).order_by(Household.number)).first()
        code = session.scalars(select(Area.code).where(Area.level == "village")).first()
    db_args = ["--db", str(url)] if url else []
    outputs = {}
    for args in (["procedure", "show", number], ["procedure", "timeline", "--village", code], ["procedure", "rules"]):
        assert main([*db_args, *args]) == 0
        outputs[" ".join(args[:2])] = capsys.readouterr().out
    for args in (["--help"], ["procedure", "--help"], ["export", "--help"]):
        with pytest.raises(SystemExit):
            main(args)
        outputs[" ".join(args)] = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["export"])
    outputs["export (error)"] = capsys.readouterr().err
    assert "缺少必需的参数" in outputs["export (error)"] and "用法：" in outputs["--help"]

    # What the user types (command names, options, choices, placeholders) is not prose: take it out first.
    typed: set[str] = set()

    def collect(parser) -> None:  # type: ignore[no-untyped-def]
        typed.add(parser.prog.split()[-1])
        for action in parser._actions:
            typed.update(action.option_strings)
            if isinstance(action.metavar, str):  # placeholders in the usage line: URL_OR_PATH, CODE_OR_NAME
                typed.add(action.metavar)
            for choice in action.choices or ():
                typed.add(str(choice))
            if isinstance(action.choices, dict):
                for sub in action.choices.values():
                    collect(sub)

    collect(build_parser())
    typed.update({"FUPIN_PASSWORD", "FUPIN_NEW_PASSWORD", "FUPIN_WORKBOOK_PASSWORD"})  # variables a script sets
    problems = []
    for name, text in outputs.items():
        for line in text.splitlines():
            if name.startswith("procedure rules"):  # each rule's key, which is what --set KEY=VALUE takes
                line = re.sub(r"（[a-z_]+）", "", line)
            words = [w for w in suspicious_words(line) if w not in typed and f"--{w}" not in typed]
            words = [w for w in words if not any(w in t.split("-") for t in typed)]
            if words:
                problems.append(f"{name}: {line!r} → {words}")
    assert problems == [], "\n".join(problems)


def test_english_mode_shows_no_chinese_where_a_label_exists(demo_db, make_window, lang_en, qtbot):
    household_id, _link = _household_with_votes(demo_db)
    window = make_window(demo_db, lang="en")
    window.open_household(household_id)
    card = window.card_dialog
    card._ensure_procedure_tab()
    procedure = next(
        card.tabs.widget(i) for i in range(card.tabs.count()) if type(card.tabs.widget(i)).__name__ == "ProcedurePanel"
    )
    header = procedure.header.text()
    assert "current step:" in header
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in header.split("current step:")[1])
    card.reject()
    _ = date  # the panel's today is the real date; nothing here depends on it
