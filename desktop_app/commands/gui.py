"""``fupin gui``: the desktop app (the same as ``fupin`` with no command)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("gui", help="打开桌面程序（与不带命令运行 fupin 相同）")
    p.add_argument("--quit-after-ms", type=int, metavar="N", help=argparse.SUPPRESS)
    p.add_argument("-platform", dest="qt_platform", metavar="NAME", help="Qt 平台插件，如 offscreen")
    p.add_argument("qt_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_gui, needs_db=False)


def cmd_gui(args: argparse.Namespace, _db: None) -> int:
    from desktop_app.ui.app import run_from_cli

    if args.qt_platform:
        args.qt_args = ["-platform", args.qt_platform, *(args.qt_args or [])]
    return run_from_cli(args)
