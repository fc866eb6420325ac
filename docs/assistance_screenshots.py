"""Take the assistance ledgers' pictures for docs/assistance-gui.md and the in-app guide from the real app.

Run under a real X server at the size of a county laptop:
``xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/assistance_screenshots.py``. A temporary data
folder is used; the village is the scene of ``tests/assist_ui/scene.py`` (made through the ledgers' use cases).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
GUIDE_IMAGES = ROOT / "resources" / "help" / "images"
sys.path.insert(0, str(ROOT))


def _grab(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    QTest.qWait(400)  # the page in front reads its village and lays itself out first
    path = OUT / name
    widget.grab().save(str(path))
    print(f"docs/images/{name}")
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fupin-assist-shots-"))
    os.environ["FUPIN_DATA_DIR"] = str(work / "data")
    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import create_application, make_qsettings
    from desktop_app.ui.card_editor import HouseholdCardDialog
    from desktop_app.ui.main_window import MainWindow
    from tests.assist_ui.scene import build

    app = create_application("zh_CN")
    db = open_database(work / "assist.sqlite", operator="李书记", device_id="screenshots")
    scene = build(db)

    window = MainWindow(db, lang="zh_CN", settings=make_qsettings())
    window.resize(1366, 740)
    window.show()
    window.tree.select_area(scene.village_id)
    window.tabs.setCurrentWidget(window.assist_view)
    view = window.assist_view
    shots = {"pairing": "assist_tab.png", "funds": "assist_funds.png", "loans": "assist_loans.png"}
    shots |= {"posts": "assist_posts.png", "work": "assist_work.png"}
    for key, name in shots.items():
        view.show_page(key)
        path = _grab(window, name)
        if key == "pairing":
            shutil.copy(path, GUIDE_IMAGES / name)  # the F1 guide's picture of the tab
    card = HouseholdCardDialog(db, scene.households["张富贵"], parent=window)
    card.resize(1100, 680)
    card.show()
    card.tabs.setCurrentWidget(card.assist_panel)
    for key, name in (("pairing", "assist_card_pairing.png"), ("plan", "assist_card_plan.png")):
        card.assist_panel.show_section(key)
        _grab(card, name)
    card.close()
    card = HouseholdCardDialog(db, scene.households["王德明"], parent=window)
    card.resize(1100, 680)
    card.show()
    card.tabs.setCurrentWidget(card.assist_panel)
    card.assist_panel.show_section("loans")
    _grab(card, "assist_card_loans.png")
    card.close()
    window.close()
    db.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
