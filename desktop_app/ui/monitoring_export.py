"""The monitoring tab's 导出… button: a save dialog, then ``export_cases`` as a background job (progress,
cancel), and a line saying where the file went. A failure shows the Chinese reason; no file is left."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.services import Database
from desktop_app.services.monitoring import export_cases
from desktop_app.services.settings import export_folder
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, run_job, show_error


def _tr(text: str) -> str:
    return QCoreApplication.translate("MonitoringExport", text)


def suggested_file(village_name: str, today: date) -> str:
    """Where the save dialog starts: the settings' export folder, "<村> 监测对象名单 <date>.xlsx"."""
    name = f"{village_name or '全部'} 监测对象名单 {today.isoformat()}.xlsx"
    folder = export_folder()
    return str(Path(folder) / name) if folder else name


def start_export(
    parent: QWidget,
    db: Database,
    *,
    village_code: str | None,
    village_name: str,
    today: date,
    say: Callable[[str], None],
) -> Job[Any] | None:
    """Ask where to save, then write the village's monitoring list in the background; ``say`` gets the result
    line ("Exported N cases to PATH."). None when the dialog was cancelled."""
    title = _tr("Export the monitoring list")
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, suggested_file(village_name, today), _tr("Excel workbook (*.xlsx)")
    )
    if not path:
        return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    say(_tr("Exporting…"))

    def work(progress: Any) -> Any:
        return export_cases(db, path, village_code=village_code, today=today, progress=progress)

    def done(result: Any) -> None:
        count = int(result.counts.get("cases", 0))
        say(_tr("Exported %1 cases to %2.").replace("%1", str(count)).replace("%2", str(result.path)))

    def failed(exc: BaseException) -> None:
        say("")
        show_error(parent, title, exc)

    return run_job(parent, as_job(work), title=title, on_done=done, on_error=failed, on_cancel=lambda: say(""))


__all__ = ["start_export", "suggested_file"]
