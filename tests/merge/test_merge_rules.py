"""The merge rules one by one, on real SQLite files cloned from one base database (and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services.merge import apply_incoming, export_records
from desktop_app.services.merge.conflicts import list_conflicts, resolve_conflict
from desktop_app.storage.models import ChangeLog, Household, Member
from tests.merge.helpers import change_log_count, clone, content, export, ids, make_base


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return make_base(tmp_path / "base.sqlite", households=2, seed=3)


def _edit(db: Database, model: type, record_id: str, **values: object) -> None:
    with db.transaction() as session:
        row = session.get(model, record_id)
        for name, value in values.items():
            setattr(row, name, value)


def _merge(db: Database, records: list, label: str):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return apply_incoming(session, records, source_label=label)


def test_one_sided_changes_apply_and_the_same_change_twice_is_no_conflict(tmp_path: Path, base: Path) -> None:
    a, b, hub = (clone(base, tmp_path / f"{n}.sqlite", n) for n in ("a", "b", "hub"))
    households, members = ids(a)
    _edit(a, Household, households[0], phone="13800000001", note="A 的备注")
    _edit(b, Household, households[0], phone="13800000001", address="新村 3 号")
    _edit(b, Member, members[1], name="王小二")
    first = _merge(hub, export(a), "笔记本A")
    second = _merge(hub, export(b), "笔记本B")
    assert first.table("household").updated == 1 and not first.conflicts
    assert second.table("household").updated == 1 and second.table("member").updated == 1
    assert not second.conflicts  # both set the same phone number: agreement, not a conflict
    with hub.session() as session:
        home = session.get(Household, households[0])
        assert (home.phone, home.note, home.address, home.conflict) == ("13800000001", "A 的备注", "新村 3 号", False)
        assert session.get(Member, members[1]).name == "王小二"
        logged = session.execute(
            select(ChangeLog).where(ChangeLog.entity_id == households[0], ChangeLog.field == "address")
        ).scalar_one()
        assert logged.new_value == "新村 3 号" and "合并：笔记本B" in logged.operator  # the source is on record


def test_importing_the_same_export_twice_changes_nothing(tmp_path: Path, base: Path) -> None:
    a, hub = clone(base, tmp_path / "a.sqlite", "a"), clone(base, tmp_path / "hub.sqlite", "hub")
    households, members = ids(a)
    _edit(a, Household, households[1], address="河边 8 号")
    _edit(a, Member, members[0], phone="13900000000")
    records = export(a)
    assert _merge(hub, records, "a.xlsx").changed
    state, log_rows = content(hub), change_log_count(hub)
    again = _merge(hub, records, "a.xlsx")
    assert not again.changed and not again.conflicts
    assert sum(c.unchanged for c in again.counts.values()) == len(records)
    assert content(hub) == state and change_log_count(hub) == log_rows


def test_deletion_against_an_edit_is_a_conflict_and_the_person_decides(tmp_path: Path, base: Path) -> None:
    a, b = clone(base, tmp_path / "a.sqlite", "a"), clone(base, tmp_path / "b.sqlite", "b")
    households, members = ids(a)
    _edit(a, Member, members[2], deleted=True)
    _edit(b, Member, members[2], name="改名后")
    for first, second in ((a, b), (b, a)):
        hub = clone(base, tmp_path / f"hub-{first.device_id}.sqlite", "hub")
        _merge(hub, export(first), first.device_id)
        result = _merge(hub, export(second), second.device_id)
        assert [(c.record_id, c.field) for c in result.conflicts] == [(members[2], "deleted")]
        with hub.session() as session:
            person = session.get(Member, members[2])
            assert person.deleted is False and person.name == "改名后"  # kept alive until a person decides
            assert session.get(Household, households[0]).conflict is True
            [view] = list_conflicts(session)
            assert view.field_label == "删除/保留" and {view.local_shown, view.incoming_shown} == {"保留", "已删除"}
        with hub.transaction() as session:
            resolve_conflict(session, view.id, keep="value", value="1")
        with hub.session() as session:
            assert session.get(Member, members[2]).deleted is True
            assert session.get(Household, households[0]).conflict is False
            actions = set(session.execute(select(ChangeLog.action).where(ChangeLog.entity_id == members[2])).scalars())
            assert {"delete", "resolve"} <= actions
        hub.close()


def test_resolving_keep_mine_theirs_or_a_value_writes_the_change_log(tmp_path: Path, base: Path) -> None:
    a, b, hub = (clone(base, tmp_path / f"{n}.sqlite", n) for n in ("a", "b", "hub"))
    households, _members = ids(a)
    _edit(a, Household, households[0], address="甲地", note="甲备注", main_cause="01")
    _edit(b, Household, households[0], address="乙地", note="乙备注", main_cause="02")
    _merge(hub, export(a), "A")
    result = _merge(hub, export(b), "B")
    assert sorted(c.field for c in result.conflicts) == ["address", "main_cause", "note"]
    with hub.session() as session:
        views = {v.field: v for v in list_conflicts(session)}
    assert views["main_cause"].field_label == "主要致贫原因"
    assert {views["main_cause"].local_shown, views["main_cause"].incoming_shown} == {"因病", "因残"}
    with hub.transaction() as session, pytest.raises(DomainError, match="代码"):
        resolve_conflict(session, views["main_cause"].id, keep="value", value="99")
    with hub.transaction() as session:
        kept = resolve_conflict(session, views["address"].id, keep="mine")
        theirs = resolve_conflict(session, views["note"].id, keep="theirs")
        assert session.get(Household, households[0]).conflict is True  # one is still open
        resolve_conflict(session, views["main_cause"].id, keep="value", value="因学")  # a label is understood
    with hub.session() as session:
        home = session.get(Household, households[0])
        assert (home.address, home.note, home.main_cause, home.conflict) == (kept, theirs, "03", False)
        decisions = session.execute(
            select(ChangeLog.field, ChangeLog.new_value, ChangeLog.operator).where(ChangeLog.action == "resolve")
        ).all()
        assert {d.field for d in decisions} == {"address", "note", "main_cause"}
        assert all("处理冲突" in d.operator for d in decisions)
        with pytest.raises(DomainError, match="已经处理"):
            resolve_conflict(session, views["note"].id, keep="mine")
    # the decided values stay decided when the same laptops are merged again
    assert not _merge(hub, export(a), "A").conflicts and not _merge(hub, export(b), "B").conflicts


def test_an_edited_copy_of_a_known_state_applies_only_the_edits(tmp_path: Path, base: Path) -> None:
    """A workbook edited in a spreadsheet comes back with the version it was exported with and new values."""
    hub = clone(base, tmp_path / "hub.sqlite", "hub")
    households, _members = ids(hub)
    records = export(hub)
    edited = [
        dataclasses.replace(r, fields={**r.fields, "phone": "13711112222"}) if r.id == households[0] else r
        for r in records
    ]
    _edit(hub, Household, households[0], note="导出后本机又改了备注")
    result = _merge(hub, edited, "县里改过的表.xlsx")
    assert result.table("household").updated == 1 and not result.conflicts
    with hub.session() as session:
        home = session.get(Household, households[0])
        assert home.phone == "13711112222" and home.note == "导出后本机又改了备注"
    assert not _merge(hub, edited, "县里改过的表.xlsx").changed


def test_the_merged_result_goes_back_to_a_laptop_without_new_conflicts(tmp_path: Path, base: Path) -> None:
    a, b, hub = (clone(base, tmp_path / f"{n}.sqlite", n) for n in ("a", "b", "hub"))
    households, _members = ids(a)
    _edit(a, Household, households[0], address="甲地")
    _edit(b, Household, households[0], address="乙地", phone="13500000000")
    _merge(hub, export(a), "A")
    _merge(hub, export(b), "B")
    with hub.transaction() as session:
        [view] = list_conflicts(session)
        resolve_conflict(session, view.id, keep="value", value="甲乙之间")
    back = _merge(a, export(hub), "汇总机")
    assert not back.conflicts
    with a.session() as session:
        home = session.get(Household, households[0])
        assert (home.address, home.phone, home.conflict) == ("甲乙之间", "13500000000", False)


def test_records_new_on_a_laptop_are_added_with_their_ids(tmp_path: Path, base: Path) -> None:
    a, hub = clone(base, tmp_path / "a.sqlite", "a"), clone(base, tmp_path / "hub.sqlite", "hub")
    households, _members = ids(a)
    with a.transaction() as session:
        baby = Member(household_id=households[0], name="新生儿", relation="05", sort_order=9)
        session.add(baby)
        session.flush()
        baby_id = baby.id
    result = _merge(hub, export(a), "A")
    assert result.table("member").added == 1
    with hub.session() as session:
        assert session.get(Member, baby_id).name == "新生儿"
        home = session.get(Household, households[0])
        live = session.execute(
            select(Member).where(Member.household_id == home.id, Member.deleted.is_(False), Member.active.is_(True))
        ).all()
        assert home.size == len(live)  # the household size follows its members


def test_core_scenario_on_each_database(db: Database, tmp_path: Path, base: Path) -> None:
    """The hub is a fresh database (SQLite file, then PostgreSQL) filled from the base, then two laptops."""
    source = clone(base, tmp_path / "source.sqlite", "county")
    with source.session() as session:
        everything = export_records(session, include_reference=True)
    a, b = clone(base, tmp_path / "a.sqlite", "a"), clone(base, tmp_path / "b.sqlite", "b")
    households, members = ids(a)
    first = _merge(db, everything, "县级数据")
    assert first.table("household").added == 2 and first.table("area").added >= 3
    _edit(a, Household, households[0], address="甲地", phone="13600000000")
    _edit(a, Member, members[0], deleted=True)
    _edit(b, Household, households[0], address="乙地", note="乙备注")
    _edit(b, Member, members[0], name="乙改名")
    _merge(db, export(a), "A")
    result = _merge(db, export(b), "B")
    assert sorted((c.record_id, c.field) for c in result.conflicts) == sorted(
        [(households[0], "address"), (members[0], "deleted")]
    )
    with db.session() as session:
        home = session.get(Household, households[0])
        assert (home.phone, home.note, home.conflict) == ("13600000000", "乙备注", True)
        assert session.get(Member, members[0]).name == "乙改名"
    assert not _merge(db, export(a), "A").changed and not _merge(db, export(b), "B").changed
