"""The household file as tables: areas, households and their card, members, lines, cadres, measures, events.

Every synchronised record carries a stable UUID, UTC creation and update times, a version number that
grows with each change, the id of the device that last changed it, and a tombstone flag instead of being
deleted: merging several laptops' work (and the audit trail) rely on these.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Numeric, UniqueConstraint
from sqlalchemy import exc as sa_exc
from sqlmodel import Field, SQLModel

from desktop_app.storage.types import UTCDateTime, new_uuid, utcnow

# Areas (mu, m², km) are Decimals with two places. SQLite keeps them as REAL and SQLAlchemy rounds them back
# to two places on reading, warning about it; two-place values survive that exactly.
warnings.filterwarnings(
    "ignore", message=".*does \\*not\\* support Decimal objects natively", category=sa_exc.SAWarning
)

AREA_LEVELS = ("county", "township", "village", "group")


def _area(**kw: Any) -> Any:
    return Field(default=None, sa_type=Numeric(12, 2), **kw)


def _fen(**kw: Any) -> Any:
    return Field(default=0, sa_type=BigInteger, nullable=False, **kw)


class Synced(SQLModel):
    """Fields that every synchronised record carries."""

    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    version: int = Field(default=1, nullable=False)
    device_id: str = Field(default="", max_length=64, nullable=False)
    deleted: bool = Field(default=False, nullable=False)


class Area(Synced, table=True):
    """County, township, village or village group, with its statistical area code."""

    __tablename__ = "area"
    code: str = Field(max_length=20, unique=True, index=True)
    name: str = Field(max_length=100)
    level: str = Field(max_length=10, index=True)  # one of AREA_LEVELS
    parent_id: str | None = Field(default=None, foreign_key="area.id", index=True, max_length=36)


class Cadre(Synced, table=True):
    """A pairing cadre (帮扶责任人)."""

    __tablename__ = "cadre"
    # the coverage check asks "serving on the day?" of every card and pairing: answered from this index
    __table_args__ = (Index("ix_cadre_serving", "id", "deleted", "started_on", "ended_on"),)
    name: str = Field(max_length=50, index=True)
    unit: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=50)
    phone: str = Field(default="", max_length=30)
    note: str = Field(default="")
    sex: str | None = Field(default=None, max_length=2)  # code list "sex"
    rank: str | None = Field(default=None, max_length=4)  # code list "cadre_rank" (the pairing limit follows it)
    started_on: date | None = Field(default=None)  # on the work team from / to
    ended_on: date | None = Field(default=None)


class Household(Synced, table=True):
    """One household's card (贫困户登记表): basics, living conditions, income, guarantees, causes."""

    __tablename__ = "household"
    # the search box scans this narrow index instead of the wide table (services/households/search.py); search_text
    # leads so that other queries' "deleted = 0" never picks it as a lookup index
    __table_args__ = (Index("ix_household_search_text", "search_text", "deleted"),)
    village_id: str = Field(foreign_key="area.id", index=True, max_length=36)
    group_id: str | None = Field(default=None, foreign_key="area.id", index=True, max_length=36)
    number: str = Field(max_length=32, unique=True, index=True)  # 户编号, text: leading zeros matter
    head_name: str = Field(default="", max_length=50, index=True)  # kept equal to the head member's name
    address: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=30)
    bank_name: str = Field(default="", max_length=100)
    bank_account: str = Field(default="", max_length=40)  # sensitive: never on public documents
    attribute: str | None = Field(default=None, max_length=8, index=True)  # code list "attribute"
    standard: str = Field(default="1", max_length=8)  # code list "standard"
    identification_year: int | None = Field(default=None)
    stage: str = Field(default="applied", max_length=24, index=True)  # code list "stage"
    status: str = Field(default="1", max_length=8, index=True)  # code list "poverty_status"
    exit_year: int | None = Field(default=None)
    main_cause: str | None = Field(default=None, max_length=8, index=True)  # code list "cause"
    other_causes: str = Field(default="", max_length=100)  # comma-separated cause codes
    size: int = Field(default=0, nullable=False)  # active members, kept by the services
    # production and living conditions
    arable_land_mu: Decimal | None = _area()
    forest_land_mu: Decimal | None = _area()
    grassland_mu: Decimal | None = _area()
    housing_area_m2: Decimal | None = _area()
    housing_grade: str | None = Field(default=None, max_length=4)  # code list "housing_grade"
    safe_water: bool | None = Field(default=None)
    electricity: bool | None = Field(default=None)
    road_distance_km: Decimal | None = _area()
    road_type: str | None = Field(default=None, max_length=4)  # code list "road_type"
    livestock: str = Field(default="", max_length=200)
    # income of income_year, in fen
    income_year: int | None = Field(default=None)
    income_wage_fen: int = _fen()
    income_business_fen: int = _fen()
    income_property_fen: int = _fen()
    income_transfer_fen: int = _fen()
    production_costs_fen: int = _fen()
    per_capita_income_fen: int | None = Field(default=None, sa_type=BigInteger, index=True)
    medical_expense_fen: int = _fen()
    disaster_loss_fen: int = _fen()
    # 两不愁三保障: None = not yet checked
    food_ok: bool | None = Field(default=None)
    clothing_ok: bool | None = Field(default=None)
    education_ok: bool | None = Field(default=None)
    medical_ok: bool | None = Field(default=None)
    housing_ok: bool | None = Field(default=None)
    guarantee_notes: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    checklist_answers: dict[str, bool] = Field(default_factory=dict, sa_type=JSON)
    cadre_id: str | None = Field(default=None, foreign_key="cadre.id", index=True, max_length=36)
    note: str = Field(default="")
    conflict: bool = Field(default=False, nullable=False)  # set by a merge until a person decides
    # derived: names, pinyin, IDs and number for the search box (services/households/search.py); never edited by hand
    search_text: str = Field(default="", nullable=False, sa_column_kwargs={"server_default": ""})


