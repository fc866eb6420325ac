"""Precise help kept as ledgers (精准帮扶台账): pairing cadres and monitoring contacts, the yearly help plan and
the measures delivered (一户一策), funds and disbursements, microcredit, public-welfare posts, monthly migrant
work and visits (DOMAIN.md §5, MONITORING.md §5, §8, §9).

The tables are ``storage.models_assist`` (plus ``models.Cadre`` and ``models_monitoring.HelpMeasure``); the
county's rules are data (``forms/pairing_rules.json``, ``measure_rules.json``, ``loan_products.json``,
``post_rules.json``, read by ``rules.load_rules``); docs/assistance.md says how it works. Front ends and other
packages import from here only. Each part adds its names below, in its own section.
"""

from desktop_app.domain.assistance import AssistError, month_text, plan_id, work_month_id, yuan

__all__: list[str] = ["AssistError", "month_text", "plan_id", "work_month_id", "yuan"]

# --- pairing, cadres, contacts, visits (part A) ---------------------------------------------------------
from desktop_app.services.assistance.pairing import (  # noqa: E402
    HouseholdBrief,
    PairingRow,
    end_pairing,
    find_village,
    household_brief,
    household_pairings,
    pair,
    role_code,
)
from desktop_app.services.assistance.pairing_coverage import (  # noqa: E402
    Coverage,
    HouseholdPairing,
    OverLimitRow,
    UncoveredRow,
    coverage_check,
    must_cover,
    village_pairings,
)
from desktop_app.services.assistance.pairing_roster import (  # noqa: E402
    CadreInput,
    CadreRow,
    add_cadre,
    cadre_list,
    find_cadre,
    search_cadres,
    update_cadre,
)
from desktop_app.services.assistance.pairing_rules import pairing_rules, save_pairing_rules  # noqa: E402
from desktop_app.services.assistance.visits import (  # noqa: E402
    VisitInput,
    VisitRow,
    VisitShortfall,
    add_visit,
    household_visits,
    visit_check,
    visit_tallies,
)

__all__ += [
    "CadreInput",
    "CadreRow",
    "Coverage",
    "HouseholdBrief",
    "HouseholdPairing",
    "OverLimitRow",
    "PairingRow",
    "UncoveredRow",
    "VisitInput",
    "VisitRow",
    "VisitShortfall",
    "add_cadre",
    "add_visit",
    "cadre_list",
    "coverage_check",
    "end_pairing",
    "find_cadre",
    "find_village",
    "household_brief",
    "household_pairings",
    "household_visits",
    "must_cover",
    "pair",
    "pairing_rules",
    "role_code",
    "save_pairing_rules",
    "search_cadres",
    "update_cadre",
    "visit_check",
    "village_pairings",
    "visit_tallies",
]

# --- plans, measures delivered, funds (part B) ------------------------------------------------------------

# --- microcredit (part C) ----------------------------------------------------------------------------------

# --- public-welfare posts and monthly migrant work (part D) --------------------------------------------------
