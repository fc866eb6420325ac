"""Settings: the declared settings (``domain.settings``) read and saved in their two homes (this machine's
config file and the county's database), who is working, and what the rest of the app reads from them.

Front ends and other packages import from here only.
"""

from desktop_app.services.settings.reference import monitoring_lines_missing, poverty_line_count, seed_reference_data
from desktop_app.services.settings.store import (
    CHECKLIST_KEYS,
    LANGUAGES,
    PrintDefaults,
    all_values,
    checklists_of,
    choices,
    county_checklists,
    county_look_checklists,
    database_values,
    export_folder,
    machine_values,
    print_defaults,
    print_defaults_of,
    save,
    save_identity,
    save_settings,
    settings_values,
    validate,
)

__all__ = [
    "CHECKLIST_KEYS",
    "LANGUAGES",
    "PrintDefaults",
    "all_values",
    "checklists_of",
    "choices",
    "county_checklists",
    "county_look_checklists",
    "database_values",
    "export_folder",
    "machine_values",
    "poverty_line_count",
    "print_defaults",
    "print_defaults_of",
    "save",
    "save_identity",
    "save_settings",
    "seed_reference_data",
    "monitoring_lines_missing",
    "settings_values",
    "validate",
]
