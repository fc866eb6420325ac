"""``fupin monitor warnings | alerts import | measures add/list | help-check``: help while monitored, the help
checks, early warnings (income at the line's edge, 八必访) and department alert lists.

A refusal prints the Chinese reason and exits with 2 (nothing written); ``warnings`` and ``help-check`` exit
with 1 when they list something, 0 when the list is empty. Codes are printed through their labels.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:  # the parser is built without the database layer (fast --help)
    from desktop_app.services import Database


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()


def register(actions: Any) -> None:
    """Adds this module's subcommands to the ``monitor`` group."""
    w = actions.add_parser("warnings", help="预警：收入接近或低于监测范围的未监测户，八必访名单")
    w.add_argument("--village", metavar="CODE", help="行政村（或乡镇）代码，默认全部")
    w.add_argument("--year", type=int, help="按哪一年的监测范围判断（默认今年）")
    w.set_defaults(func=cmd_warnings)

    a = actions.add_parser("alerts", help="部门筛查预警名单")
    asub = a.add_subparsers(dest="alerts_command", metavar="SUBCOMMAND", required=True)
    i = asub.add_parser("import", help="导入部门推送的身份证号名单（.xlsx/.csv），为未监测的户登记线索")
    i.add_argument("file", metavar="FILE", help="名单文件，须有“证件号码/身份证号”列；“部门”“原因”列可选")
    i.add_argument("--found", type=_day, help="发现日期（默认今天），YYYY-MM-DD")
    i.set_defaults(func=cmd_alerts_import)

    m = actions.add_parser("measures", help="帮扶措施：登记、查看")
    msub = m.add_subparsers(dest="measures_command", metavar="SUBCOMMAND", required=True)
    add = msub.add_parser("add", help="为一户登记一条帮扶措施")
    add.add_argument("household", metavar="HOUSEHOLD", help="户编号或户 ID")
    add.add_argument("--year", type=int, required=True, help="年度")
    add.add_argument("--category", required=True, help="措施类别，代码或名称，如 100A40 或 就业帮扶")
    add.add_argument("--value", action="append", required=True, help="具体措施（可多次给出），代码或名称")
    add.add_argument("--start", type=_day, help="开始日期")
    add.add_argument("--end", type=_day, help="结束日期")
    add.add_argument("--amount", default="0", help="金额（元）")
    add.add_argument("--note", default="", help="备注")
    add.set_defaults(func=cmd_measures_add)
    ls = msub.add_parser("list", help="一户的帮扶措施")
    ls.add_argument("household", metavar="HOUSEHOLD", help="户编号或户 ID")
    ls.add_argument("--year", type=int, help="只看某一年度")
    ls.set_defaults(func=cmd_measures_list)

    c = actions.add_parser("help-check", help="帮扶检查：纳入后未落实措施、有劳动力无开发式措施、风险无对应措施")
    c.add_argument("--village", metavar="CODE", help="行政村（或乡镇）代码，默认全部")
    c.set_defaults(func=cmd_help_check)

    for parser in (w, i, add, ls, c):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.set_defaults(needs_db=True)
    for parser in (w, i, c):
        parser.add_argument("--today", type=_day, help="按此日期判断（默认今天）")


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_warnings(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.money import format_yuan
    from desktop_app.services.monitoring import income_warnings, must_visit

    today = _today(args)
    incomes = income_warnings(db, village_code=args.village, year=args.year or today.year)
    visits = must_visit(db, village_code=args.village, today=today)
    if args.json:
        _print(
            {
                "income_warnings": [
                    {
                        "household": w.household_number,
                        "head": w.head_name,
                        "village": w.village_code,
                        "kind": w.kind,
                        "income_year": w.income_year,
                        "per_capita_fen": w.per_capita_fen,
                        "line_fen": w.line_fen,
                        "reason": w.reason,
                    }
                    for w in incomes
                ],
                "must_visit": [
                    {
                        "household": v.household_number,
                        "head": v.head_name,
                        "village": v.village_code,
                        "monitored": v.monitored,
                        "reasons": list(v.reasons),
                        "reason_labels": list(v.reason_labels),
                    }
                    for v in visits
                ],
            }
        )
    else:
        print(f"收入预警（{len(incomes)} 户）：")
        for w in incomes:
            print(
                f"  {w.household_number}  {w.head_name}  {w.reason}"
                f"（{w.income_year}年人均{format_yuan(w.per_capita_fen)}元）"
            )
        print(f"八必访（{len(visits)} 户）：")
        for v in visits:
            print(
                f"  {v.household_number}  {v.head_name}  {'；'.join(v.reason_labels)}"
                + ("  （已在监测）" if v.monitored else "")
            )
    return 1 if incomes or visits else 0


def cmd_alerts_import(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import import_alerts

    today = _today(args)
    report = import_alerts(db, args.file, found=args.found or today, today=today)
    if args.json:
        _print(report.to_json())
        return 0
    print(f"{report.file}：共 {report.rows} 行，新登记监测线索 {len(report.opened)} 户。")
    for c in report.opened:
        print(
            f"  {c.household_number}  {c.head_name}  {c.department}  {'、'.join(c.risk_labels)}"
            f"（第 {', '.join(map(str, c.rows))} 行）"
        )
    for title, lines in (
        ("已在监测中", report.already_monitored),
        ("重复的证件号码", report.duplicates),
        ("无效的证件号码", report.invalid),
        ("本库中没有的证件号码", report.unknown),
    ):
        if lines:
            print(f"{title}（{len(lines)} 行）：")
            for line in lines:
                print(f"  第 {line.row} 行  {line.id_masked}  {line.message}")
    return 0


def cmd_measures_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.money import parse_yuan
    from desktop_app.services.monitoring import add_help_measure

    row = add_help_measure(
        db,
        args.household,
        year=args.year,
        category=args.category,
        values=args.value,
        started_on=args.start,
        ended_on=args.end,
        amount_fen=parse_yuan(args.amount),
        note=args.note,
    )
    if args.json:
        _print(_measure_json(row))
    else:
        print(f"已登记：{row.year}年 {row.category_label}：{'、'.join(row.value_labels)}")
    return 0


def _measure_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "year": row.year,
        "category": row.category,
        "category_label": row.category_label,
        "values": list(row.values),
        "value_labels": list(row.value_labels),
        "started_on": row.started_on,
        "ended_on": row.ended_on,
        "amount_fen": row.amount_fen,
        "note": row.note,
        "development": row.development,
    }


def cmd_measures_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import help_measures

    rows = help_measures(db, args.household, year=args.year)
    if args.json:
        _print([_measure_json(r) for r in rows])
        return 0
    for r in rows:
        extra = "（开发式）" if r.development else ""
        print(f"{r.year}  {r.category_label}：{'、'.join(r.value_labels)}{extra}  {r.note}".rstrip())
    print(f"共 {len(rows)} 条帮扶措施。")
    return 0


def cmd_help_check(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import help_check

    findings = help_check(db, village_code=args.village, today=_today(args))
    if args.json:
        _print(
            [
                {
                    "household": f.household_number,
                    "head": f.head_name,
                    "village": f.village_code,
                    "rule": f.rule,
                    "message": f.message,
                    "due": f.due,
                }
                for f in findings
            ]
        )
    else:
        for f in findings:
            print(f"{f.household_number}  {f.head_name}  {f.message}")
        print("帮扶措施检查全部通过。" if not findings else f"发现 {len(findings)} 处需要落实的帮扶。")
    return 1 if findings else 0
