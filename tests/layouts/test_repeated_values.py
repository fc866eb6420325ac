"""A county sheet repeats the same few values (民族, 与户主关系, 是/否) on every row: each is read once and
remembered, and a wrong value is still reported on every row that has it, while the rows around keep theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app import catalog
from desktop_app.cli import main
from desktop_app.storage.models import Household, Member
from tests.layouts import holdout as H


def _import(url: str, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    capsys.readouterr()
    code = main(["--db", url, "import", "--json", str(path)])
    return code, json.loads(capsys.readouterr().out)


def test_the_same_wrong_value_is_reported_on_each_row_that_has_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = H.database(tmp_path / "county.sqlite")
    rows = H.bank_rows()
    column = H.BANK_HEADERS.index("民族")
    for r in (0, 2, 4):  # three persons of different households, the same unknown label
        rows[r][column] = "火星族"
    path = H.write_sheet(tmp_path / "bad.xlsx", ["名单", ""], H.BANK_HEADERS, rows)
    code, out = _import(db.url, path, capsys)
    assert code == 2
    errors = out["errors"]
    assert isinstance(errors, list)
    flagged = sorted(e["row"] for e in errors if e["column"] == "民族")
    assert flagged == [4, 6, 8]  # header on row 3: data rows 4…
    assert all("火星族" in e["message"] for e in errors if e["column"] == "民族")
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(Household)).scalar() == 0
    db.close()


def test_repeated_values_give_every_person_their_own_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = H.database(tmp_path / "county.sqlite")
    rows = H.bank_rows()
    path = H.write_sheet(tmp_path / "bank.xlsx", ["名单", ""], H.BANK_HEADERS, rows)
    code, _out = _import(db.url, path, capsys)
    assert code == 0
    relation = H.BANK_HEADERS.index("与户主关系")
    ethnicity = H.BANK_HEADERS.index("民族")
    id_col = H.BANK_HEADERS.index("证件号码")
    expected = {row[id_col]: (row[relation], row[ethnicity]) for row in rows}
    with db.session() as session:
        members = session.execute(select(Member.id_number, Member.relation, Member.ethnicity)).all()
    assert len(members) == len(rows)
    for id_number, rel, eth in members:
        want_rel, want_eth = expected[id_number]
        assert catalog.parse_code("relation", want_rel) == rel
        assert catalog.parse_code("ethnicity", want_eth) == eth
    db.close()
