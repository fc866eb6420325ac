"""``fupin monitor list|export|clue|do|show|check|rules``: monitoring cases and their steps from the command line.

Codes are printed through their code-list labels in the text output; ``--json`` gives the codes themselves
(stage, category, risk types) so that a script can compare them. A refused step exits 2 with the Chinese
reason and writes nothing; ``check`` exits 1 when it finds a problem.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:
    from desktop_app.services import Database


def _today(p: Any) -> None:
    p.add_argument("--today", type=_day, metavar="DATE", help="按此日期判断（默认今天），YYYY-MM-DD")


def register(actions: Any) -> None:
    """Adds this module's subcommands to the ``monitor`` group."""
    s = actions.add_parser("list", help="监测对象名单：阶段、发现日期、纳入时限、剩余天数、是否逾期")
    s.add_argument("--village", metavar="CODE", help="行政村代码（默认全部）")
    s.add_argument("--overdue", action="store_true", help="只列出逾期的")
    s.add_argument("--stage", metavar="STAGE", help="只列出某一阶段（代码，如 clue、included）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出（阶段、类别、风险为代码）")
    _today(s)
    s.set_defaults(func=cmd_list, needs_db=True)

    s = actions.add_parser("export", help="把监测对象名单导出为 Excel（.xlsx，代码写为名称，不含身份证号和电话）")
    s.add_argument("--out", required=True, metavar="FILE.xlsx", help="要写入的文件")
    s.add_argument("--village", metavar="CODE", help="行政村代码（默认全部）")
    _today(s)
    s.set_defaults(func=cmd_export, needs_db=True)

    s = actions.add_parser("clue", help="登记一条监测线索（打开一户的监测程序）")
    s.add_argument(
        "household", metavar="HOUSEHOLD", help="户编号或户 ID（新户用 new，并给出 --village --head --id-number）"
    )
    s.add_argument("--source", required=True, help="线索来源：代码或名称（1 农户自主申报 … 4 部门筛查预警）")
    s.add_argument("--found", required=True, type=_day, metavar="DATE", help="发现日期 YYYY-MM-DD")
    s.add_argument(
        "--risk", action="append", required=True, metavar="R", help="风险类型（代码或名称，可重复，1 至 5 项）"
    )
    s.add_argument("--disaster-sub", metavar="X", help="因自然灾害子项（代码或名称）")
    s.add_argument("--risk-note", default="", help="风险类型“其他”的备注")
    s.add_argument("--note", default="", help="备注")
    s.add_argument("--department", default="", help="预警部门（部门筛查预警）")
    s.add_argument("--dept-reason", default="", help="部门预警原因")
    s.add_argument("--village", metavar="CODE", help="新户：行政村代码")
    s.add_argument("--head", metavar="NAME", help="新户：户主姓名")
    s.add_argument("--id-number", metavar="ID", help="新户：户主身份证号")
    _today(s)
    s.set_defaults(func=cmd_clue, needs_db=True)

    s = actions.add_parser("do", help="对一户的监测程序进行一个步骤，各项用 --set KEY=VALUE 给出")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号或户 ID")
    s.add_argument("step", metavar="ACTION", help="步骤，如 home_check、consent、evaluation、announcement")
    s.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="表单项；日期为 YYYY-MM-DD")
    _today(s)
    s.set_defaults(func=cmd_do, needs_db=True)

    s = actions.add_parser("show", help="一户的监测程序：阶段、时限和每一步的时间线")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号或户 ID")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    _today(s)
    s.set_defaults(func=cmd_show, needs_db=True)

    s = actions.add_parser("check", help="检查全部监测记录是否符合程序（有问题时退出码为 1）")
    s.add_argument("--village", metavar="CODE", help="只检查一个行政村")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_check, needs_db=True)

    s = actions.add_parser("rules", help="查看或修改县里的监测规则（时限、公示天数、评议规则、消除条件）")
    s.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="修改一项，如 deadline_days=20")
    s.set_defaults(func=cmd_rules, needs_db=True)


