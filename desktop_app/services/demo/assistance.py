"""Demo assistance ledgers (issue 16) for the demo county: every ledger, with something for each check to find.

The first village's first households (``HAND`` of them, the monitoring demo's households among them) are entered
through the ledgers' own use cases, as a work team would type them (``assist_scenes``): a roster of cadres of
every rank (one over its limit, one whose term has ended), pairings (two households left without a cadre, one
re-paired), the monitored households' contact persons (one without), a plan and measures delivered per
household, a fund with its projects, allocation and disbursements with photos (one to a household outside the
register), loans of the three product periods (one overdue, one extended, one renewed), posts through the
selection (a holder over the age band and one holding two posts, both overridden in writing) with their months,
a year of migrant-work months, visits with photos. Every other household gets its ledgers in bulk
(``assist_bulk``, one unit of work, deterministic). Dates are placed around ``today``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import col

from desktop_app.services.demo.assist_bulk import add_assistance_bulk
from desktop_app.services.demo.assist_scenes import Scenes
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.queries import live

HAND = 40  # households of the first village entered through the use cases


@dataclass
class AssistanceDemo:
    """What the demo wrote: by hand (through the use cases) and in bulk (rows per table)."""

    by_hand: dict[str, int] = field(default_factory=dict)
    bulk: dict[str, int] = field(default_factory=dict)
    village: str = ""

    def summary(self) -> str:
        hand = self.by_hand
        return (
            f"帮扶台账：{self.village}前 {hand.get('households', 0)} 户逐项录入（{hand.get('cadres', 0)} 名帮扶干部、"
            f"{hand.get('pairings', 0)} 条结对、{hand.get('measures', 0)} 条措施、{hand.get('loans', 0)} 笔贷款、"
            f"{hand.get('posts', 0)} 个公益岗位、{hand.get('visits', 0)} 次走访），其余各户批量生成"
            f"（{self.bulk.get('pairing', 0)} 条结对、{self.bulk.get('help_measure', 0)} 条措施、"
            f"{self.bulk.get('loan', 0)} 笔贷款、{self.bulk.get('post', 0)} 个公益岗位）。"
        )


def _first_households(db: Database, count: int) -> tuple[str, str, list[str]]:
    """The first village (id, name) and the ids of its first ``count`` households (with members) by number."""
    with reading(db) as session:
        village = (
            session.execute(select(Area).where(col(Area.level) == "village", live(Area)).order_by(col(Area.code)))
            .scalars()
            .first()
        )
        if village is None:
            return "", "", []
        ids = session.execute(
            select(col(Household.id))
            .where(col(Household.village_id) == village.id, live(Household), col(Household.size) > 0)
            .order_by(col(Household.number))
            .limit(count)
        ).scalars()
        return village.id, village.name, list(ids)


def add_assistance_demo(
    db: Database,
    *,
    today: date | None = None,
    seed: int = 1,
    hand: int = HAND,
    progress: Callable[[int, int], object] | None = None,
) -> AssistanceDemo:
    """Every ledger for the demo county (after ``load_demo(..., monitoring=True)``); see the module's text."""
    today = today or date.today()
    village_id, village_name, chosen = _first_households(db, hand)
    out = AssistanceDemo(village=village_name)
    with writing(db, "demo.generate") as work:
        bulk = add_assistance_bulk(work.session, today=today, seed=seed, monitored_share=0, exclude=frozenset(chosen))
        work.touch(everything=True)  # Core inserts: the screens reload
    out.bulk = bulk.counts
    if chosen:
        out.by_hand = Scenes(db, village_id, chosen, today, seed, progress).run()
    return out
