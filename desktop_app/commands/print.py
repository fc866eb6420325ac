"""``fupin print KIND --out FILE.pdf``: announcements, notices, cards, registers, minutes, objections, wall charts."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.documents import PRINT_KIND_LABELS, PRINT_KINDS, print_kind_help

if TYPE_CHECKING:
    from desktop_app.services import Database

# The one table of document kinds (the standard library only: building the parser imports no SQLAlchemy or
# reportlab); the printing service reads the same table.
KINDS = PRINT_KINDS
KIND_HELP = print_kind_help()


def register(sub: Any) -> None:
    p = sub.add_parser(
        "print",
        help="打印文书（PDF）：公示、公告、扶贫手册、花名册、评议记录、异议记录、一图四表、监测文书、帮扶台账",
        description=(
            "生成可直接打印的 PDF 文书。公示类文书默认使用该村最近的一个相应批次；"
            "监测的村内公示、公告、风险消除公示和评议记录默认使用该村最近一次的名单。"
        ),
    )
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=KIND_HELP)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    p.add_argument("--village", metavar="CODE_OR_NAME", help="行政村代码或名称（名称须唯一）")
    p.add_argument("--batch", metavar="ID", help="批次 ID 或批次编号（公示、公告、评议记录、异议记录）")
    p.add_argument(
        "--household",
        metavar="ID_OR_NUMBER",
        help="户编号或户 ID（扶贫手册、帮扶台账、承诺授权书、信息采集表、入户核查表）",
    )
    p.add_argument(
        "--year", type=int, metavar="YYYY", help="年度（帮扶台账、措施登记册、资金台账；不填则为全部年度或最近一年）"
    )
    p.add_argument(
        "--post", metavar="ID_OR_NAME", help="公益岗位 ID 或名称（公益岗位拟聘人员公示；不填则为全村公示中的岗位）"
    )
    p.set_defaults(func=cmd_print, needs_db=True)


def cmd_print(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError, file_error_text, mask_sensitive
    from desktop_app.services.printing import PrintError, print_to_file, resolve_selection

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise CliError(f"输出文件应以 .pdf 结尾：{out}")
    if out.is_dir():
        raise CliError(f"输出路径是一个文件夹：{out}")
    started = time.perf_counter()
    try:
        selection = resolve_selection(
            db,
            args.kind,
            village=args.village,
            batch=args.batch,
            household=args.household,
            year=args.year,
            post=args.post,
        )
        pages = print_to_file(db, selection, out)
    except PrintError as exc:  # it may quote what was typed after --household: a resident ID is masked
        raise CliError(mask_sensitive(exc.message_zh)) from exc
    except OSError as exc:  # no space, read-only or missing folder, no permission: no partial file is left
        raise CliError(file_error_text(exc, out, writing=True) + "没有留下不完整的文件。") from exc
    elapsed = time.perf_counter() - started
    print(f"已生成{PRINT_KIND_LABELS[args.kind][0]}：{out}（{pages} 页，{elapsed:.1f} 秒）")
    return 0
