"""The procedure history behind every demo household's stage: events, batches, votes, objections.

``generate_demo`` gives each household a stage; this module writes the evidence that stage implies (an
application, a survey, a meeting with votes, two announcements that ran their full period, reviews, a notice,
and for exits the verification, the household's signature, the exit announcement and notice), so the demo
passes :func:`desktop_app.services.procedure.view.verify_database`. Households of a village and a year share
their meetings and announcements, as in the field. Written with Core ``executemany`` in chunks: a county of
100,000 households must stay fast. A household whose card does not support its stage (an in-progress round
whose income is above the line, an exit whose conditions are unmet) is placed at the step the engine would
have stopped it at.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlmodel import Session, col

from desktop_app.services.progress import Progress
from desktop_app.storage.models import Area, Batch, BatchHousehold, Household, Objection, PovertyLine, ProcedureEvent
from desktop_app.storage.queries import live_rows, table_of
from desktop_app.storage.types import utcnow

CURRENT_YEAR = 2019  # the demo's income year: rounds still under way belong to it
_ABBR = {
    "evaluation": "PY",
    "village_announcement": "GS1",
    "township_review": "SH",
    "township_announcement": "GS2",
    "county_approval": "SP",
    "county_notice": "GG",
    "exit_announcement": "TGS",
    "exit_notice": "TGG",
}
_KIND_ZH = {
    "evaluation": "民主评议",
    "village_announcement": "拟识别贫困户村内公示",
    "township_review": "乡镇审核",
    "township_announcement": "拟识别贫困户乡镇公示",
    "county_approval": "县级审批",
    "county_notice": "建档立卡贫困户公告",
    "exit_announcement": "拟退出贫困户公示",
    "exit_notice": "贫困户退出公告",
}
_IDENT_ORDER = (
    "applied",
    "surveyed",
    "evaluated",
    "village_announced",
    "township_reviewed",
    "township_announced",
    "county_approved",
    "registered",
)
_EXIT_ORDER = ("exit_proposed", "exit_verified", "exit_acknowledged", "exit_announced", "exited")
CHAIRS = ("李书记", "王主任", "赵支书", "杨村长", "张书记")


@dataclass
class _Writer:
    """Rows waiting for their Core insert, flushed every few thousand."""

    conn: Any
    sync: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    objections: list[dict[str, Any]] = field(default_factory=list)
    batches: list[dict[str, Any]] = field(default_factory=list)  # new batches, inserted before their lists
    ids: Any = None
    counts: dict[str, int] = field(default_factory=lambda: {"events": 0, "batches": 0, "batch_households": 0})

    def flush(self) -> None:
        if self.batches:
            rows = [{k: x for k, x in r.items() if k != "_count"} for r in self.batches]
            _raw_insert(self.conn, table_of(Batch), rows, self.sync)
            self.counts["batches"] += len(rows)
            self.batches.clear()
        for table, rows, key in (
            (ProcedureEvent, self.events, "events"),
            (BatchHousehold, self.members, "batch_households"),
            (Objection, self.objections, "objections"),
        ):
            if rows:
                _raw_insert(self.conn, table_of(table), rows, self.sync)
                self.counts[key] = self.counts.get(key, 0) + len(rows)
                rows.clear()


def _raw_insert(conn: Any, table: Any, rows: list[dict[str, Any]], const: dict[str, Any]) -> None:
    """executemany through the driver with each column's bind processor applied once per value.

    SQLAlchemy's per-row parameter processing costs more than the insert itself at a million rows; the
    values still pass through the same type processors (dates, JSON, UTC times), so both dialects store
    exactly what a Core insert would. The constant sync columns are processed once.
    """
    dialect = conn.dialect
    keys = list(rows[0])
    const_keys = [k for k in const if k not in rows[0]]
    cols = keys + const_keys

    def processor(name: str) -> Any:
        return table.c[name].type._cached_bind_processor(dialect)

    procs = [processor(k) for k in keys]
    const_values = tuple((processor(k) or (lambda v: v))(const[k]) for k in const_keys)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join([mark] * len(cols))})"
    )
    pairs = list(zip(keys, procs, strict=True))
    data = [tuple(p(r[k]) if p else r[k] for k, p in pairs) + const_values for r in rows]
    conn.exec_driver_sql(sql, data)


class SortedIds:
    """UUID-shaped ids that grow in insertion order (like UUIDv7): at a million rows, appending to the primary
    key's B-tree instead of inserting at random pages is what keeps the demo fast. Random bits after the
    counter come from the seeded generator, so the demo stays repeatable."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.prefix = rng.getrandbits(16)
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        tail = f"{self.rng.getrandbits(64):016x}"
        head = f"{self.prefix:04x}{self.count:08x}"
        return f"{head[:8]}-{head[8:12]}-7{tail[:3]}-{'89ab'[int(tail[3], 16) & 3]}{tail[4:7]}-{tail[7:16]}{'0' * 3}"


