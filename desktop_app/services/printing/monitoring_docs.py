"""The monitoring documents' data (防止返贫监测), gathered from the monitoring cases and their steps.

One household's forms (承诺授权书, 信息采集表, 入户核查表) come from its latest case (or none yet: the form is
printed to take to the first visit). The village's lists come from the steps of its cases: the evaluation
minutes from the latest evaluation meeting, the village notice from the latest notice started, the
announcement from the latest announcement, the removal notice from the latest removal notice. A front end
that holds the cases (the monitoring tab) names them instead (``case_ids``).
Terminology follows the case's year: 监测对象 before the county's ``terminology_from_year``, then
防止返贫致贫对象. Everything here reads; nothing writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain import idnumber
from desktop_app.domain.documents import MONITOR_HOUSEHOLD_KINDS, PRINT_KIND_LABELS
from desktop_app.domain.money import format_yuan
from desktop_app.reports.base import (
    BaseRenderer,  # reports/ ships as desktop_app.reports (setuptools package-dir): mypy cannot map it
    zh_date,
)
from desktop_app.reports.meeting import MinutesRenderer
from desktop_app.reports.model import MinutesData, VoteRow
from desktop_app.reports.monitor_model import FormMember, MonitorFormData, MonitorListData, MonitorPublicRow
from desktop_app.reports.monitoring import (
    CheckFormRenderer,
    CollectionFormRenderer,
    ConsentRenderer,
    MonitorListRenderer,
    doc_term,
)
from desktop_app.services.monitoring import income_for, latest_income, term_for
from desktop_app.services.monitoring.rules import load_monitor_rules
from desktop_app.services.printing.data import (
    active_members,
    code_label,
    contact_line,
    default_issuer,
    group_names,
    objection_sentence,
    pass_rule_text,
    place_of,
    yes_no,
)
from desktop_app.services.settings import print_defaults
from desktop_app.storage.models import Household
from desktop_app.storage.models_monitoring import MonitoringCase, MonitoringEvent
from desktop_app.storage.queries import live

# list kind -> the steps whose latest date picks the cases listed
LIST_STEPS: dict[str, tuple[str, ...]] = {
    "monitor-minutes": ("evaluation", "removal_evaluation"),
    "monitor-notice": ("notice_start",),
    "monitor-announcement": ("announcement",),
    "removal-notice": ("removal_notice_start", "removal_county_approval"),  # 公示, then 公告 once approved
}
FAILED_OUTCOMES = frozenset({"failed", "refused", "rejected"})


class MonitorPrintError(Exception):
    """Nothing to print for this selection; ``message_zh`` says why (the render layer turns it into a PrintError)."""

    def __init__(self, message_zh: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh


# --- terminology ------------------------------------------------------------------------------------


def term_for_year(year: int, session: Session) -> str:
    return term_for(year, load_monitor_rules(session))[0]


# --- reading the cases ------------------------------------------------------------------------------


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [p.strip() for p in value.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    if isinstance(value, (list, tuple)):
        return [str(p).strip() for p in value if str(p).strip()]
    return []


def _int(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


def latest_case(session: Session, household_id: str) -> MonitoringCase | None:
    rows = session.execute(
        select(MonitoringCase)
        .where(col(MonitoringCase.household_id) == household_id, live(MonitoringCase))
        .order_by(col(MonitoringCase.round).desc(), col(MonitoringCase.found_on).desc())
    ).scalars()
    return next(iter(rows), None)


def _events(session: Session, case_ids: Sequence[str], steps: Sequence[str]) -> list[MonitoringEvent]:
    if not case_ids:
        return []
    return list(
        session.execute(
            select(MonitoringEvent)
            .where(
                col(MonitoringEvent.case_id).in_(list(case_ids)),
                col(MonitoringEvent.step).in_(list(steps)),
                live(MonitoringEvent),
            )
            .order_by(col(MonitoringEvent.on_date), col(MonitoringEvent.created_at))
        ).scalars()
    )


def list_case_ids(session: Session, kind: str, village_id: str, *, on: date | None = None) -> tuple[str, ...]:
    """The cases a village list prints: those whose step of ``kind`` fell on the latest such date (or ``on``)."""
    steps = LIST_STEPS[kind]
    rows = session.execute(
        select(
            col(MonitoringEvent.case_id),
            col(MonitoringEvent.on_date),
            col(MonitoringEvent.step),
            col(MonitoringEvent.outcome),
        )
        .join(Household, col(Household.id) == col(MonitoringEvent.household_id))
        .where(
            col(Household.village_id) == village_id,
            col(MonitoringEvent.step).in_(list(steps)),
            live(MonitoringEvent),
            live(Household),
        )
    ).all()
    rows = [r for r in rows if r[2] != "removal_county_approval" or r[3] == "approved"]
    if not rows:
        return ()
    day = on or max(r[1] for r in rows)
    step = max((r for r in rows if r[1] == day), key=lambda r: steps.index(r[2]), default=None)
    if step is None:
        return ()
    return tuple(dict.fromkeys(r[0] for r in rows if r[1] == day and r[2] == step[2]))


def _listed(
    session: Session, case_ids: Sequence[str], steps: Sequence[str]
) -> list[tuple[MonitoringCase, Household, MonitoringEvent]]:
    """Each case with its household and its latest event of ``steps``, in household-number order."""
    latest: dict[str, MonitoringEvent] = {}
    for event in _events(session, case_ids, steps):
        latest[event.case_id] = event
    out = []
    for case_id in dict.fromkeys(case_ids):
        case = session.get(MonitoringCase, case_id)
        if case is None or case.deleted or case_id not in latest:
            continue
        household = session.get(Household, case.household_id)
        if household is not None and not household.deleted:
            out.append((case, household, latest[case_id]))
    return sorted(out, key=lambda t: t[1].number)


def _term_of(session: Session, cases: Sequence[MonitoringCase], fallback_year: int) -> str:
    """A list's term: that of its newest case (a list issued now uses the current name)."""
    return term_for_year(max((c.found_on.year for c in cases), default=fallback_year), session)


