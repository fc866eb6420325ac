"""Merging laptops' work: another database file, an edited workbook or a county roster, without losing an edit.

Front ends call the use cases (``merge_database``, ``conflicts_of``, ``decide_conflicts``, ``decide_conflict``,
``open_conflicts_count``); the exchange builds :class:`IncomingRecord` lists from workbook rows and rosters
and merges them with :func:`apply_incoming` / :func:`apply_incoming_chunks` inside its own unit of work.
See docs/merging.md (the rules) and docs/architecture.md (the package).
"""

from desktop_app.services.merge.conflicts import KEEP_CHOICES, Candidate, ConflictView
from desktop_app.services.merge.engine import apply_incoming, apply_incoming_chunks, apply_incoming_replayable
from desktop_app.services.merge.export import export_records
from desktop_app.services.merge.records import ROSTER_DEVICE, ConflictInfo, IncomingRecord, MergeResult, TableCounts
from desktop_app.services.merge.state import coerce as coerce_value
from desktop_app.services.merge.state import stored_columns
from desktop_app.services.merge.state import text as value_text
from desktop_app.services.merge.use_cases import (
    DatabaseMerge,
    conflicts_of,
    decide_conflict,
    decide_conflicts,
    merge_database,
    open_conflicts_count,
)

__all__ = [
    "KEEP_CHOICES",
    "ROSTER_DEVICE",
    "Candidate",
    "ConflictInfo",
    "ConflictView",
    "DatabaseMerge",
    "IncomingRecord",
    "MergeResult",
    "TableCounts",
    "apply_incoming",
    "apply_incoming_chunks",
    "apply_incoming_replayable",
    "coerce_value",
    "conflicts_of",
    "decide_conflict",
    "decide_conflicts",
    "export_records",
    "merge_database",
    "open_conflicts_count",
    "stored_columns",
    "value_text",
]
