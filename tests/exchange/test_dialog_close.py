"""Closing an exchange dialog while its job runs: the job stops first, nothing is half-done or left behind."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from desktop_app.services import Database
from desktop_app.ui.exchange_dialogs import ImportDialog
from desktop_app.ui.jobs import JobCancelled
from tests.exchange.test_dialogs import _bad_file, _log_count


def test_closing_the_import_dialog_mid_import_cancels_it_and_changes_nothing(
    qtbot, demo_db: Database, demo_xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.exchange import use_cases

    real_apply = use_cases.apply_plan
    started = threading.Event()

    def slow_apply(session, plan, *, partial, progress):  # type: ignore[no-untyped-def]
        started.set()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # a big county file: the user gives up and closes the dialog
            progress(0, 1, "写入")
            time.sleep(0.01)
        return real_apply(session, plan, partial=partial, progress=progress)

    monkeypatch.setattr(use_cases, "apply_plan", slow_apply)  # the import use case's writing step
    path, _good, _bad = _bad_file(demo_xlsx, tmp_path)
    dialog = ImportDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.check_file(path).wait(30000)
    dialog.partial.setChecked(True)
    before = _log_count(demo_db)
    job = dialog.start_import()
    assert job is not None and started.wait(30)

    dialog.reject()  # 关闭 / Esc

    assert job.done and isinstance(job.error, JobCancelled)  # stopped before the dialog closed
    assert not dialog.isVisible()
    assert _log_count(demo_db) == before
    assert dialog.outcome is None