# --- the village lists ------------------------------------------------------------------------------


def list_data(session: Session, kind: str, village_id: str, case_ids: Sequence[str], today: date) -> MonitorListData:
    place = place_of(session, village_id)
    groups = group_names(session, village_id)
    listed = _listed(session, case_ids, LIST_STEPS[kind])
    if not listed:
        raise MonitorPrintError(f"{place.village}没有可列入{PRINT_KIND_LABELS[kind][0]}的监测户")
    term = doc_term(_term_of(session, [c for c, _, _ in listed], today.year))
    rows = [
        MonitorPublicRow(
            name=h.head_name,
            group=groups.get(h.group_id or "", ""),
            size=h.size,
            category=code_label("monitor_category", c.category or e.data.get("category")),
            extra=code_label("removal_method", c.removal_method or e.data.get("method"))
            if kind == "removal-notice"
            else "",
        )
        for c, h, e in listed
    ]
    first = listed[0][2]
    start = first.on_date
    end = _as_date(first.data.get("end"))
    county = print_defaults(session)
    village_body = default_issuer("village_announcement", place, county)
    township_body = default_issuer("township_announcement", place, county)
    households, people = len(rows), sum(r.size for r in rows)
    objection = objection_sentence(start, end, village_body, township_body)
    contact = contact_line(county.contact_phone, county.contact_place)
    year = start.year
    if kind == "monitor-notice":
        title = f"{place.village}{year}年拟纳入{term}名单公示"
        intro = (
            f"经农户申请或干部排查、入户核实、信息比对和村民代表民主评议，{place.village}拟纳入{term}共 "
            f"{households} 户 {people} 人，现将名单予以公示。"
        )
        return MonitorListData(
            kind, title, intro, objection, "特此公示。", place, village_body, start, rows, contact_text=contact
        )
    if kind == "removal-notice" and all(e.step == "removal_county_approval" for _, _, e in listed):
        title = f"{place.village}{year}年{term}风险消除名单公告"
        intro = (
            f"经入户核实、村民代表民主评议、村内公示、{place.township}人民政府审核和县级审批，{place.village}"
            f"{term}共 {households} 户 {people} 人风险已消除，现予以公告。"
        )
        objection = f"如对名单有异议，请向{township_body}反映。"
        return MonitorListData(
            kind,
            title,
            intro,
            objection,
            "特此公告。",
            place,
            township_body,
            start,
            rows,
            extra_title="消除方式",
            contact_text=contact,
        )
    if kind == "removal-notice":
        title = f"{place.village}{year}年{term}拟消除风险名单公示"
        intro = (
            f"经入户核实和村民代表民主评议，{place.village}拟消除风险的{term}共 {households} 户 {people} 人，"
            "现将名单予以公示。"
        )
        return MonitorListData(
            kind,
            title,
            intro,
            objection,
            "特此公示。",
            place,
            village_body,
            start,
            rows,
            extra_title="消除方式",
            contact_text=contact,
        )
    title = f"{place.village}{year}年{term}名单公告"
    intro = (
        f"经村民代表民主评议、村内公示、{place.township}人民政府审核和县级审批，{place.village}新纳入{term}共 "
        f"{households} 户 {people} 人，现予以公告。"
    )
    closing_note = f"如对名单有异议，请向{township_body}反映。"
    return MonitorListData(
        kind, title, intro, closing_note, "特此公告。", place, township_body, start, rows, contact_text=contact
    )


