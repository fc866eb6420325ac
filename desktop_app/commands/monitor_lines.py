"""``fupin monitor lines …``: the monitoring lines (监测范围) by region and year.

``set REGION YEAR AMOUNT`` enters a line (AMOUNT in yuan; REGION "national"/"全国" or an area code), with
``--method multiple --base-name … --base-amount … --factor …`` when it is a multiple of another standard;
``list [--json]`` shows them; ``delete REGION YEAR`` removes one. Who entered a line is the signed-in operator.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services import Database


def register(actions: Any) -> None:
    """Adds ``lines`` to the ``monitor`` group."""
    p = actions.add_parser("lines", help="监测范围：按地区和年度录入、查看、删除（每人每年，元）")
    sub = p.add_subparsers(dest="lines_command", metavar="SUBCOMMAND", required=True)

    s = sub.add_parser("set", help="录入或修改一个地区一年的监测范围")
    s.add_argument(
        "region", metavar="REGION", help="national 或 全国，或地区的统计用区划代码（省 2 位、县 6 位或 12 位）"
    )
    s.add_argument("year", metavar="YEAR", type=int, help="年度（2021 年起）")
    s.add_argument("amount", metavar="AMOUNT", nargs="?", help="金额（元/人/年）；倍数方法可省略，由倍数 × 基准算出")
    s.add_argument("--method", choices=("fixed", "multiple"), default="fixed", help="fixed 固定标准；multiple 倍数")
    s.add_argument("--base-name", default="", help="倍数方法的基准标准名称，如 农村低保标准")
    s.add_argument("--base-amount", metavar="YUAN", help="基准标准金额（元/人/年）")
    s.add_argument("--factor", default="", help="倍数，如 2 或 1.5")
    s.add_argument("--doc", default="", help="依据的文件（文号或名称）")
    s.set_defaults(func=cmd_set, needs_db=True)

    s = sub.add_parser("list", help="列出全部监测范围")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_list, needs_db=True)

    s = sub.add_parser("delete", help="删除一个地区一年的监测范围")
    s.add_argument("region", metavar="REGION", help="national 或 全国，或地区代码")
    s.add_argument("year", metavar="YEAR", type=int, help="年度")
    s.set_defaults(func=cmd_delete, needs_db=True)


def _fen(text: str | None, what: str) -> int | None:
    from desktop_app.domain.errors import DomainError
    from desktop_app.domain.money import parse_yuan
    from desktop_app.errors import CliError

    if text is None or text == "":
        return None
    try:
        return parse_yuan(text)
    except DomainError as exc:
        raise CliError(f"{what}：{exc}") from exc


def _shown(row: Any) -> dict[str, Any]:
    from desktop_app.domain.money import format_yuan

    line = row.line
    return {
        "region": row.region_code or "national",
        "region_name": row.region_name,
        "year": line.year,
        "amount_yuan": format_yuan(line.amount_fen, grouping=False),
        "method": line.method,
        "base_name": line.base_name,
        "base_amount_yuan": None if line.base_amount_fen is None else format_yuan(line.base_amount_fen, grouping=False),
        "factor": line.factor,
        "document": line.document,
        "entered_by": line.entered_by,
    }


def cmd_set(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import set_line

    row = set_line(
        db,
        args.region,
        args.year,
        _fen(args.amount, "金额"),
        method=args.method,
        base_name=args.base_name,
        base_amount_fen=_fen(args.base_amount, "基准金额"),
        factor=args.factor,
        document=args.doc,
        entered_by=db.operator,
    )
    shown = _shown(row)
    print(f"已保存：{shown['region_name']} {shown['year']} 年监测范围 {shown['amount_yuan']} 元/人/年")
    return 0


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import list_lines

    rows = [_shown(r) for r in list_lines(db)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("尚未录入监测范围")
    for r in rows:
        how = (
            f"{r['factor']} × {r['base_name']} {r['base_amount_yuan']} 元" if r["method"] == "multiple" else "固定标准"
        )
        print(
            f"{r['year']}  {r['region_name']}  {r['amount_yuan']} 元  {how}  {r['document']}  录入：{r['entered_by']}"
        )
    return 0


def cmd_delete(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import delete_line

    delete_line(db, args.region, args.year)
    print(f"已删除：{args.region} {args.year} 年监测范围")
    return 0
