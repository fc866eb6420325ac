"""Gather what each printed document shows, from the database, as the plain data of ``reports.model``.

Labels come from the code lists; public lists are built from ``PublicRow`` only (no ID, income or health
field exists there). Everything here reads; nothing writes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain import idnumber, labels
from desktop_app.domain.procedure_rules import EXIT_STAGES, IDENTIFICATION_STAGES, REGISTERED_STAGES
from desktop_app.reports.base import (
    zh_date,  # reports/ ships as desktop_app.reports (setuptools package-dir): mypy cannot map it
)
from desktop_app.reports.model import (
    AnnouncementData,
    GroupCount,
    MinutesData,
    ObjectionRow,
    ObjectionsData,
    Place,
    PublicRow,
    RegisterData,
    RegisterHousehold,
    RegisterMember,
    VoteRow,
    WallChartData,
)
from desktop_app.services.procedure import load_rules, village_names
from desktop_app.services.settings import PrintDefaults, print_defaults
from desktop_app.storage.models import (
    Area,
    Batch,
    BatchHousehold,
    Cadre,
    Household,
    Measure,
    Member,
    Objection,
    ProcedureEvent,
)
from desktop_app.storage.queries import live

# Households on the 建档立卡 register (registered, on their way out, or exited): the procedure's register plus
# the households that have left it, in the procedure's order.
PRINTED_STAGES = tuple(s for s in (*IDENTIFICATION_STAGES, *EXIT_STAGES) if s in REGISTERED_STAGES or s == "exited")
# A household taken off a batch's list is not printed on that list.
OFF_LIST_RESULTS = frozenset({"withdrawn", "removed", "cancelled", "rejected", "failed"})

ANNOUNCEMENT_WORDING = {
    # kind: (title pattern, intro pattern, exit list)
    "village_announcement": (
        "{village}{year}年拟识别建档立卡贫困户名单公示",
        "根据农户申请、入户调查和村民代表大会民主评议，{village}{year}年拟识别建档立卡贫困户共 {households} 户 "
        "{people} 人，现将名单予以公示。",
        False,
    ),
    "township_announcement": (
        "{township}{village}{year}年拟识别建档立卡贫困户名单公示",
        "根据农户申请、村民代表大会民主评议、村内公示和{township}人民政府审核，{village}{year}年拟识别建档立卡"
        "贫困户共 {households} 户 {people} 人，现将名单予以公示。",
        False,
    ),
    "county_notice": (
        "{village}{year}年建档立卡贫困户名单公告",
        "经农户申请、民主评议、村乡两级公示和县级审批，{village}{year}年建档立卡贫困户共 {households} 户 "
        "{people} 人，现予以公告。",
        False,
    ),
    "exit_announcement": (
        "{village}{year}年拟退出贫困户名单公示",
        "经村民代表大会民主评议、村两委和驻村工作队核实、贫困户签字认可，{village}{year}年拟退出贫困户共 "
        "{households} 户 {people} 人，现将名单予以公示。",
        True,
    ),
    "exit_notice": (
        "{village}{year}年贫困户退出名单公告",
        "经民主评议、核实认可、公示和审定，{village}{year}年退出贫困户共 {households} 户 {people} 人，现予以公告。",
        True,
    ),
}


def _own_title(batch: Batch, village: str) -> str:
    """The batch's title if someone wrote one; "" when it is empty or the name the procedure gives by default."""
    title = batch.title.strip()
    year = (batch.start_date or date.today()).year
    if title == f"{village}{year}年{labels.label('batch_kind', batch.kind)}":
        return ""
    return title


def code_label(list_id: str, code: str | None) -> str:
    if not code:
        return ""
    return catalog.codelists()[list_id].label(code, "zh") or code


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def place_of(session: Session, village_id: str) -> Place:
    names = village_names(session, village_id)
    return Place(county=names.county, township=names.township, village=names.village, village_code=names.village_code)


def group_names(session: Session, village_id: str) -> dict[str, str]:
    rows = session.execute(select(col(Area.id), col(Area.name)).where(col(Area.parent_id) == village_id)).all()
    return {r[0]: r[1] for r in rows}