@dataclass
class _Village:
    id: str
    code: str
    name: str
    offset: int
    batches: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    serial: dict[str, int] = field(default_factory=dict)


def add_procedure_history(
    session: Session,
    *,
    seed: int = 1,
    operator: str = "演示",
    device_id: str = "",
    village_ids: list[str] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Write the history of the demo households (of ``village_ids``, default all); returns row counts.

    Deterministic for a seed and ``now``: the households are visited in the order of their numbers (by
    village id, a random UUID, the order and so every draw after the first village differed between runs)."""
    rng = random.Random(seed * 7919 + 4)
    conn = session.connection()
    now = now or utcnow()
    sync = {"created_at": now, "updated_at": now, "version": 1, "device_id": device_id, "deleted": False}
    w = _Writer(conn, sync, ids=SortedIds(rng))
    if conn.dialect.name == "sqlite":  # the event indexes outgrow SQLite's default 2 MB page cache
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql("PRAGMA cache_size=-262144")
    lines = {
        y: amt
        for y, amt in conn.execute(
            select(col(PovertyLine.year), col(PovertyLine.amount_fen)).where(
                col(PovertyLine.region_code) == "", col(PovertyLine.standard) == "1"
            )
        )
    }
    area_q = (
        select(col(Area.id), col(Area.code), col(Area.name))
        .where(col(Area.level) == "village")
        .order_by(col(Area.code))
    )
    villages = {
        vid: _Village(vid, code, name, rng.randint(0, 20))
        for vid, code, name in conn.execute(area_q)
        if village_ids is None or vid in village_ids
    }
    h = table_of(Household)
    rows = conn.execute(
        select(
            h.c.id,
            h.c.village_id,
            h.c.head_name,
            h.c.stage,
            h.c.status,
            h.c.identification_year,
            h.c.exit_year,
            h.c.per_capita_income_fen,
            h.c.food_ok,
            h.c.clothing_ok,
            h.c.education_ok,
            h.c.medical_ok,
            h.c.housing_ok,
        )
        .where(h.c.village_id.in_(list(villages)), live_rows(h))
        .order_by(h.c.number)  # a number starts with its village's code
    ).all()
    changes: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        if progress is not None and index % 5000 == 0:
            progress(index, len(rows))
        v = villages[row.village_id]
        hist = _History(w, v, row, rng, operator)
        line = lines.get(CURRENT_YEAR)
        guarantees_met = all(
            getattr(row, f"{g}_ok") is True for g in ("food", "clothing", "education", "medical", "housing")
        )
        eligible_now = (line is not None and (row.per_capita_income_fen or 0) < line) or not guarantees_met
        exit_ok_now = line is not None and (row.per_capita_income_fen or 0) > line and guarantees_met
        stage, status, id_year, exit_year = row.stage, row.status, row.identification_year, row.exit_year
        if stage in _IDENT_ORDER[:-1] or stage == "rejected":
            if stage not in ("applied", "surveyed") and not eligible_now:
                stage = "surveyed"  # the engine stops a household the card does not qualify at the survey
            hist.identification(
                CURRENT_YEAR,
                stage if stage != "rejected" else "township_reviewed",
                eligible=eligible_now,
                reject=stage == "rejected",
            )
            if stage == "registered":
                id_year = CURRENT_YEAR
        elif stage == "removed":
            year = id_year or 2016
            hist.identification(year, "registered")
            hist.event(
                "removal",
                date(CURRENT_YEAR, 6, 20) + timedelta(v.offset),
                "removed",
                "经核查，家庭成员中有财政供养人员，属错评，按程序清退",
                data={"decided_by": "乡镇人民政府"},
            )
            id_year = year
        else:  # registered path, possibly with an exit, possibly returned to poverty
            year = id_year or 2016
            if stage in _EXIT_ORDER and stage != "exited" and _EXIT_ORDER.index(stage) >= 1 and not exit_ok_now:
                stage = "exit_proposed"  # verification would name the unmet conditions
            if stage == "exited":
                exit_year = exit_year or 2018
                year = min(year, exit_year - 1)
            if status == "4" and stage == "registered":  # returned to poverty: a first round, an exit, a return
                year = min(year, 2015)
                hist.identification(year, "registered")
                hist.exit(year + 1, "exited")
                hist.event(
                    "return_to_poverty",
                    date(CURRENT_YEAR - 1, 3, 5) + timedelta(v.offset),
                    "applied",
                    "家庭成员患重病，医疗支出大，收入骤降，返贫",
                    data={},
                )
                hist.identification(CURRENT_YEAR - 1, "registered", returning=True)
                id_year = CURRENT_YEAR - 1
            else:
                hist.identification(year, "registered")
                id_year = year
                if stage in _EXIT_ORDER:
                    hist.exit(exit_year if stage == "exited" else CURRENT_YEAR, stage, line_fen=line)
        new_status = hist.status
        if (stage, new_status, id_year, exit_year) != (row.stage, row.status, row.identification_year, row.exit_year):
            changes.append(
                {
                    "hid": row.id,
                    "s": stage,
                    "st": new_status,
                    "iy": id_year,
                    "ey": exit_year if stage == "exited" else None,
                }
            )
        if len(w.events) > 20000:
            w.flush()
    w.flush()
    if changes:
        stmt = (
            update(h)
            .where(h.c.id == bindparam("hid"))
            .values(
                stage=bindparam("s"),
                status=bindparam("st"),
                identification_year=bindparam("iy"),
                exit_year=bindparam("ey"),
            )
        )
        for start in range(0, len(changes), 5000):
            conn.execute(stmt, changes[start : start + 5000])
    w.counts["households_adjusted"] = len(changes)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size={int(cache or 0)}")
    return w.counts


class _History:
    """One household's events, in order, sharing the village's batches of each year."""

    def __init__(self, w: _Writer, v: _Village, row: Any, rng: random.Random, operator: str) -> None:
        self.w, self.v, self.row, self.rng, self.operator = w, v, row, rng, operator
        self.ids = w.ids
        self.seq = 0
        self.status = "1"
        self.returned = False

    def event(
        self,
        step: str,
        on: date,
        outcome: str,
        reason: str = "",
        *,
        batch: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        self.seq += 1
        self.w.events.append(
            {
                "id": self.ids(),
                "household_id": self.row.id,
                "batch_id": batch,
                "step": step,
                "on_date": on,
                "actor": self.operator,
                "outcome": outcome,
                "reason": reason,
                "data": {**(data or {}), "seq": self.seq},
            }
        )

    def batch(
        self,
        kind: str,
        year: int,
        start: date,
        *,
        end: date | None = None,
        open_: bool = False,
        closed_on: date | None = None,
    ) -> dict[str, Any]:
        key = (kind + (":open" if open_ else ""), year)
        found = self.v.batches.get(key)
        if found is None:
            n = self.v.serial[kind] = self.v.serial.get(kind, 0) + 1
            present = self.rng.randint(18, 30)
            found = {
                "id": self.ids(),
                "kind": kind,
                "number": f"{self.v.code}-{_ABBR[kind]}-{year}-{n:03d}",
                "village_id": self.v.id,
                "title": f"{self.v.name}{year}年{_KIND_ZH[kind]}",
                "start_date": start,
                "end_date": end,
                "place": "村委会会议室" if kind == "evaluation" else "",
                "chair": self.rng.choice(CHAIRS) if kind == "evaluation" else "",
                "recorder": "村文书",
                "attendees_expected": present + self.rng.randint(0, 5) if kind == "evaluation" else None,
                "attendees_present": present if kind == "evaluation" else None,
                "attendees": [],
                "guests": [],
                "issuing_body": f"{self.v.name}村民委员会" if kind == "village_announcement" else "",
                "objection_phone": "0872-5120000" if "announcement" in kind else "",
                "objection_address": "",
                "status": "open" if open_ else "closed",
                "outcome": "" if open_ else "completed",
                "closed_on": None if open_ else (closed_on or end or start),
                "note": "",
                "_count": 0,
            }
            self.v.batches[key] = found
            self.w.batches.append(found)
        return found

    def on_list(self, batch: dict[str, Any], result: str, votes: tuple[int, int, int] | None = None) -> None:
        batch["_count"] += 1
        self.w.members.append(
            {
                "id": self.ids(),
                "batch_id": batch["id"],
                "household_id": self.row.id,
                "votes_for": votes[0] if votes else None,
                "votes_against": votes[1] if votes else None,
                "votes_abstain": votes[2] if votes else None,
                "result": result,
                "reason": "",
                "sort_order": batch["_count"],
            }
        )

    def identification(
        self, year: int, stop: str, *, eligible: bool = True, reject: bool = False, returning: bool = False
    ) -> None:
        rng, v = self.rng, self.v
        current = year == CURRENT_YEAR
        meet = (date(year, 10, 8) if current else date(year, 4, 1)) + timedelta(v.offset)
        upto = _IDENT_ORDER.index(stop)
        if not returning:
            self.event(
                "application",
                meet - timedelta(rng.randint(20, 40)),
                "applied",
                data={"applicant": self.row.head_name, "how": "self"},
            )
            self.status = "1"
        else:
            self.returned, self.status = True, "4"
        if upto < 1:
            return
        outcome = "eligible" if eligible or not current else "not_eligible"
        self.event("survey", meet - timedelta(rng.randint(2, 12)), outcome, data={"surveyors": "驻村工作队"})
        if upto < 2:
            return
        ev = self.batch("evaluation", year, meet)
        present = ev["attendees_present"]
        votes_for = rng.randint(present // 2 + 1, present)
        against = rng.randint(0, present - votes_for)
        votes = (votes_for, against, present - votes_for - against)
        self.on_list(ev, "passed", votes)
        self.event(
            "evaluation",
            meet,
            "passed",
            batch=ev["id"],
            data={
                "present": present,
                "expected": ev["attendees_expected"],
                "for": votes[0],
                "against": votes[1],
                "abstain": votes[2],
                "place": ev["place"],
                "chair": ev["chair"],
            },
        )
        start, end = meet + timedelta(2), meet + timedelta(9)
        if upto == 2:
            if current and v.offset % 2 == 0:  # half the villages have this year's announcement still open
                va = self.batch("village_announcement", year, start, end=end, open_=True)
                self.on_list(va, "pending")
                self.event("village_announcement_start", start, "opened", batch=va["id"], data={"end": end.isoformat()})
            return
        va = self.batch("village_announcement", year, start, end=end, closed_on=end + timedelta(1))
        self.on_list(va, "completed")
        self.event("village_announcement_start", start, "opened", batch=va["id"], data={"end": end.isoformat()})
        if not current and rng.random() < 0.03:
            self._dismissed_objection(va, start + timedelta(2))
        self.event("village_announcement_end", end + timedelta(1), "completed", batch=va["id"])
        if upto < 4:
            return
        tr = self.batch("township_review", year, meet + timedelta(15))
        if reject:
            reason = "经乡镇审核，家庭经营收入核实后高于识别标准，不予通过"
            self.on_list(tr, "rejected")
            self.event(
                "township_review",
                meet + timedelta(15),
                "rejected",
                reason,
                batch=tr["id"],
                data={"reviewer": "乡镇人民政府"},
            )
            return
        self.on_list(tr, "approved")
        self.event(
            "township_review", meet + timedelta(15), "approved", batch=tr["id"], data={"reviewer": "乡镇人民政府"}
        )
        if upto < 5:
            return
        start, end = meet + timedelta(17), meet + timedelta(24)
        ta = self.batch("township_announcement", year, start, end=end, closed_on=end + timedelta(1))
        self.on_list(ta, "completed")
        self.event("township_announcement_start", start, "opened", batch=ta["id"], data={"end": end.isoformat()})
        self.event("township_announcement_end", end + timedelta(1), "completed", batch=ta["id"])
        if upto < 6:
            return
        ca = self.batch("county_approval", year, meet + timedelta(30))
        self.on_list(ca, "approved")
        self.event(
            "county_approval", meet + timedelta(30), "approved", batch=ca["id"], data={"reviewer": "县扶贫开发领导小组"}
        )
        if upto < 7:
            return
        cn = self.batch("county_notice", year, meet + timedelta(35))
        self.on_list(cn, "registered")
        self.event("county_notice", meet + timedelta(35), "registered", batch=cn["id"])
        self.status = "4" if self.returned else "1"

    def _dismissed_objection(self, batch: dict[str, Any], raised: date) -> None:
        oid = self.ids()
        decided = raised + timedelta(2)
        self.w.objections.append(
            {
                "id": oid,
                "batch_id": batch["id"],
                "household_id": self.row.id,
                "raised_by": "本组村民",
                "contact": "",
                "raised_on": raised,
                "content": "反映该户有外出务工收入未计入",
                "investigator": "驻村工作队",
                "finding": "经入户核实，务工收入已计入，人均纯收入仍低于标准",
                "decision": "dismissed",
                "action": "",
                "decided_on": decided,
                "decided_by": "村两委",
                "objector_informed": True,
                "status": "resolved",
            }
        )
        self.event(
            "objection",
            raised,
            "raised",
            batch=batch["id"],
            data={"objection_id": oid, "content": "反映该户有外出务工收入未计入", "raised_by": "本组村民"},
        )
        self.event(
            "objection_resolution",
            decided,
            "dismissed",
            "经入户核实，务工收入已计入，人均纯收入仍低于标准",
            batch=batch["id"],
            data={"objection_id": oid, "decided_by": "村两委", "action": None},
        )

    def exit(self, year: int, stop: str, *, line_fen: int | None = None) -> None:
        v = self.v
        prop = (date(year, 10, 15) if year == CURRENT_YEAR else date(year, 8, 1)) + timedelta(v.offset)
        upto = _EXIT_ORDER.index(stop)
        before = self.status
        self.status = "2"
        self.event("exit_proposal", prop, "proposed", data={"status_before": before})
        if upto < 1:
            return
        data: dict[str, Any] = {"verifiers": "驻村工作队"}
        if year == CURRENT_YEAR:
            data.update(
                per_capita_fen=self.row.per_capita_income_fen,
                line_fen=line_fen,
                guarantees={g: True for g in ("food", "clothing", "education", "medical", "housing")},
            )
        else:
            data["note"] = "演示数据：核验时人均纯收入高于当年贫困线，两不愁三保障均已达到"
        self.event("exit_verification", prop + timedelta(7), "verified", data=data)
        if upto < 2:
            return
        self.event("exit_acknowledgement", prop + timedelta(10), "acknowledged", data={"signed_by": self.row.head_name})
        if upto < 3:
            return
        start, end = prop + timedelta(12), prop + timedelta(19)
        ea = self.batch("exit_announcement", year, start, end=end, closed_on=end + timedelta(1))
        self.on_list(ea, "completed")
        self.event("exit_announcement_start", start, "opened", batch=ea["id"], data={"end": end.isoformat()})
        self.event("exit_announcement_end", end + timedelta(1), "completed", batch=ea["id"])
        if upto < 4:
            return
        en = self.batch("exit_notice", year, prop + timedelta(25))
        self.on_list(en, "exited")
        self.event("exit_notice", prop + timedelta(25), "exited", batch=en["id"])
        self.status = "3"
