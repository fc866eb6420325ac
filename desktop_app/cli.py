"""The command line (``fupin``): the scripting interface for county IT staff, over the same services as the app.

Each command group lives in a module of ``desktop_app.commands`` with a ``register(subparsers)`` function;
add new modules to ``COMMAND_MODULES`` (imported explicitly: a missing module fails at once). The command
modules import their heavy parts inside the command functions, so ``fupin --help`` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from desktop_app import __version__
from desktop_app.commands import (
    areas,
    argparse_zh,
    audit,
    backup,
    codes,
    core,
    crypto,
    exchange,
    funds,
    gui,
    household,
    layouts,
    loans,
    merge,
    monitor,
    pairing,
    posts,
    procedure,
    quality,
    users,
)
from desktop_app.commands import print as print_
from desktop_app.errors import CliError, describe

# The command groups, in the order ``fupin --help`` lists them.
COMMAND_MODULES: tuple[ModuleType, ...] = (
    core,
    gui,
    procedure,
    exchange,
    layouts,
    print_,
    merge,
    household,
    areas,
    monitor,
    pairing,
    funds,
    loans,
    posts,
    quality,
    users,
    codes,
    audit,
    backup,
    crypto,
)

__all__ = ["COMMAND_MODULES", "CliError", "build_parser", "main"]


def build_parser(lang: str = "zh_CN") -> argparse.ArgumentParser:
    argparse_zh.install(lang)  # argparse's own words (usage, options, errors) in the CLI's language
    parser = argparse.ArgumentParser(
        prog="fupin",
        description="Fupin Desk 精准扶贫建档立卡：贫困户档案、识别程序、打印与 Excel 交换。",
    )
    parser.add_argument(
        "--version", action="version", version=f"fupin {__version__}", help=argparse_zh.VERSION_HELP.get(lang)
    )
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="数据库：SQLite 文件路径或 SQLAlchemy URL（如 postgresql+psycopg://user@host/db）；默认为用户数据目录中的文件",
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言：zh_CN 中文（默认），en 英文")
    parser.add_argument(
        "--operator", metavar="NAME", help="操作人员姓名，记入修改记录、程序步骤和冲突处理；默认为本机设置中的姓名"
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="登录账户名（数据库已建账户时必填）；密码取自环境变量 FUPIN_PASSWORD，或非终端时的标准输入，否则提示输入",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    parser = build_parser(argparse_zh.language_of(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if args.command is None:
        return int(gui.cmd_gui(_as_gui(args), None))
    db = None
    users.reset_login_password()
    try:
        if getattr(args, "needs_db", False):
            from desktop_app.services import open_database

            db = open_database(
                args.db,
                operator=args.operator,
                on_write_wait=_say_waiting,
                user=args.user,
                password=users.login_password,  # FUPIN_PASSWORD, else standard input, else a prompt
                require_login=getattr(args, "needs_login", True),
            )
        return int(args.func(args, db))
    except (Exception, KeyboardInterrupt) as exc:  # one Chinese line instead of a traceback; -v shows the details
        if not isinstance(exc, KeyboardInterrupt | CliError):
            logging.getLogger(__name__).debug("error reaching the user", exc_info=True)
        error = describe(exc)
        print(error.text if isinstance(exc, KeyboardInterrupt) else f"错误：{error.text}", file=sys.stderr)
        return error.exit_code
    finally:
        if db is not None:
            db.close()


def _say_waiting(message: str) -> None:
    """Told once per write that has to queue behind another program's write (e.g. a second import)."""
    print(message, file=sys.stderr, flush=True)


def _as_gui(args: argparse.Namespace) -> argparse.Namespace:
    """``fupin`` with no command starts the desktop app, as ``fupin gui`` does."""
    for name, default in (("qt_platform", None), ("qt_args", None), ("quit_after_ms", None)):
        if not hasattr(args, name):
            setattr(args, name, default)
    return args


if __name__ == "__main__":
    sys.exit(main())
