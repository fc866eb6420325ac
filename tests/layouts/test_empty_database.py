"""A county's national sheets into a database that holds nothing yet: the pre-flight names the areas it would
create and writes nothing; with ``--create-areas`` the villages and groups the file names are created (codes
generated and marked for the county to correct) and the households land in them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.services import open_database
from desktop_app.storage.models import Area, Household, Member
from tests.layouts import holdout as H

SHEETS = {  # file → (title rows, headers, rows, households, members, villages the file names)
    "bank": (["示范县脱贫户和监测对象名单", "数据日期：20261130"], H.BANK_HEADERS, H.bank_rows, 2, 5, {"和平村"}),
    "monitoring": (["防止返贫监测对象信息表", ""], H.MONITORING_HEADERS, H.monitoring_rows, 2, 3, {"新华村"}),
    "households": (["农户信息表", "单位：户"], H.HOUSEHOLD_HEADERS, H.household_rows, 3, 3, {"新华村"}),
    "work": (["务工监测月报表", "2026年9—10月"], H.WORK_HEADERS, H.work_rows, 1, 2, {"和平村"}),
}


def _counts(url: str) -> tuple[int, int, int]:
    db = open_database(url, operator="测试员", device_id="t")
    try:
        with db.session() as s:
            return tuple(  # type: ignore[return-value]  # three counts
                s.execute(select(func.count()).select_from(m)).scalar_one() for m in (Household, Member, Area)
            )
    finally:
        db.close()


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_a_national_sheet_creates_its_areas_only_when_asked(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    titles, headers, rows, households, members, villages = SHEETS[name]
    path = H.write_sheet(tmp_path / f"{name}.xlsx", titles, headers, rows())
    url = str(tmp_path / "empty.sqlite")
    open_database(url, operator="测试员", device_id="t").close()

    assert main(["--db", url, "import", str(path)]) != 0  # no consent: refused whole, the areas named
    said = capsys.readouterr()
    assert "将新建" in said.out + said.err and "--create-areas" in said.out + said.err
    assert _counts(url) == (0, 0, 0)

    assert main(["--db", url, "import", "--create-areas", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["layout"] and out["errors"] == [] and out["areas_created"]
    assert (out["households"]["added"], out["members"]["added"]) == (households, members)
    db = open_database(url, operator="测试员", device_id="t")
    try:
        with db.session() as s:
            areas = s.execute(select(Area)).scalars().all()
            by_level = {level: {a.name for a in areas if a.level == level} for level in ("township", "village")}
            assert by_level == {"township": {"茈碧湖镇"}, "village": villages}
            groups = [a for a in areas if a.level == "group"]
            assert groups and all(a.code_provisional and len(a.code) == 15 for a in groups)
            homes = s.execute(select(Household)).scalars().all()
            village_of = {a.id: a.name for a in areas}
            assert {village_of[h.village_id] for h in homes} == villages and all(h.group_id for h in homes)
    finally:
        db.close()
    assert main(["--db", url, "import", "--create-areas", "--json", str(path)]) == 0  # again: nothing changes
    again = json.loads(capsys.readouterr().out)
    assert again["households"]["added"] == again["households"]["updated"] == 0
    assert "areas_created" not in again
