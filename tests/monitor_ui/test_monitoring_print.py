"""Printing from the monitoring tab: the selected household's consent form and the village's notice open in
the print preview, laid out from the real database; without a selection the household forms are greyed."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.ui import print_preview
from desktop_app.ui.monitoring_view import MonitoringView
from tests.monitor_ui.conftest import TODAY, clue


def _preview(qtbot, view: MonitoringView, kind: str) -> print_preview.PrintPreviewDialog:  # type: ignore[no-untyped-def]
    print_preview.open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    view.print_document(kind)
    qtbot.waitUntil(lambda: getattr(print_preview.open_print_dialog, "last_dialog", None) is not None, timeout=20000)
    preview = print_preview.open_print_dialog.last_dialog  # type: ignore[attr-defined]
    assert isinstance(preview, print_preview.PrintPreviewDialog) and preview.isVisible()
    return preview


def test_print_menu_prints_the_selected_households_consent_form(qtbot, village, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = village
    clue(db, ids["张富贵"], TODAY - timedelta(days=3))
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.set_village(vid)
    view.table.clearSelection()
    view.table.setCurrentIndex(view.model.index(-1, -1))
    enabled = {kind: on for kind, _text, on in view.print_documents()}
    assert not enabled["consent"] and enabled["monitor-notice"]  # no household chosen yet
    view.table.setCurrentIndex(view.model.index(0, 0))
    texts = {kind: text for kind, text, _on in view.print_documents()}
    assert texts["consent"] == "承诺授权书（所选户）"
    assert all(on for _k, _t, on in view.print_documents())
    preview = _preview(qtbot, view, "consent")
    assert preview.rendered.kind == "consent" and preview.pdf.pageCount() >= 1
    preview.close()
