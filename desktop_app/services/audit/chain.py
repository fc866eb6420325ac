"""Appending to a device's audit chain: the entry of each committed unit of work, and its hashes.

The hook (:func:`append_entry`, in ``unit_of_work.BEFORE_COMMIT``) runs inside the unit of work's
transaction, after its last flush: it reads back the change-log rows that carry this unit of work's entry id,
hashes them (``log_digest``), takes the device's last entry (the write lock is held since ``BEGIN IMMEDIATE``
on SQLite; a transaction-scoped advisory lock on PostgreSQL) and inserts the next one. Because the entry is
written in the same transaction as the work, there is never a committed change without its entry.

The canonical forms below are the ones docs/audit.md documents for re-verifying with another tool; change
them only together with that document (every existing chain would stop verifying).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, insert, select, type_coerce
from sqlalchemy.engine import Connection

from desktop_app.domain.identity import identity_of
from desktop_app.services import unit_of_work
from desktop_app.services.unit_of_work import Changes, UnitOfWork, reading, writing
from desktop_app.storage.models import ChangeLog
from desktop_app.storage.models_accounts import AuditEntry
from desktop_app.storage.queries import table_of
from desktop_app.storage.types import utcnow

SEAL_ACTION = "database.seal"  # the one entry that covers the change-log rows written before the chain existed
LIST_MAX = 200  # ids listed in ``records`` per kind; above that only the count
FETCH = 20_000  # change-log rows read back per fetch while hashing

# the change-log columns hashed, in this order (docs/audit.md, "Change-log rows")
ROW_COLUMNS = (
    "id",
    "at",
    "entity",
    "entity_id",
    "household_id",
    "action",
    "field",
    "old_value",
    "new_value",
    "operator",
    "device_id",
    "audit_entry",
)
# the entry fields its hash covers (every column but ``hash``)
ENTRY_FIELDS = (
    "id",
    "device_id",
    "seq",
    "at",
    "user_name",
    "role",
    "action",
    "subject",
    "records",
    "details",
    "log_count",
    "log_digest",
    "prev_hash",
)

_ROW_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_ENTRY_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def time_text(value: datetime | str) -> str:
    """A stored time as the chain hashes it: UTC, ISO 8601 with microseconds (``2026-12-02T04:42:01.000000+00:00``).

    SQLite keeps UTC times as text ``YYYY-MM-DD HH:MM:SS.ffffff`` (read raw here: no datetime per row);
    PostgreSQL gives datetimes."""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}+00:00"
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def row_columns() -> list[Any]:
    """The hashed columns; the time as the driver gives it (SQLite's stored text, PostgreSQL's datetime)."""
    c = table_of(ChangeLog).c
    return [type_coerce(c[name], String) if name == "at" else c[name] for name in ROW_COLUMNS]


class RowDigest:
    """SHA-256 over change-log rows fed in order of id: each row is the JSON array of ROW_COLUMNS plus a newline."""

    def __init__(self) -> None:
        self.count = 0
        self._hash = hashlib.sha256()

    def add(self, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        encode = _ROW_JSON.encode
        lines = [encode([r[0], time_text(r[1]), *r[2:]]) for r in rows]
        lines.append("")
        self._hash.update("\n".join(lines).encode("utf-8"))
        self.count += len(rows)

    def hexdigest(self) -> str:
        return self._hash.hexdigest() if self.count else ""


def id_order(conn: Connection) -> Any:
    """Change-log rows in order of id as bytes compare (SQLite's BINARY; PostgreSQL's "C" collation, not the
    database's locale), so that the same rows hash the same on a laptop and on the county server."""
    c = table_of(ChangeLog).c
    return c.id.collate("C") if conn.dialect.name == "postgresql" else c.id


def rows_of(conn: Connection, entry_id: str | None) -> Iterator[Sequence[Sequence[Any]]]:
    """The change-log rows of one entry (``None``: the rows without one), in order of id, in batches."""
    if conn.dialect.name == "sqlite":
        # the driver's own cursor on the unit of work's connection: no SQLAlchemy row per row (about 1/7 of the
        # digest's time at county size); the same rows and order as the Core query below
        where = "audit_entry IS NULL" if entry_id is None else "audit_entry = ?"
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # open inside a transaction
        try:
            cursor.execute(
                f"SELECT {', '.join(ROW_COLUMNS)} FROM change_log WHERE {where} ORDER BY id",
                () if entry_id is None else (entry_id,),
            )
            while raw := cursor.fetchmany(FETCH):
                yield raw
        finally:
            cursor.close()
        return
    c = table_of(ChangeLog).c
    match = c.audit_entry.is_(None) if entry_id is None else c.audit_entry == entry_id
    result = conn.execute(select(*row_columns()).where(match).order_by(id_order(conn)))
    while batch := result.fetchmany(FETCH):
        yield batch


def digest_of(batches: Iterable[Sequence[Sequence[Any]]]) -> tuple[int, str]:
    digest = RowDigest()
    for batch in batches:
        digest.add(batch)
    return digest.count, digest.hexdigest()


def entry_hash(fields: dict[str, Any]) -> str:
    """SHA-256 of the entry's canonical JSON (ENTRY_FIELDS, keys sorted, no spaces, UTF-8)."""
    canon = {name: fields[name] for name in ENTRY_FIELDS}
    at = canon["at"]
    if isinstance(at, datetime):
        canon["at"] = time_text(at)
    return hashlib.sha256(_ENTRY_JSON.encode(canon).encode("utf-8")).hexdigest()


def records_text(changes: Changes) -> str:
    """What the unit of work changed, as stored in ``records``: kinds → ids (counts when many); never values."""
    out: dict[str, Any] = {}
    for kind in ("households", "areas", "batches"):
        ids = sorted(getattr(changes, kind))
        if ids:
            out[kind] = ids if len(ids) <= LIST_MAX else len(ids)
    if changes.entities:
        out["entities"] = sorted(changes.entities)
    if changes.everything:
        out["everything"] = True
    return json.dumps(out, ensure_ascii=False, sort_keys=True) if out else ""


def details_text(details: dict[str, Any]) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True, default=str) if details else ""


