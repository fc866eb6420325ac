"""Integrity and statistics: the database check (structure, links, duplicate IDs, derived sizes) and the counts
of households and members. Front ends call :func:`check_of` and :func:`stats_of`; import from here only.
"""

from desktop_app.services.integrity.checks import IntegrityReport, Problem, check_database, check_of
from desktop_app.services.integrity.stats import database_stats, stats_of

__all__ = ["IntegrityReport", "Problem", "check_database", "check_of", "database_stats", "stats_of"]
