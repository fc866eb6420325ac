"""Encryption commands: ``fupin encrypt`` / ``fupin decrypt``, and the password of an encrypted database.

The password is read the way the login reads it: the ``FUPIN_PASSWORD`` variable, else standard input when
it is not a terminal, else a prompt that does not echo. It is read once per run (encrypt needs the same
password that signed in).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop_app.commands.users import login_password

if TYPE_CHECKING:
    from desktop_app.services import Database


def register(sub: Any) -> None:
    e = sub.add_parser("encrypt", help="加密数据库文件（SQLCipher）；须以管理员身份（--user）执行")
    e.add_argument("--keep-plain", action="store_true", help="保留加密前的未加密原文件（默认删除）")
    e.add_argument(
        "--remove-plain-copies", action="store_true", help="加密后删除同一文件夹中旧的未加密副本（如升级前的备份）"
    )
    e.set_defaults(func=cmd_encrypt, needs_db=True)
    d = sub.add_parser("decrypt", help="取消数据库加密（变回普通 SQLite 文件）；须以管理员身份（--user）执行")
    d.set_defaults(func=cmd_decrypt, needs_db=True)


def _admin(args: argparse.Namespace, db: Database) -> str:
    from desktop_app.errors import CliError

    name = args.user or db.identity.name
    if not name:
        raise CliError("请用 --user 给出管理员账户名。")
    return str(name)


def cmd_encrypt(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.encryption import WITHOUT_WRAP, encrypt_database, remove_plain_copies

    name = _admin(args, db)
    result = encrypt_database(db, name, login_password(), keep_plain=args.keep_plain)
    print(f"已加密：{result.path}（{result.tables} 张表，{result.rows} 行，{result.seconds:.1f} 秒）。")
    print(f"密钥文件：{result.path.name}.keys（必须与数据库放在一起；备份时一并复制）。")
    if result.kept_plain is not None:
        print(f"未加密的原文件保留为 {result.kept_plain}：其中的数据没有加密，请妥善保管或删除。")
    for account in result.accounts_without_wrap:
        print(f"账户 {account}：{WITHOUT_WRAP}。")
    if result.plain_copies:
        if args.remove_plain_copies:
            print(f"已删除 {remove_plain_copies(result.plain_copies)} 个旧的未加密副本。")
        else:
            print("注意：以下旧副本没有加密（可加 --remove-plain-copies 删除）：")
            for path in result.plain_copies:
                print(f"  {path}")
    return 0


def cmd_decrypt(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.encryption import decrypt_database

    name = _admin(args, db)
    result = decrypt_database(db, name, login_password())
    print(f"已取消加密：{result.path}（{result.tables} 张表，{result.rows} 行，{result.seconds:.1f} 秒）。")
    if result.backup is not None:
        print(f"取消加密前的加密备份：{result.backup}（及其密钥文件 {result.backup.name}.keys）。")
    return 0
