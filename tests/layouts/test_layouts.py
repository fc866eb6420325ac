"""National layouts both ways: hold-out sheets (built here with openpyxl) import; our exports read back exactly
(headers on row 3, text IDs, no formulas) and import unchanged after a LibreOffice re-save."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app import catalog
from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.services.exchange import layouts as L
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import WorkMonth
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase
from tests.layouts import holdout as H


def _import(db: Database, path: Path, capsys: pytest.CaptureFixture[str] | None = None) -> tuple[int, Any]:
    if capsys is not None:
        capsys.readouterr()
    code = main(["--db", db.url, "import", "--json", str(path)])
    out = capsys.readouterr().out if capsys is not None else ""
    return code, json.loads(out) if out else None


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("holdout")
    bank_titles = ["示范县脱贫户和监测对象名单", "数据日期：20261130"]
    return {
        "bank": H.write_sheet(folder / "bank.xlsx", bank_titles, H.BANK_HEADERS, H.bank_rows()),
        "monitoring": H.write_sheet(
            folder / "monitoring.xlsx", ["防止返贫监测对象信息表", ""], H.MONITORING_HEADERS, H.monitoring_rows()
        ),
        "households": H.write_sheet(
            folder / "households.xlsx", ["农户信息表", "单位：户"], H.HOUSEHOLD_HEADERS, H.household_rows()
        ),
        "work": H.write_sheet(folder / "work.xlsx", ["务工监测月报表", "2026年9—10月"], H.WORK_HEADERS, H.work_rows()),
    }


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, Path]
) -> Iterator[tuple[Database, dict[str, Any]]]:
    """One database with the files' areas, every hold-out file imported into it (by the CLI, as a county would)."""
    folder = tmp_path_factory.mktemp("db")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUPIN_DATA_DIR", str(folder / "data"))
        db = H.database(folder / "county.sqlite")
        outcomes: dict[str, Any] = {}
        for name, path in files.items():
            code = main(["--db", db.url, "import", "--report", str(folder / f"{name}-report.xlsx"), str(path)])
            assert code == 0, name
            outcomes[name] = code
        yield db, outcomes
        db.close()


def _household(db: Database, number: str) -> tuple[Household, list[Member]]:
    with db.session() as session:
        home = session.execute(select(Household).where(Household.number == number)).scalar_one()
        people = list(
            session.execute(select(Member).where(Member.household_id == home.id).order_by(Member.sort_order)).scalars()
        )
        session.expunge_all()
    return home, people


def test_each_holdout_sheet_is_recognised_by_its_headers(files: dict[str, Path]) -> None:
    expected = {"bank": "bank-list", "monitoring": "monitoring", "households": "households", "work": "work-months"}
    for key, path in files.items():
        ws = openpyxl.load_workbook(path).active
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        found = L.recognise(rows)
        assert found is not None and found.layout.name == expected[key]
        assert found.header_row == 2 and not found.unknown and not found.missing


def test_the_bank_list_gives_its_households_members_and_categories(loaded: tuple[Database, Any]) -> None:
    db, _ = loaded
    home, people = _household(db, "5329990010010001")
    assert [p.name for p in people] == ["李大山", "王小花", "李小明"]
    assert [p.relation for p in people] == ["01", "02", "03"]
    assert people[1].ethnicity == "07" and people[1].health == "2" and people[2].school_status == "3"
    assert people[0].serious_illness_insurance is True and people[2].serious_illness_insurance is False
    assert people[0].months_away == 10
    assert home.main_cause == "01" and home.safe_water is True
    assert home.identification_year == 2014  # 首次识别时间 201405
    assert home.head_name == "李大山" and home.phone == "13800000001"
    second, people2 = _household(db, "5329990010010002")
    assert [p.name for p in people2] == ["张老三", "张丽"] and second.main_cause == "02"
    assert people2[0].labour == "4" and second.safe_water is False


def test_the_monitoring_sheet_reads_births_cases_and_measures(loaded: tuple[Database, Any]) -> None:
    db, _ = loaded
    home, people = _household(db, "5329990010020001")
    assert [p.name for p in people] == ["赵一", "钱二"]
    assert people[0].birth_date == date(1970, 1, 2) and people[1].sex == "2"
    assert people[0].work_status == "2" and people[0].subsistence_allowance is False
    assert home.income_wage_fen == 300000 and home.per_capita_income_fen == 150000  # computed: wages / 2 persons
    single, alone = _household(db, "5329990010020002")
    assert [p.name for p in alone] == ["孙三"] and single.income_wage_fen == 800000
    with db.session() as session:  # the household's monitoring case and its help, from the repeated columns
        case = session.execute(select(MonitoringCase).where(MonitoringCase.household_id == home.id)).scalar_one()
        assert (case.category, case.stage, case.included_on, case.risks) == ("2", "included", date(2022, 3, 1), ["01"])
        assert case.development_done is True
        help_ = session.execute(select(HelpMeasure).where(HelpMeasure.household_id == home.id)).scalar_one()
        assert (help_.case_id, help_.year, help_.category, help_.values) == (case.id, 2022, "100A40", ["9", "1"])
        removed = session.execute(select(MonitoringCase).where(MonitoringCase.household_id == single.id)).scalar_one()
        assert (removed.stage, removed.removed_on, removed.removal_method) == ("removed", date(2023, 12, 1), "1")


