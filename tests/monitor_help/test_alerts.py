"""Department alert lists (.xlsx and .csv written for real): clues for the right households, the report of
every other row with masked IDs, nothing written from a broken file; the CLI's exit codes and JSON."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from openpyxl import Workbook
from sqlmodel import select

from desktop_app.cli import main
from desktop_app.domain.errors import DomainError
from desktop_app.domain.idnumber import make_id
from desktop_app.services import open_database
from desktop_app.services.monitoring import case_list, import_alerts
from desktop_app.storage.models import Member
from desktop_app.storage.models_monitoring import MonitoringCase, MonitoringEvent
from tests.monitor_help.helpers import add_case, make_household, make_village

TODAY = date(2025, 6, 10)
UNKNOWN = make_id("110101", date(1980, 5, 5), 321)


def _county(session) -> dict[str, list[str]]:
    """Three households; the third already in an open case. Returns household number → member IDs."""
    vid = make_village(session)
    ids: dict[str, list[str]] = {}
    for seq, (number, head) in enumerate((("5329990010010001", "张富贵"), ("5329990010010002", "李有田"))):
        make_household(session, vid, number, head, seq=seq + 1)
    watched = make_household(session, vid, "5329990010010003", "王守田", seq=3)
    add_case(session, watched, found=date(2025, 5, 1))
    session.flush()
    from desktop_app.storage.models import Household

    for h in session.exec(select(Household)).all():
        ids[h.number] = [m.id_number for m in session.exec(select(Member).where(Member.household_id == h.id))]
    return ids


def _rows(ids: dict[str, list[str]]) -> list[list[str]]:
    one, two, three = ids["5329990010010001"], ids["5329990010010002"], ids["5329990010010003"]
    return [
        [one[0], "县医保局", "大病住院，自付医疗费用高"],  # row 4
        [one[1], "县残联", "新增二级残疾"],  # row 5: same household → one clue
        [two[0].lower() if two[0].endswith("X") else f" {two[0]} ", "县应急局", "房屋受洪涝灾害"],  # row 6
        [three[0], "县医保局", "大病"],  # row 7: already monitored
        [UNKNOWN, "县民政局", "低保边缘"],  # row 8: not on file
        ["53299919800101123", "县民政局", "低保边缘"],  # row 9: 17 digits
        [one[0], "县医保局", "大病"],  # row 10: repeated
    ]


def _xlsx(path, rows) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["县医保局 2025 年 6 月推送名单"])
    ws.append([])
    ws.append(["序号", "姓名", "身份证号", "推送部门", "预警原因"])
    for n, (number, dept, reason) in enumerate(rows, start=1):
        ws.append([n, "某某", number, dept, reason])
    wb.save(path)


def _clues(db) -> list[tuple[str, str, date]]:
    """(case id, household id, date found) of the clues from department alerts."""
    with db.read() as s:
        return [
            (c.id, c.household_id, c.found_on)
            for c in s.exec(select(MonitoringCase).where(MonitoringCase.source == "4"))
        ]


def test_an_xlsx_list_opens_one_clue_per_household_and_reports_every_other_row(db, tmp_path) -> None:
    with db.transaction() as s:
        ids = _county(s)
    path = tmp_path / "推送.xlsx"
    _xlsx(path, _rows(ids))
    report = import_alerts(db, path, found=date(2025, 6, 9), today=TODAY)
    assert report.rows == 7
    assert [(c.household_number, c.rows, c.risks) for c in report.opened] == [
        ("5329990010010001", (4, 5), ("01", "02")),
        ("5329990010010002", (6,), ("04",)),
    ]
    assert report.opened[0].department == "县医保局；县残联"
    assert [(x.row, x.household_number) for x in report.already_monitored] == [(7, "5329990010010003")]
    assert [(x.row, x.id_masked) for x in report.unknown] == [(8, "110101********" + UNKNOWN[-4:])]
    assert [x.row for x in report.invalid] == [9] and "长度应为18位" in report.invalid[0].message
    assert [(x.row, x.message) for x in report.duplicates] == [(10, "与第 4 行的证件号码重复")]
    assert ids["5329990010010001"][0] not in json.dumps(report.to_json(), ensure_ascii=False)

    clues = _clues(db)
    assert len(clues) == 2 and {found for _id, _h, found in clues} == {date(2025, 6, 9)}
    with db.read() as s:
        events = s.exec(select(MonitoringEvent).where(MonitoringEvent.step == "clue")).all()
        data = [e.data for e in events if e.case_id in {case_id for case_id, _h, _f in clues}]
    flood = next(d for d in data if d.get("department") == "县应急局")
    assert flood["disaster_sub"] == "1" and flood["dept_reason"] == "房屋受洪涝灾害"
    listed = {r.household_number: r for r in case_list(db, today=TODAY)}
    assert listed["5329990010010001"].source == "4" and listed["5329990010010001"].deadline == date(2025, 6, 24)

    again = import_alerts(db, path, found=date(2025, 6, 9), today=TODAY)  # a second import opens nothing new
    assert again.opened == () and len(again.already_monitored) == 4
    assert len(_clues(db)) == 2


def test_a_csv_list_with_other_headers_and_a_reason_without_a_known_risk(db, tmp_path) -> None:
    with db.transaction() as s:
        ids = _county(s)
    path = tmp_path / "push.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["公民身份号码", "部门", "原因"])
        writer.writerow([ids["5329990010010002"][1], "县民政局", "低保边缘，收入骤减"])
    report = import_alerts(db, path, found=TODAY, today=TODAY)
    assert [(c.household_number, c.risks, c.risk_labels) for c in report.opened] == [
        ("5329990010010002", ("99",), ("其他",))
    ]
    with db.read() as s:
        case = s.exec(select(MonitoringCase).where(MonitoringCase.source == "4")).one()
        assert case.risk_note == "低保边缘，收入骤减"


def test_a_broken_file_changes_nothing(db, tmp_path) -> None:
    with db.transaction() as s:
        ids = _county(s)
    no_ids = tmp_path / "no_ids.xlsx"
    wb = Workbook()
    wb.active.append(["姓名", "部门"])
    wb.active.append(["张三", "县医保局"])
    wb.save(no_ids)
    with pytest.raises(DomainError, match="没有找到证件号码列"):
        import_alerts(db, no_ids, found=TODAY, today=TODAY)
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(DomainError):
        import_alerts(db, garbage, found=TODAY, today=TODAY)
    good = tmp_path / "good.xlsx"
    _xlsx(good, _rows(ids))
    with pytest.raises(DomainError, match="发现日期不能晚于今天"):
        import_alerts(db, good, found=date(2025, 7, 1), today=TODAY)
    assert _clues(db) == []


def test_cli_alerts_import_prints_the_report_and_json(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    db = open_database(path, operator="王队长", device_id="t")
    with db.transaction() as s:
        ids = _county(s)
    db.close()
    good = tmp_path / "good.xlsx"
    _xlsx(good, _rows(ids))
    base = ["--db", str(path), "--operator", "王队长", "monitor", "alerts", "import"]
    assert main([*base, str(good), "--found", "2025-06-09", "--today", "2025-06-10"]) == 0
    out = capsys.readouterr().out
    assert "共 7 行，新登记监测线索 2 户" in out and "本库中没有的证件号码（1 行）" in out
    assert ids["5329990010010001"][0] not in out and UNKNOWN not in out
    assert main([*base, str(good), "--today", "2025-06-10", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["opened"] == [] and len(again["already_monitored"]) == 4
    assert main([*base, str(tmp_path / "missing.xlsx")]) == 2
    assert "文件不存在" in capsys.readouterr().err
