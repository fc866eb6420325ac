"""Accounts and roles: local accounts (Argon2id), sign-in with slow-down, lockout and recovery, the county's
role table and the checker it installs into ``services.permissions``, the area an account is bound to, and
masking of resident IDs for roles that do not need them. See docs/accounts.md.

Front ends and other packages import from here only.
"""

from desktop_app.services.accounts.masking import may_see_full_ids, reveal_id
from desktop_app.services.accounts.opening import prepare_database
from desktop_app.services.accounts.passwords import password_problem
from desktop_app.services.accounts.roles import (
    ROLE_KEYS,
    ROLE_LABELS,
    PermissionTable,
    action_label,
    permission_table,
    role_label,
    set_permission,
)
from desktop_app.services.accounts.sessions import (
    LoginRequired,
    SignInError,
    change_password,
    create_first_admin,
    has_accounts,
    install,
    must_change_password,
    recover_admin,
    sign_in,
    sign_out,
)
from desktop_app.services.accounts.users import (
    AccountView,
    add_user,
    current_account,
    list_users,
    reset_password,
    set_disabled,
)

__all__ = [
    "ROLE_KEYS",
    "ROLE_LABELS",
    "AccountView",
    "LoginRequired",
    "PermissionTable",
    "SignInError",
    "action_label",
    "add_user",
    "change_password",
    "create_first_admin",
    "current_account",
    "has_accounts",
    "install",
    "list_users",
    "may_see_full_ids",
    "must_change_password",
    "password_problem",
    "permission_table",
    "prepare_database",
    "recover_admin",
    "reset_password",
    "reveal_id",
    "role_label",
    "set_disabled",
    "set_permission",
    "sign_in",
    "sign_out",
]
