"""Render the main screens offscreen with demo data to PNG files in docs/images/ (for the README and docs).

Run: ``.venv/bin/python docs/screenshots.py`` (uses a temporary data folder; nothing of yours is touched).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
HELP_IMAGES = ROOT / "resources" / "help" / "images"  # the in-app guide shows the same pictures
_SCREEN = Path(tempfile.mkdtemp(prefix="fupin-screen-")) / "screen.json"  # a 1366×768 laptop screen
_SCREEN.write_text(
    '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, '
    '"logicalDpiX": 96, "logicalDpiY": 96}]}',
    encoding="utf-8",
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
sys.path.insert(0, str(ROOT))


def _grab(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
    target = OUT / name
    widget.grab().save(str(target))
    if (HELP_IMAGES / name).exists():
        widget.grab().save(str(HELP_IMAGES / name))
    print(target.relative_to(ROOT))
    return target


def main(lang: str = "zh_CN") -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fupin-shots-"))
    os.environ["FUPIN_DATA_DIR"] = str(work / "data")
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import create_application, make_qsettings
    from desktop_app.ui.card_editor import HouseholdCardDialog
    from desktop_app.ui.main_window import MainWindow

    app = create_application(lang)
    suffix = "" if lang == "zh_CN" else "_en"
    db = open_database(work / "demo.sqlite", operator="演示", device_id="screenshots")
    with db.transaction() as session:
        generate_demo(session, households=3000, villages=12, seed=7)
    window = MainWindow(db, lang=lang, settings=make_qsettings())
    window.resize(1366, 800)
    window.show()
    village = next(iter(window.tree._nodes.values())).children[0].children[1]
    window.tree.select_area(village.id)
    window.table.selectRow(2)
    _grab(window, f"main_window{suffix}.png")

    window.filters.search.setText("zh")
    window.filters.flush()
    window.tree.select_area(next(iter(window.tree._nodes.values())).id)
    _grab(window, f"main_window_search{suffix}.png")

    dialog = HouseholdCardDialog(db, window.model.household_id(0), parent=window)
    dialog.resize(1100, 760)
    dialog.show()
    _grab(dialog, f"card_editor{suffix}.png")
    from PySide6.QtWidgets import QTabWidget

    tabs = dialog.findChild(QTabWidget)
    if tabs is not None and tabs.count() > 1:
        tabs.setCurrentIndex(1)  # the members table
        _grab(dialog, f"card_editor_members{suffix}.png")
    dialog.close()
    _survey(db, suffix)
    window.close()

    empty = open_database(work / "empty.sqlite", operator="演示", device_id="screenshots")
    from desktop_app.ui.first_run import FirstRunDialog

    first = FirstRunDialog(empty)
    first.show()
    _grab(first, f"first_run{suffix}.png")
    first.close()
    db.close()
    empty.close()
    del app
    return 0


def _survey(db, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """The household survey form of an applicant household, with the team's 五看 notes being typed."""
    from datetime import date

    from sqlalchemy import select

    from desktop_app.storage.models import Household
    from desktop_app.ui.procedure_panel import ProcedurePanel

    with db.session() as session:
        household_id = session.execute(select(Household.id).where(Household.stage == "applied").limit(1)).scalar()
    if household_id is None:
        return
    panel = ProcedurePanel(db, household_id, today=date.today())
    panel.show()
    dialog = panel.open_action("survey")
    if dialog is None:
        return
    dialog.set_value("surveyors", "王建国、李娜")
    looks = dialog.widgets["looks"]
    looks.set_notes(
        {
            "hebei_five_looks.housing": "土木结构两间，墙体开裂，C级危房",
            "hebei_five_looks.labour": "户主外出务工，妻子在家务农",
        }
    )
    dialog.adjustSize()
    _grab(dialog, f"survey_looks{suffix}.png")
    dialog.close()
    panel.close()


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:2] or ["zh_CN"])))
