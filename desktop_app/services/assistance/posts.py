"""Public-welfare posts (公益岗位): the posts of a village, the selection of their holders and the months worked.

Selection: apply → check (the eligibility rules of ``post_rules.json`` run; a refusal names the rule unless it
is overridden in writing, and the override with who decided is kept in ``PostHolder.findings``) → notice of
``notice_days`` days → contract (not before the notice ended; the rules run again) → months worked → leave.
A month's subsidy rolls into the household's wage line of its tier (``wages.roll_wages``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError, month_of, post_month_id, valid_month
from desktop_app.domain.posts import (
    APPLIED,
    CHECKED,
    CONTRACTED,
    LEFT,
    NOTICED,
    REJECTED,
    Finding,
    check_contract_day,
    check_post_month,
    check_step,
    eligibility,
    notice_end,
    overridden_rules,
    refuse_findings,
)
from desktop_app.services.assistance.posts_facts import Wanted, applicants, post_rules_of
from desktop_app.services.assistance.posts_read import filled_places
from desktop_app.services.assistance.wages import roll_wages
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Member
from desktop_app.storage.models_assist import Post, PostHolder, PostMonth
from desktop_app.storage.queries import live


def _err(code: str, zh: str, en: str) -> AssistError:
    return AssistError(code, zh, en)


@dataclass(frozen=True)
class PostInput:
    village_id: str
    type: str
    tier: str
    monthly_subsidy_fen: int
    name: str = ""
    funding: str = "1"
    places: int = 1
    started_on: date | None = None
    ended_on: date | None = None
    vacancy_on: date | None = None
    document: str = ""
    note: str = ""


def _check_code(kind: str, code: str | None, what: str) -> None:
    if code is None or catalog.codelists().get(kind) is None or code not in catalog.codelists()[kind]:
        raise _err("post_code", f"{what}代码无效：{code}", f"invalid {kind} code: {code}")


def _check_post(data: PostInput) -> None:
    _check_code("post_type", data.type, "岗位类型")
    _check_code("post_tier", data.tier, "岗位级别")
    _check_code("post_funding", data.funding, "资金来源")
    if data.monthly_subsidy_fen < 0:
        raise _err("post_subsidy", "月补贴标准不能为负数", "the monthly subsidy cannot be negative")
    if data.places < 1:
        raise _err("post_places", "岗位人数至少为 1", "a post has at least one place")
    if data.started_on and data.ended_on and data.ended_on < data.started_on:
        raise _err("post_dates", "岗位结束日期早于开始日期", "the post ends before it starts")


def add_post(db: Database, data: PostInput) -> str:
    """A new post of a village (one unit of work); its id."""
    _check_post(data)
    with writing(db, "assist.post_add", data.village_id) as work:
        area = work.session.get(Area, data.village_id)
        if area is None or area.deleted or area.level != "village":
            raise _err("post_village", "找不到该村（岗位须设在村）", "no such village")
        fields = {k: getattr(data, k) for k in PostInput.__dataclass_fields__}
        post = Post(**{**fields, "name": data.name.strip()})
        work.session.add(post)
        work.session.flush()
        return post.id


def _live_post(session: Session, post_id: str) -> Post:
    post = session.get(Post, post_id)
    if post is None or post.deleted:
        raise _err("post_missing", "找不到该岗位（可能已被删除）", "no such post")
    return post


def _live_holder(session: Session, holder_id: str) -> PostHolder:
    holder = session.get(PostHolder, holder_id)
    if holder is None or holder.deleted:
        raise _err("holder_missing", "找不到该选聘记录（可能已被删除）", "no such post holder")
    return holder


def apply_for_post(db: Database, post_id: str, member_id: str, on: date) -> str:
    """Record a member's application to a post (stage 已报名); the rules run at the check."""
    with reading(db) as session:
        member = session.get(Member, member_id)
        if member is None or member.deleted:
            raise _err("member_missing", "找不到这位家庭成员（可能已被删除）", "no such member")
        household_id, name = member.household_id, member.name
    with writing(db, "assist.post_apply", household_id) as work:
        session = work.session
        post = _live_post(session, post_id)
        if post.ended_on is not None and on > post.ended_on:
            raise _err("post_ended", f"岗位已于 {post.ended_on.isoformat()} 结束，不能报名", "the post has ended")
        if post.vacancy_on is not None and on < post.vacancy_on:
            raise _err(
                "post_before_vacancy",
                f"报名日期早于岗位公告日期 {post.vacancy_on.isoformat()}",
                "the application is before the vacancy notice",
            )
        open_stages = [APPLIED, CHECKED, NOTICED, CONTRACTED]
        again = session.exec(
            select(PostHolder.id).where(
                col(PostHolder.post_id) == post_id,
                col(PostHolder.member_id) == member_id,
                col(PostHolder.stage).in_(open_stages),
                live(PostHolder),
            )
        ).first()
        if again is not None:
            raise _err("post_applied", f"{name}已报名或已在该岗位", "already applied to or holding this post")
        holder = PostHolder(post_id=post_id, household_id=household_id, member_id=member_id, applied_on=on)
        session.add(holder)
        session.flush()
        return holder.id


