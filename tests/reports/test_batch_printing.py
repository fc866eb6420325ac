"""Printing from a batch: the batches tab prints the selected batch's documents, the 打印 menu asks which batch,
a saved PDF says where it went, and the preview takes its size from the screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from tests.reports.conftest import ID_PATTERN, Village

pytest.importorskip("PySide6.QtPdfWidgets")


@pytest.fixture(autouse=True)
def chinese_ui(qapp):
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _preview(qtbot):  # type: ignore[no-untyped-def]
    from desktop_app.ui.print_preview import open_print_dialog

    job = open_print_dialog.last_job  # type: ignore[attr-defined]
    assert job is not None and job.wait(30000)
    qtbot.waitUntil(lambda: open_print_dialog.last_dialog is not None, timeout=10000)  # type: ignore[attr-defined]
    dialog = open_print_dialog.last_dialog  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    return dialog


def test_the_batches_tab_prints_the_selected_announcement_to_pdf(
    qtbot, village_db, village: Village, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    from desktop_app.ui.batches_view import BatchesView
    from desktop_app.ui.print_preview import open_print_dialog

    view = BatchesView(village_db)
    qtbot.addWidget(view)
    view.show()
    view.set_village(village.village_id)
    assert not view.print_button.isEnabled()  # nothing selected, nothing to print

    view.select_batch(village.batches["evaluation"])
    assert [d for d, a in view.print_actions.items() if a.isVisible()] == ["minutes"]
    view.select_batch(village.batches["village_announcement"])
    visible = {d: a.text() for d, a in view.print_actions.items() if a.isVisible()}
    assert visible == {"announcement": "公示名单…", "objections": "异议处理记录…"}
    assert view.print_button.isEnabled() and view.print_button.text() == "打印"

    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    view.print_actions["announcement"].trigger()
    dialog = _preview(qtbot)
    saved = tmp_path / "公示名单"
    assert dialog.save_pdf(str(saved))
    pdf = saved.with_suffix(".pdf")
    text = re.sub(r"\s+", "", _pdf_text(pdf))
    assert village.name in text
    listed = village.listed["village_announcement"]
    assert all(name in text for name in listed[:5] + listed[-3:])  # the households, first page to last
    assert "2019年5月6日至2019年5月12日" in text  # the period
    assert not ID_PATTERN.search(_pdf_text(pdf))  # a public notice carries no ID number

    box = dialog.saved_box  # the user is told where it went and may open the folder
    assert box is not None and box.isVisible() and str(pdf) in box.text()
    assert dialog.open_folder_button.text() == "打开所在文件夹"
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog.open_folder_button.click()
    assert opened == [str(tmp_path)]


def test_the_print_menu_asks_which_batch_when_a_village_has_several(
    qtbot, village_db, village: Village, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction

    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.print_preview import open_print_dialog

    window = MainWindow(
        village_db, lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    assert window.tree.select_area(village.village_id)
    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    window.findChild(QAction, "print_objections").trigger()  # the village and the exit announcement qualify
    chooser = open_print_dialog.last_choice  # type: ignore[attr-defined]
    assert chooser is not None and chooser.isVisible() and open_print_dialog.last_dialog is None  # type: ignore[attr-defined]
    items = [chooser.list.item(i).text() for i in range(chooser.list.count())]
    kinds = {t.split("　")[1] for t in items}
    assert kinds == {"村内公示", "乡镇公示", "退出公示"}  # every announcement, by its label, never a code
    starts = [t.split("　")[2][:10] for t in items]
    assert starts == sorted(starts, reverse=True)  # the latest first, and chosen
    assert chooser.list.currentRow() == 0
    chooser.choose(village.batches["exit_announcement"])
    chooser.buttons.accepted.emit()
    dialog = _preview(qtbot)
    saved = tmp_path / "objections.pdf"
    assert dialog.save_pdf(str(saved))
    text = re.sub(r"\s+", "", _pdf_text(saved))
    assert "2019-exit_announcement" in text  # the batch chosen, not the latest one


def test_the_preview_takes_its_size_from_the_screen(qtbot, village_db, village: Village) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    from desktop_app.ui.print_preview import open_print_dialog

    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    open_print_dialog(None, village_db, kind="announcement", batch_id=village.batches["village_announcement"])
    dialog = _preview(qtbot)
    laptop = QRect(0, 0, 1366, 728)  # 1366×768 less a Windows taskbar
    dialog.fit_to_screen(laptop)
    assert laptop.contains(dialog.geometry())
    assert dialog.height() >= 0.85 * laptop.height()
    assert dialog.width() < dialog.height()  # a portrait page, not a full-width window
    dialog.whole_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitInView
    room = dialog.screen().availableGeometry()  # opened on this screen: within it as well
    dialog.fit_to_screen()
    assert room.contains(dialog.geometry()) and dialog.height() == int(room.height() * 0.9)


def test_the_batches_tab_shows_labels_and_whole_numbers_dates_and_names(qtbot, village_db, village: Village) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    from desktop_app.ui.batches_view import BatchesView

    view = BatchesView(village_db)
    qtbot.addWidget(view)
    view.resize(1366 - 280, 620)  # the tab beside the area tree on a 1366×768 laptop
    view.show()
    view.set_village(village.village_id)
    model, table = view.model, view.table
    metrics = table.fontMetrics()
    for column in (model.COL_NUMBER, model.COL_KIND, model.COL_PERIOD, model.COL_STATUS):
        assert table.horizontalHeader().sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
        for row in range(model.rowCount()):
            text = model.data(model.index(row, column))
            assert metrics.horizontalAdvance(str(text)) < table.columnWidth(column), text  # not cut
            assert model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) == str(text)
    kinds = {model.data(model.index(r, model.COL_KIND)) for r in range(model.rowCount())}
    assert {"民主评议", "村内公示", "退出公示"} <= kinds

    view.select_batch(village.batches["evaluation"])
    members = view.members
    assert members.rowCount() == 30
    results = {members.item(r, members.COL_RESULT).text() for r in range(members.rowCount())}
    assert results == {"通过"}  # the label, never "passed"
    head = members.item(0, members.COL_HOUSEHOLD)
    assert head.toolTip() == head.text() and members.fontMetrics().horizontalAdvance(head.text()) < members.columnWidth(
        members.COL_HOUSEHOLD
    )
    assert members.item(0, members.COL_GROUP).text().endswith("村民小组")
