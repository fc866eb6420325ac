"""The batches tab's use cases: a village's batches, the households on one, creating a batch and acting on it.

Each takes the ``Database``: reads run on one snapshot, every write is one unit of work
(``procedure.batch.<kind or action>``, about the village or the batch), so one refused household leaves the
whole batch unchanged. Everything returned is plain data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.services.procedure import batch_forms
from desktop_app.services.procedure import batches as pb
from desktop_app.services.procedure.batches import BatchSummary
from desktop_app.services.procedure.places import village_names
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database

Choice = tuple[str, ...]  # (id, label) or, for a vote table, (id, label, group)


@dataclass(frozen=True)
class VillageBatches:
    village_name: str
    batches: list[BatchSummary]


@dataclass(frozen=True)
class BatchActionForm:
    """What the form of an action on a batch shows: its id, the choices and the values already recorded."""

    form_id: str
    choices: dict[str, list[Choice]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    votes_present: int | None = None  # votes are checked against those present at the meeting


def village_batch_list(db: Database, village_id: str, *, today: date) -> VillageBatches:
    """The village's name and its batches, open ones first, each with what it waits for."""
    with reading(db) as session:
        name = village_names(session, village_id).village
        return VillageBatches(name, pb.village_batches(session, village_id, today=today))


def batch_entries(db: Database, batch_id: str) -> list[dict[str, Any]]:
    """The households on a batch: number, head, group, votes, result and reason."""
    with reading(db) as session:
        return pb.batch_households(session, batch_id)


def households_ready(db: Database, village_id: str, step: str, *, today: date) -> list[tuple[str, str, str]]:
    """(id, "head（number）", group) of the village's households that may take ``step`` now."""
    with reading(db) as session:
        ready = pb.households_ready_for(session, village_id, step, today=today)
        groups = pb.group_names(session, [hid for hid, _n, _h in ready])
    return [(hid, f"{head}（{number}）", groups.get(hid, "")) for hid, number, head in ready]


def new_batch_defaults(db: Database, kind: str, village_id: str, *, today: date) -> dict[str, Any]:
    """Issuing bodies, reviewer, objection contact and announcement period of a new batch of ``kind``."""
    with reading(db) as session:
        return batch_forms.create_defaults(session, kind, village_id, today)


def create_batch(db: Database, kind: str, village_id: str, values: Mapping[str, Any], *, today: date) -> str:
    """Create a batch of ``kind`` from its form (every household checked; one refusal writes nothing)."""
    with writing(db, f"procedure.batch.{kind}", village_id) as work:
        return batch_forms.create(work.session, kind, village_id, values, today=today)


def batch_action_form(db: Database, key: str, batch_id: str, *, today: date) -> BatchActionForm:
    """The form of an action on a batch: the households still pending, open objections, missed candidates."""
    with reading(db) as session:
        batch = pb.batch_row(session, batch_id)
        members = pb.batch_households(session, batch_id)
        objections: list[Choice] = [
            (o.id, f"{o.raised_on} {o.raised_by}：{o.content[:30]}") for o in pb.open_objections(session, batch_id)
        ]
        missed: list[Choice] = []
        if key == "missed":
            ready = pb.households_ready_for(session, batch.village_id, "application", today=today)
            missed = [(h, f"{head}（{n}）") for h, n, head in ready]
        kind, present = batch.kind, batch.attendees_present
    waiting = [m for m in members if m["result"] == "pending"]
    pending: list[Choice] = [(str(m["household_id"]), f"{m['head_name']}（{m['number']}）") for m in waiting]
    choices: dict[str, list[Choice]] = {
        "votes": [(h, label, str(m.get("group") or "")) for (h, label), m in zip(pending, waiting, strict=True)],
        "household": missed if key == "missed" else pending,
        "households": pending,
        "objection": objections,
    }
    defaults = {"votes": {m["household_id"]: m["votes"] for m in members if m["votes"]}}
    return BatchActionForm(batch_forms.action_form(key, kind), choices, defaults, present if key == "votes" else None)


def run_batch_action(db: Database, key: str, batch_id: str, values: Mapping[str, Any], *, today: date) -> Any:
    """Votes, an objection and its resolution, look-back results, or closing the batch (a ``Closed``)."""
    with writing(db, f"procedure.batch.{key}", batch_id) as work:
        return batch_forms.act(work.session, key, batch_id, values, today=today)
