"""Three laptops edit copies of one database; their exports merged into a fourth (which has its own edits)
in all six orders give one result."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop_app.services.merge import state as ms
from desktop_app.services.merge.engine import apply_incoming
from desktop_app.storage.models import Household, Member
from tests.merge.helpers import clone, content, export, ids, make_base

HOUSEHOLD_FIELDS = ("address", "phone", "note")
VALUES = ("东", "西")

edit_household = st.tuples(
    st.just("household"), st.integers(0, 1), st.sampled_from(HOUSEHOLD_FIELDS), st.sampled_from(VALUES)
)
edit_member = st.tuples(
    st.just("member"), st.integers(0, 2), st.sampled_from(("name", "phone")), st.sampled_from(VALUES)
)
delete_member = st.tuples(st.just("delete"), st.integers(0, 2), st.just(""), st.just(""))
laptop_edits = st.lists(st.one_of(edit_household, edit_member, delete_member), max_size=4)


def _examples(default: int) -> int:
    """Examples per property: the suite's default, or FUPIN_MERGE_EXAMPLES for a long hunt (docs/merging.md)."""
    return int(os.environ.get("FUPIN_MERGE_EXAMPLES") or default)


_BASE: dict[bool, Path] = {}  # stamped (records made on a machine: a creation device id) or not (bulk import)
_FOLDERS: list[Path] = []  # every example's folder (hypothesis runs many per test: no tmp_path)


def _folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    _FOLDERS.append(folder)
    return folder


@pytest.fixture(autouse=True, scope="module")
def _remove_folders() -> Iterator[None]:
    """Each example leaves a few MB of databases: removed when the module's tests are done."""
    yield
    _BASE.clear()
    while _FOLDERS:
        shutil.rmtree(_FOLDERS.pop(), ignore_errors=True)


def _base(stamped: bool = False) -> Path:
    if stamped not in _BASE:
        creator = "base-pc" if stamped else ""
        _BASE[stamped] = make_base(_folder("merge-base-") / "base.sqlite", households=2, seed=11, creator=creator)
    return _BASE[stamped]


def _apply_edits(db: Any, edits: list[tuple[str, int, str, str]], households: list[str], members: list[str]) -> None:
    for kind, index, name, value in edits:
        with db.transaction() as session:
            if kind == "household":
                row = session.get(Household, households[index])
                setattr(row, name, value)
            else:
                member = session.get(Member, members[index])
                if member.deleted:
                    continue  # this laptop already removed the person
                if kind == "delete":
                    member.deleted = True
                else:
                    setattr(member, name, value)


def _expected(base: dict[str, Any], laptops: list[dict[str, Any]]) -> dict[tuple[str, str, str], set[str | None]]:
    """Per (table, record, field): the distinct values the laptops changed it to (their edits since the base)."""
    changed: dict[tuple[str, str, str], set[str | None]] = {}
    for table in ("household", "member"):
        columns = set(ms.merge_columns(table))
        for record_id, before in base[table].items():
            deleters = editors = 0
            for laptop in laptops:
                after = laptop[table][record_id]
                edited = False
                for name in columns:
                    if after[name] != before[name]:
                        changed.setdefault((table, record_id, name), set()).add(after[name])
                        edited = True
                if after["deleted"] != before["deleted"]:
                    deleters += 1
                elif edited:
                    editors += 1
            if deleters:
                changed[(table, record_id, "deleted")] = {"1", "0"} if editors else {"1"}
    return changed


@settings(max_examples=_examples(12), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(laptop_edits, min_size=3, max_size=3),
    hub_edits=laptop_edits,
    hub_first=st.booleans(),
    stamped=st.booleans(),
)
@example(  # the hub's own edit, older than the laptops', stays in view after another laptop's merge wrote the record
    edits=[[], [("member", 0, "name", "西")], [("member", 0, "phone", "西")]],
    hub_edits=[("member", 0, "phone", "东")],
    hub_first=True,
    stamped=False,
)
@example(  # records made on a machine: two laptops' edits of different fields are no conflict (1 Dec 2026:
    # the empty "ancestor" marker of the first merge hid the record's first state, the second laptop's base)
    edits=[[], [("household", 0, "phone", "西"), ("member", 0, "phone", "西")], [("household", 0, "address", "东")]],
    hub_edits=[("member", 0, "name", "东")],
    hub_first=False,
    stamped=True,
)
def test_three_laptops_merged_in_any_order_give_one_result(
    edits: list[list[tuple[str, int, str, str]]],
    hub_edits: list[tuple[str, int, str, str]],
    hub_first: bool,
    stamped: bool,
) -> None:
    base_path = _base(stamped)
    work = _folder("merge-run-")
    hub_start = clone(base_path, work / "hub-start.sqlite", "hub")
    laptops = [clone(base_path, work / f"laptop{n}.sqlite", f"laptop-{n}") for n in "ABC"]
    households, members = ids(laptops[0])
    if hub_first:  # the hub's own work before merging, done before (older than) the laptops' edits
        _apply_edits(hub_start, hub_edits, households, members)
    for db, mine in zip(laptops, edits, strict=True):
        _apply_edits(db, mine, households, members)
    if not hub_first:  # or after them
        _apply_edits(hub_start, hub_edits, households, members)
    exports = [export(db) for db in laptops]
    hub0 = clone(base_path, work / "base-view.sqlite", "viewer")
    before = content(hub0)
    hub0.close()
    hub_own = content(hub_start)
    hub_start.close()
    after_laptops = [content(db) for db in laptops]
    for db in laptops:
        db.close()

    results = []
    for order in itertools.permutations(range(3)):
        hub = clone(work / "hub-start.sqlite", work / f"hub-{''.join(map(str, order))}.sqlite", "hub")
        for index in order:
            with hub.transaction() as session:
                apply_incoming(session, exports[index], source_label=f"笔记本{'ABC'[index]}")
        results.append(content(hub))
        # merging the same exports again changes nothing
        with hub.transaction() as session:
            again = [apply_incoming(session, exports[i], source_label="again") for i in order]
        assert not any(r.changed for r in again)
        assert content(hub) == results[-1]
        hub.close()
    first = results[0]
    for other in results[1:]:
        assert other == first

    expected = _expected(before, [*after_laptops, hub_own])
    conflicts = {(c[0], c[1], c[2]): set(c[6]) for c in first["conflicts"]}
    want_conflicts = {k: {v or "" for v in vals} for k, vals in expected.items() if len(vals) > 1}
    assert conflicts == want_conflicts  # exactly one conflict per overlapping differing edit, none lost
    for (table, record_id, name), values in expected.items():
        value = first[table][record_id][name]
        if len(values) == 1:
            assert value == next(iter(values))  # a one-sided change is applied
        elif name != "deleted" and hub_own[table][record_id][name] in values:
            assert value == hub_own[table][record_id][name]  # the hub's own edit stays in view
        else:
            assert value in values  # the record keeps one of the values; the others wait in the conflict
    for table in ("household", "member"):
        for record_id, row in first[table].items():
            for name in ms.merge_columns(table):
                if (table, record_id, name) not in expected:
                    assert row[name] == before[table][record_id][name]  # untouched fields stay as they were
    flagged = {h for h, row in first["household"].items() if row["conflict"] == "1"}
    conflicted = {
        rid if table == "household" else first["member"][rid]["household_id"] for table, rid, _name in want_conflicts
    }
    assert flagged == conflicted


