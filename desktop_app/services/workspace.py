"""Opening the database a front end works on: the storage open plus what this version of the app adds.

``storage.open_database`` creates or upgrades the schema (after a backup copy); the data steps that need
application code run here, once the schema is current, in one unit of work: the shipped reference data
(poverty lines) and the search text of households that have none yet. Then the accounts step: the role
table's missing rows, and on a database with accounts the sign-in of ``user`` (see
``services.accounts.prepare_database``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.identity import Identity
from desktop_app.services import audit
from desktop_app.services.accounts import prepare_database
from desktop_app.services.encryption import unlock_key
from desktop_app.services.households import refresh_stale_search_text
from desktop_app.services.settings import monitoring_lines_missing, seed_reference_data
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage import database as storage


def _lines_missing(db: storage.Database) -> bool:
    with reading(db) as session:
        return monitoring_lines_missing(session)


def open_database(
    url_or_path: str | Path | None = None,
    *,
    migrate: bool = True,
    operator: str | None = None,
    device_id: str | None = None,
    identity: Identity | None = None,
    on_write_wait: Callable[[str], None] | None = None,
    user: str | None = None,
    password: str | Callable[[], str] | None = None,
    require_login: bool = True,
) -> storage.Database:
    """Open (creating or upgrading as needed) the database the user named, or the default file.

    An encrypted file is unlocked first with ``user``'s password (services.encryption). On a database with
    accounts, ``user`` signs in with ``password`` (a string, or a function asked only when needed); without
    ``user`` the open raises ``LoginRequired`` unless ``require_login`` is False (the app opens first and then
    shows its sign-in dialog). ``operator`` is refused on a database with accounts.
    """
    key = None
    if storage.is_encrypted_url(url_or_path):
        if user:
            password = password() if callable(password) else password  # asked once, used to unlock and sign in
        key = unlock_key(url_or_path, user, None if callable(password) else password)
    db = storage.open_database(
        url_or_path,
        migrate=migrate,
        operator=operator,
        device_id=device_id,
        identity=identity,
        on_write_wait=on_write_wait,
        key=key,
    )
    audit.install()  # every unit of work from here on appends its entry to this device's audit chain
    # a file of this schema made before the national 2021 monitoring line was shipped gets it too
    if db.upgraded or _lines_missing(db):
        try:
            if db.upgraded:
                audit.seal_unchained(db)  # rows written before the chain existed: one entry, once
            with writing(db, "database.upgrade") as work:
                seed_reference_data(work.session)
                if db.upgraded:
                    refresh_stale_search_text(work.session)
        except Exception:
            db.close()
            raise
    try:
        prepare_database(
            db, user=user, password=password, require_login=require_login, operator_given=operator is not None
        )
    except Exception:
        db.close()
        raise
    return db
