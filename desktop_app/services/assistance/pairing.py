"""The pairings of cadres with households (结对帮扶, 监测联系人); the roster is ``pairing_roster``.

A pairing has a start and an end; re-pairing ends the household's current pairing of that role the day before
the new one starts and keeps it as history. ``Household.cadre_id`` follows the current role-1 pairing, so the
card's 帮扶责任人 tab shows it; a household whose card names a cadre without a pairing row has an implicit
pairing (``pairing_links``), which re-pairing or ending first writes down as a row (start unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError
from desktop_app.domain.pairing import ROLE_CADRE, ROLES, RULES_NAME, check_period, covers, day_before
from desktop_app.services.assistance.pairing_links import IMPLICIT, current_links, households_of_cadres
from desktop_app.services.assistance.pairing_roster import roster_cadre
from desktop_app.services.assistance.pairing_rules import rules_of
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Cadre, Household
from desktop_app.storage.models_assist import Pairing
from desktop_app.storage.queries import household_by_number, live

REPAIRED = "重新结对"


@dataclass(frozen=True)
class PairingRow:
    id: str  # "card:<household id>" for an implicit pairing (the card's cadre without a pairing row)
    household_id: str
    cadre_id: str
    cadre: str
    unit: str
    phone: str
    role: str
    role_label: str
    started_on: date | None
    ended_on: date | None
    current: bool
    end_reason: str = ""
    note: str = ""


def household_of(session: Session, key: str) -> Household:
    """A living household by its number (户编号) or id."""
    found = household_by_number(session, key)
    if found is None:
        raise AssistError("household_missing", f"找不到户编号或 ID 为 {key} 的户", f"no household {key}")
    return found


@dataclass(frozen=True)
class HouseholdBrief:
    id: str
    number: str
    head_name: str
    village_id: str


def household_brief(db: Database, household_id: str) -> HouseholdBrief:
    """A household (by number or id) as the pairing screens name it: number, head and village."""
    with reading(db) as session:
        h = household_of(session, household_id)
        return HouseholdBrief(h.id, h.number, h.head_name, h.village_id)


def role_code(role: str) -> str:
    """``1``/``2``, their labels, or ``cadre``/``contact``."""
    text = (role or "").strip()
    code = {"cadre": ROLE_CADRE, "contact": "2"}.get(text) or catalog.parse_label("pairing_role", text)
    if code not in ROLES:
        raise AssistError("bad_role", f"结对类型无效：{text}（帮扶责任人或监测联系人）", f"unknown role {text}")
    return code


def _open_rows(session: Session, household_id: str, role: str) -> list[Pairing]:
    rows = session.execute(
        select(Pairing).where(
            live(Pairing),
            col(Pairing.household_id) == household_id,
            col(Pairing.role) == role,
            col(Pairing.ended_on).is_(None),
        )
    ).scalars()
    return list(rows)


def _write_down_implicit(session: Session, household: Household, ended_on: date, reason: str) -> None:
    """The card's cadre without a pairing row becomes a row (start unknown) that ends on ``ended_on``."""
    cadre_id = household.cadre_id
    if cadre_id is None or any(r.cadre_id == cadre_id for r in _open_rows(session, household.id, ROLE_CADRE)):
        return
    if session.get(Cadre, cadre_id) is None:
        return
    session.add(
        Pairing(
            household_id=household.id,
            cadre_id=cadre_id,
            role=ROLE_CADRE,
            ended_on=ended_on,
            end_reason=reason,
            note="户卡登记的帮扶责任人",
        )
    )


def _refuse_inactive(cadre: Cadre, on: date) -> None:
    if covers(cadre.started_on, cadre.ended_on, on):
        return
    rule = f"{RULES_NAME}.pair_only_active_cadres"
    if cadre.ended_on is not None and cadre.ended_on < on:
        zh = f"帮扶干部{cadre.name}的帮扶任职已于 {cadre.ended_on.isoformat()} 结束，不能结对"
    else:
        zh = f"帮扶干部{cadre.name}的帮扶任职从 {cadre.started_on} 开始，不能在 {on.isoformat()} 结对"
    raise AssistError(
        "cadre_inactive", f"{zh}（规则 {rule}：只能与在任的帮扶干部结对）", "cadre not serving", rule=rule
    )


def _refuse_over_limit(session: Session, cadre: Cadre, household_id: str, on: date) -> None:
    rules = rules_of(session)
    limit = rules.limit_for(cadre.rank)
    if not rules.refuse_over_limit or limit is None:
        return
    links = current_links(session, on, households_of_cadres([cadre.id]))
    load = links.loads(rules.count_roles).get(cadre.id, set()) | {household_id}
    if len(load) > limit:
        rank = catalog.label("cadre_rank", cadre.rank) or "未定职级"
        rule = f"{RULES_NAME}.limits.{cadre.rank}" if cadre.rank else f"{RULES_NAME}.limit_unranked"
        raise AssistError(
            "over_limit",
            f"超过结对上限：{rank}最多帮扶 {limit} 户，{cadre.name}已帮扶 {len(load) - 1} 户（规则 {rule}）",
            f"over the limit of {limit} households",
            rule=rule,
        )


