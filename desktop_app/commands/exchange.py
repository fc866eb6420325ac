"""`fupin export` and `fupin import`: the exchange workbook and county rosters from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services import Database

MAX_LINES = 200


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="导出交换工作簿（户、成员、帮扶措施、识别程序记录）或国家系统版式的表")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    p.add_argument(
        "--layout",
        default="exchange",
        metavar="NAME",
        help="版式名称：不写即本程序的交换工作簿；国家系统和银行的各版式（名单、监测、农户、务工月报）"
        "以及县里自己的版式，名称由“版式列表”命令（layouts list）列出",
    )
    area = p.add_mutually_exclusive_group()
    area.add_argument("--village", metavar="CODE_OR_NAME", help="只导出这个行政村（代码或名称）")
    area.add_argument("--township", metavar="CODE_OR_NAME", help="只导出这个乡镇（代码或名称）")
    p.add_argument(
        "--password",
        action="store_true",
        help="用密码保护工作簿（密码取自 FUPIN_WORKBOOK_PASSWORD，或非终端时的标准输入，否则提示输入）",
    )
    p.set_defaults(func=cmd_export, needs_db=True)

    p = sub.add_parser("import", help="导入交换工作簿或县级花名册（.xlsx、.xls、.csv）")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.add_argument("--partial", action="store_true", help="只导入没有错误的户（整户），跳过有错误的户")
    p.add_argument("--report", metavar="REPORT.xlsx", help="把检查报告保存为工作簿（问题单元格标红并加批注）")
    p.add_argument(
        "--password", action="store_true", help="打开受密码保护的工作簿（密码取自 FUPIN_WORKBOOK_PASSWORD 或提示输入）"
    )
    p.add_argument(
        "--create-areas",
        action="store_true",
        help="花名册中有系统没有的乡镇、行政村、村民小组时，一并新建（无文件代码时生成代码并标记待更正）",
    )
    p.set_defaults(func=cmd_import, needs_db=True)


def workbook_password() -> str:
    """The workbook password: ``FUPIN_WORKBOOK_PASSWORD``, else standard input (not a terminal), else a prompt.

    Its own variable, not ``FUPIN_PASSWORD``: the login password must never become a file's password.
    """
    import getpass
    import os

    value = os.environ.get("FUPIN_WORKBOOK_PASSWORD")
    if value is not None:
        return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass("工作簿密码：")


def cmd_export(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError
    from desktop_app.services import Progress
    from desktop_app.services.exchange import ExchangeError, export_to_file

    def report(done: int, total: int, text: str) -> None:
        if sys.stderr.isatty():
            print(f"\r导出中 {done}/{total} {text}   ", end="", file=sys.stderr, flush=True)

    if args.layout != "exchange":
        return _export_layout(args, db, report)
    try:
        result = export_to_file(
            db,
            args.out,
            village=args.village,
            township=args.township,
            progress=Progress(report),
            password=workbook_password() if args.password else None,
        )
    except ExchangeError as exc:
        raise CliError(exc.message_zh) from exc
    if sys.stderr.isatty():
        print(file=sys.stderr)
    c = result.counts
    print(
        f"已导出 {result.area}：{c['households']} 户，{c['members']} 人，{c['measures']} 条帮扶措施，"
        f"{c['events']} 条识别程序记录"
        + (f"，{result.ledger_rows()} 条帮扶台账记录" if result.ledger_rows() else "")
        + f"（{result.seconds:.1f} 秒）→ {result.path}"
    )
    return 0


def _export_layout(args: argparse.Namespace, db: Database, report: Any) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services import Progress
    from desktop_app.services.exchange import export_layout_to_file

    if args.password:
        raise CliError("国家系统版式的表不加密码（银行和县里的系统读不了加密文件）；请去掉 --password。")
    try:
        result = export_layout_to_file(
            db, args.out, args.layout, village=args.village, township=args.township, progress=Progress(report)
        )
    except DomainError as exc:  # an unknown layout, area or an unwritable file
        raise CliError(exc.message_zh) from exc
    if sys.stderr.isatty():
        print(file=sys.stderr)
    c = result.counts
    print(
        f"已导出 {result.area}（版式 {args.layout}）：{c['households']} 户，{c['rows']} 行"
        f"（{result.seconds:.1f} 秒）→ {result.path}"
    )
    return 0


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.errors import CliError
    from desktop_app.services.exchange import import_files

    try:
        run = import_files(
            db,
            args.files,
            partial=args.partial,
            unreadable_as_outcome=args.json,
            password=workbook_password() if args.password else None,
            create_areas=args.create_areas,
        )
    except DomainError as exc:  # unreadable file, or a merge refusal: one line, nothing written
        raise CliError(exc.message_zh) from exc
    rejected = not run.applied
    if args.report:
        run.save_report(args.report)
    if args.json:
        data = [o.to_json() for o in run.outcomes]
        print(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    else:
        for o in run.outcomes:
            _print_outcome(o, rejected)
    return 2 if rejected else 0


def _print_outcome(o: Any, rejected: bool) -> None:
    kind = "交换工作簿" if o.format == "exchange" else (f"国家系统版式 {o.layout}" if o.layout else "花名册")
    print(f"{o.file}（{kind}）")
    if o.not_imported:
        print(f"  不导入的列（{len(o.not_imported)} 列，本程序不从此表保存这些值）：{'、'.join(o.not_imported)}")
    if o.errors:
        print(f"  发现 {len(o.errors)} 个问题：")
        for p in sorted(o.errors, key=lambda p: (p.sheet, p.row or 0, p.col_index or 0))[:MAX_LINES]:
            print(f"  - {p.line()}")
        if len(o.errors) > MAX_LINES:
            print(f"  … 其余 {len(o.errors) - MAX_LINES} 个问题请用 --report 保存为工作簿查看")
    if rejected:
        print("  未导入：数据库没有任何改动。" + ("（可用 --partial 只导入没有错误的户）" if o.errors else ""))
        return
    h, m = o.households, o.members
    if o.relinked:
        pairs = "、".join(f"{a}→{b}" for a, b in sorted(o.relinked.items())[:MAX_LINES])
        more = f" 等 {len(o.relinked)} 户" if len(o.relinked) > MAX_LINES else ""
        print(f"  按户主证件号码对应到本系统已有的户（户编号不同，保留本系统的户编号）：{pairs}{more}")
    print(f"  户：新增 {h['added']}，更新 {h['updated']}，未变 {h['unchanged']}")
    print(f"  成员：新增 {m['added']}，更新 {m['updated']}，未变 {m['unchanged']}")
    if o.cases:
        c = o.cases
        print(f"  监测记录：新增 {c['added']}，更新 {c['updated']}，未变 {c['unchanged']}")
    if o.ledgers:
        t = o.ledger_totals()
        print(f"  帮扶台账：新增 {t['added']}，更新 {t['updated']}，未变 {t['unchanged']}")
    if o.areas_created:
        zh = {"county": "县", "township": "乡镇", "village": "行政村", "group": "村民小组"}
        print("  新建区划：" + "、".join(f"{n} 个{zh[k]}" for k, n in o.areas_created.items()))
    if o.skipped_households:
        print(f"  跳过有错误的户：{o.skipped_households} 户")
    if o.conflicts:
        print(f"  冲突：{o.conflicts} 处，请在程序中“数据交换 → 处理合并冲突”逐一决定")
