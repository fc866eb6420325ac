"""``fupin plans set|show`` and ``fupin measures add|list|remove`` (the subcommands of commands/funds.py)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:
    from desktop_app.services import Database

ITEM_HELP = "计划措施“类别|具体措施,…|内容|金额（元）|目标”，可重复，如 '产业帮扶|养殖业|养牛 2 头|3000|年增收 4000 元'"


def fen(text: str, what: str = "金额") -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.domain.money import parse_yuan
    from desktop_app.errors import CliError

    try:
        return parse_yuan(text)
    except DomainError as exc:
        raise CliError(f"{what}：{exc}") from exc


def village_id(db: Database, text: str | None) -> str | None:
    from desktop_app.services.assistance import find_village

    return find_village(db, text).id if text else None


def dump(rows: Any) -> None:
    print(json.dumps(rows, ensure_ascii=False, indent=2))


def register_plans(actions: Any) -> None:
    s = actions.add_parser("set", help="保存一户某年度的帮扶计划（覆盖原计划）")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--year", type=int, required=True, help="年度")
    s.add_argument("--cause", action="append", default=[], help="致贫原因（代码或名称，可重复）")
    s.add_argument("--risk", action="append", default=[], help="风险类型（代码或名称，可重复）")
    s.add_argument("--item", action="append", default=[], metavar="ITEM", help=ITEM_HELP)
    s.add_argument("--income-target", metavar="YUAN", help="人均纯收入目标（元）")
    s.add_argument("--targets", default="", help="帮扶目标")
    s.add_argument("--made-on", type=_day, help="制定日期 YYYY-MM-DD")
    s.add_argument("--made-by", default="", help="制定人")
    s.add_argument("--note", default="", help="备注")
    s.set_defaults(func=cmd_plan_set, needs_db=True)

    s = actions.add_parser("show", help="查看一户某年度的帮扶计划")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--year", type=int, required=True, help="年度")
    s.add_argument("--json", action="store_true", help="以 JSON 输出（金额为元）")
    s.set_defaults(func=cmd_plan_show, needs_db=True)


def register_measures(actions: Any) -> None:
    s = actions.add_parser("add", help="登记一条落实的帮扶措施")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--year", type=int, required=True, help="年度")
    s.add_argument("--category", required=True, help="帮扶类别（代码或名称，如 产业帮扶）")
    s.add_argument("--value", action="append", required=True, help="具体措施（代码或名称，可重复）")
    s.add_argument("--content", default="", help="措施内容")
    s.add_argument("--member", help="受益成员（姓名）")
    s.add_argument("--amount", default="0", metavar="YUAN", help="金额（元）")
    s.add_argument("--fund", help="资金名称或编号")
    s.add_argument("--project", help="项目名称或编号")
    s.add_argument("--start", type=_day, help="开始日期 YYYY-MM-DD")
    s.add_argument("--end", type=_day, help="结束日期 YYYY-MM-DD")
    s.add_argument("--status", default="2", help="落实状态（代码或名称：计划、已实施、已完成、已取消）")
    s.add_argument("--result", default="", help="成效")
    s.add_argument("--photo", action="append", default=[], metavar="FILE", help="照片（可重复）")
    s.set_defaults(func=cmd_measure_add, needs_db=True)

    s = actions.add_parser("list", help="一户（或一个村）落实的帮扶措施")
    s.add_argument("household", nargs="?", metavar="HOUSEHOLD", help="户编号（或用 --village）")
    s.add_argument("--village", metavar="CODE_OR_NAME", help="行政村代码或名称：全村的措施台账")
    s.add_argument("--year", type=int, help="年度")
    s.add_argument("--json", action="store_true", help="以 JSON 输出（金额为元）")
    s.set_defaults(func=cmd_measure_list, needs_db=True)

    s = actions.add_parser("remove", help="删除一条落实的帮扶措施（已有拨付的不能删除）")
    s.add_argument("measure", metavar="ID", help="措施编号")
    s.set_defaults(func=cmd_measure_remove, needs_db=True)


def _item(text: str) -> Any:
    from desktop_app.services.assistance import PlanItem

    parts = [p.strip() for p in text.split("|")] + [""] * 4
    values = [v for v in parts[1].replace("，", ",").split(",") if v.strip()]
    return PlanItem(parts[0], values, parts[2], fen(parts[3], "计划金额") if parts[3] else 0, parts[4])


def cmd_plan_set(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import PlanInput, save_plan

    plan = PlanInput(
        causes=args.cause,
        risks=args.risk,
        items=[_item(i) for i in args.item],
        income_target_fen=fen(args.income_target, "收入目标") if args.income_target else None,
        targets=args.targets,
        made_on=args.made_on,
        made_by=args.made_by,
        note=args.note,
    )
    save_plan(db, args.household, args.year, plan)
    print(f"已保存 {args.household} 的 {args.year} 年帮扶计划（{len(plan.items)} 项措施）。")
    return 0


def cmd_plan_show(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import household_plan, yuan

    plan = household_plan(db, args.household, args.year)
    if plan is None:
        raise CliError(f"{args.household} 没有 {args.year} 年的帮扶计划", exit_code=1)
    target = None if plan.income_target_fen is None else yuan(plan.income_target_fen)
    if args.json:
        items = [
            {"category": i.category_label, "values": list(i.value_labels), "content": i.content}
            | {"amount": yuan(i.amount_fen), "target": i.target}
            for i in plan.items
        ]
        out = {"household": args.household, "year": plan.year, "causes": list(plan.cause_labels)}
        out |= {"risks": list(plan.risk_labels), "items": items, "income_target": target, "targets": plan.targets}
        out |= {"made_on": plan.made_on.isoformat() if plan.made_on else None, "made_by": plan.made_by}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.household} {plan.year} 年帮扶计划")
    print(f"致贫原因：{'、'.join(plan.cause_labels) or '—'}；风险：{'、'.join(plan.risk_labels) or '—'}")
    for i in plan.items:
        print(
            f"  {i.category_label}：{'、'.join(i.value_labels) or '—'}  {i.content}  "
            f"{yuan(i.amount_fen)} 元  {i.target}"
        )
    print(f"计划金额合计 {yuan(plan.planned_fen)} 元；人均纯收入目标 {target or '—'} 元；目标：{plan.targets or '—'}")
    return 0


def cmd_measure_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import DeliveryInput, deliver_measure, find_fund, find_project

    fund = find_fund(db, args.fund) if args.fund else None
    project = find_project(db, args.project, fund) if args.project else None
    entry = DeliveryInput(
        args.year, args.category, args.value, args.content, args.member, fen(args.amount), fund, project,
        args.start, args.end, args.status, args.result, args.photo,
    )  # fmt: skip
    mid = deliver_measure(db, args.household, entry)
    print(f"已登记落实措施：{args.household} {args.year} 年 编号 {mid}")
    return 0


def cmd_measure_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import household_deliveries, village_deliveries, yuan

    if args.village:
        rows = village_deliveries(db, village_id(db, args.village) or "", args.year)
    elif args.household:
        rows = household_deliveries(db, args.household, args.year)
    else:
        raise CliError("请给出户编号或 --village")
    if args.json:
        out = [
            {"id": r.id, "household": r.number, "year": r.year, "category": r.category_label, "values": r.values_label}
            | {"content": r.content, "amount": yuan(r.amount_fen), "fund": r.fund, "project": r.project}
            | {"status": r.status_label, "started": r.started_on.isoformat() if r.started_on else None}
            | {"ended": r.ended_on.isoformat() if r.ended_on else None, "result": r.result}
            | {"photos": r.evidence_count, "disbursed": yuan(r.disbursed_fen)}
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(
            f"{r.number}  {r.year}  {r.category_label}：{r.values_label}  {r.content}  {yuan(r.amount_fen)} 元  "
            f"{r.status_label}  {r.fund or '—'}  照片 {r.evidence_count} 张"
        )
    print(f"共 {len(rows)} 条落实措施，金额合计 {yuan(sum(r.amount_fen for r in rows))} 元。")
    return 0


def cmd_measure_remove(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import remove_delivery

    remove_delivery(db, args.measure)
    print("已删除这条落实措施。")
    return 0
