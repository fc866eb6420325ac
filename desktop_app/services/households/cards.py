"""The household card's use cases: open a card, check it, save it, read its history, find cadres.

Front ends (the card editor, scripts) call these with the :class:`Database`; each reads in one snapshot or
writes in one unit of work (``household.save``) and returns plain data (forms, choices, history entries), so
no screen holds a session or an ORM object. A role that may not see full resident IDs (``id.view_full``)
gets every member's ID masked (``domain.idnumber.mask``), and such a card cannot be saved over the real IDs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain import eligibility, idnumber
from desktop_app.domain.errors import DomainError
from desktop_app.services import permissions
from desktop_app.services.households import records
from desktop_app.services.households.forms import Choice, FieldError, HouseholdForm
from desktop_app.services.households.history import HistoryEntry, household_history
from desktop_app.services.households.validation import validate
from desktop_app.services.settings.store import county_checklists
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database

VIEW_FULL_IDS = "id.view_full"


def masked_for(db: Database, form: HouseholdForm) -> HouseholdForm:
    """``form`` with its members' IDs masked unless the signed-in role may see full IDs."""
    if not permissions.allowed(db, VIEW_FULL_IDS):
        for member in form.members:
            if member.id_number:
                member.id_number = idnumber.mask(member.id_number)
    return form


def _refuse_masked(form: HouseholdForm) -> None:
    masked = [m.name or "（未填姓名）" for m in form.members if "*" in (m.id_number or "")]
    if masked:
        raise DomainError(
            "masked_id",
            f"户卡未保存：{'、'.join(masked)}的身份证号是隐藏显示的（含 *），不能保存；"
            "请填写完整号码，或请可查看完整身份证号的人员修改。",
            "The card was not saved: a resident ID is shown masked (with *); enter the full number.",
        )


@dataclass
class CardData:
    """Everything the card editor shows when it opens: the card and what its choices and checks need."""

    form: HouseholdForm
    lines: list[eligibility.PovertyLine] = field(default_factory=list)
    checklists: list[eligibility.Checklist] = field(default_factory=list)  # the county's 五不录/六优先
    groups: list[Choice] = field(default_factory=list)
    cadres: list[Choice] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)


def open_card(
    db: Database, household_id: str | None, *, village_id: str | None = None, group_id: str | None = None
) -> CardData:
    """The saved card of ``household_id``, or a blank card in ``village_id`` (and ``group_id``)."""
    with reading(db) as session:
        if household_id:
            form = records.load_household(session, household_id)
        elif village_id:
            form = records.new_household_form(session, village_id, group_id)
        else:
            raise DomainError("village_missing", "请先选择一个行政村", "choose a village first")
        return CardData(
            form=masked_for(db, form),
            lines=records.poverty_lines(session),
            checklists=county_checklists(session),
            groups=records.village_groups(session, form.village_id),
            cadres=records.cadre_choices(session, village_id=form.village_id, include=form.cadre_id),
            history=household_history(session, household_id) if household_id else [],
        )


def load_card(db: Database, household_id: str) -> HouseholdForm:
    """The card as saved now (after a procedure step, a conflict decision, a revert)."""
    with reading(db) as session:
        return masked_for(db, records.load_household(session, household_id))


def check_card(db: Database, form: HouseholdForm) -> list[FieldError]:
    """Every problem of the card as it stands (nothing is written)."""
    with reading(db) as session:
        return validate(session, form)


def save_card(db: Database, form: HouseholdForm) -> str:
    """Write the card in one unit of work; :class:`HouseholdInvalid` (nothing written) while a problem remains.

    Returns the household id; ``form`` gets the ids of new members and measures. A masked ID (``*``) is
    refused before anything is written."""
    _refuse_masked(form)
    with writing(db, "household.save", form.id) as work:
        return records.save_household(work.session, form)


def card_history(db: Database, household_id: str) -> list[HistoryEntry]:
    """The household's change log, newest first, worded for people."""
    with reading(db) as session:
        return household_history(session, household_id)


def find_cadres(
    db: Database, *, village_id: str | None = None, query: str = "", include: str | None = None, limit: int = 300
) -> list[Choice]:
    """Cadres to offer on the card: those of the village, or those whose name contains ``query``."""
    with reading(db) as session:
        return records.cadre_choices(session, village_id=village_id, query=query, include=include, limit=limit)


def card_assessment(db: Database, form: HouseholdForm) -> eligibility.Assessment | None:
    """The eligibility assessment of the card against the poverty lines and the county's checklists."""
    with reading(db) as session:
        return records.income_assessment(session, form)


__all__ = [
    "CardData",
    "card_assessment",
    "card_history",
    "check_card",
    "find_cadres",
    "load_card",
    "open_card",
    "save_card",
]