def _business(state: dict[str, Any]) -> dict[str, Any]:
    return {
        table: {rid: {k: row[k] for k in [*ms.merge_columns(table), "deleted"]} for rid, row in state[table].items()}
        for table in ("household", "member")
    }


@settings(max_examples=_examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.lists(laptop_edits, min_size=3, max_size=3),
    second=st.lists(laptop_edits, min_size=3, max_size=3),
    stamped=st.booleans(),
)
@example(  # deletion against an edit after a resolved deletion conflict was synced back (found by hypothesis)
    first=[[], [("member", 1, "name", "东")], [("delete", 1, "", "")]],
    second=[[], [("delete", 1, "", "")], [("member", 1, "name", "西")]],
    stamped=False,
)
@example(  # the mirror case: the editor and the deleter of round 1 do the same again in round 2
    first=[[], [("member", 2, "name", "东")], [("delete", 2, "", "")]],
    second=[[], [("member", 2, "name", "西")], [("delete", 2, "", "")]],
    stamped=False,
)
@example(  # a change back to the value an ancestor of the decided state had is still a change
    first=[[], [("member", 0, "name", "西")], [("member", 0, "name", "东")]],
    second=[[("delete", 0, "", "")], [("member", 0, "name", "西")], []],
    stamped=False,
)
@example(  # the same, found by hypothesis along with it: B renames back to its round-1 value, then deletes
    first=[
        [],
        [("member", 0, "name", "西")],
        [("member", 0, "name", "东"), ("delete", 0, "", ""), ("delete", 0, "", ""), ("household", 0, "address", "东")],
    ],
    second=[
        [
            ("household", 0, "address", "东"),
            ("delete", 0, "", ""),
            ("household", 0, "address", "东"),
            ("household", 0, "address", "东"),
        ],
        [("delete", 2, "", ""), ("member", 0, "name", "西"), ("household", 0, "address", "东"), ("delete", 0, "", "")],
        [("member", 2, "name", "东"), ("member", 0, "name", "东")],
    ],
    stamped=False,
)
def test_after_syncing_back_a_second_round_finds_only_its_own_conflicts(
    first: list[list[tuple[str, int, str, str]]], second: list[list[tuple[str, int, str, str]]], stamped: bool
) -> None:
    from desktop_app.services.merge.conflicts import list_conflicts, resolve_conflict

    work = _folder("merge-rounds-")
    laptops = [clone(_base(stamped), work / f"laptop{n}.sqlite", f"laptop-{n}") for n in "ABC"]
    hub = clone(_base(stamped), work / "hub.sqlite", "hub")
    households, members = ids(hub)
    for db, mine in zip(laptops, first, strict=True):
        _apply_edits(db, mine, households, members)
    for db in laptops:
        with hub.transaction() as session:
            apply_incoming(session, export(db), source_label=db.device_id)
    with hub.transaction() as session:
        for view in list_conflicts(session):
            resolve_conflict(session, view.id, keep="mine")
    synced = _business(content(hub))
    hub_export = export(hub)
    for db in laptops:
        with db.transaction() as session:
            back = apply_incoming(session, hub_export, source_label="hub")
        assert not back.conflicts  # decisions made at the hub are not asked again
        assert _business(content(db)) == synced

    for db, mine in zip(laptops, second, strict=True):
        _apply_edits(db, mine, households, members)
    after = [_business(content(db)) for db in laptops]
    for db in laptops:
        with hub.transaction() as session:
            apply_incoming(session, export(db), source_label=db.device_id)
    final = content(hub)
    expected = _expected(synced, after)
    conflicts = {(c[0], c[1], c[2]): {v or "" for v in c[6]} for c in final["conflicts"]}
    assert conflicts == {k: {v or "" for v in vals} for k, vals in expected.items() if len(vals) > 1}
    for (table, record_id, name), values in expected.items():
        if len(values) == 1:
            assert final[table][record_id][name] == next(iter(values))
    for db in [*laptops, hub]:
        db.close()
