"""Take the pictures of docs/monitoring-warnings-gui.md from the real app (a 1366×768 screen).

Run under a real X server:
``xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/monitoring_warnings_screenshots.py``.
A temporary data folder is used; the village, its incomes and the department's list are made up.
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


def _settle(job=None) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    while job is not None and not job.done:
        QApplication.processEvents()
    for _ in range(10):
        QApplication.processEvents()


def _grab(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    _settle()
    widget.grab().save(str(OUT / name))
    print(f"docs/images/{name}")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fupin-warn-shots-"))
    os.environ["FUPIN_DATA_DIR"] = str(work / "data")
    from openpyxl import Workbook
    from sqlmodel import select

    from desktop_app.domain.idnumber import make_id
    from desktop_app.services.monitoring import open_clue
    from desktop_app.storage.database import open_database
    from desktop_app.storage.models import Member
    from desktop_app.ui.app import create_application, make_qsettings
    from desktop_app.ui.main_window import MainWindow
    from tests.monitor_help.helpers import add_income, add_line, make_household, make_village

    app = create_application("zh_CN")
    db = open_database(work / "monitor.sqlite", operator="李书记", device_id="screenshots")
    today = date.today()
    code = "532999001001"
    people = (("张富贵", 8500), ("李秀英", 30000), ("王德明", 5000), ("赵春花", 9200), ("孙国强", 12000))
    with db.transaction() as s:
        vid = make_village(s, code)
        add_line(s, today.year - 1, 8000)
        ids = []
        for seq, (head, yuan) in enumerate(people, 1):
            hid = make_household(s, vid, f"{code}{seq:04d}", head, seq=seq, per_capita_yuan=yuan)
            add_income(s, hid, today.year - 2, yuan + 4000)
            add_income(s, hid, today.year - 1, yuan)
            ids.append(hid)
        members = {hid: list(s.exec(select(Member).where(Member.household_id == hid))) for hid in ids}
        members[ids[1]][0].health = "3"
        members[ids[4]][1].disability_grade = "2"
        for m in (members[ids[1]][0], members[ids[4]][1]):
            s.add(m)
    found = today - timedelta(days=3)
    open_clue(db, ids[4], source="3", found=found, risks=("02",), today=found)

    window = MainWindow(db, lang="zh_CN", settings=make_qsettings())
    window.resize(1366, 740)
    window.show()
    window.tree.select_area(vid)
    window.tabs.setCurrentWidget(window.monitoring_view)
    warnings = window.monitoring_view.open_warnings()
    _settle(getattr(warnings, "job", None))
    if warnings is not None:
        warnings.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        warnings.select_household(f"{code}0002")  # type: ignore[attr-defined]
        _grab(warnings, "monitoring_warnings.png")
        warnings.close()

    ids_of = {hid: [m.id_number for m in members[hid]] for hid in ids}
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "身份证号", "推送部门", "预警原因"])
    rows = [
        (ids_of[ids[0]][0], "县医保局", "大病住院，自付医疗费用高"),
        (ids_of[ids[0]][1], "县残联", "新增二级残疾"),
        (ids_of[ids[2]][0], "县应急局", "房屋受洪涝灾害"),
        (ids_of[ids[4]][0], "县医保局", "大病"),
        (make_id("110101", date(1980, 5, 5), 321), "县民政局", "低保边缘"),
        ("53299919800101123", "县民政局", "低保边缘"),
        (ids_of[ids[0]][0], "县医保局", "大病"),
    ]
    for n, (number, dept, reason) in enumerate(rows, 1):
        ws.append([n, "某某", number, dept, reason])
    path = work / "县医保局推送名单.xlsx"
    wb.save(path)
    alerts = window.monitoring_view.open_alerts()
    if alerts is not None:
        _settle(alerts.start(path))  # type: ignore[attr-defined]
        _grab(alerts, "monitoring_alerts.png")
        alerts.close()
    window.close()
    db.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
