"""The monitoring documents in the app's print preview: from the 打印 menu's selection or the tab's cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtPdfWidgets  # noqa: F401  (the preview needs it)

from tests.monitor_print.conftest import MonitorVillage
from tests.reports.conftest import pdf_text


def _open(db: Any, **selection: Any) -> tuple[Any, Any]:
    from desktop_app.ui.print_preview import open_print_dialog

    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    open_print_dialog.last_error_box = None  # type: ignore[attr-defined]
    open_print_dialog(None, db, **selection)
    job = open_print_dialog.last_job  # type: ignore[attr-defined]
    assert job is not None and job.wait(30000)
    return open_print_dialog.last_dialog, job  # type: ignore[attr-defined]


def _village_id(db: Any, code: str) -> str:
    from sqlalchemy import select

    from desktop_app.storage.models import Area

    with db.session() as session:
        return str(session.execute(select(Area.id).where(Area.code == code)).scalar_one())


def test_the_cases_chosen_in_the_tab_print_as_a_notice(
    qtbot: Any, monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    dialog, job = _open(monitor_db, kind="monitor-notice", case_ids=tuple(monitor_village.cases_2025))
    assert job.error is None and dialog is not None
    qtbot.addWidget(dialog)
    saved = tmp_path / "公示"
    dialog.ask_save_path = lambda: str(saved)
    assert dialog.save_pdf()
    text = pdf_text(saved.with_suffix(".pdf")).replace(" ", "")
    assert "2025年拟纳入防止返贫监测对象名单公示" in text
    assert all(monitor_village.heads[c] in text for c in monitor_village.cases_2025)


def test_a_village_list_from_the_menu_and_a_form_without_a_household(
    qtbot: Any, monitor_db: Any, monitor_village: MonitorVillage
) -> None:
    from desktop_app.ui.print_preview import open_print_dialog

    village_id = _village_id(monitor_db, monitor_village.code)
    dialog, job = _open(monitor_db, kind="removal-notice", village_id=village_id, choose_batch=True)
    assert job.error is None and dialog is not None and dialog.rendered.pages >= 1
    qtbot.addWidget(dialog)
    dialog, job = _open(monitor_db, kind="consent", village_id=village_id)
    assert dialog is None and "需要指定户" in str(job.error)
    box = open_print_dialog.last_error_box  # type: ignore[attr-defined]
    assert box is not None and "需要指定户" in box.text()
    qtbot.addWidget(box)


def test_the_print_menu_lists_the_monitoring_documents_in_chinese(qtbot: Any, qapp: Any, monitor_db: Any) -> None:
    from PySide6.QtGui import QAction

    from desktop_app.ui.i18n import install_translators
    from desktop_app.ui.main_window import MainWindow

    install_translators(qapp, "zh_CN")
    try:
        window = MainWindow(monitor_db)
        qtbot.addWidget(window)
        for kind, zh in (("consent", "承诺授权书"), ("check-form", "入户核查表"), ("removal-notice", "风险消除公示")):
            action = window.findChild(QAction, f"print_{kind}")
            assert action is not None and action.text() == f"{zh}…"
    finally:
        install_translators(qapp, "en")
