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

from desktop_app.domain.funds import MeasureRules  # noqa: E402
from desktop_app.services.assistance.funds import (  # noqa: E402
    AllocationInput,
    DisbursementInput,
    FundInput,
    ProjectInput,
    add_fund,
    add_project,
    allocate,
    disburse,
    find_fund,
    find_project,
    remove_allocation,
    remove_disbursement,
)
from desktop_app.services.assistance.funds_base import (  # noqa: E402
    VillageRef,
    change_measure_rules,
    find_village,
    measure_rules,
)
from desktop_app.services.assistance.funds_ledger import (  # noqa: E402
    FlagRow,
    IndustryShortfall,
    LedgerRow,
    funds_ledger,
    industry_shortfalls,
    ledger_flags,
)
from desktop_app.services.assistance.funds_lists import (  # noqa: E402
    DisbursementRow,
    FundRow,
    ProjectRow,
    fund_list,
    household_disbursements,
    project_list,
    village_disbursements,
)
from desktop_app.services.assistance.measures import (  # noqa: E402
    DeliveryInput,
    DeliveryRow,
    deliver_measure,
    household_deliveries,
    remove_delivery,
    update_delivery,
    village_deliveries,
)
from desktop_app.services.assistance.plans import (  # noqa: E402
    PlanInput,
    PlanItem,
    PlanItemView,
    PlanView,
    household_plan,
    plan_years,
    save_plan,
)

__all__ += ["MeasureRules", "AllocationInput", "DisbursementInput", "DisbursementRow", "FundInput", "FundRow"]
__all__ += ["ProjectInput", "ProjectRow", "add_fund", "add_project", "allocate", "disburse", "fund_list"]
__all__ += ["household_disbursements", "project_list", "remove_allocation", "remove_disbursement"]
__all__ += ["village_disbursements", "VillageRef", "change_measure_rules", "find_village", "measure_rules"]
__all__ += ["FlagRow", "IndustryShortfall", "LedgerRow", "funds_ledger", "industry_shortfalls", "ledger_flags"]
__all__ += ["DeliveryInput", "DeliveryRow", "deliver_measure", "household_deliveries", "remove_delivery"]
__all__ += ["update_delivery", "village_deliveries", "PlanInput", "PlanItem", "PlanItemView", "PlanView"]
__all__ += ["household_plan", "plan_years", "save_plan", "find_fund", "find_project"]

# --- microcredit (part C) ----------------------------------------------------------------------------------
from desktop_app.domain.loan_schedule import Instalment, LoanState  # noqa: E402
from desktop_app.domain.loans import LoanProduct  # noqa: E402
from desktop_app.services.assistance.loans import (  # noqa: E402
    LoanInput,
    add_loan,
    extend,
    find_loan_id,
    remove_repayment,
    renew,
    repay,
    settle,
)
from desktop_app.services.assistance.loans_ledger import (  # noqa: E402
    Borrower,
    EligibleRow,
    LoanDetail,
    LoanRow,
    RepaymentRow,
    borrowers,
    eligible_not_borrowing,
    household_loans,
    loan_detail,
    loan_list,
    loan_totals,
    member_with_id,
)
from desktop_app.services.assistance.loans_rules import loan_products, save_loan_products  # noqa: E402
from desktop_app.services.assistance.loans_statement import (  # noqa: E402
    StatementLine,
    StatementReport,
    import_statement,
    preview_statement,
)

__all__ += ["EligibleRow", "Instalment", "LoanDetail", "LoanInput", "LoanProduct", "LoanRow", "LoanState"]
__all__ += ["RepaymentRow", "add_loan", "eligible_not_borrowing", "extend", "find_loan_id", "household_loans"]
__all__ += ["loan_detail", "loan_list", "loan_products", "loan_totals", "renew", "repay", "save_loan_products"]
__all__ += ["Borrower", "borrowers", "settle", "StatementLine", "StatementReport", "import_statement"]
__all__ += ["member_with_id", "preview_statement", "remove_repayment"]

# --- public-welfare posts and monthly migrant work (part D) --------------------------------------------------

from desktop_app.domain.posts import Finding as PostRuleFinding  # noqa: E402
from desktop_app.domain.posts import PostRules  # noqa: E402
from desktop_app.domain.work_months import WorkEntry, WorkMonthInvalid  # noqa: E402
from desktop_app.services.assistance.posts import (  # noqa: E402
    PostInput,
    add_post,
    apply_for_post,
    post_step,
    record_post_month,  # noqa: E402
)
from desktop_app.services.assistance.posts_check import PostFinding, posts_check  # noqa: E402
from desktop_app.services.assistance.posts_lookup import (  # noqa: E402
    Person,
    find_holder,
    find_post,
    posts_household,
    posts_member,
    posts_village,
    village_people,
)
from desktop_app.services.assistance.posts_read import (  # noqa: E402
    HolderRow,
    PostMonthRow,
    PostRow,
    household_posts,
    post_holders,
    post_list,
    post_months,
)
from desktop_app.services.assistance.posts_rules import change_post_rules, post_rules  # noqa: E402
from desktop_app.services.assistance.wages import RollUp, ledger_sums, recompute_wages, roll_wages  # noqa: E402
from desktop_app.services.assistance.work_months import (  # noqa: E402
    WorkRow,
    household_work,
    save_work_months,
    work_grid,
)

__all__ += ["HolderRow", "PostFinding", "PostInput", "PostMonthRow", "PostRow", "PostRuleFinding", "PostRules"]
__all__ += ["RollUp", "WorkEntry", "WorkMonthInvalid", "WorkRow", "add_post", "apply_for_post", "change_post_rules"]
__all__ += ["household_posts", "household_work", "ledger_sums", "post_holders", "post_list", "post_months"]
__all__ += ["post_rules", "post_step", "posts_check", "record_post_month", "roll_wages", "save_work_months"]
__all__ += ["find_holder", "posts_household", "posts_member", "find_post", "posts_village", "work_grid"]
__all__ += ["Person", "recompute_wages", "village_people"]