def pair(db: Database, household_id: str, cadre_id: str, *, role: str = "1", started_on: date, note: str = "") -> str:
    """Pair ``cadre_id`` with the household (id or number) from ``started_on``; the household's current pairing
    of that role ends the day before (kept as history). Returns the new pairing's id."""
    code = role_code(role)
    with writing(db, "assist.pair") as work:
        session = work.session
        household = household_of(session, household_id)
        cadre = roster_cadre(session, cadre_id)
        if rules_of(session).pair_only_active_cadres:
            _refuse_inactive(cadre, started_on)
        current = _open_rows(session, household.id, code)
        if any(r.cadre_id == cadre.id for r in current):
            label = catalog.label("pairing_role", code)
            raise AssistError("already_paired", f"{cadre.name}已是本户的{label}", "already paired")
        _refuse_over_limit(session, cadre, household.id, started_on)
        for row in current:
            if row.started_on is not None and row.started_on >= started_on:
                raise AssistError(
                    "pairing_overlap",
                    f"新结对的开始日期须晚于当前结对的开始日期（{row.started_on.isoformat()}）",
                    "the new pairing must start after the current one",
                )
        if code == ROLE_CADRE:  # the card's cadre without a row (even the same cadre) keeps its time before
            _write_down_implicit(session, household, day_before(started_on), REPAIRED)
        for row in current:
            row.ended_on, row.end_reason = day_before(started_on), REPAIRED
        if code == ROLE_CADRE:
            household.cadre_id = cadre.id
        pairing = Pairing(household_id=household.id, cadre_id=cadre.id, role=code, started_on=started_on, note=note)
        session.add(pairing)
        session.flush()
        return pairing.id


def end_pairing(db: Database, pairing_id: str, ended_on: date, reason: str) -> None:
    """End a current pairing (an implicit one: ``card:<household id>``) on ``ended_on`` with its reason."""
    if not reason.strip():
        raise AssistError("end_reason", "请填写结束结对的原因", "a reason is required")
    with writing(db, "assist.pair_end") as work:
        session = work.session
        if pairing_id.startswith(IMPLICIT):
            household = household_of(session, pairing_id[len(IMPLICIT) :])
            if household.cadre_id is None:
                raise AssistError("pairing_missing", "本户没有户卡登记的帮扶责任人", "no cadre on the card")
            _write_down_implicit(session, household, ended_on, reason.strip())
            household.cadre_id = None
            return
        row = session.get(Pairing, pairing_id)
        if row is None or row.deleted:
            raise AssistError("pairing_missing", f"找不到结对记录：{pairing_id}", f"no pairing {pairing_id}")
        if row.ended_on is not None:
            raise AssistError("pairing_ended", f"该结对已于 {row.ended_on.isoformat()} 结束", "already ended")
        check_period(row.started_on, ended_on, "结对")
        row.ended_on, row.end_reason = ended_on, reason.strip()
        owner = session.get(Household, row.household_id)
        if row.role == ROLE_CADRE and owner is not None and owner.cadre_id == row.cadre_id:
            owner.cadre_id = None


def _pairing_row(row: Pairing, cadre: Cadre | None, card_cadre: str | None, today: date) -> PairingRow:
    stale = row.role == ROLE_CADRE and row.ended_on is None and row.cadre_id != card_cadre
    return PairingRow(
        id=row.id,
        household_id=row.household_id,
        cadre_id=row.cadre_id,
        cadre=cadre.name if cadre else "",
        unit=cadre.unit if cadre else "",
        phone=cadre.phone if cadre else "",
        role=row.role,
        role_label=catalog.label("pairing_role", row.role),
        started_on=row.started_on,
        ended_on=row.ended_on,
        current=covers(row.started_on, row.ended_on, today) and not stale,
        end_reason="户卡已改为其他帮扶责任人" if stale else row.end_reason,
        note=row.note,
    )


def household_pairings(db: Database, household_id: str, *, on: date | None = None) -> list[PairingRow]:
    """The household's pairings, current ones first, then the history newest first."""
    today = on or date.today()
    with reading(db) as session:
        household = household_of(session, household_id)
        rows = session.execute(
            select(Pairing).where(live(Pairing), col(Pairing.household_id) == household.id)
        ).scalars()
        out = [_pairing_row(r, session.get(Cadre, r.cadre_id), household.cadre_id, today) for r in rows]
        opened = {r.cadre_id for r in out if r.role == ROLE_CADRE and r.ended_on is None}
        card = session.get(Cadre, household.cadre_id) if household.cadre_id else None
        if card is not None and card.id not in opened:
            out.append(
                PairingRow(
                    id=IMPLICIT + household.id,
                    household_id=household.id,
                    cadre_id=card.id,
                    cadre=card.name,
                    unit=card.unit,
                    phone=card.phone,
                    role=ROLE_CADRE,
                    role_label=catalog.label("pairing_role", ROLE_CADRE),
                    started_on=None,
                    ended_on=None,
                    current=True,
                    note="户卡登记的帮扶责任人",
                )
            )
    return sorted(out, key=lambda r: (not r.current, r.role, -(r.started_on or date.min).toordinal()))
