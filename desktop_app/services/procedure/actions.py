"""Card-level actions by name: which form each uses, its defaults and choices, and the use case it runs.

The procedure panel (and ``fupin procedure do``) call :func:`perform` with the values of a filled form; steps
that work on lists (the meeting, announcements, reviews, notices) run on a one-household batch here, while the
village's batches view handles many households at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.procedure_rules import ProcedureError
from desktop_app.services.procedure import batches as pb
from desktop_app.services.procedure import members as pm
from desktop_app.services.procedure import steps as proc
from desktop_app.services.procedure.forms import form, require
from desktop_app.services.procedure.places import village_names
from desktop_app.storage.models import Member, Objection
from desktop_app.storage.queries import live

# action -> form id
ACTION_FORMS = {
    "application": "application",
    "survey": "survey",
    "exclusion_override": "exclusion_override",
    "application_rejected": "application_rejected",
    "evaluation": "evaluation",
    "village_announcement_start": "announcement_start",
    "township_announcement_start": "announcement_start",
    "exit_announcement_start": "announcement_start",
    "objection": "objection",
    "objection_resolution": "objection_resolution",
    "village_announcement_end": "announcement_end",
    "township_announcement_end": "announcement_end",
    "exit_announcement_end": "announcement_end",
    "township_review": "review",
    "county_approval": "review",
    "county_notice": "notice",
    "exit_notice": "notice",
    "exit_proposal": "exit_proposal",
    "exit_verification": "exit_verification",
    "exit_acknowledgement": "exit_acknowledgement",
    "exit_withdrawal": "exit_withdrawal",
    "removal": "removal",
    "return_to_poverty": "return_to_poverty",
    "member_join": "member_join",
    "member_leave": "member_leave",
    "correction": "correction",  # 撤回上一步 (the card panel has its own dialog for it)
}
# Fields the card fills itself (the household is the card's own).
HIDDEN = {"households", "household", "votes"}


def defaults(session: Session, household_id: str, action: str, *, today: date) -> dict[str, Any]:
    row = proc.household(session, household_id)
    rules = proc.load_rules(session)
    place = village_names(session, row.village_id)
    village, township = place.village, place.township
    out: dict[str, Any] = {"households": [household_id]}
    if action.endswith("_announcement_start"):
        out["start"] = today
        out["end"] = today + timedelta(days=rules.announcement_min_days)
        out["issuing_body"] = f"{township}人民政府" if action.startswith("township") else f"{village}村民委员会"
    elif action == "township_review":
        out["reviewer"] = f"{township}人民政府"
    elif action == "county_approval":
        out["reviewer"] = "县扶贫开发领导小组"
    elif action in ("county_notice", "exit_notice"):
        out["issuing_body"] = "县扶贫开发领导小组办公室"
    elif action == "exit_acknowledgement":
        out["signed_by"] = row.head_name
    elif action == "application":
        out["applicant"] = row.head_name
    return out


def with_defaults(
    session: Session, household_id: str, action: str, values: Mapping[str, Any], *, today: date
) -> dict[str, Any]:
    """``values`` completed with what the form would show before the cadre types: the card's defaults, the
    form's own defaults and today's date for date fields (for scripts and tests that give only some fields)."""
    out = defaults(session, household_id, action, today=today)
    for f in form(ACTION_FORMS[action]).fields:
        if f.type == "date":
            out.setdefault(f.key, today)
        elif f.default is not None and f.default not in ("today", "head", "start+min_days"):
            out.setdefault(f.key, f.default)
    out.update(values)
    return out


def choices(session: Session, household_id: str, action: str) -> dict[str, list[tuple[str, str]]]:
    row = proc.household(session, household_id)
    label = f"{row.head_name}（{row.number}）"
    out: dict[str, list[tuple[str, str]]] = {"households": [(household_id, label)], "votes": [(household_id, label)]}
    out["household"] = [(household_id, label)]
    if action == "objection_resolution":
        objections = session.execute(
            select(Objection).where(col(Objection.household_id) == household_id, col(Objection.status) == "open")
        ).scalars()
        out["objection"] = [(o.id, f"{o.raised_on} {o.raised_by}：{o.content[:30]}") for o in objections]
    if action == "member_leave":
        members = session.execute(
            select(Member)
            .where(col(Member.household_id) == household_id, col(Member.active).is_(True), live(Member))
            .order_by(col(Member.sort_order))
        ).scalars()
        out["member"] = [(m.id, m.name) for m in members]
        out["new_head"] = out["member"]
    return out


def _announcement_batch(session: Session, household_id: str) -> str:
    state = proc.load_state(session, household_id)
    if state.announcement is None or state.announcement.batch_id is None:
        raise ProcedureError("no_announcement", "本户没有正在进行的公示", "no announcement under way")
    return state.announcement.batch_id


def perform(session: Session, household_id: str, action: str, values: Mapping[str, Any], *, today: date) -> str:
    """Run ``action`` with a filled form; returns a short Chinese confirmation (the refusal is a ProcedureError)."""
    require(
        form(ACTION_FORMS[action]),
        {
            **values,
            "households": [household_id],
            "household": household_id,
            "votes": values.get("votes") or {household_id: (0, 0, 0)},
        },
    )
    v = dict(values)
    row = proc.household(session, household_id)
    on = v.get("on_date") or today
    if action == "application":
        proc.create_application(
            session,
            household_id,
            on_date=on,
            today=today,
            applicant=v.get("applicant", ""),
            how=v.get("how") or "self",
            note=v.get("note", ""),
        )
    elif action == "survey":
        result = proc.complete_survey(
            session, household_id, on_date=on, today=today, surveyors=v.get("surveyors", ""), looks=v.get("looks")
        )
        verdict = {
            "eligible": "符合识别条件",
            "excluded": "触及排除条件，需书面例外认定",
            "not_eligible": "不符合识别条件",
        }
        return (
            "入户调查已完成："
            + verdict[result.outcome]
            + ("。" + "；".join(result.reasons_zh) if result.reasons_zh else "")
        )
    elif action == "exclusion_override":
        proc.override_exclusion(
            session,
            household_id,
            reason=v.get("reason", ""),
            decided_by=v.get("decided_by", ""),
            on_date=on,
            today=today,
        )
    elif action == "application_rejected":
        proc.reject_application(session, household_id, reason=v.get("reason", ""), on_date=on, today=today)
    elif action == "evaluation":
        batch = pb.create_evaluation(
            session,
            row.village_id,
            [household_id],
            meeting_date=v["meeting_date"],
            today=today,
            place=v.get("place", ""),
            chair=v.get("chair", ""),
            recorder=v.get("recorder", ""),
            attendees_expected=v.get("attendees_expected"),
            attendees_present=v.get("attendees_present") or 0,
            attendees=[x for x in str(v.get("attendees", "")).splitlines() if x.strip()],
            guests=[x for x in str(v.get("guests", "")).splitlines() if x.strip()],
        )
        pb.record_votes(session, batch, {household_id: tuple(v.get("votes", {}).get(household_id, (0, 0, 0)))})
        outcome = pb.close_evaluation(session, batch, today=today)[household_id]
        return "民主评议通过" if outcome == "passed" else "民主评议未通过（本轮识别终止）"
    elif action.endswith("_announcement_start"):
        kind = action.split("_", 1)[0]
        pb.open_announcement(
            session,
            row.village_id,
            kind,
            [household_id],
            start=v["start"],
            end=v["end"],
            today=today,
            issuing_body=v.get("issuing_body", ""),
            objection_phone=v.get("objection_phone", ""),
            objection_address=v.get("objection_address", ""),
        )
    elif action.endswith("_announcement_end"):
        pb.close_announcement(session, _announcement_batch(session, household_id), on_date=on, today=today)
    elif action == "objection":
        pb.raise_objection(
            session,
            _announcement_batch(session, household_id),
            household_id,
            raised_by=v.get("raised_by", ""),
            raised_on=v.get("raised_on") or today,
            content=v.get("content", ""),
            contact=v.get("contact", ""),
            today=today,
        )
    elif action == "objection_resolution":
        pb.resolve_objection(
            session,
            v["objection"],
            decision=v.get("decision", ""),
            action=v.get("action") or "",
            finding=v.get("finding", ""),
            investigator=v.get("investigator", ""),
            decided_by=v.get("decided_by", ""),
            decided_on=v.get("decided_on") or today,
            today=today,
            objector_informed=bool(v.get("objector_informed")),
        )
    elif action in ("township_review", "county_approval"):
        level = "township" if action == "township_review" else "county"
        approved = v.get("decision", "approved") == "approved"
        pb.review(
            session,
            row.village_id,
            {household_id: (approved, v.get("reason", ""))},
            level=level,
            reviewer=v.get("reviewer", ""),
            on_date=on,
            today=today,
        )
    elif action in ("county_notice", "exit_notice"):
        pb.issue_notice(
            session,
            row.village_id,
            [household_id],
            kind="county" if action == "county_notice" else "exit",
            on_date=on,
            today=today,
            issuing_body=v.get("issuing_body", ""),
        )
    elif action == "exit_proposal":
        proc.propose_exit(session, household_id, on_date=on, today=today, note=v.get("note", ""))
    elif action == "exit_verification":
        proc.verify_exit(session, household_id, on_date=on, today=today, verifiers=v.get("verifiers", ""))
    elif action == "exit_acknowledgement":
        proc.acknowledge_exit(session, household_id, signed_by=v.get("signed_by", ""), on_date=on, today=today)
    elif action == "exit_withdrawal":
        proc.withdraw_exit(session, household_id, reason=v.get("reason", ""), on_date=on, today=today)
    elif action == "removal":
        proc.remove_household(
            session,
            household_id,
            reason=v.get("reason", ""),
            decided_by=v.get("decided_by", ""),
            on_date=on,
            today=today,
        )
    elif action == "return_to_poverty":
        proc.re_enter(session, household_id, reason=v.get("reason", ""), on_date=on, today=today)
    elif action == "correction":
        proc.withdraw_last_step(session, household_id, reason=v.get("reason", ""), today=today)
        return "已撤回上一步。"
    elif action == "member_join":
        pm.member_joins(
            session,
            household_id,
            kind=v.get("kind", ""),
            name=v.get("name", ""),
            on_date=on,
            reason=v.get("reason", ""),
            today=today,
            id_number=v.get("id_number") or None,
        )
    elif action == "member_leave":
        pm.member_leaves(
            session,
            v["member"],
            kind=v.get("kind", ""),
            on_date=on,
            reason=v.get("reason", ""),
            today=today,
            new_head_id=v.get("new_head") or None,
        )
    else:
        raise ProcedureError("unknown_step", f"未知的操作：{action}", f"unknown action {action}")
    return "已保存。"
