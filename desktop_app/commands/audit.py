"""Audit commands: verify every device's chain, list entries, export them to a workbook."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:
    from desktop_app.services import Database


def _filters(p: Any) -> None:
    p.add_argument("--user", metavar="U", help="只列出该用户的记录")
    p.add_argument("--action", metavar="A", help="只列出该操作（如 household.save，或前缀 procedure）")
    p.add_argument("--household", metavar="NUMBER", help="只列出涉及该户编号的记录")
    p.add_argument("--since", metavar="D", type=_day, help="起始日期（含），YYYY-MM-DD")
    p.add_argument("--until", metavar="D", type=_day, help="截止日期（含），YYYY-MM-DD")


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="审计日志：verify 核对审计链，list 列出记录，export 导出")
    actions = p.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    v = actions.add_parser("verify", help="核对每台设备的审计链与变更记录（完好时退出码 0，被改动时 1）")
    v.add_argument("--json", action="store_true", help="以 JSON 输出")
    v.set_defaults(func=cmd_verify, needs_db=True)
    listing = actions.add_parser("list", help="列出审计记录（最新的在前）")
    _filters(listing)
    listing.add_argument("--limit", type=int, default=200, metavar="N", help="最多列出 N 条（默认 200）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(func=cmd_list, needs_db=True)
    export = actions.add_parser("export", help="把审计记录导出为 Excel 文件")
    export.add_argument("--out", required=True, metavar="F.xlsx", help="导出文件")
    _filters(export)
    export.set_defaults(func=cmd_export, needs_db=True)


def cmd_verify(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services import require
    from desktop_app.services.audit import VIEW_ACTION, verify

    require(db, VIEW_ACTION)
    report = verify(db)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            print(line)
    return 0 if report.ok else 1


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services.audit import list_entries

    try:
        views = list_entries(
            db,
            user=args.user,
            action=args.action,
            household=args.household,
            since=args.since,
            until=args.until,
            limit=max(1, args.limit),
        )
    except DomainError as exc:
        raise CliError(exc.message_zh) from exc
    if args.json:
        print(json.dumps([v.as_json() for v in views], ensure_ascii=False, indent=2))
        return 0
    if not views:
        print("没有符合条件的审计记录。")
        return 0
    for v in views:
        when = v.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        who = f"{v.user_name}（{v.role_label}）" if v.role_label else v.user_name
        home = f"  户 {v.household_number}" if v.household_number else ""
        what = f"  {v.what}" if v.what else ""
        print(f"{when}  {who or '（未署名）'}  {v.action_label}{home}{what}  设备 {v.device_id} #{v.seq}")
    return 0


def cmd_export(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services.audit import Filters, export_entries

    filters = Filters(args.user, args.action, args.household, args.since, args.until)
    try:
        count = export_entries(db, args.out, filters)
    except DomainError as exc:
        raise CliError(exc.message_zh) from exc
    print(f"已导出 {count:,} 条审计记录：{args.out}")
    return 0
