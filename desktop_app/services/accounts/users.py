"""The administrator's work on accounts: add, reset a password, disable and enable, list.

Every change is a unit of work ``users.manage`` (so the role table decides who may, and the audit chain
keeps who did it); listing is ``users.view``. The last enabled county administrator can never be disabled,
and nobody disables their own account, so that a database always keeps someone who can manage it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from desktop_app.domain.errors import DomainError
from desktop_app.services import permissions
from desktop_app.services.accounts import keywraps, passwords, roles
from desktop_app.services.accounts.sessions import (
    clean_name,
    clean_unit,
    find_account,
    has_accounts,
)
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area
from desktop_app.storage.models_accounts import Account
from desktop_app.storage.types import new_uuid, utcnow


@dataclass(frozen=True)
class AccountView:
    """One account as the users screen and ``fupin users list`` show it (no hashes)."""

    id: str
    name: str
    unit: str
    role: str
    area_code: str | None
    disabled: bool
    must_change: bool
    locked_until: datetime | None
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        return roles.role_label(self.role)


def view_of(account: Account) -> AccountView:
    return AccountView(
        account.id,
        account.name,
        account.unit,
        account.role,
        account.area_code,
        bool(account.disabled),
        bool(account.must_change),
        account.locked_until,
        account.last_login_at,
    )


def check_role(role: str) -> str:
    if role not in roles.ROLE_KEYS:
        choices = "、".join(f"{key}（{roles.role_label(key)}）" for key in roles.ROLE_KEYS)
        raise DomainError("bad_role", f"没有角色“{role}”；可用：{choices}。", f"No role {role!r}.")
    return role


def _check_area(session: Session, area_code: str | None) -> str | None:
    code = (area_code or "").strip()
    if not code:
        return None
    if session.exec(select(Area.id).where(col(Area.code) == code)).first() is None:
        raise DomainError(
            "bad_area",
            f"没有代码为 {code} 的区域；请先设置工作区域，或用区域代码（如乡镇、村的 12 位代码）。",
            f"No area with code {code}.",
        )
    return code


def _account(session: Session, name: str) -> Account:
    found = find_account(session, clean_name(name))
    if found is None:
        raise DomainError("no_account", f"没有名为“{name}”的账户。", f"No account named {name!r}.")
    return found


def add_user(
    db: Database, name: str, role: str, *, password: str, unit: str = "", area_code: str | None = None
) -> None:
    """A new account that must change its password at the first sign-in (``users.manage``)."""
    name, unit, role = clean_name(name), clean_unit(unit), check_role(role)
    if not has_accounts(db):
        raise DomainError(
            "no_administrator",
            "此数据库还没有账户：请先建立第一个县级管理员（fupin users add 姓名 --role county_admin）。",
            "This database has no account yet: create the first county administrator first.",
        )
    passwords.check_password(password, name)
    password_hash = passwords.hash_secret(password)
    with writing(db, "users.manage") as work:
        if find_account(work.session, name) is not None:
            raise DomainError("account_exists", f"已有名为“{name}”的账户。", f"An account named {name!r} exists.")
        code = _check_area(work.session, area_code)
        account = Account(id=new_uuid(), name=name, unit=unit, role=role, area_code=code, password_hash=password_hash)
        work.session.add(account)
        work.subject = account.id
        work.details.update({"operation": "add", "name": name, "role": role, "area": code})
        keywraps.password_changed(db, name, None, password)


def reset_password(db: Database, name: str, new_password: str) -> None:
    """An administrator gives ``name`` a new password: it must be changed at the next sign-in; unlocks."""
    passwords.check_password(new_password, clean_name(name))
    password_hash = passwords.hash_secret(new_password)
    with writing(db, "users.manage") as work:
        account = _account(work.session, name)
        account.password_hash = password_hash
        account.must_change = True
        account.failed_count = 0
        account.locked_until = None
        account.updated_at = utcnow()
        work.session.add(account)
        work.subject = account.id
        work.details.update({"operation": "reset_password", "name": account.name})
        keywraps.password_changed(db, account.name, None, new_password)


def _enabled_admins(session: Session) -> int:
    query = select(func.count()).select_from(Account)
    query = query.where(col(Account.role) == roles.ADMIN_ROLE, col(Account.disabled).is_(False))
    return int(session.exec(query).one())


def set_disabled(db: Database, name: str, disabled: bool) -> None:
    """Disable (or enable again) an account; a disabled account cannot sign in, its history stays."""
    with writing(db, "users.manage") as work:
        account = _account(work.session, name)
        if disabled and account.id == db.identity.account_id:
            raise DomainError("disable_self", "不能停用自己的账户。", "You cannot disable your own account.")
        if disabled and account.role == roles.ADMIN_ROLE and not account.disabled and _enabled_admins(work.session) < 2:
            raise DomainError(
                "last_administrator",
                "这是最后一个可用的县级管理员账户，不能停用；请先添加另一个县级管理员。",
                "This is the last enabled county administrator.",
            )
        account.disabled = disabled
        account.updated_at = utcnow()
        work.session.add(account)
        work.subject = account.id
        work.details.update({"operation": "disable" if disabled else "enable", "name": account.name})
        if disabled:
            keywraps.account_disabled(db, account.name)


def list_users(db: Database) -> list[AccountView]:
    """Every account, by role (in the table's order) then name (``users.view``)."""
    permissions.require(db, "users.view")
    with reading(db) as session:
        found = session.exec(select(Account)).all()
        views = [view_of(a) for a in found]
    order = {role: i for i, role in enumerate(roles.ROLE_KEYS)}
    return sorted(views, key=lambda v: (order.get(v.role, 99), v.name))


def current_account(db: Database) -> AccountView | None:
    """The signed-in account (None when nobody is signed in)."""
    if not db.identity.signed_in:
        return None
    with reading(db) as session:
        found = session.get(Account, db.identity.account_id)
        return None if found is None else view_of(found)
