"""``fupin posts add|list|holders|apply|step|month|check`` and ``fupin work set|list``: public-welfare posts,
their selection and months worked, and the monthly migrant-work monitoring, from the command line.

Households are named by number, members by name or resident ID, posts and selection records by their id (or
its first characters, as ``posts list`` and ``posts holders`` print them). Amounts are typed and printed in
yuan; ``--json`` writes codes beside their labels, amounts as yuan text and dates as ISO. A refused entry exits
2 with the Chinese reason naming the rule and writes nothing; ``posts check`` exits 1 when it finds a problem.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:
    from desktop_app.services import Database

GROUPS = "posts work".split()
_STEPS = {"check": "资格审核", "notice": "公示", "contract": "签约", "leave": "离岗", "reject": "不予通过"}
_HELP = {
    "posts": "公益岗位：设岗、选聘（报名 → 审核 → 公示 → 签约 → 离岗）、在岗月份、规则检查",
    "work": "务工月监测：按月登记每名劳动力的务工情况（计入当年工资性收入）",
}


def register(sub: Any) -> None:
    for group in GROUPS:
        p = sub.add_parser(group, help=_HELP[group])
        actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
        (_register_posts if group == "posts" else _register_work)(actions)


def _village(p: Any, *, required: bool = False) -> None:
    p.add_argument("--village", required=required, metavar="CODE_OR_NAME", help="行政村代码或名称")


def _register_posts(actions: Any) -> None:
    s = actions.add_parser("add", help="设立一个公益岗位")
    _village(s, required=True)
    s.add_argument("--type", required=True, help="岗位类型：代码或名称（01 保洁员 … 99 其他）")
    s.add_argument("--tier", required=True, help="岗位级别：代码或名称（1 部门 2 乡镇 3 村级）")
    s.add_argument("--funding", default="1", help="资金来源：代码或名称（1 财政资金 2 光伏收益 9 其他）")
    s.add_argument("--subsidy", required=True, metavar="YUAN", help="月补贴标准（元）")
    s.add_argument("--places", type=int, default=1, help="岗位人数（默认 1）")
    s.add_argument("--name", default="", help="岗位名称（默认为岗位类型）")
    s.add_argument("--start", type=_day, metavar="DATE", help="开始日期 YYYY-MM-DD")
    s.add_argument("--end", type=_day, metavar="DATE", help="结束日期 YYYY-MM-DD")
    s.add_argument("--vacancy", type=_day, metavar="DATE", help="岗位公告日期 YYYY-MM-DD")
    s.set_defaults(func=cmd_add, needs_db=True)

    s = actions.add_parser("list", help="一个村（或全部）的公益岗位：类型、级别、补贴、人数")
    _village(s)
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_list, needs_db=True)

    s = actions.add_parser("holders", help="一个岗位的报名与在岗人员及其选聘环节")
    s.add_argument("post", metavar="POST", help="岗位编号（或其前几位）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_holders, needs_db=True)

    s = actions.add_parser("apply", help="登记一人报名一个岗位")
    s.add_argument("post", metavar="POST", help="岗位编号（或其前几位）")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("member", metavar="MEMBER", help="成员姓名或身份证号")
    s.add_argument("--on", type=_day, metavar="DATE", help="报名日期（默认今天）")
    s.set_defaults(func=cmd_apply, needs_db=True)

    s = actions.add_parser(
        "step", help="选聘的一个环节：check 审核、notice 公示、contract 签约、leave 离岗、reject 不予通过"
    )
    s.add_argument("holder", metavar="HOLDER", help="选聘记录编号（或其前几位）")
    s.add_argument("step", choices=list(_STEPS), help="环节")
    s.add_argument("--on", type=_day, metavar="DATE", help="日期（默认今天）")
    s.add_argument("--override", default="", help="不符合规则时的书面同意意见（须同时给出 --decided-by）")
    s.add_argument("--decided-by", default="", help="书面同意的决定人")
    s.add_argument("--reason", default="", help="离岗或不予通过的原因")
    s.set_defaults(func=cmd_step, needs_db=True)

    s = actions.add_parser("month", help="登记在岗人员一个月的出勤、考核和补贴（计入当年工资性收入）")
    s.add_argument("holder", metavar="HOLDER", help="选聘记录编号（或其前几位）")
    s.add_argument("month", type=int, metavar="YYYYMM", help="月份，如 202604")
    s.add_argument("--days", type=int, required=True, help="出勤天数")
    s.add_argument("--subsidy", required=True, metavar="YUAN", help="本月补贴（元）")
    s.add_argument("--assessment", help="考核：代码或名称（1 优秀 2 合格 3 基本合格 4 不合格）")
    s.add_argument("--attendance-bad", action="store_true", help="考勤不合格")
    s.add_argument("--note", default="", help="备注")
    s.set_defaults(func=cmd_month, needs_db=True)

    s = actions.add_parser("check", help="检查在岗人员是否仍符合规则（有问题时退出码为 1）")
    _village(s)
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.add_argument("--today", type=_day, metavar="DATE", help="按此日期判断（默认今天）")
    s.set_defaults(func=cmd_check, needs_db=True)


def _register_work(actions: Any) -> None:
    s = actions.add_parser("set", help="登记一名成员一个月的务工情况")
    s.add_argument("month", type=int, metavar="YYYYMM", help="月份，如 202604")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("member", metavar="MEMBER", help="成员姓名或身份证号")
    s.add_argument("--not-worked", action="store_true", help="本月未务工")
    s.add_argument("--start", type=_day, metavar="DATE", help="本月务工开始日期")
    s.add_argument("--end", type=_day, metavar="DATE", help="本月务工结束日期")
    s.add_argument("--place", default="", help="务工地（县）")
    s.add_argument("--channel", help="务工渠道：代码或名称（1 公益岗位 2 帮扶车间 3 外出务工 …）")
    s.add_argument("--industry", help="务工行业：代码或名称")
    s.add_argument("--employer", default="", help="务工单位")
    s.add_argument("--wage", default="0", metavar="YUAN", help="本月工资（元）")
    s.add_argument("--transport", default="0", metavar="YUAN", help="交通补助（元）")
    s.add_argument("--note", default="", help="备注")
    s.set_defaults(func=cmd_work_set, needs_db=True)

    s = actions.add_parser("list", help="一个村一个月的务工情况（每名劳动年龄人员一行）")
    s.add_argument("month", type=int, metavar="YYYYMM", help="月份，如 202604")
    _village(s, required=True)
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_work_list, needs_db=True)


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=lambda d: d.isoformat()))


def _code(kind: str, text: str | None, what: str) -> str | None:
    from desktop_app import catalog
    from desktop_app.errors import CliError

    if text is None or not text.strip():
        return None
    found = catalog.parse_label(kind, text.strip())
    if found is None:
        raise CliError(f"{what}无效：{text}")
    return found


def _fen(text: str) -> int:
    from desktop_app.domain.money import parse_yuan

    return parse_yuan(text)


def cmd_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import PostInput, add_post, posts_village

    data = PostInput(
        village_id=posts_village(db, args.village),
        type=_code("post_type", args.type, "岗位类型") or "",
        tier=_code("post_tier", args.tier, "岗位级别") or "",
        funding=_code("post_funding", args.funding, "资金来源") or "1",
        monthly_subsidy_fen=_fen(args.subsidy),
        places=args.places,
        name=args.name,
        started_on=args.start,
        ended_on=args.end,
        vacancy_on=args.vacancy,
    )
    post_id = add_post(db, data)
    print(f"已设立岗位：{post_id}")
    return 0


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import post_list, posts_village, yuan

    rows = post_list(db, posts_village(db, args.village) if args.village else None)
    if args.json:
        _print(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "type": r.type,
                    "type_label": r.type_label,
                    "tier": r.tier,
                    "tier_label": r.tier_label,
                    "funding": r.funding,
                    "funding_label": r.funding_label,
                    "monthly_subsidy": yuan(r.monthly_subsidy_fen),
                    "places": r.places,
                    "filled": r.filled,
                    "started": r.started_on,
                    "ended": r.ended_on,
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        term = f"{r.started_on or ''}–{r.ended_on or ''}" if r.started_on or r.ended_on else ""
        print(
            f"{r.id[:8]}  {r.name}  {r.tier_label}  {r.funding_label}  月补贴 {yuan(r.monthly_subsidy_fen)} 元  "
            f"在岗 {r.filled}/{r.places}  {term}".rstrip()
        )
    print(f"共 {len(rows)} 个岗位。")
    return 0


def _holder_json(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "post": r.post,
        "household": r.number,
        "person": r.person,
        "stage": r.stage,
        "stage_label": r.stage_label,
        "applied": r.applied_on,
        "checked": r.checked_on,
        "notice_start": r.notice_start,
        "notice_end": r.notice_end,
        "contract": r.contract_on,
        "left": r.left_on,
        "findings": list(r.findings),
        "months": r.months,
    }


def cmd_holders(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import find_post, post_holders

    rows = post_holders(db, find_post(db, args.post))
    if args.json:
        _print([_holder_json(r) for r in rows])
        return 0
    for r in rows:
        notice = f"  公示 {r.notice_start}–{r.notice_end}" if r.notice_start else ""
        print(f"{r.id[:8]}  {r.number}  {r.person}  {r.stage_label}{notice}  在岗月份 {r.months}")
        for finding in r.findings:
            print(f"    {finding}")
    print(f"共 {len(rows)} 人。")
    return 0


def cmd_apply(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import apply_for_post, find_post, posts_household, posts_member

    household = posts_household(db, args.household)
    holder = apply_for_post(
        db, find_post(db, args.post), posts_member(db, household, args.member), args.on or date.today()
    )
    print(f"已报名：选聘记录 {holder}")
    return 0


def cmd_step(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import find_holder, post_step

    holder = find_holder(db, args.holder)
    post_step(
        db,
        holder,
        args.step,
        args.on or date.today(),
        override=args.override,
        decided_by=args.decided_by,
        reason=args.reason,
    )
    print(f"已办理：{_STEPS[args.step]}")
    return 0


def cmd_month(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import find_holder, month_text, record_post_month

    record_post_month(
        db,
        find_holder(db, args.holder),
        args.month,
        args.days,
        not args.attendance_bad,
        _code("post_assessment", args.assessment, "考核结果"),
        _fen(args.subsidy),
        args.note,
    )
    print(f"已登记 {month_text(args.month)} 在岗情况。")
    return 0


def cmd_check(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import posts_check, posts_village

    findings = posts_check(db, posts_village(db, args.village) if args.village else None, on=args.today)
    if args.json:
        _print(
            [
                {"household": f.number, "person": f.person, "post": f.post, "rule": f.rule, "message": f.message}
                for f in findings
            ]
        )
    else:
        for f in findings:
            print(f"{f.number}  {f.person}  {f.post}  {f.message}")
        print("在岗人员全部符合规则。" if not findings else f"发现 {len(findings)} 处不符合规则。")
    return 1 if findings else 0


def cmd_work_set(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import WorkEntry, month_text, posts_household, posts_member, save_work_months

    member = posts_member(db, posts_household(db, args.household), args.member)
    entry = WorkEntry(
        member_id=member,
        worked=not args.not_worked,
        started_on=args.start,
        ended_on=args.end,
        place=args.place,
        channel=_code("work_channel", args.channel, "务工渠道"),
        industry=_code("work_industry", args.industry, "务工行业"),
        employer=args.employer,
        wage_fen=_fen(args.wage),
        transport_subsidy_fen=_fen(args.transport),
        note=args.note,
    )
    changed = save_work_months(db, args.month, [entry])
    print(f"已登记 {month_text(args.month)} 务工情况。" if changed else "与已登记的相同，未作修改。")
    return 0


def cmd_work_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import month_text, posts_village, work_grid, yuan

    rows = work_grid(db, posts_village(db, args.village), args.month)
    if args.json:
        _print(
            [
                {
                    "household": r.number,
                    "name": r.name,
                    "month": month_text(r.month),
                    "recorded": r.saved,
                    "worked": r.worked,
                    "start": r.started_on,
                    "end": r.ended_on,
                    "place": r.place,
                    "channel": r.channel,
                    "channel_label": r.channel_label,
                    "industry": r.industry,
                    "industry_label": r.industry_label,
                    "employer": r.employer,
                    "wage": yuan(r.wage_fen),
                    "transport_subsidy": yuan(r.transport_subsidy_fen),
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        state = ("务工" if r.worked else "未务工") if r.saved else "未登记"
        detail = f"  {r.place}  {r.channel_label}  {r.industry_label}  {r.employer}  工资 {yuan(r.wage_fen)} 元"
        print(f"{r.number}  {r.head_name}  {r.name}  {state}" + (detail.rstrip() if r.worked else ""))
    worked, missing = sum(1 for r in rows if r.worked), sum(1 for r in rows if not r.saved)
    print(f"{month_text(args.month)}：共 {len(rows)} 人，务工 {worked} 人，未登记 {missing} 人。")
    return 0
