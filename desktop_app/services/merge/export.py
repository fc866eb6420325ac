"""This database's records as incoming records for another database (``fupin merge``, the merge dialog)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.services.merge import state as ms
from desktop_app.services.merge.records import CHUNK, IncomingRecord
from desktop_app.services.merge.state import SOURCE_ANCESTOR
from desktop_app.storage.queries import chunks, table_of

EXPORT_TABLES = (
    "household",
    "member",
    "measure",
    "procedure_event",
    "income_record",
    "monitoring_case",
    "monitoring_event",
    "help_measure",
    "fund_allocation",  # village records (no household): filtered by their village
    "post",
    "pairing",
    "help_plan",
    "disbursement",
    "loan",
    "loan_repayment",
    "post_holder",
    "post_month",
    "work_month",
    "visit",
    "quality_exemption",
)
REFERENCE_TABLES = ("area", "cadre", "monitoring_line", "fund", "fund_project")


def export_records(
    session: Session, *, village_id: str | None = None, include_reference: bool = False
) -> list[IncomingRecord]:
    """This database's households, members, measures and procedure events as IncomingRecords.

    ``base_version`` / ``base_device`` name the last state of each record that other databases may share
    (see :func:`merge_state.walk_back`) and ``ancestors`` every earlier state known here, so that the
    receiving side can find the latest common base.
    ``include_reference`` adds every area and cadre (needed when the receiver may not have them).
    """
    out: list[IncomingRecord] = []
    household_ids: list[str] | None = None
    tables = (*REFERENCE_TABLES, *EXPORT_TABLES) if include_reference else EXPORT_TABLES
    for table in tables:
        t = table_of(ms.model(table))
        query = select(t).order_by(t.c.id)
        if table == "area":
            query = select(t).order_by(t.c.code)  # parents (shorter codes first) before children
        if village_id is not None and table not in REFERENCE_TABLES:
            if table == "household" or "household_id" not in t.c:
                query = query.where(t.c.village_id == village_id)
            else:
                query = query.where(t.c.household_id.in_(household_ids or []))
        rows = [dict(r) for r in session.execute(query).mappings()]
        if table == "household":
            household_ids = [r["id"] for r in rows]
        cols = ms.stored_columns(table)
        for part in chunks(rows, CHUNK):
            part_ids = [r["id"] for r in part]
            snaps = ms.load_snapshots(session, table, part_ids)
            history = ms.load_history(session, part_ids)
            for row in part:
                current = ms.state_of_row(table, row)
                mine = snaps.get(row["id"], [])
                walk = ms.walk_back(current, mine, history.get(row["id"], []))
                base = walk.states[-1]
                seen = {s.identity for s in mine if s.source != SOURCE_ANCESTOR}
                seen.update(s.identity for s in walk.states if s.device_id)
                out.append(
                    IncomingRecord(
                        table=table,
                        id=row["id"],
                        base_version=base.version,
                        version=row["version"],
                        device_id=row["device_id"],
                        updated_at=row["updated_at"],
                        deleted=bool(row["deleted"]),
                        fields={name: row[name] for name in cols},
                        base_device=base.device_id or None,
                        ancestors=tuple(sorted(seen - {current.identity})),
                    )
                )
    return out
