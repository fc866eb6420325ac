"""The household card as plain data: what the card editor edits and the card services read and write.

No ORM objects and no session here, so a form can travel between threads and widgets freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop_app.domain import eligibility, fields
from desktop_app.domain.errors import DomainError
from desktop_app.domain.income import Income, per_capita_net

HEAD = "01"
GUARANTEES = eligibility.GUARANTEES
_CARD = [spec for spec in fields.HOUSEHOLD_FIELDS if spec.card]
# Card fields checked against a code list (field -> list id), from the declaration.
HOUSEHOLD_CODES = {spec.name: spec.codelist for spec in _CARD if spec.kind == fields.CODE and spec.codelist}
MEMBER_CODES = {spec.name: spec.codelist for spec in fields.MEMBER_FIELDS if spec.kind == fields.CODE and spec.codelist}
LAND_FIELDS = tuple(spec.name for spec in _CARD if spec.kind == fields.DECIMAL)
INCOME_FIELDS = tuple(spec.name for spec in _CARD if spec.kind == fields.MONEY)
# Fields copied as they are between the forms and the tables, from the one declaration (domain.fields); stage,
# status and exit year belong to the identification procedure and are shown, never written, by the card.
CARD_FIELDS = fields.names(fields.HOUSEHOLD_FIELDS, card_only=True)
MEMBER_FIELDS = fields.names(fields.MEMBER_FIELDS, card_only=True)
MEASURE_FIELDS = fields.names(fields.MEASURE_FIELDS)


@dataclass
class MemberForm:
    """One member row as typed; ``id`` is None until the member is first saved."""

    id: str | None = None
    name: str = ""
    id_number: str = ""  # as typed; stored normalised
    relation: str | None = None
    sex: str | None = None
    birth_date: date | None = None
    ethnicity: str | None = None
    education: str | None = None
    school_status: str | None = None
    health: str | None = None
    disability_grade: str | None = None
    labour: str | None = None
    work_status: str | None = None
    months_away: int | None = None
    medical_insurance: bool | None = None
    serious_illness_insurance: bool | None = None
    pension_insurance: bool | None = None
    subsistence_allowance: bool | None = None
    is_public_official: bool = False
    phone: str = ""
    active: bool = True
    joined_on: date | None = None
    left_on: date | None = None
    left_reason: str = ""


if TYPE_CHECKING:

    class MeasureForm:
        """One assistance measure of the plan (一户一策): ``id`` and a field per declared measure field."""

        id: str | None
        year: int | None
        type: str | None

        def __init__(self, id: str | None = None, **values: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...
        def __setattr__(self, name: str, value: Any) -> None: ...

else:
    # A dataclass with one attribute per declared measure field (domain.fields.MEASURE_FIELDS): a new field of
    # a measure reaches the card, its checks and its save without an edit here.
    MeasureForm = make_dataclass(
        "MeasureForm",
        [("id", str | None, field(default=None))]
        + [(spec.name, Any, field(default=spec.initial())) for spec in fields.MEASURE_FIELDS],
    )
    MeasureForm.__module__ = __name__
    MeasureForm.__doc__ = "One assistance measure of the plan (一户一策)."


@dataclass
class CadreForm:
    """A pairing cadre typed on the card who is not on file yet."""

    name: str = ""
    unit: str = ""
    phone: str = ""


@dataclass
class HouseholdForm:
    """The whole card. Removing a member or measure from the lists tombstones it on save."""

    id: str | None = None
    village_id: str = ""
    village_code: str = ""  # shown, and the region of the poverty line
    village_name: str = ""
    group_id: str | None = None
    number: str = ""
    head_name: str = ""  # derived from the head member on save
    address: str = ""
    phone: str = ""
    bank_name: str = ""
    bank_account: str = ""
    attribute: str | None = None
    standard: str = "1"
    identification_year: int | None = None
    stage: str = "applied"
    status: str = "1"
    exit_year: int | None = None
    conflict: bool = False  # a merge left differences for a person to decide (shown, not written by the card)
    main_cause: str | None = None
    other_causes: list[str] = field(default_factory=list)
    arable_land_mu: Decimal | None = None
    forest_land_mu: Decimal | None = None
    grassland_mu: Decimal | None = None
    housing_area_m2: Decimal | None = None
    housing_grade: str | None = None
    safe_water: bool | None = None
    electricity: bool | None = None
    road_distance_km: Decimal | None = None
    road_type: str | None = None
    livestock: str = ""
    income_year: int | None = None
    income_wage_fen: int = 0
    income_business_fen: int = 0
    income_property_fen: int = 0
    income_transfer_fen: int = 0
    production_costs_fen: int = 0
    medical_expense_fen: int = 0
    disaster_loss_fen: int = 0
    guarantees: dict[str, bool | None] = field(default_factory=lambda: dict.fromkeys(GUARANTEES))
    guarantee_notes: dict[str, str] = field(default_factory=dict)
    checklist_answers: dict[str, bool] = field(default_factory=dict)
    cadre_id: str | None = None
    new_cadre: CadreForm | None = None
    note: str = ""
    members: list[MemberForm] = field(default_factory=list)
    measures: list[MeasureForm] = field(default_factory=list)
    # What was on file when the card was loaded: only these are tombstoned when missing from the lists, so a
    # member added meanwhile by someone else (the procedure, a merge) is never removed by a stale card.
    known_member_ids: list[str] = field(default_factory=list)
    known_measure_ids: list[str] = field(default_factory=list)

    def active_members(self) -> list[MemberForm]:
        return [m for m in self.members if m.active]

    def income(self) -> Income:
        return Income(
            wage=self.income_wage_fen,
            business=self.income_business_fen,
            property=self.income_property_fen,
            transfer=self.income_transfer_fen,
            costs=self.production_costs_fen,
        )

    def per_capita_fen(self) -> int | None:
        size = len(self.active_members())
        return per_capita_net(self.income(), size) if size else None


@dataclass(frozen=True)
class FieldError:
    """One problem on the card. ``member`` is the row in ``form.members`` (None for the household)."""

    field: str
    member: int | None
    code: str
    message_zh: str
    message_en: str
    other_household_id: str | None = None
    other_household_number: str | None = None

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


class HouseholdInvalid(DomainError):
    """The card was not saved: the errors say where and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        first = errors[0] if errors else None
        more_zh = f"（另有 {len(errors) - 1} 处问题）" if len(errors) > 1 else ""
        more_en = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            "household_invalid",
            "户卡未保存：" + (first.message_zh if first else "") + more_zh,
            "the card was not saved: " + (first.message_en if first else "") + more_en,
        )
        self.errors = errors


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    detail: str = ""
