"""Use cases of Fupin Desk, one package per capability; front ends import from here and the packages' roots.

The doors every use case goes through: :func:`writing` / :func:`reading` / :func:`record` (``unit_of_work``),
the permission question (``permissions``: :func:`require`, :func:`allowed`), the progress contract
(``progress``) and :func:`open_database` (``workspace``). See docs/architecture.md.
"""

from desktop_app.services.permissions import PermissionDenied, allowed, require
from desktop_app.services.progress import Cancelled, Progress
from desktop_app.services.unit_of_work import (
    Changes,
    UnitOfWork,
    reading,
    record,
    run_read,
    run_write,
    subscribe,
    writing,
)
from desktop_app.services.workspace import open_database
from desktop_app.storage.database import Database, DatabaseBusy, DatabaseError, DatabaseTooNew

__all__ = [
    "Cancelled",
    "Changes",
    "Database",
    "PermissionDenied",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseTooNew",
    "Progress",
    "UnitOfWork",
    "allowed",
    "open_database",
    "reading",
    "record",
    "require",
    "run_read",
    "run_write",
    "subscribe",
    "writing",
]
