"""Who may do what: the one question every use case asks before it acts, answered by the accounts package.

The use-case layer asks it in two places: :func:`desktop_app.services.unit_of_work.writing` asks it for the
action of every unit of work before its first statement, and use cases that write nothing (an export, a
print, showing a full resident ID) call :func:`require` or :func:`allowed` themselves. The answer comes from
the checker the accounts package installs (:func:`install_checker`): the county's role table for the
signed-in account. Without a checker, or on a database that has no accounts yet, everything is allowed.
This module sits at the bottom of the services so that every capability package can ask without importing
the accounts package.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.errors import DomainError
from desktop_app.storage.database import Database

# (db, action) -> None when allowed, else the refusal as (Chinese, English) text naming the role it needs
Checker = Callable[[Database, str], tuple[str, str] | None]

_checker: Checker | None = None


class PermissionDenied(DomainError):
    """The signed-in role may not do this action; the message names the role(s) that may."""

    def __init__(self, action: str, zh: str, en: str) -> None:
        super().__init__("permission_denied", zh, en)
        self.action = action


def install_checker(checker: Checker | None) -> Checker | None:
    """Set (or with None remove) the function that answers every permission question; returns the one it
    replaces (a test that installs its own puts that one back)."""
    global _checker
    previous, _checker = _checker, checker
    return previous


def refusal(db: Database, action: str) -> tuple[str, str] | None:
    """Why ``action`` is refused on ``db`` for whoever is signed in, or None when it is allowed."""
    return None if _checker is None else _checker(db, action)


def allowed(db: Database, action: str) -> bool:
    return refusal(db, action) is None


def require(db: Database, action: str) -> None:
    """Raise :class:`PermissionDenied` (nothing done) unless ``action`` is allowed."""
    found = refusal(db, action)
    if found is not None:
        raise PermissionDenied(action, *found)
