"""Microcredit products and the checks of a new loan (MONITORING.md §8), pure Python.

The products are data (``forms/loan_products.json`` with the county's saved keys on top): :func:`parse_products`
turns them into :class:`LoanProduct`; :func:`product_for` picks the one of a drawdown date; :func:`check_loan`
refuses a loan beyond its product's rules, each refusal an :class:`AssistError` whose ``rule`` is the rule's key
(``loan_products.help_2026.cap``) and whose message names it in words. The schedule, balance, subsidy and overdue
figures are :mod:`desktop_app.domain.loan_schedule`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop_app.domain.assistance import AssistError, yuan

RULES = "loan_products"
REPAYMENT_KINDS = {"interest_then_principal": "按期付息、到期还本", "equal_principal": "等额本金分期还款"}
SUBSIDY_KINDS = {"benchmark": "按基准利率贴息", "share": "按利息比例贴息", "none": "不贴息"}


@dataclass(frozen=True)
class Group:
    """An eligible group and how it maps to our data: poverty statuses (and procedure stages), an open
    monitoring case, or anyone."""

    key: str
    zh: str
    statuses: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    monitored: bool = False
    anyone: bool = False

    def holds(self, status: str | None, stage: str | None, monitored: bool) -> bool:
        if self.anyone or (self.monitored and monitored):
            return True
        if not self.statuses or status not in self.statuses:
            return False
        return not self.stages or stage in self.stages


@dataclass(frozen=True)
class Subsidy:
    """The interest subsidy: at ``min(rate, benchmark)`` (kind benchmark), at ``rate × share`` capped at
    ``cap_rate`` (kind share) or none; per day on the principal outstanding, days/360."""

    kind: str = "none"
    benchmark_rate: Decimal | None = None
    share: Decimal | None = None
    cap_rate: Decimal | None = None
    during_extension: bool = False

    def rate_for(self, rate: Decimal) -> Decimal:
        """The annual subsidy rate (percent) of a loan at ``rate``."""
        if self.kind == "benchmark" and self.benchmark_rate is not None:
            return min(rate, self.benchmark_rate)
        if self.kind == "share" and self.share is not None:
            out = rate * self.share
            return min(out, self.cap_rate) if self.cap_rate is not None else out
        return Decimal(0)

    def describe(self) -> str:
        if self.kind == "benchmark":
            return f"按不超过基准利率 {self.benchmark_rate}% 贴息"
        if self.kind == "share":
            cap = f"，贴息年利率最高 {self.cap_rate}%" if self.cap_rate is not None else ""
            return f"贴息为利息的 {(self.share or 0) * 100:g}%{cap}"
        return "不贴息"


@dataclass(frozen=True)
class LoanProduct:
    key: str
    name: str
    valid_from: date
    valid_to: date | None
    cap_fen: int
    max_term_months: int
    groups: tuple[Group, ...]
    eligible_list: tuple[Group, ...]  # who counts for 应贷未贷 (eligible households not borrowing)
    production_only: bool
    excluded_purposes: tuple[str, ...]
    max_rate: Decimal | None
    needs_rating: bool
    borrower_age: tuple[int, int] | None
    one_per_household: bool
    repayment: str  # a key of REPAYMENT_KINDS
    every_months: int  # interest (interest_then_principal) or instalment (equal_principal) period
    subsidy: Subsidy
    renewal_times: int
    renewal_no_overdue: bool
    extension_times: int
    extension_months: int
    extension_before_due: bool

    @property
    def groups_zh(self) -> str:
        return "、".join(g.zh for g in self.groups)

    @property
    def period_zh(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "今后"
        return f"{self.valid_from.isoformat()} 至 {end}"

    def rule(self, name: str) -> str:
        return f"{RULES}.{self.key}.{name}"

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _bad_rules(message: str) -> AssistError:
    return AssistError("bad_rules", f"小额信贷产品设置有误：{message}", f"bad loan products: {message}", rule=RULES)


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise _bad_rules(f"{where} 不是日期（YYYY-MM-DD）") from exc


def _decimal(value: Any, where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        out = Decimal(str(value))
    except InvalidOperation as exc:
        raise _bad_rules(f"{where} 不是数字") from exc
    if not out.is_finite() or out < 0:
        raise _bad_rules(f"{where} 不是非负数")
    return out


def _int(value: Any, where: str, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise _bad_rules(f"{where} 应为不小于 {low} 的整数")
    return value


def parse_groups(data: Mapping[str, Any]) -> dict[str, Group]:
    out = {}
    for key, item in dict(data.get("groups") or {}).items():
        if not isinstance(item, Mapping):
            raise _bad_rules(f"对象 {key} 不是 JSON 对象")
        out[key] = Group(
            key,
            str(item.get("zh") or key),
            tuple(str(s) for s in item.get("statuses") or ()),
            tuple(str(s) for s in item.get("stages") or ()),
            bool(item.get("monitored")),
            bool(item.get("anyone")),
        )
    return out


def _parse_product(item: Mapping[str, Any], groups: Mapping[str, Group]) -> LoanProduct:
    key = str(item.get("key") or "")
    if not key:
        raise _bad_rules("有产品没有 key")
    where = f"产品 {key} 的"

    def pick(names: Any, what: str) -> tuple[Group, ...]:
        out = []
        for name in names or ():
            if name not in groups:
                raise _bad_rules(f"{where}{what}里有未定义的对象 {name}")
            out.append(groups[name])
        return tuple(out)

    repay = dict(item.get("repayment") or {})
    kind = str(repay.get("kind") or "interest_then_principal")
    if kind not in REPAYMENT_KINDS:
        raise _bad_rules(f"{where}还款方式 {kind} 未知")
    every = _int(repay.get("every_months", repay.get("interest_every_months", 3)), where + "还款周期", low=1)
    sub = dict(item.get("subsidy") or {})
    if str(sub.get("kind") or "none") not in SUBSIDY_KINDS:
        raise _bad_rules(f"{where}贴息方式 {sub.get('kind')} 未知")
    age = item.get("borrower_age")
    renewal, extension = dict(item.get("renewal") or {}), dict(item.get("extension") or {})
    return LoanProduct(
        key=key,
        name=str(item.get("name") or key),
        valid_from=_date(item.get("valid_from"), where + "起始日期"),
        valid_to=None if item.get("valid_to") in (None, "") else _date(item["valid_to"], where + "截止日期"),
        cap_fen=_int(item.get("cap_yuan"), where + "单户上限", low=1) * 100,
        max_term_months=_int(item.get("max_term_months"), where + "最长期限", low=1),
        groups=pick(item.get("groups"), "对象"),
        eligible_list=pick(item.get("eligible_list", item.get("groups")), "应贷未贷对象"),
        production_only=bool(item.get("production_only")),
        excluded_purposes=tuple(str(w) for w in item.get("excluded_purposes") or ()),
        max_rate=_decimal(item.get("max_rate"), where + "最高利率"),
        needs_rating=bool(item.get("needs_rating")),
        borrower_age=(
            (_int(age[0], where + "借款人年龄"), _int(age[1], where + "借款人年龄"))
            if isinstance(age, list | tuple) and len(age) == 2
            else None
        ),
        one_per_household=bool(item.get("one_per_household")),
        repayment=kind,
        every_months=every,
        subsidy=Subsidy(
            str(sub.get("kind") or "none"),
            _decimal(sub.get("benchmark_rate"), where + "基准利率"),
            _decimal(sub.get("share"), where + "贴息比例"),
            _decimal(sub.get("cap_rate"), where + "贴息利率上限"),
            bool(sub.get("during_extension")),
        ),
        renewal_times=_int(renewal.get("max_times", 1), where + "续贷次数"),
        renewal_no_overdue=bool(renewal.get("no_overdue", True)),
        extension_times=_int(extension.get("max_times", 1), where + "展期次数"),
        extension_months=_int(extension.get("max_months", 12), where + "展期最长月数"),
        extension_before_due=bool(extension.get("before_due", True)),
    )


def parse_products(data: Mapping[str, Any]) -> tuple[LoanProduct, ...]:
    """The products of a rules mapping, checked (a clear refusal naming the bad value)."""
    groups = parse_groups(data)
    items = data.get("products")
    if not isinstance(items, list):
        raise _bad_rules("products 应为列表")
    out = tuple(_parse_product(dict(item), groups) for item in items)
    if len({p.key for p in out}) != len(out):
        raise _bad_rules("产品 key 重复")
    return out


def find_product(products: Sequence[LoanProduct], key: str) -> LoanProduct:
    for product in products:
        if product.key == key:
            return product
    raise AssistError("no_product", f"没有小额信贷产品 {key}", f"no loan product {key}", rule=RULES)


def product_for(products: Sequence[LoanProduct], drawn_on: date) -> LoanProduct:
    """The product in force on a drawdown date; refused when no period covers it."""
    for product in products:
        if product.valid_on(drawn_on):
            return product
    periods = "；".join(f"{p.name} {p.period_zh}" for p in products)
    raise AssistError(
        "loan_no_period",
        f"放款日期 {drawn_on.isoformat()} 不在任何小额信贷产品的执行期内（{periods}）（规则 {RULES}.period）",
        f"no loan product covers {drawn_on.isoformat()}",
        rule=f"{RULES}.period",
    )


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 29 if month0 == 1 and leap else _MONTH_DAYS[month0]
    return date(year, month0 + 1, min(day.day, last))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (``add_months(start, n) <= end``)."""
    n = (end.year - start.year) * 12 + end.month - start.month
    while n > 0 and add_months(start, n) > end:
        n -= 1
    return n


