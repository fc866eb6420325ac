"""The role table: every action a role lacks is refused with the role that may, and nothing is written;
every action the app names has a row for every role."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import func, select

import desktop_app
from desktop_app.domain.documents import PRINT_KINDS
from desktop_app.domain.errors import DomainError
from desktop_app.domain.procedure_rules import STEP_LABELS
from desktop_app.services import PermissionDenied, allowed, open_database, writing
from desktop_app.services import accounts as acc
from desktop_app.services.accounts.roles import seed
from desktop_app.services.procedure import ACTION_FORMS, BATCH_FORMS
from desktop_app.services.procedure.batch_forms import ACTION_FORMS as BATCH_ACTIONS
from desktop_app.storage.models import AppSetting
from desktop_app.storage.models_accounts import RolePermission

ROLE_ZH = {
    "member": "工作队员",
    "captain": "队长/第一书记",
    "township": "乡镇审核",
    "county_admin": "县级管理员",
    "auditor": "审计",
}


def _settings_rows(db) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(AppSetting)).scalar_one())


def test_role_labels() -> None:
    assert [acc.role_label(r) for r in acc.ROLE_KEYS] == list(ROLE_ZH.values())
    assert acc.role_label("township", "en") == "township reviewer"


@pytest.mark.parametrize("role", acc.ROLE_KEYS)
def test_every_action_a_role_lacks_is_refused_naming_who_may(role: str, open_as) -> None:
    db = open_as(role)
    before = _settings_rows(db)
    lacking = [item for item in seed() if role not in item.allow]
    assert role == "county_admin" or lacking  # every other role lacks something
    for item in lacking:
        with pytest.raises(PermissionDenied) as refused:
            with writing(db, item.action) as work:  # a use case that would write one row
                work.session.add(AppSetting(key=f"probe.{item.action}", value="x"))
        who = "、".join(ROLE_ZH[r] for r in acc.ROLE_KEYS if r in item.allow)
        assert str(refused.value) == f"您的角色（{ROLE_ZH[role]}）不能执行“{item.zh}”，需要：{who}。"
        assert refused.value.message_en.startswith(f"Your role ({acc.role_label(role, 'en')}) may not do")
    assert _settings_rows(db) == before  # nothing was written
    for item in seed():
        if role in item.allow:
            assert allowed(db, item.action), item.action


def test_an_action_without_a_row_is_for_the_administrator_only(open_as) -> None:
    member = open_as("member")
    with pytest.raises(PermissionDenied, match="需要：县级管理员"):
        with writing(member, "something.new"):
            pass
    assert allowed(open_as("county_admin"), "something.new")


def test_the_county_edits_the_table_and_the_edit_is_kept(county, open_as) -> None:
    admin = open_as("county_admin")
    acc.set_permission(admin, "member", "exchange.export", False)
    acc.set_permission(admin, "township", "household.save", True)
    table = acc.permission_table(admin)
    assert not table.allowed("member", "exchange.export") and table.allowed("township", "household.save")
    with pytest.raises(DomainError, match="始终允许"):
        acc.set_permission(admin, "member", "session.login", False)
    with pytest.raises(DomainError, match="必须保留"):
        acc.set_permission(admin, "county_admin", "roles.edit", False)
    with pytest.raises(DomainError, match="没有角色"):
        acc.set_permission(admin, "boss", "household.save", True)
    with pytest.raises(DomainError, match="没有操作"):
        acc.set_permission(admin, "member", "no.such.action", True)
    member = open_as("member")  # a new open reads the edited table; the shipped seed does not overwrite it
    assert not allowed(member, "exchange.export")
    with pytest.raises(PermissionDenied, match="修改角色权限表"):
        acc.set_permission(member, "member", "exchange.export", True)
    assert allowed(open_as("township"), "household.save")
    with admin.session() as session:
        row = session.get(RolePermission, ("member", "exchange.export"))
        assert row is not None and row.updated_by == "王芳"


def _family(prefix: str) -> list[str]:
    if prefix == "procedure.batch.":
        return [prefix + k for k in (*BATCH_FORMS, *BATCH_ACTIONS, "close")]
    if prefix == "procedure.":
        return [prefix + k for k in {*STEP_LABELS, *ACTION_FORMS}]
    if prefix == "print.":
        return [prefix + k for k in PRINT_KINDS]
    if prefix == "monitoring.":
        from desktop_app.domain.monitoring_steps import STEPS

        return [prefix + k for k in STEPS]
    raise AssertionError(f"an action name built at run time with an unknown prefix: {prefix!r}")


def actions_named_in_the_app() -> set[str]:
    """Every action passed to writing/record/require/allowed/run_write in desktop_app/ (literals and the
    f-string families of the procedure's steps and batches and of the print kinds)."""
    found: set[str] = set()
    root = Path(desktop_app.__file__).parent
    for path in root.rglob("*.py"):
        if "migrations" in path.parts or "generated" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("writing", "record", "require", "allowed", "run_write"):
                continue
            arg = node.args[1]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "." in arg.value:
                found.add(arg.value)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                found.update(_family(str(arg.values[0].value)))
    return found


def test_every_action_the_app_names_has_a_row_for_every_role(tmp_path) -> None:
    names = actions_named_in_the_app()
    assert {"household.save", "exchange.import", "procedure.county_approval", "procedure.batch.close"} <= names
    db = open_database(tmp_path / "seeded.sqlite")
    table = acc.permission_table(db)
    missing = sorted((role, action) for action in names for role in acc.ROLE_KEYS if (role, action) not in table.rows)
    assert missing == []
    labels = {action for action, _zh, _en in table.actions}
    assert names <= labels
    assert len({item.action for item in seed()}) == len(seed())  # one entry per action
    db.close()


def test_a_member_changes_this_computers_settings_but_not_the_countys(open_as) -> None:
    from desktop_app.services.settings import save_settings, settings_values

    member = open_as("member")
    save_settings(member, {"language": "en"})
    assert settings_values(member)["language"] == "en"
    with pytest.raises(PermissionDenied, match="保存设置"):
        save_settings(member, {"print.contact_phone": "0871-1234567"})
