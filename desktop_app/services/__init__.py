"""Use cases of Fupin Desk, one package per capability; front ends import from here and the packages' roots.

The doors every use case goes through: :func:`writing` / :func:`reading` (``unit_of_work``), the progress
contract (``progress``) and :func:`open_database` (``workspace``). See docs/architecture.md.
"""

from desktop_app.services.progress import Cancelled, Progress
from desktop_app.services.unit_of_work import Changes, UnitOfWork, reading, run_read, run_write, subscribe, writing
from desktop_app.services.workspace import open_database
from desktop_app.storage.database import Database, DatabaseBusy, DatabaseError, DatabaseTooNew

__all__ = [
    "Cancelled",
    "Changes",
    "Database",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseTooNew",
    "Progress",
    "UnitOfWork",
    "open_database",
    "reading",
    "run_read",
    "run_write",
    "subscribe",
    "writing",
]
