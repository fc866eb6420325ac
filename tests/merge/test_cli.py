"""`fupin merge OTHER_DB` and `fupin conflicts [resolve]` on real database files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.storage.models import ChangeLog, Household
from tests.merge.helpers import clone, ids, make_base


def _two_laptops(tmp_path: Path) -> tuple[Path, Path, str]:
    base = make_base(tmp_path / "base.sqlite", households=2, seed=5)
    a = clone(base, tmp_path / "a.sqlite", "laptop-a")
    b = clone(base, tmp_path / "b.sqlite", "laptop-b")
    households, _members = ids(a)
    for db, address in ((a, "村东头 1 号"), (b, "村西头 9 号")):
        with db.transaction() as session:
            session.get(Household, households[0]).address = address
        db.close()
    return tmp_path / "a.sqlite", tmp_path / "b.sqlite", households[0]


def test_merge_another_laptop_then_resolve_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, household_id = _two_laptops(tmp_path)
    assert main(["--db", str(a), "merge", str(b), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert merged["conflicts"] == 1 and merged["source"] == "b.sqlite"

    assert main(["--db", str(a), "conflicts", "--json"]) == 0
    [conflict] = json.loads(capsys.readouterr().out)
    assert conflict["field"] == "address" and conflict["field_label"] == "住址"
    assert {conflict["mine"], conflict["theirs"]} == {"村东头 1 号", "村西头 9 号"}
    assert conflict["base"] not in {"村东头 1 号", "村西头 9 号"}

    assert main(["--db", str(a), "conflicts"]) == 0
    assert "住址" in capsys.readouterr().out

    assert main(["--db", str(a), "conflicts", "resolve", conflict["id"][:8], "--keep", "value"]) == 2
    assert "--value" in capsys.readouterr().err
    assert main(["--db", str(a), "conflicts", "resolve", "nosuchid", "--keep", "mine"]) == 2
    assert "没有编号为" in capsys.readouterr().err

    resolve = ["conflicts", "resolve", conflict["id"][:8], "--keep", "value", "--value", "村中 5 号"]
    assert main(["--db", str(a), "--operator", "", *resolve]) == 2  # nobody to sign the decision: refused
    assert "尚未登记操作人员" in capsys.readouterr().err
    code = main(["--db", str(a), "--operator", "县扶贫办", *resolve])
    assert code == 0
    assert "已处理冲突" in capsys.readouterr().out
    assert main(["--db", str(a), "conflicts", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []

    from desktop_app.services import open_database

    db = open_database(a)
    with db.session() as session:
        home = session.get(Household, household_id)
        assert home.address == "村中 5 号" and home.conflict is False
        logged = (
            session.query(ChangeLog).filter(ChangeLog.entity_id == household_id, ChangeLog.action == "resolve").one()
        )
        assert logged.new_value == "村中 5 号" and logged.operator.startswith("县扶贫办（处理冲突")
    db.close()
    # merging the same laptop again changes nothing and brings no conflict back
    assert main(["--db", str(a), "merge", str(b), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["conflicts"] == 0
    assert all(c["added"] == 0 and c["updated"] == 0 for c in again["tables"].values())


def test_merge_of_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "x.sqlite"), "merge", str(tmp_path / "none.sqlite")]) == 2
    assert "找不到数据库文件" in capsys.readouterr().err


def test_resident_ids_in_conflicts_are_masked_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from desktop_app.domain.idnumber import make_id
    from desktop_app.storage.models import Member

    base = make_base(tmp_path / "base.sqlite", households=1, seed=8)
    a = clone(base, tmp_path / "a.sqlite", "laptop-a")
    b = clone(base, tmp_path / "b.sqlite", "laptop-b")
    _households, members = ids(a)
    first, second = make_id("532999", date(1970, 3, 1), 11), make_id("532999", date(1971, 4, 2), 12)
    for db, value in ((a, first), (b, second)):
        with db.transaction() as session:
            session.get(Member, members[0]).id_number = value
        db.close()
    assert main(["--db", str(tmp_path / "a.sqlite"), "merge", str(tmp_path / "b.sqlite")]) == 0
    assert "1 项冲突" in capsys.readouterr().out
    for args in (["conflicts"], ["conflicts", "--json"]):
        assert main(["--db", str(tmp_path / "a.sqlite"), *args]) == 0
        out = capsys.readouterr().out
        assert "身份证号码" in out or "id_number" in out
        assert first not in out and second not in out and first[-4:] in out


def test_the_office_that_made_the_cards_merges_two_laptops_copied_from_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cards made on the office's own machine (`fupin demo` stamps them with its device, as the card editor
    does), copied to two laptops: one-sided edits of different fields of one household merge without a
    question, the same field edited on both is one conflict that names the original value and each laptop.
    (Until 1 Dec 2026 the second laptop's base was lost: every field the two laptops differed in was asked
    about, and the first laptop's phone number went back to the old one.)"""
    from desktop_app.services import open_database

    office = tmp_path / "office.sqlite"
    assert main(["--db", str(office), "demo", "--households", "4", "--villages", "1", "--seed", "3"]) == 0
    capsys.readouterr()
    edits = {"a": {"phone": "13900000001", "note": "A 补充"}, "b": {"address": "新址 8 号", "note": "B 补充"}}
    for name, changes in edits.items():
        laptop = clone(office, tmp_path / f"{name}.sqlite", f"laptop-{name}")
        households, _members = ids(laptop)
        with laptop.transaction() as session:
            home = session.get(Household, households[0])
            original = {field: getattr(home, field) for field in ("phone", "address", "note")}
            for field, value in changes.items():
                setattr(home, field, value)
        laptop.close()
    for name in "ab":
        assert main(["--db", str(office), "merge", str(tmp_path / f"{name}.sqlite"), "--json"]) == 0
        capsys.readouterr()
    assert main(["--db", str(office), "conflicts", "--json"]) == 0
    [conflict] = json.loads(capsys.readouterr().out)
    assert conflict["field"] == "note" and conflict["base"] == original["note"]
    assert {c["value"]: c["sources"] for c in conflict["candidates"]} == {"A 补充": "a.sqlite", "B 补充": "b.sqlite"}
    db = open_database(office)
    with db.session() as session:
        home = session.get(Household, households[0])
        assert (home.phone, home.address, home.conflict) == ("13900000001", "新址 8 号", True)
    db.close()
