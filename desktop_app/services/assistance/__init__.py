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

# --- plans, measures delivered, funds (part B) ------------------------------------------------------------

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
