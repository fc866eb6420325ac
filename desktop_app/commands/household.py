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


def _member(db: Database, household_id: str, name: str) -> str:
    from desktop_app.errors import CliError
    from desktop_app.services.households import members_named

    wanted = name.strip()
    hits = members_named(db, household_id, wanted)
    if len(hits) != 1:
        raise CliError(
            f"本户成员中{'没有' if not hits else '有多人名为'} {wanted}{'' if not hits else '，请用身份证号'}。"
        )
    return hits[0]


def cmd_household(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services import households as hh
    from desktop_app.services.areas import area_by_code

    def household(number: str) -> hh.HouseholdRef:
        found = hh.household_by_number(db, number)
        if found is None:
            raise CliError(f"没有户编号为 {number}。")
        return found

    try:
        row = household(args.number)
        if args.action == "remove":
            hh.remove_household(db, row.id, reason=args.reason)
            print(f"已删除户卡 {row.number}。")
        elif args.action == "move":
            area = area_by_code(db, args.to)
            if area is None:
                raise CliError(f"没有代码为 {args.to}。")
            village, group = area.village_and_group
            number = hh.move_household(db, row.id, village_id=village or "", group_id=group, reason=args.reason)
            print(f"已迁至 {area.name}，户编号 {number}。")
        elif args.action == "split":
            leaving = [_member(db, row.id, n) for n in args.members.replace("，", ",").split(",") if n.strip()]
            remaining = _member(db, row.id, args.remaining_head) if args.remaining_head else None
            result = hh.split_household(
                db,
                row.id,
                member_ids=leaving,
                new_head_id=_member(db, row.id, args.head),
                reason=args.reason,
                remaining_head_id=remaining,
            )
            print(f"已分户：新户编号 {result.number}。")
        else:
            other = household(args.other)
            hh.merge_households(db, row.id, other.id, reason=args.reason)
            print(f"已把 {other.number} 并入 {row.number}。")
    except DomainError as exc:
        raise CliError(exc.message_zh) from exc
    return 0
