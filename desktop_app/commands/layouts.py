"""``fupin layouts list [--json]``: the national layouts `fupin export --layout` writes and `fupin import` reads.

The shipped layouts (bank-list, monitoring, households, work-months) and a county's own files dropped into
``<data folder>/layouts/`` (docs/layouts.md); ``exchange`` is the app's own workbook, not a layout file.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("layouts", help="国家系统版式：列出可导出、可识别导入的表格版式")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="列出全部版式（内置的和县里自己的）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出（含每个版式的全部表头）")
    q.set_defaults(func=cmd_list, needs_db=False)


def cmd_list(args: argparse.Namespace, db: Any = None) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services.exchange import all_layouts

    try:
        items = all_layouts()
    except DomainError as exc:  # a county's layout file that cannot be read
        raise CliError(exc.message_zh) from exc
    if args.json:
        print(json.dumps([item.to_json() for item in items], ensure_ascii=False, indent=2))
        return 0
    print("exchange        本程序的交换工作簿（fupin export 的默认）")
    for item in items:
        origin = "县级" if item.origin == "county" else "内置"
        keys = "、".join(k for k in (item.household_key, item.person_key) if k)
        print(
            f"{item.name:<15} {item.title}（{origin}，{len(item.columns)} 列，"
            f"表头在第 {item.header_row} 行，键：{keys}）"
        )
    return 0
