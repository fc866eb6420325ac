"""Take the pictures of docs/areas.md and docs/quality.md from the real app.

Run under a real X server at the size of a county laptop:
``xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/county_files_screenshots.py``. A temporary data
folder is used, with a 300-household demo county (``fupin demo --assistance``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT))


def _grab(widget: Any, name: str) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(400)
    widget.grab().save(str(OUT / name))
    print(f"docs/images/{name}")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fupin-county-shots-"))
    os.environ["FUPIN_DATA_DIR"] = str(work / "data")
    from desktop_app.cli import main as fupin
    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import create_application
    from desktop_app.ui.areas_dialog import AreasDialog
    from desktop_app.ui.quality_view import QualityDialog

    path = work / "county.sqlite"
    fupin(["--db", str(path), "--operator", "李书记", "demo", "--households", "300", "--assistance"])
    app = create_application("zh_CN")
    db = open_database(path, operator="李书记", device_id="screenshots")
    areas = AreasDialog(db)
    areas.show()
    areas.tree.expandToDepth(2)
    _grab(areas, "areas_dialog.png")
    areas.close()
    quality = QualityDialog(db, today=date.today())
    quality.resize(1200, 620)
    quality.show()
    quality.reload().wait(120_000)
    _grab(quality, "quality_dialog.png")
    quality.close()
    db.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
