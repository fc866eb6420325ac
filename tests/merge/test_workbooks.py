"""Two laptops' exchange workbooks imported into a third database: the edits meet in the merge engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.storage.models import Household
from tests.merge.helpers import clone, ids, make_base


def test_two_laptops_workbooks_merge_and_ask_about_the_same_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = make_base(tmp_path / "base.sqlite", households=3, seed=21)
    a, b, hub = (clone(base, tmp_path / f"{n}.sqlite", n) for n in ("a", "b", "hub"))
    households, _members = ids(a)
    with a.transaction() as session:
        session.get(Household, households[0]).address = "村东 1 号"
    with b.transaction() as session:
        home = session.get(Household, households[0])
        home.address, home.phone = "村西 2 号", "13700000000"
    for db in (a, b, hub):
        db.close()
    for name in ("a", "b"):
        assert main(["--db", str(tmp_path / f"{name}.sqlite"), "export", "--out", str(tmp_path / f"{name}.xlsx")]) == 0
    capsys.readouterr()
    hub_path = str(tmp_path / "hub.sqlite")
    assert main(["--db", hub_path, "import", str(tmp_path / "a.xlsx"), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["households"]["updated"] == 1 and first["conflicts"] == 0
    assert main(["--db", hub_path, "import", str(tmp_path / "b.xlsx"), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["conflicts"] == 1
    assert main(["--db", hub_path, "conflicts", "--json"]) == 0
    [conflict] = json.loads(capsys.readouterr().out)
    assert conflict["field"] == "address" and {conflict["mine"], conflict["theirs"]} == {"村东 1 号", "村西 2 号"}
    assert main(["--db", hub_path, "import", str(tmp_path / "a.xlsx"), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["conflicts"] == 0 and again["households"]["updated"] == 0 and again["members"]["updated"] == 0

    from desktop_app.services import open_database

    db = open_database(hub_path)
    with db.session() as session:
        home = session.get(Household, households[0])
        assert home.phone == "13700000000" and home.conflict is True  # the one-sided change is applied
    db.close()
