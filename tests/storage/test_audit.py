"""Every change carries version, time and device, and lands in the append-only change log."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop_app.storage.models import Area, ChangeLog, Household


def _village(s) -> Area:
    village = Area(code="532999001001", name="和平村", level="village")
    s.add(village)
    s.flush()
    return village


def test_create_and_update_are_logged_with_operator_and_device(db) -> None:
    with db.transaction() as s:
        village = _village(s)
        h = Household(village_id=village.id, number="5329990010010001", head_name="张三")
        s.add(h)
    created = h.updated_at
    assert h.version == 1 and h.device_id == "test-device"
    with db.transaction() as s:
        h2 = s.get(Household, h.id)
        h2.head_name = "张三丰"
        h2.attribute = "2"
    with db.session() as s:
        h3 = s.get(Household, h.id)
        assert h3.version == 2 and h3.updated_at >= created and h3.updated_at.tzinfo is not None
        rows = s.query(ChangeLog).filter(ChangeLog.entity_id == h.id).order_by(ChangeLog.field).all()
    actions = [(r.action, r.field, r.old_value, r.new_value) for r in rows]
    assert ("create", "", None, None) in actions
    assert ("update", "head_name", "张三", "张三丰") in actions
    assert ("update", "attribute", None, "2") in actions
    assert {r.operator for r in rows} == {"测试员"} and {r.device_id for r in rows} == {"test-device"}
    assert all(r.household_id == h.id for r in rows)


def test_saving_without_a_change_does_not_bump_the_version(db) -> None:
    with db.transaction() as s:
        village = _village(s)
        h = Household(village_id=village.id, number="1", head_name="王五")
        s.add(h)
    with db.transaction() as s:
        h2 = s.get(Household, h.id)
        h2.head_name = "王五"
    with db.session() as s:
        assert s.get(Household, h.id).version == 1


def test_deletion_is_a_tombstone(db) -> None:
    with db.transaction() as s:
        village = _village(s)
        h = Household(village_id=village.id, number="1", head_name="王五")
        s.add(h)
    with pytest.raises(RuntimeError, match="tombstone"):
        with db.transaction() as s:
            s.delete(s.get(Household, h.id))
    with db.transaction() as s:
        s.get(Household, h.id).deleted = True
    with db.session() as s:
        assert s.get(Household, h.id).deleted is True
        assert s.query(ChangeLog).filter_by(entity_id=h.id, action="delete").count() == 1


def test_change_log_is_append_only_in_the_database(db) -> None:
    with db.transaction() as s:
        _village(s)
    for statement in ("UPDATE change_log SET operator = 'someone else'", "DELETE FROM change_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with db.engine.begin() as conn:
                conn.execute(text(statement))
    with db.session() as s:
        assert s.query(ChangeLog).filter_by(operator="测试员", entity="area").count() == 1