def last_link(conn: Connection, device_id: str) -> tuple[int, str]:
    """The device's last (seq, hash), or (0, "") before its first entry."""
    a = table_of(AuditEntry).c
    row = conn.execute(select(a.seq, a.hash).where(a.device_id == device_id).order_by(a.seq.desc()).limit(1)).first()
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def _lock_chain(conn: Connection, device_id: str) -> None:
    """One writer at a time per device chain. SQLite: the unit of work holds the write lock already."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext(%(d)s))", {"d": "fupin-audit:" + device_id})


def append_entry(work: UnitOfWork) -> None:
    """The BEFORE_COMMIT hook: the unit of work's entry, the next link of this device's chain."""
    session = work.session
    session.flush()
    conn = session.connection()
    sealing = work.action == SEAL_ACTION
    count, digest = digest_of(rows_of(conn, None if sealing else work.audit_id))
    identity = identity_of(session.info)
    device = work.db.device_id or str(session.info.get("device_id", ""))
    _lock_chain(conn, device)
    seq, prev = last_link(conn, device)
    fields: dict[str, Any] = {
        "id": work.audit_id,
        "device_id": device,
        "seq": seq + 1,
        "at": utcnow(),
        "user_name": identity.signature[:100],
        "role": identity.role[:20],
        "action": work.action[:60],
        "subject": work.subject[:36] if work.subject else None,
        "records": records_text(work.changes),
        "details": details_text(work.details),
        "log_count": count,
        "log_digest": digest,
        "prev_hash": prev,
    }
    fields["hash"] = entry_hash(fields)
    conn.execute(insert(table_of(AuditEntry)).values(**fields, copied_by=""))


def install() -> None:
    """Put the hook in place (idempotent): from now on every unit of work appends its entry."""
    if append_entry not in unit_of_work.BEFORE_COMMIT:
        unit_of_work.BEFORE_COMMIT.append(append_entry)


def uninstall() -> None:
    """Take the hook away again (the benchmark's import without the chain)."""
    while append_entry in unit_of_work.BEFORE_COMMIT:
        unit_of_work.BEFORE_COMMIT.remove(append_entry)


def installed() -> bool:
    return append_entry in unit_of_work.BEFORE_COMMIT


def seal_unchained(db: Any) -> bool:
    """Seal the change-log rows written before the chain existed into one ``database.seal`` entry of this
    device (once: at the first open after the upgrade). Returns whether an entry was written."""
    c = table_of(ChangeLog).c
    a = table_of(AuditEntry).c
    with reading(db) as session:
        conn = session.connection()
        if conn.execute(select(c.id).where(c.audit_entry.is_(None)).limit(1)).first() is None:
            return False
        if conn.execute(select(a.id).where(a.action == SEAL_ACTION).limit(1)).first() is not None:
            return False
    with writing(db, SEAL_ACTION) as work:
        if not installed():  # the seal is an entry or nothing
            append_entry(work)
    return True
