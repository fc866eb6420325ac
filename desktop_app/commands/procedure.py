"""``fupin procedure``: where a household stands, a village's timeline, monitoring, the invariant check, rules."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:
    from desktop_app.services import Database


def register(sub: Any) -> None:
    p = sub.add_parser("procedure", help="识别程序：查看进度、时间线、监测名单、程序检查和规则")
    psub = p.add_subparsers(dest="procedure_command", metavar="SUBCOMMAND", required=True)

    s = psub.add_parser("show", help="一户的识别程序进度、每步日期和签字人、现在可进行的操作")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号或户 ID")
    s.add_argument("--today", type=_day, help="按此日期判断（默认今天），YYYY-MM-DD")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_show, needs_db=True)

    s = psub.add_parser("timeline", help="一个行政村的全部程序记录：日期、步骤、经办人、结论")
    s.add_argument("--village", required=True, metavar="CODE", help="行政村代码（12 位）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_timeline, needs_db=True)

    s = psub.add_parser("monitor", help="防止返贫监测名单：收入低于贫困线倍数或大额医疗、灾害支出")
    s.add_argument("--village", metavar="CODE", help="行政村代码（默认全部）")
    s.add_argument("--today", type=_day, help="按此日期判断（默认今天）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_monitor, needs_db=True)

    s = psub.add_parser("check", help="检查全部程序记录是否符合规则（两次公示期满、无未处理异议、理由齐全等）")
    s.add_argument("--village", metavar="CODE", help="只检查一个行政村")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_check, needs_db=True)

    s = psub.add_parser("do", help="对一户进行一个程序步骤（供脚本使用），表单字段用 --set KEY=VALUE 给出")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号或户 ID")
    s.add_argument("action", metavar="ACTION", help="步骤，如 application、survey、evaluation、township_review")
    s.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="表单字段；日期为 YYYY-MM-DD；入户查看记录一项一个，如 hebei_five_looks.housing=土坯房",
    )
    s.add_argument("--votes", metavar="FOR,AGAINST,ABSTAIN", help="民主评议的票数")
    s.add_argument("--today", type=_day, help="按此日期判断（默认今天）")
    s.set_defaults(func=cmd_do, needs_db=True)

    s = psub.add_parser("rules", help="查看或修改程序规则（评议通过规则、公示天数、监测阈值）")
    s.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="修改一项，如 announcement_min_days=10"
    )
    s.set_defaults(func=cmd_rules, needs_db=True)


def _cli_error(exc: Exception) -> Exception:
    from desktop_app.errors import CliError

    return CliError(str(exc))


def cmd_show(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.domain.procedure_rules import step_label
    from desktop_app.services.procedure import household_overview_of

    today = args.today or date.today()
    try:
        view = household_overview_of(db, args.household, today=today)
    except DomainError as exc:
        raise _cli_error(exc) from exc
    if args.json:
        out = {
            "household_id": view.household_id,
            "number": view.number,
            "head_name": view.head_name,
            "stage": view.stage,
            "stage_zh": view.stage_zh,
            "status": view.status,
            "steps": [
                {
                    "stage": m.stage,
                    "label": m.label_zh,
                    "done": m.done,
                    "on_date": m.on_date and m.on_date.isoformat(),
                    "actor": m.actor,
                }
                for m in view.steps
            ],
            "announcement": view.announcement_zh,
            "open_objections": len(view.open_objections),
            "allowed": [step for step, why in view.actions.items() if why is None],
            "events": [t.as_dict() for t in view.timeline],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    en = _lang(args) == "en"
    stage = view.stage_en if en else view.stage_zh
    print(f"{view.number}  {view.head_name}  " + (f"current step: {stage}" if en else f"当前环节：{stage}"))
    for m in view.steps:
        mark = "✓" if m.done else "·"
        when = f"{m.on_date}  {m.actor}" if m.done else ""
        print(f"  {mark} {(m.label_en if en else m.label_zh):<{30 if en else 10}}{when}")
    if view.announcement_zh:
        print(f"  {view.announcement_en if en else view.announcement_zh}")
    if view.open_objections:
        n = len(view.open_objections)
        print(f"  {n} objection(s) waiting to be resolved" if en else f"  {n} 条异议待处理")
    allowed = [step_label(step, "en" if en else "zh") for step, why in view.actions.items() if why is None]
    if en:
        print("can be done now: " + (", ".join(allowed) if allowed else "nothing"))
    else:
        print("现在可进行：" + ("、".join(allowed) if allowed else "无"))
    return 0


def _lang(args: argparse.Namespace) -> str:
    return "en" if getattr(args, "lang", None) == "en" else "zh"


def cmd_timeline(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services.procedure import timeline_of_village

    try:
        entries = timeline_of_village(db, args.village)
    except DomainError as exc:
        raise _cli_error(exc) from exc
    if args.json:
        print(json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=2))
        return 0
    from desktop_app.domain.labels import label

    if _lang(args) == "en":
        for e in entries:
            reason = f"  reason: {e.reason}" if e.reason else ""
            step, outcome = label("step", e.step, "en"), label("outcome", e.outcome, "en")
            print(f"{e.on_date}  {e.number}  {e.head_name}  {step}  {outcome}  by: {e.actor}{reason}")
        print(f"{len(entries)} record(s).")
        return 0
    for e in entries:
        reason = f"  理由：{e.reason}" if e.reason else ""
        print(f"{e.on_date}  {e.number}  {e.head_name}  {e.step_zh}  {e.outcome_zh}  经办：{e.actor}{reason}")
    print(f"共 {len(entries)} 条记录。")
    return 0


def cmd_monitor(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services.procedure import monitoring

    try:
        rows = monitoring(db, village_code=args.village, today=args.today or date.today())
    except DomainError as exc:
        raise _cli_error(exc) from exc
    if args.json:
        out = [
            {
                "household_id": r.household_id,
                "number": r.number,
                "head_name": r.head_name,
                "stage": r.stage,
                "per_capita_fen": r.per_capita_fen,
                "line_fen": r.line_fen,
                "reasons": list(r.reasons_zh),
                "can_re_enter": r.can_re_enter,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r.number}  {r.head_name}  {'；'.join(r.reasons_zh)}{'  可重新申请' if r.can_re_enter else ''}")
    print(f"监测户共 {len(rows)} 户。")
    return 0


def cmd_check(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services.procedure import check_procedure

    try:
        problems = check_procedure(db, village_code=args.village)
    except DomainError as exc:
        raise _cli_error(exc) from exc
    if args.json:
        out = [
            {
                "household_id": h,
                "number": n,
                "code": v.code,
                "message": v.zh,
                "step": v.step,
                "on_date": v.on_date and v.on_date.isoformat(),
            }
            for h, n, v in problems
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for _hid, number, v in problems:
            print(f"{number}  {v.zh}" + (f"（{v.on_date}）" if v.on_date else ""))
        print("程序记录全部符合规则。" if not problems else f"发现 {len(problems)} 处不符合规则。")
    return 1 if problems else 0


def cmd_rules(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services.procedure import change_procedure_rules, procedure_rules

    changes: dict[str, Any] = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            raise _cli_error(ValueError(f"应为 KEY=VALUE：{item}"))
        parsed: Any = value
        if value.lower() in ("true", "false"):
            parsed = value.lower() == "true"
        elif value.isdigit():
            parsed = int(value)
        changes[key.strip()] = parsed
    try:
        rules = change_procedure_rules(db, changes) if changes else procedure_rules(db)
    except DomainError as exc:
        raise _cli_error(exc) from exc
    from desktop_app.domain.labels import rule_text

    en = _lang(args) == "en"
    for key, value in rules.to_mapping().items():  # the key is what --set takes; the label and value are read
        name, shown = rule_text(key, value, "en" if en else "zh")
        print(f"{name}（{key}）：{shown}" if not en else f"{name} ({key}): {shown}")
    return 0


def cmd_do(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services.procedure import do_step

    fields: list[tuple[str, str]] = []
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            raise _cli_error(ValueError(f"应为 KEY=VALUE：{item}"))
        fields.append((key, value))
    votes = None
    if args.votes:
        try:
            counted = tuple(int(x) for x in args.votes.split(","))
        except ValueError:
            counted = ()
        if len(counted) != 3:
            raise _cli_error(ValueError("--votes 应为 赞成,反对,弃权"))
        votes = (counted[0], counted[1], counted[2])
    try:
        message = do_step(db, args.household, args.action, fields, today=args.today or date.today(), votes=votes)
    except DomainError as exc:
        raise _cli_error(exc) from exc
    print(message)
    return 0
