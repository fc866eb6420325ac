"""The one door of every write: one transaction, hooks for permission and audit, changes told after commit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from desktop_app.services import Changes, Progress, UnitOfWork, reading, subscribe, writing
from desktop_app.services import unit_of_work as uow
from desktop_app.services.progress import Cancelled
from desktop_app.storage.models import Area, Household


def _village(session: Any) -> Area:
    village = Area(code="532999001001", name="新村", level="village")
    session.add(village)
    session.flush()
    return village


def test_a_committed_write_tells_each_listener_what_changed(db: Any) -> None:
    told: list[Changes] = []
    unsubscribe = subscribe(db, told.append)
    with writing(db, "test.create") as work:
        village = _village(work.session)
        household = Household(village_id=village.id, number="5329990010010001", head_name="李四")
        work.session.add(household)
    assert len(told) == 1
    assert told[0].households == {household.id}
    assert told[0].areas == {village.id}
    assert {"household", "area"} <= told[0].entities
    with reading(db) as session:
        assert session.exec(select(Household.head_name)).all() == ["李四"]
    unsubscribe()
    with writing(db, "test.rename") as work:
        row = work.session.get(Household, household.id)
        assert row is not None
        row.head_name = "李五"
    assert len(told) == 1  # unsubscribed: not told again


def test_an_error_rolls_everything_back_and_tells_nobody(db: Any) -> None:
    told: list[Changes] = []
    subscribe(db, told.append)
    with pytest.raises(ValueError):
        with writing(db, "test.fail") as work:
            _village(work.session)
            raise ValueError("half-way")
    with reading(db) as session:
        assert session.exec(select(Area)).all() == []
    assert told == []


def test_a_refusing_permission_hook_stops_the_write_before_it_starts(db: Any, monkeypatch: Any) -> None:
    seen: list[tuple[str, str | None]] = []

    def refuse(work: UnitOfWork) -> None:
        seen.append((work.action, work.subject))
        if work.action == "area.create":
            raise PermissionError("not allowed")

    monkeypatch.setattr(uow, "BEFORE_WRITE", [refuse])
    with pytest.raises(PermissionError):
        with writing(db, "area.create", "532999001001") as work:
            _village(work.session)
    with reading(db) as session:
        assert session.exec(select(Area)).all() == []
    assert seen == [("area.create", "532999001001")]


def test_the_audit_hook_writes_inside_the_same_transaction(db: Any, monkeypatch: Any) -> None:
    def audit(work: UnitOfWork) -> None:
        work.session.add(Area(code="532999001099", name=f"审计-{work.action}", level="village"))

    monkeypatch.setattr(uow, "BEFORE_COMMIT", [audit])
    with writing(db, "test.audit") as work:
        _village(work.session)
    with reading(db) as session:
        assert sorted(session.exec(select(Area.name)).all()) == ["审计-test.audit", "新村"]


def test_a_bulk_writer_declares_what_it_changed(db: Any) -> None:
    told: list[Changes] = []
    subscribe(db, told.append)
    with writing(db, "test.bulk") as work:
        work.touch(households=["h1", "h2"], everything=True)
    assert told and told[0].everything and told[0].households == {"h1", "h2"}


def test_progress_cancel_raises_cancelled_and_parts_scale() -> None:
    seen: list[tuple[int, int, str]] = []
    stop = {"now": False}
    progress = Progress(lambda done, total, text: seen.append((done, total, text)), lambda: stop["now"])
    progress.part(500, 1000, 1000)(1, 2, "第二段")
    assert seen == [(750, 1000, "第二段")]
    stop["now"] = True
    with pytest.raises(Cancelled):
        progress(800, 1000, "")
    with pytest.raises(Cancelled):
        Progress(lambda *_: False)(1, 2, "")
