"""A merge of duplicate groups on one laptop reaches another laptop through the database merge; the county's
own alias file makes a roster's hamlet name land in its numbered group."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from desktop_app import catalog
from desktop_app.services import open_database
from desktop_app.services.areas import import_area_list, list_areas, merge_groups
from desktop_app.services.exchange import import_files
from desktop_app.services.merge import merge_database
from desktop_app.storage.models import Area, Household
from tests.areas.builders import area_list_rows, roster_rows, write_xlsx


def _roster_with_hamlet(tmp_path: Path) -> Path:
    rows, _expected = roster_rows(6)
    for row in rows[2:]:
        if row[1] == "东风村":
            row[2] = "上寨"
    return write_xlsx(rows, tmp_path / "roster.xlsx")


def test_another_laptops_merge_sees_the_merged_groups(tmp_path: Path) -> None:
    base = tmp_path / "county.sqlite"
    db = open_database(base, operator="县扶贫办", device_id="county-pc")
    try:
        assert import_area_list(db, write_xlsx(area_list_rows(), tmp_path / "codes.xlsx")).applied
        assert import_files(db, [_roster_with_hamlet(tmp_path)], create_areas=True).applied
    finally:
        db.close()
    laptop_b = tmp_path / "laptop-b.sqlite"
    shutil.copy(base, laptop_b)
    a = open_database(base, operator="甲", device_id="laptop-a")
    try:
        shang = next(r for r in list_areas(a) if r["name"] == "上寨")
        assert merge_groups(a, "532501100201001", [str(shang["code"])]).households == 2
    finally:
        a.close()
    b = open_database(laptop_b, operator="乙", device_id="laptop-b")
    try:
        merge_database(b, base)
        assert [r for r in list_areas(b) if r["name"] == "上寨"] == []
        with b.session() as s:
            keep = s.scalars(select(Area.id).where(Area.code == "532501100201001")).one()
            assert len(s.scalars(select(Household).where(Household.group_id == keep)).all()) == 2
            tomb = s.scalars(select(Area).where(Area.code == shang["code"])).one()
            assert tomb.deleted
    finally:
        b.close()


def test_the_countys_alias_file_is_used(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / catalog.LOCAL_GROUP_ALIASES).write_text(
        json.dumps({"aliases": {"上寨": "第1村民小组"}}, ensure_ascii=False), encoding="utf-8"
    )
    catalog.clear_cache()
    db = open_database(tmp_path / "fupin.sqlite", operator="测试员", device_id="test-device")
    try:
        assert import_area_list(db, write_xlsx(area_list_rows(), tmp_path / "codes.xlsx")).applied
        run = import_files(db, [_roster_with_hamlet(tmp_path)])  # nothing to create: no consent needed
        assert run.applied, [p.line() for p in run.problems]
        assert [r for r in list_areas(db) if r["name"] == "上寨"] == []
        with db.session() as s:
            first = s.scalars(select(Area.id).where(Area.code == "532501100201001")).one()
            assert len(s.scalars(select(Household).where(Household.group_id == first)).all()) == 2
    finally:
        db.close()
        catalog.clear_cache()
