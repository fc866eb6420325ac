"""Laptops for merge tests: real SQLite files cloned from one base database by copying the file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from desktop_app.services import Database, open_database
from desktop_app.services.audit.verify import verify
from desktop_app.services.demo.households import generate_demo
from desktop_app.services.merge import IncomingRecord, export_records
from desktop_app.services.merge import state as ms
from desktop_app.storage import audit
from desktop_app.storage.models import ChangeLog, Household, Member
from desktop_app.storage.models_merge import MergeConflict

COMPARED_TABLES = ("household", "member", "measure", "procedure_event")
METADATA = {"version", "device_id", "updated_at", "created_at"}


def make_base(path: Path, *, households: int = 3, seed: int = 7, creator: str = "") -> Path:
    """The county's database the laptops are copied from. Its records' first state carries ``creator`` as
    device: empty, as bulk imports leave it, or a machine's id, as records made in the app (and ``fupin
    demo``) carry it."""
    db = open_database(path, operator="县扶贫办", device_id="base-pc")
    try:
        with db.transaction() as session:
            generate_demo(session, households=households, villages=1, seed=seed, device_id=creator)
            if creator:  # as the app's audit hook does for every record it creates (the demo logs households)
                members = session.execute(select(Member.id, Member.household_id)).all()
                rows = [
                    row
                    for member_id, household_id in members
                    for row in audit.log_rows(
                        entity="member",
                        entity_id=member_id,
                        household_id=household_id,
                        action="create",
                        operator="demo",
                        device_id=creator,
                    )
                ]
                session.execute(insert(ChangeLog), rows)
    finally:
        db.close()
    return path


def clone(base: Path, target: Path, device: str) -> Database:
    shutil.copy(base, target)
    return open_database(target, operator=f"操作员{device}", device_id=device)


def export(db: Database, **kw: Any) -> list[IncomingRecord]:
    with db.session() as session:
        return export_records(session, **kw)


def ids(db: Database) -> tuple[list[str], list[str]]:
    """Household ids by number, and the members of the first household by sort order."""
    with db.session() as session:
        households = list(session.execute(select(Household.id).order_by(Household.number)).scalars())
        members = list(
            session.execute(
                select(Member.id).where(Member.household_id == households[0]).order_by(Member.sort_order)
            ).scalars()
        )
    return households, members


def content(db: Database) -> dict[str, Any]:
    """What a user sees: every business value of every record, and the open conflicts."""
    out: dict[str, Any] = {}
    with db.session() as session:
        for table in COMPARED_TABLES:
            t = ms.model(table).__table__  # type: ignore[attr-defined]
            rows = session.execute(select(t).order_by(t.c.id)).mappings()
            out[table] = {r["id"]: {k: ms.text(v) for k, v in r.items() if k not in METADATA} for r in rows}
        out["conflicts"] = sorted(
            (
                c.table_name,
                c.record_id,
                c.field,
                c.local_value,
                c.incoming_value,
                c.base_value,
                tuple(sorted(x["value"] or "" for x in c.candidates)),
            )
            for c in session.execute(select(MergeConflict).where(MergeConflict.resolved_at.is_(None))).scalars()  # type: ignore[union-attr]
        )
    return out


def change_log_count(db: Database) -> int:
    from sqlalchemy import func

    from desktop_app.storage.models import ChangeLog

    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(ChangeLog)).scalar_one())


MERGE_LOG = (
    "SELECT entity, entity_id, household_id, action, field, old_value, new_value, operator, device_id, "
    "audit_entry IS NOT NULL FROM change_log WHERE field = 'merge' ORDER BY rowid"
)


def merged_state(path: Path, office: str = "county-pc") -> tuple[Any, ...]:
    """What a merge left in the database at ``path`` (``content``, its "create" change-log rows in order, the
    members' versions), checking that those rows belong to ``office``'s audit entry and every chain holds."""
    db = open_database(path)
    try:
        shown = content(db)
        report = verify(db)
    finally:
        db.close()
    with sqlite3.connect(path) as conn:
        logs = conn.execute(MERGE_LOG).fetchall()
        states = conn.execute("SELECT id, version, device_id, deleted FROM member ORDER BY id").fetchall()
        # the merge's rows belong to this office's audit entry of the import (the chain checked below)
        entries = conn.execute(
            "SELECT DISTINCT e.device_id FROM change_log l LEFT JOIN audit_entry e ON e.id = l.audit_entry "
            "WHERE l.field = 'merge'"
        ).fetchall()
    assert entries == [(office,)]
    assert all(d.ok for d in report.devices) and office in {d.device_id for d in report.devices}
    return shown, logs, states
