"""Monitoring since 2021 (防止返贫监测帮扶): monitoring lines, yearly income records, monitoring cases with the
15-day procedure, help measures and their checks, early warnings and department alerts, risk removal.

The domain is MONITORING.md; the tables are ``storage.models_monitoring``; docs/monitoring.md says how it works.
Front ends and other packages import from here only. Each part adds its names below, in its own section.
"""

__all__: list[str] = []

# --- cases, steps, deadlines, rules and the invariant check --------------------------------------------

from desktop_app.domain.monitoring_rules import MonitorError, MonitorRules, term_for  # noqa: E402
from desktop_app.services.monitoring.listing import CaseDetail, CaseEventRow, CaseRow  # noqa: E402
from desktop_app.services.monitoring.use_cases import (  # noqa: E402
    Finding,
    NewHousehold,
    actions_allowed,
    case_detail,
    case_list,
    change_monitor_rules,
    check_monitoring,
    do_action,
    household_cases,
    monitor_rules,
    monitor_step_form,
    open_clue,
)

__all__ += [
    "CaseDetail",
    "CaseEventRow",
    "CaseRow",
    "Finding",
    "MonitorError",
    "MonitorRules",
    "NewHousehold",
    "actions_allowed",
    "case_detail",
    "case_list",
    "change_monitor_rules",
    "check_monitoring",
    "do_action",
    "household_cases",
    "monitor_rules",
    "monitor_step_form",
    "open_clue",
    "term_for",
]


# --- monitoring lines and yearly income records --------------------------------------------------------

from desktop_app.services.monitoring.income import (  # noqa: E402
    CountedMember,
    IncomeRow,
    IncomeSheet,
    IncomeSheetInvalid,
    SheetLine,
    income_for,
    income_sheet,
    income_window,
    income_years,
    latest_income,
    save_income_sheet,
    write_income_sheet,
)
from desktop_app.services.monitoring.lines import (  # noqa: E402
    LineListRow,
    LineRow,
    delete_line,
    line_amount,
    line_for,
    list_lines,
    region_prefix,
    set_line,
)

__all__ += ["CountedMember", "IncomeRow", "IncomeSheet", "IncomeSheetInvalid", "SheetLine", "income_for"]
__all__ += ["income_sheet", "income_window", "income_years", "latest_income", "save_income_sheet"]
__all__ += ["write_income_sheet"]
__all__ += ["LineListRow", "LineRow", "delete_line", "line_amount", "line_for", "list_lines", "region_prefix"]
__all__ += ["set_line"]


# --- help measures, their checks, early warnings and department alerts ---------------------------------

from desktop_app.services.monitoring.alerts import AlertClue, AlertLine, AlertReport, import_alerts  # noqa: E402
from desktop_app.services.monitoring.help_checks import HelpFinding, help_check  # noqa: E402
from desktop_app.services.monitoring.measures import (  # noqa: E402
    HelpRow,
    add_help_measure,
    development_implemented,
    help_measures,
    remove_help_measure,
    update_help_measure,
)
from desktop_app.services.monitoring.warnings import (  # noqa: E402
    VISIT_REASONS,
    IncomeWarning,
    MustVisit,
    income_warnings,
    must_visit,
)

__all__ += [
    "VISIT_REASONS",
    "AlertClue",
    "AlertLine",
    "AlertReport",
    "HelpFinding",
    "HelpRow",
    "IncomeWarning",
    "MustVisit",
    "add_help_measure",
    "development_implemented",
    "help_check",
    "help_measures",
    "import_alerts",
    "income_warnings",
    "must_visit",
    "remove_help_measure",
    "update_help_measure",
]


# --- batches of monitoring evaluations and notices ---------------------------------------------------

from desktop_app.services.monitoring.batches import (  # noqa: E402
    MONITOR_BATCH_KINDS,
    MonitorBatch,
    MonitorBatchMember,
    close_monitor_notice,
    hold_monitor_evaluation,
    monitor_batches,
    ready_for_batch,
    start_monitor_notice,
)

__all__ += [
    "MONITOR_BATCH_KINDS",
    "MonitorBatch",
    "MonitorBatchMember",
    "close_monitor_notice",
    "hold_monitor_evaluation",
    "monitor_batches",
    "ready_for_batch",
    "start_monitor_notice",
]


# --- the monitoring list as an Excel export -----------------------------------------------------------

from desktop_app.services.monitoring.export import export_cases  # noqa: E402

__all__ += ["export_cases"]