def parse_rate(text: str) -> Decimal:
    """An annual rate in percent from text ("4.35", "4.35%")."""
    cleaned = str(text).strip().rstrip("%％").strip()
    try:
        rate = Decimal(cleaned)
    except InvalidOperation as exc:
        raise AssistError("loan_bad_rate", f"年利率无效：{text}（应为百分数，如 4.35）", f"bad rate {text}") from exc
    if not rate.is_finite() or rate < 0 or rate >= 36:
        raise AssistError("loan_bad_rate", f"年利率无效：{text}（应在 0 到 36 之间）", f"bad rate {text}")
    return rate


@dataclass(frozen=True)
class Applicant:
    """What the checks of a new loan need to know about the borrower and the household."""

    status: str | None
    stage: str | None
    monitored: bool
    age: int | None  # the borrower's age on the drawdown date (None: no birth date on file)
    open_loans: int  # the household's other loans not settled (a renewed one excluded)


@dataclass(frozen=True)
class LoanTerms:
    amount_fen: int
    term_months: int
    rate: Decimal
    drawn_on: date
    purpose: str
    industry: str
    credit_rating: str | None
    credit_line_fen: int | None


def _refuse(product: LoanProduct, name: str, zh: str, en: str) -> AssistError:
    rule = product.rule(name)
    return AssistError(f"loan_{name}", f"{zh}（规则 {rule}）", en, rule=rule)