def test_the_household_sheet_gives_heads_and_multi_select_causes(loaded: tuple[Database, Any]) -> None:
    db, _ = loaded
    home, people = _household(db, "5329990010020011")
    assert [(p.name, p.relation) for p in people] == [("周四", "01")]
    assert home.attribute == "1" and home.status == "3" and home.exit_year == 2019 and home.identification_year == 2016
    assert home.other_causes == "01,03" and home.housing_grade == "B" and home.address == "新华村1号"
    assert home.income_business_fen == 100000 and home.production_costs_fen == 50000
    assert _household(db, "5329990010020012")[0].attribute == "2"
    assert _household(db, "5329990010020013")[0].attribute == "3"


def test_the_work_month_sheet_lists_each_person_once(loaded: tuple[Database, Any]) -> None:
    db, _ = loaded
    home, people = _household(db, "5329990010010021")
    assert [p.name for p in people] == ["冯七", "陈八"] and home.size == 2
    with db.session() as session:  # each row is a work month of its person
        months = session.execute(select(WorkMonth).where(WorkMonth.household_id == home.id)).scalars().all()
        names = {p.id: p.name for p in people}
        got = sorted((names[w.member_id], w.month, w.worked, w.started_on, w.wage_fen, w.place) for w in months)
        assert got == [
            ("冯七", 202609, True, date(2026, 9, 1), 450000, "昆明市官渡区"),
            ("冯七", 202610, True, date(2026, 10, 1), 450000, "昆明市官渡区"),
            ("陈八", 202609, True, date(2026, 9, 1), 450000, "昆明市官渡区"),
            ("陈八", 202610, True, date(2026, 10, 1), 450000, "昆明市官渡区"),
        ]
        assert {(w.channel, w.industry, w.employer, w.transport_subsidy_fen) for w in months} == {
            (
                catalog.parse_code("work_channel", "外出务工"),
                catalog.parse_code("work_industry", "建筑业"),
                "某建筑公司",
                20000,
            )
        }


def test_a_second_import_of_every_holdout_changes_nothing(
    loaded: tuple[Database, Any], files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = loaded
    for name, path in files.items():
        code, out = _import(db, path, capsys)
        assert code == 0, name
        assert out["households"]["added"] == out["households"]["updated"] == 0, name
        assert out["members"]["added"] == out["members"]["updated"] == 0, name
        assert out["layout"] and out["errors"] == []
        if name == "work":
            assert out["ledgers"]["work_month"] == {"added": 0, "updated": 0, "unchanged": 4}
            assert "监测月份" not in out["not_imported"]
        if name == "monitoring":  # the cases are stored now: the same file again changes none of them
            assert out["cases"] == {"added": 0, "updated": 0, "unchanged": 2}
            assert "风险是否已消除" not in out["not_imported"] and "合规自付支出" in out["not_imported"]


def test_an_unknown_column_and_value_are_reported_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = H.database(tmp_path / "empty.sqlite")
    rows = H.bank_rows()
    for row in rows:
        row.append("")
    rows[1][12] = "火星族"  # 民族
    rows[3][19] = "因穷"  # 致贫原因1
    rows[4][30] = "2023年13月"  # 风险识别时间: not stored, still checked
    path = H.write_sheet(tmp_path / "bad.xlsx", ["名单", ""], [*H.BANK_HEADERS, "备注信息"], rows)
    code, out = _import(db, path, capsys)
    assert code == 2
    found = {(e["row"], e["column"]) for e in out["errors"]}
    assert (3, "备注信息") in found  # the header row: a column the layout does not have
    assert (5, "民族") in found and (7, "致贫原因1") in found and (8, "风险识别时间") in found
    message = next(e["message"] for e in out["errors"] if e["column"] == "民族")
    assert "火星族" in message and "代码表" in message
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(Household)).scalar() == 0
    db.close()


def _add_monitoring(db: Database) -> None:
    """The monitoring case the sheet gave, changed as the app's services would change it."""
    with db.transaction() as session:  # the case the monitoring sheet gave, worked on in the app
        home = session.execute(select(Household).where(Household.number == "5329990010020001")).scalar_one()
        case = session.execute(select(MonitoringCase).where(MonitoringCase.household_id == home.id)).scalar_one()
        case.included_on, case.risks = date(2022, 3, 8), ["01", "07"]


