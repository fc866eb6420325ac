"""Merge commands: merge another laptop's database, list open conflicts, decide one."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services import Database


def register(sub: Any) -> None:
    p = sub.add_parser("conflicts", help="列出合并冲突；conflicts resolve ID 处理一项冲突")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--household", metavar="NUMBER", help="只列出该户编号的冲突")
    p.add_argument("--all", action="store_true", help="包括已处理的冲突")
    p.set_defaults(func=cmd_conflicts, needs_db=True)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    r = actions.add_parser("resolve", help="处理一项冲突：保留本机值、采用对方值或改为新值")
    r.add_argument("id", metavar="ID", help="冲突编号（可只写前 8 位）")
    r.add_argument(
        "--keep", required=True, choices=["mine", "theirs", "value"], help="mine 本机 / theirs 对方 / value 新值"
    )
    r.add_argument("--value", metavar="V", help="--keep value 时的新值；--keep theirs 时可选其中一个对方值")
    r.add_argument("--json", action="store_true", help="以 JSON 输出")
    r.set_defaults(func=cmd_resolve, needs_db=True)

    m = sub.add_parser("merge", help="把另一台电脑的数据库（SQLite 文件）合并进本库")
    m.add_argument("other", metavar="OTHER_DB", help="另一台电脑的数据库文件或 URL")
    m.add_argument("--json", action="store_true", help="以 JSON 输出")
    m.set_defaults(func=cmd_merge, needs_db=True)


def cmd_conflicts(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services.merge import conflicts_of

    try:
        views = conflicts_of(db, household_number=args.household or None, include_resolved=args.all)
    except DomainError as exc:
        raise CliError(exc.message_zh) from exc
    if args.json:
        print(json.dumps([v.as_json() for v in views], ensure_ascii=False, indent=2))
        return 0
    if not views:
        print("没有待处理的合并冲突。")
        return 0
    for v in views:
        state = f"已处理（{v.resolution}）" if v.resolved_at else "待处理"
        print(
            f"{v.id[:8]}  户 {v.household_number} {v.head_name}  {v.record_label}·{v.field_label}："
            f"本机「{v.local_shown}」 对方「{v.incoming_shown}」 原值「{v.base_shown}」 来源 {v.source}  {state}"
        )
        if len(v.candidates) > 2:
            others = "；".join(f"「{c.shown}」（{c.sources}）" for c in v.candidates)
            print(f"          各方的值：{others}")
    return 0


def cmd_resolve(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services.merge import decide_conflict

    if args.keep == "value" and args.value is None:
        raise CliError("--keep value 需要同时给出 --value。")
    try:
        view = decide_conflict(db, args.id, keep=args.keep, value=args.value)
    except DomainError as exc:
        raise CliError(exc.message_zh) from exc
    if args.json:
        print(json.dumps(view.as_json(), ensure_ascii=False, indent=2))
    else:
        kept = view.resolved_value if view.field != "id_number" else "（已保存）"
        print(f"已处理冲突 {view.id[:8]}：户 {view.household_number} {view.record_label}·{view.field_label} = {kept}")
    return 0


def cmd_merge(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services import DatabaseError
    from desktop_app.services.merge import merge_database

    try:
        result = merge_database(db, args.other)
    except DomainError as exc:  # no such file, or the two databases do not share their areas: nothing written
        raise CliError(exc.message_zh) from exc
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    for table, counts in sorted(result.counts.items()):
        print(f"{table}: 新增 {counts.added}，更新 {counts.updated}，未变 {counts.unchanged}")
    if result.conflicts:
        print(f"发现 {result.conflicts} 项冲突，请用 fupin conflicts 查看并处理。")
    else:
        print("合并完成，没有冲突。")
    return 0
