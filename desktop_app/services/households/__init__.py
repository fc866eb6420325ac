"""Households: the card (open, check, save, history), the household actions, attachments, the derived
fields and the search index.

Front ends call the use cases that take the :class:`~desktop_app.services.Database` (``open_card``,
``save_card``, ``move_household``, …). Other capability packages, which run inside their own unit of work,
use the session-level pieces (``load_household``, ``refresh_card``, ``derive``, ``refresh_search_index``, …).
Everyone imports from here only.
"""

from desktop_app.services.households.actions import ACTIONS, ActionFacts, SplitResult
from desktop_app.services.households.attachments import (
    MAX_BYTES,
    AttachmentError,
    AttachmentInfo,
    add_attachment,
    attach_file,
    attachment_file,
    open_attachment,
    stored_path,
)
from desktop_app.services.households.cards import (
    CardData,
    card_assessment,
    card_history,
    check_card,
    find_cadres,
    load_card,
    open_card,
    save_card,
)
from desktop_app.services.households.derived import INCOME_COLUMNS, Derived, Person, derive, income_of
from desktop_app.services.households.forms import (
    CARD_FIELDS,
    GUARANTEES,
    HEAD,
    MEASURE_FIELDS,
    MEMBER_FIELDS,
    CadreForm,
    Choice,
    FieldError,
    HouseholdForm,
    HouseholdInvalid,
    MeasureForm,
    MemberForm,
)
from desktop_app.services.households.history import (
    ACTION_LABELS,
    ENTITY_LABELS,
    HistoryEntry,
    household_history,
    shown_value,
)
from desktop_app.services.households.operations import (
    HouseholdRef,
    action_facts,
    household_by_number,
    members_named,
    merge_households,
    move_household,
    remove_household,
    split_household,
)

# list and tree queries (uc-shell)
from desktop_app.services.households.queries import COLUMNS as COLUMNS
from desktop_app.services.households.queries import ChangedRows as ChangedRows
from desktop_app.services.households.queries import HouseholdFilter as HouseholdFilter
from desktop_app.services.households.queries import HouseholdRow as HouseholdRow
from desktop_app.services.households.queries import ListPage as ListPage
from desktop_app.services.households.queries import changed_rows as changed_rows
from desktop_app.services.households.queries import count_households as count_households
from desktop_app.services.households.queries import households_exist as households_exist
from desktop_app.services.households.queries import list_first_page as list_first_page
from desktop_app.services.households.queries import list_page as list_page
from desktop_app.services.households.queries import list_positions as list_positions
from desktop_app.services.households.records import (
    assess_form,
    cadre_choices,
    income_assessment,
    latest_line_year,
    load_household,
    new_household_form,
    next_household_number,
    poverty_lines,
    refresh_card,
    save_household,
    village_groups,
    year_assessment,  # noqa: E402
)
from desktop_app.services.households.search import (
    build_search_text,
    member_hits,
    name_keys,
    normalize_query,
    refresh_search_index,
    refresh_search_index_on,
    refresh_stale_search_text,
    search_terms,
)
from desktop_app.services.households.validation import check_member_id, validate
from desktop_app.services.households.yearly import YearFacts, follow_card, freeze_year, year_facts  # noqa: E402

__all__ = [
    "ACTIONS",
    "ACTION_LABELS",
    "CARD_FIELDS",
    "ENTITY_LABELS",
    "GUARANTEES",
    "HEAD",
    "INCOME_COLUMNS",
    "MAX_BYTES",
    "MEASURE_FIELDS",
    "MEMBER_FIELDS",
    "ActionFacts",
    "AttachmentError",
    "AttachmentInfo",
    "CadreForm",
    "CardData",
    "Choice",
    "Derived",
    "FieldError",
    "HistoryEntry",
    "HouseholdForm",
    "HouseholdInvalid",
    "HouseholdRef",
    "MeasureForm",
    "MemberForm",
    "Person",
    "SplitResult",
    "action_facts",
    "add_attachment",
    "assess_form",
    "attach_file",
    "attachment_file",
    "build_search_text",
    "cadre_choices",
    "card_assessment",
    "card_history",
    "check_card",
    "check_member_id",
    "derive",
    "find_cadres",
    "household_by_number",
    "household_history",
    "income_assessment",
    "income_of",
    "latest_line_year",
    "load_card",
    "load_household",
    "member_hits",
    "members_named",
    "merge_households",
    "move_household",
    "name_keys",
    "new_household_form",
    "next_household_number",
    "normalize_query",
    "open_attachment",
    "open_card",
    "poverty_lines",
    "refresh_card",
    "refresh_search_index",
    "refresh_search_index_on",
    "refresh_stale_search_text",
    "remove_household",
    "save_card",
    "save_household",
    "search_terms",
    "shown_value",
    "split_household",
    "stored_path",
    "validate",
    "village_groups",
    "year_assessment",
    "YearFacts",
    "follow_card",
    "freeze_year",
    "year_facts",
    "COLUMNS",
    "ChangedRows",
    "HouseholdFilter",
    "HouseholdRow",
    "ListPage",
    "changed_rows",
    "count_households",
    "households_exist",
    "list_first_page",
    "list_page",
    "list_positions",
]
