"""Adding, renaming, moving and merging areas (use cases and ``fupin areas``); a merge moves the households."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services.areas import households_in, import_area_list, list_areas, merge_groups, rename_area
from desktop_app.services.exchange import import_files
from desktop_app.storage.models import Area, ChangeLog, Household
from tests.areas.builders import area_list_rows, roster_rows, write_xlsx


@pytest.fixture
def county(sqlite_db: Database, tmp_path: Path) -> Database:
    """The county's list, then a roster whose group "上寨" is the village's first group under another name."""
    assert import_area_list(sqlite_db, write_xlsx(area_list_rows(), tmp_path / "codes.xlsx")).applied
    rows, _expected = roster_rows(12)
    for row in rows[2:]:
        if row[1] == "东风村" and row[2] in ("1组", "一组", "第一组", "第1村民小组", "一社"):
            row[2] = "上寨"
    assert import_files(sqlite_db, [write_xlsx(rows, tmp_path / "roster.xlsx")], create_areas=True).applied
    return sqlite_db


def _code(db: Database, village: str, name: str) -> str:
    parents = {r["code"]: r["name"] for r in list_areas(db)}
    return next(str(r["code"]) for r in list_areas(db) if r["name"] == name and parents.get(r["parent"]) == village)


def test_merging_a_duplicate_group_moves_its_households(county: Database) -> None:
    keep, dup = _code(county, "东风村", "第1村民小组"), _code(county, "东风村", "上寨")
    with county.session() as s:
        dup_id = s.scalars(select(Area.id).where(Area.code == dup)).one()
    moving = households_in(county, dup_id)
    assert moving == 2
    result = merge_groups(county, keep, [dup])
    assert result.households == 2
    assert [r["name"] for r in list_areas(county) if r["code"] == dup] == []  # gone from the tree
    with county.session() as s:
        tomb = s.get(Area, dup_id)
        assert tomb is not None and tomb.deleted and tomb.version == 2  # a tombstone the merge carries
        keep_id = s.scalars(select(Area.id).where(Area.code == keep)).one()
        assert s.scalars(select(Household).where(Household.group_id == dup_id)).all() == []
        assert len(s.scalars(select(Household).where(Household.group_id == keep_id)).all()) == 2
        logged = s.scalars(select(ChangeLog.field).where(ChangeLog.entity_id == dup_id)).all()
    assert "deleted" in logged


def test_a_merge_across_villages_is_refused(county: Database) -> None:
    with pytest.raises(DomainError, match="不在同一行政村"):
        merge_groups(county, _code(county, "红旗村", "第1村民小组"), [_code(county, "东风村", "上寨")])


def test_a_rename_to_a_twin_is_refused(county: Database) -> None:
    with pytest.raises(DomainError, match="同一上级下已有村民小组“第1村民小组”.*合并"):
        rename_area(county, _code(county, "东风村", "上寨"), "一组")
    assert rename_area(county, _code(county, "东风村", "上寨"), "上寨组").name == "上寨组"


def test_the_cli_adds_renames_moves_and_merges(county: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = county.url
    assert main(["--db", url, "areas", "add", "行政村", "532501100204", "光明村", "--parent", "532501100000"]) == 0
    assert "已新增行政村 532501100204 光明村" in capsys.readouterr().out
    assert main(["--db", url, "areas", "add", "group", "532501100204001", "第1村民小组", "--parent", "光明村"]) == 0
    assert main(["--db", url, "areas", "add", "行政村", "53250110020", "短码村", "--parent", "532501100000"]) == 2
    assert "行政村代码应为 12 位数字" in capsys.readouterr().err
    assert main(["--db", url, "areas", "rename", "532501100204", "光明新村"]) == 0
    capsys.readouterr()
    shang = _code(county, "东风村", "上寨")
    assert main(["--db", url, "areas", "move", shang, "--to", "光明新村"]) == 0
    assert "2 户随之迁入" in capsys.readouterr().out
    moved = _code(county, "光明新村", "上寨")
    assert moved.startswith("532501100204")
    with county.session() as s:
        village = s.scalars(select(Area).where(Area.code == "532501100204")).one()
        group = s.scalars(select(Area).where(Area.code == moved)).one()
        homes = s.scalars(select(Household).where(Household.group_id == group.id)).all()
        assert len(homes) == 2 and all(h.village_id == village.id for h in homes)
    assert main(["--db", url, "areas", "merge", "532501100204001", moved]) == 0
    assert "2 户随之并入" in capsys.readouterr().out
    assert households_in(county, village.id) == 2