def _findings(session: Session, holder: PostHolder, on: date) -> list[Finding]:
    wanted = Wanted(holder.id, holder.member_id, holder.post_id)
    facts = applicants(session, [wanted]).get(wanted)
    if facts is None:
        raise _err("member_missing", "找不到这位家庭成员或岗位（可能已被删除）", "member or post missing")
    found = eligibility(facts, post_rules_of(session), on)
    done = overridden_rules(holder.findings)
    return [f for f in found if f.rule not in done]


def _run_rules(holder: PostHolder, found: list[Finding], step: str, on: date, override: str, decided_by: str) -> None:
    if not found:
        return
    if not override.strip():
        raise refuse_findings(found)
    if not decided_by.strip():
        raise _err("post_override", "书面同意须写明决定人", "an override needs who decided")
    entries: list[dict[str, Any]] = [
        {"rule": f.rule, "zh": f.zh, "en": f.en, "step": step, "on": on.isoformat()} for f in found
    ]
    entries.append(
        {
            "override": override.strip(),
            "decided_by": decided_by.strip(),
            "rules": [f.rule for f in found],
            "step": step,
            "on": on.isoformat(),
        }
    )
    holder.findings = [*(holder.findings or ()), *entries]


def _after(on: date, before: date | None, what: str) -> None:
    if before is not None and on < before:
        raise _err("post_date_order", f"日期早于{what}（{before.isoformat()}）", f"the date is before the {what}")


def post_step(
    db: Database,
    holder_id: str,
    step: str,
    on: date,
    *,
    override: str = "",
    decided_by: str = "",
    reason: str = "",
) -> None:
    """One step of the selection: ``check``, ``notice``, ``contract``, ``leave`` or ``reject``."""
    with reading(db) as session:
        household_id = _live_holder(session, holder_id).household_id
    with writing(db, "assist.post_step", household_id) as work:
        session = work.session
        holder = _live_holder(session, holder_id)
        check_step(step, holder.stage)
        rules = post_rules_of(session)
        if step == "check":
            _after(on, holder.applied_on, "报名日期")
            _run_rules(holder, _findings(session, holder, on), step, on, override, decided_by)
            holder.stage, holder.checked_on = CHECKED, on
        elif step == "notice":
            _after(on, holder.checked_on, "审核日期")
            holder.stage, holder.notice_start, holder.notice_end = NOTICED, on, notice_end(on, rules)
        elif step == "contract":
            check_contract_day(on, holder.notice_end, rules)
            _contract(session, holder, on, override, decided_by)
        elif step == "leave":
            _after(on, holder.contract_on, "签约日期")
            holder.stage, holder.left_on, holder.left_reason = LEFT, on, reason.strip()[:200]
        else:
            holder.stage, holder.left_on, holder.left_reason = REJECTED, on, reason.strip()[:200]
        session.add(holder)
        session.flush()


def _contract(session: Session, holder: PostHolder, on: date, override: str, decided_by: str) -> None:
    post = _live_post(session, holder.post_id)
    filled = filled_places(session, [post.id]).get(post.id, 0)
    if filled >= post.places:
        raise _err("post_full", f"岗位已满（{post.places} 人）", f"the post is full ({post.places})")
    _run_rules(holder, _findings(session, holder, on), "contract", on, override, decided_by)
    holder.stage, holder.contract_on = CONTRACTED, on


def record_post_month(
    db: Database,
    holder_id: str,
    month: int,
    days_worked: int,
    attendance_ok: bool,
    assessment: str | None,
    subsidy_fen: int,
    note: str = "",
) -> str:
    """A holder's month worked (the same month again replaces it); the subsidy rolls into the wage line."""
    if not valid_month(month):
        raise _err("post_month", f"月份无效：{month}（应为 YYYYMM）", f"invalid month: {month}")
    if assessment is not None:
        _check_code("post_assessment", assessment, "考核结果")
    with reading(db) as session:
        household_id = _live_holder(session, holder_id).household_id
    with writing(db, "assist.post_month", household_id) as work:
        session = work.session
        holder = _live_holder(session, holder_id)
        post = _live_post(session, holder.post_id)
        if holder.stage not in (CONTRACTED, LEFT) or holder.contract_on is None:
            raise _err("post_month_stage", "未签约的人员不能登记在岗月份", "only a contracted holder has months")
        if month < month_of(holder.contract_on) or (holder.left_on is not None and month > month_of(holder.left_on)):
            raise _err("post_month_term", "该月不在签约到离岗期间", "the month is outside the holder's term")
        check_post_month(month, days_worked, subsidy_fen, post.monthly_subsidy_fen, post_rules_of(session))
        row_id = post_month_id(holder_id, month)
        row = session.get(PostMonth, row_id) or PostMonth(
            id=row_id, holder_id=holder_id, household_id=household_id, month=month
        )
        row.days_worked, row.attendance_ok = days_worked, attendance_ok
        row.assessment, row.subsidy_fen, row.note, row.deleted = assessment, subsidy_fen, note.strip(), False
        session.add(row)
        session.flush()
        roll_wages(session, household_id, month // 100)
        return row_id