def _batch_households(session: Session, batch: Batch) -> list[tuple[BatchHousehold, Household]]:
    rows = session.execute(
        select(BatchHousehold, Household)
        .join(Household, col(Household.id) == col(BatchHousehold.household_id))
        .where(col(BatchHousehold.batch_id) == batch.id, live(BatchHousehold))
        .order_by(col(BatchHousehold.sort_order), col(Household.number))
    ).all()
    return [(r[0], r[1]) for r in rows]


def issuer_level(kind: str) -> str:
    if kind in ("village_announcement", "exit_announcement", "evaluation", "exit_evaluation"):
        return "village"
    return "township" if kind.startswith("township") else "county"


def default_issuer(kind: str, place: Place, defaults: PrintDefaults | None = None) -> str:
    """The issuing body of a document whose batch names none: the county's setting (村民委员会 …)."""
    defaults = defaults or PrintDefaults()
    level = issuer_level(kind)
    if level == "village" and place.village.endswith("委员会"):
        return str(place.village)
    return str(defaults.body(level, county=place.county, township=place.township, village=place.village))


def _verified_sizes(session: Session, household_ids: list[str]) -> dict[str, int]:
    """The household size each exit verification counted (the members of its income year, not today's)."""
    found: dict[str, int] = {}
    for start in range(0, len(household_ids), 500):
        events = session.execute(
            select(ProcedureEvent)
            .where(
                col(ProcedureEvent.household_id).in_(household_ids[start : start + 500]),
                col(ProcedureEvent.step) == "exit_verification",
                live(ProcedureEvent),
            )
            .order_by(col(ProcedureEvent.on_date), col(ProcedureEvent.created_at))
        ).scalars()
        for e in events:
            if e.outcome == "verified" and (e.data or {}).get("size"):
                found[e.household_id] = int(e.data["size"])
    return found


def announcement_data(session: Session, batch: Batch) -> AnnouncementData:
    place = place_of(session, batch.village_id)
    groups = group_names(session, batch.village_id)
    title_pattern, intro_pattern, is_exit = ANNOUNCEMENT_WORDING[batch.kind]
    linked = _batch_households(session, batch)
    sizes = _verified_sizes(session, [h.id for _, h in linked]) if is_exit else {}
    rows = [
        PublicRow(
            name=household.head_name,
            group=groups.get(household.group_id or "", ""),
            size=sizes.get(household.id, household.size),
            attribute=code_label("attribute", household.attribute),
            cause=code_label("cause", household.main_cause),
            identification_year=household.identification_year,
            exit_year=household.exit_year,
        )
        for link, household in linked
        if link.result not in OFF_LIST_RESULTS
    ]
    year = (batch.start_date or date.today()).year
    words = {
        "village": place.village,
        "township": place.township,
        "year": year,
        "households": len(rows),
        "people": sum(r.size for r in rows),
    }
    title = _own_title(batch, place.village) or title_pattern.format(**words)
    county = print_defaults(session)
    phone = batch.objection_phone.strip() or county.contact_phone
    address = batch.objection_address.strip() or county.contact_place
    village_body = default_issuer("village_announcement", place, county)
    township_body = default_issuer("township_announcement", place, county)
    if batch.kind.endswith("notice"):
        objection = "如对名单有异议，请向县扶贫开发领导小组办公室或乡镇人民政府反映。"
    else:
        objection = objection_sentence(batch.start_date, batch.end_date, village_body, township_body)
    return AnnouncementData(
        kind=batch.kind,
        title=title,
        intro=intro_pattern.format(**words),
        objection_text=objection,
        place=place,
        start=batch.start_date,
        end=batch.end_date,
        issuing_body=batch.issuing_body.strip() or default_issuer(batch.kind, place, county),
        issued_on=batch.start_date,
        rows=rows,
        batch_number=batch.number,
        contact_text=contact_line(phone, address),
        exit=is_exit,
    )


def objection_sentence(start: date | None, end: date | None, village_body: str, township_body: str) -> str:
    """How to object during a notice: its period, the deadline and the two bodies to turn to."""
    period = f"公示期为{zh_date(start)}至{zh_date(end)}。" if start and end else ""
    deadline = f"于{zh_date(end)}前" if end else "在公示期内"
    return (
        f"{period}公示期间，任何单位和个人如有异议，请{deadline}以书面、电话或当面方式向"
        f"{village_body}或{township_body}反映，反映情况应实事求是。"
    )