def _soffice(files: list[Path], outdir: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui")
    profile = Path("/tmp") / f"fupin-lo-{uuid.uuid4().hex[:8]}"
    try:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
             "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [outdir / f.name for f in files]


def test_exports_read_back_exactly_and_reimport_unchanged_after_a_libreoffice_resave(
    loaded: tuple[Database, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = loaded
    _add_monitoring(db)
    exported = []
    for name in ("bank-list", "monitoring", "households", "work-months"):
        out = tmp_path / f"{name}.xlsx"
        assert main(["--db", db.url, "export", "--layout", name, "--out", str(out)]) == 0
        exported.append(out)
        item = L.layout(name)
        ws = openpyxl.load_workbook(out).active
        rows = list(ws.iter_rows())
        assert [c.value for c in rows[2]] == item.headers  # row 3, in the layout's order
        assert rows[0][0].value  # the title above
        id_col = item.headers.index("证件号码" if name != "households" else "户主证件号码")
        number_col = item.headers.index("户编号")
        body = rows[3:]
        assert body and all(r[id_col].data_type == "s" and r[number_col].data_type == "s" for r in body)
        assert not any(c.data_type == "f" for r in rows for c in r)
        if name == "bank-list":
            assert len(item.headers) == 32 and item.headers == H.BANK_HEADERS
        if name == "monitoring":
            by_header = {h: i for i, h in enumerate(item.headers)}
            zhao = next(r for r in body if r[by_header["姓名"]].value == "赵一")
            assert zhao[by_header["就业帮扶"]].value == "其他,技能培训"
            assert zhao[by_header["识别监测时间"]].value == "202203"
            assert zhao[by_header["出生日期"]].value == "19700102"
            assert zhao[by_header["监测对象类别"]].value == "边缘易致贫户"
            assert zhao[by_header["致贫/返贫风险2"]].value == "因务工就业不稳"
            assert [zhao[i].value for i, h in enumerate(item.headers) if h == "风险是否已消除"] == ["否", "否"]
        if name == "work-months":
            months = [r[item.headers.index("监测月份")].value for r in body]  # the work-month sheet's, imported
            assert sorted(months) == ["202609", "202609", "202610", "202610"]
    one = tmp_path / "新华村.xlsx"
    assert main(["--db", db.url, "export", "--layout", "monitoring", "--village", "新华村", "--out", str(one)]) == 0
    villages = {r[3] for r in openpyxl.load_workbook(one).active.iter_rows(min_row=4, values_only=True)}
    assert villages == {"新华村"}
    capsys.readouterr()
    for path in _soffice(exported, tmp_path / "lo"):
        code, out = _import(db, path, capsys)
        assert code == 0 and out["errors"] == [], path.name
        assert out["households"]["added"] == out["households"]["updated"] == 0, path.name
        assert out["members"]["added"] == out["members"]["updated"] == 0, path.name
        assert out["conflicts"] == 0, path.name


def test_layouts_list_names_the_shipped_and_the_county_layouts(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    county = json.loads((Path(L.__file__).parents[3] / "resources" / "layouts" / "households.json").read_text("utf-8"))
    county["name"], county["title"] = "county-households", "本县农户表"
    (data_dir / "layouts").mkdir()
    (data_dir / "layouts" / "county-households.json").write_text(json.dumps(county, ensure_ascii=False), "utf-8")
    L.clear_cache()
    try:
        assert main(["layouts", "list", "--json"]) == 0
        listed = {item["name"]: item for item in json.loads(capsys.readouterr().out)}
        assert {"bank-list", "monitoring", "households", "work-months", "county-households"} <= set(listed)
        assert listed["county-households"]["origin"] == "county" and listed["bank-list"]["columns"] == 32
        assert main(["layouts", "list"]) == 0
        assert "本县农户表" in capsys.readouterr().out
    finally:
        L.clear_cache()


def test_a_county_layout_file_declares_its_own_columns(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = Path(L.__file__).parents[3] / "resources" / "layouts" / "households.json"
    county = json.loads(shipped.read_text("utf-8"))
    county["name"], county["title"] = "county-households", "本县农户表"
    county["columns"].append({"header": "县级备注", "source": "", "format": "text"})
    (data_dir / "layouts").mkdir()
    (data_dir / "layouts" / "county-households.json").write_text(json.dumps(county, ensure_ascii=False), "utf-8")
    L.clear_cache()
    try:
        db = H.database(tmp_path / "county.sqlite")
        rows = [[*row, "县里自己的备注"] for row in H.household_rows()]
        path = H.write_sheet(tmp_path / "本县.xlsx", ["本县农户表", ""], [*H.HOUSEHOLD_HEADERS, "县级备注"], rows)
        code, out = _import(db, path, capsys)
        assert code == 0 and out["errors"] == [] and out["layout"] == "county-households"
        assert "县级备注" in out["not_imported"] and out["households"]["added"] == 3
        db.close()
    finally:
        L.clear_cache()
