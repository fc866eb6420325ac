"""The county's procedure rules (pass rule, announcement days, monitoring thresholds) and the step vocabulary.

Rules are data: a county changes them in its settings, never in Python. ``ProcedureRules.from_mapping``
accepts the JSON a county writes and names the bad key when a value cannot be used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from desktop_app.domain.errors import DomainError


class ProcedureError(DomainError):
    """An action the procedure does not allow now, naming what is missing."""


# Stages of the identification path, in order; the stage is the last step completed.
IDENTIFICATION_STAGES = (
    "applied",
    "surveyed",
    "evaluated",
    "village_announced",
    "township_reviewed",
    "township_announced",
    "county_approved",
    "registered",
)
EXIT_STAGES = ("exit_proposed", "exit_verified", "exit_acknowledged", "exit_announced", "exited")
# Households on the register (建档立卡户), whether or not an exit has begun.
REGISTERED_STAGES = frozenset({"registered", "exit_proposed", "exit_verified", "exit_acknowledged", "exit_announced"})
CLOSED_STAGES = frozenset({"rejected", "removed"})
# The same labels as the "stage" code list (a test keeps them equal); here so the rules need no files.
STAGE_LABELS: Mapping[str, tuple[str, str]] = {
    "applied": ("农户申请", "applied"),
    "surveyed": ("入户调查", "household surveyed"),
    "evaluated": ("民主评议", "democratically evaluated"),
    "village_announced": ("村内公示", "announced in village"),
    "township_reviewed": ("乡镇审核", "reviewed by township"),
    "township_announced": ("乡镇公示", "announced by township"),
    "county_approved": ("县级审批", "approved by county"),
    "registered": ("已建档立卡", "registered"),
    "rejected": ("未通过", "rejected"),
    "removed": ("已清退", "removed"),
    "exit_proposed": ("拟退出", "exit proposed"),
    "exit_verified": ("退出核验", "exit verified"),
    "exit_acknowledged": ("户签字认可", "exit acknowledged by household"),
    "exit_announced": ("退出公示", "exit announced"),
    "exited": ("已退出", "exited"),
}

ANNOUNCEMENT_KINDS = ("village", "township", "exit")
ANNOUNCEMENT_BATCH_KIND = {
    "village": "village_announcement",
    "township": "township_announcement",
    "exit": "exit_announcement",
}
ANNOUNCEMENT_LABELS = {
    "village": ("村内公示", "village announcement"),
    "township": ("乡镇公示", "township announcement"),
    "exit": ("退出公示", "exit announcement"),
}

# Every step written to the event log, with its label.
STEP_LABELS: Mapping[str, tuple[str, str]] = {
    "application": ("农户申请", "application"),
    "return_to_poverty": ("返贫申请", "return to poverty"),
    "survey": ("入户调查", "household survey"),
    "exclusion_override": ("排除条件例外认定", "exclusion overridden"),
    "application_rejected": ("不予识别", "application not pursued"),
    "evaluation": ("民主评议", "democratic evaluation"),
    "village_announcement_start": ("村内公示开始", "village announcement opened"),
    "village_announcement_end": ("村内公示结束", "village announcement closed"),
    "township_review": ("乡镇审核", "township review"),
    "township_announcement_start": ("乡镇公示开始", "township announcement opened"),
    "township_announcement_end": ("乡镇公示结束", "township announcement closed"),
    "county_approval": ("县级审批", "county approval"),
    "county_notice": ("县级公告", "county notice"),
    "objection": ("异议登记", "objection raised"),
    "objection_resolution": ("异议处理", "objection resolved"),
    "exit_proposal": ("拟退出", "exit proposal"),
    "exit_verification": ("退出核验", "exit verification"),
    "exit_acknowledgement": ("户签字认可", "household acknowledgement"),
    "exit_announcement_start": ("退出公示开始", "exit announcement opened"),
    "exit_announcement_end": ("退出公示结束", "exit announcement closed"),
    "exit_notice": ("退出公告", "exit notice"),
    "exit_withdrawal": ("撤回退出", "exit withdrawn"),
    "lookback_check": ("回头看核查", "look-back check"),
    "removal": ("清退", "removal"),
    "member_change": ("成员变动", "member change"),
    "correction": ("撤回上一步", "previous step withdrawn"),
}

# A step entered by mistake is withdrawn by a "correction" event that names it (never by deleting it); these
# steps keep records of their own (an objection, a member's joining or leaving, a closed announcement list)
# and are corrected there instead: (zh, en) say where.
NOT_WITHDRAWABLE: Mapping[str, tuple[str, str]] = {
    "objection": ("异议登记须在异议处理中作出结论", "an objection is closed by deciding it"),
    "objection_resolution": ("异议处理结论不能撤回，如有新情况请重新登记异议", "a decision on an objection stands"),
    "member_change": ("成员变动请在户卡成员表中更正", "correct a member change on the card's member table"),
    "village_announcement_end": (
        "公示期满的记录不能撤回，如该户不应通过，请在乡镇审核中写明理由不予通过",
        "a completed announcement stands; reject the household at the next review instead",
    ),
    "township_announcement_end": (
        "公示期满的记录不能撤回，如该户不应通过，请在县级审批中写明理由不予通过",
        "a completed announcement stands; reject the household at the county approval instead",
    ),
    "exit_announcement_end": (
        "公示期满的记录不能撤回，如该户不应退出，请“撤回退出”",
        "a completed announcement stands; withdraw the exit instead",
    ),
}

OUTCOME_LABELS: Mapping[str, tuple[str, str]] = {
    "applied": ("已申请", "applied"),
    "eligible": ("符合条件", "eligible"),
    "excluded": ("触及排除条件", "exclusion applies"),
    "not_eligible": ("不符合条件", "not eligible"),
    "overridden": ("已认定例外", "overridden"),
    "passed": ("通过", "passed"),
    "failed": ("未通过", "failed"),
    "opened": ("开始", "opened"),
    "completed": ("期满无异议", "completed"),
    "withdrawn": ("撤出名单", "withdrawn"),
    "approved": ("同意", "approved"),
    "rejected": ("不同意", "rejected"),
    "raised": ("已登记", "raised"),
    "upheld": ("异议成立", "upheld"),
    "dismissed": ("异议不成立", "dismissed"),
    "proposed": ("已提出", "proposed"),
    "verified": ("核验通过", "verified"),
    "acknowledged": ("已签字", "acknowledged"),
    "registered": ("已建档立卡", "registered"),
    "exited": ("已退出", "exited"),
    "confirmed": ("核实无误", "confirmed"),
    "wrongly_included": ("错评", "wrongly included"),
    "missed": ("漏评补录", "missed, added"),
    "removed": ("已清退", "removed"),
    "cancelled": ("已撤回", "cancelled"),
    "corrected": ("录入有误，已撤回", "withdrawn as entered by mistake"),
}

MEMBER_CHANGE_KINDS: Mapping[str, tuple[str, str, bool]] = {
    # kind: (zh, en, joins the household)
    "birth": ("出生", "birth", True),
    "marriage_in": ("婚入", "marriage into the household", True),
    "moved_in": ("迁入", "moved in", True),
    "death": ("死亡", "death", False),
    "marriage_out": ("婚出", "marriage out of the household", False),
    "moved_away": ("迁出", "moved away", False),
}

OBJECTION_ACTIONS: Mapping[str, tuple[str, str]] = {
    "back_to_survey": ("退回重新入户调查", "back to the household survey"),
    "removed": ("从名单中清退", "removed from the list"),
    "exit_cancelled": ("不予退出，恢复为贫困户", "exit stopped, back on the register"),
}

# Card fields the survey must have filled before the evaluation: (field, zh, en).
DEFAULT_SURVEY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("head_name", "户主姓名", "head of household"),
    ("size", "家庭人口（在册成员）", "household members"),
    ("income_year", "收入年度", "income year"),
    ("per_capita_income_fen", "人均纯收入（由收入计算）", "per-capita net income (computed)"),
    ("main_cause", "主要致贫原因", "main cause of poverty"),
    ("housing_grade", "住房安全等级", "housing safety grade"),
    ("food_ok", "不愁吃", "no worry about food"),
    ("clothing_ok", "不愁穿", "no worry about clothing"),
    ("education_ok", "义务教育有保障", "compulsory education guaranteed"),
    ("medical_ok", "基本医疗有保障", "basic medical care guaranteed"),
    ("housing_ok", "住房安全有保障", "safe housing guaranteed"),
)


def step_label(step: str, lang: str = "zh") -> str:
    zh, en = STEP_LABELS.get(step, (step, step))
    return en if lang == "en" else zh


def outcome_label(outcome: str, lang: str = "zh") -> str:
    zh, en = OUTCOME_LABELS.get(outcome, (outcome, outcome))
    return en if lang == "en" else zh


def _bad_rule(key: str, value: Any) -> ProcedureError:
    return ProcedureError(
        "bad_procedure_rule",
        f"程序规则 {key} 的值无效：{value!r}",
        f"procedure rule {key} has an invalid value: {value!r}",
    )


@dataclass(frozen=True)
class ProcedureRules:
    """What a county may set. Defaults follow common practice (DOMAIN.md §3, §8)."""

    # The evaluation passes when votes in favour exceed pass_fraction of the attendees present
    # (pass_base "present") or of the representatives expected ("expected"); at_least makes it ">=".
    pass_fraction: Fraction = Fraction(1, 2)
    pass_base: str = "present"
    pass_at_least: bool = False
    announcement_min_days: int = 7
    marginal_factor: Decimal = Decimal("1.5")
    large_expense_fen: int = 1_000_000
    survey_fields: tuple[str, ...] = tuple(name for name, _zh, _en in DEFAULT_SURVEY_FIELDS)

    def votes_needed_text(self) -> tuple[str, str]:
        base_zh = "实到人数" if self.pass_base == "present" else "应到人数"
        base_en = "attendees present" if self.pass_base == "present" else "representatives expected"
        cmp_zh = "不少于" if self.pass_at_least else "超过"
        cmp_en = "at least" if self.pass_at_least else "more than"
        return (
            f"赞成票{cmp_zh}{base_zh}的 {self.pass_fraction}",
            f"votes in favour {cmp_en} {self.pass_fraction} of {base_en}",
        )

    def passes(self, votes_for: int, present: int, expected: int | None) -> bool:
        base = present if self.pass_base == "present" or expected is None else expected
        if base <= 0:
            return False
        share = Fraction(votes_for, base)
        return share >= self.pass_fraction if self.pass_at_least else share > self.pass_fraction

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ProcedureRules:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                raise _bad_rule(key, value)
            try:
                if key == "pass_fraction":
                    parsed: Any = Fraction(str(value))
                    if not 0 < parsed < 1:
                        raise ValueError
                elif key == "pass_base":
                    if value not in ("present", "expected"):
                        raise ValueError
                    parsed = value
                elif key == "pass_at_least":
                    if not isinstance(value, bool):
                        raise ValueError
                    parsed = value
                elif key in ("announcement_min_days", "large_expense_fen"):
                    if isinstance(value, bool) or int(value) != value or int(value) < 1:
                        raise ValueError
                    parsed = int(value)
                elif key == "marginal_factor":
                    parsed = Decimal(str(value))
                    if parsed < 1:
                        raise ValueError
                else:  # survey_fields
                    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                        raise ValueError
                    parsed = tuple(value)
            except (ValueError, TypeError, ZeroDivisionError, InvalidOperation) as exc:
                raise _bad_rule(key, value) from exc
            values[key] = parsed
        return cls(**values)

    def to_mapping(self) -> dict[str, Any]:
        return {
            "pass_fraction": str(self.pass_fraction),
            "pass_base": self.pass_base,
            "pass_at_least": self.pass_at_least,
            "announcement_min_days": self.announcement_min_days,
            "marginal_factor": str(self.marginal_factor),
            "large_expense_fen": self.large_expense_fen,
            "survey_fields": list(self.survey_fields),
        }


def missing_survey_fields(card: Mapping[str, Any], rules: ProcedureRules) -> list[tuple[str, str, str]]:
    """The required card fields still empty, as (field, zh, en); size 0 counts as missing."""
    labels = {name: (zh, en) for name, zh, en in DEFAULT_SURVEY_FIELDS}
    missing = []
    for name in rules.survey_fields:
        value = card.get(name)
        if value is None or value == "" or (name == "size" and not value):
            zh, en = labels.get(name, (name, name))
            missing.append((name, zh, en))
    return missing
