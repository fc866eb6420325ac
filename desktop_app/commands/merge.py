"""Merge commands: merge another laptop's database, list open conflicts, decide one."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
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


def _household_id(session: Any, number: str) -> str:
    from sqlalchemy import select

    from desktop_app.errors import CliError
    from desktop_app.storage.models import Household

    h = Household.__table__.c  # type: ignore[attr-defined]
    found = session.execute(select(h.id).where(h.number == number.strip())).scalar()
    if found is None:
        raise CliError(f"没有户编号为 {number} 的户。")
    return str(found)


def cmd_conflicts(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.merge.conflicts import list_conflicts

    with db.session() as session:
        household_id = _household_id(session, args.household) if args.household else None
        views = list_conflicts(session, household_id=household_id, include_resolved=args.all)
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
    from desktop_app.services.merge.conflicts import find_conflict, list_conflicts, resolve_conflict

    if args.keep == "value" and args.value is None:
        raise CliError("--keep value 需要同时给出 --value。")
    try:
        with db.transaction() as session:
            conflict_id = find_conflict(session, args.id).id
            resolve_conflict(session, conflict_id, keep=args.keep, value=args.value)
            view = next(v for v in list_conflicts(session, include_resolved=True) if v.id == conflict_id)
    except DomainError as exc:
        raise CliError(exc.message_zh) from exc
    if args.json:
        print(json.dumps(view.as_json(), ensure_ascii=False, indent=2))
    else:
        kept = view.resolved_value if view.field != "id_number" else "（已保存）"
        print(f"已处理冲突 {view.id[:8]}：户 {view.household_number} {view.record_label}·{view.field_label} = {kept}")
    return 0


def cmd_merge(args: argparse.Namespace, db: Database) -> int:
    from sqlalchemy.exc import IntegrityError

    from desktop_app.errors import CliError
    from desktop_app.services import DatabaseError, open_database
    from desktop_app.services.merge.engine import apply_incoming, export_records

    other_path = args.other
    if "://" not in other_path and not Path(other_path).is_file():
        raise CliError(f"找不到数据库文件：{other_path}")
    try:
        other = open_database(other_path, migrate=False)
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    try:
        with other.session() as session:
            records = export_records(session, include_reference=True)
        label = Path(other_path).name if "://" not in other_path else other.describe()
    finally:
        other.close()
    try:
        with db.transaction() as session:
            result = apply_incoming(session, records, source_label=label)
    except IntegrityError as exc:
        raise CliError(
            "无法合并：两个数据库中有编码相同但并非同一来源的区划或户编号（只能合并由同一数据库复制、"
            "或从同一份县级数据导入的数据库）。本库未作任何修改。"
        ) from exc
    if args.json:
        out = {
            "source": label,
            "tables": {t: vars(c) for t, c in sorted(result.counts.items())},
            "conflicts": len(result.conflicts),
            "households": len(result.household_ids),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for table, counts in sorted(result.counts.items()):
        print(f"{table}: 新增 {counts.added}，更新 {counts.updated}，未变 {counts.unchanged}")
    if result.conflicts:
        print(f"发现 {len(result.conflicts)} 项冲突，请用 fupin conflicts 查看并处理。")
    else:
        print("合并完成，没有冲突。")
    return 0
