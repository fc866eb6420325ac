"""The county's role table and the permission checker it answers through (``services.permissions``).

What each role may do is data: ``resources/permissions.json`` ships the considered default (one row per
role and action, with the action's Chinese and English label), copied into ``role_permission`` when a
database lacks a row, and edited by a county administrator (:func:`set_permission`). The checker reads the
table once per database and keeps it until an edit, so that asking costs a dictionary look-up.

Rules, in order: a database without accounts allows everything (as before accounts existed); with
accounts, nobody signed in may only do ``session.*``; a signed-in account that must still change the
password the administrator gave it may only do ``session.*`` and ``account.change_password``; otherwise its
role's row decides, and an action with no row is refused for every role but the county administrator.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from sqlalchemy import insert
from sqlmodel import select

from desktop_app.assets import asset_path
from desktop_app.domain.errors import DomainError
from desktop_app.services import permissions
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models_accounts import ROLES, RolePermission
from desktop_app.storage.types import utcnow

ROLE_KEYS: tuple[str, ...] = ("member", "captain", "township", "county_admin", "auditor")
assert ROLE_KEYS == ROLES  # the storage model and the role table name the same roles

ROLE_LABELS: Mapping[str, tuple[str, str]] = {
    "member": ("工作队员", "work-team member"),
    "captain": ("队长/第一书记", "captain / first secretary"),
    "township": ("乡镇审核", "township reviewer"),
    "county_admin": ("县级管理员", "county administrator"),
    "auditor": ("审计", "auditor"),
}
ADMIN_ROLE = "county_admin"
ALWAYS = ("session.",)  # signing in and out: every role, signed in or not; never editable
SIGNED_IN_ALWAYS = frozenset({"account.change_password"})  # own password, even while it must be changed
# the administrator may not take these from its own role (nobody could give them back)
ADMIN_KEEPS = frozenset({"users.manage", "roles.edit"})


def role_label(role: str, lang: str = "zh") -> str:
    zh, en = ROLE_LABELS.get(role, (role, role))
    return en if lang == "en" else zh


@dataclass(frozen=True)
class SeedAction:
    action: str
    zh: str
    en: str
    allow: frozenset[str]


@cache
def seed() -> tuple[SeedAction, ...]:
    """The shipped default table (``resources/permissions.json``)."""
    data = json.loads(asset_path("resources", "permissions.json").read_text(encoding="utf-8"))
    out = []
    for item in data["actions"]:
        allow = frozenset(item["allow"])
        unknown = allow - set(ROLE_KEYS)
        if unknown:
            raise ValueError(f"permissions.json: unknown role(s) {sorted(unknown)} for {item['action']}")
        out.append(SeedAction(item["action"], item["zh"], item["en"], allow))
    return tuple(out)


def seed_labels() -> dict[str, tuple[str, str]]:
    return {a.action: (a.zh, a.en) for a in seed()}


def action_label(action: str, lang: str = "zh") -> str:
    zh, en = seed_labels().get(action, (action, action))
    return en if lang == "en" else zh


@dataclass(frozen=True)
class PermissionTable:
    """The role table as the screens show it: roles across, actions down (with their labels)."""

    roles: tuple[str, ...]
    actions: list[tuple[str, str, str]]  # (action, label_zh, label_en)
    rows: Mapping[tuple[str, str], bool]

    def allowed(self, role: str, action: str) -> bool:
        found = self.rows.get((role, action))
        return role == ADMIN_ROLE if found is None else found


@dataclass
class _State:
    """What the checker knows about one open database (cached rows; the signed-in account's must-change)."""

    rows: dict[tuple[str, str], bool] | None = None
    must_change: bool = False


_states: dict[int, _State] = {}
_lock = threading.Lock()


def state(db: Database) -> _State:
    key = id(db)
    with _lock:
        found = _states.get(key)
        if found is None:
            found = _states[key] = _State()
            weakref.finalize(db, _states.pop, key, None)
        return found


def forget_rows(db: Database) -> None:
    state(db).rows = None


def _rows(db: Database) -> dict[tuple[str, str], bool]:
    current = state(db)
    if current.rows is None:
        with reading(db) as session:
            found = session.exec(select(RolePermission)).all()
            current.rows = {(r.role, r.action): bool(r.allowed) for r in found}
    return current.rows


def _who_may(rows: Mapping[tuple[str, str], bool], action: str) -> list[str]:
    known = [role for role in ROLE_KEYS if (role, action) in rows]
    if not known:
        return [ADMIN_ROLE]
    return [role for role in ROLE_KEYS if rows.get((role, action), False)]


def refusal_text(rows: Mapping[tuple[str, str], bool], role: str, action: str) -> tuple[str, str]:
    """ "您的角色（工作队员）不能执行“县级审批”，需要：县级管理员。" and its English."""
    may = _who_may(rows, action)
    label_zh, label_en = action_label(action, "zh"), action_label(action, "en")
    if may:
        need_zh = "需要：" + "、".join(role_label(r) for r in may) + "。"
        need_en = "it needs: " + ", ".join(role_label(r, "en") for r in may) + "."
    else:
        need_zh = "目前没有角色可以执行；请县级管理员在角色权限表中开放。"
        need_en = "no role may do it now; a county administrator can allow it in the role table."
    return (
        f"您的角色（{role_label(role)}）不能执行“{label_zh}”，{need_zh}",
        f"Your role ({role_label(role, 'en')}) may not do '{label_en}'; {need_en}",
    )


def check(db: Database, action: str) -> tuple[str, str] | None:
    """The checker installed into ``services.permissions`` (see the module docstring for the rules)."""
    if not db.has_accounts or action.startswith(ALWAYS):
        return None
    identity = db.identity
    if not identity.signed_in:
        return (
            "此数据库已建立账户：请先登录后再操作。",
            "This database has accounts: sign in first.",
        )
    if action in SIGNED_IN_ALWAYS:
        return None
    if state(db).must_change:
        return (
            "请先修改管理员设置的初始密码，然后再继续（“文件 → 修改密码”，或 fupin users passwd 您的账户名）。",
            "Change the password the administrator gave you first (File → Change password, or fupin users passwd).",
        )
    rows = _rows(db)
    found = rows.get((identity.role, action))
    allowed = identity.role == ADMIN_ROLE if found is None else found
    return None if allowed else refusal_text(rows, identity.role, action)


def install() -> None:
    """Make this module's :func:`check` the one permission checker (idempotent)."""
    permissions.install_checker(check)


def seed_missing(db: Database) -> int:
    """Copy the shipped defaults for every (role, action) the database's table lacks; the county's own edits
    stay. Returns the rows added (0 on a database that has them all: then nothing is written)."""
    with reading(db) as session:
        have = {(r, a) for r, a in session.exec(select(RolePermission.role, RolePermission.action)).all()}
    missing = [(role, item) for item in seed() for role in ROLE_KEYS if (role, item.action) not in have]
    if not missing:
        return 0
    at = utcnow()
    values = [
        {"role": role, "action": item.action, "allowed": role in item.allow, "updated_by": "", "updated_at": at}
        for role, item in missing
    ]
    with writing(db, "roles.seed") as work:
        work.session.execute(insert(RolePermission), values)  # one statement: this runs at every first open
        work.touch(entities=["role_permission"])
        work.details["rows"] = len(missing)
    forget_rows(db)
    return len(missing)


def permission_table(db: Database) -> PermissionTable:
    """The table as stored (shipped actions first, in the seed's order, then any the county's database adds)."""
    rows = dict(_rows(db))
    labels = seed_labels()
    actions = [(a.action, a.zh, a.en) for a in seed()]
    extra = sorted({action for _role, action in rows} - set(labels))
    actions += [(action, action, action) for action in extra]
    return PermissionTable(ROLE_KEYS, actions, rows)


def set_permission(db: Database, role: str, action: str, allowed: bool) -> None:
    """A county's edit of one cell of the table (``roles.edit``; recorded with the old and new value)."""
    if role not in ROLE_KEYS:
        choices = "、".join(ROLE_KEYS)
        raise DomainError("bad_role", f"没有角色“{role}”；可用：{choices}。", f"No role {role!r}.")
    if action.startswith(ALWAYS) or action in SIGNED_IN_ALWAYS:
        raise DomainError(
            "fixed_permission",
            f"“{action_label(action)}”对所有角色始终允许，不能修改。",
            f"'{action_label(action, 'en')}' is always allowed for every role.",
        )
    if role == ADMIN_ROLE and action in ADMIN_KEEPS and not allowed:
        raise DomainError(
            "fixed_permission",
            f"县级管理员必须保留“{action_label(action)}”，否则无人能够恢复权限。",
            f"The county administrator keeps '{action_label(action, 'en')}', or nobody could restore it.",
        )
    known = set(seed_labels()) | {a for _r, a in _rows(db)}
    if action not in known:
        raise DomainError("bad_action", f"角色权限表中没有操作“{action}”。", f"The role table has no {action!r}.")
    with writing(db, "roles.edit", None) as work:
        row = work.session.get(RolePermission, (role, action))
        before = None if row is None else bool(row.allowed)
        row = row or RolePermission(role=role, action=action)
        row.allowed = allowed
        row.updated_by = db.identity.signature
        row.updated_at = utcnow()
        work.session.add(row)
        work.details.update({"role": role, "permission": action, "before": before, "after": allowed})
    forget_rows(db)
