"""``fupin areas list|add|import|rename|move|merge``: the county's areas (县 → 乡镇 → 行政村 → 村民小组).

Areas are named by their statistical code (or id, or a unique name). ``areas import`` reads a county's list
of area codes (.xlsx or .csv with 代码, 名称, 级别, 上级代码): the whole file is checked first, and any
problem (named by its row) means nothing is written. A refusal exits 2 with the Chinese reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services import Database

MAX_LINES = 200


def register(sub: Any) -> None:
    p = sub.add_parser("areas", help="区划：县、乡镇、行政村、村民小组（列出、新增、导入代码表、改名、移动、合并）")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    s = actions.add_parser("list", help="列出全部区划及其户数（代码由程序生成、待更正的标“待更正”）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_list, needs_db=True)

    s = actions.add_parser("add", help="新增一个区划")
    s.add_argument("level", metavar="LEVEL", help="级别：县、乡镇、行政村、村民小组（或 county…group）")
    s.add_argument("code", metavar="CODE", help="统计用区划代码（12 位；村民小组为所属行政村代码加 3 位）")
    s.add_argument("name", metavar="NAME", help="名称")
    s.add_argument("--parent", metavar="CODE", help="上级区划的代码（县不填）")
    s.set_defaults(func=cmd_add, needs_db=True)

    s = actions.add_parser("import", help="导入县级统计用区划代码表（.xlsx 或 .csv：代码、名称、级别、上级代码）")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    s.set_defaults(func=cmd_import, needs_db=True)

    s = actions.add_parser("rename", help="修改区划名称")
    s.add_argument("area", metavar="CODE", help="区划代码")
    s.add_argument("name", metavar="NAME", help="新名称")
    s.set_defaults(func=cmd_rename, needs_db=True)

    s = actions.add_parser("move", help="把村民小组（连同其农户）移到另一个行政村")
    s.add_argument("group", metavar="GROUP", help="村民小组代码")
    s.add_argument("--to", required=True, metavar="VILLAGE", help="目标行政村的代码或名称")
    s.set_defaults(func=cmd_move, needs_db=True)

    s = actions.add_parser("merge", help="合并重复的村民小组：重复小组的农户并入保留的小组，重复小组删除")
    s.add_argument("keep", metavar="KEEP", help="保留的村民小组代码")
    s.add_argument("duplicates", nargs="+", metavar="DUPLICATE", help="要并入的重复小组代码")
    s.set_defaults(func=cmd_merge, needs_db=True)


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.areas import LEVEL_ZH, list_areas

    rows = list_areas(db)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("还没有任何区划：可用 fupin areas import 导入县里的区划代码表，或 fupin areas add 逐个新增。")
        return 0
    indent = {"county": 0, "township": 1, "village": 2, "group": 3}
    for r in rows:
        mark = "（代码待更正）" if r["provisional"] else ""
        pad = "  " * indent.get(str(r["level"]), 0)
        print(f"{pad}{LEVEL_ZH.get(str(r['level']), r['level'])} {r['code']} {r['name']}{mark}  {r['households']} 户")
    return 0


def cmd_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.areas import LEVEL_ZH, add_area

    area = add_area(db, args.level, args.code, args.name, args.parent)
    print(f"已新增{LEVEL_ZH[area.level]} {area.code} {area.name}")
    return 0


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services import Progress
    from desktop_app.services.areas import import_area_list

    def report(done: int, total: int, text: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{text} {done}/{total}   ", end="", file=sys.stderr, flush=True)

    result = import_area_list(db, args.file, progress=Progress(report))
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0 if result.applied else 2
    if not result.applied:
        print(f"{result.file}：发现 {len(result.problems)} 个问题，未导入，区划没有任何改动：")
        for line in result.problems[:MAX_LINES]:
            print(f"  - {line}")
        if len(result.problems) > MAX_LINES:
            print(f"  … 其余 {len(result.problems) - MAX_LINES} 个问题")
        return 2
    print(
        f"{result.file}：新增 {result.added}，改名 {result.renamed}，更正生成的代码 {result.corrected}，"
        f"未变 {result.unchanged}"
    )
    return 0


def cmd_rename(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.areas import rename_area

    area = rename_area(db, args.area, args.name)
    print(f"已改名：{area.code} {area.name}")
    return 0


def cmd_move(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.areas import move_group

    moved = move_group(db, args.group, args.to)
    print(f"已移动村民小组“{moved.group.name}”（新代码 {moved.group.code}），{moved.households} 户随之迁入")
    return 0


def cmd_merge(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.areas import merge_groups

    merged = merge_groups(db, args.keep, args.duplicates)
    names = "、".join(f"“{r.name}”" for r in merged.removed)
    print(f"已把 {names} 并入“{merged.kept.name}”：{merged.households} 户随之并入，重复小组已删除")
    return 0
