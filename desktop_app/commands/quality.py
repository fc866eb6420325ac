"""``fupin quality check | rules | exemptions import/export``: the county's data-quality (疑点) rules over the
database or over a file before it is imported, and the exemption list.

``check`` exits with 1 when it finds something, 0 when nothing; a refusal prints the Chinese reason and exits
with 2 (nothing written). Findings never show a full ID number. See docs/quality.md.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:  # the parser is built without the database layer (fast --help)
    from desktop_app.services import Database


def register(sub: Any) -> None:
    p = sub.add_parser("quality", help="数据质量（疑点）规则：检查数据库或导入前的文件，豁免清单")
    actions = p.add_subparsers(dest="quality_command", metavar="ACTION", required=True)

    c = actions.add_parser("check", help="按县级疑点规则检查数据库（或 --file 给出的待导入文件），逐户列出问题")
    c.add_argument("--village", metavar="CODE_OR_NAME", help="行政村（或乡镇）代码，或行政村名称；默认全部")
    c.add_argument("--file", metavar="FILE", help="检查一个待导入的文件（导入临时数据库后检查，本数据库不变）")
    c.add_argument("--rule", metavar="ID", help="只运行这一条规则")
    c.add_argument("--include-exempt", action="store_true", help="也列出已豁免的问题（标明“已豁免”）")
    c.add_argument("--today", type=_day, help="按此日期判断（默认今天；规则按此日期的年份适用），YYYY-MM-DD")
    c.set_defaults(func=cmd_check)

    r = actions.add_parser("rules", help="列出本机适用的质量规则（含县级规则文件的修改）")
    r.set_defaults(func=cmd_rules)

    e = actions.add_parser("exemptions", help="疑点豁免清单：导入、导出")
    esub = e.add_subparsers(dest="exemptions_command", metavar="ACTION", required=True)
    i = esub.add_parser("import", help="导入县级豁免清单（.xlsx/.csv；先检查整个文件，有错则不写入）")
    i.add_argument("file", metavar="FILE", help="须有 规则编号、户编号、原因、批准人、批准日期 列")
    i.set_defaults(func=cmd_import)
    x = esub.add_parser("export", help="导出豁免清单（.xlsx 或 .csv）")
    x.add_argument("--out", required=True, metavar="FILE", help="输出文件（.xlsx 或 .csv）")
    x.set_defaults(func=cmd_export)

    for parser in (c, r, i, x):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.set_defaults(needs_db=True)


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_check(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.quality import check_database, check_file

    today = args.today or date.today()
    problems: list[str] = []
    if args.file:
        findings, problems = check_file(args.file, today=today, db=db, village=args.village)
        if args.rule:
            findings = [f for f in findings if f.rule_id == args.rule]
    else:
        findings = check_database(
            db, today=today, village=args.village, rule_id=args.rule, include_exempt=args.include_exempt
        )
    if args.json:
        out: dict[str, Any] = {"today": today.isoformat(), "findings": [f.as_json() for f in findings]}
        if args.file:
            out["file"] = args.file
            out["import_problems"] = problems
        _print(out)
        return 1 if findings or problems else 0
    households = {f.household_id for f in findings}
    print(f"疑点检查（{today}）：{len(findings)} 个问题，涉及 {len(households)} 户。")
    for f in findings:
        mark = "  【已豁免】" if f.exempted else ""
        print(f"  {f.village_name}  {f.household_number}  {f.head_name}  [{f.rule_id}] {f.message}{mark}")
        print(f"      字段：{f.field}；修改：{f.fix}")
    if problems:
        print(f"文件导入时的问题（{len(problems)} 条）：")
        for line in problems:
            print(f"  {line}")
    return 1 if findings or problems else 0


def cmd_rules(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.quality import local_rules_path, quality_rules

    rules = quality_rules(db)
    if args.json:
        _print([r.to_mapping() for r in rules])
        return 0
    print(f"质量规则 {len(rules)} 条（县级修改文件：{local_rules_path()}）：")
    for r in rules:
        years = f"{r.from_year}年起" + (f"至{r.until_year}年" if r.until_year else "")
        state = "" if r.enabled else "  【已停用】"
        params = json.dumps(dict(r.params), ensure_ascii=False)
        print(f"  [{r.id}] {r.message}（{years}）{state}")
        print(f"      字段：{'、'.join(r.fields)}；修改：{r.fix}；参数：{params}")
    return 0


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.quality import import_exemptions

    new, updated = import_exemptions(db, args.file)
    if args.json:
        _print({"file": args.file, "new": new, "updated": updated})
    else:
        print(f"已导入豁免清单：新增 {new} 条，更新 {updated} 条。")
    return 0


def cmd_export(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.quality import export_exemptions

    count = export_exemptions(db, args.out)
    if args.json:
        _print({"file": args.out, "rows": count})
    else:
        print(f"已导出豁免清单 {count} 条：{args.out}")
    return 0
