"""argparse's own words (usage, section titles, error lines) in Chinese when the command line speaks Chinese.

argparse looks its messages up through the module-level ``_`` and ``ngettext`` it imported from gettext, at
the moment it prints them; replacing those two names with a small table is all a catalog would do, without
shipping .mo files or importing anything heavy. Strings not in the table stay English (argparse's own
programming errors, which a user never sees).
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Sequence
from datetime import date

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r 被忽略",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "subcommands": "子命令",
}
VERSION_HELP = {"zh_CN": "显示程序版本并退出", "en": "show program's version number and exit"}


def _zh(message: str) -> str:
    return MESSAGES.get(message, message)


def _zh_plural(singular: str, plural: str, n: int) -> str:
    return MESSAGES.get(singular if n == 1 else plural, singular if n == 1 else plural)


def install(lang: str) -> None:
    """Make argparse print in ``lang`` ("zh_CN" or "en"); call before building the parser (the -h help
    text is translated when the parser is made)."""
    if lang == "en":
        argparse._ = gettext.gettext  # type: ignore[attr-defined]  # argparse's private gettext hook
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]  # its plural hook
    else:
        argparse._ = _zh  # type: ignore[attr-defined]  # argparse's private gettext hook
        argparse.ngettext = _zh_plural  # type: ignore[attr-defined]  # its plural hook


def language_of(argv: Sequence[str]) -> str:
    """The --lang given on the command line (before the parser exists to read it); Chinese by default."""
    items = list(argv)
    for i, item in enumerate(items):
        if item == "--":
            break
        if item == "--lang" and i + 1 < len(items):
            return "en" if items[i + 1] == "en" else "zh_CN"
        if item.startswith("--lang="):
            return "en" if item.split("=", 1)[1] == "en" else "zh_CN"
    return "zh_CN"


def day(text: str) -> date:
    """An argument type for dates, YYYY-MM-DD, refused in Chinese like argparse's own errors."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from exc
