"""A county's list of statistical area codes (.xlsx and .csv) imports whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.services.areas import area_tree, import_area_list, list_areas
from tests.areas.builders import COUNTY, TOWNSHIP, area_list_rows, write_csv, write_xlsx


def _tree(db: Database) -> list[tuple[str, str, str, str]]:
    return [(r["level"], r["code"], r["name"], r["parent"]) for r in list_areas(db)]  # type: ignore[misc]


EXPECTED = [
    ("county", COUNTY, "样例县", ""),
    ("township", TOWNSHIP, "城关镇", COUNTY),
    ("village", "532501100201", "东风村", TOWNSHIP),
    ("group", "532501100201001", "第1村民小组", "532501100201"),
    ("group", "532501100201002", "第2村民小组", "532501100201"),
    ("village", "532501100202", "红旗村", TOWNSHIP),
    ("group", "532501100202001", "第1村民小组", "532501100202"),
    ("group", "532501100202002", "第2村民小组", "532501100202"),
    ("village", "532501100203", "向阳村", TOWNSHIP),
    ("group", "532501100203001", "第1村民小组", "532501100203"),
    ("group", "532501100203002", "第2村民小组", "532501100203"),
]


@pytest.mark.parametrize("kind", ["xlsx", "csv-utf8", "csv-gbk"])
def test_a_county_list_gives_the_tree(sqlite_db: Database, tmp_path: Path, kind: str) -> None:
    rows = area_list_rows()
    rows = [rows[0], *reversed(rows[1:])]  # children before their parents: the order of the file does not matter
    if kind == "xlsx":
        path = write_xlsx(rows, tmp_path / "codes.xlsx", title_rows=2)
    else:
        path = write_csv(rows, tmp_path / "codes.csv", "gbk" if kind == "csv-gbk" else "utf-8-sig")
    result = import_area_list(sqlite_db, path)
    assert result.problems == []
    assert (result.added, result.renamed, result.unchanged) == (11, 0, 0)
    assert _tree(sqlite_db) == EXPECTED
    roots = area_tree(sqlite_db)
    assert [v.name for v in roots[0].children[0].children] == ["东风村", "红旗村", "向阳村"]
    again = import_area_list(sqlite_db, path)  # the same list twice changes nothing
    assert (again.added, again.unchanged) == (0, 11)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (["53250110020", "短码村", "行政村", TOWNSHIP], "第 6 行：行政村代码应为 12 位数字"),
        (["532501100299", "孤村", "行政村", "532501199000"], "第 6 行：上级代码 532501199000 在本表和系统中都不存在"),
        (["532501100201", "重复村", "行政村", TOWNSHIP], "第 6 行：代码 532501100201 与第 4 行重复"),
        (["532501100204", "错级村", "村委会", TOWNSHIP], "第 6 行：级别“村委会”不对"),
        (["532502100204", "外县村", "行政村", TOWNSHIP], "第 6 行：代码 532502100204 应以上级代码的前 9 位"),
    ],
)
def test_a_broken_list_changes_nothing_and_names_the_row(
    sqlite_db: Database, tmp_path: Path, bad_row: list[str], message: str
) -> None:
    rows = area_list_rows()
    rows.insert(5, bad_row)  # spreadsheet row 6
    result = import_area_list(sqlite_db, write_xlsx(rows, tmp_path / "bad.xlsx"))
    assert not result.applied
    assert any(p.startswith(message) for p in result.problems), result.problems
    assert list_areas(sqlite_db) == []


def test_the_cli_imports_and_lists(sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(area_list_rows(), tmp_path / "codes.csv")
    assert main(["--db", sqlite_db.url, "areas", "import", str(path)]) == 0
    assert "新增 11" in capsys.readouterr().out
    assert main(["--db", sqlite_db.url, "areas", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["level"], r["code"], r["name"], r["parent"]) for r in listed] == EXPECTED
    assert main(["--db", sqlite_db.url, "areas", "list"]) == 0
    text = capsys.readouterr().out
    assert "城关镇" in text and "532501100201001" in text
    bad = write_csv([*area_list_rows(), ["532501100209", "孤村", "行政村", "999"]], tmp_path / "bad.csv")
    assert main(["--db", sqlite_db.url, "areas", "import", str(bad)]) == 2
    assert "第 13 行" in capsys.readouterr().out


def test_a_list_resaved_by_libreoffice_imports_the_same(sqlite_db: Database, tmp_path: Path) -> None:
    from tests.exchange.conftest import soffice_convert

    saved = soffice_convert(write_xlsx(area_list_rows(), tmp_path / "codes.xlsx"), "xlsx", tmp_path / "lo")
    result = import_area_list(sqlite_db, saved)
    assert result.problems == [] and result.added == 11
    assert _tree(sqlite_db) == EXPECTED


def test_a_list_pasted_together_from_utf8_and_gbk_is_refused_naming_the_line(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_csv(area_list_rows()[:4], tmp_path / "a.csv")  # UTF-8 with its BOM
    rest = "\r\n".join(",".join(map(str, r)) for r in area_list_rows()[4:]).encode("gbk")
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(good.read_bytes() + rest)
    assert main(["--db", sqlite_db.url, "areas", "import", str(mixed)]) == 2
    out = capsys.readouterr()
    assert "编码混杂" in out.out + out.err and "第 5 行" in out.out + out.err
    assert list_areas(sqlite_db) == []
