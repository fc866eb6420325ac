"""``fupin users …`` and ``fupin roles …``: accounts and the county's role table, for scripts.

Passwords never go on the command line: the login password comes from ``FUPIN_PASSWORD``, else the first
line of standard input when it is not a terminal, else a prompt; a new password likewise from
``FUPIN_NEW_PASSWORD``, the next line of standard input, or a prompt (asked twice). Exit codes: 0 done, 1
refused or invalid (a role that may not, a weak password, an unknown name), 2 no login, a wrong password or a
locked account.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from desktop_app.errors import EXIT_PROBLEMS, CliError

if TYPE_CHECKING:  # the parser is built without the database layer (fast --help)
    from desktop_app.services import Database

LOGIN_VARIABLE = "FUPIN_PASSWORD"
NEW_VARIABLE = "FUPIN_NEW_PASSWORD"
ROLE_KEYS = ("member", "captain", "township", "county_admin", "auditor")  # checked against the service's

_login_secret: list[str] = []


def _read_secret(variable: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CliError(f"没有提供密码：请设置环境变量 {variable}，或从标准输入提供。")
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("请再输入一次：") != first:
        raise CliError("两次输入的密码不一致；没有任何改动。", EXIT_PROBLEMS)
    return first


def login_password() -> str:
    """The login password (read once per run: ``users passwd`` reuses it as the old password)."""
    if not _login_secret:
        _login_secret.append(_read_secret(LOGIN_VARIABLE, "密码："))
    return _login_secret[0]


def reset_login_password() -> None:
    _login_secret.clear()


def new_password() -> str:
    return _read_secret(NEW_VARIABLE, "新密码：", confirm=True)


def register(sub: Any) -> None:
    p = sub.add_parser("users", help="账户：新增、列出、停用/启用、修改密码、用恢复码找回管理员")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser(
        "add", help="新增账户（新密码取自 FUPIN_NEW_PASSWORD 或标准输入）；尚无账户时第一个须为 county_admin"
    )
    a.add_argument("name", metavar="NAME", help="账户名（本人姓名，如 王芳）")
    a.add_argument("--role", required=True, choices=ROLE_KEYS, help="角色：" + "、".join(ROLE_KEYS))
    a.add_argument("--area", metavar="CODE", help="只负责此区域（乡镇或村的代码）；默认整个数据库")
    a.add_argument("--unit", default="", metavar="UNIT", help="工作队或单位")
    a.set_defaults(func=cmd_add)
    li = actions.add_parser("list", help="列出账户")
    li.add_argument("--json", action="store_true", help="以 JSON 输出")
    li.set_defaults(func=cmd_list)
    for verb, text in (("disable", "停用账户（历史记录保留）"), ("enable", "重新启用账户")):
        d = actions.add_parser(verb, help=text)
        d.add_argument("name", metavar="NAME")
        d.set_defaults(func=cmd_disable, disabled=verb == "disable")
    pw = actions.add_parser("passwd", help="修改本人密码，或由县级管理员重置他人的密码")
    pw.add_argument("name", metavar="NAME")
    pw.set_defaults(func=cmd_passwd)
    r = actions.add_parser("recover", help="县级管理员用建立账户时打印的恢复码重设密码（无须登录）")
    r.add_argument("name", metavar="NAME")
    r.add_argument("--code", required=True, metavar="CODE", help="恢复码，如 K7QF-3MXD-…")
    r.set_defaults(func=cmd_recover, needs_login=False)
    for parser in actions.choices.values():
        parser.set_defaults(needs_db=True)

    p = sub.add_parser("roles", help="角色权限表：列出，或由县级管理员修改某一格")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    rl = actions.add_parser("list", help="列出每个操作哪些角色可以执行")
    rl.add_argument("--json", action="store_true", help="以 JSON 输出")
    rl.set_defaults(func=cmd_roles_list, needs_db=True)
    rs = actions.add_parser("set", help="允许或禁止某角色执行某操作")
    rs.add_argument("role", metavar="ROLE", choices=ROLE_KEYS)
    rs.add_argument("permission", metavar="ACTION", help="操作名，如 household.save（见 fupin roles list）")
    rs.add_argument("value", metavar="allow|deny", choices=("allow", "deny"))
    rs.set_defaults(func=cmd_roles_set, needs_db=True)


def _refused(exc: Exception) -> CliError:
    """A refusal of the accounts service as the CLI's one line: exit 2 for sign-in problems, else 1."""
    from desktop_app.errors import describe

    error = describe(exc)
    return CliError(error.text, error.exit_code if error.exit_code != 2 or _is_sign_in(exc) else EXIT_PROBLEMS)


