"""A national sheet names its people and households the way the county's system does: a person whose ID is
blank is matched by 人编号 (the household's number and the person's place in it), and a household whose 户编号
this database does not know is matched by its head's ID (the county renumbered it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop_app import catalog
from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.storage.models import Household, Member
from tests.layouts import holdout as H

TITLES = ["防止返贫监测对象信息表", ""]
COL = {h: i for i, h in reversed(list(enumerate(H.MONITORING_HEADERS)))}  # first position of each header


def _import(db: Database, path: Path, capsys: pytest.CaptureFixture[str], *, text: bool = False) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(["--db", db.url, "import", *([] if text else ["--json"]), str(path)])
    out = capsys.readouterr().out
    return code, out if text else json.loads(out)


def _loaded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Database:
    db = H.database(tmp_path / "county.sqlite")
    first = H.write_sheet(tmp_path / "first.xlsx", TITLES, H.MONITORING_HEADERS, H.monitoring_rows())
    code, out = _import(db, first, capsys)
    assert code == 0, out["errors"]
    return db


def _members(db: Database) -> dict[str, tuple[str | None, str | None]]:
    with db.session() as session:
        rows = session.execute(select(Member.name, Member.id_number, Member.education)).all()
    return {name: (idn, edu) for name, idn, edu in rows}


def test_a_person_without_an_id_is_matched_by_the_person_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _loaded(tmp_path, capsys)
    before = _members(db)
    rows = H.monitoring_rows()
    wife = next(r for r in rows if r[COL["姓名"]] == "钱二")
    assert wife[COL["人编号"]] == "532999001002000102"  # the second person of 5329990010020001
    wife[COL["证件号码"]] = ""
    wife[COL["文化程度"]] = "高中"
    path = H.write_sheet(tmp_path / "second.xlsx", TITLES, H.MONITORING_HEADERS, rows)
    code, out = _import(db, path, capsys)
    assert code == 0, out["errors"]
    after = _members(db)
    assert len(after) == len(before) == 3  # nobody added
    assert after["钱二"][0] == before["钱二"][0]  # her ID here is kept
    assert after["钱二"][1] == catalog.parse_code("education", "高中")  # the county's change applied to her
    db.close()


def test_a_blank_id_whose_person_number_names_nobody_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _loaded(tmp_path, capsys)
    rows = H.monitoring_rows()
    extra = list(rows[1])
    extra[COL["姓名"]], extra[COL["证件号码"]], extra[COL["人编号"]] = "李四", "", "532999001002000109"
    extra[COL["人数"]] = 3
    for row in rows[:2]:
        row[COL["人数"]] = 3
    path = H.write_sheet(tmp_path / "new.xlsx", TITLES, H.MONITORING_HEADERS, [*rows[:2], extra, rows[2]])
    code, out = _import(db, path, capsys)
    assert code == 2
    message = next(e["message"] for e in out["errors"] if e["row"] == 6)  # header on row 3, 李四 on row 6
    assert "532999001002000109" in message and "须填写证件号码" in message
    assert len(_members(db)) == 3
    db.close()


def test_an_unknown_household_number_is_matched_by_its_heads_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _loaded(tmp_path, capsys)
    rows = H.monitoring_rows()
    for row in rows:
        if row[COL["户编号"]] == "5329990010020001":  # renumbered by the county's system
            row[COL["户编号"]] = "5329990010029001"
            row[COL["人编号"]] = "5329990010029001" + row[COL["人编号"]][-2:]
    path = H.write_sheet(tmp_path / "renumbered.xlsx", TITLES, H.MONITORING_HEADERS, rows)
    code, out = _import(db, path, capsys)
    assert code == 0, out["errors"]
    assert out["relinked"] == {"5329990010029001": "5329990010020001"}
    assert out["households"]["added"] == 0 and out["members"]["added"] == 0
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(Household)).scalar() == 2
        assert session.execute(select(Household).where(Household.number == "5329990010029001")).first() is None
    code, text = _import(db, path, capsys, text=True)
    assert code == 0
    assert "按户主证件号码对应到本系统已有的户" in text and "5329990010029001→5329990010020001" in text
    db.close()


def test_the_import_dialog_counts_the_households_matched_by_their_heads_id(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.exchange_dialogs import ImportDialog
    from desktop_app.ui.i18n import install_translators

    db = _loaded(tmp_path, capsys)
    rows = H.monitoring_rows()
    for row in rows:
        if row[COL["户编号"]] == "5329990010020002":
            row[COL["户编号"]] = "5329990010029002"
    path = H.write_sheet(tmp_path / "renumbered.xlsx", TITLES, H.MONITORING_HEADERS, rows)
    app = QApplication.instance()
    install_translators(app, "zh_CN")
    try:
        dialog = ImportDialog(db)
        qtbot.addWidget(dialog)
        assert dialog.check_file(path).wait(30000)
        job = dialog.start_import()
        assert job is not None and job.wait(30000)
        assert "有 1 户按户主证件号码对应到本系统已有的户" in dialog.summary.text()
    finally:
        install_translators(app, "en")
        db.close()


def test_a_person_number_naming_someone_already_on_another_row_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _loaded(tmp_path, capsys)
    rows = H.monitoring_rows()
    again = list(rows[0])  # 赵一 again, ID blank, his own 人编号: the same person twice
    again[COL["证件号码"]] = ""
    again[COL["姓名"]] = "赵一"
    for row in (*rows[:2], again):
        row[COL["人数"]] = 3
    path = H.write_sheet(tmp_path / "twice.xlsx", TITLES, H.MONITORING_HEADERS, [*rows[:2], again, rows[2]])
    code, out = _import(db, path, capsys)
    assert code == 2
    message = next(e["message"] for e in out["errors"] if e["row"] == 6)
    assert "已有一行" in message
    assert len(_members(db)) == 3
    db.close()
