"""The one door every write of the app goes through: a unit of work that owns the transaction.

A use case (save a card, record a step, import a file, merge a laptop, …) runs its writes inside
:func:`writing`::

    with writing(db, "household.save", household_id) as work:
        records.save_card(work.session, card)

The unit of work

- opens one write transaction (``BEGIN IMMEDIATE`` on SQLite) and commits it when the block ends, or rolls
  it back on any error: nothing is half-written;
- is the single place where *who* may do *what* is checked and where the audit entry of the action is
  written: the functions in :data:`BEFORE_WRITE` run before the first statement, those in
  :data:`BEFORE_COMMIT` just before the commit, inside the transaction (the accounts issue fills them;
  today the household change log is written by ``storage.audit`` on every flush);
- collects what changed (:class:`Changes`: households, areas, batches, …) from the ORM flushes, plus what a
  bulk writer declares with :meth:`UnitOfWork.touch`; after the commit, every listener subscribed to that
  database with :func:`subscribe` is told, so that screens refresh the rows that changed.

Reads go through :func:`reading`: one consistent snapshot that never commits and never waits for a writer.
Front ends (``ui/``, ``commands/``, ``cli.py``) never open a session themselves: they call the use cases of
the capability packages, which use these two doors.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from desktop_app.services import permissions
from desktop_app.storage.database import Database
from desktop_app.storage.types import new_uuid

log = logging.getLogger(__name__)

# entity (table) name -> the Changes set it is collected into
_KINDS = {"household": "households", "area": "areas", "batch": "batches"}


@dataclass
class Changes:
    """What one committed unit of work changed, by kind of record (ids)."""

    households: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)
    batches: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)  # table names of every record written
    everything: bool = False  # a bulk writer (import, merge, demo data) that changed too much to list

    def __bool__(self) -> bool:
        return self.everything or bool(self.households or self.areas or self.batches or self.entities)

    def add(self, other: Changes) -> None:
        self.households |= other.households
        self.areas |= other.areas
        self.batches |= other.batches
        self.entities |= other.entities
        self.everything = self.everything or other.everything

    def record(self, entity: str, entity_id: str | None, household_id: str | None) -> None:
        self.entities.add(entity)
        kind = _KINDS.get(entity)
        if kind is not None and entity_id:
            getattr(self, kind).add(entity_id)
        if household_id:
            self.households.add(household_id)


@dataclass
class UnitOfWork:
    """One use case's write transaction: its session, the action's name and what it changed."""

    db: Database
    action: str
    subject: str | None
    session: Session
    changes: Changes = field(default_factory=Changes)
    # the id of this unit of work's audit entry: every change-log row it writes carries it
    # (``session.info["audit_entry"]``, read by storage.audit; bulk writers pass it to ``log_rows``)
    audit_id: str = field(default_factory=new_uuid)
    details: dict[str, Any] = field(default_factory=dict)  # event facts for the audit entry (file, counts, kind)

    def touch(
        self,
        *,
        households: Iterable[str] = (),
        areas: Iterable[str] = (),
        batches: Iterable[str] = (),
        entities: Iterable[str] = (),
        everything: bool = False,
    ) -> None:
        """Declare changes made without the ORM (Core inserts and updates of a bulk writer)."""
        self.changes.households.update(households)
        self.changes.areas.update(areas)
        self.changes.batches.update(batches)
        self.changes.entities.update(entities)
        self.changes.everything = self.changes.everything or everything


Hook = Callable[[UnitOfWork], None]
Listener = Callable[[Changes], None]

BEFORE_WRITE: list[Hook] = []  # e.g. the permission check: raise to refuse (nothing is written)
BEFORE_COMMIT: list[Hook] = []  # e.g. the audit entry of the action, written inside the transaction

_listeners: dict[int, list[Listener]] = {}
_lock = threading.Lock()


def subscribe(db: Database, listener: Listener) -> Callable[[], None]:
    """Call ``listener(changes)`` after each committed unit of work on ``db``; returns the unsubscribe call.

    Listeners run on the thread that committed (a background job's worker thread included): a screen
    hands the changes over to its own thread.
    """
    key = id(db)
    with _lock:
        if key not in _listeners:
            _listeners[key] = []
            weakref.finalize(db, _listeners.pop, key, None)
        _listeners[key].append(listener)

    def unsubscribe() -> None:
        with _lock:
            registered = _listeners.get(key, [])
            if listener in registered:
                registered.remove(listener)

    return unsubscribe


def _notify(db: Database, changes: Changes) -> None:
    with _lock:
        listeners = list(_listeners.get(id(db), ()))
    for listener in listeners:
        try:
            listener(changes)
        except Exception:  # a screen that fails to refresh must not turn a committed save into an error
            log.exception("change listener failed")


def _collector(changes: Changes) -> Callable[..., None]:
    def collect(session: Any, _ctx: Any, _instances: Any) -> None:
        for obj in list(session.new) + list(session.dirty):
            table = getattr(obj, "__tablename__", None)
            if table is None or table == "change_log":
                continue
            own_id = getattr(obj, "id", None)
            household = own_id if table == "household" else getattr(obj, "household_id", None)
            changes.record(str(table), None if own_id is None else str(own_id), household)

    return collect


@contextmanager
def writing(db: Database, action: str, subject: str | None = None) -> Iterator[UnitOfWork]:
    """Run one use case's writes in one transaction; commit at the end, roll back on any error.

    ``action`` names the use case (``"household.save"``, ``"exchange.import"``, …) for the permission
    check and the audit entry; ``subject`` is the record it is about, when there is one.
    """
    changes = Changes()
    with db.transaction() as session:
        work = UnitOfWork(db=db, action=action, subject=subject, session=session, changes=changes)
        session.info["unit_of_work"] = action
        session.info["audit_entry"] = work.audit_id
        collect = _collector(changes)
        event.listen(session, "before_flush", collect)
        try:
            permissions.require(db, action)  # refused: nothing written (the role table of the accounts package)
            for hook in BEFORE_WRITE:
                hook(work)
            yield work
            for hook in BEFORE_COMMIT:
                hook(work)
            session.flush()
        finally:
            event.remove(session, "before_flush", collect)
    if changes:
        _notify(db, changes)


def record(db: Database, action: str, subject: str | None = None, **details: Any) -> None:
    """A unit of work that changes no record: an event the audit chain keeps (sign-in, export, print,
    showing a full ID …), checked against the role table like any write. ``details`` are plain facts (file
    name, row counts, kind of document), never IDs, phones, bank accounts or health."""
    with writing(db, action, subject) as work:
        work.details.update(details)


@contextmanager
def reading(db: Database) -> Iterator[Session]:
    """One consistent read-only snapshot (never commits, never waits for a writer on SQLite)."""
    with db.read() as session:
        yield session


def run_write(db: Database, action: str, work: Callable[[Session], Any], subject: str | None = None) -> Any:
    """``work(session)`` as one unit of work; its result is returned."""
    with writing(db, action, subject) as unit:
        return work(unit.session)


def run_read(db: Database, work: Callable[[Session], Any]) -> Any:
    """``work(session)`` on one read snapshot; its result is returned."""
    with reading(db) as session:
        return work(session)