def minutes_data(session: Session, village_id: str, case_ids: Sequence[str], today: date) -> MinutesData:
    place = place_of(session, village_id)
    groups = group_names(session, village_id)
    listed = _listed(session, case_ids, LIST_STEPS["monitor-minutes"])
    if not listed:
        raise MonitorPrintError(f"{place.village}还没有监测民主评议记录")
    term = doc_term(_term_of(session, [c for c, _, _ in listed], today.year))
    rows = []
    for _case, h, e in listed:
        d = e.data or {}
        rows.append(
            VoteRow(
                name=h.head_name,
                group=groups.get(h.group_id or "", ""),
                size=h.size,
                votes_for=_int(d.get("for")),
                votes_against=_int(d.get("against")),
                votes_abstain=_int(d.get("abstain")),
                result="未通过" if e.outcome in FAILED_OUTCOMES else "通过",
            )
        )
    first = listed[0][2].data or {}
    removal = all(e.step == "removal_evaluation" for _, _, e in listed)
    what = f"{term}风险消除" if removal else f"{term}纳入"
    return MinutesData(
        title=f"{place.village}{what}民主评议会议记录",
        place=place,
        meeting_date=listed[0][2].on_date,
        location=str(first.get("place", "")),
        chair=str(first.get("chair", "")),
        recorder=str(first.get("recorder", "")),
        expected=_int(first.get("expected")),
        present=_int(first.get("present")),
        attendees=_names(first.get("attendees")),
        guests=_names(first.get("guests")),
        rows=rows,
        rule_text=pass_rule_text(session),
    )


# --- one household's forms --------------------------------------------------------------------------


