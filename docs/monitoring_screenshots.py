"""Take the monitoring screens' pictures for docs/monitoring-gui.md from the real app (a 1366×768 screen).

Run under a real X server: ``xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/monitoring_screenshots.py``
(or offscreen with the same screen size, as docs/screenshots.py does). A temporary data folder is used.
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


def _grab(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    for _ in range(10):
        QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(f"docs/images/{name}")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fupin-monitor-shots-"))
    os.environ["FUPIN_DATA_DIR"] = str(work / "data")
    from desktop_app.services.monitoring import do_action, hold_monitor_evaluation, open_clue, start_monitor_notice
    from desktop_app.storage.database import open_database
    from desktop_app.ui.app import create_application, make_qsettings
    from desktop_app.ui.card_editor import HouseholdCardDialog
    from desktop_app.ui.main_window import MainWindow
    from tests.procedure.helpers import make_household, make_village

    app = create_application("zh_CN")
    db = open_database(work / "monitor.sqlite", operator="李书记", device_id="screenshots")
    today = date.today()
    code = "532999001001"
    with db.transaction() as s:
        vid = make_village(s, code)
        names = ("张富贵", "李秀英", "王德明", "赵春花", "孙国强")
        ids = [make_household(s, vid, f"{code}{i:04d}", n, seq=i) for i, n in enumerate(names, 1)]
    for hid, days, risks in zip(
        ids, (20, 13, 6, 3, 1), (("01",), ("04",), ("08", "01"), ("07",), ("99",)), strict=True
    ):
        found = today - timedelta(days=days)
        extra = {"disaster_sub": "1"} if "04" in risks else {"risk_note": "房屋漏雨"} if "99" in risks else {}
        open_clue(db, hid, source="3", found=found, risks=risks, today=found, **extra)  # type: ignore[arg-type]
    check = {"date": today - timedelta(days=5), "checkers": "李书记,王队员", "category": "2", "findings": "因病支出大"}
    do_action(db, ids[2], "home_check", check, today=today)
    scan = work / "授权书.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    for hid in ids[3:]:  # two households through one evaluation meeting onto one village notice
        do_action(db, hid, "home_check", {**check, "date": today}, today=today)
        consent = {"date": today, "signed_by": "户主", "fingerprint": True, "scan": str(scan)}
        do_action(db, hid, "consent", consent, today=today)
    meeting = {"date": today, "place": "村委会", "chair": "李书记", "present": 20, "expected": 25}
    hold_monitor_evaluation(db, vid, meeting, {hid: (18, 1, 1) for hid in ids[3:]}, today=today)
    start_monitor_notice(db, vid, ids[3:], start=today, end=today + timedelta(days=5), today=today)

    window = MainWindow(db, lang="zh_CN", settings=make_qsettings())
    window.resize(1366, 740)
    window.show()
    window.tree.select_area(vid)
    window.tabs.setCurrentWidget(window.monitoring_view)
    window.monitoring_view.table.selectRow(2)
    window.monitoring_view.batches.table.selectRow(0)
    _grab(window, "monitoring_tab.png")
    dialog = window.monitoring_view.open_action("consent")
    if dialog is not None:
        _grab(dialog, "monitoring_step_form.png")
        dialog.reject()
    clue_dialog = window.monitoring_view.open_new_clue()
    if clue_dialog is not None:
        clue_dialog.set_risks(("04",))
        _grab(clue_dialog, "monitoring_new_clue.png")
        clue_dialog.reject()
    card = HouseholdCardDialog(db, ids[2], village_id=vid, parent=window)
    card.resize(1100, 700)
    card.show()
    card.tabs.setCurrentWidget(card.monitoring_panel)
    _grab(card, "monitoring_card_tab.png")
    card.close()
    window.close()
    db.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
