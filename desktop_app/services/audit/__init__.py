"""The tamper-evident audit chain: one entry per committed unit of work (events such as sign-in, export or
print are units of work too: ``services.unit_of_work.record``), chained per device; verification, listing
and export.

``install()`` puts the hook in place (``services.open_database`` does it); ``verify`` checks every device's
chain and the change log it covers; ``list_entries`` / ``export_entries`` are the audit screen's and the
CLI's reads. Front ends and other packages import from here only. The hash design: docs/audit.md.
"""

from desktop_app.services.audit.chain import (
    ENTRY_FIELDS,
    ROW_COLUMNS,
    SEAL_ACTION,
    entry_hash,
    install,
    installed,
    seal_unchained,
    uninstall,
)
from desktop_app.services.audit.listing import (
    COLUMNS,
    EXPORT_ACTION,
    VIEW_ACTION,
    EntryView,
    Filters,
    action_label,
    count_entries,
    export_entries,
    list_entries,
    role_label,
)
from desktop_app.services.audit.verify import DeviceReport, Problem, VerifyReport, verify

__all__ = [
    "COLUMNS",
    "ENTRY_FIELDS",
    "EXPORT_ACTION",
    "ROW_COLUMNS",
    "SEAL_ACTION",
    "VIEW_ACTION",
    "DeviceReport",
    "EntryView",
    "Filters",
    "Problem",
    "VerifyReport",
    "action_label",
    "count_entries",
    "entry_hash",
    "export_entries",
    "install",
    "installed",
    "list_entries",
    "role_label",
    "seal_unchained",
    "uninstall",
    "verify",
]
