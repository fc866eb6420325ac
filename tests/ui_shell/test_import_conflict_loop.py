"""The import-with-conflict path, many times in one run of the app, after card edits, previews and exports.

Issue 12 saw one silent segfault in libQt6Core there after about 20 minutes of such work. The loop repeats
that mix in one process with the garbage collector made eager (so that it also runs on the import worker,
as a long session's allocations make it do), and checks what the user sees after each import.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.services.exchange.export import export_workbook
from desktop_app.storage.models import Household
from tests.merge.helpers import clone, ids, make_base

ROUNDS = 6


@pytest.fixture
def eager_gc() -> Iterator[None]:
    old = gc.get_threshold()
    gc.set_threshold(60, 2, 2)
    yield
    gc.set_threshold(*old)


def _edit(db, household_id: str, address: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        session.get(Household, household_id).address = address


@pytest.mark.slow
def test_import_with_conflicts_again_and_again_after_edits_previews_and_exports(
    qtbot, make_window, tmp_path: Path, eager_gc
) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.exchange_dialogs import ExportDialog, ImportDialog
    from desktop_app.ui.print_preview import open_print_dialog

    base = make_base(tmp_path / "base.sqlite", households=3, seed=11)
    laptop, hub = clone(base, tmp_path / "a.sqlite", "laptop-a"), clone(base, tmp_path / "hub.sqlite", "hub")
    households, _ = ids(hub)
    target = households[0]
    window = make_window(hub)
    for n in range(ROUNDS):
        # a card edit on each side of the same household: the import meets a conflict
        _edit(laptop, target, f"东头{n}号")
        _edit(hub, target, f"西头{n}号")
        window.reload()
        workbook = tmp_path / f"laptop-{n}.xlsx"
        with laptop.session() as session:
            export_workbook(session, workbook, device_id=laptop.device_id, operator=laptop.operator)

        open_print_dialog(window, hub, kind="card", household_id=households[1])  # a preview
        assert open_print_dialog.last_job.wait(60000)  # type: ignore[attr-defined]
        preview = open_print_dialog.last_dialog  # type: ignore[attr-defined]
        qtbot.waitExposed(preview)
        preview.close()  # WA_DeleteOnClose

        export_dialog = ExportDialog(hub, None, window)  # an export from the app
        export_dialog.path.setText(str(tmp_path / f"hub-{n}.xlsx"))
        export_dialog.start()
        assert export_dialog.job is not None and export_dialog.job.wait(60000)
        assert export_dialog.result_path is not None and export_dialog.result_path.exists()
        export_dialog.deleteLater()

        dialog = ImportDialog(hub, window)
        assert dialog.check_file(workbook).wait(60000)
        dialog.partial.setChecked(True)
        job = dialog.start_import()
        assert job is not None and job.wait(60000)
        assert dialog.outcome is not None and dialog.outcome.conflicts >= 1, dialog.summary.text()
        assert "conflicts wait for your decision" in dialog.summary.text() or "冲突" in dialog.summary.text()
        dialog.reject()
        dialog.deleteLater()
        qtbot.wait(10)
    with hub.session() as session:  # the laptop's value is not applied before a person decides
        assert session.scalar(select(Household.address).where(Household.id == target)).startswith("西头")
