"""Issue 17: a national monitoring sheet (title rows, headers on row 3, 风险是否已消除 twice, YYYYMM months,
comma-joined measures) written here with openpyxl imports into an empty database with --create-areas and
gives the households, members, areas and the monitoring cases (categories, risks, months, stage, help
measures, post-removal facts) expected; the same file again changes nothing; rows of one household that
disagree, and a category that is not in the code list, are reported and nothing is written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.services import Database, open_database
from desktop_app.storage.models import Area, ChangeLog, Household, Member
from desktop_app.storage.models_merge import MergeConflict
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase
from tests.layouts import holdout as H

TITLES = ["洱源县防止返贫监测对象信息表", "导出日期：20261130"]
ZHAO, SUN, LI = "5329990010030001", "5329990010030002", "5329990010030003"


def _row(number: str, seq: int, name: str, idn: str, rel: str, **cells: Any) -> list[Any]:
    values: dict[str, Any] = {h: "" for h in H.MONITORING_HEADERS}
    values.update({
        "序号": seq, "县(市、区、旗)": "洱源县", "乡(镇)": "茈碧湖镇", "行政村": "松鹤村", "自然村": "第1村民小组",
        "户编号": number, "人编号": f"{number}{seq:02d}", "姓名": name, "证件号码": idn, "性别": "男",
        "出生日期": idn[6:14], "与户主关系": rel, "民族": "白族", "健康状况": "健康", "劳动技能": "普通劳动力",
    })  # fmt: skip
    removed = cells.pop("removed", "")
    values.update(cells)
    return [removed if h == "风险是否已消除" else values[h] for h in H.MONITORING_HEADERS]


def _rows() -> list[list[Any]]:
    """赵 (two persons, included, two risks, two help categories), 孙 (removed, with the post-removal
    facts), 李 (an ordinary household: no monitoring values)."""
    zhao = {"人数": 2, "监测对象类别": "边缘易致贫户", "removed": "否", "识别监测时间": "202203",
            "实施开发式帮扶措施情况": "已实施", "就业帮扶": "其他,技能培训", "健康帮扶": "", "致贫/返贫风险1": "因病",
            "致贫/返贫风险2": "因务工就业不稳", "监测联系人": "杨干部", "监测联系人电话": "13900001111"}  # fmt: skip
    sun = {"人数": 1, "监测对象类别": "突发严重困难户", "removed": "是", "识别监测时间": "2021年6月",
           "消除监测时间": "202312", "风险消除方式": "帮扶消除", "产业帮扶": "", "致贫/返贫风险1": "因自然灾害",
           "是否有义务教育阶段辍学": "否", "消除后工资性收入（元）": "12000.50",
           "消除后人均纯收入（元）": "13000"}  # fmt: skip
    return [
        _row(ZHAO, 1, "赵一", H.pid(71, date(1970, 1, 2)), "户主", **zhao),
        _row(ZHAO, 2, "钱二", H.pid(72, date(1972, 5, 6)), "配偶", **zhao),
        _row(SUN, 3, "孙三", H.pid(73, date(1965, 11, 30)), "户主", **sun),
        _row(LI, 4, "李四", H.pid(74, date(1980, 8, 8)), "户主", **{"人数": 1, "removed": "否"}),
    ]


def _import(url: str, path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(["--db", url, "import", "--create-areas", "--json", *extra, str(path)])
    return code, json.loads(capsys.readouterr().out)


def _empty(tmp_path: Path) -> str:
    url = str(tmp_path / "empty.sqlite")
    open_database(url, operator="测试员", device_id="t").close()
    return url


def _count(url: str, *models: Any) -> tuple[int, ...]:
    db = open_database(url, operator="测试员", device_id="t")
    try:
        with db.session() as s:
            return tuple(s.execute(select(func.count()).select_from(m)).scalar_one() for m in models)
    finally:
        db.close()


def _cases(db: Database) -> dict[str, tuple[MonitoringCase, list[HelpMeasure]]]:
    with db.session() as s:
        numbers = {h.id: h.number for h in s.execute(select(Household)).scalars()}
        out: dict[str, tuple[MonitoringCase, list[HelpMeasure]]] = {}
        for case in s.execute(select(MonitoringCase)).scalars():
            helps = s.execute(select(HelpMeasure).where(HelpMeasure.case_id == case.id).order_by(HelpMeasure.category))
            out[numbers[case.household_id]] = (case, list(helps.scalars()))
        s.expunge_all()
    return out


def test_a_monitoring_sheet_gives_households_members_areas_and_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = H.write_sheet(tmp_path / "监测对象.xlsx", TITLES, H.MONITORING_HEADERS, _rows())
    url = _empty(tmp_path)
    code, out = _import(url, path, capsys)
    assert code == 0 and out["errors"] == [] and out["layout"] == "monitoring"
    assert (out["households"]["added"], out["members"]["added"]) == (3, 4)
    assert out["cases"] == {"added": 2, "updated": 0, "unchanged": 0}
    assert out["ledgers"]["help_measure"]["added"] == 1  # 赵's employment help (孙's cells are blank)
    stored = {"监测对象类别", "风险是否已消除", "识别监测时间", "消除监测时间", "就业帮扶", "致贫/返贫风险1",
              "监测联系人", "消除后工资性收入（元）"}  # fmt: skip
    assert not stored & set(out["not_imported"])
    assert {"户类型", "合规自付支出"} <= set(out["not_imported"])  # derived, and the income record: still not read
    db = open_database(url, operator="测试员", device_id="t")
    try:
        cases = _cases(db)
        assert set(cases) == {ZHAO, SUN}  # 李 has no monitoring values: no case
        zhao, helps = cases[ZHAO]
        assert (zhao.category, zhao.stage, zhao.round) == ("2", "included", 1)
        assert zhao.found_on == zhao.included_on == date(2022, 3, 1) and zhao.removed_on is None
        assert zhao.risks == ["01", "07"] and zhao.development_done is True
        assert (zhao.contact_name, zhao.contact_phone) == ("杨干部", "13900001111")
        assert [(m.category, m.year, m.values) for m in helps] == [("100A40", 2022, ["9", "1"])]
        sun, none = cases[SUN]
        assert (sun.category, sun.stage, sun.removal_method, sun.risks) == ("3", "removed", "1", ["04"])
        assert (sun.included_on, sun.removed_on, sun.closed_on) == (
            date(2021, 6, 1),
            date(2023, 12, 1),
            date(2023, 12, 1),
        )
        assert sun.removal_facts == {"dropout_child": False, "wage_fen": 1200050, "per_capita_fen": 1300000}
        assert none == []
        with db.session() as s:
            villages = {a.name for a in s.execute(select(Area).where(Area.level == "village")).scalars()}
            assert villages == {"松鹤村"}
    finally:
        db.close()
    capsys.readouterr()  # what a person sees: the categories and stages by their labels, never the codes
    assert main(["--db", url, "monitor", "list"]) == 0
    listed = capsys.readouterr().out
    assert "边缘易致贫户" in listed and "突发严重困难户" in listed and "已纳入监测" in listed
    capsys.readouterr()
    assert main(["--db", url, "import", "--create-areas", str(path)]) == 0  # the text outcome names the cases
    assert "监测记录：新增 0，更新 0，未变 2" in capsys.readouterr().out


def test_the_same_sheet_again_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = H.write_sheet(tmp_path / "监测对象.xlsx", TITLES, H.MONITORING_HEADERS, _rows())
    url = _empty(tmp_path)
    assert _import(url, path, capsys)[0] == 0
    before = _count(url, MonitoringCase, HelpMeasure, ChangeLog, Household, Member)
    code, again = _import(url, path, capsys)
    assert code == 0 and again["errors"] == [] and again["conflicts"] == 0
    assert again["cases"] == {"added": 0, "updated": 0, "unchanged": 2}
    assert again["ledgers"]["help_measure"] == {"added": 0, "updated": 0, "unchanged": 1}
    assert _count(url, MonitoringCase, HelpMeasure, ChangeLog, Household, Member) == before


def test_rows_of_one_household_that_disagree_are_rejected_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _rows()
    rows[1][H.MONITORING_HEADERS.index("监测对象类别")] = "脱贫不稳定户"  # 钱二's row says another category
    rows[2][H.MONITORING_HEADERS.index("监测对象类别")] = "特别困难户"  # not in the code list
    rows[3][H.MONITORING_HEADERS.index("风险是否已消除")] = "是"  # 李's row: the first of the two says 是
    path = H.write_sheet(tmp_path / "不一致.xlsx", TITLES, H.MONITORING_HEADERS, rows)
    url = _empty(tmp_path)
    code, out = _import(url, path, capsys)
    assert code == 2
    by_row = {e["row"]: e for e in out["errors"] if e["column"] == "监测对象类别"}
    assert set(by_row) == {5, 6}  # the data start on row 4, under the header on row 3
    assert "不一致" in by_row[5]["message"] and "第4行为“边缘易致贫户”" in by_row[5]["message"]
    assert by_row[5]["value"] == "脱贫不稳定户"
    assert "特别困难户" in by_row[6]["message"] and "代码表" in by_row[6]["message"]
    (twice,) = [e for e in out["errors"] if e["column"] == "风险是否已消除"]
    assert twice["row"] == 7 and "本行的两列“风险是否已消除”不一致" in twice["message"]
    assert _count(url, Household, Member, Area, MonitoringCase, HelpMeasure) == (0, 0, 0, 0, 0)


def test_a_category_without_its_month_for_a_new_case_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _rows()
    for row in rows[:2]:
        row[H.MONITORING_HEADERS.index("识别监测时间")] = ""
    path = H.write_sheet(tmp_path / "缺时间.xlsx", TITLES, H.MONITORING_HEADERS, rows)
    url = _empty(tmp_path)
    code, out = _import(url, path, capsys)
    assert code == 2
    (problem,) = [e for e in out["errors"] if e["column"] == "识别监测时间"]
    assert problem["row"] == 4 and "识别监测时间为空" in problem["message"]
    assert _count(url, Household, MonitoringCase) == (0, 0)


def test_a_case_already_here_is_filled_and_a_differing_value_is_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = H.write_sheet(tmp_path / "监测对象.xlsx", TITLES, H.MONITORING_HEADERS, _rows())
    url = _empty(tmp_path)
    rows = _rows()
    first = H.write_sheet(tmp_path / "无监测.xlsx", TITLES, H.MONITORING_HEADERS, [r[:20] + [""] * 53 for r in rows])
    assert _import(url, first, capsys)[0] == 0  # the households alone
    db = open_database(url, operator="测试员", device_id="t")
    try:
        with db.transaction() as s:  # the case the village typed: a day in March, another category, no contact
            home = s.execute(select(Household).where(Household.number == ZHAO)).scalar_one()
            s.add(MonitoringCase(household_id=home.id, stage="included", category="1", found_on=date(2022, 2, 20),
                                 included_on=date(2022, 3, 8), risks=["01", "07"]))  # fmt: skip
    finally:
        db.close()
    code, out = _import(url, path, capsys)
    assert code == 0 and out["errors"] == []
    assert out["cases"]["added"] == 1 and out["cases"]["updated"] == 1  # 孙 new, 赵 filled
    assert out["conflicts"] == 1
    db = open_database(url, operator="测试员", device_id="t")
    try:
        zhao, helps = _cases(db)[ZHAO]
        assert zhao.included_on == date(2022, 3, 8)  # 202203 is the month of the stored day: the same value
        assert (zhao.contact_name, zhao.development_done) == ("杨干部", True)  # empty fields filled
        assert [(m.category, m.values, m.case_id) for m in helps] == [("100A40", ["9", "1"], zhao.id)]
        with db.session() as s:
            (conflict,) = s.execute(select(MergeConflict)).scalars()
            assert (conflict.table_name, conflict.field) == ("monitoring_case", "category")
            assert {conflict.local_value, conflict.incoming_value} == {"1", "2"}  # for a person to decide
            assert zhao.category == conflict.local_value  # the merge's tie-break, as for every roster conflict
    finally:
        db.close()
    code, again = _import(url, path, capsys)  # the same file again: the conflict is not opened twice
    assert code == 0 and again["cases"]["added"] == again["cases"]["updated"] == 0


def test_a_work_month_sheet_gives_months_and_a_person_month_twice_with_other_values_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _empty(tmp_path)
    path = H.write_sheet(tmp_path / "务工.xlsx", ["务工监测月报表", ""], H.WORK_HEADERS, H.work_rows())
    code, out = _import(url, path, capsys)
    assert code == 0 and out["ledgers"]["work_month"]["added"] == 4
    assert not {"监测月份", "是否务工", "月务工收入（元）"} & set(out["not_imported"])
    rows = H.work_rows()
    twice = list(rows[0])
    twice[H.WORK_HEADERS.index("月务工收入（元）")] = "5000"  # 冯七's September again, another wage
    rows.append(twice)
    other = H.write_sheet(tmp_path / "重复.xlsx", ["务工监测月报表", ""], H.WORK_HEADERS, rows)
    (tmp_path / "second").mkdir()
    url2 = _empty(tmp_path / "second")
    code, out = _import(url2, other, capsys)
    assert code == 2
    (problem,) = [e for e in out["errors"] if "同一人同一月份" in e["message"]]
    assert problem["row"] == 8 and problem["column"] == "监测月份" and "第4行" in problem["message"]
    assert _count(url2, Household, Member) == (0, 0)


def test_the_import_dialog_names_the_cases_it_added(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.exchange_dialogs import ImportDialog
    from desktop_app.ui.i18n import install_translators

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    db = H.database(tmp_path / "county.sqlite")  # the areas the hold-out monitoring sheet names
    try:
        path = H.write_sheet(tmp_path / "监测.xlsx", TITLES, H.MONITORING_HEADERS, H.monitoring_rows())
        dialog = ImportDialog(db)
        qtbot.addWidget(dialog)
        assert dialog.check_file(path).wait(30000)
        job = dialog.start_import()
        assert job is not None and job.wait(30000)
        assert dialog.outcome is not None and dialog.outcome.cases["added"] == 2
        assert "监测记录：新增 2，更新 0。" in dialog.summary.text()
    finally:
        install_translators(app, "en")
        db.close()


def test_partial_leaves_out_the_household_whose_rows_disagree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _rows()
    rows[1][H.MONITORING_HEADERS.index("就业帮扶")] = "其他"  # 钱二's row lists less help than 赵一's
    path = H.write_sheet(tmp_path / "部分.xlsx", TITLES, H.MONITORING_HEADERS, rows)
    url = _empty(tmp_path)
    code, out = _import(url, path, capsys, "--partial")
    assert code == 0 and [(e["row"], e["column"]) for e in out["errors"]] == [(5, "就业帮扶")]
    assert out["households"]["added"] == 2 and out["cases"]["added"] == 1
    db = open_database(url, operator="测试员", device_id="t")
    try:
        assert set(_cases(db)) == {SUN}  # 赵 left out whole: no household, no case, no measure
        with db.session() as s:
            assert s.execute(select(Household).where(Household.number == ZHAO)).first() is None
            assert s.execute(select(func.count()).select_from(HelpMeasure)).scalar_one() == 0
    finally:
        db.close()


def test_a_work_month_typed_here_is_filled_not_doubled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.domain.assistance import work_month_id
    from desktop_app.storage.models_assist import WorkMonth

    url = _empty(tmp_path)
    work_at = H.WORK_HEADERS.index("监测月份")
    bare = [r[:work_at] + [""] * (len(H.WORK_HEADERS) - work_at) for r in H.work_rows()]
    households = H.write_sheet(tmp_path / "人员.xlsx", ["务工监测月报表", ""], H.WORK_HEADERS, bare)
    assert _import(url, households, capsys)[0] == 0  # the household and its two workers, no month
    db = open_database(url, operator="测试员", device_id="t")
    try:
        with db.transaction() as s:  # 冯七's September, typed in the app without the place
            feng = s.execute(select(Member).where(Member.name == "冯七")).scalar_one()
            s.add(WorkMonth(id=work_month_id(feng.id, 202609), household_id=feng.household_id, member_id=feng.id,
                            month=202609, worked=True, wage_fen=450000))  # fmt: skip
    finally:
        db.close()
    path = H.write_sheet(tmp_path / "务工.xlsx", ["务工监测月报表", ""], H.WORK_HEADERS, H.work_rows())
    code, out = _import(url, path, capsys)
    # the empty fields fill; the subsidy the app stored as 0 (a NOT NULL amount) differs from the file's 200
    # yuan: a conflict for a person to decide, as every differing value of a roster
    assert code == 0 and out["conflicts"] == 1
    assert out["ledgers"]["work_month"] == {"added": 3, "updated": 1, "unchanged": 0}
    db = open_database(url, operator="测试员", device_id="t")
    try:
        with db.session() as s:
            months = s.execute(select(WorkMonth).where(WorkMonth.month == 202609)).scalars().all()
            assert len(months) == 2 and {m.place for m in months} == {"昆明市官渡区"}  # filled, not doubled
            (conflict,) = s.execute(select(MergeConflict)).scalars()
            assert (conflict.table_name, conflict.field) == ("work_month", "transport_subsidy_fen")
    finally:
        db.close()


def test_a_case_typed_without_risks_is_filled_by_the_sheets_risks_not_disputed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app import catalog

    path = H.write_sheet(tmp_path / "监测对象.xlsx", TITLES, H.MONITORING_HEADERS, _rows())
    url = _empty(tmp_path)
    first = H.write_sheet(tmp_path / "无监测.xlsx", TITLES, H.MONITORING_HEADERS, [r[:20] + [""] * 53 for r in _rows()])
    assert _import(url, first, capsys)[0] == 0
    db = open_database(url, operator="测试员", device_id="t")
    try:
        with db.transaction() as s:  # the village typed the case, its risks and removal facts not yet (empty)
            home = s.execute(select(Household).where(Household.number == ZHAO)).scalar_one()
            s.add(MonitoringCase(household_id=home.id, stage="included",
                                 category=catalog.parse_code("monitor_category", "边缘易致贫户"),
                                 found_on=date(2022, 3, 8), included_on=date(2022, 3, 8)))  # fmt: skip
    finally:
        db.close()
    code, out = _import(url, path, capsys)
    assert code == 0 and out["errors"] == [] and out["conflicts"] == 0
    db = open_database(url, operator="测试员", device_id="t")
    try:
        zhao, _helps = _cases(db)[ZHAO]
        assert zhao.risks == [catalog.parse_code("monitor_risk", t) for t in ("因病", "因务工就业不稳")]
    finally:
        db.close()
