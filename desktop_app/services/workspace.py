"""Opening the database a front end works on: the storage open plus what this version of the app adds.

``storage.open_database`` creates or upgrades the schema (after a backup copy); the data steps that need
application code run here, once the schema is current, in one unit of work: the shipped reference data
(poverty lines) and the search text of households that have none yet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.identity import Identity
from desktop_app.services.encryption import unlock_key
from desktop_app.services.households import refresh_stale_search_text
from desktop_app.services.settings import seed_reference_data
from desktop_app.services.unit_of_work import writing
from desktop_app.storage import database as storage


def open_database(
    url_or_path: str | Path | None = None,
    *,
    migrate: bool = True,
    operator: str | None = None,
    device_id: str | None = None,
    identity: Identity | None = None,
    on_write_wait: Callable[[str], None] | None = None,
    user: str | None = None,
    password: str | None = None,
) -> storage.Database:
    """Open (creating or upgrading as needed) the database the user named, or the default file.

    An encrypted file is unlocked first with ``user``'s password (services.encryption).
    """
    key = unlock_key(url_or_path, user, password)
    db = storage.open_database(
        url_or_path,
        migrate=migrate,
        operator=operator,
        device_id=device_id,
        identity=identity,
        on_write_wait=on_write_wait,
        key=key,
    )
    if db.upgraded:
        try:
            with writing(db, "database.upgrade") as work:
                seed_reference_data(work.session)
                refresh_stale_search_text(work.session)
        except Exception:
            db.close()
            raise
    return db