def _pairs(items: list[str]) -> dict[str, str]:
    from desktop_app.errors import CliError

    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"应为 KEY=VALUE：{item}")
        out[key.strip()] = value.strip()
    return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app import catalog
    from desktop_app.services.monitoring import case_list

    rows = case_list(
        db, village_code=args.village, overdue_only=args.overdue, stage=args.stage, today=args.today or date.today()
    )
    if args.json:
        out = [
            {
                "household": r.household_number,
                "category": r.category,
                "step": r.stage,
                "found": _iso(r.found),
                "included": _iso(r.included),
                "deadline": _iso(r.deadline),
                "days_left": r.days_left,
                "overdue": r.overdue,
                "risks": list(r.risks),
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        left = (
            "逾期"
            if r.overdue
            else ("" if r.days_left is None else f"剩 {r.days_left} 天" + ("（临期）" if r.warn else ""))
        )
        risks = "、".join(catalog.label("monitor_risk", c) for c in r.risks)
        category = catalog.label("monitor_category", r.category) or "—"
        print(
            f"{r.household_number}  {r.head_name}  {catalog.label('monitor_stage', r.stage)}  {category}  "
            f"发现 {r.found}  时限 {r.deadline}  {left}  {risks}".rstrip()
        )
    overdue = sum(1 for r in rows if r.overdue)
    print(f"共 {len(rows)} 条监测记录，逾期 {overdue} 条。")
    return 0


def cmd_export(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import export_cases

    result = export_cases(db, args.out, village_code=args.village, today=args.today or date.today())
    print(f"已导出 {result.area} 的 {result.counts['cases']} 条监测记录到 {result.path}")
    return 0


def cmd_clue(args: argparse.Namespace, db: Database) -> int:
    from desktop_app import catalog
    from desktop_app.errors import CliError
    from desktop_app.services.monitoring import NewHousehold, open_clue

    new = None
    if args.household == "new":
        if not (args.village and args.head and args.id_number):
            raise CliError("新户须给出 --village、--head 和 --id-number")
        new = NewHousehold(village_code=args.village, head_name=args.head, head_id_number=args.id_number)
    extra = {k: v for k, v in (("department", args.department), ("dept_reason", args.dept_reason)) if v}
    row = open_clue(
        db,
        "" if new is not None else args.household,
        source=args.source,
        found=args.found,
        risks=args.risk,
        disaster_sub=args.disaster_sub,
        risk_note=args.risk_note,
        note=args.note,
        data=extra,
        new_household=new,
        today=args.today or date.today(),
    )
    print(
        f"已登记线索：{row.household_number} {row.head_name}（第 {row.round} 轮，"
        f"{catalog.label('monitor_source', row.source)}），纳入时限 {row.deadline}"
    )
    return 0


def cmd_do(args: argparse.Namespace, db: Database) -> int:
    from desktop_app import catalog
    from desktop_app.services.monitoring import do_action

    row = do_action(db, args.household, args.step, _pairs(args.set), today=args.today or date.today())
    print(f"已记录：{row.household_number} {row.head_name}，现处于“{catalog.label('monitor_stage', row.stage)}”")
    return 0


def _event_dict(e: Any) -> dict[str, Any]:
    return {
        "step": e.step,
        "on_date": _iso(e.on_date),
        "actor": e.actor,
        "outcome": e.outcome,
        "reason": e.reason,
        "data": e.data,
    }


def cmd_show(args: argparse.Namespace, db: Database) -> int:
    from desktop_app import catalog
    from desktop_app.domain.monitoring_steps import OUTCOME_LABELS, step_label
    from desktop_app.services.monitoring import household_cases

    cases = household_cases(db, args.household, today=args.today or date.today())
    if args.json:
        out = [
            {
                "case_id": c.case_id,
                "household": c.household_number,
                "round": c.round,
                "step": c.stage,
                "category": c.category,
                "found": _iso(c.found),
                "included": _iso(c.included),
                "deadline": _iso(c.deadline),
                "days_left": c.days_left,
                "overdue": c.overdue,
                "risks": list(c.risks),
                "guard_failures": [code for code, _zh in c.guard_failures],
                "events": [_event_dict(e) for e in c.events],
            }
            for c in cases
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not cases:
        print("本户没有监测记录。")
        return 0
    for c in cases:
        risks = "、".join(catalog.label("monitor_risk", r) for r in c.risks)
        print(
            f"{c.household_number}  {c.head_name}  {c.term_zh}  第 {c.round} 轮  "
            f"{catalog.label('monitor_stage', c.stage)}  {catalog.label('monitor_category', c.category)}"
        )
        flag = "（已逾期）" if c.overdue else ("" if c.days_left is None else f"（剩 {c.days_left} 天）")
        print(f"  发现 {c.found}  纳入时限 {c.deadline}{flag}  风险：{risks}")
        for e in c.events:
            outcome = OUTCOME_LABELS.get(e.outcome, (e.outcome, e.outcome))[0]
            reason = f"  理由：{e.reason}" if e.reason else ""
            print(f"  {e.on_date}  {step_label(e.step)}  {outcome}  {e.actor}{reason}".rstrip())
        for _code, zh in c.guard_failures:
            print(f"  未满足的消除条件：{zh}")
    return 0


def cmd_check(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.monitoring import check_monitoring

    findings = check_monitoring(db, village_code=args.village)
    if args.json:
        out = [
            {
                "case_id": f.case_id,
                "household": f.household_number,
                "code": f.code,
                "message": f.zh,
                "step": f.step,
                "on_date": _iso(f.on_date),
            }
            for f in findings
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(f"{f.household_number}  {f.zh}" + (f"（{f.on_date}）" if f.on_date else ""))
        print("监测记录全部符合程序。" if not findings else f"发现 {len(findings)} 处不符合程序。")
    return 1 if findings else 0


def cmd_rules(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.monitoring_rules import RULE_LABELS
    from desktop_app.services.monitoring import change_monitor_rules, monitor_rules

    changes = _pairs(args.set)
    rules = change_monitor_rules(db, changes) if changes else monitor_rules(db)
    for key, value in rules.to_mapping().items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
        if isinstance(value, bool):
            shown = "是" if value else "否"
        print(f"{RULE_LABELS.get(key, key)}（{key}）：{shown}")
    return 0