def _age(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{format_yuan(fen)} 元"


def form_data(
    session: Session, kind: str, household: Household, case: MonitoringCase | None, today: date
) -> MonitorFormData:
    place = place_of(session, household.village_id)
    group = group_names(session, household.village_id).get(household.group_id or "", "")
    year = case.found_on.year if case is not None else today.year
    term = term_for_year(year, session)
    check = _events(session, [case.id], ["home_check"])[-1:] if case is not None else []
    check_data = check[0].data if check else {}
    members = []
    for m in active_members(session, [household.id]).get(household.id, []):
        age = _age(m.birth_date, today)
        members.append(
            FormMember(
                name=m.name,
                relation=code_label("relation", m.relation),
                sex=code_label("sex", m.sex),
                id_number=idnumber.mask(m.id_number) if m.id_number else "",
                age="" if age is None else str(age),
                education=code_label("education", m.education),
                health=code_label("health", m.health),
                labour=code_label("labour", m.labour),
                work=code_label("work_status", m.work_status),
                adult=age is None or age >= 18,
            )
        )
    facts = [
        ("村民小组", group),
        ("家庭住址", household.address),
        ("家庭人口", f"{household.size} 人"),
        ("户类型", code_label("attribute", household.attribute) or "一般农户"),
    ]
    if case is not None:
        facts += [
            ("线索来源", code_label("monitor_source", case.source)),
            ("发现日期", zh_date(case.found_on, "")),
            ("监测类别", code_label("monitor_category", case.category or check_data.get("category"))),
            ("办理时限", zh_date(case.deadline, "")),
        ]
    if kind == "check-form":
        facts.append(("核查日期", zh_date(check[0].on_date if check else None, "")))
    income_year = _int(check_data.get("income_year")) or (case.income_year if case else None)
    record = (income_for(session, household.id, income_year) if income_year else None) or latest_income(
        session, household.id
    )
    income: list[tuple[str, str]] = [
        ("工资性收入", _yuan(record.wage_fen) if record else ""),
        ("生产经营性收入", _yuan(record.business_fen) if record else ""),
        ("财产性收入", _yuan(record.property_fen) if record else ""),
        ("转移性收入", _yuan(record.transfer_fen) if record else ""),
        ("生产经营支出", _yuan(record.costs_fen) if record else ""),
        ("家庭纯收入", _yuan(record.net_fen) if record else ""),
        ("人均纯收入", _yuan(record.per_capita_fen) if record else ""),
        ("合规自付支出", _yuan(record.out_of_pocket_fen) if record else ""),
    ]
    line_fen = _int(check_data.get("line_fen")) or (case.line_fen if case else None)
    if kind == "check-form":
        income.append(("当年监测范围", _yuan(line_fen)))
        raw = check_data.get("guarantees")
        guarantees: dict[str, Any] = raw if isinstance(raw, dict) else {}
        for key, label in (
            ("education", "义务教育有保障"),
            ("medical", "基本医疗有保障"),
            ("housing", "住房安全有保障"),
            ("safe_water", "饮水安全有保障"),
        ):
            value = guarantees.get(key)
            income.append((label, yes_no(value) if isinstance(value, bool) else ""))
    chosen = set(case.risks or []) if case is not None else set()
    risks = [(item.zh, "√" if item.code in chosen else "□") for item in catalog.codelists()["monitor_risk"].items]
    title = f"{doc_term(term)}{PRINT_KIND_LABELS[kind][0]}"
    return MonitorFormData(
        kind=kind,
        title=title,
        term=term,
        place=place,
        number=household.number,
        head_name=household.head_name,
        group=group,
        address=household.address,
        facts=facts,
        members=members,
        income=income,
        income_year=str(record.year) if record else "",
        risks=risks,
        checkers=_names(check_data.get("checkers")),
        findings=str(check_data.get("findings", "")),
        check_date=check[0].on_date if check else None,
        printed_on=today,
    )


def monitor_renderer(
    session: Session,
    kind: str,
    *,
    village_id: str | None,
    household_id: str | None,
    case_ids: Sequence[str],
    today: date,
) -> BaseRenderer:
    """The renderer of a monitoring document (a ``MonitorPrintError`` when there is nothing to print)."""
    if kind in MONITOR_HOUSEHOLD_KINDS:
        household = session.get(Household, household_id) if household_id else None
        if household is None or household.deleted:
            raise MonitorPrintError("找不到要打印的户")
        case = session.get(MonitoringCase, case_ids[0]) if case_ids else latest_case(session, household.id)
        data = form_data(session, kind, household, case, today)
        renderer = {"consent": ConsentRenderer, "collection-form": CollectionFormRenderer}.get(kind, CheckFormRenderer)
        return renderer(data)
    assert village_id is not None
    ids = list(case_ids) or list(list_case_ids(session, kind, village_id))
    if kind == "monitor-minutes":
        return MinutesRenderer(minutes_data(session, village_id, ids, today))
    return MonitorListRenderer(list_data(session, kind, village_id, ids, today))
