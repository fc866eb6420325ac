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