class Member(Synced, table=True):
    """A household member. Members who leave stay on file (active = False) with the date and reason."""

    __tablename__ = "member"
    # the 八必访 facts of each household's members, read from the index alone (monitoring.warnings.must_visit)
    __table_args__ = (
        Index(
            "ix_member_visit_facts",
            "household_id",
            "deleted",
            "active",
            "health",
            "disability_grade",
            "subsistence_allowance",
            "school_status",
            "birth_date",
        ),
    )
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    name: str = Field(max_length=50, index=True)
    id_number: str | None = Field(default=None, max_length=18, index=True)  # normalised 18 digits
    relation: str | None = Field(default=None, max_length=4)
    sex: str | None = Field(default=None, max_length=2)
    birth_date: date | None = Field(default=None)
    ethnicity: str | None = Field(default=None, max_length=4)
    education: str | None = Field(default=None, max_length=4)
    school_status: str | None = Field(default=None, max_length=4)
    health: str | None = Field(default=None, max_length=4)
    disability_grade: str | None = Field(default=None, max_length=4)
    labour: str | None = Field(default=None, max_length=4)
    work_status: str | None = Field(default=None, max_length=4)
    months_away: int | None = Field(default=None)
    medical_insurance: bool | None = Field(default=None)
    serious_illness_insurance: bool | None = Field(default=None)
    pension_insurance: bool | None = Field(default=None)
    subsistence_allowance: bool | None = Field(default=None)
    is_public_official: bool = Field(default=False, nullable=False)
    phone: str = Field(default="", max_length=30)
    sort_order: int = Field(default=0, nullable=False)
    active: bool = Field(default=True, nullable=False)
    joined_on: date | None = Field(default=None)
    left_on: date | None = Field(default=None)
    left_reason: str = Field(default="", max_length=200)


class PovertyLine(Synced, table=True):
    """The income line of one year, region and standard: data the county edits, never a constant."""

    __tablename__ = "poverty_line"
    __table_args__ = (UniqueConstraint("year", "region_code", "standard", name="uq_poverty_line"),)
    year: int = Field(index=True)
    region_code: str = Field(default="", max_length=12)  # "" = whole country; else an area code prefix
    standard: str = Field(default="1", max_length=8)
    amount_fen: int = Field(sa_type=BigInteger)
    editable: bool = Field(default=True, nullable=False)
    source: str = Field(default="")


class Measure(Synced, table=True):
    """One assistance measure of the household's plan (一户一策)."""

    __tablename__ = "measure"
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    year: int = Field(index=True)
    type: str = Field(max_length=4)  # code list "measure_type"
    content: str = Field(default="")
    amount_fen: int = _fen()
    funds_source: str = Field(default="", max_length=100)
    start_date: date | None = Field(default=None)
    end_date: date | None = Field(default=None)
    result: str = Field(default="")
    delivered: bool = Field(default=False, nullable=False)