def _is_sign_in(exc: Exception) -> bool:
    from desktop_app.services.accounts import SignInError

    return isinstance(exc, SignInError)


def cmd_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services import accounts

    try:
        if not accounts.has_accounts(db):
            if args.role != "county_admin":
                raise CliError("此数据库还没有账户：第一个账户必须是县级管理员（--role county_admin）。", EXIT_PROBLEMS)
            code = accounts.create_first_admin(db, args.name, args.unit, new_password())
            print(f"已建立第一个县级管理员：{args.name}。此后每个命令都需要 --user 登录。")
            print(f"恢复码（只显示这一次，请打印或抄下，妥善保管）：{code}")
            print("忘记密码时：fupin users recover 账户名 --code 恢复码")
            return 0
        accounts.add_user(
            db, args.name, args.role, password=new_password(), unit=args.unit, area_code=args.area or None
        )
    except DomainError as exc:
        raise _refused(exc) from exc
    print(f"已新增账户：{args.name}（{accounts.role_label(args.role)}）。首次登录后须修改密码。")
    return 0


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services import accounts

    try:
        views = accounts.list_users(db)
    except DomainError as exc:
        raise _refused(exc) from exc
    if args.json:
        rows = [
            {
                "name": v.name,
                "unit": v.unit,
                "role": v.role,
                "area_code": v.area_code,
                "disabled": v.disabled,
                "must_change": v.must_change,
                "locked_until": v.locked_until.isoformat() if v.locked_until else None,
                "last_login_at": v.last_login_at.isoformat() if v.last_login_at else None,
            }
            for v in views
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for v in views:
        state = "已停用" if v.disabled else "须改密码" if v.must_change else "正常"
        area = f"  区域 {v.area_code}" if v.area_code else ""
        last = v.last_login_at.astimezone().strftime("%Y-%m-%d %H:%M") if v.last_login_at else "从未登录"
        unit = f"（{v.unit}）" if v.unit else ""
        print(f"{v.name}{unit}  {accounts.role_label(v.role)}  {state}{area}  最近登录：{last}")
    return 0


def cmd_disable(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services import accounts

    try:
        accounts.set_disabled(db, args.name, args.disabled)
    except DomainError as exc:
        raise _refused(exc) from exc
    print(f"账户 {args.name} 已{'停用' if args.disabled else '启用'}。")
    return 0


def cmd_passwd(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services import accounts

    own = db.identity.signed_in and " ".join(args.name.split()) == db.identity.name
    try:
        if own:
            accounts.change_password(db, login_password(), new_password())
            print("您的密码已修改。")
        else:
            accounts.reset_password(db, args.name, new_password())
            print(f"已重置 {args.name} 的密码；对方下次登录后须修改密码。")
    except DomainError as exc:
        raise _refused(exc) from exc
    return 0


def cmd_recover(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services import accounts

    try:
        code = accounts.recover_admin(db, args.name, args.code, new_password())
    except DomainError as exc:
        raise _refused(exc) from exc
    print(f"已为 {args.name} 设置新密码，旧恢复码已作废。")
    print(f"新的恢复码（只显示这一次，请打印或抄下，妥善保管）：{code}")
    return 0


def cmd_roles_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services import accounts

    table = accounts.permission_table(db)
    if args.json:
        rows = [
            {"action": action, "zh": zh, "en": en, "allowed": [r for r in table.roles if table.allowed(r, action)]}
            for action, zh, en in table.actions
        ]
        print(json.dumps({"roles": list(table.roles), "actions": rows}, ensure_ascii=False, indent=1))
        return 0
    print("角色：" + "、".join(f"{r}={accounts.role_label(r)}" for r in table.roles))
    for action, zh, _en in table.actions:
        marks = " ".join("✓" if table.allowed(r, action) else "·" for r in table.roles)
        print(f"{marks}  {action}  {zh}")
    return 0


def cmd_roles_set(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services import accounts

    try:
        accounts.set_permission(db, args.role, args.permission, args.value == "allow")
    except DomainError as exc:
        raise _refused(exc) from exc
    label = accounts.action_label(args.permission)
    print(f"{accounts.role_label(args.role)}：“{label}”已{'允许' if args.value == 'allow' else '禁止'}。")
    return 0
