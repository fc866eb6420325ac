"""What each batch form of the batches tab does when saved: the use case it runs with the values typed.

The tab opens a step form (``forms/steps/*.json``); the values come back here and run inside one unit of
work, so a refused household leaves the whole batch unchanged. Closing a batch returns a :class:`Closed` with
the counts, which the tab words through ``tr()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from desktop_app.domain.procedure_rules import ProcedureError
from desktop_app.services.procedure import batches as pb
from desktop_app.services.procedure import lookback as lb
from desktop_app.services.procedure.places import village_names
from desktop_app.services.procedure.steps import load_rules
from desktop_app.services.settings import print_defaults

# batch kind -> (form id, step the households must be able to take; "" for a look-back of every household)
BATCH_FORMS: Mapping[str, tuple[str, str]] = {
    "evaluation": ("evaluation", "evaluation"),
    "village_announcement": ("announcement_start", "village_announcement_start"),
    "township_review": ("review", "township_review"),
    "township_announcement": ("announcement_start", "township_announcement_start"),
    "county_approval": ("review", "county_approval"),
    "county_notice": ("notice", "county_notice"),
    "exit_announcement": ("announcement_start", "exit_announcement_start"),
    "exit_notice": ("notice", "exit_notice"),
    "lookback": ("lookback_open", ""),
}
# action on an existing batch -> its form ("close" depends on the batch: see action_form)
ACTION_FORMS: Mapping[str, str] = {
    "votes": "votes",
    "objection": "objection",
    "resolve": "objection_resolution",
    "confirm": "lookback_confirm",
    "wrong": "lookback_wrong",
    "missed": "lookback_missed",
}


@dataclass(frozen=True)
class Closed:
    """A batch was closed: ``what`` is "evaluation", "announcement" or "lookback", with its counts."""

    what: str
    counts: dict[str, int] = field(default_factory=dict)


def _refuse_kind(kind: str) -> ProcedureError:
    return ProcedureError("bad_kind", f"未知的批次类型：{kind}", f"unknown batch kind {kind}")


def create_defaults(session: Session, kind: str, village_id: str, today: date) -> dict[str, Any]:
    """The issuing bodies, reviewer, objection contact and announcement period a new batch starts with.

    Issuing bodies and the objection contact come from the county's settings (services.settings).
    """
    if kind not in BATCH_FORMS:
        raise _refuse_kind(kind)
    form_id = BATCH_FORMS[kind][0]
    days = load_rules(session).announcement_min_days
    place, county = village_names(session, village_id), print_defaults(session)
    level = "county" if form_id == "notice" else "township" if kind.startswith("township") else "village"
    defaults: dict[str, Any] = {
        "issuing_body": county.body(level, county=place.county, township=place.township, village=place.village),
        "reviewer": f"{place.township}人民政府" if kind == "township_review" else "县扶贫开发领导小组",
        "objection_phone": county.contact_phone,
        "objection_address": county.contact_place,
    }
    if form_id == "announcement_start":
        defaults.update(start=today, end=today + timedelta(days=days))
    return defaults


def _lines(text: str) -> list[str]:
    return [x for x in text.splitlines() if x.strip()]


def create(session: Session, kind: str, village_id: str, v: Mapping[str, Any], *, today: date) -> str:
    """Create the batch of ``kind`` from the form's values (and record the votes typed at the meeting)."""
    if kind not in BATCH_FORMS:
        raise _refuse_kind(kind)
    form_id = BATCH_FORMS[kind][0]
    chosen = list(v.get("households") or [])
    if kind == "evaluation":
        batch = pb.create_evaluation(
            session,
            village_id,
            chosen,
            meeting_date=v["meeting_date"],
            today=today,
            place=v["place"],
            chair=v["chair"],
            recorder=v.get("recorder", ""),
            attendees_expected=v.get("attendees_expected"),
            attendees_present=v["attendees_present"],
            attendees=_lines(v.get("attendees", "")),
            guests=_lines(v.get("guests", "")),
        )
        votes = {h: vs for h, vs in (v.get("votes") or {}).items() if h in chosen}
        if votes:
            pb.record_votes(session, batch, votes)
        return batch
    if form_id == "announcement_start":
        return pb.open_announcement(
            session,
            village_id,
            kind.split("_", 1)[0],
            chosen,
            start=v["start"],
            end=v["end"],
            today=today,
            issuing_body=v.get("issuing_body", ""),
            objection_phone=v.get("objection_phone", ""),
            objection_address=v.get("objection_address", ""),
        )
    if form_id == "review":
        decision = (v.get("decision") == "approved", str(v.get("reason", "")))
        return pb.review(
            session,
            village_id,
            dict.fromkeys(chosen, decision),
            level="township" if kind == "township_review" else "county",
            reviewer=v.get("reviewer", ""),
            on_date=v["on_date"],
            today=today,
        )
    if form_id == "notice":
        return pb.issue_notice(
            session,
            village_id,
            chosen,
            kind="county" if kind == "county_notice" else "exit",
            on_date=v["on_date"],
            today=today,
            issuing_body=v.get("issuing_body", ""),
        )
    return lb.open_lookback(session, village_id, start=v["start"], today=today, title=v.get("title", ""))