class ProcedureEvent(Synced, table=True):
    """One step of the identification, exit or adjustment procedure, with its evidence."""

    __tablename__ = "procedure_event"
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    batch_id: str | None = Field(default=None, index=True, max_length=36)
    step: str = Field(max_length=40, index=True)
    on_date: date
    actor: str = Field(default="", max_length=100)
    outcome: str = Field(default="", max_length=40)
    reason: str = Field(default="")
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class ChangeLog(SQLModel, table=True):
    """Append-only history of every change: who changed which field of which record, when, old → new."""

    __tablename__ = "change_log"
    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=36, index=True)
    household_id: str | None = Field(default=None, max_length=36, index=True)
    action: str = Field(max_length=10)  # create, update, delete
    field: str = Field(default="", max_length=60)
    old_value: str | None = Field(default=None)
    new_value: str | None = Field(default=None)
    operator: str = Field(default="", max_length=100)
    device_id: str = Field(default="", max_length=64)
    # the audit entry of the unit of work that wrote this row (on the device that wrote it; merges keep it);
    # None only for rows written before the audit chain existed (migration 0007 seals them in one entry)
    audit_entry: str | None = Field(default=None, max_length=36, index=True)


class Attachment(Synced, table=True):
    """A photo or scanned document, stored once by content hash in the data folder."""

    __tablename__ = "attachment"
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    member_id: str | None = Field(default=None, foreign_key="member.id", max_length=36)
    sha256: str = Field(max_length=64, index=True)
    filename: str = Field(max_length=255)
    mime: str = Field(default="", max_length=100)
    size_bytes: int = Field(default=0, sa_type=BigInteger)
    taken_on: date | None = Field(default=None)
    note: str = Field(default="")


class AppSetting(SQLModel, table=True):
    """County-wide settings kept with the data (announcement days, pass rule, thresholds), as JSON text."""

    __tablename__ = "app_setting"
    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="")


class Batch(Synced, table=True):
    """A list handled together: a democratic evaluation meeting, an announcement, a notice, a look-back round.

    ``kind`` is one of BATCH_KINDS. Meeting fields are used by evaluations, period and objection contacts by
    announcements; a look-back round keeps its per-household results in BatchHousehold.
    """

    __tablename__ = "batch"
    kind: str = Field(max_length=30, index=True)
    number: str = Field(max_length=40, index=True)
    village_id: str = Field(foreign_key="area.id", index=True, max_length=36)
    title: str = Field(default="", max_length=200)
    start_date: date | None = Field(default=None)
    end_date: date | None = Field(default=None)
    # meeting (民主评议)
    place: str = Field(default="", max_length=200)
    chair: str = Field(default="", max_length=50)
    recorder: str = Field(default="", max_length=50)
    attendees_expected: int | None = Field(default=None)
    attendees_present: int | None = Field(default=None)
    attendees: list[str] = Field(default_factory=list, sa_type=JSON)
    guests: list[str] = Field(default_factory=list, sa_type=JSON)  # work team, township staff present
    # announcement (公示 / 公告)
    issuing_body: str = Field(default="", max_length=200)
    objection_phone: str = Field(default="", max_length=60)
    objection_address: str = Field(default="", max_length=200)
    status: str = Field(default="open", max_length=20, index=True)  # open, closed
    outcome: str = Field(default="", max_length=40)
    closed_on: date | None = Field(default=None)
    note: str = Field(default="")


BATCH_KINDS = (
    "evaluation",
    "village_announcement",
    "township_review",
    "township_announcement",
    "county_approval",
    "county_notice",
    "exit_evaluation",
    "exit_announcement",
    "exit_notice",
    "lookback",
)


class BatchHousehold(Synced, table=True):
    """A household on a batch's list, with its votes (evaluations) or its result (reviews, look-back)."""

    __tablename__ = "batch_household"
    __table_args__ = (UniqueConstraint("batch_id", "household_id", name="uq_batch_household"),)
    batch_id: str = Field(foreign_key="batch.id", index=True, max_length=36)
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    votes_for: int | None = Field(default=None)
    votes_against: int | None = Field(default=None)
    votes_abstain: int | None = Field(default=None)
    result: str = Field(default="pending", max_length=30)
    reason: str = Field(default="")
    sort_order: int = Field(default=0, nullable=False)


class Objection(Synced, table=True):
    """An objection (异议) raised during an announcement; it must be resolved before the procedure goes on."""

    __tablename__ = "objection"
    batch_id: str = Field(foreign_key="batch.id", index=True, max_length=36)
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    raised_by: str = Field(default="", max_length=50)
    contact: str = Field(default="", max_length=100)  # internal only: never printed on a public notice
    raised_on: date
    content: str = Field(default="")
    investigator: str = Field(default="", max_length=100)
    finding: str = Field(default="")
    decision: str = Field(default="", max_length=20)  # "", upheld, dismissed
    action: str = Field(default="", max_length=30)  # when upheld: back_to_survey, removed
    decided_on: date | None = Field(default=None)
    decided_by: str = Field(default="", max_length=100)
    objector_informed: bool = Field(default=False, nullable=False)
    status: str = Field(default="open", max_length=20, index=True)  # open, resolved
