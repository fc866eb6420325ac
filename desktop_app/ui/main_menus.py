"""What the main window builds: its menus and their entries, its tabs, the print kinds of the 打印 menu.

One explicit table instead of probing for optional modules: every entry is always shown, and the method it
calls imports its screen explicitly, so a missing module fails loudly instead of hiding a feature.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

PRINT_KINDS = (
    "card",
    "register",
    "announcement",
    "notice",
    "exit-announcement",
    "minutes",
    "objections",
    "wallchart",
    # monitoring since 2021: one household's forms (the selected household), the village's lists
    "consent",
    "collection-form",
    "check-form",
    "monitor-minutes",
    "monitor-notice",
    "monitor-announcement",
    "removal-notice",
    # the assistance ledgers (issue 16): the household's help pages (the selected household), the village's ledgers
    "help-manual",
    "measures-register",
    "funds-ledger",
    "loan-ledger",
    "post-notice",
)
MONITOR_PRINT_START = PRINT_KINDS.index("consent")  # a separator before the monitoring documents
ASSIST_PRINT_START = PRINT_KINDS.index("help-manual")  # and one before the assistance ledgers


@dataclass(frozen=True)
class MenuEntry:
    """One menu action: its English source text (translated in the MainWindow context) and the method it calls.

    ``slot`` names a method of :class:`MainWindow`; ``"-"`` as text is a separator; ``group`` names a
    family of generated entries instead (``household_actions``, ``print``).
    """

    text: str
    slot: str = ""
    shortcut: QKeySequence.StandardKey | str | None = None
    name: str = ""
    group: str = ""


SEPARATOR = MenuEntry("-")

# The window's menus in order: (key, English title, entries). Every entry is always shown.
MENUS: tuple[tuple[str, str, tuple[MenuEntry, ...]], ...] = (
    (
        "file",
        "&File",
        (
            MenuEntry("New database…", "new_database", name="new_database"),
            MenuEntry("Open database…", "open_database", QKeySequence.StandardKey.Open),
            SEPARATOR,
            MenuEntry("Settings…", "open_settings", name="settings"),
            MenuEntry("Monitoring lines…", "open_monitoring_lines", name="monitoring_lines"),
            MenuEntry("Backup settings…", "open_backup_settings", name="backup_settings"),
            MenuEntry("Restore from a backup…", "open_restore", name="restore_backup"),
            MenuEntry("Encrypt database…", "encrypt_database", name="encrypt_database"),
            MenuEntry("Remove encryption…", "decrypt_database", name="decrypt_database"),
            SEPARATOR,
            MenuEntry("Switch user…", "switch_user", name="switch_user"),  # accounts (ui/account_actions.py)
            MenuEntry("Change password…", "change_own_password", name="change_password"),
            SEPARATOR,
            MenuEntry("Quit", "close", "Ctrl+Q", name="quit"),
        ),
    ),
    (
        "household",
        "&Household",
        (
            MenuEntry("New household", "new_household", "Ctrl+N", name="new_household"),
            MenuEntry("Open household", "open_current", "Return", name="open_household"),
            MenuEntry("Search", "focus_search", QKeySequence.StandardKey.Find),
            MenuEntry("Refresh", "reload", QKeySequence.StandardKey.Refresh),
            SEPARATOR,
            MenuEntry("", group="household_actions"),  # move, split, merge, remove (ui/household_actions.py)
        ),
    ),
    ("procedure", "&Procedure", (MenuEntry("Procedure batches", "show_batches", name="show_batches"),)),
    ("print", "&Print", (MenuEntry("", group="print"),)),
    (
        "exchange",
        "&Exchange",
        (
            MenuEntry("Export to Excel…", "export_data", name="export_data"),
            MenuEntry("Import from Excel…", "import_data", name="import_data"),
            MenuEntry("Import department alerts…", "import_department_alerts", name="import_alerts"),  # monitoring
            MenuEntry("Data-quality check…", "show_quality_check", name="quality_check"),  # ui/quality_view.py
            MenuEntry("Resolve conflicts…", "resolve_conflicts", name="resolve_conflicts"),
            MenuEntry("Merge another computer's database…", "merge_database", name="merge_database"),
        ),
    ),
    (
        "manage",
        "&Manage",
        (
            MenuEntry("Areas…", "open_areas", name="areas"),  # 区划 (ui/areas_dialog.py)
            MenuEntry("Users…", "manage_users", name="manage_users"),
            MenuEntry("Roles and permissions…", "edit_roles", name="edit_roles"),
            MenuEntry("Audit log…", "show_audit_log", name="audit_log"),
        ),
    ),
    (
        "help",
        "&Help",
        (
            MenuEntry("User guide", "show_help", QKeySequence.StandardKey.HelpContents, name="help"),
            MenuEntry("About Fupin Desk", "show_about", name="about"),
        ),
    ),
)

# The tabs beside the area tree, in order: (English title, attribute of the window holding the page).
TABS: tuple[tuple[str, str], ...] = (
    ("Households", "list_page"),
    ("Procedure batches", "batches_view"),
    ("Monitoring", "monitoring_view"),  # 防止返贫监测 of the village (ui/monitoring_view.py)
    ("Assistance ledgers", "assist_view"),  # 帮扶台账 of the village (ui/assist_view.py)
)

__all__ = ["MENUS", "PRINT_KINDS", "SEPARATOR", "TABS", "MenuEntry"]
