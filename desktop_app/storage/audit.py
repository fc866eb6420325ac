"""Every ORM write is recorded: version, update time and device move on, and the change log gets a row.

The hook runs in the session's ``before_flush``, so no service can forget it. Bulk loads that bypass the ORM
(demo data, imports) write their own change-log rows through :func:`log_rows`.
Set ``session.info["audit_keep_versions"] = True`` to store records exactly as given (a merge applying
another laptop's versions), which still writes the change log.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.attributes import get_history

from desktop_app.domain.identity import identity_of
from desktop_app.storage.models import ChangeLog, Household, Synced
from desktop_app.storage.types import utcnow

_SYNC_FIELDS = {"id", "created_at", "updated_at", "version", "device_id"}
_installed = False


def as_text(value: Any) -> str | None:
    """The text stored in the change log for a field value."""
    kind = value.__class__
    if kind is str:  # most values: first, without the isinstance chain
        return str(value)
    if value is None:
        return None
    if kind is int:
        return str(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def household_of(obj: Any) -> str | None:
    if isinstance(obj, Household):
        return obj.id
    return getattr(obj, "household_id", None)


def _entity(obj: Any) -> str:
    return str(obj.__tablename__)


def _before_flush(session: OrmSession, _ctx: Any, _instances: Any) -> None:
    operator = identity_of(session.info).signature  # who is working (Database.identity), later the account
    device = session.info.get("device_id", "")
    keep = session.info.get("audit_keep_versions", False)
    entry = session.info.get("audit_entry")  # the unit of work's audit entry (services.unit_of_work)
    now = utcnow()
    rows: list[ChangeLog] = []
    for obj in list(session.new):
        if not isinstance(obj, Synced):
            continue
        if not keep:
            obj.device_id = device
            obj.created_at = obj.created_at or now
            obj.updated_at = now
        rows.append(
            ChangeLog(
                at=now,
                entity=_entity(obj),
                entity_id=obj.id,
                household_id=household_of(obj),
                action="create",
                operator=operator,
                device_id=device,
                audit_entry=entry,
            )
        )
    for obj in list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        changes: list[tuple[str, Any, Any]] = []
        for attr in state.mapper.column_attrs:
            key = attr.key
            if key in _SYNC_FIELDS:
                continue
            hist = get_history(obj, key)
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if as_text(old) == as_text(new):
                continue
            changes.append((key, old, new))
        if not changes:
            continue
        deleting = any(key == "deleted" and new for key, _old, new in changes)
        if not keep:
            obj.version = (obj.version or 0) + 1
            obj.updated_at = now
            obj.device_id = device
        for key, old, new in changes:
            rows.append(
                ChangeLog(
                    at=now,
                    entity=_entity(obj),
                    entity_id=obj.id,
                    household_id=household_of(obj),
                    action="delete" if deleting and key == "deleted" else "update",
                    field=key,
                    old_value=as_text(old),
                    new_value=as_text(new),
                    operator=operator,
                    device_id=device,
                    audit_entry=entry,
                )
            )
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            raise RuntimeError(f"{_entity(obj)} records are never deleted: set deleted=True (a tombstone)")
    session.add_all(rows)


def install() -> None:
    """Attach the hook to every ORM session (idempotent)."""
    global _installed
    if not _installed:
        event.listen(OrmSession, "before_flush", _before_flush)
        _installed = True


def log_rows(
    *,
    entity: str,
    entity_id: str,
    household_id: str | None,
    action: str,
    operator: str,
    device_id: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
    at: datetime | None = None,
    audit_entry: str | None = None,
) -> list[dict[str, Any]]:
    """Change-log rows as plain dicts, for bulk writers that insert with Core (``audit_entry``: the unit of
    work's ``audit_id``)."""
    from desktop_app.storage.types import new_uuid

    when = at or utcnow()
    base = {
        "at": when,
        "entity": entity,
        "entity_id": entity_id,
        "household_id": household_id,
        "operator": operator,
        "device_id": device_id,
        "audit_entry": audit_entry,
    }
    if not changes:
        return [{**base, "id": new_uuid(), "action": action, "field": "", "old_value": None, "new_value": None}]
    return [
        {**base, "id": new_uuid(), "action": action, "field": key, "old_value": as_text(old), "new_value": as_text(new)}
        for key, (old, new) in changes.items()
    ]
