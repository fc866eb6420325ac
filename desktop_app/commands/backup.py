"""Backup commands: ``fupin backup [--to DIR]``, ``fupin backups list [--json] [--dir DIR]``, ``fupin restore FILE``.

The same use cases as the app's 文件 → 备份 menu (``services.backups``): a verified copy (SQLite's online
backup API, or ``pg_dump -Fc`` for a server), the list of complete backups, and a restore that checks the
file and backs up the current data first.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services import Database
    from desktop_app.services.backups import BackupFile


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="立即备份数据库（校验后写入备份文件夹；服务器数据库用 pg_dump）")
    p.add_argument("--to", metavar="DIR", help="备份到这个文件夹（默认：设置中的备份文件夹，或数据库旁的 backups）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_backup, needs_db=True)

    p = sub.add_parser("backups", help="备份列表")
    inner = p.add_subparsers(dest="backups_command", metavar="ACTION", required=True)
    q = inner.add_parser("list", help="列出完整的备份（时间、原因、户数、人数）")
    q.add_argument("--dir", metavar="DIR", help="列出这个文件夹中的备份")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q.set_defaults(func=cmd_backups_list, needs_db=True)

    p = sub.add_parser("restore", help="从备份恢复（先检查备份，并先备份当前数据）")
    p.add_argument("file", metavar="FILE", help="备份文件（fupin-….sqlite，或服务器的 fupin-….dump）")
    p.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    p.set_defaults(func=cmd_restore, needs_db=True)


def _as_json(backup: BackupFile) -> dict[str, Any]:
    return {
        "file": str(backup.path),
        "created": backup.created.isoformat(timespec="seconds"),
        "reason": backup.reason,
        "size": backup.size,
        "households": backup.households,
        "members": backup.members,
        "counts": backup.counts,
        "schema": list(backup.schema),
        "valid": backup.valid,
        "problem": backup.problem,
    }


def cmd_backup(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.backups import create_backup

    result = create_backup(db, "manual", to=args.to)
    if args.json:
        print(json.dumps({**_as_json(result.file), "note": result.folder.note}, ensure_ascii=False, indent=2))
    else:
        print(result.message)
        if result.removed:
            print(f"按保留规则删除了 {result.removed} 份旧备份。")
    return 0


def cmd_backups_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.backups import backup_folder, list_backups, reason_label

    found = list_backups(db, args.dir)
    if args.json:
        print(json.dumps([_as_json(b) for b in found], ensure_ascii=False, indent=2))
        return 0
    folder = backup_folder(db, args.dir).path
    if not found:
        print(f"{folder} 中没有这个数据库的备份。")
        return 0
    print(f"{folder} 中的备份（最新在前）：")
    for b in found:
        print(
            f"{b.created:%Y-%m-%d %H:%M:%S}  {reason_label(b.reason):<4}  {b.households:>7} 户 {b.members:>8} 人"
            f"  {b.size / 1e6:8.1f} MB  {b.path.name}"
        )
    return 0


def cmd_restore(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError
    from desktop_app.services.backups import check_backup, restore_backup

    chosen = check_backup(db, args.file)
    if not chosen.valid:
        raise CliError(f"不能恢复 {args.file}：{chosen.problem}；数据库没有改动。", 3)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("恢复会替换当前数据（恢复前会先备份）：请加 --yes 确认。")
        answer = input(
            f"用 {chosen.created:%Y-%m-%d %H:%M} 的备份（{chosen.households} 户）替换 {db.describe()} 的当前数据？"
            "当前数据会先备份。输入 yes 确认："
        )
        if answer.strip().lower() not in ("yes", "y", "是"):
            print("已取消；没有任何改动。")
            return 0
    result = restore_backup(db, args.file)
    print(result.message)
    return 0
