"""What each batch form does when saved: the use case it calls with the values typed (no widgets here).

The batches tab opens a step form (``forms/steps/*.json``) and hands one of these submitters to it; each runs
inside the transaction the tab opens, so a refused household leaves the whole batch unchanged. Closing a batch
returns a ``Closed`` with the counts, and the tab words the summary through ``tr()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Submit = Callable[[Any, dict[str, Any]], Any]

# batch kind -> (English source text of the "new" action, form id, step that households must be able to take)
CREATE = {
    "evaluation": ("Democratic evaluation meeting…", "evaluation", "evaluation"),
    "village_announcement": ("Village announcement…", "announcement_start", "village_announcement_start"),
    "township_review": ("Township review…", "review", "township_review"),
    "township_announcement": ("Township announcement…", "announcement_start", "township_announcement_start"),
    "county_approval": ("County approval…", "review", "county_approval"),
    "county_notice": ("County notice…", "notice", "county_notice"),
    "exit_announcement": ("Exit announcement…", "announcement_start", "exit_announcement_start"),
    "exit_notice": ("Exit notice…", "notice", "exit_notice"),
    "lookback": ("Look-back round…", "lookback_open", ""),
}


@dataclass(frozen=True)
class Closed:
    """A batch was closed: ``what`` is "evaluation", "announcement" or "lookback", with its counts."""

    what: str
    counts: dict[str, int] = field(default_factory=dict)


def names(session: Any, village_id: str) -> tuple[str, str]:
    from desktop_app.storage.models import Area

    village = session.get(Area, village_id)
    township = session.get(Area, village.parent_id) if village is not None and village.parent_id else None
    return (village.name if village else "", township.name if township else "")


def batch_village(session: Any, batch_id: str) -> str:
    from desktop_app.storage.models import Batch

    batch = session.get(Batch, batch_id)
    return str(batch.village_id)


def create_defaults(session: Any, kind: str, form_id: str, village_id: str, today: date) -> dict[str, Any]:
    """The issuing bodies, reviewer, objection contact and announcement period a new batch starts with.

    Issuing bodies and the objection contact come from the county's settings (services.settings).
    """
    from desktop_app.services.printing.data import place_of
    from desktop_app.services.procedure.steps import load_rules
    from desktop_app.services.settings import print_defaults

    days = load_rules(session).announcement_min_days
    village, township = names(session, village_id)
    place, county = place_of(session, village_id), print_defaults(session)
    level = "county" if form_id == "notice" else "township" if kind.startswith("township") else "village"
    defaults: dict[str, Any] = {
        "issuing_body": county.body(level, county=place.county, township=township, village=village),
        "reviewer": f"{township}人民政府" if kind == "township_review" else "县扶贫开发领导小组",
        "objection_phone": county.contact_phone,
        "objection_address": county.contact_place,
    }
    if form_id == "announcement_start":
        defaults.update(start=today, end=date.fromordinal(today.toordinal() + days))
    return defaults


def _lines(text: str) -> list[str]:
    return [x for x in text.splitlines() if x.strip()]


def create_submitter(kind: str, form_id: str, village_id: str, today: date) -> Submit:
    """Create the batch of ``kind`` from the form's values (and record the votes typed at the meeting)."""
    from desktop_app.services.procedure import batches as pb
    from desktop_app.services.procedure import lookback as lb

    def submit(session: Any, v: dict[str, Any]) -> Any:
        chosen = v.get("households") or []
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
            decision = (v.get("decision") == "approved", v.get("reason", ""))
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

    return submit


def action_submitter(key: str, batch_kind: str, batch_id: str, today: date) -> tuple[str, Submit]:
    """(form id, submitter) of an action on an existing batch."""
    from desktop_app.services.procedure import batches as pb
    from desktop_app.services.procedure import lookback as lb

    bid = batch_id
    if key == "votes":
        return "votes", lambda s, v: pb.record_votes(s, bid, v["votes"])
    if key == "objection":
        return "objection", lambda s, v: pb.raise_objection(
            s,
            bid,
            v["household"],
            raised_by=v["raised_by"],
            raised_on=v["raised_on"],
            content=v["content"],
            contact=v.get("contact", ""),
            today=today,
        )
    if key == "resolve":
        return "objection_resolution", lambda s, v: pb.resolve_objection(
            s,
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
        return "lookback_confirm", lambda s, v: lb.confirm(s, bid, v["households"], on_date=v["on_date"], today=today)
    if key == "wrong":
        return "lookback_wrong", lambda s, v: lb.wrongly_included(
            s, bid, v["household"], reason=v["reason"], decided_by=v["decided_by"], on_date=v["on_date"], today=today
        )
    if key == "missed":
        return "lookback_missed", lambda s, v: lb.add_missed(
            s, bid, v["household"], reason=v["reason"], on_date=v["on_date"], today=today
        )
    if batch_kind == "evaluation":

        def close_evaluation(s: Any, v: dict[str, Any]) -> Closed:
            results = pb.close_evaluation(s, bid, today=today)
            passed = sum(1 for r in results.values() if r == "passed")
            return Closed("evaluation", {"passed": passed, "failed": len(results) - passed})

        return "announcement_end", close_evaluation
    if batch_kind == "lookback":

        def close_lookback(s: Any, v: dict[str, Any]) -> Closed:
            r = lb.close_lookback(s, bid, on_date=v["on_date"], today=today)
            counts = {
                "checked": r.total - r.missed,
                "confirmed": r.confirmed,
                "wrong": r.wrongly_included,
                "missed": r.missed,
            }
            return Closed("lookback", counts)

        return "lookback_close", close_lookback

    def close_announcement(s: Any, v: dict[str, Any]) -> Closed:
        return Closed("announcement", {"moved_on": pb.close_announcement(s, bid, on_date=v["on_date"], today=today)})

    return "announcement_end", close_announcement
