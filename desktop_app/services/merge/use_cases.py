"""The merge's use cases: merge another laptop's database file, list open conflicts, decide them.

Each takes the :class:`~desktop_app.storage.database.Database` the front end works on and returns plain
data. The merge of a database file reads the other file in one snapshot and writes everything it brings
in one unit of work (``merge.database``): a refusal, an error or a cancel leaves this database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from desktop_app.domain.errors import DomainError
from desktop_app.services import permissions
from desktop_app.services.backups import back_up_first
from desktop_app.services.merge.chains import copy_chains
from desktop_app.services.merge.conflicts import (
    ConflictView,
    find_conflict,
    list_conflicts,
    open_conflict_count,
    resolve_many,
)
from desktop_app.services.merge.engine import apply_incoming_chunks
from desktop_app.services.merge.export import export_records
from desktop_app.services.merge.records import CHUNK, IncomingRecord, TableCounts
from desktop_app.services.merge.state import TABLES
from desktop_app.services.progress import Progress
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage import database as storage
from desktop_app.storage.queries import chunks, household_by_number

READ_SHARE = 200  # of 1000: reading the other database; merging takes the rest
STEPS = 1000

NOT_SAME_ORIGIN = (
    "无法合并：两个数据库中有编码相同但并非同一来源的区划或户编号（只能合并由同一数据库复制、"
    "或从同一份县级数据导入的数据库）。本库未作任何修改。"
)


@dataclass
class DatabaseMerge:
    """What merging another database brought: counts per table, the conflicts found, the households touched."""

    source: str
    counts: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: int = 0
    households: int = 0
    conflict_households: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.conflicts) or any(c.added or c.updated for c in self.counts.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "tables": {t: vars(c) for t, c in sorted(self.counts.items())},
            "conflicts": self.conflicts,
            "households": self.households,
        }


def merge_database(
    db: storage.Database, other: str | Path, *, progress: Progress | None = None, key: bytes | None = None
) -> DatabaseMerge:
    """Merge another laptop's database (an SQLite file or a URL) into ``db`` in one unit of work.

    The other database is opened without upgrading it (it is only read) and closed again. Raises
    :class:`DomainError` (a Chinese message) when the file is missing or the two databases do not share
    their areas and household numbers, ``DatabaseError`` when it cannot be opened, ``Cancelled`` when the
    person cancels: in every case this database is unchanged. An encrypted file needs its data key
    (``services.encryption.merge_encrypted`` unlocks it with an account of that file).
    """
    name = str(other)
    if "://" not in name and not Path(name).is_file():
        raise DomainError("merge_no_file", f"找不到数据库文件：{name}", f"database file not found: {name}")
    permissions.require(db, "merge.database")  # a refused role takes no backup either
    # no merge without its backup (a failed backup: nothing merged); the merge's own entry names it
    backup = back_up_first(db, "before-merge", record_event=False)
    read_part = progress.part(0, READ_SHARE, STEPS) if progress is not None else None
    if read_part is not None:
        read_part(0, 1, "读取另一台电脑的数据库")
    source = storage.open_database(name, migrate=False, key=key)  # key: the other file is encrypted
    try:
        with reading(source) as session:
            records = export_records(session, include_reference=True)
        label = Path(name).name if "://" not in name else source.describe()
        if read_part is not None:
            read_part(1, 1, "读取完毕")
        merge_part = progress.part(READ_SHARE, STEPS, STEPS) if progress is not None else None
        try:
            with writing(db, "merge.database") as work:
                result = apply_incoming_chunks(
                    work.session, _by_table(records), source_label=label, progress=merge_part, total=len(records)
                )
                work.touch(households=result.household_ids, everything=result.changed)
                with reading(source) as theirs:  # each device keeps its own chain (services/merge/chains.py)
                    copied = copy_chains(theirs.connection(), work.session, merge_entry=work.audit_id)
                work.details.update(source=label)
                if backup is not None:
                    work.details.update(backup=backup.file.path.name)
                if copied.entries:
                    work.details.update(audit_entries=copied.entries, audit_rows=copied.rows)
                if copied.forks:
                    work.details.update(audit_forks=copied.forks)
        except IntegrityError as exc:
            raise DomainError(
                "merge_not_same_origin", NOT_SAME_ORIGIN, "the databases do not share their areas"
            ) from exc
    finally:
        source.close()
    return DatabaseMerge(
        source=label,
        counts=result.counts,
        conflicts=len(result.conflicts),
        households=len(result.household_ids),
        conflict_households=sorted({c.household_id for c in result.conflicts if c.household_id}),
    )


def _by_table(records: list[IncomingRecord]) -> list[list[IncomingRecord]]:
    """The records in chunks of one table each, in the order the merge takes the tables."""
    by_table: dict[str, list[IncomingRecord]] = {}
    for rec in records:
        by_table.setdefault(rec.table, []).append(rec)
    return [part for table in TABLES for part in chunks(by_table.get(table, []), CHUNK)]


# --- conflicts ------------------------------------------------------------------------------------------


def conflicts_of(
    db: storage.Database,
    *,
    household_id: str | None = None,
    household_number: str | None = None,
    include_resolved: bool = False,
    lang: str = "zh",
    mask: bool = True,
    others_when_none: bool = False,
) -> list[ConflictView]:
    """The conflicts (open ones unless ``include_resolved``) of one household, given by id or number, or all.

    ``others_when_none``: when that household has none, every open conflict (the dialog opened from a card
    shows the others rather than an empty list). An unknown household number is a :class:`DomainError`.
    """
    with reading(db) as session:
        if household_number is not None:
            home = household_by_number(session, household_number, or_id=False)
            if home is None:
                raise DomainError("household_unknown", f"没有户编号为 {household_number} 的户。")
            household_id = home.id
        rows = list_conflicts(
            session, household_id=household_id, include_resolved=include_resolved, lang=lang, mask=mask
        )
        if not rows and household_id is not None and others_when_none:
            rows = list_conflicts(session, include_resolved=include_resolved, lang=lang, mask=mask)
    return rows


def decide_conflicts(db: storage.Database, decisions: list[tuple[str, str, Any]]) -> int:
    """Save several decisions (conflict id, keep, value) in one unit of work: all of them, or none on an error."""
    with writing(db, "merge.resolve") as work:
        return resolve_many(work.session, decisions)


def decide_conflict(db: storage.Database, key: str, *, keep: str, value: Any = None) -> ConflictView:
    """Decide one conflict named by its id or a unique prefix (the CLI); returns it as decided."""
    with writing(db, "merge.resolve") as work:
        conflict_id = find_conflict(work.session, key).id
        resolve_many(work.session, [(conflict_id, keep, value)])
        views = list_conflicts(work.session, include_resolved=True)
    return next(v for v in views if v.id == conflict_id)


def open_conflicts_count(db: storage.Database, household_id: str | None = None) -> int:
    """How many conflicts wait for a decision (of one household, or in all)."""
    with reading(db) as session:
        return open_conflict_count(session, household_id)
