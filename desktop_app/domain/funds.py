"""The county's rules for plans, measures delivered and funds (``forms/measure_rules.json``): which payments need
photo evidence, whether a payment may overdraw the village's allocation, the minimum industry subsidy per
registered household, and who may receive money (the rest is flagged). Pure: the services read the rules file
and pass its mapping to :func:`parse_measure_rules`.

Every refusal is an :class:`AssistError` whose ``rule`` is the key in ``measure_rules`` and whose message names
the rule in words, so that a cadre can look it up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.assistance import AssistError, yuan

RULES = "measure_rules"
OVERDRAW_CHOICES = ("refuse", "allow")
RULE_LABELS = {
    "photo_required": "凭照片拨付（类别；单笔超过多少分）",
    "overdraw": "超过分配额度拨付（refuse 拒绝 / allow 允许）",
    "industry_minimum_fen": "产业帮扶每户每年最低（分）",
    "industry_category": "产业帮扶类别",
    "recipients": "可以拨付的对象（识别阶段；已纳入监测的户）",
}


@dataclass(frozen=True)
class MeasureRules:
    photo_categories: frozenset[str]  # help_category codes whose every payment needs a photo
    photo_above_fen: int | None  # any payment above this needs a photo (None: no amount rule)
    overdraw: str  # "refuse" | "allow"
    industry_minimum_fen: int | None  # per registered household and year (None: no check)
    industry_category: str
    recipient_stages: frozenset[str]  # procedure stages of households that may receive money
    recipient_monitored: bool  # households included in monitoring may receive money

    def to_mapping(self) -> dict[str, Any]:
        """The rules in the shape of the rules file (what ``change_measure_rules`` takes back)."""
        return {
            "photo_required": {"categories": sorted(self.photo_categories), "above_fen": self.photo_above_fen},
            "overdraw": self.overdraw,
            "industry_minimum_fen": self.industry_minimum_fen,
            "industry_category": self.industry_category,
            "recipients": {"stages": sorted(self.recipient_stages), "monitored": self.recipient_monitored},
        }


def _bad(key: str, zh: str, en: str) -> AssistError:
    return AssistError("bad_measure_rules", f"规则 {RULES}.{key} 无效：{zh}", f"rule {RULES}.{key}: {en}", rule=key)


def _fen_or_none(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _bad(key, "应为不小于 0 的整数（分）或 null", "a non-negative integer (fen) or null")
    return value


def _codes(value: Any, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _bad(key, "应为代码的列表", "a list of codes")
    return frozenset(value)


def parse_measure_rules(data: Mapping[str, Any]) -> MeasureRules:
    """The rules of ``data`` (the shipped file with the county's values on top), checked."""
    photo = data.get("photo_required", {})
    if not isinstance(photo, Mapping):
        raise _bad("photo_required", "应为对象 {categories, above_fen}", "an object {categories, above_fen}")
    overdraw = data.get("overdraw", "refuse")
    if overdraw not in OVERDRAW_CHOICES:
        raise _bad("overdraw", "应为 refuse 或 allow", "refuse or allow")
    recipients = data.get("recipients", {})
    if not isinstance(recipients, Mapping):
        raise _bad("recipients", "应为对象 {stages, monitored}", "an object {stages, monitored}")
    monitored = recipients.get("monitored", True)
    if not isinstance(monitored, bool):
        raise _bad("recipients.monitored", "应为 true 或 false", "true or false")
    category = data.get("industry_category", "100A39")
    if not isinstance(category, str) or not category:
        raise _bad("industry_category", "应为帮扶类别代码", "a help category code")
    return MeasureRules(
        photo_categories=_codes(photo.get("categories", []), "photo_required.categories"),
        photo_above_fen=_fen_or_none(photo.get("above_fen"), "photo_required.above_fen"),
        overdraw=str(overdraw),
        industry_minimum_fen=_fen_or_none(data.get("industry_minimum_fen"), "industry_minimum_fen"),
        industry_category=category,
        recipient_stages=_codes(recipients.get("stages", ["registered"]), "recipients.stages"),
        recipient_monitored=monitored,
    )


def photo_rule(rules: MeasureRules, category: str | None, amount_fen: int) -> str | None:
    """The key of the rule that requires photo evidence for this payment, or None when none does."""
    if category is not None and category in rules.photo_categories:
        return "photo_required.categories"
    if rules.photo_above_fen is not None and amount_fen > rules.photo_above_fen:
        return "photo_required.above_fen"
    return None


def check_payment(
    rules: MeasureRules,
    *,
    category: str | None,
    category_label: str,
    amount_fen: int,
    photos: int,
    remaining_fen: int,
    fund: str,
) -> None:
    """Refuse a payment the rules do not allow (nothing is written): a non-positive amount, no photo when one is
    required, more than the village's remaining allocation of the fund when overdrawing is refused."""
    if amount_fen <= 0:
        raise AssistError("bad_amount", "拨付金额应大于 0", "the amount must be above 0", rule="amount")
    needs = photo_rule(rules, category, amount_fen)
    if needs is not None and photos == 0:
        if needs == "photo_required.categories":
            why = f"“{category_label}”的补助须凭照片拨付"
            why_en = f"payments of {category} need photo evidence"
        else:
            why = f"单笔超过 {yuan(rules.photo_above_fen or 0)} 元须凭照片拨付"
            why_en = f"payments above {yuan(rules.photo_above_fen or 0)} yuan need photo evidence"
        raise AssistError(
            "photo_required",
            f"缺少照片：{why}，请先添加照片（规则 {RULES}.{needs}）",
            f"no photo: {why_en} (rule {RULES}.{needs})",
            rule=f"{RULES}.{needs}",
        )
    if rules.overdraw == "refuse" and amount_fen > remaining_fen:
        raise AssistError(
            "overdrawn",
            f"超过资金余额：{fund} 在本村本年度还剩 {yuan(remaining_fen)} 元，本次拨付 {yuan(amount_fen)} 元"
            f"（规则 {RULES}.overdraw：不得超过分配额度拨付）",
            f"overdraws {fund}: {yuan(remaining_fen)} yuan left, {yuan(amount_fen)} asked (rule {RULES}.overdraw)",
            rule=f"{RULES}.overdraw",
        )


def may_receive(rules: MeasureRules, *, stage: str, monitored: bool) -> bool:
    """Whether a household may receive money: on the register (its stage) or, if the rules say so, included in
    monitoring."""
    return stage in rules.recipient_stages or (rules.recipient_monitored and monitored)


def flag_reason(rules: MeasureRules) -> str:
    """Why a payment to a household that may not receive money is flagged (the reason the ledger shows)."""
    if rules.recipient_monitored:
        return "不在建档立卡和监测对象名单内"
    return "不是建档立卡户"
