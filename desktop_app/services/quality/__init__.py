"""The county's data-quality rules (疑点规则) and exemption list (MONITORING.md §11, issue 17).

``rules`` loads the rule table (shipped + the county's file in the data folder), ``facts`` reads each
household's facts with narrow queries, ``check`` runs the rules (``domain.quality``) on the database or on a
file before import, ``exemptions`` keeps the accepted findings. Front ends import from here only; see
docs/quality.md.
"""

from __future__ import annotations

from desktop_app.domain.quality import QualityRule, RuleError
from desktop_app.services.monitoring import MonitorRules, monitor_rules
from desktop_app.services.quality.check import QualityFinding, check_database, check_file
from desktop_app.services.quality.exemptions import (
    HEADERS,
    ExemptionFileError,
    ExemptionRow,
    exempt,
    export_exemptions,
    list_exemptions,
    remove_exemption,
)
from desktop_app.services.quality.exemptions import import_exemptions as _import_exemptions
from desktop_app.services.quality.rules import LOCAL_RULES, load_rules, local_rules_path
from desktop_app.storage.database import Database

__all__ = [
    "HEADERS",
    "LOCAL_RULES",
    "ExemptionFileError",
    "ExemptionRow",
    "QualityFinding",
    "QualityRule",
    "RuleError",
    "check_database",
    "check_file",
    "exempt",
    "export_exemptions",
    "import_exemptions",
    "list_exemptions",
    "local_rules_path",
    "quality_rules",
    "remove_exemption",
]


def quality_rules(db: Database | None = None) -> tuple[QualityRule, ...]:
    """The rules of this machine, parameters left out filled from ``db``'s monitoring rules (without a
    database: the monitoring rules' defaults, which are the shipped ones)."""
    return load_rules(monitor_rules(db) if db is not None else MonitorRules())


def import_exemptions(db: Database, path: str) -> tuple[int, int]:
    """Import the county's exemption list (whole file checked first); returns (new, updated)."""
    return _import_exemptions(db, path, known_rules=[r.id for r in quality_rules(db)])
