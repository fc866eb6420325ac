"""The print preview in the app: rendered in the background, shown, saved and printed (to a PDF printer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtPdfWidgets  # noqa: F401  (a declared part of PySide6: the preview needs it, never skipped)

from tests.reports.conftest import Village, page_count, pdf_text


def _open(qtbot, db, **selection):  # type: ignore[no-untyped-def]
    from desktop_app.ui.print_preview import open_print_dialog

    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    open_print_dialog(None, db, **selection)
    job = open_print_dialog.last_job  # type: ignore[attr-defined]
    assert job.wait(30000)
    return open_print_dialog.last_dialog, job  # type: ignore[attr-defined]


def test_preview_shows_every_page_then_saves_and_prints(qtbot, village_db, village: Village, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    dialog, job = _open(qtbot, village_db, kind="register", village_id=village.village_id)
    assert job.error is None and dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.pdf.pageCount() == dialog.rendered.pages > 1
    assert dialog.view.document() is dialog.pdf
    assert str(dialog.rendered.pages) in dialog.pages_label.text()

    saved = tmp_path / "花名册"
    dialog.ask_save_path = lambda: str(saved)  # the file dialog's answer
    assert dialog.save_pdf()
    saved_pdf = saved.with_suffix(".pdf")
    assert page_count(saved_pdf) == dialog.rendered.pages
    assert "内部资料" in pdf_text(saved_pdf, 1, 1)

    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    printer.setResolution(100)
    assert dialog.print_to(printer)
    assert page_count(printed) == dialog.rendered.pages
    from pypdf import PdfReader

    box = PdfReader(str(printed)).pages[0].mediabox
    assert box.width > box.height  # the landscape register is printed landscape


def test_card_preview_for_one_household(qtbot, village_db, village: Village) -> None:
    from sqlalchemy import select

    from desktop_app.storage.models import Household

    with village_db.session() as session:
        household_id = session.execute(
            select(Household.id).where(Household.number == village.household_number)
        ).scalar_one()
    dialog, job = _open(qtbot, village_db, kind="card", household_id=household_id)
    qtbot.addWidget(dialog)
    assert dialog.rendered.filename.endswith(f"{village.household_number}.pdf")
    assert dialog.windowTitle() and dialog.pdf.pageCount() >= 2


def test_nothing_to_print_says_why_in_chinese(qtbot, village_db, village: Village) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    with village_db.transaction() as session:  # a village with no exit announcement yet
        from desktop_app.storage.models import Area

        township_id = session.get(Area, village.village_id).parent_id
        empty = Area(code="532999001097", name="新村", level="village", parent_id=township_id)
        session.add(empty)
        session.flush()
        empty_id = empty.id
    dialog, job = _open(qtbot, village_db, kind="exit-announcement", village_id=empty_id)
    assert dialog is None and job.error is not None
    from desktop_app.ui.print_preview import open_print_dialog

    box = open_print_dialog.last_error_box  # type: ignore[attr-defined]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "新村还没有退出公示批次" in box.text()
    assert not [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "PrintPreviewDialog" and w.isVisible()]
    box.close()


def test_preview_speaks_chinese(qtbot, village_db, village: Village, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desktop_app.assets import asset_path
    from desktop_app.ui.i18n import compile_ts
    from desktop_app.ui.print_preview import PrintPreviewDialog, render_document

    qm = tmp_path / "print_zh_CN.qm"
    compile_ts(asset_path("resources", "translations", "print_zh_CN.ts"), qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        document = render_document(village_db, "wallchart", village_id=village.village_id)
        dialog = PrintPreviewDialog(document)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "打印预览：一图四表"
        assert [dialog.print_button.text(), dialog.save_button.text(), dialog.close_button.text()] == [
            "打印…",
            "另存为 PDF…",
            "关闭",
        ]
        assert dialog.pages_label.text() == f"共 {document.pages} 页"
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize(
    ("selection", "english"),
    [
        ({"kind": "card"}, "Choose a household in the list first."),
        ({"kind": "register"}, "Choose a village on the left first."),
    ],
)
def test_missing_choice_is_asked_for_before_any_work(qtbot, village_db, village: Village, selection, english) -> None:
    from desktop_app.storage.models import Area
    from desktop_app.ui.print_preview import open_print_dialog

    with village_db.transaction() as session:  # two villages: the app cannot guess which one
        township = session.get(Area, village.village_id).parent_id
        session.add(Area(code="532999001095", name="第二村", level="village", parent_id=township))

    open_print_dialog(None, village_db, **selection)
    box = open_print_dialog.last_error_box  # type: ignore[attr-defined]
    assert open_print_dialog.last_job is None  # type: ignore[attr-defined]
    assert box.isVisible() and box.text() == english  # English source; Chinese comes from print_zh_CN.ts
    box.close()


def test_cancel_stops_the_layout_and_opens_nothing(qtbot, village_db, village: Village) -> None:
    from desktop_app.ui.jobs import JobCancelled
    from desktop_app.ui.print_preview import open_print_dialog

    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    open_print_dialog.last_error_box = None  # type: ignore[attr-defined]
    open_print_dialog(None, village_db, kind="wallchart", village_id=village.village_id)
    job = open_print_dialog.last_job  # type: ignore[attr-defined]
    job.cancel()  # as the Cancel button of the progress window does
    assert job.wait(30000)
    assert isinstance(job.error, JobCancelled)
    assert open_print_dialog.last_dialog is None and open_print_dialog.last_error_box is None  # type: ignore[attr-defined]


def test_print_menu_of_the_main_window_previews_the_selected_villages_register(
    qtbot, qapp, village_db, village: Village, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction

    from desktop_app.ui.i18n import install_font, install_translators
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.print_preview import open_print_dialog

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    try:
        window = MainWindow(
            village_db, lang="zh_CN", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        window.show()
        assert window.tree.select_area(village.village_id)
        action = window.findChild(QAction, "print_register")
        assert action is not None and action.text().startswith("花名册")
        open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
        action.trigger()
        assert open_print_dialog.last_job.wait(30000)  # type: ignore[attr-defined]
        dialog = open_print_dialog.last_dialog  # type: ignore[attr-defined]
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "打印预览：花名册" and dialog.print_button.text() == "打印…"
        assert village.name in dialog.rendered.filename
    finally:
        install_translators(qapp, "en")