def action_form(key: str, batch_kind: str) -> str:
    """The form of an action on an existing batch ("close" is the closing form of the batch's kind)."""
    if key in ACTION_FORMS:
        return ACTION_FORMS[key]
    return "lookback_close" if batch_kind == "lookback" else "announcement_end"


def act(session: Session, key: str, batch_id: str, v: Mapping[str, Any], *, today: date) -> Any:
    """Run an action on an existing batch with the form's values; closing returns a :class:`Closed`."""
    batch = pb.batch_row(session, batch_id)
    if key == "votes":
        return pb.record_votes(session, batch_id, v["votes"])
    if key == "objection":
        return pb.raise_objection(
            session,
            batch_id,
            v["household"],
            raised_by=v["raised_by"],
            raised_on=v["raised_on"],
            content=v["content"],
            contact=v.get("contact", ""),
            today=today,
        )
    if key == "resolve":
        return pb.resolve_objection(
            session,
            v["objection"],
            decision=v["decision"],
            action=v.get("action") or "",
            finding=v["finding"],
            investigator=v["investigator"],
            decided_by=v["decided_by"],
            decided_on=v["decided_on"],
            today=today,
            objector_informed=bool(v.get("objector_informed")),
        )
    if key == "confirm":
        return lb.confirm(session, batch_id, v["households"], on_date=v["on_date"], today=today)
    if key == "wrong":
        return lb.wrongly_included(
            session,
            batch_id,
            v["household"],
            reason=v["reason"],
            decided_by=v["decided_by"],
            on_date=v["on_date"],
            today=today,
        )
    if key == "missed":
        return lb.add_missed(session, batch_id, v["household"], reason=v["reason"], on_date=v["on_date"], today=today)
    if key != "close":
        raise ProcedureError("unknown_step", f"未知的操作：{key}", f"unknown action {key}")
    if batch.kind == "evaluation":
        results = pb.close_evaluation(session, batch_id, today=today)
        passed = sum(1 for r in results.values() if r == "passed")
        return Closed("evaluation", {"passed": passed, "failed": len(results) - passed})
    if batch.kind == "lookback":
        r = lb.close_lookback(session, batch_id, on_date=v["on_date"], today=today)
        counts = {"checked": r.total - r.missed, "confirmed": r.confirmed, "wrong": r.wrongly_included}
        return Closed("lookback", {**counts, "missed": r.missed})
    moved_on = pb.close_announcement(session, batch_id, on_date=v["on_date"], today=today)
    return Closed("announcement", {"moved_on": moved_on})
