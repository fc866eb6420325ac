"""The identification, exit and adjustment procedure: one household's steps, a village's batches, look-back
rounds and monitoring.

Front ends call the use cases here with the ``Database`` (``use_cases`` for a household and the command line,
``batch_cases`` for the batches tab); each step or decision is one unit of work
(``writing(db, "procedure.<step>", household_id)``) and everything returned is plain data. The modules below
work on the caller's session: ``steps`` (one household's event log), ``batches`` and ``lookback`` (lists),
``members`` (成员变动), ``actions`` (a card action by name), ``forms`` (the step forms as data), ``view`` (reads).
Other packages use :func:`load_rules` and :func:`village_names` from here.
"""

from desktop_app.services.procedure.actions import ACTION_FORMS
from desktop_app.services.procedure.batch_cases import (
    BatchActionForm,
    VillageBatches,
    batch_action_form,
    batch_entries,
    create_batch,
    households_ready,
    new_batch_defaults,
    run_batch_action,
    village_batch_list,
)
from desktop_app.services.procedure.batch_forms import BATCH_FORMS, Closed
from desktop_app.services.procedure.batches import BatchSummary
from desktop_app.services.procedure.forms import (
    MAX_LOOK_NOTE,
    FieldSpec,
    FormSpec,
    describe_looks,
    form,
    look_groups,
    look_items,
    require,
)
from desktop_app.services.procedure.lookback import LookbackResult, MonitorRow
from desktop_app.services.procedure.places import VillagePlace, village_names
from desktop_app.services.procedure.steps import load_rules
from desktop_app.services.procedure.use_cases import (
    StepForm,
    change_procedure_rules,
    check_procedure,
    do_step,
    household_overview,
    household_overview_of,
    monitoring,
    perform_step,
    procedure_rules,
    re_enter_procedure,
    step_form,
    timeline_of_village,
    withdraw_step,
)
from desktop_app.services.procedure.view import Overview, StepMark, TimelineEntry

__all__ = [
    "ACTION_FORMS",
    "BATCH_FORMS",
    "MAX_LOOK_NOTE",
    "BatchActionForm",
    "BatchSummary",
    "Closed",
    "FieldSpec",
    "FormSpec",
    "LookbackResult",
    "MonitorRow",
    "Overview",
    "StepForm",
    "StepMark",
    "TimelineEntry",
    "VillageBatches",
    "VillagePlace",
    "batch_action_form",
    "batch_entries",
    "change_procedure_rules",
    "check_procedure",
    "create_batch",
    "describe_looks",
    "do_step",
    "form",
    "household_overview",
    "household_overview_of",
    "households_ready",
    "load_rules",
    "look_groups",
    "look_items",
    "monitoring",
    "new_batch_defaults",
    "perform_step",
    "procedure_rules",
    "re_enter_procedure",
    "require",
    "run_batch_action",
    "step_form",
    "timeline_of_village",
    "village_batch_list",
    "village_names",
    "withdraw_step",
]