def contact_line(phone: str, address: str) -> str:
    """The objection telephone and address, on a line of their own ("" when the county set neither)."""
    return "　".join(p for p in (f"联系电话：{phone}" if phone else "", f"地址：{address}" if address else "") if p)


def _age(birth: date | None, on: date) -> str:
    if birth is None:
        return ""
    return str(on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day)))


def active_members(session: Session, household_ids: list[str]) -> dict[str, list[Member]]:
    out: dict[str, list[Member]] = defaultdict(list)
    for start in range(0, len(household_ids), 500):
        chunk = household_ids[start : start + 500]
        query = (
            select(Member)
            .where(col(Member.household_id).in_(chunk), live(Member), col(Member.active).is_(True))
            .order_by(col(Member.household_id), col(Member.sort_order))
        )
        for member in session.execute(query).scalars():
            out[member.household_id].append(member)
    return out


def _village_households(session: Session, village_id: str, stages: tuple[str, ...] | None) -> list[Household]:
    query = select(Household).where(col(Household.village_id) == village_id, live(Household))
    if stages is not None:
        query = query.where(col(Household.stage).in_(stages))
    return list(session.execute(query.order_by(col(Household.number))).scalars())


def register_data(
    session: Session, village_id: str, *, today: date | None = None, mask_ids: bool = False
) -> RegisterData:
    today = today or date.today()
    households = _village_households(session, village_id, PRINTED_STAGES)
    groups = group_names(session, village_id)
    members = active_members(session, [h.id for h in households])
    out = []
    for h in households:
        people = [
            RegisterMember(
                name=m.name,
                id_number=idnumber.mask(m.id_number) if mask_ids and m.id_number else m.id_number or "",
                relation=code_label("relation", m.relation),
                sex=code_label("sex", m.sex),
                age=_age(m.birth_date, today),
                ethnicity=code_label("ethnicity", m.ethnicity),
                education=code_label("education", m.education),
                health=code_label("health", m.health),
                labour=code_label("labour", m.labour),
                work=code_label("work_status", m.work_status),
            )
            for m in members.get(h.id, [])
        ]
        out.append(
            RegisterHousehold(
                number=h.number,
                group=groups.get(h.group_id or "", ""),
                head_name=h.head_name,
                attribute=code_label("attribute", h.attribute),
                cause=code_label("cause", h.main_cause),
                status=code_label("poverty_status", h.status),
                size=h.size,
                identification_year=str(h.identification_year or ""),
                phone=h.phone,
                members=people,
            )
        )
    return RegisterData(place=place_of(session, village_id), households=out, printed_on=today)


def step_text(step: str) -> str:
    """A procedure step as the printed history names it (the one label table, domain.labels)."""
    return labels.label("step", step)


def outcome_text(outcome: str) -> str:
    return labels.label("outcome", outcome)


def pass_rule_text(session: Session) -> str:
    """The county's pass rule as the minutes state it (赞成票超过实到人数的 1/2)."""
    return load_rules(session).votes_needed_text()[0]


def minutes_data(session: Session, batch: Batch) -> MinutesData:
    place = place_of(session, batch.village_id)
    groups = group_names(session, batch.village_id)
    rows = [
        VoteRow(
            name=household.head_name,
            group=groups.get(household.group_id or "", ""),
            size=household.size,
            votes_for=link.votes_for,
            votes_against=link.votes_against,
            votes_abstain=link.votes_abstain,
            result=outcome_text(link.result) if link.result != "pending" else "待定",
        )
        for link, household in _batch_households(session, batch)
    ]
    what = "贫困户退出" if batch.kind == "exit_evaluation" else "贫困户识别"
    rule_text = pass_rule_text(session)
    return MinutesData(
        title=_own_title(batch, place.village) or f"{place.village}{what}民主评议会议记录",
        place=place,
        meeting_date=batch.start_date,
        location=batch.place,
        chair=batch.chair,
        recorder=batch.recorder,
        expected=batch.attendees_expected,
        present=batch.attendees_present,
        attendees=list(batch.attendees or []),
        guests=list(batch.guests or []),
        rows=rows,
        rule_text=rule_text,
        note=batch.note,
    )


