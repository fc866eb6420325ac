"""Where the encryption's key wraps follow the accounts' passwords (one function, wired at integration).

An encrypted database keeps its data key wrapped once per account, by a key derived from that account's
password. Accounts never touch the data key itself: each place that sets a password calls
:func:`password_changed`, and the integrator makes it call ``services.encryption``'s ``add_wrap`` (``old``
None: a new account, a reset or a recovery, wrapped by the signed-in holder of the key), ``rewrap`` (the
account changed its own password from ``old`` to ``new``) or ``remove_wrap``.
"""

from __future__ import annotations

from desktop_app.storage.database import Database


def password_changed(db: Database, name: str, old: str | None, new: str) -> None:
    """Called inside the unit of work that stores ``name``'s new password (so a failing rewrap undoes it)."""
    del db, name, old, new
