"""``fupin household remove|move|split|merge``: the household actions of the 户 menu, for scripts.

Households are named by number, areas by code and members by name (or resident ID); every action needs
``--reason``, which goes into the history. A refusal prints the Chinese reason and exits with 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parser is built without the database layer (fast --help)
    from desktop_app.services import Database


def register(sub: Any) -> None:
    p = sub.add_parser("household", help="户操作：删除误建户卡、迁移、分户、合户")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    r = actions.add_parser("remove", help="删除误建的户卡（已有识别程序记录的户不能删除）")
    r.add_argument("number", metavar="NUMBER", help="户编号")
    m = actions.add_parser("move", help="迁至另一村民小组或行政村")
    m.add_argument("number", metavar="NUMBER", help="户编号")
    m.add_argument("--to", required=True, metavar="CODE", help="迁入的行政村或村民小组代码")
    s = actions.add_parser("split", help="分户：部分成员分出组成新户")
    s.add_argument("number", metavar="NUMBER", help="户编号")
    s.add_argument("--members", required=True, metavar="NAMES", help="分出的成员，姓名或身份证号，逗号分隔")
    s.add_argument("--head", required=True, metavar="NAME", help="新户户主（分出成员之一）")
    s.add_argument("--remaining-head", metavar="NAME", help="户主分出时，原户的新户主")
    g = actions.add_parser("merge", help="合户：把另一户并入本户")
    g.add_argument("number", metavar="NUMBER", help="保留的户编号")
    g.add_argument("other", metavar="OTHER", help="并入的户编号")
    for parser in (r, m, s, g):
        parser.add_argument("--reason", required=True, help="原因（记入修改记录）")
        parser.set_defaults(func=cmd_household, needs_db=True)


def _one(session: Any, model: Any, column: Any, value: str, what: str) -> Any:
    from sqlalchemy import select

    from desktop_app.errors import CliError

    found = session.execute(select(model).where(column == value.strip(), model.deleted.is_(False))).scalars().first()
    if found is None:
        raise CliError(f"没有{what} {value}。")
    return found


def _member(members: list[Any], name: str) -> str:
    from desktop_app.errors import CliError

    wanted = name.strip()
    hits = [m for m in members if wanted in (m.name, m.id_number)]
    if len(hits) != 1:
        raise CliError(
            f"本户成员中{'没有' if not hits else '有多人名为'} {wanted}{'' if not hits else '，请用身份证号'}。"
        )
    return str(hits[0].id)


def cmd_household(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services.households import actions as ha
    from desktop_app.storage.models import Area, Household

    try:
        with db.transaction() as session:
            row = _one(session, Household, Household.number, args.number, "户编号为")
            if args.action == "remove":
                ha.remove_card(session, row.id, reason=args.reason)
                print(f"已删除户卡 {row.number}。")
            elif args.action == "move":
                area = _one(session, Area, Area.code, args.to, "代码为")
                village, group = (area.parent_id, area.id) if area.level == "group" else (area.id, None)
                number = ha.move_household(session, row.id, village_id=village, group_id=group, reason=args.reason)
                print(f"已迁至 {area.name}，户编号 {number}。")
            elif args.action == "split":
                members = ha._active_members(session, row.id)
                leaving = [_member(members, n) for n in args.members.replace("，", ",").split(",") if n.strip()]
                remaining = _member(members, args.remaining_head) if args.remaining_head else None
                result = ha.split_household(
                    session,
                    row.id,
                    member_ids=leaving,
                    new_head_id=_member(members, args.head),
                    reason=args.reason,
                    remaining_head_id=remaining,
                )
                print(f"已分户：新户编号 {result.number}。")
            else:
                other = _one(session, Household, Household.number, args.other, "户编号为")
                ha.merge_into(session, row.id, other.id, reason=args.reason)
                print(f"已把 {other.number} 并入 {row.number}。")
    except DomainError as exc:
        raise CliError(exc.message_zh) from exc
    return 0
