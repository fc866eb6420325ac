"""Take the pictures of docs/monitoring-help-gui.md from the real app on a 1366×768 screen.

``xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/monitoring_help_screenshots.py`` (a temporary
data folder is used): the card's monitoring tab with its help measures and findings, the measure dialog and
the village's 帮扶核查 list.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fupin-help-shots-"))
    os.environ["FUPIN_DATA_DIR"] = str(work / "data")
    from monitoring_screenshots import _grab  # the same way of saving a picture as the monitoring screens

    from desktop_app.services.monitoring import add_help_measure
    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import create_application, make_qsettings
    from desktop_app.ui.card_editor import HouseholdCardDialog
    from desktop_app.ui.main_window import MainWindow
    from tests.monitor_help.helpers import add_case, make_household, make_village

    app = create_application("zh_CN")
    db = open_database(work / "monitor.sqlite", operator="李书记", device_id="screenshots")
    today = date.today()
    included = today - timedelta(days=50)
    code = "532999001001"
    with db.transaction() as s:
        vid = make_village(s, code)
        names = ("张富贵", "李秀英", "王德明")
        ids = [make_household(s, vid, f"{code}{i:04d}", n, seq=i) for i, n in enumerate(names, 1)]
        for hid, risks in zip(ids, (("01", "10"), ("07",), ("01",)), strict=True):
            add_case(s, hid, found=included - timedelta(days=10), included=included, risks=risks)
    add_help_measure(
        db, ids[0], year=today.year, category="100A45", values=["2", "3"], started_on=included, amount_fen=120050
    )
    add_help_measure(db, ids[0], year=today.year, category="100A40", values=["1", "2"], note="县劳务公司对接")

    window = MainWindow(db, lang="zh_CN", settings=make_qsettings())
    window.resize(1366, 740)
    window.show()
    window.tree.select_area(vid)
    window.tabs.setCurrentWidget(window.monitoring_view)
    check = window.monitoring_view.open_help_check()
    if check is not None:
        _grab(check, "monitoring_help_check.png")
        check.reject()
    card = HouseholdCardDialog(db, ids[0], village_id=vid, parent=window)
    card.resize(1366, 740)
    card.show()
    card.tabs.setCurrentWidget(card.monitoring_panel)
    _grab(card, "monitoring_help_panel.png")
    panel = card.monitoring_panel.help_panel  # type: ignore[union-attr]
    panel.table.selectRow(0)
    dialog = panel.open_edit()
    if dialog is not None:
        _grab(dialog, "monitoring_help_dialog.png")
        dialog.reject()
    card.close()
    window.close()
    db.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
