"""Finding the common base of an incoming state and the state here, and where a value already here came from.

See docs/merging.md for the tie-breaks that make the result independent of the order laptops are merged in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_app.services.merge import state as ms
from desktop_app.services.merge.records import MINE, ROSTER_DEVICE, IncomingRecord, MergeContext
from desktop_app.services.merge.state import SOURCE_ANCESTOR, SOURCE_MERGE, State


def find_base(
    ctx: MergeContext, table: str, rec: IncomingRecord, local: State, snaps: list[State]
) -> list[State] | str | None:
    """The latest state known here that the incoming state descends from; "ancestor" when it is already here.

    In order: the incoming state itself is known (a re-import, or an edited workbook of a known state); a
    known state among the ancestors the incoming names; its creation (version 1 is unique); an earlier state
    of the same device; this record's creation when the record was never merged here. None: no common base
    is known, and every differing field becomes a conflict.
    """
    known: dict[tuple[int, str], State] = {}
    for state in [local, *snaps]:
        known.setdefault(state.identity, state)
    found = known.get((rec.version, rec.device_id))
    if found is not None:
        return "ancestor" if found.source == SOURCE_ANCESTOR else [found]
    walk = ms.walk_back(local, snaps, ctx.history.get(rec.id, []))
    if table in ms.KEYED_IDS:
        return _named_base(rec, [s for s in known.values() if s.source != SOURCE_ANCESTOR] + walk.states)
    if rec.version == 1 and not rec.device_id.startswith(ROSTER_DEVICE):
        # version 1 is the record's creation, whichever device id it carries: the same state
        creations = [s for s in [*known.values(), *walk.states] if s.version == 1 and s.source != SOURCE_ANCESTOR]
        creations = [s for s in creations if not s.device_id.startswith(ROSTER_DEVICE)]
        if creations:
            return creations[:1]
    candidates = [s for s in known.values() if s.source != SOURCE_ANCESTOR] + walk.states[1:]
    wanted = set(rec.ancestors)
    if rec.base_version is not None and rec.base_device:
        wanted.add((rec.base_version, rec.base_device))
    # one device's states of a record follow each other: its earlier state is an ancestor of its later one
    common = [
        s for s in candidates if s.identity in wanted or (s.device_id == rec.device_id and s.version < rec.version)
    ]
    if not common and ctx.exact_bases_only:
        return None
    if not common and rec.base_version == 1:
        common = [s for s in candidates if s.version == 1]
    if not common:
        common = [s for s in candidates if s.device_id == rec.device_id and s.version < rec.version]
    if common:
        # the local state itself when the incoming already contains it; else the latest common state, and
        # among concurrent ones the closest to the local state (a farther one can only add conflicts)
        def closeness(s: State) -> tuple[bool, int, int, bool, str]:
            same = sum(1 for k, v in local.fields.items() if s.fields.get(k) == v)
            return (s.identity == local.identity, s.version, same, s.source != "walk", s.device_id)

        primary = max(common, key=closeness)
        if primary.identity == local.identity:
            return [primary]
        # several common states (criss-cross merges): a value any of them had is not a change; but a state
        # this database made descends from every state it had seen by then, and such an older state is no
        # second base (a change back to its value is a change)
        made = [(s, at) for s in common if (at := made_here(ctx, s)) is not None]
        return [
            primary,
            *(s for s in common if s is not primary and not any(s is not m and seen_by(s, at) for m, at in made)),
        ]
    if walk.root:
        return walk.states[-1:]
    # the record's creation is an ancestor of every state of it: a safe base when nothing closer is known
    creations = [s for s in candidates if s.version == 1 and not s.device_id.startswith(ROSTER_DEVICE)]
    return creations[:1] or None


def _named_base(rec: IncomingRecord, candidates: list[State]) -> list[State] | None:
    """A record with a keyed id: the latest state here that the incoming one names (its base or an ancestor), or
    an earlier state of the same device.

    Nothing named: two laptops created the record independently (the same household's plan of a year, the same
    member's month), so there is no common base and every field they set differently is a conflict."""
    wanted = set(rec.ancestors)
    if rec.base_version is not None and rec.base_device:
        wanted.add((rec.base_version, rec.base_device))
    # one device's states of a record follow each other: its earlier state is an ancestor of its later one
    common = [
        s for s in candidates if s.identity in wanted or (s.device_id == rec.device_id and s.version < rec.version)
    ]
    return [max(common, key=lambda s: (s.version, s.device_id))] if common else None


def made_here(ctx: MergeContext, state: State) -> datetime | None:
    """When this database made ``state`` (a merge here, or an edit of a person here), else None."""
    if not ctx.device or state.device_id != ctx.device or state.source not in (SOURCE_MERGE, "local"):
        return None
    return as_utc(state.updated_at)


def seen_by(state: State, moment: datetime) -> bool:
    """True when this database had remembered ``state`` by ``moment`` (both times from this database's clock)."""
    seen = as_utc(state.seen_at)
    return seen is not None and seen <= moment


def as_utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def provenance(
    ctx: MergeContext, name: str, value: str | None, local: State, snaps: list[State]
) -> tuple[list[str], list[dict[str, str]]]:
    """Tie-break key and sources of a value already in the record: this database's own edit (also when a merge
    has written the record since), else the latest other-laptop state having it."""
    merged = {s.identity for s in snaps if s.source == SOURCE_MERGE}
    if local.device_id == ctx.device and local.identity not in merged:
        return [MINE, ctx.device], [{"label": "本机", "device": ctx.device}]
    having = [
        s
        for s in [local, *snaps]
        if s.source not in (SOURCE_MERGE, SOURCE_ANCESTOR) and s.identity not in merged and s.value(name) == value
    ]
    if ctx.device and any(s.device_id == ctx.device for s in having):
        return [MINE, ctx.device], [{"label": "本机", "device": ctx.device}]
    if not having:
        return ["", ""], [{"label": "本机", "device": ctx.device}]
    best = max(having, key=lambda s: (s.key(), s.source != "local"))  # the laptop it came from, if known
    return best.key(), [{"label": best.source if best.source != "local" else "本机", "device": best.device_id}]