def check_loan(product: LoanProduct, terms: LoanTerms, who: Applicant) -> None:
    """Refuse a loan beyond ``product``'s rules (the first rule broken, named)."""
    p = product
    if not p.valid_on(terms.drawn_on):
        raise _refuse(
            p, "period", f"放款日期 {terms.drawn_on} 不在{p.name}的执行期（{p.period_zh}）内", "outside the period"
        )
    if terms.amount_fen <= 0:
        raise AssistError("loan_bad_amount", "贷款金额应大于 0", "the amount must be positive")
    if terms.amount_fen > p.cap_fen:
        cap = f"{p.cap_fen / 1_000_000:g}"
        raise _refuse(p, "cap", f"超过产品上限：{p.name}单户最高 {cap} 万元", "over the product's cap")
    if terms.term_months < 1 or terms.term_months > p.max_term_months:
        raise _refuse(p, "term", f"期限超出：{p.name}最长 {p.max_term_months} 个月", "term beyond the product's")
    if p.max_rate is not None and terms.rate > p.max_rate:
        raise _refuse(p, "rate", f"利率过高：{p.name}年利率不超过 {p.max_rate}%", "rate above the product's")
    if not any(g.holds(who.status, who.stage, who.monitored) for g in p.groups):
        raise _refuse(p, "groups", f"不在贷款对象内：{p.name}只贷给{p.groups_zh}", "not in the product's groups")
    if p.borrower_age is not None:
        low, high = p.borrower_age
        if who.age is None or not low <= who.age <= high:
            shown = "未登记出生日期" if who.age is None else f"{who.age} 岁"
            raise _refuse(
                p, "borrower_age", f"借款人年龄不符：{p.name}借款人应为 {low}–{high} 周岁（{shown}）", "borrower's age"
            )
    if p.needs_rating and (terms.credit_rating in (None, "", "9")):
        raise _refuse(p, "needs_rating", f"未评级：{p.name}须先评级授信", "a credit rating comes first")
    if terms.credit_line_fen is not None and terms.amount_fen > terms.credit_line_fen:
        raise _refuse(
            p, "credit_line", f"超过授信额度 {yuan(terms.credit_line_fen)} 元", "over the household's credit line"
        )
    if p.production_only:
        text = f"{terms.purpose} {terms.industry}"
        bad = [w for w in p.excluded_purposes if w in text]
        if bad or not terms.purpose.strip():
            why = f"用途含“{bad[0]}”" if bad else "未填写用途"
            raise _refuse(p, "production_only", f"用途不符：{p.name}只用于发展生产（{why}）", "production only")
    if p.one_per_household and who.open_loans > 0:
        raise _refuse(p, "one_per_household", f"本户已有未结清的贷款：{p.name}每户只借一笔", "one loan per household")


def age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
