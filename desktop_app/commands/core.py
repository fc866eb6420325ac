"""Core commands: demo data, ID checks, statistics and the integrity check."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services import Database


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="生成演示数据（确定性，可重复）")
    p.add_argument("--households", type=int, required=True, metavar="N", help="户数")
    p.add_argument("--villages", type=int, metavar="V", help="行政村数（默认约每村 250 户）")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认 1）")
    p.add_argument(
        "--monitoring",
        action="store_true",
        help="同时生成防止返贫监测演示数据（监测程序各环节都有监测户，日期在今天前后）",
    )
    p.add_argument(
        "--assistance",
        action="store_true",
        help="同时生成帮扶台账演示数据（结对、一户一策、资金、小额信贷、公益岗位、务工、走访；含防止返贫监测）",
    )
    p.set_defaults(func=cmd_demo, needs_db=True)

    p = sub.add_parser("id-check", help="校验身份证号码（GB 11643）")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_id_check, needs_db=False)

    p = sub.add_parser("stats", help="户数、人数，按村、识别环节和脱贫状态统计")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_stats, needs_db=True)

    p = sub.add_parser("check", help="检查数据库完整性（结构、外键、重复身份证号）")
    p.set_defaults(func=cmd_check, needs_db=True)


def cmd_demo(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError
    from desktop_app.services import Progress
    from desktop_app.services.demo import DemoExists, load_demo

    if args.households < 1 or (args.villages is not None and args.villages < 1):
        raise CliError("户数和村数必须为正整数。")
    started = time.perf_counter()

    def show(done: int, total: int, _text: str) -> None:
        if sys.stderr.isatty():
            print(f"\r生成中 {done}/{total} 户", end="", file=sys.stderr, flush=True)

    try:
        result = load_demo(
            db,
            households=args.households,
            villages=args.villages,
            seed=args.seed,
            operator=db.operator or "演示",
            device_id=db.device_id,
            progress=Progress(show),
            monitoring=args.monitoring or args.assistance,
        )
        if args.assistance:
            from desktop_app.services.demo import add_assistance_demo

            assisted = add_assistance_demo(db, seed=args.seed)
    except DemoExists as exc:
        raise CliError(str(exc)) from exc
    if sys.stderr.isatty():
        print(file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(
        f"已生成演示数据：{result.townships} 个乡镇，{result.villages} 个行政村，{result.households} 户，"
        f"{result.members} 人，{result.cadres} 名帮扶干部，{result.measures} 条帮扶措施（{elapsed:.1f} 秒）。"
    )
    if result.monitored:
        print(f"防止返贫监测：{result.monitored} 户监测户，监测程序各环节都有。")
    if args.assistance:
        print(assisted.summary())
    print(f"数据库：{db.describe()}")
    return 0


def cmd_id_check(args: argparse.Namespace, _db: None) -> int:
    from desktop_app.domain.idnumber import check

    results = [check(raw) for raw in args.ids]
    sex_words = {"1": "male", "2": "female"}
    if args.json:
        out = [
            {
                "input": r.input,
                "valid": r.valid,
                "normalized": r.normalized,
                "reason": r.reason,
                "sex": sex_words.get(r.sex or ""),
                "birth_date": r.birth_date.isoformat() if r.birth_date else None,
            }
            for r in results
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if r.valid:
                sex = {"1": "男", "2": "女"}.get(r.sex or "", "")
                print(f"{r.input}\t有效\t{r.normalized}\t{sex}\t{r.birth_date.isoformat() if r.birth_date else ''}")
            else:
                print(f"{r.input}\t无效\t{r.reason}")
    return 0 if all(r.valid for r in results) else 1


def cmd_stats(args: argparse.Namespace, db: Database) -> int:
    from desktop_app import catalog
    from desktop_app.services.integrity import stats_of

    stats = stats_of(db)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    lists = catalog.codelists()
    print(f"户数：{stats['households']}    人数：{stats['members']}")
    print("按行政村：")
    for v in stats["by_village"]:
        print(f"  {v['code']}  {v['name']}  {v['households']} 户  {v['members']} 人")
    print("按识别环节：")
    for code, n in stats["by_stage"].items():
        print(f"  {lists['stage'].label(code) or code}  {n}")
    print("按脱贫状态：")
    for code, n in stats["by_status"].items():
        print(f"  {lists['poverty_status'].label(code) or code}  {n}")
    return 0


def cmd_check(_args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.integrity import check_of

    report = check_of(db)
    for line in report.checks:
        print(f"已检查：{line}")
    if report.ok:
        print("数据库完好，未发现问题。")
        return 0
    print(f"发现 {len(report.problems)} 个问题：")
    for problem in report.problems:
        print(f"  - {problem.message}")
    return 1
