"""``fupin plans|measures|funds``: the yearly help plan, measures delivered, fund sources, projects, allocations,
payments and the funds ledger from the command line (issue 16 items 2 and 3).

Households are named by number, villages by code or name, funds and projects by name (or id); amounts are typed
in yuan. ``--json`` writes amounts as yuan strings and dates as ISO text; a refusal exits 2 with the Chinese
reason (naming the rule) and writes nothing; ``funds flags`` and ``funds industry-check`` exit 1 when they list
something.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day
from desktop_app.commands.funds_plans import dump, fen, register_measures, register_plans, village_id

if TYPE_CHECKING:
    from desktop_app.services import Database

GROUPS = "plans measures funds".split()


def register(sub: Any) -> None:
    plans = sub.add_parser("plans", help="一户一策：年度帮扶计划（致贫原因与风险、计划措施、目标）")
    register_plans(plans.add_subparsers(dest="action", metavar="ACTION", required=True))
    measures = sub.add_parser("measures", help="落实的帮扶措施（类别、内容、金额、资金、项目、状态、照片）")
    register_measures(measures.add_subparsers(dest="action", metavar="ACTION", required=True))
    funds = sub.add_parser("funds", help="资金：资金来源、项目、分配到村、拨付到户、资金台账与疑点")
    _register_funds(funds.add_subparsers(dest="action", metavar="ACTION", required=True))


def _json(p: Any) -> None:
    p.add_argument("--json", action="store_true", help="以 JSON 输出（金额为元）")


def _where(p: Any) -> None:
    p.add_argument("--village", metavar="CODE_OR_NAME", help="行政村代码或名称（默认全部）")
    p.add_argument("--year", type=int, metavar="YEAR", help="年度（默认全部）")


def _register_funds(actions: Any) -> None:
    s = actions.add_parser("add", help="新增资金来源")
    s.add_argument("name", metavar="NAME", help="资金名称")
    s.add_argument("--year", type=int, required=True, help="资金年度")
    s.add_argument("--level", default="", help="资金级别（代码或名称：中央财政、省级财政 …）")
    s.add_argument("--document", default="", help="下达文件文号")
    s.add_argument("--note", default="", help="备注")
    s.set_defaults(func=cmd_fund_add, needs_db=True)

    s = actions.add_parser("list", help="资金来源一览（已分配、已拨付）")
    _json(s)
    s.set_defaults(func=cmd_fund_list, needs_db=True)

    s = actions.add_parser("project", help="项目：project add FUND NAME | project list")
    s.add_argument("what", choices=["add", "list"], metavar="add|list")
    s.add_argument("fund", nargs="?", metavar="FUND", help="资金名称或编号")
    s.add_argument("name", nargs="?", metavar="NAME", help="项目名称（add）")
    s.add_argument("--category", help="帮扶类别（代码或名称）")
    s.add_argument("--year", type=int, help="项目年度（默认为资金年度）")
    _json(s)
    s.set_defaults(func=cmd_project, needs_db=True)

    s = actions.add_parser("allocate", help="把资金分配到村（按年度）")
    s.add_argument("fund", metavar="FUND", help="资金名称或编号")
    s.add_argument("--village", required=True, metavar="CODE_OR_NAME", help="行政村代码或名称")
    s.add_argument("--amount", required=True, metavar="YUAN", help="金额（元）")
    s.add_argument("--year", type=int, help="年度（默认为资金年度）")
    s.add_argument("--project", help="项目名称或编号")
    s.add_argument("--date", type=_day, help="下达日期 YYYY-MM-DD")
    s.add_argument("--document", default="", help="文件文号")
    s.set_defaults(func=cmd_allocate, needs_db=True)

    s = actions.add_parser("pay", help="拨付资金到户（须凭照片的补助用 --photo）")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--fund", required=True, help="资金名称或编号")
    s.add_argument("--amount", required=True, metavar="YUAN", help="金额（元）")
    s.add_argument("--date", type=_day, help="拨付日期 YYYY-MM-DD（默认今天）")
    s.add_argument("--measure", help="对应的帮扶措施编号")
    s.add_argument("--project", help="项目名称或编号")
    s.add_argument("--payee", help="领款成员（姓名）")
    s.add_argument("--photo", action="append", default=[], metavar="FILE", help="照片（可重复）")
    s.add_argument("--year", type=int, help="资金年度（默认为资金年度）")
    s.add_argument("--note", default="", help="备注")
    s.set_defaults(func=cmd_pay, needs_db=True)

    s = actions.add_parser("ledger", help="资金台账：每项资金每村的分配、拨付、结余")
    _where(s)
    _json(s)
    s.set_defaults(func=cmd_ledger, needs_db=True)

    s = actions.add_parser("flags", help="疑点：拨付给建档立卡和监测对象以外的户（有疑点时退出码为 1）")
    _where(s)
    _json(s)
    s.set_defaults(func=cmd_flags, needs_db=True)

    s = actions.add_parser("industry-check", help="产业帮扶不足最低标准的建档立卡户（有则退出码为 1）")
    s.add_argument("--year", type=int, required=True, help="年度")
    s.add_argument("--village", metavar="CODE_OR_NAME", help="行政村代码或名称")
    _json(s)
    s.set_defaults(func=cmd_industry, needs_db=True)

    s = actions.add_parser("rules", help="查看或修改县里的一户一策与资金规则（凭照片拨付、超额拨付、产业帮扶最低标准）")
    s.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help='修改一项，如 overdraw="allow"')
    s.set_defaults(func=cmd_rules, needs_db=True)


def cmd_fund_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import FundInput, add_fund

    fid = add_fund(db, FundInput(args.name, args.year, args.level, args.document, args.note))
    print(f"已新增资金来源：{args.name}（{args.year}年）编号 {fid}")
    return 0


def cmd_fund_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import fund_list, yuan

    rows = fund_list(db)
    if args.json:
        dump(
            [
                {"fund": r.name, "id": r.id, "year": r.year, "level": r.level_label, "document": r.document}
                | {"allocated": yuan(r.allocated_fen), "disbursed": yuan(r.disbursed_fen)}
                for r in rows
            ]
        )
        return 0
    for r in rows:
        print(
            f"{r.year}  {r.name}  {r.level_label or '—'}  "
            f"已分配 {yuan(r.allocated_fen)} 元  已拨付 {yuan(r.disbursed_fen)} 元"
        )
    print(f"共 {len(rows)} 项资金。")
    return 0


def cmd_project(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import ProjectInput, add_project, find_fund, project_list

    if args.what == "add":
        if not (args.fund and args.name):
            raise CliError("新增项目须给出资金和项目名称：funds project add FUND NAME")
        pid = add_project(db, ProjectInput(find_fund(db, args.fund), args.name, args.year, args.category))
        print(f"已新增项目：{args.name} 编号 {pid}")
        return 0
    rows = project_list(db, find_fund(db, args.fund) if args.fund else None)
    if args.json:
        dump(
            [
                {"project": r.name, "id": r.id, "fund": r.fund, "year": r.year, "category": r.category_label}
                for r in rows
            ]
        )
        return 0
    for r in rows:
        print(f"{r.fund}  {r.name}  {r.year}年  {r.category_label or '—'}")
    print(f"共 {len(rows)} 个项目。")
    return 0


def cmd_allocate(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import AllocationInput, allocate, find_fund, find_project, find_village, yuan

    fund = find_fund(db, args.fund)
    village = find_village(db, args.village)
    project = find_project(db, args.project, fund) if args.project else None
    amount = fen(args.amount)
    allocate(db, AllocationInput(fund, village.id, amount, args.year, project, args.date, args.document))
    print(f"已分配：{args.fund} → {village.name} {yuan(amount)} 元")
    return 0


def cmd_pay(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import DisbursementInput, disburse, find_fund, find_project, yuan

    fund = find_fund(db, args.fund)
    project = find_project(db, args.project, fund) if args.project else None
    amount = fen(args.amount)
    entry = DisbursementInput(
        args.household, fund, amount, args.date or date.today(), measure_id=args.measure, project_id=project,
        payee_member_id=args.payee, evidence=args.photo, year=args.year, note=args.note,
    )  # fmt: skip
    did = disburse(db, entry)
    print(f"已拨付：{args.household} {yuan(amount)} 元（{args.fund}）编号 {did}")
    return 0


def cmd_ledger(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import funds_ledger, ledger_flags, yuan

    vid = village_id(db, args.village)
    rows = funds_ledger(db, vid, args.year)
    if args.json:
        dump(
            [
                {"fund": r.fund, "village": r.village, "year": r.year, "allocated": yuan(r.allocated_fen)}
                | {"disbursed": yuan(r.disbursed_fen), "remaining": yuan(r.remaining_fen), "flagged": r.flagged}
                for r in rows
            ]
        )
        return 0
    for r in rows:
        flag = f"  疑点 {r.flagged} 笔" if r.flagged else ""
        print(
            f"{r.year}  {r.village}  {r.fund}  分配 {yuan(r.allocated_fen)}  拨付 {yuan(r.disbursed_fen)}  "
            f"结余 {yuan(r.remaining_fen)}{flag}"
        )
    total = [sum(getattr(r, k) for r in rows) for k in ("allocated_fen", "disbursed_fen", "remaining_fen")]
    print(f"合计：分配 {yuan(total[0])} 元，拨付 {yuan(total[1])} 元，结余 {yuan(total[2])} 元。")
    flags = ledger_flags(db, vid, args.year)
    if flags:
        print(f"有 {len(flags)} 笔拨付列为疑点（fupin funds flags 查看）。")
    return 0


def cmd_flags(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import ledger_flags, yuan

    rows = ledger_flags(db, village_id(db, args.village), args.year)
    if args.json:
        dump(
            [
                {"household": r.number, "head": r.head_name, "fund": r.fund, "year": r.year}
                | {
                    "amount": yuan(r.amount_fen),
                    "paid": r.paid_on.isoformat() if r.paid_on else None,
                    "reason": r.reason,
                }
                for r in rows
            ]
        )
    else:
        for r in rows:
            print(f"{r.number}  {r.head_name}  {r.fund}  {yuan(r.amount_fen)} 元  {r.paid_on or ''}  {r.reason}")
        print(f"共 {len(rows)} 笔疑点拨付。" if rows else "没有疑点拨付。")
    return 1 if rows else 0


def cmd_industry(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import industry_shortfalls, yuan

    rows = industry_shortfalls(db, args.year, village_id(db, args.village))
    if args.json:
        dump(
            [
                {
                    "household": r.number,
                    "head": r.head_name,
                    "industry": yuan(r.industry_fen),
                    "minimum": yuan(r.minimum_fen),
                }
                for r in rows
            ]
        )
    else:
        for r in rows:
            print(f"{r.number}  {r.head_name}  产业帮扶 {yuan(r.industry_fen)} 元，不足 {yuan(r.minimum_fen)} 元")
        print(f"共 {len(rows)} 户产业帮扶不足。" if rows else "建档立卡户产业帮扶均达到最低标准。")
    return 1 if rows else 0


def cmd_rules(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.funds import RULE_LABELS
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import change_measure_rules, measure_rules

    changes: dict[str, Any] = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or key.strip() not in RULE_LABELS:
            raise CliError(f"应为 KEY=JSON，KEY 为 {'、'.join(RULE_LABELS)} 之一：{item}")
        try:
            changes[key.strip()] = json.loads(value)
        except ValueError:
            changes[key.strip()] = value.strip()
    rules = change_measure_rules(db, changes) if changes else measure_rules(db)
    for key, value in rules.to_mapping().items():
        print(f"{RULE_LABELS[key]}（{key}）：{json.dumps(value, ensure_ascii=False)}")
    return 0