def objections_data(session: Session, batch: Batch) -> ObjectionsData:
    place = place_of(session, batch.village_id)
    groups = group_names(session, batch.village_id)
    rows = session.execute(
        select(Objection, Household)
        .join(Household, col(Household.id) == col(Objection.household_id))
        .where(col(Objection.batch_id) == batch.id, live(Objection))
        .order_by(col(Objection.raised_on), col(Objection.created_at))
    ).all()
    objections = [
        ObjectionRow(
            household=household.head_name,
            group=groups.get(household.group_id or "", ""),
            raised_by=o.raised_by,
            contact=o.contact,
            raised_on=o.raised_on,
            content=o.content,
            investigator=o.investigator,
            finding=o.finding,
            decision=labels.label("objection_decision", o.decision) or "未处理",
            action=labels.label("objection_action", o.action),
            decided_on=o.decided_on,
            decided_by=o.decided_by,
            informed="已告知" if o.objector_informed else "未告知",
            status="已办结" if o.status == "resolved" else "处理中",
        )
        for o, household in rows
    ]
    kind_label = labels.label("batch_kind", batch.kind) if batch.kind.endswith("announcement") else "公示"
    return ObjectionsData(
        title=f"{place.village}{kind_label}异议处理记录",
        place=place,
        batch_title=batch.title or f"{kind_label}（编号 {batch.number}）",
        start=batch.start_date,
        end=batch.end_date,
        objections=objections,
    )


def wallchart_data(session: Session, village_id: str, *, today: date | None = None) -> WallChartData:
    today = today or date.today()
    households = _village_households(session, village_id, PRINTED_STAGES)
    groups = group_names(session, village_id)
    lists = catalog.codelists()
    status_items = list(lists["poverty_status"].items)
    statuses = [item.zh for item in status_items]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    cadre_ids = {h.cadre_id for h in households if h.cadre_id}
    cadres = (
        {c.id: c.name for c in session.execute(select(Cadre).where(col(Cadre.id).in_(cadre_ids))).scalars()}
        if cadre_ids
        else {}
    )
    rows = []
    for h in households:
        group = groups.get(h.group_id or "", "未分组")
        status = code_label("poverty_status", h.status)
        counts[group][status] += 1
        rows.append(
            [
                h.head_name,
                group,
                str(h.size),
                code_label("attribute", h.attribute),
                code_label("cause", h.main_cause),
                cadres.get(h.cadre_id or "", ""),
                status,
            ]
        )
    ordered_groups = sorted(counts, key=lambda g: (len(g), g))
    by_id = {h.id: h for h in households}
    measures = (
        list(
            session.execute(
                select(Measure)
                .where(col(Measure.household_id).in_(list(by_id)), live(Measure))
                .order_by(col(Measure.year), col(Measure.start_date))
            ).scalars()
        )
        if by_id
        else []
    )
    name_of = {hid: h.head_name for hid, h in by_id.items()}
    plan = [
        [
            name_of[m.household_id],
            str(m.year),
            code_label("measure_type", m.type),
            m.content,
            cadres.get(by_id[m.household_id].cadre_id or "", ""),
        ]
        for m in measures
    ]
    delivered = [
        [
            name_of[m.household_id],
            f"{(m.end_date or m.start_date or '')}".replace("-", "."),
            code_label("measure_type", m.type),
            m.content,
            m.result,
        ]
        for m in measures
        if m.delivered
    ]
    progress = []
    totals: Counter[str] = Counter()
    for group in ordered_groups:
        c = counts[group]
        totals.update(c)
        progress.append(_progress_row(group, c, statuses))
    progress.append(_progress_row("合计", totals, statuses))
    return WallChartData(
        place=place_of(session, village_id),
        year=today.year,
        statuses=statuses,
        groups=[GroupCount(g, {s: counts[g][s] for s in statuses}) for g in ordered_groups],
        households=rows,
        plan=plan,
        delivered=delivered,
        progress=progress,
        printed_on=today,
    )


def _progress_row(group: str, counts: Counter[str], statuses: list[str]) -> list[str]:
    total = sum(counts.values())
    exited = counts[statuses[2]] if len(statuses) > 2 else 0
    rate = f"{exited * 100 / total:.1f}%" if total else "—"
    return [group, str(total), *[str(counts[s]) for s in statuses], rate]
