"""The household card as one use case: load it into plain forms, check it, save it, read its history.

The card editor (and any other caller) works on :class:`HouseholdForm`, a plain copy of the card with its
members and measures, so nothing on screen holds an ORM object or a session. :func:`validate` lists every
problem at once, each tied to a field (and a member row) so that the UI can mark it where it was typed;
:func:`save_household` refuses to write anything while one remains. Writes go through the ORM so that the
audit hook records every change in the change log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain import eligibility, idnumber
from desktop_app.domain.errors import DomainError
from desktop_app.domain.income import Income
from desktop_app.services.households.derived import Person, derive, income_of
from desktop_app.services.households.forms import (  # noqa: F401 - the card's public names live here
    CARD_FIELDS,
    GUARANTEES,
    HEAD,
    MEASURE_FIELDS,
    MEMBER_FIELDS,
    CadreForm,
    Choice,
    FieldError,
    HouseholdForm,
    HouseholdInvalid,
    MeasureForm,
    MemberForm,
)
from desktop_app.services.households.history import HistoryEntry, household_history
from desktop_app.services.households.search import refresh_search_index
from desktop_app.services.households.validation import check_member_id, validate  # noqa: F401
from desktop_app.services.households.yearly import YearFacts, follow_card, freeze_year
from desktop_app.services.settings.store import county_checklists
from desktop_app.storage.models import Area, Cadre, Household, Measure, Member, PovertyLine
from desktop_app.storage.queries import live

# --- loading -------------------------------------------------------------------------------------------


def _household(session: Session, household_id: str) -> Household:
    row = session.get(Household, household_id)
    if row is None or row.deleted:
        raise DomainError("household_missing", "找不到该户（可能已被删除）", "household not found (it may be deleted)")
    return row


def load_household(session: Session, household_id: str) -> HouseholdForm:
    row = _household(session, household_id)
    village = session.get(Area, row.village_id)
    form = HouseholdForm(
        id=row.id,
        village_code=village.code if village else "",
        village_name=village.name if village else "",
        head_name=row.head_name,
        stage=row.stage,
        status=row.status,
        exit_year=row.exit_year,
        conflict=row.conflict,
        other_causes=[c for c in (row.other_causes or "").split(",") if c],
        guarantees={name: getattr(row, f"{name}_ok") for name in GUARANTEES},
        guarantee_notes=dict(row.guarantee_notes or {}),
        checklist_answers=dict(row.checklist_answers or {}),
    )
    for name in CARD_FIELDS:
        setattr(form, name, getattr(row, name))
    members = session.execute(
        select(Member)
        .where(col(Member.household_id) == household_id, live(Member))
        .order_by(col(Member.sort_order), col(Member.created_at))
    ).scalars()
    for m in members:
        mf = MemberForm(id=m.id, id_number=m.id_number or "")
        for name in MEMBER_FIELDS:
            setattr(mf, name, getattr(m, name))
        form.members.append(mf)
        form.known_member_ids.append(m.id)
    measures = session.execute(
        select(Measure)
        .where(col(Measure.household_id) == household_id, live(Measure))
        .order_by(col(Measure.year), col(Measure.created_at))
    ).scalars()
    for ms in measures:
        mform = MeasureForm(id=ms.id)
        for name in MEASURE_FIELDS:
            setattr(mform, name, getattr(ms, name))
        form.measures.append(mform)
        form.known_measure_ids.append(ms.id)
    return form


def next_household_number(session: Session, village_code: str) -> str:
    """Village code + a 4-digit sequence, one above the highest used in the village (tombstones included)."""
    numbers = session.execute(
        select(col(Household.number)).where(
            col(Household.number) >= village_code,
            col(Household.number) < village_code + "\uffff",
            func.length(col(Household.number)) == len(village_code) + 4,
        )
    ).scalars()
    highest = max((int(n[len(village_code) :]) for n in numbers if n[len(village_code) :].isdigit()), default=0)
    return f"{village_code}{highest + 1:04d}"


def latest_line_year(session: Session, up_to: int | None = None) -> int | None:
    up_to = up_to or date.today().year
    return session.execute(
        select(func.max(col(PovertyLine.year))).where(live(PovertyLine), col(PovertyLine.year) <= up_to)
    ).scalar()


def new_household_form(session: Session, village_id: str, group_id: str | None = None) -> HouseholdForm:
    """A blank card in ``village_id`` (and in ``group_id`` when that is one of the village's groups).

    The identification year is this year (the year the card is made); the income year is the last completed
    year, because a household's income is judged on a whole year of earnings, which the current year is not
    until it ends. Neither depends on which poverty lines happen to be on file.
    """
    village = session.get(Area, village_id)
    if village is None or village.deleted or village.level != "village":
        raise DomainError("village_missing", "请先选择一个行政村", "choose a village first")
    group = session.get(Area, group_id) if group_id else None
    if group is not None and (group.deleted or group.level != "group" or group.parent_id != village.id):
        group = None
    this_year = date.today().year
    return HouseholdForm(
        village_id=village.id,
        village_code=village.code,
        village_name=village.name,
        group_id=group.id if group is not None else None,
        number=next_household_number(session, village.code),
        identification_year=this_year,
        income_year=this_year - 1,
    )


def village_groups(session: Session, village_id: str) -> list[Choice]:
    rows = session.execute(
        select(col(Area.id), col(Area.name))
        .where(col(Area.parent_id) == village_id, col(Area.level) == "group", live(Area))
        .order_by(col(Area.code))
    ).all()
    return [Choice(id=r[0], label=r[1]) for r in rows]


def cadre_choices(
    session: Session,
    *,
    village_id: str | None = None,
    query: str = "",
    include: str | None = None,
    limit: int = 300,
) -> list[Choice]:
    """Cadres to offer: those already pairing households of the village, or those whose name contains
    ``query``, plus ``include`` (the card's own cadre). A county holds tens of thousands of cadres: a combo
    box with all of them takes a second to build, so without a village or a query at most ``limit`` come."""
    stmt = select(col(Cadre.id), col(Cadre.name), col(Cadre.unit), col(Cadre.phone)).where(live(Cadre))
    query = query.strip()
    if query:
        stmt = stmt.where(col(Cadre.name).contains(query, autoescape=True))
    elif village_id:
        paired = select(col(Household.cadre_id)).where(
            col(Household.village_id) == village_id, live(Household), col(Household.cadre_id).is_not(None)
        )
        stmt = stmt.where(col(Cadre.id).in_(paired))
    rows = list(session.execute(stmt.order_by(col(Cadre.name)).limit(limit)).all())
    if include and include not in {r[0] for r in rows}:
        rows += session.execute(
            select(col(Cadre.id), col(Cadre.name), col(Cadre.unit), col(Cadre.phone)).where(col(Cadre.id) == include)
        ).all()
    return [Choice(id=r[0], label=r[1], detail=" ".join(x for x in (r[2], r[3]) if x)) for r in rows]


# --- saving --------------------------------------------------------------------------------------------


def _set(obj: object, name: str, value: object) -> None:
    if getattr(obj, name) != value:
        setattr(obj, name, value)


def _save_members(session: Session, row: Household, form: HouseholdForm) -> None:
    existing = {
        m.id: m
        for m in session.execute(select(Member).where(col(Member.household_id) == row.id, live(Member))).scalars()
    }
    kept: set[str] = set()
    for order, mf in enumerate(form.members):
        member = existing.get(mf.id) if mf.id else None
        if member is None:
            member = Member(household_id=row.id, name=mf.name.strip())
            if mf.id:
                member.id = mf.id
            session.add(member)
        kept.add(member.id)
        for name in MEMBER_FIELDS:
            value = getattr(mf, name)
            _set(member, name, value.strip() if isinstance(value, str) else value)
        _set(member, "id_number", idnumber.normalize(mf.id_number) if mf.id_number else None)
        if len(member.id_number or "") == 15:
            member.id_number = idnumber.check(mf.id_number).normalized
        _set(member, "sort_order", order)
        mf.id = member.id
    for member_id, member in existing.items():
        if member_id not in kept and member_id in form.known_member_ids:
            member.deleted = True
    form.known_member_ids = sorted(kept | (existing.keys() - set(form.known_member_ids)))


def _save_measures(session: Session, row: Household, form: HouseholdForm) -> None:
    existing = {
        m.id: m
        for m in session.execute(select(Measure).where(col(Measure.household_id) == row.id, live(Measure))).scalars()
    }
    kept: set[str] = set()
    for mf in form.measures:
        measure = existing.get(mf.id) if mf.id else None
        if measure is None:
            measure = Measure(household_id=row.id, year=mf.year or date.today().year, type=mf.type or "")
            session.add(measure)
        for name in MEASURE_FIELDS:
            _set(measure, name, getattr(mf, name))
        kept.add(measure.id)
        mf.id = measure.id
    for measure_id, measure in existing.items():
        if measure_id not in kept and measure_id in form.known_measure_ids:
            measure.deleted = True
    form.known_measure_ids = sorted(kept | (existing.keys() - set(form.known_measure_ids)))


def _update_derived(session: Session, row: Household, income: Income) -> None:
    """Head, size and per-capita income from the members on file (which may include some added meanwhile)."""
    people = session.execute(
        select(col(Member.name), col(Member.relation), col(Member.id_number), col(Member.active))
        .where(col(Member.household_id) == row.id, live(Member))
        .order_by(col(Member.sort_order))
    ).all()
    derived = derive(
        number=row.number,
        head_name=row.head_name,
        income=income,
        people=[Person(name, relation, id_number, active) for name, relation, id_number, active in people],
    )
    for name, value in derived.values().items():
        _set(row, name, value)


def refresh_card(session: Session, row: Household) -> None:
    """The derived fields of a card whose members changed outside the card editor (a split, a merge, a move,
    a member change of the procedure).

    Written through the ORM, so they are logged and versioned like the editor's own save (the merge engine's
    ``refresh_households`` writes without a log because there the member changes came from another laptop)."""
    session.flush()
    _update_derived(session, row, income_of(row))
    session.add(row)


def save_household(session: Session, form: HouseholdForm) -> str:
    """Write the card if it is valid (else raise :class:`HouseholdInvalid` and write nothing)."""
    errors = validate(session, form)
    if errors:
        raise HouseholdInvalid(errors)
    if form.id:
        row = _household(session, form.id)
    else:
        row = Household(village_id=form.village_id, number=form.number.strip())
        session.add(row)
    if form.new_cadre is not None:
        cadre = Cadre(
            name=form.new_cadre.name.strip(), unit=form.new_cadre.unit.strip(), phone=form.new_cadre.phone.strip()
        )
        session.add(cadre)
        form.cadre_id = cadre.id
        form.new_cadre = None
    for name in CARD_FIELDS:
        value = getattr(form, name)
        _set(row, name, value.strip() if isinstance(value, str) else value)
    _set(row, "other_causes", ",".join(c for c in form.other_causes if c != form.main_cause))
    for name in GUARANTEES:
        _set(row, f"{name}_ok", form.guarantees.get(name))
    notes = {k: v for k, v in form.guarantee_notes.items() if v}
    _set(row, "guarantee_notes", notes)
    _set(row, "checklist_answers", dict(form.checklist_answers))
    session.flush()  # the household row exists before members point at it
    _save_members(session, row, form)
    _save_measures(session, row, form)
    session.flush()
    _update_derived(session, row, form.income())
    follow_card(session, row)  # the record of the card's income year keeps the card's income
    session.flush()
    form.id = row.id
    form.head_name = row.head_name
    refresh_search_index(session, [row.id])
    return row.id


# --- income against the line ---------------------------------------------------------------------------


def poverty_lines(session: Session) -> list[eligibility.PovertyLine]:
    rows = session.execute(
        select(
            col(PovertyLine.year), col(PovertyLine.region_code), col(PovertyLine.standard), col(PovertyLine.amount_fen)
        ).where(live(PovertyLine))
    ).all()
    return [eligibility.PovertyLine(year=r[0], region_code=r[1] or "", standard=r[2], amount_fen=r[3]) for r in rows]


def assess_form(
    form: HouseholdForm,
    lines: Iterable[eligibility.PovertyLine],
    checklists: Iterable[eligibility.Checklist] | None = None,
    *,
    counted: Iterable[MemberForm] | None = None,
) -> eligibility.Assessment | None:
    """The eligibility assessment of the card as it stands (None while it has no members or income year);
    ``checklists`` are the county's (services.settings.county_checklists), every shipped one when None;
    ``counted``: the members of the income year (its record's), instead of the members active now."""
    active = form.active_members() if counted is None else list(counted)
    if not active or form.income_year is None:
        return None
    facts = eligibility.HouseholdFacts(
        year=form.income_year,
        size=len(active),
        income=form.income(),
        region_code=form.village_code,
        standard=form.standard or eligibility.NATIONAL_STANDARD,
        guarantees=dict(form.guarantees),
        answers=dict(form.checklist_answers),
        members=[
            eligibility.MemberFacts(
                health=m.health,
                disability_grade=m.disability_grade,
                school_status=m.school_status,
                labour=m.labour,
                is_public_official=m.is_public_official,
            )
            for m in active
        ],
        medical_expense_fen=form.medical_expense_fen,
        disaster_loss_fen=form.disaster_loss_fen,
    )
    return eligibility.assess(facts, lines=lines, checklists=catalog.checklists() if checklists is None else checklists)


def income_assessment(session: Session, form: HouseholdForm) -> eligibility.Assessment | None:
    return assess_form(form, poverty_lines(session), county_checklists(session))


def year_assessment(session: Session, form: HouseholdForm) -> tuple[eligibility.Assessment | None, YearFacts | None]:
    """The assessment of the card's income year over the members of that year: its income record's (made
    from the card now when there is none, so that the judgement's facts stay as they were)."""
    facts = freeze_year(session, _household(session, form.id)) if form.id else None
    if facts is None:
        return income_assessment(session, form), None
    ids = set(facts.member_ids)
    counted = [m for m in form.members if m.id in ids]
    assessment = assess_form(form, poverty_lines(session), county_checklists(session), counted=counted or None)
    return assessment, facts


__all__ = [
    "CadreForm",
    "Choice",
    "FieldError",
    "HistoryEntry",
    "HouseholdForm",
    "HouseholdInvalid",
    "MeasureForm",
    "MemberForm",
    "assess_form",
    "cadre_choices",
    "household_history",
    "income_assessment",
    "load_household",
    "new_household_form",
    "next_household_number",
    "poverty_lines",
    "refresh_card",
    "save_household",
    "validate",
    "village_groups",
    "year_assessment",
]
