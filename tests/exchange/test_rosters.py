"""County rosters: every header variant, .xlsx, .xls and CSV in UTF-8, UTF-8 with BOM and GBK."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.services.exchange.importer import read_file
from tests.exchange.conftest import soffice_convert
from tests.exchange.roster_data import VARIANTS, roster_people, table, write_csv, write_xlsx


def _plan(db: Database, path: Path):  # type: ignore[no-untyped-def]
    with db.session() as session:
        return read_file(session, path)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_header_variants_and_encodings_read_the_same_households(
    demo_db: Database, tmp_path: Path, variant: str
) -> None:
    people = roster_people(demo_db)
    # IDs as counties type them: spaces, a lowercase x, full-width digits.
    people[0]["id"] = " ".join([people[0]["id"][:6], people[0]["id"][6:14], people[0]["id"][14:]])
    people[1]["id"] = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in people[1]["id"])
    people[-1]["id"] = people[-1]["id"].lower()
    grid = table(people, variant)
    files = [
        write_xlsx(grid, tmp_path / f"{variant}.xlsx"),
        write_csv(grid, tmp_path / f"{variant}-utf8.csv", "utf-8"),
        write_csv(grid, tmp_path / f"{variant}-bom.csv", "utf-8-sig"),
        write_csv(grid, tmp_path / f"{variant}-gbk.csv", "gbk"),
    ]
    if variant == "standard":
        files.append(soffice_convert(files[0], "xls", tmp_path / "xls"))
    numbers = {p["number"] for p in people}
    for path in files:
        plan = _plan(demo_db, path)
        assert plan.format == "roster"
        assert [p.line() for p in plan.report.problems] == [], path.name
        assert plan.roster is not None
        assert {h.number for h in plan.roster.households.values()} == numbers, path.name
        assert sum(len(h.people) for h in plan.roster.households.values()) == len(people)
        first = plan.roster.households[next(iter(plan.roster.households))]
        assert first.people[0]["id_number"] == "".join(roster_people(demo_db)[0]["id"].split())


def _errors(demo_db: Database, path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code = main(["--db", demo_db.url, "import", "--json", str(path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 2
    return out["errors"]


def test_every_roster_error_is_reported_with_its_cell(demo_db: Database, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    people = roster_people(demo_db, households=4)
    people[0]["id"] = people[0]["id"][:17] + ("0" if people[0]["id"][17] != "0" else "1")  # bad check digit
    people[1]["id"] = float(people[1]["id"][:17] + "0")  # rounded by Excel: a number
    people[2]["ethnicity"] = "火星族"  # unknown code
    people[3]["name"] = ""  # missing required field
    last = people[-1]
    last["size"] = last["size"] + 1  # household size does not match its rows
    twin = dict(people[-2])
    twin["number"] = people[0]["number"]  # one person in two households
    twin["relation"] = "其他"
    people.insert(1, twin)
    for person in people:
        if person["number"] == last["number"]:
            person["village"] = "不存在村"  # unknown village
    grid = table(people, "standard")
    path = write_xlsx(grid, tmp_path / "bad.xlsx")
    errors = _errors(demo_db, path, capsys)
    messages = " | ".join(str(e["message"]) for e in errors)
    assert "校验码错误" in messages
    assert "转成数字" in messages
    assert "不在代码表中" in messages and any(e["value"] == "火星族" and e["column"] == "民族" for e in errors)
    assert "必填项“姓名”为空" in messages
    assert "家庭人口数" in messages
    assert "同一人出现在两户" in messages
    assert "将新建 1 个行政村" in messages and "不存在村" in messages  # one message, created only with consent
    for e in errors:
        assert set(e) == {"sheet", "row", "column", "value", "message"}
        assert e["sheet"] == "人员明细"
    # Full resident IDs are never printed.
    assert not any(len(str(e["value"])) == 18 and str(e["value"]).isdigit() for e in errors)


def test_merged_hidden_and_formula_cells_in_a_roster(demo_db: Database, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    import openpyxl

    grid = table(roster_people(demo_db), "standard")
    path = write_xlsx(grid, tmp_path / "odd.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.merge_cells("A2:A4")
    ws.row_dimensions[5].hidden = True
    ws["W3"] = "=2+1"
    book.save(path)
    messages = [str(e["message"]) for e in _errors(demo_db, path, capsys)]
    assert any("合并单元格" in m for m in messages)
    assert any("被隐藏但含有数据" in m for m in messages)
    assert any("公式" in m for m in messages)


def test_not_a_roster(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv([["日期", "金额"], ["2019-01-01", "5"]], tmp_path / "ledger.csv", "utf-8")
    errors = _errors(demo_db, path, capsys)
    assert "没有找到花名册的表头" in str(errors[0]["message"])


def test_roster_applied_matched_by_id_new_household_added_twice_changes_nothing(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from sqlalchemy import select

    from desktop_app.domain.idnumber import make_id
    from desktop_app.storage.models import Household, Member

    people = roster_people(demo_db, households=3)
    people[0]["education"] = "大专及以上"  # the county's value differs from ours: a conflict to decide
    newcomer = dict(people[-1])
    head_id = make_id("532999", dt.date(1970, 5, 1), 901)
    child_id = make_id("532999", dt.date(2001, 7, 9), 902)
    newcomer.update(number="5329990010019999", head="新户主", name="新户主", id=head_id, relation="户主", size=2)
    child = dict(newcomer, name="新孩子", id=child_id, relation="之女", sex="女")
    people += [newcomer, child]
    path = write_xlsx(table(people, "standard"), tmp_path / "county.xlsx")
    code = main(["--db", demo_db.url, "import", "--json", str(path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out["errors"]
    assert out["households"] == {"added": 1, "updated": 0, "unchanged": 3}
    assert out["members"]["added"] == 2 and out["conflicts"] == 1
    with demo_db.session() as session:
        household = session.execute(select(Household).where(Household.number == "5329990010019999")).scalar_one()
        names = set(session.execute(select(Member.name).where(Member.household_id == household.id)).scalars())
        assert names == {"新户主", "新孩子"} and household.size == 2 and household.head_name == "新户主"
    code = main(["--db", demo_db.url, "import", "--json", str(path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["households"]["added"] == 0 and out["members"]["added"] == 0
    assert out["households"]["updated"] == 0 and out["members"]["updated"] == 0
