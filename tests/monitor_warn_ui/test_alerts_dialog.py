"""导入部门预警名单 from the monitoring tab, with a real .xlsx written by openpyxl: the cadre sees every row in
the report (new clues with risks as labels, monitored, repeated, invalid and unknown IDs masked) and the new
clues in the monitoring tab; a broken file shows the Chinese error and writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlmodel import select

from desktop_app.domain.idnumber import make_id
from desktop_app.services.monitoring import case_list, open_clue
from desktop_app.storage.models import Member
from desktop_app.ui.jobs import JobCancelled
from desktop_app.ui.monitoring_alerts import AlertImportDialog
from desktop_app.ui.monitoring_view import MonitoringView
from tests.monitor_warn_ui.conftest import BAND, BELOW, ILL, TODAY, VILLAGE, open_view

UNKNOWN = make_id("110101", date(1980, 5, 5), 321)
INVALID = "53299919800101123"  # 17 digits


def _ids(db, household_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return [m.id_number for m in s.exec(select(Member).where(Member.household_id == household_id))]


def _xlsx(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["县医保局 2026 年 3 月推送名单"])
    ws.append(["序号", "姓名", "身份证号", "推送部门", "预警原因"])
    for n, (number, dept, reason) in enumerate(rows, start=1):
        ws.append([n, "某某", number, dept, reason])
    wb.save(path)
    return path


def _open(qtbot, view: MonitoringView) -> AlertImportDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.alerts_button, Qt.MouseButton.LeftButton)
    dialog = view.current_window
    assert isinstance(dialog, AlertImportDialog) and dialog.isVisible()
    assert dialog.width() <= 1366 and dialog.height() <= 768
    return dialog


def _report(dialog: AlertImportDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_department_list_opens_clues_and_reports_every_other_row(qtbot, warned, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = warned
    open_clue(db, ids[BELOW], source="3", found=date(2026, 3, 1), risks=("02",), today=date(2026, 3, 1))
    band, ill, below = _ids(db, ids[BAND]), _ids(db, ids[ILL]), _ids(db, ids[BELOW])
    path = _xlsx(
        tmp_path / "医保局推送.xlsx",
        [
            (band[0], "县医保局", "大病住院，自付医疗费用高"),  # row 3
            (band[1], "县残联", "新增二级残疾"),  # row 4: same household → one clue
            (ill[0], "县应急局", "房屋受洪涝灾害"),  # row 5
            (below[0], "县医保局", "大病"),  # row 6: already monitored
            (UNKNOWN, "县民政局", "低保边缘"),  # row 7: nobody on file
            (INVALID, "县民政局", "低保边缘"),  # row 8: invalid
            (band[0], "县医保局", "大病"),  # row 9: repeated
        ],
    )
    view = open_view(qtbot, db, vid)
    assert view.alerts_button.text() == "导入部门预警名单…"
    dialog = _open(qtbot, view)
    assert dialog.found.date().toPython() == TODAY
    assert not dialog.import_button.isEnabled()  # no file chosen yet
    dialog.found.setDate(date(2026, 3, 18))
    job = dialog.start(path)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert job.error is None

    rows = _report(dialog)
    by_result: dict[str, list[list[str]]] = {}
    for row in rows:
        by_result.setdefault(row[0], []).append(row)
    assert sorted(by_result) == sorted(["新线索", "已在监测", "重复", "证件号码无效", "未建档"])
    new = {r[3]: r for r in by_result["新线索"]}
    assert sorted(new) == [BAND, ILL]
    assert new[BAND][1:4] == ["3, 4", "张富贵", BAND]
    assert "县医保局" in new[BAND][5] and "县残联" in new[BAND][5]
    assert "因病" in new[BAND][6] and "因残" in new[BAND][6]
    assert "因自然灾害" in new[ILL][6]
    assert "01" not in new[BAND][6]  # labels, never codes
    assert [(r[1], r[3]) for r in by_result["已在监测"]] == [("6", BELOW)]
    assert [r[1] for r in by_result["重复"]] == ["9"]
    assert [r[1] for r in by_result["证件号码无效"]] == ["8"]
    assert [r[1] for r in by_result["未建档"]] == ["7"]
    masked = by_result["未建档"][0][4]
    assert masked == f"{UNKNOWN[:6]}********{UNKNOWN[-4:]}"
    assert all(UNKNOWN not in cell and band[0] not in cell for row in rows for cell in row)  # IDs only masked
    assert len(rows) == 2 + 1 + 1 + 1 + 1  # every row of the file is accounted for (two rows made one clue)
    summary = dialog.summary.text()
    assert summary.startswith("医保局推送.xlsx：读取 7 行。新线索 2 条，已在监测 1 行，重复 1 行")

    cases = {c.household_number: c for c in case_list(db, village_code=VILLAGE, today=TODAY)}
    assert sorted(cases) == [BAND, ILL, BELOW]
    assert cases[BAND].source == "4" and cases[BAND].found == date(2026, 3, 18)
    shown = {view.model.text(r, 0) for r in range(view.model.rowCount())}
    assert shown == {"张富贵", "李秀英", "王德明"}  # the monitoring tab followed the import


def test_a_broken_file_shows_the_chinese_error_and_writes_nothing(qtbot, warned, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, _ids = warned
    broken = tmp_path / "推送名单.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    view = open_view(qtbot, db, vid)
    dialog = _open(qtbot, view)
    job = dialog.start(broken)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert job.error is not None
    assert dialog.summary.text().startswith("未导入任何内容：")
    boxes = [w for w in dialog.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and boxes[0].text() and boxes[0].text() in dialog.summary.text()
    assert dialog.table.rowCount() == 0
    assert case_list(db, village_code=VILLAGE, today=TODAY) == []

    no_id = _xlsx(tmp_path / "无证件号.xlsx", [])  # a list without an ID column is refused too
    from openpyxl import load_workbook

    wb = load_workbook(no_id)
    wb.active["C2"] = "备注"
    wb.save(no_id)
    job = dialog.start(no_id)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert job.error is not None and dialog.table.rowCount() == 0
    assert case_list(db, village_code=VILLAGE, today=TODAY) == []


def test_the_alert_dialog_in_english(qtbot, warned, lang_en) -> None:  # type: ignore[no-untyped-def]
    db, vid, _ids = warned
    dialog = _open(qtbot, open_view(qtbot, db, vid))
    assert dialog.windowTitle() == "Import a department alert list"
    assert dialog.import_button.text() == "Import"
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers[:4] == ["Result", "Row", "Head", "Household number"]


def test_a_cancelled_import_writes_nothing(qtbot, warned, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = warned
    path = _xlsx(tmp_path / "推送.xlsx", [(_ids(db, ids[BAND])[0], "县医保局", "大病")])
    dialog = _open(qtbot, open_view(qtbot, db, vid))
    job = dialog.start(path)
    assert job is not None
    job.cancel()  # the Cancel button of the progress dialog
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert isinstance(job.error, JobCancelled) and dialog.report is None
    assert not [w for w in dialog.findChildren(QMessageBox) if w.isVisible()]  # a cancel is no error
    assert dialog.summary.text() == "已取消：未导入任何内容。"
    assert case_list(db, village_code=VILLAGE, today=TODAY) == []
    assert dialog.import_button.isEnabled()  # the cadre may start again


def test_only_a_county_administrator_may_import(qtbot, tmp_path, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services import open_database
    from desktop_app.services.accounts import add_user, change_password, create_first_admin, sign_in, sign_out
    from tests.procedure.helpers import make_village

    db = open_database(tmp_path / "county.sqlite", device_id="laptop-1", require_login=False)
    try:
        with db.transaction() as s:
            vid = make_village(s, VILLAGE)
        create_first_admin(db, "王芳", "洱源县乡村振兴局", "hepingcun-2024")
        view = open_view(qtbot, db, vid)
        assert view.alerts_button.isEnabled()
        add_user(db, "李明", "member", password="given-by-admin-1", unit="和平村")
        sign_out(db)
        sign_in(db, "李明", "given-by-admin-1")
        change_password(db, "given-by-admin-1", "hepingcun-member-9")
        view.reload()
        assert not view.alerts_button.isEnabled()
        assert "县级管理员" in view.alerts_button.toolTip(), view.alerts_button.toolTip()  # says who may
    finally:
        db.close()
