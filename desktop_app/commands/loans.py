"""``fupin loans products|add|repay|extend|renew|settle|list|show|import|eligible``: the microcredit ledger.

Households are named by number (户编号), loans by contract number (or id), borrowers by name or resident ID
within the household; amounts are typed and printed in yuan, JSON amounts are yuan strings and dates ISO. A
loan a product's rules refuse exits 2 with the rule named and writes nothing. Heavy imports stay inside the
command functions so that ``fupin --help`` is fast.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:
    from desktop_app.services import Database
    from desktop_app.services.assistance import LoanInput

GROUPS = "loans".split()


def _money(text: str) -> int:
    from desktop_app.domain.errors import DomainError
    from desktop_app.domain.money import parse_yuan

    try:
        return parse_yuan(text)
    except DomainError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _terms(p: Any, *, required: bool) -> None:
    p.add_argument("--amount", required=required, type=_money, metavar="YUAN", help="贷款金额（元）")
    p.add_argument("--drawn", required=required, type=_day, metavar="DATE", help="放款日期 YYYY-MM-DD")
    p.add_argument("--contract", required=required, metavar="NO", help="借款合同号")
    p.add_argument("--bank", default="", help="贷款银行")
    p.add_argument("--product", default="", metavar="KEY", help="产品（默认按放款日期选用）")
    p.add_argument("--rating", metavar="R", help="信用等级（代码或名称：AAA、AA、A、B、未评级）")
    p.add_argument("--line", type=_money, metavar="YUAN", help="授信额度（元）")
    p.add_argument("--term", type=int, default=36, metavar="MONTHS", help="期限（月，默认 36）")
    p.add_argument("--rate", default="", metavar="PERCENT", help="年利率（百分数，如 4.35；默认产品最高利率）")
    p.add_argument("--purpose", default="", help="用途（只用于发展生产）")
    p.add_argument("--industry", default="", help="产业")
    p.add_argument("--note", default="", help="备注")


def _json_flag(p: Any) -> None:
    p.add_argument("--json", action="store_true", help="以 JSON 输出（金额为元，日期为 YYYY-MM-DD）")


def register(sub: Any) -> None:
    for group in GROUPS:
        p = sub.add_parser(group, help="小额信贷：贷款台账、还款、贴息、逾期、续贷展期、导入银行还款流水")
        actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
        _register(actions)


def _register(actions: Any) -> None:
    s = actions.add_parser("products", help="小额信贷产品：执行期、单户上限、期限、对象、贴息、续贷展期规则")
    s.add_argument("--load", metavar="FILE.json", help="保存县里自己的产品（JSON，顶层键 products 或 groups）")
    _json_flag(s)
    s.set_defaults(func=cmd_products, needs_db=True)

    s = actions.add_parser("add", help="登记一笔贷款（超出产品规则时拒绝并说明规则）")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--borrower", required=True, metavar="NAME_OR_ID", help="借款人：户内成员的姓名或身份证号")
    _terms(s, required=True)
    s.set_defaults(func=cmd_add, needs_db=True)

    s = actions.add_parser("repay", help="登记一笔还款（本金、利息）")
    s.add_argument("loan", metavar="CONTRACT", help="合同号（或贷款编号）")
    s.add_argument("--date", required=True, type=_day, metavar="DATE", help="还款日期")
    s.add_argument("--principal", type=_money, default=0, metavar="YUAN", help="还款本金（元）")
    s.add_argument("--interest", type=_money, default=0, metavar="YUAN", help="还款利息（元）")
    s.add_argument("--note", default="", help="备注")
    s.set_defaults(func=cmd_repay, needs_db=True)

    s = actions.add_parser("remove-repayment", help="删除一笔登记错了的还款记录")
    s.add_argument("repayment", metavar="ID", help="还款记录编号（loans show 列出）")
    s.set_defaults(func=cmd_remove_repayment, needs_db=True)

    s = actions.add_parser("extend", help="展期（每笔只能一次，须写明原因）")
    s.add_argument("loan", metavar="CONTRACT", help="合同号")
    s.add_argument("--to", required=True, type=_day, metavar="DATE", help="展期后的到期日")
    s.add_argument("--reason", required=True, help="展期原因")
    s.add_argument("--today", type=_day, metavar="DATE", help="申请日期（默认今天）")
    s.set_defaults(func=cmd_extend, needs_db=True)

    s = actions.add_parser("renew", help="续贷：登记新贷款并结清原贷款")
    s.add_argument("loan", metavar="CONTRACT", help="原贷款的合同号")
    s.add_argument("--borrower", metavar="NAME_OR_ID", help="借款人（默认原借款人）")
    _terms(s, required=True)
    s.set_defaults(func=cmd_renew, needs_db=True)

    s = actions.add_parser("settle", help="结清一笔已还清本金的贷款")
    s.add_argument("loan", metavar="CONTRACT", help="合同号")
    s.add_argument("--date", required=True, type=_day, metavar="DATE", help="结清日期")
    s.set_defaults(func=cmd_settle, needs_db=True)

    s = actions.add_parser("list", help="贷款台账：余额、逾期金额和天数、欠息、贴息")
    s.add_argument("--village", metavar="CODE_OR_NAME", help="行政村代码或名称（默认全部）")
    s.add_argument("--overdue", action="store_true", help="只列出逾期的（逾期天数长的在前）")
    s.add_argument("--on", type=_day, metavar="DATE", help="按此日期计算（默认今天）")
    _json_flag(s)
    s.set_defaults(func=cmd_list, needs_db=True)

    s = actions.add_parser("show", help="一笔贷款：还款计划和还款记录")
    s.add_argument("loan", metavar="CONTRACT", help="合同号")
    s.add_argument("--on", type=_day, metavar="DATE", help="按此日期计算（默认今天）")
    _json_flag(s)
    s.set_defaults(func=cmd_show, needs_db=True)

    s = actions.add_parser("import", help="导入银行还款流水（Excel/CSV，按合同号或身份证号对账；先预检）")
    s.add_argument("file", metavar="FILE", help="还款流水文件（.xlsx .xls .ods .csv）")
    s.add_argument("--dry-run", action="store_true", help="只预检，不写入")
    _json_flag(s)
    s.set_defaults(func=cmd_import, needs_db=True)

    s = actions.add_parser("eligible", help="应贷未贷：符合当期产品对象但没有在贷贷款的户")
    s.add_argument("--village", metavar="CODE_OR_NAME", help="行政村代码或名称（默认全部）")
    s.add_argument("--on", type=_day, metavar="DATE", help="按此日期（默认今天）")
    _json_flag(s)
    s.set_defaults(func=cmd_eligible, needs_db=True)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _village(db: Database, text: str | None) -> str | None:
    """A village id from its code or its name (None for all)."""
    from desktop_app.errors import CliError
    from desktop_app.services.areas import area_by_code, area_tree

    if not text:
        return None
    found = area_by_code(db, text)
    if found is not None and found.level == "village":
        return found.id
    named: list[str] = []
    stack = list(area_tree(db))
    while stack:
        node = stack.pop()
        if node.level == "village" and node.name == text.strip():
            named.append(node.id)
        stack.extend(node.children)
    if len(named) == 1:
        return named[0]
    raise CliError(f"找不到行政村：{text}" if not named else f"有多个行政村叫 {text}，请用行政村代码")


def _borrower(db: Database, household: str, text: str) -> str:
    from desktop_app.domain.idnumber import normalize
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import borrowers, member_with_id

    people = borrowers(db, household)
    wanted = text.strip()
    by_name = [b.member_id for b in people if b.name == wanted]
    if len(by_name) == 1:
        return by_name[0]
    found = member_with_id(db, household, normalize(wanted))
    if found is None:
        raise CliError(
            f"户内没有这位成员：{text}（请用姓名或身份证号）" if not by_name else f"户内有同名成员 {text}，请用身份证号"
        )
    return found


def _rating(text: str | None) -> str | None:
    from desktop_app import catalog
    from desktop_app.errors import CliError

    if not text:
        return None
    code = catalog.codelists()["credit_rating"].lookup(text)
    if code is None:
        raise CliError(f"信用等级无效：{text}（可选 AAA、AA、A、B、未评级）")
    return code


def _input(args: argparse.Namespace, household: str, member_id: str | None) -> LoanInput:
    from desktop_app.services.assistance import LoanInput

    return LoanInput(
        household_id=household,
        member_id=member_id,
        amount_fen=args.amount,
        drawn_on=args.drawn,
        contract_no=args.contract,
        bank=args.bank,
        product=args.product,
        credit_rating=_rating(args.rating),
        credit_line_fen=args.line,
        term_months=args.term,
        rate=args.rate,
        purpose=args.purpose,
        industry=args.industry,
        note=args.note,
    )


def _load_products(db: Database, path: str) -> None:
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import save_loan_products

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise CliError(f"无法读取 {path}：{exc.strerror or exc}") from exc
    except ValueError as exc:
        raise CliError(f"{path} 不是有效的 JSON") from exc
    if not isinstance(data, dict):
        raise CliError(f"{path} 应为 JSON 对象（顶层键 products 或 groups）")
    save_loan_products(db, {k: v for k, v in data.items() if k in ("products", "groups")})
    print(f"已保存县里的小额信贷产品（{path}）")


def cmd_products(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import loan_products, yuan

    if args.load:
        _load_products(db, args.load)
    products = loan_products(db)
    if args.json:
        _print_json(
            [
                {
                    "key": p.key,
                    "name": p.name,
                    "valid_from": _iso(p.valid_from),
                    "valid_to": _iso(p.valid_to),
                    "cap": yuan(p.cap_fen),
                    "max_term_months": p.max_term_months,
                    "max_rate": str(p.max_rate) if p.max_rate is not None else None,
                    "groups": [g.key for g in p.groups],
                    "production_only": p.production_only,
                    "repayment": p.repayment,
                    "subsidy": p.subsidy.kind,
                    "renewal_times": p.renewal_times,
                    "extension_times": p.extension_times,
                }
                for p in products
            ]
        )
        return 0
    from desktop_app.domain.loans import REPAYMENT_KINDS

    for p in products:
        print(f"{p.name}（{p.key}）  {p.period_zh}")
        print(f"  单户最高 {yuan(p.cap_fen)} 元，最长 {p.max_term_months} 个月，对象：{p.groups_zh}")
        print(f"  {REPAYMENT_KINDS[p.repayment]}（每 {p.every_months} 个月），{p.subsidy.describe()}")
        print(f"  续贷最多 {p.renewal_times} 次，展期最多 {p.extension_times} 次、最长 {p.extension_months} 个月")
    return 0


def cmd_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import add_loan

    loan_id = add_loan(db, _input(args, args.household, _borrower(db, args.household, args.borrower)))
    print(f"已登记贷款 {args.contract}（{loan_id}）")
    return 0


def cmd_repay(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import repay, yuan

    repay(db, args.loan, args.date, args.principal, args.interest, args.note)
    print(f"已登记还款：合同 {args.loan}，{args.date}，本金 {yuan(args.principal)} 元，利息 {yuan(args.interest)} 元")
    return 0


def cmd_remove_repayment(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import remove_repayment

    remove_repayment(db, args.repayment)
    print(f"已删除还款记录 {args.repayment}")
    return 0


def cmd_extend(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import extend

    extend(db, args.loan, args.to, args.reason, on=args.today)
    print(f"合同 {args.loan} 已展期至 {args.to}")
    return 0


def cmd_renew(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import find_loan_id, loan_detail, renew

    old = loan_detail(db, find_loan_id(db, args.loan)).row
    member = _borrower(db, old.household_id, args.borrower) if args.borrower else old.member_id
    new_id = renew(db, old.loan_id, _input(args, old.household_id, member))
    print(f"已续贷：新合同 {args.contract}（{new_id}），原合同 {old.contract} 已结清")
    return 0


def cmd_settle(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import settle

    settle(db, args.loan, args.date)
    print(f"合同 {args.loan} 已于 {args.date} 结清")
    return 0


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import loan_list, loan_totals, yuan

    rows = loan_list(db, _village(db, args.village), overdue_only=args.overdue, on=args.on)
    if args.json:
        _print_json(
            [
                {
                    "household": r.household,
                    "borrower": r.borrower,
                    "contract": r.contract,
                    "amount": yuan(r.amount_fen),
                    "drawn": _iso(r.drawn_on),
                    "due": _iso(r.due_on),
                    "balance": yuan(r.balance_fen),
                    "overdue_amount": yuan(r.overdue_fen),
                    "overdue_days": r.overdue_days,
                    "subsidy": yuan(r.subsidy_fen),
                    "overdue_since": _iso(r.overdue_since),
                    "unpaid_interest": yuan(r.unpaid_interest_fen),
                    "product": r.product_key,
                    "bank": r.bank,
                    "relation": r.relation,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("没有逾期的贷款" if args.overdue else "没有贷款")
        return 0
    for r in rows:
        late = f"，逾期 {yuan(r.overdue_fen)} 元 {r.overdue_days} 天（自 {r.overdue_since}）" if r.overdue_fen else ""
        owed = f"，欠息 {yuan(r.unpaid_interest_fen)} 元" if r.unpaid_interest_fen else ""
        print(
            f"{r.household} {r.head_name} 借款人 {r.borrower} 合同 {r.contract}：{yuan(r.amount_fen)} 元，"
            f"{r.drawn_on} 至 {r.due_on}，余额 {yuan(r.balance_fen)} 元{late}{owed}，贴息 {yuan(r.subsidy_fen)} 元"
        )
    totals = loan_totals(rows)
    print(
        f"共 {len(rows)} 笔，金额 {yuan(totals['amount_fen'])} 元，余额 {yuan(totals['balance_fen'])} 元，"
        f"逾期 {yuan(totals['overdue_fen'])} 元，贴息 {yuan(totals['subsidy_fen'])} 元"
    )
    return 0


def cmd_show(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import find_loan_id, loan_detail, yuan

    d = loan_detail(db, find_loan_id(db, args.loan), on=args.on)
    r = d.row
    if args.json:
        _print_json(
            {
                "contract": r.contract,
                "household": r.household,
                "borrower": r.borrower,
                "product": r.product_key,
                "amount": yuan(r.amount_fen),
                "rate": r.rate,
                "drawn": _iso(r.drawn_on),
                "due": _iso(r.due_on),
                "balance": yuan(r.balance_fen),
                "overdue_amount": yuan(r.overdue_fen),
                "overdue_days": r.overdue_days,
                "unpaid_interest": yuan(r.unpaid_interest_fen),
                "subsidy": yuan(r.subsidy_fen),
                "schedule": [
                    {
                        "no": i.no,
                        "due": _iso(i.due_on),
                        "principal": yuan(i.principal_fen),
                        "interest": yuan(i.interest_fen),
                    }
                    for i in d.schedule
                ],
                "repayments": [
                    {
                        "id": p.id,
                        "date": _iso(p.paid_on),
                        "principal": yuan(p.principal_fen),
                        "interest": yuan(p.interest_fen),
                        "source": p.source,
                    }
                    for p in d.repayments
                ],
            }
        )
        return 0
    relation = f"（{r.relation}）" if r.relation else ""
    print(f"合同 {r.contract}（{r.product}）{r.household} {r.head_name} 借款人 {r.borrower}{relation}")
    print(f"  {yuan(r.amount_fen)} 元，年利率 {r.rate}%，{r.drawn_on} 至 {r.due_on}，余额 {yuan(r.balance_fen)} 元")
    if d.extension_reason:
        print(f"  展期：原到期日 {d.contract_due}，原因：{d.extension_reason}")
    print("  还款计划：")
    for i in d.schedule:
        print(f"    {i.no:>2}  {i.due_on}  本金 {yuan(i.principal_fen):>10}  利息 {yuan(i.interest_fen):>9}")
    print("  还款记录：" if d.repayments else "  还款记录：无")
    for p in d.repayments:
        print(f"    {p.paid_on}  本金 {yuan(p.principal_fen):>10}  利息 {yuan(p.interest_fen):>9}  {p.note}  [{p.id}]")
    return 0


def _lines(title: str, items: Any) -> None:
    from desktop_app.services.assistance import yuan

    if not items:
        return
    print(f"{title}（{len(items)} 行）：")
    for x in items:
        who = x.contract or x.id_masked
        amounts = f"本金 {yuan(x.principal_fen)} 利息 {yuan(x.interest_fen)}"
        print(f"  第 {x.row} 行 {who} {x.paid_on or ''} {amounts}：{x.message}")


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import import_statement, preview_statement

    report = preview_statement(db, args.file) if args.dry_run else import_statement(db, args.file)
    if args.json:
        _print_json(report.to_json())
        return 0
    verb = "将导入" if args.dry_run else "已导入"
    print(f"{report.file}：共 {report.rows} 行，对上贷款 {report.matched} 行，{verb} {len(report.added)} 笔还款")
    _lines("以前已导入", report.already_there)
    _lines("文件中重复", report.duplicates)
    _lines("本库中没有的合同号或证件号码", report.unknown)
    _lines("无效的行", report.invalid)
    if args.dry_run:
        print("（预检，没有写入任何内容）")
    return 0


def cmd_eligible(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import eligible_not_borrowing

    rows = eligible_not_borrowing(db, _village(db, args.village), on=args.on)
    if args.json:
        _print_json(
            [{"household": r.number, "head": r.head_name, "village": r.village, "groups": r.groups} for r in rows]
        )
        return 0
    for r in rows:
        print(f"{r.number} {r.head_name}（{r.village}）：{r.groups}")
    print(f"应贷未贷共 {len(rows)} 户" + (f"（{rows[0].product}）" if rows else ""))
    return 0
