"""What opening a database adds for accounts: the role table's missing rows, and signing in.

``services.open_database`` calls :func:`prepare_database` once the schema and the reference data are
current. On a database with accounts the machine's typed operator name no longer signs anything: the
identity is empty until an account signs in (with ``user``), and without ``user`` the open is refused
(:class:`LoginRequired`, the CLI's exit 2) unless the caller signs in itself (the app's sign-in dialog).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop_app.domain.identity import Identity
from desktop_app.services.accounts import roles
from desktop_app.services.accounts.sessions import LoginRequired, SignInError, has_accounts, install, sign_in
from desktop_app.storage.database import Database

log = logging.getLogger(__name__)

Password = str | Callable[[], str] | None

NO_LOGIN = "此数据库已建立账户：请用 --user 指定账户，并通过 FUPIN_PASSWORD 或标准输入提供密码。"


def prepare_database(
    db: Database,
    *,
    user: str | None = None,
    password: Password = None,
    require_login: bool = True,
    operator_given: bool = False,
) -> None:
    """Seed the role table's missing rows, note whether the database has accounts and sign ``user`` in."""
    install()
    db.has_accounts = False  # the seed below is part of opening, before anybody signs in
    try:
        roles.seed_missing(db)
    except Exception:  # a read-only file or server still opens: an action without a row is the administrator's
        log.warning("the role table's missing rows could not be added", exc_info=True)
    db.has_accounts = has_accounts(db)
    if not db.has_accounts:
        if db.identity.signed_in:  # another database's account (a window switching files) signs as a name only
            db.identity = Identity(db.identity.name, db.identity.unit)
        if user is not None:
            raise SignInError(
                "no_accounts",
                "此数据库还没有账户，--user 无从登录；请先用 fupin users add 姓名 --role county_admin 建立县级管理员。",
                "This database has no accounts yet; create the first county administrator first.",
            )
        return
    db.identity = Identity()  # the typed operator (or another database's account) signs nothing here
    if operator_given:
        raise SignInError(
            "operator_with_accounts",
            "此数据库已建立账户，不能再用 --operator 署名；请用 --user 账户名登录。",
            "This database has accounts: sign in with --user instead of --operator.",
        )
    if user is None:
        if require_login:
            raise LoginRequired("login_required", NO_LOGIN, "This database has accounts: sign in with --user.")
        return
    secret = password() if callable(password) else password
    if secret is None:
        raise LoginRequired("login_required", NO_LOGIN, "No password was given.")
    sign_in(db, user, secret)
